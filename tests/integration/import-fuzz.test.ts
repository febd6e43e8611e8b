/**
 * Mutated files thrown at the importer: every fixture with bytes flipped, cut
 * short, spliced, duplicated or filled with noise. Whatever comes in, the answer
 * is a result or a typed error (never INTERNAL, never a crash), and a failed
 * import changes nothing. Fixed seeds and run counts keep it reproducible.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTestWorkspace } from './helpers';

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
