/**
 * From a grid of cells to rows a school would recognise: where the header is
 * (sheets often carry a title or two above it), what each column means, which
 * rows are blank or totals, and every cell read into its field — with each
 * problem recorded against its row and column instead of being guessed away.
 *
 * Column meaning comes from, in order: what the user chose, a mapping saved for
 * these exact headers, the header's words in any of our six languages, and last
 * the values themselves (a column of addresses with an @ is e-mail). A value that
 * cannot be read (a bad e-mail, a date that is no date) is reported and kept in
 * the client's `extra` under its header, so nothing a sheet held is lost.
 */
import { createHash } from 'node:crypto';
import type { EnrollmentStatus } from '../../../src-shared/domain';
import {
  importFields,
  type DateOrder,
  type ImportColumn,
  type ImportField,
  type ImportIssue,
  type ImportIssueCode,
} from '../../../src-shared/api/imports-methods';
import { normalizePhone } from '../../../src-shared/phone';
import {
  dayOrderEvidence,
  localeDayOrder,
  normaliseEmail,
  parseCount,
  parseDateText,
  parseDecimal,
  parseMoneyMinor,
  parseNotifyDays,
  splitFullName,
  type DayOrder,
  type SplitName,
} from '../../../src-shared/import/values';
import { fold, isTotalsLabel, languageLocales, matchHeader, matchStatus, type SheetLanguage } from '../../../src-shared/import/vocabulary';
import type { Cell } from './read';

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e9) / 1e9);
  if (typeof cell === 'object') return cell.date;
  return cell.replace(/^\uFEFF/, '').trim();
}

export const isBlank = (row: readonly Cell[] | undefined) => !row || row.every((c) => cellText(c) === '');

/**
 * The header is the row among the first 30 that names the most known fields;
 * failing that, the first row with at least two text cells followed by data.
 */
export function detectHeaderRow(rows: readonly Cell[][]): number {
  let best = { index: -1, score: 0 };
  const limit = Math.min(rows.length, 30);
  for (let r = 0; r < limit; r++) {
    const row = rows[r] ?? [];
    const texts = row.map(cellText).filter((t) => t !== '');
    if (texts.length < 2) continue;
    const known = texts.filter((t) => matchHeader(t) !== null).length;
    const textual = row.filter((c) => typeof c === 'string' && cellText(c) !== '' && parseDecimal(c, 'en') === null).length;
    const score = known * 3 + textual;
    if (score > best.score) best = { index: r, score };
  }
  if (best.index >= 0) return best.index;
  const first = rows.findIndex((row) => !isBlank(row));
  return first < 0 ? 0 : first;
}

export function headerSignature(headers: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(headers.map((h) => fold(h))))
    .digest('hex');
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Header texts, made unique and never empty (an untitled column is named by its letter). */
export function headerNames(row: readonly Cell[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const raw = cellText(row[i]) || `Column ${columnLetter(i)}`;
    const n = (seen.get(raw) ?? 0) + 1;
    seen.set(raw, n);
    return n === 1 ? raw : `${raw} (${n})`;
  });
}

