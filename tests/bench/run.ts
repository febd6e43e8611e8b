/**
 * `npm run bench`: how Tanoda feels with a big school. It builds (or reuses from
 * the temp folder) a database of 100,000 demo clients with `seedDemo`, then times
 * what a user waits for — quick search through the FTS5 index via the
 * `clients.list` router method, a client's page (`clients.get`), a cohort roster
 * (`cohorts.get`), every client's balance (`clientBalances('all')`), and the
 * Today screen (`today.get`, `today.counts`), which the app opens on.
 *
 * Absolute times depend on the machine, so every figure is also given as a ratio
 * to references measured in the same run on the same disk: a `LIKE '%x%'` scan
 * over the same clients (what search would cost without the index), a raw
 * `SELECT count(*)` over clients, and 100,000 plain better-sqlite3 inserts in one
 * transaction. The database is encrypted like every Tanoda file; what that costs
 * is measured on copies of the same school, plain against encrypted, as ratios
 * (tests/bench/encryption.ts). Results go to reports/bench-<date>.md and .json.
 * Nothing here is part of `npm test`, and nothing asserts a time.
 *
 * Options: --clients N (default 100000), --seed S, --fresh (rebuild the cached
 * database), --rounds R (search rounds, default 3).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ownerActor } from '../../src-main/api/actors';
import { clientBalances } from '../../src-main/services/balances';
import { Random, seedDemo, type SeedResult } from '../../src-main/demo/seed-demo';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { todayIn } from '../../src-shared/dates';
import { importBenchLines } from './import';
import { syncBenchLines } from './sync';
import { lessonsBenchLines } from './lessons';
import { qualityBenchLines } from './quality';
import { encryptionBenchLines } from './encryption';
import { contextOf, directCallIn, keyBeside } from '../integration/direct';
import { recordFigure, targetRows, targetsReport } from './targets';

const root = resolve(import.meta.dirname, '../..');

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100000' },
    seed: { type: 'string', default: 'bench' },
    fresh: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
  },
});
const clientCount = Number(values.clients);
const rounds = Number(values.rounds);

interface Timing {
  name: string;
  samples: number;
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

function time(name: string, runs: number, fn: (i: number) => void): Timing {
  fn(0); // warm the statement cache and the page cache once
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { name, samples: runs, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** The cached database is keyed by size, seed and the code that shapes it, so a change to the seed rebuilds it. */
function cacheFile(): string {
  const hash = createHash('sha256');
  const demo = readdirSync(join(root, 'src-main/demo'))
    .sort()
    .map((name) => `src-main/demo/${name}`);
  for (const file of [...demo, 'drizzle/meta/_journal.json']) hash.update(readFileSync(join(root, file)));
  const dir = join(tmpdir(), 'tanoda-bench');
  mkdirSync(dir, { recursive: true });
  return join(dir, `demo-${clientCount}-${values.seed}-${hash.digest('hex').slice(0, 10)}.db`);
}

