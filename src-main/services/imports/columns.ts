/**
 * What each column of a sheet means, read from its header and checked against its
 * values. A header alone misleads: real registers carry two surname columns of
 * which one is empty, dates under headers nobody listed (which a digit-counting
 * guess took for phone numbers), and repeated blocks of columns for the children
 * of one guardian. So every column's values are read too, and they decide:
 *
 *  - a column whose values are dates is never a phone, an e-mail or a name;
 *  - an unknown column of past dates (people born years ago) is the birth date;
 *  - a header's confidence is scaled by how many of its values read as that field,
 *    so the certainty shown is the values' as much as the header's;
 *  - an empty column maps to nothing, and of two columns for one field the one
 *    that holds more (and reads better) wins;
 *  - "Child 1 first name … Child 2 first name" are one field per block, each block
 *    a person of the row;
 *  - with no name column at all, a column that reads as names is the name (a label
 *    cell over a list of pupils has no header to match).
 *
 * Kept apart from the row readers (analyse.ts) because it decides once per sheet
 * and sees every column together; the readers see one row at a time.
 */
import type { ImportColumn, ImportField, ImportLayoutNote } from '../../../src-shared/api/imports-methods';
import { importFields } from '../../../src-shared/api/imports-methods';
import { normaliseEmail, parseCount, parseDateText, parseDecimal, parseNotifyDays } from '../../../src-shared/import/values';
import { blockHeader, fold, matchHeader, matchStatus, type SheetLanguage } from '../../../src-shared/import/vocabulary';
import { cellText } from './cells';
import { parseLessonsLeft } from './plan-packages';
import type { Cell } from './read';

export interface AutoMapping {
  columns: ImportColumn[];
  language: SheetLanguage | null;
  layout: ImportLayoutNote[];
}

/** What the values of one column look like. */
interface Profile {
  /** Non-empty texts of the first rows (at most `sampleRows`). */
  values: string[];
  /** Share of those values that are calendar days. */
  dateShare: number;
  /** The years of those dates, sorted. */
  years: number[];
  /** Share of the data rows with anything in this column. */
  fill: number;
}

const sampleRows = 200;
const dateFields = new Set<ImportField>(['birthDate', 'startOn', 'paidOn']);
const nameFields = new Set<ImportField>(['fullName', 'firstName', 'lastName']);
const whoFields = new Set<ImportField>(['fullName', 'firstName', 'lastName', 'email', 'phone']);

function isDateValue(text: string, cell: Cell | undefined): boolean {
  if (cell !== null && typeof cell === 'object') return true;
  return parseDateText(text, 'dmy', false) !== null || parseDateText(text, 'mdy', false) !== null;
}

function yearOf(text: string, cell: Cell | undefined): number | null {
  const day =
    cell !== null && typeof cell === 'object' ? cell.date : (parseDateText(text, 'dmy', false) ?? parseDateText(text, 'mdy', false));
  return day === null ? null : Number(day.slice(0, 4));
}