const sniffers: { field: ImportField; test: (text: string) => boolean; confidence: number }[] = [
  { field: 'email', test: (t) => normaliseEmail(t) !== null, confidence: 0.7 },
  { field: 'phone', test: (t) => /^[+(]?[\d\s()./-]{7,20}$/.test(t) && (t.match(/\d/g)?.length ?? 0) >= 7, confidence: 0.5 },
];

export interface AutoMapping {
  columns: ImportColumn[];
  language: SheetLanguage | null;
}

/** Mapping by header words, then by values, with at most one column per field (the surest wins). */
export function autoMap(headers: readonly string[], dataRows: readonly Cell[][]): AutoMapping {
  const votes = new Map<SheetLanguage, number>();
  const columns: ImportColumn[] = headers.map((header, index) => {
    const samples: string[] = [];
    for (const row of dataRows) {
      const text = cellText(row[index]);
      if (text !== '' && samples.length < 5) samples.push(text);
      if (samples.length >= 5) break;
    }
    const match = matchHeader(header);
    if (match) {
      votes.set(match.language, (votes.get(match.language) ?? 0) + match.confidence);
      return { index, header, field: match.field, confidence: match.confidence, source: 'header', samples };
    }
    return { index, header, field: null, confidence: 0, source: 'none', samples };
  });

  for (const column of columns) {
    if (column.field !== null) continue;
    const values = dataRows
      .slice(0, 200)
      .map((row) => cellText(row[column.index]))
      .filter((t) => t !== '');
    if (values.length === 0) continue;
    for (const sniffer of sniffers) {
      const share = values.filter(sniffer.test).length / values.length;
      if (share >= 0.8) {
        column.field = sniffer.field;
        column.confidence = sniffer.confidence * share;
        column.source = 'values';
        break;
      }
    }
  }

  // French and others write the family name under "Nom": alone, it is the whole name.
  const hasFirst = columns.some((c) => c.field === 'firstName');
  for (const column of columns) if (column.field === 'lastName' && !hasFirst && fold(column.header) === 'nom') column.field = 'fullName';

  const byField = new Map<ImportField, ImportColumn>();
  for (const column of columns) {
    if (column.field === null) continue;
    const holder = byField.get(column.field);
    if (!holder || column.confidence > holder.confidence) {
      if (holder) clearField(holder);
      byField.set(column.field, column);
    } else clearField(column);
  }
  const language = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { columns, language };
}

function clearField(column: ImportColumn): void {
  column.field = null;
  column.confidence = 0;
  column.source = 'none';
}

/** Applies saved and chosen mappings over the automatic one; a field chosen twice keeps its last column. */
export function applyMapping(
  columns: ImportColumn[],
  mapping: readonly { column: number; field: ImportField | null }[],
  source: 'saved' | 'chosen',
): void {
  for (const { column: index, field } of mapping) {
    const column = columns[index];
    if (!column) continue;
    if (field !== null) for (const other of columns) if (other !== column && other.field === field) clearField(other);
    column.field = field;
    column.confidence = 1;
    column.source = field === null ? 'none' : source;
  }
}

export function isImportField(value: unknown): value is ImportField {
  return typeof value === 'string' && (importFields as readonly string[]).includes(value);
}

// ---- rows ------------------------------------------------------------------------------

export interface NormalRow {
  /** 1-based sheet row. */
  row: number;
  skip: boolean;
  name: SplitName | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  notes: string | null;
  sourceChannel: string | null;
  guardianName: SplitName | null;
  guardianPhone: string | null;
  guardianEmail: string | null;
  program: string | null;
  cohort: string | null;
  startOn: string | null;
  status: EnrollmentStatus | null;
  agreedPriceMinor: number | null;
  paidMinor: number | null;
  paidOn: string | null;
  instalmentCount: number | null;
  notifyBeforeDays: number | null;
  extra: Record<string, string>;
  issues: ImportIssue[];
}

export interface ReadContext {
  locale: string;
  dayOrder: DayOrder;
  country: string | null;
  /** A second country to try for numbers written without a country code (the file's). */
  fileCountry: string | null;
  currencyExponent: number;
  /** The display name of separately written first and last names, in the workspace's order. */
  composeName(firstName: string | null, lastName: string | null): string | null;
}

const dateFields = new Set<ImportField>(['birthDate', 'startOn', 'paidOn']);

/** The day order to use: the user's choice, else the evidence of the file's date columns, else the locale's. */
export function chooseDayOrder(choice: DateOrder, locale: string, columns: readonly ImportColumn[], dataRows: readonly Cell[][]): DayOrder {
  if (choice !== 'auto') return choice;
  const texts: string[] = [];
  for (const column of columns) {
    if (column.field === null || !dateFields.has(column.field)) continue;
    for (const row of dataRows) {
      const cell = row[column.index];
      if (typeof cell === 'string') texts.push(cell);
    }
  }
  return dayOrderEvidence(texts) ?? localeDayOrder(locale);
}

export function localeForLanguage(language: SheetLanguage | null, workspaceLocale: string): string {
  if (!language) return workspaceLocale;
  if (workspaceLocale.toLowerCase().split(/[-_]/)[0] === language) return workspaceLocale;
  return languageLocales[language];
}

function issue(
  row: number,
  column: ImportColumn | null,
  code: ImportIssueCode,
  severity: 'warning' | 'skipped',
  message: string,
): ImportIssue {
  return { row, column: column?.index ?? null, header: column?.header ?? null, code, severity, message };
}

function phoneOf(text: string, read: ReadContext): string | null {
  for (const country of [read.country, read.fileCountry]) {
    const result = normalizePhone(text, country);
    if (result.ok) return result.e164;
  }
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 9 && !text.trim().startsWith('+') && !text.trim().startsWith('0')) {
    const international = normalizePhone(`+${digits}`, null);
    if (international.ok) return international.e164;
  }
  return null;
}

