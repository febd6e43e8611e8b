/**
 * From a grid of cells to rows a school would recognise: every cell read into its
 * field, with each problem recorded against its row and column instead of being
 * guessed away. Where the header is and which rows are not people is layout.ts's
 * question; what each column means is columns.ts's.
 *
 * A value that cannot be read (a bad e-mail, a date that is no date), or one the
 * screens would refuse (a name longer than a client's name may be), is reported
 * and kept in the client's `extra` under its header, so nothing a sheet held is
 * lost and nothing reaches a record that the screens would not let in. A row that
 * repeats a block of columns per child (a guardian's export) becomes one row per
 * child, each naming the row's own person as their guardian.
 */
import { createHash } from 'node:crypto';
import type { EnrollmentStatus } from '../../../src-shared/domain';
import { contract } from '../../../src-shared/api/contract';
import {
  importLimits,
  type DateOrder,
  type ImportColumn,
  type ImportField,
  type ImportIssue,
  type ImportIssueCode,
  type ImportIssueSeverity,
} from '../../../src-shared/api/imports-methods';
import { normalizePhone } from '../../../src-shared/phone';
import {
  dayOrderEvidence,
  localeDayOrder,
  normaliseEmail,
  parseCount,
  parseDateText,
  parseMoneyMinor,
  parseNotifyDays,
  splitFullName,
  type DayOrder,
  type SplitName,
} from '../../../src-shared/import/values';
import { fold, languageLocales, matchStatus, type SheetLanguage } from '../../../src-shared/import/vocabulary';
import { cellText, isBlank } from './cells';
import { leftOutReason } from './layout';
import { parseLessonsLeft } from './plan-packages';
import type { Cell } from './read';

export { cellText, isBlank } from './cells';

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

/** A header names a field or an extra key: longer text is cut there (a whole paragraph is no name). */
const headerChars = 200;

/** Header texts, made unique and never empty (an untitled column is named by its letter). */
export function headerNames(row: readonly Cell[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const raw = cellText(row[i]).slice(0, headerChars) || `Column ${columnLetter(i)}`;
    const n = (seen.get(raw) ?? 0) + 1;
    seen.set(raw, n);
    return n === 1 ? raw : `${raw} (${n})`;
  });
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
  /** What the sheet says is still owed; may be negative (a credit). */
  balanceMinor: number | null;
  paidOn: string | null;
  instalmentCount: number | null;
  notifyBeforeDays: number | null;
  /** The register's own id for the person (also kept in `extra` under its header). */
  externalId: string | null;
  /** Lessons left on a prepaid package (plan-packages.ts makes the package). */
  lessonsLeft: number | null;
  packageName: string | null;
  /** Which person of a row with child blocks this is (1, 2 …); null for a row of one person. */
  block: number | null;
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
  severity: ImportIssueSeverity,
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

/**
 * Reads one data row into the people it names: none for a blank row, one row marked
 * to skip (with its reason) for a row that is not a person, one per filled child
 * block for a guardian's row, else one.
 */
export function normaliseRow(
  cells: readonly Cell[],
  rowNumber: number,
  columns: readonly ImportColumn[],
  read: ReadContext,
  header: readonly Cell[] = [],
): NormalRow[] {
  if (isBlank(cells)) return [];
  const leftOut = leftOutReason(cells, columns, header);
  if (leftOut) {
    const out = emptyRow(rowNumber);
    out.skip = true;
    out.issues.push(issue(rowNumber, null, leftOut.code, 'skipped', leftOut.message));
    return [out];
  }
  const layout = rowLayoutOf(columns);
  const base = readCells(cells, rowNumber, layout.base, read);
  if (!layout.hasStatus) base.out.status = 'confirmed';
  if (layout.blocks.length === 0) return [finishRow(base)];
  const people = layout.blocks
    .map(({ block, columns: blockColumns }) => readCells(cells, rowNumber, blockColumns, read, block))
    .filter((person) => person.filled);
  if (people.length === 0) {
    guardianAsPerson(base.out);
    return [finishRow(base)];
  }
  return people.map((person, i) => finishRow(childOf(base, person, i === 0)));
}

/** Which columns a row's reading takes for the row as a whole and for each person block. */
interface RowLayout {
  base: readonly ImportColumn[];
  blocks: readonly { block: number; columns: readonly ImportColumn[] }[];
  hasStatus: boolean;
  /** The mapping it was worked out for (a column's field or block may be changed in place). */
  fields: readonly (ImportField | null)[];
  blockOf: readonly (number | undefined)[];
}

