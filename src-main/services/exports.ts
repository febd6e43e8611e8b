/**
 * Getting data back out: a whole table as CSV or XLSX, and everything held about
 * one person for a data-protection request. A school that can always take its
 * records with it in a format Excel opens is a school that can trust us with them.
 *
 * CSV is written as UTF-8 with a BOM and CRLF line ends, because that is the only
 * form every regional Excel opens without mangling accents or Chinese. Columns
 * keep their database names (the contract), money stays in minor units and dates
 * in ISO form, so an export can be imported again without guessing. CSV cells that
 * begin with =, +, - or @ are prefixed with an apostrophe so that a hostile name
 * never runs as a formula in someone's spreadsheet; XLSX cells are typed text,
 * never read as formulas, so they are written as they are (a phone stays +36…).
 * An XLSX cell holds at most 32,767 characters: longer text (an `extra` of many
 * imported columns) is written cut to that, with a warning, instead of failing the
 * whole export.
 */
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import type { ClientDataExport, ExportFile, ExportTable, ExportWarning } from '../../src-shared/api/imports-methods';
import { notFound } from '../../src-shared/errors';
import type { ServiceContext } from '../core/context';

export const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function csvCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Excel's most characters in one cell. */
export const xlsxCellChars = 32_767;

function tableRows(
  ctx: ServiceContext,
  table: ExportTable,
  includeDeleted: boolean,
): { columns: string[]; rows: Record<string, unknown>[] } {
  const columns = (ctx.db.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
  const rows = ctx.db.sqlite
    .prepare(`SELECT * FROM "${table}"${includeDeleted ? '' : ' WHERE deleted_at IS NULL'} ORDER BY created_at, rowid`)
    .all() as Record<string, unknown>[];
  return { columns, rows };
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const body = Papa.unparse(
    { fields: [...columns], data: rows.map((row) => columns.map((c) => csvCell(row[c]))) },
    { newline: '\r\n', quotes: false },
  );
  return `\uFEFF${body}\r\n`;
}

function sheetOf(
  name: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  warnings: ExportWarning[],
): XLSX.WorkSheet {
  const cut = new Map<string, number>();
  const cell = (column: string, value: unknown): string | number => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return value;
    const text = String(value);
    if (text.length <= xlsxCellChars) return text;
    cut.set(column, (cut.get(column) ?? 0) + 1);
    return text.slice(0, xlsxCellChars);
  };
  const sheet = XLSX.utils.aoa_to_sheet([[...columns], ...rows.map((row) => columns.map((c) => cell(c, row[c])))]);
  for (const [column, cells] of cut) {
    warnings.push({
      code: 'text_truncated',
      sheet: name,
      column,
      cells,
      message: `${cells} ${cells === 1 ? 'cell' : 'cells'} of ${name}.${column} held more than the ${xlsxCellChars} characters an XLSX cell takes and were cut there; the CSV export keeps them whole`,
    });
  }
  return sheet;
}

export function xlsxOf(sheets: { name: string; columns: readonly string[]; rows: readonly Record<string, unknown>[] }[]): {
  bytes: Buffer;
  warnings: ExportWarning[];
} {
  const book = XLSX.utils.book_new();
  const warnings: ExportWarning[] = [];
  for (const sheet of sheets) {
    const name = sheet.name.slice(0, 31);
    XLSX.utils.book_append_sheet(book, sheetOf(name, sheet.columns, sheet.rows, warnings), name);
  }
  return { bytes: XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer, warnings };
}

function stamp(ctx: ServiceContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

export function exportTable(
  ctx: ServiceContext,
  input: { table: ExportTable; format: 'csv' | 'xlsx'; includeDeleted: boolean },
): ExportFile {
  const { columns, rows } = tableRows(ctx, input.table, input.includeDeleted);
  const base = `tanoda-${input.table}-${stamp(ctx)}`;
  if (input.format === 'csv') {
    return {
      fileName: `${base}.csv`,
      mime: 'text/csv;charset=utf-8',
      contentBase64: Buffer.from(toCsv(columns, rows), 'utf8').toString('base64'),
      warnings: [],
    };
  }
  const { bytes, warnings } = xlsxOf([{ name: input.table, columns, rows }]);
  return { fileName: `${base}.xlsx`, mime: xlsxMime, contentBase64: bytes.toString('base64'), warnings };
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every row that is about one client: theirs, their children's links, their money, their history. */
export function exportClient(ctx: ServiceContext, input: { clientId: string }): ClientDataExport {
  const sqlite = ctx.db.sqlite;
  const client = sqlite.prepare('SELECT * FROM clients WHERE id = ?').get(input.clientId) as Record<string, unknown> | undefined;
  if (!client) throw notFound('Client', input.clientId, ['clientId']);
  const queries: [string, string][] = [
    ['clients', 'SELECT * FROM clients WHERE id = @id'],
    ['guardian', 'SELECT * FROM clients WHERE id = (SELECT guardian_id FROM clients WHERE id = @id)'],
    ['children', 'SELECT * FROM clients WHERE guardian_id = @id'],
    ['enrollments', 'SELECT * FROM enrollments WHERE client_id = @id'],
    [
      'enrollment_status_history',
      'SELECT h.* FROM enrollment_status_history h JOIN enrollments e ON e.id = h.enrollment_id WHERE e.client_id = @id',
    ],
    ['instalments', 'SELECT i.* FROM instalments i JOIN enrollments e ON e.id = i.enrollment_id WHERE e.client_id = @id'],
    ['payments', 'SELECT * FROM payments WHERE client_id = @id'],
    ['payment_allocations', 'SELECT a.* FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE p.client_id = @id'],
    ['attendance', 'SELECT a.* FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id WHERE e.client_id = @id'],
    ['activities', 'SELECT * FROM activities WHERE client_id = @id'],
    ['tasks', 'SELECT * FROM tasks WHERE client_id = @id'],
    [
      'changes',
      'SELECT seq, hlc, user_id, table_name, "column", value, previous FROM changes WHERE table_name = \'clients\' AND row_id = @id ORDER BY seq',
    ],
  ];
  const data: Record<string, Record<string, unknown>[]> = {};
  const sheets: { name: string; columns: string[]; rows: Record<string, unknown>[] }[] = [];
  for (const [name, sql] of queries) {
    let rows: Record<string, unknown>[];
    try {
      rows = sqlite.prepare(sql).all({ id: input.clientId }) as Record<string, unknown>[];
    } catch {
      // a table this database does not have (yet) holds nothing about the client
      continue;
    }
    data[name] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])));
    const columns = rows[0] ? Object.keys(rows[0]) : [];
    sheets.push({ name, columns, rows });
  }
  const displayName = String(client['display_name'] ?? '');
  const slug =
    displayName
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'client';
  const base = `tanoda-client-${slug}-${stamp(ctx)}`;
  const json = JSON.stringify({ exportedAt: ctx.clock.now().toISOString(), clientId: input.clientId, data }, null, 2);
  const xlsx = xlsxOf(sheets);
  return {
    clientId: input.clientId,
    displayName,
    data,
    json: {
      fileName: `${base}.json`,
      mime: 'application/json',
      contentBase64: Buffer.from(json, 'utf8').toString('base64'),
      warnings: [],
    },
    xlsx: { fileName: `${base}.xlsx`, mime: xlsxMime, contentBase64: xlsx.bytes.toString('base64'), warnings: xlsx.warnings },
  };
}