/** Reads one data row into its fields; blank rows give null, totals rows come back marked to skip. */
export function normaliseRow(
  cells: readonly Cell[],
  rowNumber: number,
  columns: readonly ImportColumn[],
  read: ReadContext,
): NormalRow | null {
  if (isBlank(cells)) return null;
  const out = emptyRow(rowNumber);
  if (isTotalsRow(cells, columns)) {
    out.skip = true;
    out.issues.push(issue(rowNumber, null, 'totals_row', 'skipped', 'A totals row, not a client: left out'));
    return out;
  }
  const reading: RowReading = { out, read, fullName: null, firstName: null, lastName: null };
  for (const column of columns) {
    const cell = cells[column.index];
    const text = cellText(cell);
    if (text === '') continue;
    if (column.field === null) keep(out, column, text);
    else cellReaders[column.field](reading, column, text, cell);
  }
  if (!columns.some((c) => c.field === 'status')) out.status = 'confirmed';
  nameRow(reading);
  return out;
}

function emptyRow(rowNumber: number): NormalRow {
  return {
    row: rowNumber,
    skip: false,
    name: null,
    email: null,
    phone: null,
    birthDate: null,
    notes: null,
    sourceChannel: null,
    guardianName: null,
    guardianPhone: null,
    guardianEmail: null,
    program: null,
    cohort: null,
    startOn: null,
    status: null,
    agreedPriceMinor: null,
    paidMinor: null,
    paidOn: null,
    instalmentCount: null,
    notifyBeforeDays: null,
    extra: {},
    issues: [],
  };
}

/** A totals line says so in one of its first three cells or in a name column. */
function isTotalsRow(cells: readonly Cell[], columns: readonly ImportColumn[]): boolean {
  const firstTexts = columns.slice(0, 3).map((c) => cellText(cells[c.index]));
  return (
    firstTexts.some(isTotalsLabel) ||
    columns.some(
      (c) => (c.field === 'fullName' || c.field === 'lastName' || c.field === 'firstName') && isTotalsLabel(cellText(cells[c.index])),
    )
  );
}