function buildOrReuse(file: string): {
  workspace: Workspace;
  seed: (SeedResult & { reused: false }) | { reused: true; builtMs: number | null };
} {
  if (values.fresh || !existsSync(file)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    console.log(`Building a ${clientCount.toLocaleString('en-US')}-client demo school in ${file} …`);
    const workspace = openWorkspace(file, {
      key: keyBeside(file),
      initIfEmpty: { schoolName: 'Bench school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
    });
    let shown = 0;
    const result = seedDemo(contextOf(workspace, ownerActor(workspace.db)), {
      clients: clientCount,
      seed: values.seed,
      onProgress: (done, total) => {
        const tenth = Math.floor((done / total) * 10);
        if (tenth > shown) {
          shown = tenth;
          process.stdout.write(`  ${tenth * 10}%\n`);
        }
      },
    });
    workspace.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    workspace.db.sqlite.exec('ANALYZE');
    console.log(`  seeded in ${(result.ms / 1000).toFixed(1)} s`);
    writeFileSync(`${file}.seed.json`, JSON.stringify({ ms: result.ms }));
    return { workspace, seed: { ...result, reused: false } };
  }
  console.log(`Reusing ${file} (--fresh rebuilds it)`);
  const built = existsSync(`${file}.seed.json`) ? (JSON.parse(readFileSync(`${file}.seed.json`, 'utf8')) as { ms: number }) : null;
  return { workspace: openWorkspace(file, { key: keyBeside(file) }), seed: { reused: true, builtMs: built?.ms ?? null } };
}

function insertReference(): number {
  const dir = join(tmpdir(), 'tanoda-bench');
  const file = join(dir, 'insert-reference.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT, n INTEGER)');
  const insert = db.prepare('INSERT INTO people VALUES (?, ?, ?, ?)');
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < 100_000; i++) insert.run(`id-${i}`, `Person ${i}`, `p${i}@example.org`, i);
  })();
  const ms = performance.now() - started;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return ms;
}