const looksPhone = (t: string) => /^[+(]?[\d\s()./-]{7,20}$/.test(t) && (t.match(/\d/g)?.length ?? 0) >= 7;
const looksName = (t: string) => /^\p{L}[\p{L}\p{M}'’.\- ]{0,60}$/u.test(t) && t.split(/\s+/u).length <= 5;
const hasLetter = (t: string) => /\p{L}/u.test(t) && !t.includes('@');
const isMoney = (t: string) => parseDecimal(t, 'en') !== null || parseDecimal(t, 'hu') !== null;

/** Whether one value reads as the field (dates were ruled out for the non-date fields before). */
const readsAs: Record<ImportField, (text: string) => boolean> = {
  fullName: hasLetter,
  firstName: hasLetter,
  lastName: hasLetter,
  guardianName: hasLetter,
  email: (t) => normaliseEmail(t) !== null,
  guardianEmail: (t) => normaliseEmail(t) !== null,
  phone: looksPhone,
  guardianPhone: looksPhone,
  birthDate: (t) => isDateValue(t, t) || /^\d{5}$/.test(t),
  startOn: (t) => isDateValue(t, t) || /^\d{5}$/.test(t),
  paidOn: (t) => isDateValue(t, t) || /^\d{5}$/.test(t),
  agreedPrice: isMoney,
  paid: isMoney,
  balance: isMoney,
  instalmentCount: (t) => parseCount(t) !== null,
  notifyBeforeDays: (t) => parseNotifyDays(t, 'en') !== null,
  status: (t) => matchStatus(t) !== null,
  program: () => true,
  cohort: () => true,
  notes: () => true,
  sourceChannel: () => true,
  externalId: () => true,
  lessonsLeft: (t) => parseLessonsLeft(t) !== null,
  packageName: () => true,
};

function profileOf(index: number, dataRows: readonly Cell[][]): Profile & { cells: (Cell | undefined)[] } {
  const values: string[] = [];
  const cells: (Cell | undefined)[] = [];
  let filled = 0;
  let rows = 0;
  for (const row of dataRows) {
    if (row.length === 0) continue;
    rows++;
    const cell = row[index];
    const text = cellText(cell);
    if (text === '') continue;
    filled++;
    if (values.length < sampleRows) {
      values.push(text);
      cells.push(cell);
    }
  }
  let dates = 0;
  const years: number[] = [];
  values.forEach((text, i) => {
    if (!isDateValue(text, cells[i])) return;
    dates++;
    const year = yearOf(text, cells[i]);
    if (year !== null) years.push(year);
  });
  years.sort((a, b) => a - b);
  return { values, cells, dateShare: values.length === 0 ? 0 : dates / values.length, years, fill: rows === 0 ? 0 : filled / rows };
}

/** The repeated blocks of a sheet: a header pattern that appears with two or more numbers. */
function blocksOf(headers: readonly string[]): Map<number, ReturnType<typeof blockHeader>> {
  const parsed = headers.map((h) => blockHeader(h));
  const numbers = new Map<string, Set<number>>();
  for (const p of parsed) if (p) numbers.set(p.template, (numbers.get(p.template) ?? new Set()).add(p.block));
  const out = new Map<number, ReturnType<typeof blockHeader>>();
  parsed.forEach((p, index) => {
    if (p && (numbers.get(p.template)?.size ?? 0) >= 2) out.set(index, p);
  });
  return out;
}

/** The field a block column's remaining words name: a person's own field, or their guardian's name, phone or e-mail. */
function blockField(block: NonNullable<ReturnType<typeof blockHeader>>): { field: ImportField; confidence: number } | null {
  const match = block.rest === '' ? { field: 'fullName' as ImportField, confidence: 0.9 } : matchHeader(block.rest);
  if (!match) return null;
  if (block.role === 'person') return { field: match.field, confidence: match.confidence };
  if (block.block !== 1) return null;
  const guardian: Partial<Record<ImportField, ImportField>> = {
    fullName: 'guardianName',
    lastName: 'guardianName',
    firstName: 'guardianName',
    guardianName: 'guardianName',
    phone: 'guardianPhone',
    guardianPhone: 'guardianPhone',
    email: 'guardianEmail',
    guardianEmail: 'guardianEmail',
  };
  const field = guardian[match.field];
  return field ? { field, confidence: match.confidence } : null;
}

function clear(column: ImportColumn): void {
  column.field = null;
  column.confidence = 0;
  column.source = 'none';
}

/** Header words first: each column's field by its header (or its block's words), and the language they vote for. */
function mapHeaders(headers: readonly string[], profiles: readonly Profile[]): { columns: ImportColumn[]; language: SheetLanguage | null } {
  const votes = new Map<SheetLanguage, number>();
  const blocks = blocksOf(headers);
  const columns = headers.map((header, index): ImportColumn => {
    const samples = (profiles[index] as Profile).values.slice(0, 5);
    const block = blocks.get(index);
    if (block) {
      const match = blockField(block);
      const column: ImportColumn = match
        ? { index, header, field: match.field, confidence: match.confidence, source: 'header', samples }
        : { index, header, field: null, confidence: 0, source: 'none', samples };
      return { ...column, block: block.block };
    }
    const match = matchHeader(header);
    if (!match) return { index, header, field: null, confidence: 0, source: 'none', samples };
    votes.set(match.language, (votes.get(match.language) ?? 0) + match.confidence);
    return { index, header, field: match.field, confidence: match.confidence, source: 'header', samples };
  });
  const language = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { columns, language };
}

/** The values' say over a header's: dates are never anything but dates, and the certainty is the share that reads. */
function checkValues(columns: ImportColumn[], profiles: readonly Profile[]): void {
  for (const column of columns) {
    if (column.field === null) continue;
    const profile = profiles[column.index] as Profile;
    if (profile.values.length === 0) {
      clear(column);
      continue;
    }
    if (profile.dateShare >= 0.8 && !dateFields.has(column.field)) {
      clear(column);
      continue;
    }
    const read = readsAs[column.field];
    const dates = dateFields.has(column.field);
    const share = profile.values.filter((t) => (dates || !isDateValue(t, t)) && read(t)).length / profile.values.length;
    column.confidence = Math.round(column.confidence * share * 100) / 100;
  }
}

/** Columns no header named: e-mails, phones, and past dates (a birth date) by their values. */
function sniffValues(columns: ImportColumn[], profiles: readonly Profile[], todayYear: number): void {
  for (const column of columns) {
    if (column.field !== null) continue;
    const { values, dateShare } = profiles[column.index] as Profile;
    if (values.length === 0 || dateShare >= 0.8) continue;
    const emails = values.filter((t) => normaliseEmail(t) !== null).length / values.length;
    const phones = values.filter((t) => looksPhone(t) && !isDateValue(t, t)).length / values.length;
    if (emails >= 0.8) Object.assign(column, { field: 'email', confidence: round(0.7 * emails), source: 'values' });
    else if (phones >= 0.8) Object.assign(column, { field: 'phone', confidence: round(0.5 * phones), source: 'values' });
  }
  if (columns.some((c) => c.field === 'birthDate' && c.block === undefined)) return;
  const birthLike = columns
    .filter((c) => c.field === null && c.block === undefined)
    .map((c) => ({ column: c, profile: profiles[c.index] as Profile }))
    .filter(({ profile }) => profile.dateShare >= 0.8 && profile.years.length > 0)
    .map(({ column, profile }) => ({ column, profile, median: profile.years[Math.floor(profile.years.length / 2)] as number }))
    .filter(({ median }) => median <= todayYear - 3)
    .sort((a, b) => a.median - b.median)[0];
  if (birthLike)
    Object.assign(birthLike.column, { field: 'birthDate', confidence: round(0.7 * birthLike.profile.dateShare), source: 'values' });
}

/** With no column naming anyone, the column that reads best as names is the name column. */
function sniffNames(columns: ImportColumn[], profiles: readonly Profile[]): boolean {
  if (columns.some((c) => c.field !== null && whoFields.has(c.field))) return false;
  let best: { column: ImportColumn; share: number } | null = null;
  for (const column of columns) {
    if (column.field !== null) continue;
    const { values, dateShare } = profiles[column.index] as Profile;
    if (values.length === 0 || dateShare > 0) continue;
    const share = values.filter(looksName).length / values.length;
    if (share >= 0.8 && (!best || share > best.share)) best = { column, share };
  }
  if (!best) return false;
  Object.assign(best.column, { field: 'fullName', confidence: round(0.6 * best.share), source: 'values' });
  return true;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One column per field (per block): the one that holds more and reads better wins; a guardian's name parts may be several. */
function settleConflicts(columns: ImportColumn[], profiles: readonly Profile[]): void {
  const holders = new Map<string, ImportColumn>();
  const score = (c: ImportColumn) => c.confidence * (profiles[c.index] as Profile).fill;
  for (const column of columns) {
    if (column.field === null) continue;
    if (column.field === 'guardianName' && column.block !== undefined) continue;
    const key = `${column.block ?? 0}|${column.field}`;
    const holder = holders.get(key);
    if (!holder || score(column) > score(holder)) {
      if (holder) clear(holder);
      holders.set(key, column);
    } else clear(column);
  }
}

/** Mapping by header words and by values, with at most one column per field and block. */
export function autoMap(headers: readonly string[], dataRows: readonly Cell[][], todayYear: number): AutoMapping {
  const profiles = headers.map((_, index) => profileOf(index, dataRows));
  const { columns, language } = mapHeaders(headers, profiles);
  checkValues(columns, profiles);
  sniffValues(columns, profiles, todayYear);

  // French and others write the family name under "Nom": alone, it is the whole name.
  const hasFirst = columns.some((c) => c.field === 'firstName' && c.block === undefined);
  for (const column of columns)
    if (column.field === 'lastName' && column.block === undefined && !hasFirst && fold(column.header) === 'nom') column.field = 'fullName';

  settleConflicts(columns, profiles);
  const layout: ImportLayoutNote[] = [];
  if (sniffNames(columns, profiles)) layout.push('names_from_values');
  if (columns.some((c) => c.block !== undefined && c.field !== null && !c.field.startsWith('guardian') && nameFields.has(c.field)))
    layout.push('person_blocks');
  return { columns, language, layout };
}

/** Applies saved and chosen mappings over the automatic one; a field chosen twice (in one block) keeps its last column. */
export function applyMapping(
  columns: ImportColumn[],
  mapping: readonly { column: number; field: ImportField | null }[],
  source: 'saved' | 'chosen',
): void {
  for (const { column: index, field } of mapping) {
    const column = columns[index];
    if (!column) continue;
    if (field !== null)
      for (const other of columns) if (other !== column && other.field === field && other.block === column.block) clear(other);
    column.field = field;
    column.confidence = 1;
    column.source = field === null ? 'none' : source;
  }
}

export function isImportField(value: unknown): value is ImportField {
  return typeof value === 'string' && (importFields as readonly string[]).includes(value);
}
