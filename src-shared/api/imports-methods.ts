/**
 * The import and export area of the API: reading a school's existing sheet,
 * showing what it would become (a dry run), writing it as one undoable batch,
 * and getting data back out (a whole table, or everything held about one person).
 *
 * The file travels as base64 inside the call rather than as a path, so the same
 * methods work over IPC, the HTTP bridge and the CLI, and the main process never
 * opens a path the renderer chose. Preview and commit take the same input: what
 * the user saw in the preview is exactly what gets written. Every message a user
 * may see carries a stable `code` (the lists below) for the UI to translate; the
 * English `message` is for logs and the CLI.
 */
import { z } from 'zod';
import { idSchema, type MethodSpec, read, write } from './spec';
import type { EnrollmentStatus } from '../domain';

/** What a sheet column can mean. A column mapped to nothing (null) is kept in `clients.extra`. */
export const importFields = [
  'fullName',
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'notes',
  'sourceChannel',
  'guardianName',
  'guardianPhone',
  'guardianEmail',
  'program',
  'cohort',
  'startOn',
  'status',
  'agreedPrice',
  'paid',
  /** What is still owed (arrears): with a price or a payment it gives the other; alone it is the price. */
  'balance',
  'paidOn',
  'instalmentCount',
  'notifyBeforeDays',
  /** A register's own id for the person (pupil number, student id): the same id is the same person. Kept in `extra`. */
  'externalId',
  /** Lessons left on the person's prepaid package ("Alkalom maradt", "剩余课时"): a package of that many lessons is created. */
  'lessonsLeft',
  /** The package's name ("bérlet", "pass"): kept as the created package's note. */
  'packageName',
] as const;
export type ImportField = (typeof importFields)[number];

/**
 * How rows that match an existing client are treated when no per-row decision is given.
 * `merge` (the default): merge when the same person is certain (the same name and a
 * shared e-mail or phone, or the same external id), create a new client on a name-only
 * match (with a warning); `create`: never merge; `skip`: leave matched rows out.
 */
export const duplicatePolicies = ['merge', 'create', 'skip'] as const;
export type DuplicatePolicy = (typeof duplicatePolicies)[number];

/** Day order of ambiguous dates like 04/03/2024; `auto` decides by the column's evidence, then the locale. */
export const dateOrders = ['auto', 'dmy', 'mdy', 'ymd'] as const;
export type DateOrder = (typeof dateOrders)[number];

/**
 * The most a sheet may bring, as the API would take it by hand: a cell holds at
 * most what the longest client field (notes) holds, and a sheet has at most as
 * many columns as a mapping may name. Past these the importer would store what no
 * screen or export could show (a 5 MB cell, a 167 KB `extra` of 10,000 columns).
 */
export const importLimits = { columns: 1_000, cellChars: 10_000 } as const;

/** Why a whole file is refused (VALIDATION, path ['file']). */
export const importFileErrorCodes = [
  'file_empty',
  'file_too_large',
  /** A workbook whose parts inflate past what an import may hold (a zip bomb, or a sheet of millions of cells). */
  'file_expands',
  /** More columns than `importLimits.columns`. */
  'too_many_columns',
  'file_binary',
  'file_corrupt',
  'file_encrypted',
  'file_format',
  'sheet_not_found',
  'no_rows',
  'no_name_column',
] as const;
export type ImportFileErrorCode = (typeof importFileErrorCodes)[number];

/** Row-level problems; each comes with the row, the column and the policy applied (`severity`). */
export const importIssueCodes = [
  'invalid_email',
  'invalid_phone',
  'invalid_date',
  'invalid_money',
  'invalid_number',
  'unknown_status',
  'missing_name',
  'missing_program',
  'totals_row',
  'duplicate_in_file',
  'name_only_match',
  'paid_more_than_price',
  /** Shares an e-mail or phone with someone of another name or birth date: a sibling or parent, kept apart. */
  'shared_contact',
  /** A template's example or instruction row ("delete this row before upload"). */
  'example_row',
  /** A label cell ("Pupils:") between the header and the names. */
  'label_row',
  /** A row of the template itself: field keys, required/optional marks, the header repeated. */
  'template_row',
  /** The actor may not set prices: the group's or program's price is used, the sheet's is kept in extra. */
  'price_not_allowed',
  /** The actor may not create programs or groups: the enrollment is not created. */
  'catalog_not_allowed',
  /** Price, paid and still-owed amounts that do not add up: the price and payment are used as written. */
  'balance_mismatch',
  /** A value the screens would refuse (too long, out of range): kept in extra, not in the field. */
  'invalid_value',
  /** A cell longer than `importLimits.cellChars`: left out, the rest of the row is imported. */
  'cell_too_long',
  /** The person lacks a field the school requires (Settings → Lists): the import is refused until the sheet has it. */
  'missing_required',
  /** The actor may not sell packages: the lessons left are kept in extra, no package is created. */
  'package_not_allowed',
] as const;
export type ImportIssueCode = (typeof importIssueCodes)[number];

