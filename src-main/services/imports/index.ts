/**
 * The import service: preview (a dry run that writes nothing), commit (one
 * transaction and one change-log `tx`, written through the funnel in chunks so
 * that a big file's writes are never all held at once: a failure anywhere
 * leaves the database exactly as it was), undo (soft-deletes exactly the batch's
 * rows and puts back the fields it changed, through the funnel), and the list of
 * batches.
 *
 * A batch is recognised again by the file's SHA-256 together with everything
 * that decides the outcome (sheet, header row, mapping, options, decisions):
 * importing the same file the same way twice is reported as done before and
 * writes nothing. The mapping people confirm is saved under a hash of the header
 * row and offered for the next file with the same headers.
 *
 * Memory is shaped for a 100,000-row sheet: the file's bytes and text are
 * dropped once parsed, the grid is the only copy of the cells, and each row is
 * normalised only as the plan reaches it (its cells released right after), so
 * the normalised rows of the whole file never exist at once.
 *
 * The batch keeps, besides its counts and problems, every merge the import made
 * (up to `mergeDetailCap` with what it takes to undo each alone — unmerge.ts),
 * so the report names each merge and why, and each can be taken back without
 * undoing the whole import.
 */
import { createHash } from 'node:crypto';
import {
  importFields,
  type ImportBatch,
  type ImportBatchDetail,
  type ImportColumn,
  type ImportCounts,
  type ImportError,
  type ImportIssue,
  type ImportLayoutNote,
  type ImportMerge,
  type ImportNotCreated,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportResult,
  type ImportUndoResult,
} from '../../../src-shared/api/imports-methods';
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import { conflict, notFound } from '../../../src-shared/errors';
import { currencyExponent } from '../../../src-shared/money';
import { todayIn } from '../../../src-shared/dates';
import { languageOf } from '../../../src-shared/names';
import { undoPackages, writePackages } from './plan-packages';
import { applyChanges, columnsOf, newId, type Write } from '../../changes/funnel';
import type { SyncedTableName } from '../../db/schema';
import { deferringClientSearch } from '../../db/search';
import type { ServiceContext } from '../../core/context';
import { defaultDisplayName } from '../clients';
import { getSettings, regionOf } from '../settings';
import { chooseDayOrder, headerNames, headerSignature, localeForLanguage, normaliseRow, type NormalRow } from './analyse';
import { isBlank } from './cells';
import { applyMapping, autoMap, isImportField } from './columns';
import { detectHeaderRow } from './layout';
import { mergeLine, readCounts, storedMerges, type StoredCounts } from './batch-record';
import { buildPlan, personKey, requireImportFields, type Decision, type Plan } from './plan';
import { fileError, readSheet, type SheetGrid } from './read';

export { undoImportMerge } from './unmerge';

type PreviewInput = MethodParsedInput<'imports.preview'>;
type CommitInput = MethodParsedInput<'imports.commit'>;

const previewRowCount = 50;
const issueCap = 1000;
/**
 * Writes per funnel call inside the one import transaction: small enough that a
 * chunk's writes die young (a chunk that outlives the young generation is copied
 * into the old one, and a 100,000-row import then grows the heap by its garbage).
 */
const writeChunk = 500;

/** The Windows code page a workspace's people most likely saved their CSV in, to break encoding ties. */
const codePages: Record<string, string[]> = {
  hu: ['windows-1250'],
  pl: ['windows-1250'],
  cs: ['windows-1250'],
  ru: ['windows-1251'],
  uk: ['windows-1251'],
  zh: ['gb18030'],
  fr: ['windows-1252'],
  de: ['windows-1252'],
  en: ['windows-1252'],
};

function decodeBase64(text: string): Uint8Array {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw fileError('file_corrupt', 'The file did not arrive intact (not valid base64)');
  }
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

interface Analysis {
  sha256: string;
  grid: SheetGrid;
  headerRow: number;
  columns: ImportColumn[];
  savedMapping: boolean;
  signature: string;
  locale: string;
  dayOrder: 'dmy' | 'mdy' | 'ymd';
  /** The data rows normalised one at a time; a single pass (each row's cells are released as it goes). */
  rows: Iterable<NormalRow>;
  /** The first rows that pass produced, for the preview. */
  firstRows: NormalRow[];
  totalRows: number;
  /** Everything that decides the outcome, canonical: with the SHA-256 it identifies a batch. */
  fingerprint: string;
  /** What the header and column stages decided about the layout. */
  layout: ImportLayoutNote[];
}