async function main(): Promise<void> {
  const file = cacheFile();
  const { workspace, seed } = buildOrReuse(file);
  const { db } = workspace;
  const ctx = contextOf(workspace, ownerActor(db));
  const today = todayIn('Europe/Budapest', new Date());
  const call = (method: string, input: unknown) => {
    const result = directCallIn(ctx, method, input);
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  const liveClients = (db.sqlite.prepare('SELECT count(*) AS n FROM clients WHERE deleted_at IS NULL').get() as { n: number }).n;
  const rng = new Random('bench-sample');

  // What people type into the search box: name prefixes, two words, phone digits, e-mail parts.
  const queries = [
    'kov',
    'nagy',
    'anna',
    'szabó eszter',
    'tóth b',
    'wang',
    'smith',
    'horv',
    '3630',
    '+36 20',
    'gmail',
    'freemail',
    'lili',
    'márk',
    'zhang wei',
    'kiss',
  ];
  const likeCount = db.sqlite.prepare(
    `SELECT count(*) AS n FROM clients WHERE deleted_at IS NULL AND (display_name LIKE @q OR first_name LIKE @q OR last_name LIKE @q OR email LIKE @q OR phone LIKE @q)`,
  );
  const likePage = db.sqlite.prepare(
    `SELECT id, display_name FROM clients WHERE deleted_at IS NULL AND (display_name LIKE @q OR first_name LIKE @q OR last_name LIKE @q OR email LIKE @q OR phone LIKE @q) ORDER BY display_name LIMIT 50`,
  );
  const firstWord = (q: string) => q.split(' ')[0] as string;

  const references = {
    countClients: time('SELECT count(*) FROM clients', 20, () => db.sqlite.prepare('SELECT count(*) FROM clients').get()),
    likeScan: time("LIKE '%x%' scan (count + first page of 50)", queries.length * rounds, (i) => {
      const q = `%${firstWord(queries[i % queries.length] as string)}%`;
      likeCount.get({ q });
      likePage.all({ q });
    }),
    inserts100k: { name: 'better-sqlite3: 100,000 inserts in one transaction', samples: 1, p50: insertReference(), p95: NaN } as Timing,
  };

  const clientIds = (db.sqlite.prepare('SELECT id FROM clients WHERE deleted_at IS NULL').all() as { id: string }[]).map((r) => r.id);
  const cohortIds = (
    db.sqlite.prepare("SELECT id FROM cohorts WHERE deleted_at IS NULL AND status IN ('running', 'finished', 'open')").all() as {
      id: string;
    }[]
  ).map((r) => r.id);
  const guardianIds = (
    db.sqlite.prepare('SELECT DISTINCT guardian_id AS id FROM clients WHERE guardian_id IS NOT NULL').all() as { id: string }[]
  ).map((r) => r.id);

  // Today first, before anything else has asked for it: the app's first screen after start, nothing cached yet.
  const firstOpen = performance.now();
  call('today.get', {});
  const todayCold: Timing = {
    name: 'Today, first open after start: today.get (nothing cached)',
    samples: 1,
    p50: performance.now() - firstOpen,
    p95: NaN,
  };
  // A payment recorded, then the badge and the screen as the app asks for them; each payment is undone untimed after.
  const payer = rng.pick(clientIds);
  const afterWrite: number[] = [];
  for (let i = 0; i < 8; i++) {
    call('payments.create', { clientId: payer, amountMinor: 1_000, paidOn: today, method: 'cash' });
    const started = performance.now();
    call('today.counts', {});
    call('today.get', {});
    afterWrite.push(performance.now() - started);
    call('history.undo', {});
  }
  afterWrite.sort((a, b) => a - b);
  const todayAfterWrite: Timing = {
    name: 'Today after a payment: today.counts + today.get (only what the write touched is read again)',
    samples: afterWrite.length,
    p50: percentile(afterWrite, 50),
    p95: percentile(afterWrite, 95),
  };

  // Sorting the client list by balance (or filtering by it, or the Reports totals) needs every client's
  // balance: measured after a payment, as the screen asks for it again; each payment undone untimed after.
  call('clients.list', { sort: [{ field: 'balanceMinor', desc: true }], limit: 50 });
  const afterPayment: number[] = [];
  for (let i = 0; i < 8; i++) {
    call('payments.create', { clientId: rng.pick(clientIds), amountMinor: 1_000, paidOn: today, method: 'cash' });
    const started = performance.now();
    call('clients.list', { sort: [{ field: 'balanceMinor', desc: true }], limit: 50 });
    afterPayment.push(performance.now() - started);
    call('history.undo', {});
  }
  afterPayment.sort((a, b) => a - b);
  const byBalance: Timing = {
    name: 'client list sorted by balance after a payment: clients.list (every balance; only the touched client settled again)',
    samples: afterPayment.length,
    p50: percentile(afterPayment, 50),
    p95: percentile(afterPayment, 95),
  };

  let searchHits = 0;
  const search = time('search: clients.list with a query (FTS5, page of 50, with balances)', queries.length * rounds, (i) => {
    const page = call('clients.list', { query: queries[i % queries.length], limit: 50 }) as { total: number };
    searchHits += page.total;
  });
  const firstPage = time('clients.list without a query (first page of 50)', 20, () => call('clients.list', { limit: 50 }));
  const clientPage = time('client page: clients.get (random client)', 60, () => call('clients.get', { id: rng.pick(clientIds) }));
  const roster = time('cohort roster: cohorts.get (random cohort)', 40, () => call('cohorts.get', { id: rng.pick(cohortIds) }));
  const measured = [
    todayCold,
    todayAfterWrite,
    search,
    firstPage,
    clientPage,
    time('client page of a guardian: clients.get (family balance)', 30, () => call('clients.get', { id: rng.pick(guardianIds) })),
    roster,
    time("balances of every client settled from nothing: clientBalances('all')", 3, () => clientBalances({ db }, 'all', today)),
    byBalance,
    time('Today opened again: today.get (every list, capped for the page; nothing written since)', 5, () => call('today.get', {})),
    time('sidebar badge: today.counts (nothing written since)', 5, () => call('today.counts', {})),
  ];
  if (clientCount === 100_000) {
    recordFigure('searchP95Ms', search.p95);
    recordFigure('listP50Ms', firstPage.p50);
    recordFigure('clientGetP50Ms', clientPage.p50);
    recordFigure('cohortGetP50Ms', roster.p50);
    recordFigure('balancesScreenMs', byBalance.p95);
  }

  const stats = {
    file,
    bytes: (db.sqlite.pragma('page_count', { simple: true }) as number) * (db.sqlite.pragma('page_size', { simple: true }) as number),
    clients: liveClients,
    changes: (db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n,
    changeLogRows: db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number,
  };
  if (clientCount === 100_000) {
    recordFigure('dbBytes', stats.bytes);
    const seedMs = seed.reused ? seed.builtMs : seed.ms;
    if (seedMs !== null) recordFigure('seedMs', seedMs);
  }
  const encryption = await encryptionBenchLines(db);
  workspace.close();

  const like = references.likeScan.p50;
  const count = references.countClients.p50;
  const inserts = references.inserts100k.p50;
  const fmt = (ms: number) =>
    Number.isNaN(ms) ? '–' : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(2)} ms` : `${(ms / 1000).toFixed(2)} s`;
  const ratio = (ms: number, ref: number) => (ms / ref >= 10 ? `${(ms / ref).toFixed(0)}×` : `${(ms / ref).toFixed(2)}×`);
  const rows = [...measured, references.likeScan, references.countClients, references.inserts100k].map((t) => ({
    ...t,
    vsLike: t.p50 / like,
    vsCount: t.p50 / count,
    vsInserts: t.p50 / inserts,
  }));

  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.versions.node}, SQLite ${(new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}`;
  const lines = [
    `# Tanoda benchmark — ${date}`,
    '',
    `${stats.clients.toLocaleString('en-US')} clients, ${stats.changes.toLocaleString('en-US')} change-log entries in ${stats.changeLogRows.toLocaleString('en-US')} rows, ${(stats.bytes / 1024 / 1024).toFixed(0)} MB (${file}).`,
    `Machine: ${machine}.`,
    seed.reused
      ? `Database reused from an earlier run${seed.builtMs === null ? '' : ` (seeded then in ${fmt(seed.builtMs)})`}.`
      : `Seeded in ${fmt(seed.ms)} (${Math.round(seed.clients / (seed.ms / 1000)).toLocaleString('en-US')} clients/s): ${seed.enrollments.toLocaleString('en-US')} enrollments, ${seed.instalments.toLocaleString('en-US')} instalments, ${seed.payments.toLocaleString('en-US')} payments, ${seed.activities.toLocaleString('en-US')} activities.`,
    `Search queries: ${queries.map((q) => `\`${q}\``).join(', ')} (${rounds} rounds; on average ${Math.round(searchHits / (queries.length * rounds + 1)).toLocaleString('en-US')} matches per query).`,
    '',
    '| measurement | samples | p50 | p95 | p50 ÷ LIKE scan | p50 ÷ count(*) | p50 ÷ 100k inserts |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.samples} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${ratio(r.p50, like)} | ${ratio(r.p50, count)} | ${ratio(r.p50, inserts)} |`,
    ),
    '',
    ...encryption,
    ...importBenchLines(Math.min(clientCount, 100_000)),
    ...syncBenchLines(),
    ...lessonsBenchLines(),
    ...qualityBenchLines(),
  ];
  const report = lines.join('\n');
  console.log(`\n${report}`);
  const out = join(root, 'reports', `bench-${date}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.md`, report);
  writeFileSync(`${out}.json`, JSON.stringify({ date, machine, stats, seed, queries, rounds, references, measured: rows }, null, 2));
  console.log(`Written to ${out}.md and .json`);
}

await main();
// The same school in Chromium: the clients grid against a plain 1,000-row table (tests/bench/grid.ts).
await (await import('./grid')).runGridBench(cacheFile());
// Hostile files and sign-in timing (tests/bench/limits.ts).
await (await import('./limits')).runLimitsBench();
// Last, every goal with its figure of this run and whether it is met.
{
  const goals = targetsReport(clientCount).join('\n');
  console.log(`\n${goals}`);
  const out = join(root, 'reports', `bench-goals-${new Date().toISOString().slice(0, 10)}`);
  writeFileSync(`${out}.md`, goals);
  writeFileSync(`${out}.json`, JSON.stringify(targetRows(), null, 2));
  console.log(`Written to ${out}.md and .json`);
}
