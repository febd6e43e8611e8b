/**
 * The cost of encryption at rest: the same measurements on two copies of the
 * same school, one encrypted with its key (SQLCipher pages, as every Tanoda file
 * is) and one decrypted for the comparison, each opened with the same pragmas.
 * Every row reports plain time, encrypted time and their ratio, so the figure
 * means the same on any machine: opening the file, a full scan of the clients
 * table from a cold cache, an FTS5 prefix search, 10,000 inserts in one
 * transaction (durable, synchronous=FULL), `VACUUM INTO` (the backups' fallback),
 * and a verified backup as each kind of file gets one: the online backup API
 * and integrity_check for the plain file, as before encryption, and
 * `backupDatabase` (the file's encrypted bytes copied under a read transaction,
 * then integrity_check) for the encrypted one. Times only;
 * nothing here asserts a time.
 *
 * `npm run bench` calls `encryptionBenchLines(db)` on its school;
 * `npx tsx tests/bench/encryption.ts [--clients N]` builds a school and runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace } from '../../src-main/api/workspace';
import { applyPragmas, openKeyed, type Db, type Sqlite } from '../../src-main/db/connection';
import type { DatabaseKey } from '../../src-main/db/keys';
import { seedDemo } from '../../src-main/demo/seed-demo';
import { backupDatabase } from '../../src-main/upkeep/maintenance';
import { contextOf, keyBeside } from '../integration/direct';

interface Pair {
  name: string;
  plain: number;
  encrypted: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function timed(runs: number, fn: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** One measurement on a fresh connection to `file` (with `key`, or plain), so every run starts from a cold page cache. */
function onFresh(file: string, key: DatabaseKey | null, use: (sqlite: Sqlite) => void): void {
  const sqlite = openKeyed(file, key);
  try {
    applyPragmas(sqlite);
    use(sqlite);
  } finally {
    sqlite.close();
  }
}

/** A backup as each kind of file gets one, each timed on a fresh connection. */
async function backupPair(plainFile: string, encryptedFile: string, key: DatabaseKey, dir: string, runs: number): Promise<Pair> {
  const plain: number[] = [];
  const encrypted: number[] = [];
  for (let i = 0; i < runs; i++) {
    const source = openKeyed(plainFile, null);
    applyPragmas(source);
    const out = join(dir, `online-${i}.db`);
    let started = performance.now();
    await source.backup(out);
    const copy = openKeyed(out, null);
    copy.pragma('integrity_check');
    copy.close();
    plain.push(performance.now() - started);
    source.close();
    rmSync(out, { force: true });
    const keyed = openKeyed(encryptedFile, key);
    applyPragmas(keyed);
    started = performance.now();
    await backupDatabase({ sqlite: keyed, key }, join(dir, `taken-${i}.db`));
    encrypted.push(performance.now() - started);
    keyed.close();
    rmSync(join(dir, `taken-${i}.db`), { force: true });
  }
  const name = 'backup as taken, verified (plain: online backup API + integrity_check, as before; encrypted: backupDatabase)';
  return { name, plain: median(plain), encrypted: median(encrypted) };
}

function measure(plainFile: string, encryptedFile: string, key: DatabaseKey, dir: string): Pair[] {
  const both = (name: string, runs: number, fn: (file: string, key: DatabaseKey | null, label: string) => void): Pair => ({
    name,
    plain: timed(runs, () => fn(plainFile, null, 'plain')),
    encrypted: timed(runs, () => fn(encryptedFile, key, 'encrypted')),
  });
  let round = 0;
  return [
    both('open the file and read its schema', 20, (file, k) => onFresh(file, k, () => undefined)),
    both('full scan of clients, cold cache', 5, (file, k) =>
      onFresh(file, k, (sqlite) => sqlite.prepare('SELECT count(*), sum(length(display_name)), max(phone) FROM clients').get()),
    ),
    both("FTS5 prefix search ('kov*', count and first 50)", 20, (file, k) =>
      onFresh(file, k, (sqlite) => {
        sqlite.prepare("SELECT count(*) FROM clients_fts WHERE clients_fts MATCH 'kov*'").get();
        sqlite.prepare("SELECT rowid FROM clients_fts WHERE clients_fts MATCH 'kov*' LIMIT 50").all();
      }),
    ),
    both('10,000 inserts in one transaction', 5, (file, k) =>
      onFresh(file, k, (sqlite) => {
        sqlite.exec('CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, name TEXT, n INTEGER)');
        const insert = sqlite.prepare('INSERT INTO bench_rows VALUES (?, ?, ?)');
        const at = round++;
        sqlite.transaction(() => {
          for (let i = 0; i < 10_000; i++) insert.run(`r${at}-${i}`, `Person ${i}`, i);
        })();
      }),
    ),
    both('VACUUM INTO a new file (the backups’ fallback)', 3, (file, k, label) =>
      onFresh(file, k, (sqlite) => {
        const out = join(dir, `backup-${label}.db`);
        rmSync(out, { force: true });
        sqlite.prepare('VACUUM INTO ?').run(out);
      }),
    ),
  ];
}

/** The table of plain vs encrypted times on copies of `db`'s school. */
export async function encryptionBenchLines(db: Pick<Db, 'sqlite' | 'key'>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-bench-encryption-'));
  try {
    const encryptedFile = join(dir, 'encrypted.db');
    const plainFile = join(dir, 'plain.db');
    db.sqlite.prepare('VACUUM INTO ?').run(encryptedFile);
    db.sqlite.prepare('VACUUM INTO ?').run(plainFile);
    const decrypting = openKeyed(plainFile, db.key);
    try {
      decrypting.pragma('journal_mode = DELETE');
      decrypting.pragma("rekey = ''");
    } finally {
      decrypting.close();
    }
    // Warm the operating system's file cache for both, so neither pays the first read from disk.
    for (const [file, key] of [
      [plainFile, null],
      [encryptedFile, db.key],
    ] as const)
      onFresh(file, key, (s) => s.prepare('SELECT count(*) FROM clients').get());
    const pairs = [...measure(plainFile, encryptedFile, db.key, dir), await backupPair(plainFile, encryptedFile, db.key, dir, 3)];
    const fmt = (ms: number) =>
      ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(2)} ms` : `${(ms / 1000).toFixed(2)} s`;
    return [
      '## The cost of encryption at rest',
      '',
      'The same school in two copies, one encrypted (SQLCipher 4 pages, raw 256-bit key) and one plain; medians, each run on a fresh connection.',
      '',
      '| measurement | plain | encrypted | encrypted ÷ plain |',
      '|---|---:|---:|---:|',
      ...pairs.map((p) => `| ${p.name} | ${fmt(p.plain)} | ${fmt(p.encrypted)} | ${(p.encrypted / p.plain).toFixed(2)}× |`),
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { clients: { type: 'string', default: '10000' } } });
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-bench-encryption-school-'));
  const file = join(dir, 'school.db');
  const workspace = openWorkspace(file, {
    key: keyBeside(file),
    initIfEmpty: { schoolName: 'Bench school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  try {
    seedDemo(contextOf(workspace, ownerActor(workspace.db)), { clients: Number(values.clients), seed: 'bench' });
    console.log((await encryptionBenchLines(workspace.db)).join('\n'));
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