function analyse(ctx: ServiceContext, input: PreviewInput): Analysis {
  const settings = getSettings(ctx);
  // The decoded bytes live only inside this call: once parsed, nothing holds them.
  const { sha256, grid } = ((bytes: Uint8Array) => ({
    sha256: createHash('sha256').update(bytes).digest('hex'),
    grid: readSheet(bytes, input.fileName, input.sheet, codePages[languageOf(settings.locale)] ?? []),
  }))(decodeBase64(input.contentBase64));
  const options = input.options;
  const detected = options.headerRow !== undefined ? { index: options.headerRow - 1, labelsChosen: false } : detectHeaderRow(grid.rows);
  const headerIndex = detected.index;
  if (headerIndex >= grid.rows.length) throw fileError('no_rows', `The sheet has no row ${headerIndex + 1}`);
  const dataRows = grid.rows.slice(headerIndex + 1);
  const headerCells = grid.rows[headerIndex] ?? [];
  const width = Math.max(headerCells.length, ...dataRows.slice(0, 5000).map((r) => r.length));
  const headers = headerNames(headerCells, width);
  const { columns, language, layout } = autoMap(headers, dataRows, Number(workspaceToday(ctx).slice(0, 4)));
  if (detected.labelsChosen) layout.unshift('labels_row_chosen');
  const signature = headerSignature(headers);
  let savedMapping = false;
  const saved = ctx.db.sqlite
    .prepare('SELECT mapping FROM import_mappings WHERE signature = ? AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1')
    .get(signature) as { mapping: string } | undefined;
  if (saved) {
    try {
      const parsed = JSON.parse(saved.mapping) as Record<string, unknown>;
      const entries = Object.entries(parsed)
        .filter(([, field]) => field === null || isImportField(field))
        .map(([column, field]) => ({ column: Number(column), field: field as (typeof importFields)[number] | null }));
      applyMapping(columns, entries, 'saved');
      savedMapping = entries.length > 0;
    } catch {
      // a damaged saved mapping is ignored: the automatic one is shown instead
    }
  }
  if (input.mapping) applyMapping(columns, input.mapping, 'chosen');
  if (
    !columns.some(
      (c) => c.field === 'fullName' || c.field === 'firstName' || c.field === 'lastName' || c.field === 'email' || c.field === 'phone',
    )
  ) {
    throw fileError('no_name_column', 'No column holds names, e-mails or phones: choose which column is the name');
  }

  const locale = options.locale ?? localeForLanguage(language, settings.locale);
  const dayOrder = chooseDayOrder(options.dateOrder, locale, columns, dataRows);
  const read = {
    locale,
    dayOrder,
    country: settings.country ?? regionOf(settings.locale),
    fileCountry: regionOf(locale),
    currencyExponent: currencyExponent(settings.currency),
    composeName: (first: string | null, last: string | null) => defaultDisplayName(settings.locale, first, last),
  };
  let totalRows = 0;
  for (const cells of dataRows) if (!isBlank(cells)) totalRows++;
  if (totalRows === 0) throw fileError('no_rows', 'There are no rows below the header');
  grid.rows = [];
  const firstRows: NormalRow[] = [];
  function* rows(): Generator<NormalRow> {
    for (let i = 0; i < dataRows.length; i++) {
      const people = normaliseRow(dataRows[i] as SheetGrid['rows'][number], headerIndex + i + 2, columns, read, headerCells);
      dataRows[i] = [];
      for (const row of people) {
        if (firstRows.length < previewRowCount) firstRows.push(row);
        yield row;
      }
    }
  }
  const fingerprint = JSON.stringify({
    sheet: grid.sheet,
    headerRow: headerIndex + 1,
    mapping: columns.map((c) => c.field),
    locale,
    dayOrder,
    policy: options.duplicatePolicy,
  });
  return {
    sha256,
    grid,
    headerRow: headerIndex + 1,
    columns,
    savedMapping,
    signature,
    locale,
    dayOrder,
    rows: rows(),
    firstRows,
    totalRows,
    fingerprint,
    layout,
  };
}

