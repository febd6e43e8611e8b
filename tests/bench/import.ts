/**
 * The import benchmark: a generated 100,000-row sheet (one row per person per
 * course, Hungarian headers, `;`, decimal commas — what a big school's export
 * looks like) imported end to end with `tanoda import` (the built CLI when there is one)
 * into a fresh workspace, timed from outside with its peak memory. The same CSV loaded with the
 * `sqlite3` shell's `.import` into a plain table is the reference: the least
 * work any importer could do with that file on this machine. Ours does much
 * more per row (detection, normalisation, deduplication, a change-log entry per
 * row written), so the ratio says what that costs.
 *
 * `npm run bench` calls `importBenchLines()`; `npx tsx tests/bench/import.ts`
 * runs it alone (`--rows N` to change the size).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { recordFigure } from './targets';

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

/**
 * The CLI as users get it: the `tanoda` command (bin/tanoda.mjs, which starts Node with its heap
 * limits) running the built bundle when there is one (`npx electron-vite build`), else the sources
 * through tsx.
 */
function cli(): { command: string; args: string[]; label: string } {
  const command = [join(root, 'bin', 'tanoda.mjs')];
  if (existsSync(join(root, 'out', 'main', 'cli.js')))
    return { command: process.execPath, args: command, label: '`tanoda` command running the built CLI (out/main/cli.js)' };
  return {
    command: process.execPath,
    args: command,
    label: '`tanoda` command running the CLI from its sources through tsx (no build found)',
  };
}

interface Measured {
  ms: number;
  maxRssMb: number | null;
  stdout: string;
}

/**
 * Runs a command, with its wall time and, where /usr/bin/time exists, its peak resident memory.
 * The database's key comes from a key file beside it, as for any CLI run (TANODA_KEY_FILE).
 */
function measured(command: string, args: string[], keyFile: string): Measured {
  const timeTool = existsSync('/usr/bin/time');
  const env = { ...process.env, TANODA_KEY_FILE: keyFile };
  const options = { cwd: root, env, encoding: 'utf8' as const, maxBuffer: 256 * 1024 * 1024 };
  const started = performance.now();
  const run = timeTool ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], options) : spawnSync(command, args, options);
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  const kb = timeTool ? Number(run.stderr.trim().split('\n').pop()) : NaN;
  return { ms, maxRssMb: Number.isFinite(kb) ? kb / 1024 : null, stdout: run.stdout };
}

export function importBenchLines(rows = 100_000): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-import-bench-'));
  try {
    const csvFile = join(dir, 'bench.csv');
    writeFileSync(csvFile, generateSheet(rows));
    const size = statSync(csvFile).size;
    const tanoda = cli();
    const db = join(dir, 'bench.db');
    const keyFile = join(dir, 'bench.key');
    measured(
      tanoda.command,
      [...tanoda.args, 'init', '--db', db, '--locale', 'hu-HU', '--currency', 'HUF', '--time-zone', 'Europe/Budapest'],
      keyFile,
    );
    const startup = measured(tanoda.command, [...tanoda.args, '--help'], keyFile);
    const dry = measured(tanoda.command, [...tanoda.args, 'import', csvFile, '--db', db, '--dry-run', '--json'], keyFile);
    const ours = measured(tanoda.command, [...tanoda.args, 'import', csvFile, '--db', db, '--json'], keyFile);
    const created = (JSON.parse(ours.stdout) as { created: number }).created;
    if (rows === 100_000) {
      recordFigure('importMs', ours.ms);
      if (ours.maxRssMb !== null) recordFigure('importPeakMb', ours.maxRssMb);
      recordFigure('dryRunMs', dry.ms);
    }
    const hasSqlite = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
    const reference = hasSqlite
      ? measured('sqlite3', ['-cmd', '.mode csv', '-cmd', '.separator ;', join(dir, 'reference.db'), `.import ${csvFile} sheet`], keyFile)
      : null;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const mb = (value: number | null) => (value === null ? '–' : `${value.toFixed(0)} MB`);
    const ratio = (ms: number) => (reference ? `${(ms / reference.ms).toFixed(1)}×` : '–');
    return [
      `## Import of a ${rows.toLocaleString('en-US')}-row sheet (${(size / 1024 / 1024).toFixed(1)} MB CSV)`,
      '',
      '| measurement | time | peak memory | ÷ sqlite3 .import |',
      '|---|---:|---:|---:|',
      `| \`tanoda import\` end to end: start, read, detect, normalise, dedupe, write ${created.toLocaleString('en-US')} clients with enrollments and payments and their change log | ${s(ours.ms)} | ${mb(ours.maxRssMb)} | ${ratio(ours.ms)} |`,
      `| \`tanoda import --dry-run\`: the same without writing | ${s(dry.ms)} | ${mb(dry.maxRssMb)} | ${ratio(dry.ms)} |`,
      `| \`tanoda --help\`: start-up alone (loading the app's modules) | ${s(startup.ms)} | ${mb(startup.maxRssMb)} | ${ratio(startup.ms)} |`,
      reference
        ? `| sqlite3 shell \`.import\` of the same CSV into one plain table | ${s(reference.ms)} | ${mb(reference.maxRssMb)} | 1× |`
        : '| sqlite3 shell `.import` | not on PATH (apt-get install -y sqlite3) | | |',
      '',
      `Run with the ${tanoda.label}. Goals: 10 s end to end (about what a spreadsheet program takes to open and save the same file), 3 s for the dry run, under 300 MB peak memory. The difference between the two import lines is the writing: one change-log row per row written (client, enrollment, its status history, payment), the client search index, and the encryption of every page.`,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--rows');
  console.log(importBenchLines(at >= 0 ? Number(args[at + 1]) : 100_000).join('\n'));
}
