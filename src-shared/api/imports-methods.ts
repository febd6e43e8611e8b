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
  'paidOn',
  'instalmentCount',
  'notifyBeforeDays',
] as const;
export type ImportField = (typeof importFields)[number];

/**
 * How rows that match an existing client are treated when no per-row decision is given.
 * `merge` (the default): merge on an e-mail or phone match, create a new client on a
 * name-only match (with a warning); `create`: never merge; `skip`: leave matched rows out.
 */
export const duplicatePolicies = ['merge', 'create', 'skip'] as const;
export type DuplicatePolicy = (typeof duplicatePolicies)[number];

/** Day order of ambiguous dates like 04/03/2024; `auto` decides by the column's evidence, then the locale. */
export const dateOrders = ['auto', 'dmy', 'mdy', 'ymd'] as const;
export type DateOrder = (typeof dateOrders)[number];

/** Why a whole file is refused (VALIDATION, path ['file']). */
export const importFileErrorCodes = [
  'file_empty',
  'file_too_large',
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
] as const;
export type ImportIssueCode = (typeof importIssueCodes)[number];

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

const mappingSchema = z.array(z.object({ column: z.number().int().min(0).max(10_000), field: importFieldSchema.nullable() })).max(10_000);

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
  /** `warning`: imported anyway (the value is kept in extra); `skipped`: the row is left out. */
  severity: 'warning' | 'skipped';
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
}

export interface ImportMatch {
  row: number;
  clientId: string;
  clientName: string;
  by: 'email' | 'phone' | 'name';
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
  instalmentCount: number | null;
  extra: Record<string, string>;
  issues: ImportIssue[];
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

export interface ImportBatchDetail extends ImportBatch {
  errorList: ImportError[];
  /** Clients the batch created or updated, for links in the report. */
  clients: { id: string; displayName: string; created: boolean }[];
}

export interface ImportUndoResult {
  batchId: string;
  /** Rows soft-deleted, per kind. */
  removed: ImportCounts;
  /** Existing clients whose fields were put back as they were. */
  restoredClients: number;
}

export interface ExportFile {
  fileName: string;
  mime: string;
  contentBase64: string;
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
