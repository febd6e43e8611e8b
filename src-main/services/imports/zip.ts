/**
 * Opening a workbook's zip without letting the zip open us. An XLSX or ODS file
 * is a zip archive, and a zip says in its central directory how large each part
 * becomes once inflated; a hostile or broken file can make a 700 KB workbook
 * inflate to gigabytes, or hide a bomb in a part nobody needs (an image, a second
 * sheet). So the directory is read first, and the file is refused before a byte
 * is inflated when its parts add up to more than a sheet we can hold, or when one
 * part inflates far more than spreadsheets ever do.
 *
 * A part is inflated only when the spreadsheet reader asks for it, and never past
 * the size the directory declared: a part that lies about its size stops at that
 * size with the same refusal. SheetJS reads the parts through `lazyWorkbookZip`,
 * which looks to it like its own container (name, type, content), so it inflates
 * only the workbook, the shared strings and styles, and the one sheet chosen.
 *
 * The directory is read here rather than through a zip library: the libraries
 * at hand either inflate every entry eagerly, inflate past the declared size, or
 * answer only asynchronously, and the importer is a synchronous pipeline. The
 * reading is the fixed ZIP layout (end record, central directory, local header);
 * inflating is node's zlib with its output bounded.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

export class ZipRefusal extends Error {
  constructor(
    readonly reason: 'corrupt' | 'encrypted' | 'expands',
    message: string,
  ) {
    super(message);
  }
}

/**
 * What a spreadsheet's parts may add up to. The expanded total bounds the XML the
 * reader holds as text; the ratio is far above what spreadsheet XML compresses to
 * (5–30×) and far below a deflate bomb (~1000×); small parts are exempt from it.
 */
export const zipLimits = {
  entries: 5_000,
  expandedBytes: 120 * 1024 * 1024,
  ratio: 200,
  ratioExemptBytes: 1024 * 1024,
} as const;

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);
const u32 = (b: Buffer, at: number) => b.readUInt32LE(at);

function endRecordAt(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) if (u32(bytes, at) === 0x06054b50) return at;
  throw new ZipRefusal('corrupt', 'The zip has no central directory (the file is cut short or damaged)');
}

/** The ZIP64 end record's entry count and directory offset, for archives whose 32-bit fields overflowed. */
function zip64Directory(bytes: Buffer, end: number): { count: number; offset: number } {
  const locator = end - 20;
  if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw new ZipRefusal('corrupt', 'The zip directory is damaged');
  const record = Number(bytes.readBigUInt64LE(locator + 8));
  if (record + 56 > bytes.length || u32(bytes, record) !== 0x06064b50) throw new ZipRefusal('corrupt', 'The zip directory is damaged');
  return { count: Number(bytes.readBigUInt64LE(record + 32)), offset: Number(bytes.readBigUInt64LE(record + 48)) };
}

/** Sizes and offset from a ZIP64 extra field, for the fields that hold 0xffffffff. */
function zip64Sizes(extra: Buffer, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = u16(extra, at);
    const length = u16(extra, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) throw new ZipRefusal('corrupt', 'The zip directory is damaged');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
      return;
    }
    at += 4 + length;
  }
}

/** The central directory: every part's name and declared sizes, read without inflating anything. */
export function zipDirectory(bytes: Buffer): ZipEntry[] {
  if (bytes.length < 22) throw new ZipRefusal('corrupt', 'The zip is cut short');
  const end = endRecordAt(bytes);
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (count === 0xffff || offset === 0xffffffff) ({ count, offset } = zip64Directory(bytes, end));
  if (count > zipLimits.entries)
    throw new ZipRefusal('expands', `The zip holds ${count} parts; a spreadsheet has far fewer (at most ${zipLimits.entries})`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new ZipRefusal('corrupt', 'The zip directory is damaged');
    if (u16(bytes, at + 8) & 0x0001) throw new ZipRefusal('encrypted', 'The workbook is encrypted');
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw new ZipRefusal('corrupt', 'The zip directory is damaged');
    const entry: ZipEntry = {
      name: bytes.toString('utf8', at + 46, nameEnd),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      headerOffset: u32(bytes, at + 42),
    };
    zip64Sizes(bytes.subarray(nameEnd, nameEnd + extraLength), entry);
    entries.push(entry);
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Refuses, before inflating anything, a zip whose parts expand past what a sheet may be. */
export function checkExpansion(entries: readonly ZipEntry[], fileBytes: number): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > zipLimits.ratioExemptBytes && ratio > zipLimits.ratio) {
      throw new ZipRefusal(
        'expands',
        `A part of the workbook (${entry.name}) expands ${Math.round(ratio)}-fold to ${mb(entry.size)}: a spreadsheet never does`,
      );
    }
  }
  if (total > zipLimits.expandedBytes) {
    throw new ZipRefusal(
      'expands',
      `The ${mb(fileBytes)} workbook expands to ${mb(total)}, more than the ${mb(zipLimits.expandedBytes)} an import may hold`,
    );
  }
}

/** One part's bytes, inflated no further than the size the directory declared. */
export function inflateEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.headerOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw new ZipRefusal('corrupt', `The zip part ${entry.name} is damaged`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw new ZipRefusal('corrupt', `The zip part ${entry.name} is cut short`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipRefusal('corrupt', `The zip part ${entry.name} is damaged`);
    return data;
  }
  if (entry.method !== 8) throw new ZipRefusal('corrupt', `The zip part ${entry.name} uses a compression spreadsheets do not use`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipRefusal('expands', `A part of the workbook (${entry.name}) expands past the ${mb(entry.size)} it declares`);
    }
    throw new ZipRefusal('corrupt', `The zip part ${entry.name} is damaged`);
  }
  if (out.length !== entry.size) throw new ZipRefusal('corrupt', `The zip part ${entry.name} is damaged`);
  return out;
}

/** A part as SheetJS's readers take it from their own container: read `content` and it is inflated then. */
interface LazyPart {
  name: string;
  type: number;
  readonly content: Buffer;
}

export interface LazyZip {
  files: Record<string, LazyPart>;
  /**
   * After a read: raises the first refusal met while inflating or inspecting a part
   * (SheetJS swallows errors inside a sheet's read), and lets go of the parts the
   * next read will not need again (the sheets).
   */
  release(): void;
}

/**
 * The zip as SheetJS's `parse_zip` reads it, each part inflated on first read,
 * shown to `inspect` (which may refuse it) and kept for the reads that follow.
 */
export function lazyWorkbookZip(bytes: Buffer, entries: readonly ZipEntry[], inspect: (name: string, part: Buffer) => void): LazyZip {
  const cache = new Map<string, Buffer>();
  const files: Record<string, LazyPart> = {};
  let refusal: unknown = null;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    files[entry.name] = {
      name: entry.name,
      type: 2,
      get content(): Buffer {
        let data = cache.get(entry.name);
        if (data === undefined) {
          try {
            data = inflateEntry(bytes, entry);
            inspect(entry.name, data);
          } catch (error) {
            refusal ??= error;
            throw error;
          }
          cache.set(entry.name, data);
        }
        return data;
      },
    };
  }
  return {
    files,
    release() {
      if (refusal !== null) throw refusal;
      for (const name of [...cache.keys()]) if (/worksheets\/|^content\.xml$/i.test(name)) cache.delete(name);
    },
  };
}