/**
 * What happens to a row with an issue: `warning` — imported, the doubtful value kept as
 * written in the client's extra fields; `partial` — the client is imported but a record
 * the row describes (an enrollment, a payment, a price) is not created; `skipped` — the
 * row is left out. A row with a `partial` issue is never shown as simply imported.
 */
export const importIssueSeverities = ['warning', 'partial', 'skipped'] as const;
export type ImportIssueSeverity = (typeof importIssueSeverities)[number];

/** Decisions the engine took about the sheet's layout, for the preview to say in words. */
export const importLayoutNotes = [
  /** A group/class column and no program column: each group becomes a program of its name with that group. */
  'programs_from_groups',
  /** No header names the person (a label cell over a list of pupils): the column whose values read as names is the name. */
  'names_from_values',
  /** Several header-like rows (field keys, required marks, labels): the labels were used. */
  'labels_row_chosen',
  /** Repeated column blocks (child 1 / child 2 …): one person per block, the row's own person as their guardian. */
  'person_blocks',
] as const;
export type ImportLayoutNote = (typeof importLayoutNotes)[number];

const importFieldSchema = z.enum(importFields);

export const importOptionsSchema = z
  .object({
    /** BCP 47 tag the file was written in (numbers, dates, name order); defaults to the workspace locale. */
    locale: z.string().min(2).max(35).optional(),
    dateOrder: z.enum(dateOrders).default('auto'),
    duplicatePolicy: z.enum(duplicatePolicies).default('merge'),
    /** 1-based sheet row of the header, when the detected one is wrong. */
    headerRow: z.number().int().min(1).max(1000).optional(),
  })
  .default({ dateOrder: 'auto', duplicatePolicy: 'merge' });

const mappingSchema = z
  .array(
    z.object({
      column: z
        .number()
        .int()
        .min(0)
        .max(importLimits.columns - 1),
      field: importFieldSchema.nullable(),
    }),
  )
  .max(importLimits.columns);

const fileInput = {
  fileName: z.string().trim().min(1, 'required').max(500),
  /** The file's bytes, base64. ~100 MB of base64 is ~75 MB of sheet. */
  contentBase64: z.string().max(100_000_000, 'The file is too large'),
  /** Workbook sheet to read (the first one with data when omitted). */
  sheet: z.string().max(200).optional(),
  /** Column -> field; omitted columns keep their automatic mapping. */
  mapping: mappingSchema.optional(),
  options: importOptionsSchema,
};

const decisionSchema = z.object({
  /** 1-based sheet row, as in the preview. */
  row: z.number().int().min(1),
  action: z.enum(['merge', 'create', 'skip']),
  /** The existing client to merge into; defaults to the preview's match. */
  clientId: idSchema.optional(),
});

export const exportTables = [
  'clients',
  'programs',
  'cohorts',
  'enrollments',
  'instalments',
  'payments',
  'activities',
  'teachers',
  'rooms',
  'tasks',
  'import_batches',
] as const;
export type ExportTable = (typeof exportTables)[number];

// ---- DTOs ----------------------------------------------------------------------------

export interface ImportIssue {
  /** 1-based sheet row (what a spreadsheet shows). */
  row: number;
  /** 0-based column index, null for a whole-row problem. */
  column: number | null;
  /** The column's header as written in the file, null for a whole-row problem. */
  header: string | null;
  code: ImportIssueCode;
  severity: ImportIssueSeverity;
  message: string;
}

export interface ImportColumn {
  index: number;
  header: string;
  field: ImportField | null;
  /** 0..1: how sure the automatic mapping is (1 for a saved or chosen mapping). */
  confidence: number;
  /** How the mapping was decided. */
  source: 'header' | 'values' | 'saved' | 'chosen' | 'none';
  samples: string[];
  /**
   * Set when the sheet repeats a group of columns for several people of one row
   * ("Child 1 first name", "Child 2 first name"): which person of the row the column
   * belongs to. Each block may map each field once.
   */
  block?: number;
}

