/**
 * The limits benchmark (issue 14): how long a refusal of each hostile file takes
 * and how much memory it needs, end to end through the CLI in its own process
 * (bundled as users get it, see tests/integration/lean-cli.ts), next to ordinary
 * sheets of 20,000 rows for scale; and how long sign-in answers for a username
 * that exists (wrong password) and one that does not — the two must match.
 * Tests assert the refusals and the memory budget; the times live only here.
 *
 * `npm run bench` runs it after the other benchmarks; `npx tsx tests/bench/limits.ts`
 * runs it alone. Results go to the console and reports/bench-limits-<date>.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { openWorkspace } from '../../src-main/api/workspace';
import { fixedClock } from '../../src-main/core/context';
import { keyBeside } from '../integration/direct';
import { honestBombWorkbook, longCellCsv, lyingBombWorkbook, odsRepeatBomb, wideCsv } from '../integration/hostile-files';
import { buildLeanCli } from '../integration/lean-cli';
import { generateSheet } from './import';

const root = resolve(import.meta.dirname, '../..');

function ordinaryWorkbook(rows: number): Buffer {
  const grid = Papa.parse<string[]>(generateSheet(rows), { delimiter: ';' }).data;
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(grid), 'Diákok');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

async function importLines(dir: string): Promise<string[]> {
  const cli = await buildLeanCli();
  try {
    const files: [string, string, Buffer][] = [
      ['bomb.xlsx', 'zip bomb: a 1 GB part declared in the directory', honestBombWorkbook()],
      ['liar.xlsx', 'zip bomb: a sheet declaring 4 KB that inflates to 1 GB', lyingBombWorkbook()],
      ['repeats.ods', 'ODS: one cell repeated over 1,048,575 rows × 16,384 columns', odsRepeatBomb()],
      ['wide.csv', 'CSV of 10,000 columns', wideCsv(10_000)],
      ['long.csv', 'CSV with two 5 MB cells (imported, cells left out)', longCellCsv()],
      ['ordinary.csv', 'ordinary CSV, 20,000 rows (imported)', Buffer.from(generateSheet(20_000), 'utf8')],
      ['ordinary.xlsx', 'ordinary XLSX, 20,000 rows (imported)', ordinaryWorkbook(20_000)],
    ];
    const lines = ['| file | size | answer | time | peak memory |', '|---|---:|---|---:|---:|'];
    for (const [name, what, bytes] of files) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const db = join(dir, `${name}.db`);
      cli.measure(['init', '--db', db, '--locale', 'hu-HU', '--currency', 'HUF']);
      const run = cli.measure(['import', file, '--db', db, '--json']);
      const answer =
        run.status === 0 ? 'imported' : (/"code":"(\w+)"/.exec(run.stderr.split('"fields"')[1] ?? '')?.[1] ?? `exit ${run.status}`);
      lines.push(
        `| ${what} | ${(bytes.length / 1024).toFixed(0)} KB | ${answer} | ${(run.ms / 1000).toFixed(2)} s | ${run.peakMb.toFixed(0)} MB |`,
      );
    }
    return lines;
  } finally {
    cli.dispose();
  }
}

async function signInLines(dir: string, rounds = 9): Promise<string[]> {
  const file = join(dir, 'sign-in.db');
  const clock = fixedClock('2026-03-10T09:00:00Z');
  const workspace = openWorkspace(file, {
    key: keyBeside(file),
    clock,
    initIfEmpty: { schoolName: 'Bench school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  try {
    const owner = workspace.sessions.create();
    await workspace.invoke({ session: owner }, 'auth.setupOwner', { password: 'owner-secret-1' });
    await workspace.invoke({ session: owner }, 'users.create', {
      username: 'anna',
      displayName: 'Anna',
      role: 'assistant',
      password: 'anna-secret-1',
    });
    const median = async (username: string): Promise<number> => {
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) {
        clock.advance(3_600_000); // past any throttle wait, so every answer verifies a hash
        const session = workspace.sessions.create();
        const started = performance.now();
        await workspace.invoke({ session }, 'auth.login', { username, password: 'not-the-password' });
        samples.push(performance.now() - started);
      }
      return samples.sort((x, y) => x - y)[Math.floor(rounds / 2)] as number;
    };
    return [
      '',
      `| sign-in answer | median of ${rounds} |`,
      '|---|---:|',
      `| a username that exists, wrong password | ${(await median('anna')).toFixed(0)} ms |`,
      `| a username that does not exist | ${(await median('nobody')).toFixed(0)} ms |`,
    ];
  } finally {
    workspace.close();
  }
}

export async function limitsBenchLines(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-limits-bench-'));
  try {
    const imports = await importLines(dir);
    const signIn = await signInLines(dir);
    return [
      '## Hostile files and sign-in (issue 14)',
      '',
      'Each import runs the bundled CLI in its own process; peak memory is that process’s maximum resident set. Budget: under 5 s and 300 MB for every refusal.',
      '',
      ...imports,
      ...signIn,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLimitsBench(): Promise<void> {
  const lines = await limitsBenchLines();
  const report = lines.join('\n');
  console.log(`\n${report}`);
  const out = join(root, 'reports', `bench-limits-${new Date().toISOString().slice(0, 10)}.md`);
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(out, report);
  console.log(`Written to ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runLimitsBench();
