/**
 * Mutated files thrown at the importer: every fixture with bytes flipped, cut
 * short, spliced, duplicated or filled with noise; workbooks taken apart and put
 * together wrong (parts dropped, doubled or renamed, sizes and methods that lie,
 * encryption flags, deflate bombs, XML cut or spliced); CSVs of hostile shapes
 * (unbalanced quotes, widths around the column limit, cells past the cell limit,
 * other encodings). Whatever comes in, the answer is a result or a typed error
 * (never INTERNAL, never a crash), a failed import changes nothing, and nothing
 * stored is longer than the limits. Fixed seeds and run counts keep it reproducible.
 *
 * And the identity rules as properties over generated registers: families whose
 * children share the family's phone or e-mail (twins with one birth date among
 * them) are never merged, and a row typed twice is always merged — in any order
 * of the rows, with or without any contact at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importLimits } from '../../src-shared/api/imports-methods';
import { openTestWorkspace, type TestWorkspace } from './helpers';
import { deflateBomb, deflatedPart, partsOf, pupils, workbookParts, zipOf, type ZipPart } from './hostile-files';

const folder = join(import.meta.dirname, '../fixtures/import');
const files = readdirSync(folder)
  .filter((name) => !name.endsWith('.ts'))
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(folder, name))) }));

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
    count: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(), text: fc.string({ unit: 'grapheme', maxLength: 40 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Buffer.from(source);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    if (m.kind === 'flip') {
      for (let i = 0; i < m.count && at + i < bytes.length; i++) bytes[at + i] = (m.value + i * 31) & 0xff;
    } else if (m.kind === 'truncate') {
      bytes = bytes.subarray(0, at);
    } else if (m.kind === 'insert') {
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    } else if (m.kind === 'duplicate') {
      bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + m.length), bytes.subarray(at)]);
    } else {
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text, 'utf8'), bytes.subarray(at)]);
    }
  }
  return bytes;
}

const typed = new Set(['VALIDATION', 'CONFLICT', 'NOT_FOUND']);

describe('mutated files', () => {
  it('never crash the importer and never half-write', { timeout: 120_000 }, () => {
    const ws = openTestWorkspace();
    const count = (sql: string) => (ws.db.sqlite.prepare(sql).get() as { n: number }).n;
    let imported = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (which, mutations, commit) => {
          const file = files[which] as { name: string; bytes: Uint8Array };
          const content = Buffer.from(mutate(file.bytes, mutations)).toString('base64');
          const changesBefore = count('SELECT count(*) AS n FROM changes');
          const result = ws.raw(commit ? 'imports.commit' : 'imports.preview', { fileName: file.name, contentBase64: content });
          if (!result.ok) {
            refused++;
            expect(typed.has(result.error.code), `${file.name}: ${result.error.code} ${result.error.message}`).toBe(true);
            expect(count('SELECT count(*) AS n FROM changes')).toBe(changesBefore);
            return;
          }
          if (!commit) {
            expect(count('SELECT count(*) AS n FROM changes')).toBe(changesBefore);
            return;
          }
          imported++;
          const value = result.value as {
            batchId: string;
            alreadyImported: boolean;
            records: { clients: number; guardians: number; enrollments: number };
          };
          if (value.alreadyImported) return;
          const clients = count(`SELECT count(*) AS n FROM clients WHERE import_batch_id = '${value.batchId}'`);
          const enrollments = count(`SELECT count(*) AS n FROM enrollments WHERE import_batch_id = '${value.batchId}'`);
          expect([clients, enrollments]).toEqual([value.records.clients + value.records.guardians, value.records.enrollments]);
        },
      ),
      { numRuns: 1200, seed: 20_260_310 },
    );
    expect(ws.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(imported).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

// ---- workbooks mutated part by part ---------------------------------------------------------

/** The fixture workbooks and generated ones (a two-sheet XLSX, an ODS), as their zip parts. */
const workbooks = [
  ...files.filter((f) => /\.(xlsx|ods)$/.test(f.name) && f.name !== 'truncated.xlsx' && f.name !== 'password.xlsx'),
  { name: 'two-sheets.xlsx', bytes: new Uint8Array(zipOf(workbookParts({ Pupils: pupils, Archive: [['Név'], ['Kiss Éva']] }))) },
].map((f) => ({ name: f.name, parts: partsOf(Buffer.from(f.bytes)) }));

const partMutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), part: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), part: fc.nat() }),
  fc.record({
    kind: fc.constant('rename' as const),
    part: fc.nat(),
    name: fc.constantFrom('xl/worksheets/sheet9.xml', 'content.xml', '', '../x', 'xl/'),
  }),
  fc.record({ kind: fc.constant('size' as const), part: fc.nat(), size: fc.constantFrom(0, 1, 17, 0xffffffff, 200 * 1024 * 1024) }),
  fc.record({ kind: fc.constant('method' as const), part: fc.nat(), method: fc.constantFrom(0, 1, 12, 99) }),
  fc.record({ kind: fc.constant('encrypted' as const), part: fc.nat() }),
  fc.record({ kind: fc.constant('bomb' as const), part: fc.nat(), megabytes: fc.integer({ min: 1, max: 24 }), lie: fc.boolean() }),
  fc.record({ kind: fc.constant('xml' as const), part: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('cells' as const),
    part: fc.nat(),
    text: fc.constantFrom('<c r="XFD1048576"><v>1</v></c>', '<row r="0">', ']]>', '&bogus;', '<c t="s"><v>999999</v></c>'),
  }),
);
type PartMutation = typeof partMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateParts(source: readonly ZipPart[], mutations: readonly PartMutation[]): ZipPart[] {
  const parts = [...source];
  for (const m of mutations) {
    if (parts.length === 0) break;
    const i = m.part % parts.length;
    const part = parts[i] as ZipPart;
    if (m.kind === 'drop') parts.splice(i, 1);
    else if (m.kind === 'duplicate') parts.push({ ...part });
    else if (m.kind === 'rename') parts[i] = { ...part, name: m.name };
    else if (m.kind === 'size') parts[i] = { ...part, size: m.size };
    else if (m.kind === 'method') parts[i] = { ...part, method: m.method };
    else if (m.kind === 'encrypted') parts[i] = { ...part, flags: 0x0801 };
    else if (m.kind === 'bomb') parts[i] = { ...part, data: deflateBomb(m.megabytes), size: m.lie ? 4096 : m.megabytes * 1024 * 1024 };
    else if (part.content) {
      const content =
        m.kind === 'xml'
          ? Buffer.from(mutate(part.content, m.mutations))
          : Buffer.concat([
              part.content.subarray(0, part.content.length >> 1),
              Buffer.from(m.text),
              part.content.subarray(part.content.length >> 1),
            ]);
      parts[i] = deflatedPart(part.name, content);
    }
  }
  return parts;
}

describe('workbooks mutated part by part (zip directory, sizes, methods, XML)', () => {
  it('never crash the importer, never run past its limits, never half-write', { timeout: 180_000 }, () => {
    const ws = openTestWorkspace();
    const count = (sql: string) => (ws.db.sqlite.prepare(sql).get() as { n: number }).n;
    const codes = new Map<string, number>();
    let imported = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: workbooks.length - 1 }),
        fc.array(partMutation, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (which, mutations, commit) => {
          const book = workbooks[which] as { name: string; parts: ZipPart[] };
          const content = zipOf(mutateParts(book.parts, mutations)).toString('base64');
          const changesBefore = count('SELECT count(*) AS n FROM changes');
          const result = ws.raw(commit ? 'imports.commit' : 'imports.preview', { fileName: book.name, contentBase64: content });
          if (!result.ok) {
            expect(typed.has(result.error.code), `${book.name}: ${result.error.code} ${result.error.message}`).toBe(true);
            const code = result.error.fields?.[0]?.code ?? result.error.code;
            codes.set(code, (codes.get(code) ?? 0) + 1);
            expect(count('SELECT count(*) AS n FROM changes')).toBe(changesBefore);
            return;
          }
          if (!commit) {
            expect(count('SELECT count(*) AS n FROM changes')).toBe(changesBefore);
            return;
          }
          imported++;
          const value = result.value as { batchId: string; alreadyImported: boolean; records: { clients: number; guardians: number } };
          if (value.alreadyImported) return;
          expect(count(`SELECT count(*) AS n FROM clients WHERE import_batch_id = '${value.batchId}'`)).toBe(
            value.records.clients + value.records.guardians,
          );
        },
      ),
      { numRuns: 500, seed: 20_261_206 },
    );
    expect(ws.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(imported).toBeGreaterThan(0);
    for (const code of ['file_expands', 'file_corrupt', 'file_encrypted']) expect(codes.get(code), code).toBeGreaterThan(0);
  });
});

