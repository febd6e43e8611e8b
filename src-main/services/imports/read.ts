/**
 * Turning the bytes of a file a school sends us into a grid of cells, or into a
 * clear refusal. Everything after this module sees only rows of cells (text,
 * numbers, calendar days), whatever the file was.
 *
 * Text files are the hard part: a CSV says nothing about its encoding, and the
 * regional Excels write windows-1250 (Hungarian), windows-1252 (French, German),
 * windows-1251 (Russian), GB18030 (Chinese), UTF-16 ("Unicode text") or UTF-8
 * with or without a BOM. Statistical detectors misread short Latin text, so the
 * detector's guesses are only candidates: each is decoded and scored on what
 * real text in those languages looks like, and the best reading wins. The
 * delimiter is chosen the same way: the candidate that splits the first rows
 * into the most consistent number of columns.
 *
 * Workbooks (XLSX, XLS, ODS) go through SheetJS; date cells are read from their
 * serial number and number format, never through the machine's time zone.
 *
 * Reading stays within limits whatever the file: a zip's directory is checked
 * before anything is inflated and each part is inflated only when SheetJS asks
 * for it (./zip.ts), only the chosen sheet is read, a sheet's cells are counted
 * before SheetJS spreads them out (an ODS repeat can make billions of one), and
 * past `importLimits` a sheet is refused (columns) or a cell cut short so the
 * analysis reports it on its row and column (length). Without these a 700 KB
 * workbook once took 1.7 GB and failed on a sheet SheetJS had quietly dropped.
 */
import { isUtf8 as isUtf8Bytes } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import { AppError } from '../../../src-shared/errors';
import { importLimits, type ImportFileErrorCode } from '../../../src-shared/api/imports-methods';
import { excelSerialToIso } from '../../../src-shared/import/values';
import { checkExpansion, lazyWorkbookZip, ZipRefusal, zipDirectory } from './zip';

/** A cell as the importer sees it: text, a number, or a calendar day read from a date cell. */
export type Cell = string | number | { date: string } | null;

export interface SheetGrid {
  format: 'csv' | 'xlsx' | 'ods' | 'xls';
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  rows: Cell[][];
}

export const maxFileBytes = 75 * 1024 * 1024;

export function fileError(code: ImportFileErrorCode, message: string): AppError {
  return new AppError('VALIDATION', message, [{ path: ['file'], code, message }]);
}

// ---- containers ------------------------------------------------------------------------

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

function kindOf(bytes: Uint8Array): 'zip' | 'cfb' | 'text' | 'foreign' {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb';
  const foreign: number[][] = [
    [0x25, 0x50, 0x44, 0x46], // %PDF
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    [0x47, 0x49, 0x46, 0x38], // GIF
    [0x1f, 0x8b], // gzip
    [0x52, 0x61, 0x72, 0x21], // RAR
    [0x37, 0x7a, 0xbc, 0xaf], // 7z
    [0x7f, 0x45, 0x4c, 0x46], // ELF
    [0x4d, 0x5a], // Windows executable
    [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], // SQLite
    [0x7b, 0x5c, 0x72, 0x74, 0x66], // RTF
  ];
  if (foreign.some((signature) => startsWith(bytes, signature))) return 'foreign';
  return 'text';
}