/** One row being read: its fields so far, and the name parts that become its name once every cell is read. */
interface RowReading {
  out: NormalRow;
  read: ReadContext;
  fullName: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** Reads one non-empty cell of a mapped column into the row, or keeps it in `extra` with a warning. */
type CellReader = (reading: RowReading, column: ImportColumn, text: string, cell: Cell | undefined) => void;

function keep(out: NormalRow, column: ImportColumn, text: string): void {
  out.extra[column.header] = text;
}

function warn(out: NormalRow, column: ImportColumn, code: ImportIssueCode, text: string, message: string): void {
  out.issues.push(issue(out.row, column, code, 'warning', `${message}: "${text}" (kept in the client's extra fields)`));
  keep(out, column, text);
}

const oneSpaced = (text: string) => text.replace(/\s+/gu, ' ');

const readEmail: CellReader = ({ out }, column, text) => {
  const email = normaliseEmail(text);
  if (email === null) warn(out, column, 'invalid_email', text, 'Not a valid e-mail address');
  else if (column.field === 'email') out.email = email;
  else out.guardianEmail = email;
};

/** The first of several numbers is read; the whole cell is kept in `extra` so the others are not lost. */
const readPhone: CellReader = ({ out, read }, column, text) => {
  const first = text.split(/\s*[,;/]\s*(?=[+0-9(])/u)[0] ?? text;
  const phone = phoneOf(first, read);
  if (phone === null) return warn(out, column, 'invalid_phone', text, 'Not a phone number we can read');
  if (column.field === 'phone') out.phone = phone;
  else out.guardianPhone = phone;
  if (first !== text) keep(out, column, text);
};

const readDate: CellReader = ({ out, read }, column, text, cell) => {
  const day = typeof cell === 'object' && cell !== null ? cell.date : parseDateText(text, read.dayOrder, true);
  if (day === null) warn(out, column, 'invalid_date', text, 'Not a date we can read');
  else out[column.field as 'birthDate' | 'startOn' | 'paidOn'] = day;
};

const readMoney: CellReader = ({ out, read }, column, text, cell) => {
  const minor = parseMoneyMinor(typeof cell === 'number' ? cell : text, read.locale, read.currencyExponent);
  if (minor === null || minor < 0) warn(out, column, 'invalid_money', text, 'Not an amount of money we can read');
  else if (column.field === 'agreedPrice') out.agreedPriceMinor = minor;
  else out.paidMinor = minor;
};

/** How each field's cell is read; a field added to the contract without a reader does not compile. */
const cellReaders: Record<ImportField, CellReader> = {
  fullName: (reading, _column, text) => {
    reading.fullName = text;
  },
  firstName: (reading, _column, text) => {
    reading.firstName = oneSpaced(text);
  },
  lastName: (reading, _column, text) => {
    reading.lastName = oneSpaced(text);
  },
  email: readEmail,
  guardianEmail: readEmail,
  phone: readPhone,
  guardianPhone: readPhone,
  birthDate: readDate,
  startOn: readDate,
  paidOn: readDate,
  agreedPrice: readMoney,
  paid: readMoney,
  instalmentCount: ({ out }, column, text) => {
    const count = parseCount(text);
    if (count === null) warn(out, column, 'invalid_number', text, 'Not a number of instalments (1–60)');
    else out.instalmentCount = count;
  },
  notifyBeforeDays: ({ out, read }, column, text) => {
    const days = parseNotifyDays(text, read.locale);
    if (days === null) warn(out, column, 'invalid_number', text, 'Not a number of days');
    else out.notifyBeforeDays = days;
  },
  status: ({ out }, column, text) => {
    const status = matchStatus(text);
    if (status === null) warn(out, column, 'unknown_status', text, 'Not a status we know; imported as an inquiry');
    else out.status = status;
  },
  guardianName: ({ out, read }, _column, text) => {
    out.guardianName = splitFullName(text, read.locale);
  },
  program: ({ out }, _column, text) => {
    out.program = oneSpaced(text);
  },
  cohort: ({ out }, _column, text) => {
    out.cohort = oneSpaced(text);
  },
  notes: ({ out }, _column, text) => {
    out.notes = text;
  },
  sourceChannel: ({ out }, _column, text) => {
    out.sourceChannel = text;
  },
};

/**
 * The row's name: separate first and last names win (with the full name, if any, as
 * the display name), else the full name split. Without a name the e-mail or phone
 * stands in; with none of the three the row is skipped.
 */
function nameRow({ out, read, fullName, firstName, lastName }: RowReading): void {
  if (firstName !== null || lastName !== null) {
    out.name = { displayName: fullName ?? read.composeName(firstName, lastName) ?? '', firstName, lastName };
  } else if (fullName !== null) {
    out.name = splitFullName(fullName, read.locale);
  }
  if (out.name !== null && out.name.displayName !== '') return;
  const fallback = out.email ?? out.phone;
  if (fallback !== null) {
    out.name = {
      displayName: out.name?.displayName || fallback,
      firstName: out.name?.firstName ?? null,
      lastName: out.name?.lastName ?? null,
    };
    out.issues.push(issue(out.row, null, 'missing_name', 'warning', `No name: imported under "${fallback}"`));
  } else if (out.name === null) {
    out.skip = true;
    out.issues.push(
      issue(out.row, null, 'missing_name', 'skipped', 'No name, e-mail or phone: the row cannot become a client and was left out'),
    );
  }
}

/** Cells whose values the row could not hold as fields, for a guardian with no name. */
export function guardianDisplay(row: NormalRow): SplitName | null {
  if (row.guardianName) return row.guardianName;
  const contact = row.guardianEmail ?? row.guardianPhone;
  return contact ? { displayName: contact, firstName: null, lastName: null } : null;
}