function findBatch(ctx: ServiceContext, sha256: string, fingerprint: string): string | null {
  const row = ctx.db.sqlite
    .prepare(
      `SELECT id FROM import_batches WHERE sha256 = ? AND deleted_at IS NULL AND undone_at IS NULL AND json_extract(counts, '$.fingerprint') = ? ORDER BY created_at DESC LIMIT 1`,
    )
    .get(sha256, fingerprint) as { id: string } | undefined;
  return row?.id ?? null;
}

function decisionsOf(input: CommitInput | PreviewInput): Map<number, Decision> {
  const map = new Map<number, Decision>();
  for (const d of 'decisions' in input ? (input.decisions ?? []) : []) map.set(d.row, { action: d.action, clientId: d.clientId });
  return map;
}

function workspaceToday(ctx: ServiceContext): string {
  return todayIn(getSettings(ctx).timeZone, ctx.clock.now());
}

function plan(ctx: ServiceContext, analysis: Analysis, input: PreviewInput | CommitInput, batchId: string, fileName: string): Plan {
  return buildPlan(ctx, {
    rows: analysis.rows,
    batchId,
    policy: input.options.duplicatePolicy,
    decisions: decisionsOf(input),
    today: workspaceToday(ctx),
    fileName,
    actionsKept: previewRowCount,
  });
}

function previewRow(row: NormalRow, action: 'create' | 'merge' | 'skip', partial: boolean): ImportPreviewRow {
  return {
    row: row.row,
    action,
    displayName: row.name?.displayName ?? null,
    firstName: row.name?.firstName ?? null,
    lastName: row.name?.lastName ?? null,
    email: row.email,
    phone: row.phone,
    birthDate: row.birthDate,
    guardianName: row.guardianName?.displayName ?? null,
    guardianPhone: row.guardianPhone,
    program: row.program,
    cohort: row.cohort,
    startOn: row.startOn,
    status: row.status,
    agreedPriceMinor: row.agreedPriceMinor,
    paidMinor: row.paidMinor,
    balanceMinor: row.balanceMinor,
    instalmentCount: row.instalmentCount,
    extra: row.extra,
    issues: row.issues,
    block: row.block,
    partial: action !== 'skip' && partial,
  };
}

/** Rows that will not become all they say, grouped by why (every row of the file, not only the first ones). */
function notCreatedOf(issues: readonly ImportIssue[]): ImportNotCreated[] {
  const groups = new Map<string, ImportNotCreated>();
  for (const issue of issues) {
    if (issue.severity === 'warning') continue;
    const key = `${issue.severity}|${issue.code}`;
    const group = groups.get(key) ?? { code: issue.code, severity: issue.severity, count: 0, rows: [] };
    if (group.rows.at(-1) !== issue.row) {
      group.count++;
      if (group.rows.length < 10) group.rows.push(issue.row);
    }
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'skipped' ? -1 : 1));
}

export function previewImport(ctx: ServiceContext, input: PreviewInput): ImportPreview {
  const analysis = analyse(ctx, input);
  const result = plan(ctx, analysis, input, 'preview', input.fileName);
  const partialRows = new Set(result.issues.filter((i) => i.severity === 'partial').map((i) => i.row));
  return {
    fileName: input.fileName,
    sha256: analysis.sha256,
    format: analysis.grid.format,
    encoding: analysis.grid.encoding,
    delimiter: analysis.grid.delimiter,
    sheets: analysis.grid.sheets,
    sheet: analysis.grid.sheet,
    headerRow: analysis.headerRow,
    totalRows: analysis.totalRows,
    locale: analysis.locale,
    dateOrder: analysis.dayOrder,
    columns: analysis.columns,
    fields: importFields.map((field) => ({ field, labelKey: `imports.field.${field}` })),
    rows: analysis.firstRows.map((row) => previewRow(row, result.actions.get(personKey(row)) ?? 'skip', partialRows.has(row.row))),
    issues: result.issues.slice(0, issueCap),
    notCreated: notCreatedOf(result.issues),
    layout: [...analysis.layout, ...result.layout],
    matches: result.matches.slice(0, issueCap),
    summary: { ...result.counts, newClients: result.created, mergedClients: result.updated, skippedRows: result.skipped },
    alreadyImported: findBatch(ctx, analysis.sha256, analysis.fingerprint),
    savedMapping: analysis.savedMapping,
  };
}

function errorsOf(plan: Plan): ImportError[] {
  return plan.issues.map((i) => ({ row: i.row, column: i.header ?? '', code: i.code, severity: i.severity, message: i.message }));
}