export interface ImportFieldInfo {
  field: ImportField;
  /** i18n key for the field's label: `imports.field.<field>`. */
  labelKey: string;
}

export interface ImportCounts {
  clients: number;
  guardians: number;
  programs: number;
  cohorts: number;
  enrollments: number;
  payments: number;
  instalments: number;
  /** Prepaid packages made from a lessons-left column (absent when the sheet has none). */
  packages?: number;
}

/**
 * Why two records were taken for one person: the same external id; the same name and a
 * shared e-mail or phone; a row identical to an earlier one; the same name only (never
 * merged unless a person says so); or a person's decision.
 */
export type ImportMatchBy = 'externalId' | 'email' | 'phone' | 'identical' | 'name' | 'decision';

export interface ImportMatch {
  row: number;
  /** The row's person as the sheet names them (a row may hold several people). */
  rowName: string;
  clientId: string;
  clientName: string;
  by: ImportMatchBy;
  /** Whether the match is in the database or an earlier row of the same file. */
  in: 'database' | 'file';
  /** What the default policy does with it. */
  action: 'merge' | 'create' | 'skip';
}

/** One sheet row as it will be imported (values normalised: E.164 phones, ISO dates, minor units). */
export interface ImportPreviewRow {
  row: number;
  action: 'create' | 'merge' | 'skip';
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  program: string | null;
  cohort: string | null;
  startOn: string | null;
  status: EnrollmentStatus | null;
  agreedPriceMinor: number | null;
  paidMinor: number | null;
  balanceMinor: number | null;
  instalmentCount: number | null;
  extra: Record<string, string>;
  issues: ImportIssue[];
  /** Which person of the row this is, when the sheet holds several per row (child blocks). */
  block: number | null;
  /** True when part of what the row says is not created (see the `partial` issues). */
  partial: boolean;
}

/** Rows that will not become (all of) what they say, grouped by why: the preview's "will not be created". */
export interface ImportNotCreated {
  code: ImportIssueCode;
  severity: 'partial' | 'skipped';
  /** How many rows. */
  count: number;
  /** The first few sheet rows, to find them. */
  rows: number[];
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx' | 'ods' | 'xls';
  /** Text encoding (CSV/TSV only, null for workbooks). */
  encoding: string | null;
  /** Field delimiter (CSV/TSV only). */
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** Data rows below the header (blank rows not counted). */
  totalRows: number;
  locale: string;
  dateOrder: 'dmy' | 'mdy' | 'ymd';
  columns: ImportColumn[];
  fields: ImportFieldInfo[];
  /** The first 50 rows. */
  rows: ImportPreviewRow[];
  /** Every row with a problem, across the whole file (capped at 1000). */
  issues: ImportIssue[];
  /** What will not be created and why, across the whole file. */
  notCreated: ImportNotCreated[];
  /** How the sheet's layout was read (programs from groups, a label list, template rows …). */
  layout: ImportLayoutNote[];
  matches: ImportMatch[];
  /** Records the import would create. */
  summary: ImportCounts & { newClients: number; mergedClients: number; skippedRows: number };
  /** A batch that already imported this very file with this mapping (a commit would change nothing). */
  alreadyImported: string | null;
  /** True when the mapping came from a mapping saved for these headers. */
  savedMapping: boolean;
}

export interface ImportError {
  row: number;
  /** The column's header as written in the file ('' for a whole-row problem). */
  column: string;
  code: ImportIssueCode;
  severity: ImportIssueSeverity;
  message: string;
}

/** The CLI's JSON summary (DESIGN.md): `{batchId, created, updated, skipped, errors}`, plus detail. */
export interface ImportResult {
  batchId: string;
  /** Clients created (guardians included). */
  created: number;
  /** Existing clients the import filled in or enrolled. */
  updated: number;
  /** Sheet rows left out (totals, unusable or skipped by decision). */
  skipped: number;
  errors: ImportError[];
  /** Every record written, per kind. */
  records: ImportCounts;
  /** True when this file had been imported before with the same mapping: nothing was written. */
  alreadyImported: boolean;
  dryRun: boolean;
}

export interface ImportBatch {
  id: string;
  fileName: string;
  sha256: string;
  createdAt: string;
  undoneAt: string | null;
  created: number;
  updated: number;
  skipped: number;
  errors: number;
  records: ImportCounts;
}