/** Worked out once per mapping (every row of a sheet has the same), not per row. */
const rowLayouts = new WeakMap<readonly ImportColumn[], RowLayout>();

function sameMapping(layout: RowLayout, columns: readonly ImportColumn[]): boolean {
  if (layout.fields.length !== columns.length) return false;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ImportColumn;
    if (layout.fields[i] !== column.field || layout.blockOf[i] !== column.block) return false;
  }
  return true;
}

function rowLayoutOf(columns: readonly ImportColumn[]): RowLayout {
  let layout = rowLayouts.get(columns);
  if (layout === undefined || !sameMapping(layout, columns)) {
    const personBlocks = blocksOfPeople(columns);
    layout = {
      fields: columns.map((c) => c.field),
      blockOf: columns.map((c) => c.block),
      base: columns.filter((c) => isBaseColumn(c, personBlocks)),
      blocks: [...personBlocks].map((block) => ({
        block,
        columns: columns.filter((c) => c.block === block && !isBaseColumn(c, personBlocks)),
      })),
      hasStatus: columns.some((c) => c.field === 'status'),
    };
    rowLayouts.set(columns, layout);
  }
  return layout;
}

const guardianFields = new Set<ImportField>(['guardianName', 'guardianPhone', 'guardianEmail']);

/** The block numbers whose columns describe a person of the row (not their guardian). */
function blocksOfPeople(columns: readonly ImportColumn[]): Set<number> {
  const blocks = new Set<number>();
  for (const c of columns) if (c.block !== undefined && c.field !== null && !guardianFields.has(c.field)) blocks.add(c.block);
  return blocks;
}

/** Columns of the row as a whole: outside any person block, or a guardian's column of one. */
function isBaseColumn(column: ImportColumn, personBlocks: ReadonlySet<number>): boolean {
  if (column.block === undefined || !personBlocks.has(column.block)) return true;
  return column.field !== null && guardianFields.has(column.field);
}

function readCells(
  cells: readonly Cell[],
  rowNumber: number,
  columns: readonly ImportColumn[],
  read: ReadContext,
  block?: number,
): RowReading {
  const out = emptyRow(rowNumber);
  out.block = block ?? null;
  const reading: RowReading = { out, read, fullName: null, firstName: null, lastName: null, filled: false };
  for (const column of columns) {
    const cell = cells[column.index];
    const text = cellText(cell);
    if (text === '') continue;
    reading.filled = true;
    if (text.length > importLimits.cellChars) {
      out.issues.push(
        issue(
          rowNumber,
          column,
          'cell_too_long',
          'partial',
          `The cell holds more than the ${importLimits.cellChars.toLocaleString('en-US')} characters a field takes: left out`,
        ),
      );
      continue;
    }
    if (column.field === null) keep(out, column, text);
    else cellReaders[column.field](reading, column, text, cell);
  }
  return reading;
}

/** A guardian's row with no child filled in: the guardian is the row's person, so nobody is lost. */
function guardianAsPerson(out: NormalRow): void {
  out.email ??= out.guardianEmail;
  out.phone ??= out.guardianPhone;
  out.guardianEmail = null;
  out.guardianPhone = null;
  if (out.guardianName) {
    out.name = out.guardianName;
    out.guardianName = null;
  }
}

/**
 * A child of a guardian's row: the block's own fields, the row's course and money
 * fields where the block has none, and the row's person (or the guardian it names)
 * as the guardian. The row's problems and unmapped cells go with the first child
 * only, so each is reported and kept once.
 */
function childOf(base: RowReading, person: RowReading, first: boolean): RowReading {
  const row = person.out;
  const from = base.out;
  const baseName = nameOf(base);
  row.guardianName = from.guardianName ?? (baseName?.displayName ? baseName : null);
  row.guardianPhone = from.guardianPhone ?? from.phone;
  row.guardianEmail = from.guardianEmail ?? from.email;
  for (const key of ['program', 'cohort', 'startOn', 'status', 'agreedPriceMinor', 'paidMinor', 'balanceMinor', 'paidOn'] as const) {
    if (row[key] === null) (row as unknown as Record<string, unknown>)[key] = from[key];
  }
  for (const key of ['instalmentCount', 'notifyBeforeDays', 'notes', 'sourceChannel', 'lessonsLeft', 'packageName'] as const) {
    if (row[key] === null) (row as unknown as Record<string, unknown>)[key] = from[key];
  }
  if (first) {
    row.extra = { ...from.extra, ...row.extra };
    row.issues.unshift(...from.issues);
  }
  return person;
}