export function commitImport(ctx: ServiceContext, input: CommitInput): ImportResult {
  const analysis = analyse(ctx, input);
  const previous = findBatch(ctx, analysis.sha256, analysis.fingerprint);
  if (previous !== null) {
    const none: ImportCounts = { clients: 0, guardians: 0, programs: 0, cohorts: 0, enrollments: 0, payments: 0, instalments: 0 };
    return {
      batchId: previous,
      created: 0,
      updated: 0,
      skipped: 0,
      errors: [],
      records: none,
      alreadyImported: true,
      dryRun: input.dryRun,
    };
  }
  const batchId = newId(ctx);
  const result = plan(ctx, analysis, input, batchId, input.fileName);
  requireImportFields(result);
  const errors = errorsOf(result);
  const summary: ImportResult = {
    batchId,
    created: result.created,
    updated: result.updated,
    skipped: result.skipped,
    errors,
    records: result.counts,
    alreadyImported: false,
    dryRun: input.dryRun,
  };
  if (input.dryRun) return summary;

  const counts: StoredCounts = {
    fingerprint: analysis.fingerprint,
    created: result.created,
    updated: result.updated,
    skipped: result.skipped,
    errors,
    records: result.counts,
    updatedClientIds: result.updatedClientIds,
    merges: storedMerges(result.merges),
  };
  const mapping = Object.fromEntries(analysis.columns.map((c) => [String(c.index), c.field]));
  const first: Write[] = [
    {
      op: 'insert',
      table: 'import_batches',
      id: batchId,
      values: {
        fileName: input.fileName,
        sha256: analysis.sha256,
        mapping: JSON.stringify({
          sheet: analysis.grid.sheet,
          headerRow: analysis.headerRow,
          columns: analysis.columns.map((c) => ({ column: c.index, header: c.header, field: c.field })),
        }),
        counts: JSON.stringify(counts),
      },
    },
  ];
  const last: Write[] = [];
  const savedMapping = ctx.db.sqlite
    .prepare('SELECT id, mapping FROM import_mappings WHERE signature = ? AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1')
    .get(analysis.signature) as { id: string; mapping: string } | undefined;
  const mappingText = JSON.stringify(mapping);
  if (!savedMapping) {
    last.push({
      op: 'insert',
      table: 'import_mappings',
      values: { signature: analysis.signature, headers: JSON.stringify(analysis.columns.map((c) => c.header)), mapping: mappingText },
    });
  } else if (savedMapping.mapping !== mappingText) {
    last.push({ op: 'update', table: 'import_mappings', id: savedMapping.id, values: { mapping: mappingText } });
  }
  // One transaction and one change-log tx (nested in the caller's when there is one), written
  // a chunk at a time; each chunk's writes are let go once written. The new clients get their
  // search entries in one statement at the end of it, not one trigger run each.
  const action: ServiceContext = { ...ctx, action: ctx.action ?? newId(ctx) };
  withImportCache(ctx.db.sqlite, () =>
    deferringClientSearch(ctx.db.sqlite, () => {
      applyChanges(action, first);
      let chunk: Write[] = [];
      for (const write of result.writes()) {
        chunk.push(write);
        if (chunk.length === writeChunk) {
          applyChanges(action, chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) applyChanges(action, chunk);
      writePackages(action, result.packages, workspaceToday(ctx));
      if (last.length > 0) applyChanges(action, last);
    }),
  );
  return summary;
}

/**
 * The page cache while an import writes. The connection keeps 64 MB of decrypted
 * pages for the screens' reads (db/connection.ts); an import writes pages it will
 * not read again (a 100,000-row sheet writes over a gigabyte of rows and change
 * log), so that cache would only fill with them and hold 64 MB for the length of
 * the import. Appends need a few pages per table and index; SQLite spills the rest
 * to the WAL as it goes, inside the same transaction. The screens' size comes back
 * after, whatever happened.
 */
const importCacheKib = 8 * 1024;

function withImportCache<T>(sqlite: ServiceContext['db']['sqlite'], run: () => T): T {
  const screens = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${importCacheKib}`);
  try {
    return run();
  } finally {
    sqlite.pragma(`cache_size = ${screens}`);
  }
}

// ---- undo ------------------------------------------------------------------------------------

const batchTables = [
  'payments',
  'instalments',
  'enrollments',
  'clients',
  'cohorts',
  'programs',
] as const satisfies readonly SyncedTableName[];

const countKey: Record<(typeof batchTables)[number], keyof ImportCounts> = {
  payments: 'payments',
  instalments: 'instalments',
  enrollments: 'enrollments',
  clients: 'clients',
  cohorts: 'cohorts',
  programs: 'programs',
};

export function undoImport(ctx: ServiceContext, input: { batchId: string }): ImportUndoResult {
  const sqlite = ctx.db.sqlite;
  const batch = sqlite.prepare('SELECT id, undone_at FROM import_batches WHERE id = ? AND deleted_at IS NULL').get(input.batchId) as
    { id: string; undone_at: string | null } | undefined;
  if (!batch) throw notFound('Import batch', input.batchId, ['batchId']);
  if (batch.undone_at !== null) throw conflict('This import has already been undone', ['batchId'], 'already_undone');

  const later = sqlite
    .prepare(
      `SELECT
         (SELECT count(*) FROM enrollments e JOIN clients c ON c.id = e.client_id WHERE c.import_batch_id = @b AND e.deleted_at IS NULL AND e.import_batch_id IS NOT @b)
       + (SELECT count(*) FROM payments p JOIN enrollments e ON e.id = p.enrollment_id WHERE e.import_batch_id = @b AND p.deleted_at IS NULL AND p.import_batch_id IS NOT @b)
       + (SELECT count(*) FROM payments p JOIN clients c ON c.id = p.client_id WHERE c.import_batch_id = @b AND p.deleted_at IS NULL AND p.import_batch_id IS NOT @b AND p.enrollment_id IS NULL)
       + (SELECT count(*) FROM instalments i JOIN enrollments e ON e.id = i.enrollment_id WHERE e.import_batch_id = @b AND i.deleted_at IS NULL AND i.import_batch_id IS NOT @b)
       + (SELECT count(*) FROM enrollments e JOIN cohorts h ON h.id = e.cohort_id WHERE h.import_batch_id = @b AND e.deleted_at IS NULL AND e.import_batch_id IS NOT @b)
       AS n`,
    )
    .get({ b: input.batchId }) as { n: number };
  if (later.n > 0) {
    throw conflict(
      `${later.n} records added since the import belong to its clients, groups or enrollments: delete or move them first, so that undoing the import does not hide later work`,
      ['batchId'],
      'undo_has_later_records',
    );
  }

  const writes: Write[] = [];
  const removed: ImportCounts = { clients: 0, guardians: 0, programs: 0, cohorts: 0, enrollments: 0, payments: 0, instalments: 0 };
  const history = sqlite
    .prepare(
      'SELECT h.id FROM enrollment_status_history h JOIN enrollments e ON e.id = h.enrollment_id WHERE e.import_batch_id = ? AND h.deleted_at IS NULL',
    )
    .all(input.batchId) as { id: string }[];
  for (const h of history) writes.push({ op: 'delete', table: 'enrollment_status_history', id: h.id });
  const createdIds = new Set<string>();
  for (const table of batchTables) {
    const rows = sqlite.prepare(`SELECT id FROM "${table}" WHERE import_batch_id = ? AND deleted_at IS NULL`).all(input.batchId) as {
      id: string;
    }[];
    for (const row of rows) {
      writes.push({ op: 'delete', table, id: row.id });
      createdIds.add(row.id);
    }
    removed[countKey[table]] = rows.length;
  }
  const stored = readCounts(ctx, input.batchId);
  if (stored) {
    removed.guardians = Math.min(stored.records.guardians, removed.clients);
    removed.clients -= removed.guardians;
  }

  // Fields the import wrote on clients that existed before it: put back what was there,
  // unless someone has changed the field since (their later edit wins).
  const tx = (
    sqlite.prepare("SELECT tx FROM changes WHERE table_name = 'import_batches' AND row_id = ? ORDER BY seq LIMIT 1").get(input.batchId) as
      { tx: string } | undefined
  )?.tx;
  let restoredClients = 0;
  if (tx) {
    const updates = sqlite
      .prepare('SELECT row_id, "column" AS col, value, previous FROM changes WHERE tx = ? AND table_name = \'clients\' ORDER BY seq')
      .all(tx) as { row_id: string; col: string; value: string; previous: string | null }[];
    const byClient = new Map<string, Record<string, unknown>>();
    const props = new Map([...columnsOf('clients').values()].map((info) => [info.name, info.prop]));
    for (const change of updates) {
      if (createdIds.has(change.row_id) || change.col === 'updated_at' || change.col === 'created_at' || change.col === 'id') continue;
      const current = sqlite.prepare(`SELECT "${change.col}" AS v, deleted_at FROM clients WHERE id = ?`).get(change.row_id) as
        { v: unknown; deleted_at: string | null } | undefined;
      if (!current || current.deleted_at !== null) continue;
      if (JSON.stringify(current.v) !== change.value) continue;
      const prop = props.get(change.col);
      if (!prop) continue;
      const values = byClient.get(change.row_id) ?? {};
      values[prop] = change.previous === null ? null : (JSON.parse(change.previous) as unknown);
      byClient.set(change.row_id, values);
    }
    for (const [id, values] of byClient) writes.push({ op: 'update', table: 'clients', id, values: restoreDriverValues(values) });
    restoredClients = byClient.size;
  }
  const packages = undoPackages(ctx, tx);
  writes.push(...packages.writes);
  if (packages.count > 0) removed.packages = packages.count;
  writes.push({ op: 'update', table: 'import_batches', id: input.batchId, values: { undoneAt: ctx.clock.now().toISOString() } });
  applyChanges(ctx, writes);
  return { batchId: input.batchId, removed, restoredClients };
}

/** Values read back from the change log are driver values; booleans were logged as 0/1. */
function restoreDriverValues(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [prop, value] of Object.entries(values))
    out[prop] = prop === 'marketingConsent' || prop === 'archived' ? value === 1 || value === true : value;
  return out;
}

// ---- listing ---------------------------------------------------------------------------------

interface BatchRow {
  id: string;
  file_name: string;
  sha256: string;
  created_at: string;
  undone_at: string | null;
  counts: string;
}

function toBatch(row: BatchRow): ImportBatch & { stored: StoredCounts | null } {
  let stored: StoredCounts | null;
  try {
    stored = JSON.parse(row.counts) as StoredCounts;
  } catch {
    stored = null;
  }
  return {
    id: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    createdAt: row.created_at,
    undoneAt: row.undone_at,
    created: stored?.created ?? 0,
    updated: stored?.updated ?? 0,
    skipped: stored?.skipped ?? 0,
    errors: stored?.errors?.length ?? 0,
    records: stored?.records ?? { clients: 0, guardians: 0, programs: 0, cohorts: 0, enrollments: 0, payments: 0, instalments: 0 },
    stored,
  };
}

export function listImports(ctx: ServiceContext): ImportBatch[] {
  const rows = ctx.db.sqlite
    .prepare(
      'SELECT id, file_name, sha256, created_at, undone_at, counts FROM import_batches WHERE deleted_at IS NULL ORDER BY created_at DESC, rowid DESC',
    )
    .all() as BatchRow[];
  return rows.map((row) => {
    const { stored: _stored, ...batch } = toBatch(row);
    return batch;
  });
}

export function getImport(ctx: ServiceContext, input: { batchId: string }): ImportBatchDetail {
  const row = ctx.db.sqlite
    .prepare('SELECT id, file_name, sha256, created_at, undone_at, counts FROM import_batches WHERE id = ? AND deleted_at IS NULL')
    .get(input.batchId) as BatchRow | undefined;
  if (!row) throw notFound('Import batch', input.batchId, ['batchId']);
  const { stored, ...batch } = toBatch(row);
  const created = ctx.db.sqlite
    .prepare('SELECT id, display_name FROM clients WHERE import_batch_id = ? ORDER BY rowid')
    .all(input.batchId) as { id: string; display_name: string }[];
  const updatedIds = stored?.updatedClientIds ?? [];
  const updated = updatedIds.length
    ? (ctx.db.sqlite
        .prepare('SELECT id, display_name FROM clients WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(updatedIds)) as { id: string; display_name: string }[])
    : [];
  return {
    ...batch,
    errorList: (stored?.errors ?? []).map((e) => ({ ...e, severity: e.severity ?? (e.code === 'totals_row' ? 'skipped' : 'warning') })),
    merges: (stored?.merges ?? []).map((m): ImportMerge => mergeLine(m, batch.undoneAt === null)),
    clients: [
      ...created.map((c) => ({ id: c.id, displayName: c.display_name, created: true })),
      ...updated.map((c) => ({ id: c.id, displayName: c.display_name, created: false })),
    ],
  };
}
