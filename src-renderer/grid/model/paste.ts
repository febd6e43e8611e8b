/**
 * Rows pasted from a spreadsheet, checked before anything is written. Each pasted
 * row becomes the API input for one record, built from the columns the block was
 * pasted onto (or matched by header names when the first pasted row is the sheet's
 * header), and is validated with the very schema the API will use, so the preview
 * shows every problem at its row and column in advance. Errors the API still
 * returns (`rows.3.email`) are mapped back to the same row and column.
 */
import type { z } from 'zod';
import type { FieldError } from '../../../src-shared/errors';

export interface PasteColumn {
  id: string;
  header: string;
  /** The API input field this column fills; defaults to the column id. */
  field?: string;
  /** Turns pasted text into the field's value; `undefined` leaves the field out. */
  parse?: (text: string) => unknown;
}

export interface CellProblem {
  /** Column id, or null for a problem with the whole row. */
  columnId: string | null;
  code: string;
  message: string;
}

export interface PastedRow<I> {
  /** Position in the pasted block (header row excluded). */
  index: number;
  cells: Record<string, string>;
  input: I | null;
  problems: CellProblem[];
}

export interface PastePlan<I> {
  columns: PasteColumn[];
  rows: PastedRow<I>[];
  headerSkipped: boolean;
  valid: number;
  invalid: number;
}

const norm = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/** When the first row names columns (by header or id), those names decide the mapping. */
function headerMapping(first: readonly string[], columns: readonly PasteColumn[]): PasteColumn[] | null {
  const byName = new Map<string, PasteColumn>();
  for (const c of columns) {
    byName.set(norm(c.header), c);
    byName.set(norm(c.id), c);
  }
  const mapped = first.map((cell) => byName.get(norm(cell)));
  const hits = mapped.filter(Boolean).length;
  if (hits === 0 || hits < Math.ceil(first.filter((c) => c.trim() !== '').length / 2)) return null;
  return mapped.map((c, i) => c ?? { id: `__ignored${i}`, header: first[i] ?? '', parse: () => undefined });
}

export function fieldOf(column: PasteColumn): string {
  return column.field ?? column.id;
}

function problemsFromIssues(issues: readonly z.core.$ZodIssue[], columns: readonly PasteColumn[]): CellProblem[] {
  return issues.map((issue) => {
    const key = issue.path[0];
    const column = columns.find((c) => fieldOf(c) === key);
    return { columnId: column?.id ?? null, code: issue.code === 'custom' ? 'invalid' : issue.code, message: issue.message };
  });
}

/**
 * Plans a paste: `targetColumns` are the visible columns from the one the cursor
 * is on, rightwards; `build` may add fixed fields (an id for an update, defaults).
 */
export function planPaste<I>(
  matrix: readonly (readonly string[])[],
  targetColumns: readonly PasteColumn[],
  schema: z.ZodType<I>,
  build: (values: Record<string, unknown>) => Record<string, unknown> = (v) => v,
): PastePlan<I> {
  const header = matrix.length > 1 ? headerMapping(matrix[0] as string[], targetColumns) : null;
  const columns = header ?? targetColumns.slice(0, Math.max(0, ...matrix.map((r) => r.length)));
  const body = header ? matrix.slice(1) : matrix;
  const rows = body.map((cells, index): PastedRow<I> => {
    const values: Record<string, unknown> = {};
    const texts: Record<string, string> = {};
    cells.forEach((text, i) => {
      const column = columns[i];
      if (!column || column.id.startsWith('__ignored')) return;
      texts[column.id] = text;
      const value = column.parse ? column.parse(text) : text.trim() === '' ? undefined : text.trim();
      if (value !== undefined) values[fieldOf(column)] = value;
    });
    const parsed = schema.safeParse(build(values));
    return parsed.success
      ? { index, cells: texts, input: parsed.data, problems: [] }
      : { index, cells: texts, input: null, problems: problemsFromIssues(parsed.error.issues, columns) };
  });
  const valid = rows.filter((r) => r.input !== null).length;
  return {
    columns: columns.filter((c) => !c.id.startsWith('__ignored')),
    rows,
    headerSkipped: header !== null,
    valid,
    invalid: rows.length - valid,
  };
}

/** Maps the API's field errors of a bulk call (`[prefix, rowIndex, field]`) to rows and columns. */
export function bulkErrorsToRows(
  fields: readonly FieldError[],
  columns: readonly PasteColumn[],
  prefix = 'rows',
): Map<number, CellProblem[]> {
  const result = new Map<number, CellProblem[]>();
  for (const field of fields) {
    const [head, row, key] = field.path;
    if (head !== prefix || typeof row !== 'number') continue;
    const column = columns.find((c) => fieldOf(c) === key);
    const list = result.get(row) ?? [];
    list.push({ columnId: column?.id ?? null, code: field.code, message: field.message });
    result.set(row, list);
  }
  return result;
}

/** Which column a single-record error belongs to (`['email']` -> the email column), for errors at a cell. */
export function columnOfField(
  fields: readonly FieldError[],
  columns: readonly PasteColumn[],
): { columnId: string | null; error: FieldError } | null {
  const error = fields[0];
  if (!error) return null;
  const key = error.path[0];
  return { columnId: columns.find((c) => fieldOf(c) === key)?.id ?? null, error };
}
