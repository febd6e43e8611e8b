/**
 * Files built at test time to attack the importer: zip bombs (honest about their
 * size, or lying about it), a workbook whose second sheet is a bomb, an ODS whose
 * repeats spread one cell over billions, a CSV 10,000 columns wide, a cell of
 * megabytes. Nothing hostile is kept in the repository: each file is made from a
 * few kilobytes of code in milliseconds, so the tests, the fuzz run and the
 * benchmark all see the same shapes.
 *
 * The zip writer is the plain ZIP layout (local headers, central directory, end
 * record) so that a part can declare any size, right or wrong, which no zip
 * library will write on request.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';

export interface ZipPart {
  name: string;
  /** The part's bytes as stored: deflated unless `stored`. */
  data: Buffer;
  /** The size the directory declares for the inflated part. */
  size: number;
  crc?: number;
  stored?: boolean;
  /** The inflated bytes, when known (what the fuzz run mutates before deflating again). */
  content?: Buffer;
  /** Overrides for the fuzz run: a compression method or general-purpose flags no writer would set. */
  method?: number;
  flags?: number;
}

export function deflatedPart(name: string, content: Buffer | string): ZipPart {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, data: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes), content: bytes };
}

export function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.method ?? (part.stored ? 0 : 8);
    const flags = part.flags ?? 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(part.crc ?? 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(part.crc ?? 0, 16);
    header.writeUInt32LE(part.data.length, 20);
    header.writeUInt32LE(part.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    central.push(header, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A raw deflate stream that inflates to `megabytes` MB of `unit` repeated, built
 * from one flushed megabyte repeated (each segment stands alone), so making a
 * gigabyte bomb costs a megabyte of memory.
 */
export function deflateBomb(megabytes: number, unit = '<c r="A1"><v>1</v></c>'): Buffer {
  const megabyte = Buffer.alloc(1024 * 1024, unit);
  const segment = deflateRawSync(megabyte, { finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: megabytes }, () => segment), last]);
}

/** The parts of a zip (a workbook), each deflated again as its own part. */
export function partsOf(zip: Buffer): ZipPart[] {
  const container = XLSX.CFB.read(zip, { type: 'buffer' }) as { FullPaths: string[]; FileIndex: { type: number; content: Uint8Array }[] };
  const parts: ZipPart[] = [];
  container.FileIndex.forEach((entry, i) => {
    if (entry.type !== 2) return;
    const name = (container.FullPaths[i] as string).replace(/^[^/]*\//, '');
    parts.push(deflatedPart(name, Buffer.from(entry.content)));
  });
  return parts;
}

/** The parts SheetJS writes for a workbook of these sheets (name -> rows). */
export function workbookParts(sheets: Record<string, (string | number)[][]>): ZipPart[] {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  return partsOf(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

export const pupils: (string | number)[][] = [
  ['Név', 'Telefon', 'Tanfolyam'],
  ['Kovács Anna', '+36301234567', 'Angol A1'],
  ['Nagy Péter', '+36301234568', 'Rajz'],
];

/**
 * A real workbook with a 1 GB part nobody reads (an "image"), its size declared
 * honestly: the directory alone refuses it.
 */
export function honestBombWorkbook(megabytes = 1024): Buffer {
  const bomb = deflateBomb(megabytes);
  return zipOf([...workbookParts({ Pupils: pupils }), { name: 'xl/media/image1.png', data: bomb, size: megabytes * 1024 * 1024 }]);
}

/**
 * A workbook whose sheet part says it is 4 KB and inflates to a gigabyte: only
 * inflating it finds the lie. With `second`, the bomb is the second sheet and the
 * first is a good list of pupils.
 */
export function lyingBombWorkbook(options: { second?: boolean; megabytes?: number } = {}): Buffer {
  const megabytes = options.megabytes ?? 1024;
  const sheets: Record<string, (string | number)[][]> = options.second ? { Pupils: pupils, Archive: [['Név'], ['x']] } : { Pupils: pupils };
  const target = options.second ? 'xl/worksheets/sheet2.xml' : 'xl/worksheets/sheet1.xml';
  return zipOf(workbookParts(sheets).map((part) => (part.name === target ? { ...part, data: deflateBomb(megabytes), size: 4096 } : part)));
}

/** An ODS of a few kilobytes whose one filled cell is repeated over 16,384 columns and a million rows. */
export function odsRepeatBomb(): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Pupils">
<table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Phone</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>Anna</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;
  const mimetype = Buffer.from('application/vnd.oasis.opendocument.spreadsheet');
  return zipOf([
    { name: 'mimetype', data: mimetype, size: mimetype.length, crc: crc32(mimetype), stored: true },
    deflatedPart('content.xml', content),
    deflatedPart('styles.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-styles/>'),
    deflatedPart('META-INF/manifest.xml', manifest),
  ]);
}

/** A CSV of `columns` columns: a name, a phone, then numbered columns, over a few rows. */
export function wideCsv(columns = 10_000, rows = 3): Buffer {
  const header = ['Name', 'Phone', ...Array.from({ length: columns - 2 }, (_, i) => `Field ${i + 1}`)];
  const lines = [header.join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(
      [`Pupil ${r + 1}`, `+3630123${String(4000 + r)}`, ...Array.from({ length: columns - 2 }, (_, i) => String(i % 97))].join(','),
    );
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** A CSV whose second pupil's notes cell holds `characters` characters. */
export function longCellCsv(characters = 5 * 1024 * 1024): Buffer {
  const text = 'Lorem ipsum dolor sit amet. '.repeat(Math.ceil(characters / 28)).slice(0, characters);
  return Buffer.from(
    `Name,Phone,Notes,Remark\r\nKovács Anna,+36301234567,short note,ok\r\nNagy Péter,+36301234568,"${text}",${text}\r\n`,
    'utf8',
  );
}
