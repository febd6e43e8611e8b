/**
 * What refusing a hostile file costs (issue 14): a zip-bomb workbook (honest and
 * lying), an ODS of billions of repeated cells, a CSV of 10,000 columns and a CSV
 * with a 5 MB cell, each imported by the CLI in its own process, stay under 300 MB
 * of peak resident memory, and the refusals write nothing. A big honest sheet (the
 * bench's: one row per person and course, Hungarian headers) stays under the same
 * budget through its dry run and its import. Memory is measured in
 * the child (see ./lean-cli.ts); how long each takes is reported by
 * `npm run bench`, never asserted here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { honestBombWorkbook, longCellCsv, lyingBombWorkbook, odsRepeatBomb, wideCsv } from './hostile-files';
import { buildLeanCli, type LeanCli } from './lean-cli';
import { generateSheet } from '../bench/import';

const budgetMb = 300;
let cli: LeanCli;
let dir: string;

beforeAll(async () => {
  cli = await buildLeanCli();
  dir = mkdtempSync(join(tmpdir(), 'tanoda-import-memory-'));
}, 120_000);

afterAll(() => {
  cli?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function freshDb(name: string): string {
  const db = join(dir, `${name}.db`);
  const init = cli.measure(['init', '--db', db, '--name', 'Memory School', '--locale', 'hu-HU', '--currency', 'HUF']);
  expect(init.status, init.stderr).toBe(0);
  return db;
}

function clientCount(db: string): number {
  const stats = cli.measure(['stats', '--db', db, '--json']);
  expect(stats.status, stats.stderr).toBe(0);
  const tables = (JSON.parse(stats.stdout) as { tables: { table: string; live: number; deleted: number }[] }).tables;
  const clients = tables.find((t) => t.table === 'clients');
  return (clients?.live ?? 0) + (clients?.deleted ?? 0);
}

const hostile: [string, () => Buffer, string][] = [
  ['bomb.xlsx', () => honestBombWorkbook(), 'file_expands'],
  ['liar.xlsx', () => lyingBombWorkbook(), 'file_expands'],
  ['repeats.ods', () => odsRepeatBomb(), 'file_expands'],
  ['wide.csv', () => wideCsv(10_000), 'too_many_columns'],
];

describe('hostile files are refused within the memory budget', () => {
  for (const [name, make, code] of hostile) {
    it(`${name}: refused with ${code}, under ${budgetMb} MB, nothing written`, { timeout: 60_000 }, () => {
      const file = join(dir, name);
      writeFileSync(file, make());
      const db = freshDb(name);
      const run = cli.measure(['import', file, '--db', db, '--json']);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(`"code":"${code}"`);
      expect(run.peakMb).toBeGreaterThan(0);
      expect(run.peakMb).toBeLessThan(budgetMb);
      expect(clientCount(db)).toBe(0);
    });
  }

  it(`a 5 MB cell: the row is imported without it, under ${budgetMb} MB`, { timeout: 60_000 }, () => {
    const file = join(dir, 'long.csv');
    writeFileSync(file, longCellCsv());
    const db = freshDb('long');
    const run = cli.measure(['import', file, '--db', db, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { created: number; errors: { row: number; column: string }[] };
    expect(result.created).toBe(2);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Notes'],
      [3, 'Remark'],
    ]);
    expect(run.peakMb).toBeLessThan(budgetMb);
  });
});

/** Rows of the big sheet: enough that what an import holds per row outweighs what it starts with. */
const bigRows = 40_000;

describe('a big sheet is imported within the memory budget', () => {
  it(`${bigRows.toLocaleString('en-US')} rows: the dry run and the import each under ${budgetMb} MB`, { timeout: 600_000 }, () => {
    const file = join(dir, 'big.csv');
    writeFileSync(file, generateSheet(bigRows));
    const db = freshDb('big');
    const dry = cli.measure(['import', file, '--db', db, '--dry-run', '--json']);
    expect(dry.status, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as { created: number }).created).toBe(bigRows);
    expect(dry.peakMb).toBeLessThan(budgetMb);
    expect(clientCount(db)).toBe(0);
    const run = cli.measure(['import', file, '--db', db, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { created: number }).created).toBe(bigRows);
    expect(run.peakMb).toBeLessThan(budgetMb);
    expect(clientCount(db)).toBe(bigRows);
  });
});