// ---- CSVs of hostile shapes ------------------------------------------------------------------

const csvCell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('"', '""', '"a""b', '\r', '\n', '\u0000', '=cmd|calc', '﻿', 'Kovács Anna', '+36 30 123 4567', '2024.13.45.'),
  fc.integer({ min: 9_999, max: 10_002 }).map((n) => 'x'.repeat(n)),
);

const hostileCsv = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  width: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 12 }), weight: 5 },
    { arbitrary: fc.integer({ min: 998, max: 1_003 }), weight: 1 },
  ),
  rows: fc.array(fc.array(csvCell, { maxLength: 14 }), { minLength: 1, maxLength: 12 }),
  encoding: fc.constantFrom('utf8' as const, 'utf16le' as const, 'latin1' as const),
  unbalanced: fc.boolean(),
});

describe('CSVs of hostile shapes (quotes, widths, cell lengths, encodings)', () => {
  it('are imported within the limits or refused with a file code; never a crash or a partial write', { timeout: 180_000 }, () => {
    const ws = openTestWorkspace();
    const count = (sql: string) => (ws.db.sqlite.prepare(sql).get() as { n: number }).n;
    fc.assert(
      fc.property(hostileCsv, fc.boolean(), ({ delimiter, width, rows, encoding, unbalanced }, commit) => {
        const header = ['Név', 'Telefon', 'Megjegyzés', ...Array.from({ length: Math.max(0, width - 3) }, (_, i) => `Oszlop ${i}`)];
        const lines = [header.join(delimiter), ...rows.map((cells) => cells.join(delimiter))];
        const text = lines.join('\r\n') + (unbalanced ? '\r\n"unclosed' : '');
        const changesBefore = count('SELECT count(*) AS n FROM changes');
        const result = ws.raw(commit ? 'imports.commit' : 'imports.preview', {
          fileName: 'hostile.csv',
          contentBase64: Buffer.from(text, encoding).toString('base64'),
        });
        if (!result.ok) {
          expect(typed.has(result.error.code), `${result.error.code} ${result.error.message}`).toBe(true);
          if (width > importLimits.columns) expect(result.error.fields?.[0]?.code).toBe('too_many_columns');
          expect(count('SELECT count(*) AS n FROM changes')).toBe(changesBefore);
          return;
        }
        // nothing stored, in a field or in the extra cells, is longer than a cell may be
        const longest = ws.db.sqlite
          .prepare(
            `SELECT max(
               (SELECT coalesce(max(length(notes)), 0) FROM clients),
               (SELECT coalesce(max(length(e.value)), 0) FROM clients c, json_each(c.extra) e WHERE json_valid(c.extra))
             ) AS n`,
          )
          .get() as { n: number };
        expect(longest.n).toBeLessThanOrEqual(importLimits.cellChars);
      }),
      { numRuns: 100, seed: 20_261_207 },
    );
    expect(ws.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

const surnames = ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár'];
const firstNames = ['Anna', 'Bence', 'Csilla', 'Dávid', 'Eszter', 'Ferenc', 'Gréta', 'Hanna', 'Imre', 'Júlia'];

const family = fc.record({
  contact: fc.constantFrom('phone' as const, 'email' as const, 'both' as const, 'none' as const),
  children: fc.uniqueArray(fc.constantFrom(...firstNames), { minLength: 1, maxLength: 4 }),
  /** Index into the children of a twin of the first child (same birth date), if any. */
  twin: fc.option(fc.nat({ max: 3 }), { nil: null }),
  course: fc.constantFrom('Angol', 'Rajz', 'Zongora'),
});

const register = fc
  .record({
    families: fc.array(family, { minLength: 1, maxLength: surnames.length }),
    duplicates: fc.array(fc.nat(), { maxLength: 6 }),
    order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }),
  })
  .map(({ families, duplicates, order }) => {
    const people: string[][] = [];
    families.forEach((f, i) => {
      const surname = surnames[i] as string;
      const phone = f.contact === 'phone' || f.contact === 'both' ? `+3630${String(1_000_000 + i * 1111).padStart(7, '0')}` : '';
      const email = f.contact === 'email' || f.contact === 'both' ? `${surname.toLowerCase()}.csalad${i}@example.hu` : '';
      f.children.forEach((first, c) => {
        const born = c === 0 || c === f.twin ? `201${i}-0${i + 1}-10` : `201${i}-1${c % 3}-2${c}`;
        people.push([`${surname} ${first}`, born, phone, email, f.course]);
      });
    });
    const rows = [...people, ...duplicates.map((d) => [...(people[d % people.length] as string[])])];
    const keyed = rows.map((row, i) => ({ row, key: order[i % order.length] ?? 0, i }));
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    return { people, rows: keyed.map((k) => k.row), duplicates: rows.length - people.length };
  });

function registerCsv(rows: readonly string[][]): string {
  const text = ['Név;Születési dátum;Telefon;E-mail;Tanfolyam', ...rows.map((r) => r.join(';'))].join('\n');
  return Buffer.from(text, 'utf8').toString('base64');
}

function clientNames(ws: TestWorkspace, batchId: string): string[] {
  return (
    ws.db.sqlite.prepare('SELECT display_name AS n FROM clients WHERE import_batch_id = ? ORDER BY n').all(batchId) as { n: string }[]
  ).map((r) => r.n);
}

describe('the identity rules, as properties of generated registers', () => {
  it('siblings sharing a phone or e-mail are never merged; exact duplicates always are (preview)', { timeout: 120_000 }, () => {
    const ws = openTestWorkspace();
    fc.assert(
      fc.property(register, ({ people, rows, duplicates }) => {
        const preview = ws.call('imports.preview', { fileName: 'nevsor.csv', contentBase64: registerCsv(rows) });
        expect(preview.summary).toMatchObject({ newClients: people.length, mergedClients: 0, skippedRows: 0 });
        const merges = preview.matches.filter((m) => m.action === 'merge');
        expect(merges).toHaveLength(duplicates);
        for (const m of merges) expect(m.rowName).toBe(m.clientName);
        expect(preview.issues.filter((i) => i.code === 'duplicate_in_file')).toHaveLength(duplicates);
      }),
      { numRuns: 150, seed: 20_260_311 },
    );
  });

  it(
    'and once written: one client per person, each with their own enrollment, every merge named in the report',
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(register, ({ people, rows, duplicates }) => {
          const ws = openTestWorkspace();
          const result = ws.call('imports.commit', { fileName: 'nevsor.csv', contentBase64: registerCsv(rows) });
          expect(result.records).toMatchObject({ clients: people.length, enrollments: people.length });
          expect(clientNames(ws, result.batchId)).toEqual(people.map((p) => p[0] as string).sort());
          const merges = ws.call('imports.get', { batchId: result.batchId }).merges;
          expect(merges.filter((m) => m.kind === 'client')).toHaveLength(duplicates);
          expect(merges.every((m) => m.rowName === m.intoName && m.undoable)).toBe(true);
        }),
        { numRuns: 25, seed: 20_260_312 },
      );
    },
  );
});
