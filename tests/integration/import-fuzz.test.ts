/**
 * Mutated files thrown at the importer: every fixture with bytes flipped, cut
 * short, spliced, duplicated or filled with noise. Whatever comes in, the answer
 * is a result or a typed error (never INTERNAL, never a crash), and a failed
 * import changes nothing. Fixed seeds and run counts keep it reproducible.
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
import { openTestWorkspace, type TestWorkspace } from './helpers';

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