function utf16Of(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

function containsBytes(bytes: Uint8Array, needle: Buffer): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** How SheetJS reads cells: dense rows, number formats kept (they make dates), values only (no text, HTML or formulas). */
const readOptions: XLSX.ParsingOptions = {
  dense: true,
  cellNF: true,
  cellText: false,
  cellDates: false,
  cellHTML: false,
  cellFormula: false,
  WTF: false,
};

function unreadable(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZipRefusal) {
    if (error.reason === 'encrypted') return fileError('file_encrypted', encryptedMessage);
    if (error.reason === 'expands') return fileError('file_expands', `${error.message}: it cannot be imported safely`);
    return fileError('file_corrupt', `The workbook cannot be read (${error.message}); it may be damaged or incomplete`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/password|encrypt/i.test(message)) return fileError('file_encrypted', encryptedMessage);
  return fileError('file_corrupt', `The workbook cannot be read (${message}); it may be damaged or incomplete`);
}

const encryptedMessage = 'The workbook is password-protected: save a copy without a password and import that';

interface Book {
  format: SheetGrid['format'];
  sheets: string[];
  /** The cells of one sheet (by its index), read only when asked for. */
  grid(index: number): Cell[][];
}

/** XLS (a compound file): SheetJS reads every sheet at once; the file's size already bounds it. */
function xlsBook(bytes: Uint8Array): Book {
  if (containsBytes(bytes, utf16Of('EncryptedPackage'))) throw fileError('file_encrypted', encryptedMessage);
  const workbook = XLSX.read(bytes, { ...readOptions, type: 'array' });
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  return {
    format: 'xls',
    sheets: workbook.SheetNames,
    grid: (index) => sheetRows(workbook.Sheets[workbook.SheetNames[index] as string], date1904),
  };
}

/**
 * XLSX and ODS: the zip directory is checked before anything is inflated, then
 * SheetJS reads the workbook part for the sheet names and, per sheet asked for,
 * only that sheet (ODS keeps every sheet in one part, read once).
 */
function zipBook(bytes: Uint8Array, fileName: string): Book {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipDirectory(buffer);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  const ods = names.has('content.xml') && !names.has('xl/workbook.xml');
  if (!ods && !names.has('[content_types].xml'))
    throw fileError('file_format', `${fileName} is a ZIP archive but not a spreadsheet (XLSX or ODS)`);
  checkExpansion(entries, bytes.length);
  const zip = lazyWorkbookZip(buffer, entries, (name, part) => {
    if (/^content\.xml$/i.test(name)) checkCells(odsCellCount(part));
    else if (/worksheets\/[^/]+\.xml$/i.test(name)) checkCells(xlsxCellCount(part));
  });
  // SheetJS reads a sheet inside its own try and leaves a sheet it could not read out; the refusal is kept and raised here.
  const parse = (options: XLSX.ParsingOptions) => {
    const workbook = (XLSX as unknown as { parse_zip: ParseZip }).parse_zip(zip, { ...readOptions, ...options });
    zip.release();
    return workbook;
  };
  if (ods) {
    const workbook = parse({});
    const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
    const grids = workbook.SheetNames.map((name) => sheetRows(workbook.Sheets[name], date1904));
    return { format: 'ods', sheets: workbook.SheetNames, grid: (index) => grids[index] ?? [] };
  }
  const sheets = parse({ bookSheets: true, bookProps: false }).SheetNames ?? [];
  return {
    format: 'xlsx',
    sheets,
    grid(index) {
      const workbook = parse({ sheets: index });
      return sheetRows(workbook.Sheets[sheets[index] as string], Boolean(workbook.Workbook?.WBProps?.date1904));
    },
  };
}

type ParseZip = (zip: unknown, options: XLSX.ParsingOptions) => XLSX.WorkBook;

function readWorkbook(bytes: Uint8Array, kind: 'zip' | 'cfb', fileName: string, sheetName: string | undefined): SheetGrid {
  let book: Book;
  let chosen: string;
  let rows: Cell[][];
  try {
    book = kind === 'cfb' ? xlsBook(bytes) : zipBook(bytes, fileName);
    const sheets = book.sheets;
    if (sheets.length === 0) throw fileError('no_rows', 'The workbook has no sheets');
    if (sheetName !== undefined) {
      if (!sheets.includes(sheetName))
        throw fileError('sheet_not_found', `There is no sheet called "${sheetName}" (sheets: ${sheets.join(', ')})`);
      chosen = sheetName;
      rows = book.grid(sheets.indexOf(sheetName));
    } else {
      // The first sheet with a row of two or more cells; a sheet is read only when the ones before it hold none.
      chosen = sheets[0] as string;
      rows = book.grid(0);
      for (let i = 1; i < sheets.length && !hasData(rows); i++) {
        const next = book.grid(i);
        if (hasData(next)) [chosen, rows] = [sheets[i] as string, next];
      }
    }
  } catch (error) {
    throw unreadable(error);
  }
  return { format: book.format, encoding: null, delimiter: null, sheets: book.sheets, sheet: chosen, rows };
}

const hasData = (rows: readonly Cell[][]) => rows.some((row) => row.filter((c) => c !== null).length >= 2);

/** The most cells one sheet may hold: what keeps an import of any file within its memory budget. */
export const maxSheetCells = 1_500_000;

function checkCells(count: number): void {
  if (count > maxSheetCells)
    throw new ZipRefusal(
      'expands',
      `The sheet holds about ${count.toLocaleString('en-US')} cells, more than the ${maxSheetCells.toLocaleString('en-US')} an import may hold`,
    );
}

/** Cells of an XLSX sheet part: its `<c>` elements, counted on the bytes without parsing. */
const isNameByte = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

function xlsxCellCount(part: Buffer): number {
  let count = 0;
  for (let at = part.indexOf(0x3c); at >= 0 && at < part.length - 2; at = part.indexOf(0x3c, at + 1)) {
    let name = at + 1;
    // an optional namespace prefix (x:c)
    let probe = name;
    while (probe < part.length && probe - name < 16 && isNameByte(part[probe] as number)) probe++;
    if (part[probe] === 0x3a) name = probe + 1;
    const next = part[name + 1];
    if (part[name] === 0x63 && (next === 0x20 || next === 0x2f || next === 0x3e || next === 0x09 || next === 0x0a || next === 0x0d))
      count++;
  }
  return count;
}

/**
 * Cells an ODS content part becomes once its repeats are spread out: a filled cell
 * repeated across columns, in a row repeated down, is that many cells to SheetJS.
 * Empty cells (however repeated) become nothing.
 */
function odsCellCount(part: Buffer): number {
  const text = part.toString('latin1');
  let count = 0;
  let rowRepeat = 1;
  const tags = /<table:(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;
  for (let m = tags.exec(text); m !== null; m = tags.exec(text)) {
    const attributes = m[2] as string;
    if (m[1] === 'table-row') {
      rowRepeat = Number(/number-rows-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
      continue;
    }
    const filled = m[3] !== '/' || /office:value-type=/.test(attributes);
    if (!filled) continue;
    count += rowRepeat * Number(/number-columns-repeated="(\d+)"/.exec(attributes)?.[1] ?? 1);
    if (count > maxSheetCells) return count;
  }
  return count;
}

function sheetRows(sheet: XLSX.WorkSheet | undefined, date1904: boolean): Cell[][] {
  if (sheet === undefined) throw fileError('file_corrupt', 'A sheet of the workbook cannot be read; it may be damaged or incomplete');
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const rows: Cell[][] = [];
  for (let r = 0; r < data.length; r++) {
    const source = data[r] ?? [];
    const row: Cell[] = [];
    for (let c = 0; c < source.length; c++) row.push(cellValue(source[c], date1904));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    rows.push(row);
  }
  return rows;
}

/**
 * A cell's text, or null when blank. Text past the longest a field takes is cut one
 * character beyond it: the analysis still sees it is too long (and says so on its
 * row and column), and no header match or layout guess ever scans a megabyte.
 */
/**
 * The cell's text as a string of its own. V8 keeps a piece of 13 characters or more
 * cut from a longer string as a view into it, so one e-mail kept from a cell would keep
 * the whole text of the file (24 MB for a 100,000-row sheet in a Latin-2 language)
 * alive until the import ends; a JSON round trip makes a flat copy.
 */
function detached(text: string | null): string | null {
  return text === null || text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

function clipped(text: string): string | null {
  if (text.length > importLimits.cellChars) return text.slice(0, importLimits.cellChars + 1);
  return text.trim() === '' ? null : text;
}

function cellValue(cell: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        const day = excelSerialToIso(value, date1904);
        return day ? { date: day } : value;
      }
      return value;
    }
    case 'd': {
      const d = cell.v as Date;
      if (!(d instanceof Date) || Number.isNaN(d.getTime())) return null;
      return { date: d.toISOString().slice(0, 10) };
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return null;
    default:
      return clipped(String(cell.v));
  }
}

// ---- text ------------------------------------------------------------------------------

const candidateEncodings = ['windows-1250', 'windows-1252', 'windows-1251', 'gb18030'];

const chardetNames: Record<string, string> = {
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'windows-1250',
  'ISO-8859-5': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
};

/** Letters that real text in our languages uses often (any other non-ASCII letter is merely possible). */
const commonAccents = new Set('áéíóöőúüűÁÉÍÓÖŐÚÜŰàâçèêëîïôùûœÀÂÇÈÊËÎÏÔÙÛŒäßÄñ');

function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * How much a decoding looks like real text: accented letters that our languages
 * use score, stray symbols and control characters cost, and so do the tell-tale
 * shapes of mojibake (three accented Latin letters in a row, Cyrillic words that
 * switch case inside or mix with ASCII letters, CJK next to Latin letters).
 */
export function scoreText(text: string): number {
  let score = 0;
  for (const word of text.split(/[\s,;\t"'.()/:-]+/u)) {
    if (word === '') continue;
    let latinRun = 0;
    let hasAsciiLetter = false;
    let hasCyrillic = false;
    let hasCjk = false;
    let caseFlips = 0;
    let previousLower = false;
    for (const ch of word) {
      const code = ch.codePointAt(0) as number;
      if (code < 0x80) {
        latinRun = 0;
        if (/[A-Za-z]/.test(ch)) hasAsciiLetter = true;
        else if (code < 0x20 && ch !== '\t') score -= 20;
        continue;
      }
      if (code === 0xfffd || (code >= 0x80 && code < 0xa0)) {
        score -= 20;
        continue;
      }
      if (code >= 0x400 && code <= 0x4ff) {
        hasCyrillic = true;
        const lower = ch === ch.toLowerCase();
        if (!lower && previousLower) caseFlips++;
        previousLower = lower;
        score += 2;
        continue;
      }
      if (isCjk(code)) {
        hasCjk = true;
        score += 2;
        continue;
      }
      if (/\p{L}/u.test(ch)) {
        latinRun++;
        score += commonAccents.has(ch) ? 2 : 0.25;
        if (latinRun >= 3) score -= 4;
        continue;
      }
      if (
        code === 0xa0 ||
        code === 0x202f ||
        ch === '€' ||
        ch === '„' ||
        ch === '”' ||
        ch === '“' ||
        ch === '–' ||
        ch === '’' ||
        /[\u3000-\u303f\uff00-\uffef]/u.test(ch)
      )
        continue;
      score -= 3;
    }
    if (hasCyrillic && hasAsciiLetter) score -= 6;
    if (hasCyrillic && caseFlips > 0) score -= 4 * caseFlips;
    if (hasCjk && hasAsciiLetter) score -= 2;
  }
  return score;
}

/** In GB18030, real Chinese text uses mostly the common (GB2312 level 1) characters; other text decoded as GB does not. */
function gbLevelOneShare(bytes: Uint8Array): number {
  let pairs = 0;
  let levelOne = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    const lead = bytes[i] as number;
    if (lead < 0x81) continue;
    const trail = bytes[i + 1] as number;
    pairs++;
    if (lead >= 0xb0 && lead <= 0xd7 && trail >= 0xa1 && trail <= 0xfe) levelOne++;
    i++;
  }
  return pairs === 0 ? 0 : levelOne / pairs;
}

function looksUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero / half > 0.3 && evenZero / half < 0.05) return 'utf-16le';
  if (evenZero / half > 0.3 && oddZero / half < 0.05) return 'utf-16be';
  return null;
}

/** Valid UTF-8 (the WHATWG decoder's rules), checked on the bytes: decoding a big file only to learn this made a second copy of its text. */
function isUtf8(bytes: Uint8Array): boolean {
  return isUtf8Bytes(bytes);
}

/** The text of a file and the encoding it was read with. */
export function decodeText(bytes: Uint8Array, preferred: readonly string[] = []): { text: string; encoding: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const wide = looksUtf16(bytes);
  if (wide) return { text: iconv.decode(buffer, wide), encoding: wide };
  if (isUtf8(bytes)) return { text: buffer.toString('utf8'), encoding: 'utf-8' };

  const sample = buffer.subarray(0, 256 * 1024);
  const candidates = new Set<string>(candidateEncodings);
  const guesses = chardet.analyse(sample);
  const top = guesses[0] ? chardetNames[guesses[0].name] : undefined;
  for (const guess of guesses.slice(0, 3)) {
    const name = chardetNames[guess.name];
    if (name) candidates.add(name);
  }
  let best: { encoding: string; score: number } | null = null;
  for (const encoding of candidates) {
    if (!iconv.encodingExists(encoding)) continue;
    const decoded = iconv.decode(sample, encoding);
    let score = scoreText(decoded);
    if (encoding === 'gb18030') score += (gbLevelOneShare(sample) - 0.7) * decoded.length;
    if (encoding === top) score += 1;
    const rank = preferred.indexOf(encoding);
    if (rank >= 0) score += 0.5 - rank * 0.1;
    if (!best || score > best.score) best = { encoding, score };
  }
  const encoding = best?.encoding ?? 'windows-1252';
  return { text: iconv.decode(buffer, encoding), encoding };
}

const delimiters = [';', ',', '\t', '|'];

/** The delimiter that splits the first rows into the most consistent number of columns. */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = { delimiter: ',', score: -1 };
  for (const delimiter of delimiters) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, preview: 40, skipEmptyLines: 'greedy' });
    const widths = parsed.data.map((row) => row.length).filter((w) => w > 1);
    if (widths.length === 0) continue;
    const counts = new Map<number, number>();
    for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
    const [mode, modeCount] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
    const score = modeCount * Math.log2(mode + 1);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  let bad = 0;
  for (const ch of sample) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\n' && ch !== '\r' && ch !== '\t' && ch !== '\f') || code === 0xfffd) bad++;
  }
  return bad / sample.length > 0.02;
}