/** One merge the import made: which row was taken for whom, and why. Each can be undone on its own. */
export interface ImportMerge {
  /** Stable within the batch: the row (and block) and whether the client or the guardian it names was merged. */
  id: string;
  /** `client`: the row's person was taken for an existing or earlier client; `guardian`: the guardian it names was. */
  kind: 'client' | 'guardian';
  row: number;
  /** The person (or guardian) as the row names them. */
  rowName: string;
  intoClientId: string;
  intoName: string;
  /** The earlier row of the sheet that made that client, or null when the client was in Tanoda before. */
  intoRow: number | null;
  by: ImportMatchBy;
  /** Whether `imports.undoMerge` can still separate it (false once undone, or when the batch kept no detail). */
  undoable: boolean;
  undoneAt: string | null;
}

export interface ImportBatchDetail extends ImportBatch {
  errorList: ImportError[];
  /** Clients the batch created or updated, for links in the report. */
  clients: { id: string; displayName: string; created: boolean }[];
  /** Every merge the import made and why. */
  merges: ImportMerge[];
}

export interface ImportUndoMergeResult {
  batchId: string;
  mergeId: string;
  /** The client the row's person (or guardian) became on their own. */
  clientId: string;
  /** Records moved from the merged client to the separated one (re-created there; money is never edited). */
  moved: { enrollments: number; payments: number; instalments: number };
}

export interface ImportUndoResult {
  batchId: string;
  /** Rows soft-deleted, per kind. */
  removed: ImportCounts;
  /** Existing clients whose fields were put back as they were. */
  restoredClients: number;
}

/**
 * Text an XLSX cell cannot hold whole (Excel's limit is 32,767 characters): written
 * cut to that length, one warning per sheet and column with how many cells it cut.
 */
export interface ExportWarning {
  code: 'text_truncated';
  sheet: string;
  column: string;
  cells: number;
  message: string;
}

export interface ExportFile {
  fileName: string;
  mime: string;
  contentBase64: string;
  warnings: ExportWarning[];
}

export interface ClientDataExport {
  clientId: string;
  displayName: string;
  /** Every row held about the client, per table (camelCase columns). */
  data: Record<string, Record<string, unknown>[]>;
  json: ExportFile;
  xlsx: ExportFile;
}

// ---- methods ---------------------------------------------------------------------------

export const importsMethods = {
  'imports.preview': read<ImportPreview>()(
    'data.import',
    z.object(fileInput),
    'Read a CSV/TSV/XLSX/ODS file and show how it would be imported (mapping, normalised rows, problems, matches); writes nothing.',
  ),
  'imports.commit': write<ImportResult>()(
    'data.import',
    z.object({ ...fileInput, decisions: z.array(decisionSchema).max(1_000_000).optional(), dryRun: z.boolean().default(false) }),
    'Import a file as one undoable batch (all or nothing); the same file twice imports nothing.',
    { backupBefore: 'before-import' },
  ),
  'imports.undo': write<ImportUndoResult>()(
    'records.delete',
    z.object({ batchId: idSchema }),
    'Undo an import: soft-delete every record it created and put back the fields it changed.',
  ),
  'imports.undoMerge': write<ImportUndoMergeResult>()(
    'records.delete',
    z.object({ batchId: idSchema, mergeId: z.string().min(1).max(40) }),
    'Undo one merge an import made: the row becomes a client of its own, with its enrollments and payments; the fields it filled on the other client are put back.',
  ),
  'imports.list': read<ImportBatch[]>()('data.import', z.object({}).default({}), 'Import batches, newest first.'),
  'imports.get': read<ImportBatchDetail>()(
    'data.import',
    z.object({ batchId: idSchema }),
    'One import batch with its problems and clients.',
  ),
  'exports.table': read<ExportFile>()(
    'data.export',
    z.object({ table: z.enum(exportTables), format: z.enum(['csv', 'xlsx']).default('csv'), includeDeleted: z.boolean().default(false) }),
    'A whole table as CSV (UTF-8 with BOM) or XLSX.',
  ),
  'exports.client': read<ClientDataExport>()(
    'data.export',
    z.object({ clientId: idSchema }),
    'Everything held about one client (for a data-protection request), as JSON and XLSX.',
  ),
} as const satisfies Record<string, MethodSpec>;
