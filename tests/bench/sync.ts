/**
 * The sync benchmark: (1) merging 100,000 incoming change entries (the first
 * 100,000 entries of a seeded school, applied in file-sized batches to an empty
 * replica, per-column last-writer-wins, parking and the log append included), and
 * (2) a new device joining a 10,000-client school from the owner's snapshot
 * (unwrap the key with the passphrase, verify, decrypt, merge), and (3) one guess at
 * the sync passphrase with the cost new folders record. Each sits next to a plain
 * bulk insert of the same rows into the same kind of database: the least work
 * that could put that data there, so the ratio says what sync's bookkeeping costs.
 *
 * `npm run bench` calls `syncBenchLines()`; `npx tsx tests/bench/sync.ts` runs it alone.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ownerActor } from '../../src-main/api/actors';
import { closeDatabase, openDatabase, type Db } from '../../src-main/db/connection';
import { mergeEntries, type RemoteEntry } from '../../src-main/changes/merge';
import { syncedTables } from '../../src-main/db/schema';
import { fixedClock, type Clock } from '../../src-main/core/context';
import { seedDemo } from '../../src-main/demo/seed-demo';
import { initWorkspace } from '../../src-main/services/settings';
import { createInvite, joinSync, setupSync } from '../../src-main/sync';
import { diskFolder } from '../../src-main/sync/folder';
import { KDF_COST, newKdfParams, passphraseKey } from '../../src-main/sync/crypto';
import { keysBeside } from '../integration/direct';
import { recordFigure } from './targets';

const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);

function school(dir: string, clients: number, clock: Clock): Db {
  const db = openDatabase(join(dir, 'owner.db'), keysBeside(join(dir, 'owner.db')));
  initWorkspace({ db, clock }, { schoolName: 'Bench school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' });
  seedDemo({ db, clock, actor: ownerActor(db) }, { clients, seed: 'sync-bench' });
  return db;
}

/** Copies every live row of every synced table into `target` in one transaction: the reference. */
function bulkCopy(source: Db, target: Db): { ms: number; rows: number } {
  let rows = 0;
  const started = performance.now();
  target.sqlite.pragma('foreign_keys = OFF');
  target.sqlite.transaction(() => {
    for (const table of Object.keys(syncedTables)) {
      target.sqlite.prepare(`DELETE FROM "${table}"`).run();
      const all = source.sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      if (all.length === 0) continue;
      const names = Object.keys(all[0] as object);
      const insert = target.sqlite.prepare(
        `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      );
      for (const row of all) insert.run(...names.map((n) => row[n]));
      rows += all.length;
    }
  })();
  target.sqlite.pragma('foreign_keys = ON');
  return { ms: performance.now() - started, rows };
}

export function syncBenchLines(clients = Number(process.env['SYNC_BENCH_CLIENTS'] ?? 10_000)): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-sync-bench-'));
  const clock = fixedClock('2026-03-10T09:00:00Z');
  try {
    const owner = school(dir, clients, clock);
    const entries = owner.sqlite
      .prepare(
        'SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM changes ORDER BY seq LIMIT 100000',
      )
      .all() as RemoteEntry[];

    const replica = openDatabase(join(dir, 'replica.db'), keysBeside(join(dir, 'replica.db')));
    const started = performance.now();
    for (let i = 0; i < entries.length; i += 20_000)
      mergeEntries(replica.sqlite, replica.deviceId, clock.now().getTime(), entries.slice(i, i + 20_000));
    const mergeMs = performance.now() - started;
    const parked = replica.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get() as number;
    closeDatabase(replica);

    const plain = new Database(join(dir, 'plain.db'));
    plain.pragma('journal_mode = WAL');
    plain.exec(
      'CREATE TABLE entries (hlc TEXT, tx TEXT, device_id TEXT, user_id TEXT, table_name TEXT, row_id TEXT, "column" TEXT, value TEXT)',
    );
    const insert = plain.prepare('INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const plainStarted = performance.now();
    plain.transaction(() => {
      for (const e of entries) insert.run(e.hlc, e.tx, e.deviceId, e.userId, e.table, e.rowId, e.column, e.value);
    })();
    const plainMs = performance.now() - plainStarted;
    plain.close();

    const folderPath = join(dir, 'cloud');
    const folder = diskFolder(folderPath);
    const ownerUser = ownerActor(owner);
    setupSync(owner, folder, clock, { passphrase: 'bench passphrase long', userId: ownerUser.userId });
    const { code } = createInvite(owner, folder, { id: ownerUser.userId as string, username: ownerUser.username, role: 'owner' });
    const joiner = openDatabase(join(dir, 'joiner.db'), keysBeside(join(dir, 'joiner.db')));
    const joinStarted = performance.now();
    joinSync(joiner, folder, clock, { code, passphrase: 'bench passphrase long' });
    const joinMs = performance.now() - joinStarted;
    const joinedClients = joiner.sqlite.prepare('SELECT count(*) FROM clients').pluck().get() as number;
    closeDatabase(joiner);
    const copyTarget = openDatabase(join(dir, 'copy.db'), keysBeside(join(dir, 'copy.db')));
    const copy = bulkCopy(owner, copyTarget);
    closeDatabase(copyTarget);
    closeDatabase(owner);

    const kdf = newKdfParams();
    const guessStarted = performance.now();
    passphraseKey('a guess at the passphrase', kdf);
    const guessMs = performance.now() - guessStarted;
    const legacy = { salt: kdf.salt, N: 1 << 15, r: 8, p: 1 };
    const legacyStarted = performance.now();
    passphraseKey('a guess at the passphrase', legacy);
    const legacyMs = performance.now() - legacyStarted;

    recordFigure('syncMergeRatio', mergeMs / plainMs);
    recordFigure('syncJoinRatio', joinMs / copy.ms);
    return [
      '## Sync',
      '',
      '| measurement | time | reference | ratio |',
      '|---|---:|---:|---:|',
      `| merge ${entries.length.toLocaleString('en-US')} incoming entries in batches of 20,000 (${parked} left parked) | ${fmt(mergeMs)} | plain insert of the same ${entries.length.toLocaleString('en-US')} tuples: ${fmt(plainMs)} | ${(mergeMs / plainMs).toFixed(1)}× |`,
      `| join a ${clients.toLocaleString('en-US')}-client school from its snapshot (${joinedClients.toLocaleString('en-US')} clients; unwrap, verify, decrypt, merge) | ${fmt(joinMs)} | bulk insert of the same ${copy.rows.toLocaleString('en-US')} rows: ${fmt(copy.ms)} | ${(joinMs / copy.ms).toFixed(1)}× |`,
      `| one guess at the sync passphrase (Argon2id, ${KDF_COST.memoryKiB / 1024} MiB, ${KDF_COST.passes} passes; goal about 1 s on a current laptop) | ${fmt(guessMs)} | the scrypt N=2^15 older folders used: ${fmt(legacyMs)} | ${(guessMs / legacyMs).toFixed(1)}× |`,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(syncBenchLines().join('\n'));