function readText(bytes: Uint8Array, preferredEncodings: readonly string[]): SheetGrid {
  const { text, encoding } = decodeText(bytes, preferredEncodings);
  if (looksBinary(text)) throw fileError('file_binary', 'This is not a text or spreadsheet file');
  if (text.trim() === '') throw fileError('file_empty', 'The file is empty');
  const delimiter = sniffDelimiter(text);
  // Papa's row arrays become the grid in place: a second copy of a big file's cells is never made.
  // Each longer cell is copied out of the file's text, so the text is freed once parsed.
  const rows = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data as Cell[][];
  for (const cells of rows) {
    for (let c = 0; c < cells.length; c++) cells[c] = detached(clipped(cells[c] as string));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
  }
  return { format: 'csv', encoding, delimiter, sheets: [], sheet: null, rows };
}

/**
 * Reads any file we accept. `preferredEncodings` break ties between equally good
 * readings of a text file (the workspace language's usual Windows code page first).
 */
export function readSheet(
  bytes: Uint8Array,
  fileName: string,
  sheet: string | undefined,
  preferredEncodings: readonly string[] = [],
): SheetGrid {
  if (bytes.length === 0) throw fileError('file_empty', 'The file is empty');
  if (bytes.length > maxFileBytes) throw fileError('file_too_large', `The file is larger than ${maxFileBytes / 1024 / 1024} MB`);
  const kind = kindOf(bytes);
  if (kind === 'foreign') throw fileError('file_format', `${fileName} is not a spreadsheet: save it as CSV, XLSX or ODS`);
  const grid = kind === 'text' ? readText(bytes, preferredEncodings) : readWorkbook(bytes, kind, fileName, sheet);
  if (kind === 'text' && sheet !== undefined && sheet !== '') throw fileError('sheet_not_found', 'A CSV file has no sheets to choose from');
  if (!grid.rows.some((row) => row.some((cell) => cell !== null))) throw fileError('file_empty', 'The file holds no data');
  let width = 0;
  for (const row of grid.rows) width = Math.max(width, row.length);
  if (width > importLimits.columns) {
    throw fileError(
      'too_many_columns',
      `The sheet has ${width.toLocaleString('en-US')} columns; at most ${importLimits.columns.toLocaleString('en-US')} can be imported: delete the columns you do not need`,
    );
  }
  return grid;
}