function finishRow(reading: RowReading): NormalRow {
  if (reading.out.name === null) nameRow(reading);
  checkAgainstScreens(reading);
  return reading.out;
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
    balanceMinor: null,
    instalmentCount: null,
    notifyBeforeDays: null,
    externalId: null,
    lessonsLeft: null,
    packageName: null,
    block: null,
    extra: {},
    issues: [],
  };
}

/** One row being read: its fields so far, and the name parts that become its name once every cell is read. */
interface RowReading {
  out: NormalRow;
  read: ReadContext;
  fullName: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Whether any of the columns read held anything. */
  filled: boolean;
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
  const first = /[,;/]/.test(text) ? (text.split(/\s*[,;/]\s*(?=[+0-9(])/u)[0] ?? text) : text;
  const phone = phoneOf(first, read);
  if (phone === null) return warn(out, column, 'invalid_phone', text, 'Not a phone number we can read');
  if (column.field === 'phone') out.phone = phone;
  else out.guardianPhone = phone;
  if (first !== text) keep(out, column, text);
};

/** Date texts already read, per read context: a sheet's dates repeat (a start date per group), and each is parsed once. */
const daysRead = new WeakMap<ReadContext, Map<string, string | null>>();
const daysReadCap = 10_000;

function dayOf(text: string, read: ReadContext): string | null {
  let days = daysRead.get(read);
  if (days === undefined) {
    days = new Map();
    daysRead.set(read, days);
  }
  let day = days.get(text);
  if (day === undefined) {
    day = parseDateText(text, read.dayOrder, true);
    if (days.size >= daysReadCap) days.clear();
    days.set(text, day);
  }
  return day;
}

const readDate: CellReader = ({ out, read }, column, text, cell) => {
  const day = typeof cell === 'object' && cell !== null ? cell.date : dayOf(text, read);
  if (day === null) warn(out, column, 'invalid_date', text, 'Not a date we can read');
  else out[column.field as 'birthDate' | 'startOn' | 'paidOn'] = day;
};

/** A price or a payment is never negative; what is still owed may be (a credit). */
const readMoney: CellReader = ({ out, read }, column, text, cell) => {
  const minor = parseMoneyMinor(typeof cell === 'number' ? cell : text, read.locale, read.currencyExponent);
  if (minor === null || (minor < 0 && column.field !== 'balance'))
    warn(out, column, 'invalid_money', text, 'Not an amount of money we can read');
  else if (column.field === 'agreedPrice') out.agreedPriceMinor = minor;
  else if (column.field === 'balance') out.balanceMinor = minor;
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
  balance: readMoney,
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
  /** A guardian's name may be written over several columns of a block (name, first name): read in column order. */
  guardianName: ({ out, read }, _column, text) => {
    out.guardianName = splitFullName(out.guardianName ? `${out.guardianName.displayName} ${text}` : text, read.locale);
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
  lessonsLeft: ({ out }, column, text, cell) => {
    const lessons = parseLessonsLeft(typeof cell === 'number' ? String(cell) : text);
    if (lessons === null) warn(out, column, 'invalid_number', text, 'Not a number of lessons left');
    else out.lessonsLeft = lessons;
  },
  packageName: ({ out }, column, text) => {
    out.packageName = oneSpaced(text);
    keep(out, column, out.packageName);
  },
  /** Kept in `extra` under its header as well: the client has no column for another system's id. */
  externalId: ({ out }, column, text) => {
    out.externalId = oneSpaced(text);
    keep(out, column, out.externalId);
  },
};

/** The name the cells give: separate first and last names win (with the full name, if any, as the display name), else the full name split. */
function nameOf({ read, fullName, firstName, lastName }: RowReading): SplitName | null {
  if (firstName !== null || lastName !== null) {
    return { displayName: fullName ?? read.composeName(firstName, lastName) ?? '', firstName, lastName };
  }
  return fullName === null ? null : splitFullName(fullName, read.locale);
}

/**
 * The row's name (see nameOf). Without a name the e-mail or phone stands in; with
 * none of the three the row is skipped.
 */
function nameRow(reading: RowReading): void {
  const { out } = reading;
  out.name = nameOf(reading);
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

/** The clients.create contract the screens validate with: the same limits hold for an imported row. */
const clientShape = contract['clients.create'].input.shape;
const programName = contract['programs.create'].input.shape.name;
const cohortName = contract['cohorts.create'].input.shape.name;

const screenChecks: {
  label: string;
  value: (out: NormalRow) => string | null;
  valid: (v: string) => boolean;
  drop: (out: NormalRow) => void;
}[] = [
  {
    label: 'Name',
    value: (o) => o.name?.displayName ?? null,
    valid: (v) => clientShape.displayName.safeParse(v).success,
    drop: (o) => (o.name = null),
  },
  {
    label: 'First name',
    value: (o) => o.name?.firstName ?? null,
    valid: (v) => clientShape.firstName.safeParse(v).success,
    drop: (o) => o.name && (o.name.firstName = null),
  },
  {
    label: 'Last name',
    value: (o) => o.name?.lastName ?? null,
    valid: (v) => clientShape.lastName.safeParse(v).success,
    drop: (o) => o.name && (o.name.lastName = null),
  },
  { label: 'E-mail', value: (o) => o.email, valid: (v) => clientShape.email.safeParse(v).success, drop: (o) => (o.email = null) },
  { label: 'Notes', value: (o) => o.notes, valid: (v) => clientShape.notes.safeParse(v).success, drop: (o) => (o.notes = null) },
  {
    label: 'Source',
    value: (o) => o.sourceChannel,
    valid: (v) => clientShape.sourceChannel.safeParse(v).success,
    drop: (o) => (o.sourceChannel = null),
  },
  {
    label: 'Guardian',
    value: (o) => o.guardianName?.displayName ?? null,
    valid: (v) => clientShape.displayName.safeParse(v).success,
    drop: (o) => (o.guardianName = null),
  },
  { label: 'Program', value: (o) => o.program, valid: (v) => programName.safeParse(v).success, drop: (o) => (o.program = null) },
  { label: 'Group', value: (o) => o.cohort, valid: (v) => cohortName.safeParse(v).success, drop: (o) => (o.cohort = null) },
];

/**
 * Values already checked, per check of a field a sheet repeats on row after row (its
 * courses, groups, notes, sources and guardians): each is checked once (the first values
 * seen are kept, up to a bound). A person's own name or e-mail rarely repeats, and is
 * checked directly.
 */
const checked = new Map<(typeof screenChecks)[number], Map<string, boolean>>();
const checkedKept = 1000;
const repeating = new Set(['Notes', 'Source', 'Guardian', 'Program', 'Group']);

function passes(check: (typeof screenChecks)[number], value: string): boolean {
  if (!repeating.has(check.label)) return check.valid(value);
  let known = checked.get(check);
  if (known === undefined) checked.set(check, (known = new Map()));
  let valid = known.get(value);
  if (valid === undefined) {
    valid = check.valid(value);
    if (known.size < checkedKept) known.set(value, valid);
  }
  return valid;
}

/**
 * The limits the screens hold a client, program or group to (lengths, formats), for
 * the imported row as well: a refused value leaves its field empty and is kept in
 * `extra`; a refused name is as if the row had none.
 */
function checkAgainstScreens(reading: RowReading): void {
  const { out } = reading;
  if (out.skip) return;
  let nameDropped = false;
  for (const check of screenChecks) {
    const value = check.value(out);
    if (value === null || passes(check, value)) continue;
    check.drop(out);
    out.extra[check.label] = value;
    nameDropped ||= check.label === 'Name';
    const course = check.label === 'Program' || check.label === 'Group';
    out.issues.push(
      issue(
        out.row,
        null,
        'invalid_value',
        course ? 'partial' : 'warning',
        `${check.label} refused as it would be on screen (too long or malformed): kept in the extra fields`,
      ),
    );
  }
  if (nameDropped) nameRow({ ...reading, fullName: null, firstName: null, lastName: null });
}

/** Cells whose values the row could not hold as fields, for a guardian with no name. */
export function guardianDisplay(row: NormalRow): SplitName | null {
  if (row.guardianName) return row.guardianName;
  const contact = row.guardianEmail ?? row.guardianPhone;
  return contact ? { displayName: contact, firstName: null, lastName: null } : null;
}
