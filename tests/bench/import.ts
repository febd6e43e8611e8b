/**
 * The import benchmark: a generated 100,000-row sheet (one row per person per
 * course, Hungarian headers, `;`, decimal commas — what a big school's export
 * looks like) imported end to end through the router into a fresh workspace, in
 * a child process so its peak memory is its own. The same CSV loaded with the
 * `sqlite3` shell's `.import` into a plain table is the reference: the least
 * work any importer could do with that file on this machine. Ours does much
 * more per row (detection, normalisation, deduplication, a change-log entry per
 * column), so the ratio says what that costs.
 *
 * `npm run bench` calls `importBenchLines()`; `npx tsx tests/bench/import.ts`
 * runs it alone (`--rows N` to change the size).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ownerActor } from '../../src-main/api/session';
import { openWorkspace } from '../../src-main/workspace';

const root = resolve(import.meta.dirname, '../..');

export function generateSheet(rows: number): string {
  const courses = ['Angol A1', 'Angol A2', 'Német A1', 'Rajz', 'Kerámia', 'Jóga', 'Sakk', 'Zongora'];
  const statuses = ['megerősítve', 'gondolkodik', 'várólista', 'lemondta', 'érdeklődő'];
  const families = ['Kovács', 'Nagy', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Molnár', 'Németh', 'Farkas'];
  const givens = ['Anna', 'Péter', 'Eszter', 'Gábor', 'Lili', 'Bence', 'Zsófia', 'Máté', 'Dóra', 'Ádám'];
  const lines = ['Név;Telefon;E-mail;Tanfolyam;Csoport;Kezdés;Státusz;Tandíj;Befizetve;Megjegyzés'];
  for (let i = 0; i < rows; i++) {
    const family = families[i % families.length] as string;
    const given = givens[Math.floor(i / families.length) % givens.length] as string;
    const course = courses[i % courses.length] as string;
    lines.push(
      [
        `${family} ${given} ${i}`,
        `06 30 ${String(1_000_000 + i).slice(0, 3)} ${String(1_000_000 + i).slice(3)}`,
        `diak${i}@example.hu`,
        course,
        `${course} ${1 + (i % 12)}. csoport`,
        `2026.${String(1 + (i % 12)).padStart(2, '0')}.0${1 + (i % 9)}.`,
        statuses[i % statuses.length],
        `${120 + (i % 50)} 000 Ft`,
        i % 3 === 0 ? '40 000,00' : '',
        i % 10 === 0 ? 'visszahívni' : '',
      ].join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

interface ChildResult {
  ms: number;
  maxRssMb: number;
  created: number;
  errors: number;
}

/** Runs in the child: open a fresh workspace, import the file through the router, report time and peak memory. */
function child(dbFile: string, csvFile: string): void {
  const workspace = openWorkspace(dbFile, {
    initIfEmpty: { schoolName: 'Bench', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  const ctx = workspace.context(ownerActor(workspace.db));
  const started = performance.now();
  const contentBase64 = readFileSync(csvFile).toString('base64');
  const result = workspace.router.call(ctx, 'imports.commit', { fileName: 'bench.csv', contentBase64 });
  const ms = performance.now() - started;
  workspace.close();
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const value = result.value as { created: number; errors: unknown[] };
  const out: ChildResult = { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, created: value.created, errors: value.errors.length };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function sqliteImport(dir: string, csvFile: string): { ms: number; maxRssMb: number | null } | null {
  const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const db = join(dir, 'reference.db');
  const timeTool = existsSync('/usr/bin/time');
  const args = ['-cmd', '.mode csv', '-cmd', '.separator ;', db, `.import ${csvFile} sheet`];
  const started = performance.now();
  const run = timeTool
    ? spawnSync('/usr/bin/time', ['-f', '%M', 'sqlite3', ...args], { encoding: 'utf8' })
    : spawnSync('sqlite3', args, { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`sqlite3 .import failed: ${run.stderr}`);
  const kb = timeTool ? Number(run.stderr.trim().split('\n').pop()) : NaN;
  return { ms, maxRssMb: Number.isFinite(kb) ? kb / 1024 : null };
}

export function importBenchLines(rows = 100_000): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-import-bench-'));
  try {
    const csvFile = join(dir, 'bench.csv');
    writeFileSync(csvFile, generateSheet(rows));
    const size = statSync(csvFile).size;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'tests/bench/import.ts'), '--child', join(dir, 'bench.db'), csvFile],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) throw new Error(`import child failed: ${run.stderr}`);
    const ours = JSON.parse(run.stdout.trim().split('\n').pop() as string) as ChildResult;
    const reference = sqliteImport(dir, csvFile);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    return [
      `## Import of a ${rows.toLocaleString('en-US')}-row sheet (${(size / 1024 / 1024).toFixed(1)} MB CSV)`,
      '',
      '| measurement | time | peak memory | ÷ sqlite3 .import |',
      '|---|---:|---:|---:|',
      `| imports.commit end to end (read, detect, normalise, dedupe, ${ours.created.toLocaleString('en-US')} clients + enrollments + payments, change log) | ${s(ours.ms)} | ${ours.maxRssMb.toFixed(0)} MB | ${reference ? `${(ours.ms / reference.ms).toFixed(1)}×` : '–'} |`,
      reference
        ? `| sqlite3 shell \`.import\` of the same CSV into one plain table | ${s(reference.ms)} | ${reference.maxRssMb === null ? '–' : `${reference.maxRssMb.toFixed(0)} MB`} | 1× |`
        : '| sqlite3 shell `.import` | not on PATH (apt-get install -y sqlite3) | | |',
      '',
      `Goal: within 4× of \`.import\` end to end and under 300 MB peak memory.`,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') child(args[1] as string, args[2] as string);
  else {
    const at = args.indexOf('--rows');
    console.log(importBenchLines(at >= 0 ? Number(args[at + 1]) : 100_000).join('\n'));
  }
}
