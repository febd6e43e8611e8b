/**
 * The lean change log's migration: a database written before it (one `changes`
 * row per column written) reads the same history after it. A school is written with
 * today's code (creates, edits, a delete and restore, an enrollment and payment,
 * a purge with its erase entries, a remote write that arrived in two deliveries
 * with one column losing), its log is turned back into the old per-column table
 * with fresh sequence numbers, and the migration's SQL runs over it. Every
 * entry (HLC, action, device, user, table, row, column, value, previous) must
 * come back, each write under the smallest seq its columns had (so sync cursors
 * stay valid), the audit history must read the same, the log must still replay
 * onto the tables, and the sequence must never go back.
 *
 * The compact log's migration likewise: a log stored one row per write with
 * column names, HLC text and the action, device and user on every row reads back
 * the same entries after it, stored with short keys, two HLC integers, one
 * source per action and `[]` for the write's own time.
 *
 * Inserts stored by reference likewise: a log with every write's values written
 * out reads back the same entries after the migration, the inserts whose values
 * the live row still holds stored by reference (`values` NULL), and every later
 * change of such a row writes them out again first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from '../../src-shared/api/types';
import { formatHlc } from '../../src-shared/hlc';
import type Database from 'better-sqlite3';
import { createAppRouter } from '../../src-main/api/handlers';
import { ownerActor } from '../../src-main/api/actors';
import { logDrift } from '../../src-main/changes/changelog';
import { mergeEntries, type RemoteEntry } from '../../src-main/changes/merge';
import { materialisedValues } from '../../src-main/changes/log-codec';
import { changesViewSql, syncedTables, type SyncedTableName } from '../../src-main/db/schema';
import { closeDatabase, openDatabase } from '../../src-main/db/connection';
import { keysBeside } from './direct';
import { openTestWorkspace } from './helpers';

interface Entry {
  seq: number;
  hlc: string;
  tx: string;
  device_id: string;
  user_id: string | null;
  table_name: string;
  row_id: string;
  column: string;
  value: string | null;
  previous: string | null;
}

const entriesOf = (sqlite: Database.Database) => sqlite.prepare('SELECT * FROM changes ORDER BY seq').all() as Entry[];

function migration(suffix: string): string {
  const folder = join(import.meta.dirname, '..', '..', 'drizzle');
  const name = readdirSync(folder).find((f) => f.endsWith(suffix));
  if (!name) throw new Error(`The migration *${suffix} is missing`);
  return readFileSync(join(folder, name), 'utf8');
}

/** Runs a migration's SQL as the migrator does (found by name: the lead may renumber it). */
function runMigration(sqlite: Database.Database, suffix: string): void {
  for (const statement of migration(suffix).split('--> statement-breakpoint')) sqlite.exec(statement);
}

/**
 * Puts the log back the way it was stored before the lean log (one row per column,
 * seqs 1..n), then runs the lean log's migration over it; returns the old entries.
 */
function toOldFormat(sqlite: Database.Database, extraSeqs: number): Entry[] {
  const old = entriesOf(sqlite).map((e, i) => ({ ...e, seq: i + 1 }));
  sqlite.transaction(() => {
    sqlite.exec(`DROP VIEW changes;
      DROP TABLE change_log;
      DROP TABLE change_sources;
      DROP TABLE change_columns;
      CREATE TABLE changes (seq integer PRIMARY KEY AUTOINCREMENT NOT NULL, hlc text NOT NULL, tx text NOT NULL,
        device_id text NOT NULL, user_id text, table_name text NOT NULL, row_id text NOT NULL, "column" text NOT NULL,
        value text, previous text);
      CREATE INDEX changes_row_idx ON changes (table_name, row_id);
      CREATE INDEX changes_tx_idx ON changes (tx);`);
    const insert = sqlite.prepare(
      'INSERT INTO changes (seq, hlc, tx, device_id, user_id, table_name, row_id, "column", value, previous) VALUES (@seq, @hlc, @tx, @device_id, @user_id, @table_name, @row_id, @column, @value, @previous)',
    );
    for (const entry of old) insert.run(entry);
    // Entries at the end of the old log that were purged since: the sequence had passed them.
    sqlite.prepare("UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'changes'").run(extraSeqs);
    // The migrations themselves: the lean log, then its compact storage.
    runMigration(sqlite, '_lean_change_log.sql');
    runMigration(sqlite, '_compact_change_log.sql');
    runMigration(sqlite, '_inserts_by_reference.sql');
  })();
  return old;
}

describe('the lean change log migration', () => {
  it('turns per-column entries into one row per write with the same entries, history and sequence', () => {
    const ws = openTestWorkspace();
    const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', email: 'anna@example.com' }) as Client;
    const bela = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy', guardianId: anna.id }) as Client;
    ws.clock.advance(60_000);
    ws.call('clients.update', { id: anna.id, phone: '+36301234567', notes: 'Prefers "mornings"\nand\tshort calls' });
    ws.call('clients.delete', { id: bela.id });
    ws.call('audit.restore', { table: 'clients', id: bela.id });
    const gone = ws.call('clients.create', { firstName: 'Gábor', lastName: 'Törölt' }) as Client;
    ws.call('clients.delete', { id: gone.id });
    ws.call('records.purge', { table: 'clients', id: gone.id });

    // A remote write on Anna in two deliveries (one write, two seqs here); its notes lose to the local edit.
    const device = 'remote-device-0001';
    const stamp = formatHlc({ millis: Date.parse('2026-03-10T08:59:00Z'), counter: 0, deviceId: device });
    const remote = (column: string, value: unknown): RemoteEntry => ({
      hlc: stamp,
      tx: 'remote-tx',
      deviceId: device,
      userId: null,
      table: 'clients',
      rowId: anna.id,
      column,
      value: JSON.stringify(value),
    });
    const now = ws.clock.now().getTime();
    mergeEntries(ws.db.sqlite, ws.db.deviceId, now, [remote('notes', 'old remote note')]);
    ws.call('clients.update', { id: bela.id, email: 'bela@example.com' });
    mergeEntries(ws.db.sqlite, ws.db.deviceId, now, [remote('source_channel', 'remote'), remote('notes', 'old remote note')]);

    const before = entriesOf(ws.db.sqlite);
    const historyBefore = ws.call('audit.record', { table: 'clients', id: anna.id });
    const logBefore = ws.call('audit.log', { limit: 100 });
    expect(before.some((e) => e.table_name === 'erasures')).toBe(true);

    const old = toOldFormat(ws.db.sqlite, 7);
    expect(old.length).toBe(before.length);
    const oldMax = old.length + 7;
    const file = ws.db.file;
    closeDatabase(ws.db);

    const db = openDatabase(file, keysBeside(file));
    try {
      const after = entriesOf(db.sqlite);
      // Each write keeps the smallest seq of its columns; entries come back in their old order.
      const firstSeq = new Map<string, number>();
      for (const e of old) {
        const write = `${e.hlc}\u0000${e.table_name}\u0000${e.row_id}`;
        if (!firstSeq.has(write)) firstSeq.set(write, e.seq);
      }
      const expected = old.map((e) => ({ ...e, seq: firstSeq.get(`${e.hlc}\u0000${e.table_name}\u0000${e.row_id}`) }));
      expected.sort((a, b) => (a.seq as number) - (b.seq as number));
      expect(after).toEqual(expected);
      expect(new Set(after.map((e) => e.seq)).size).toBe(firstSeq.size);
      const rows = db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
      expect(rows).toBe(firstSeq.size);
      expect(rows).toBeLessThan(old.length);
      // The remote write that came in two deliveries is one row again.
      expect(db.sqlite.prepare('SELECT count(DISTINCT seq) FROM changes WHERE hlc = ?').pluck().get(stamp)).toBe(1);

      const router = createAppRouter();
      const owner = ownerActor(db);
      const call = (method: string, input: unknown) => {
        const result = router.call({ db, clock: ws.clock, actor: owner }, method, input);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value as { entries?: unknown[] };
      };
      expect(call('audit.record', { table: 'clients', id: anna.id })).toEqual(historyBefore);
      // The same lines; only the write that arrived in two deliveries now sorts by its first arrival.
      const byAction = (entries: unknown[] | undefined) =>
        [...(entries ?? [])].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      expect(byAction(call('audit.log', { limit: 100 }).entries)).toEqual(byAction(logBefore.entries));
      expect(logDrift(db.sqlite)).toEqual([]);

      // The sequence never goes back: the next write is numbered after everything the old log had used.
      call('clients.update', { id: anna.id, notes: 'after the migration' });
      const newest = db.sqlite.prepare('SELECT max(seq) FROM change_log').pluck().get() as number;
      expect(newest).toBe(oldMax + 1);
      expect(logDrift(db.sqlite)).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });
});

/** Puts the log back the way the lean log stored it (names, HLC text, action, device and user on each row), then migrates it. */
function toLeanFormat(sqlite: Database.Database, extraSeqs: number): void {
  sqlite.transaction(() => {
    sqlite.exec(`CREATE TEMP TABLE lean AS
      SELECT seq, hlc, tx, device_id, user_id, table_name, row_id,
        json_group_object("column", json(value)) AS "values",
        CASE WHEN count(previous) = 0 THEN NULL
          ELSE json_group_object("column", json(previous)) FILTER (WHERE previous IS NOT NULL) END AS previous
      FROM changes GROUP BY seq ORDER BY seq;
      DROP VIEW changes;
      DROP TABLE change_log;
      DROP TABLE change_sources;
      DROP TABLE change_columns;
      CREATE TABLE change_log (seq integer PRIMARY KEY AUTOINCREMENT NOT NULL, hlc text NOT NULL, tx text NOT NULL,
        device_id text NOT NULL, user_id text, table_name text NOT NULL, row_id text NOT NULL, "values" text NOT NULL, previous text);
      INSERT INTO change_log SELECT * FROM lean ORDER BY seq;
      DROP TABLE lean;
      CREATE INDEX change_log_row_idx ON change_log (table_name, row_id);
      CREATE INDEX change_log_tx_idx ON change_log (tx);
      CREATE VIEW changes AS SELECT c.seq, c.hlc, c.tx, c.device_id, c.user_id, c.table_name, c.row_id, j.key AS "column",
        c."values" -> j.key AS value, c.previous -> j.key AS previous FROM change_log c, json_each(c."values") j;`);
    sqlite.prepare("UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'change_log'").run(extraSeqs);
    runMigration(sqlite, '_compact_change_log.sql');
    runMigration(sqlite, '_inserts_by_reference.sql');
  })();
}

describe('the compact change log migration', () => {
  it('keeps every entry, the audit history, the replay and the sequence of a lean log, in a fraction of the text', () => {
    const ws = openTestWorkspace();
    const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', email: 'anna@example.com' }) as Client;
    const bela = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy', guardianId: anna.id }) as Client;
    ws.clock.advance(60_000);
    ws.call('clients.update', { id: anna.id, phone: '+36301234567', notes: 'Says "[]" and {} often' });
    ws.call('clients.delete', { id: bela.id });
    ws.call('audit.restore', { table: 'clients', id: bela.id });
    const gone = ws.call('clients.create', { firstName: 'Gábor', lastName: 'Törölt' }) as Client;
    ws.call('clients.delete', { id: gone.id });
    ws.call('records.purge', { table: 'clients', id: gone.id });
    // A write whose clock stands behind the last HLC: its times are not the HLC's and stay as they are.
    ws.clock.advance(-120_000);
    ws.call('clients.update', { id: bela.id, email: 'bela@example.com' });
    const stamp = formatHlc({ millis: Date.parse('2026-03-10T08:59:00Z'), counter: 3, deviceId: 'remote-device-0002' });
    const remote = (column: string, value: unknown): RemoteEntry => ({
      hlc: stamp,
      tx: 'remote-tx',
      deviceId: 'remote-device-0002',
      userId: null,
      table: 'clients',
      rowId: anna.id,
      column,
      value: JSON.stringify(value),
    });
    mergeEntries(ws.db.sqlite, ws.db.deviceId, ws.clock.now().getTime(), [
      remote('notes', 'old remote note'),
      remote('updated_at', '2026-03-10T08:59:00.000Z'),
    ]);

    const before = entriesOf(ws.db.sqlite);
    const historyBefore = ws.call('audit.record', { table: 'clients', id: anna.id });
    const lastBefore = ws.db.sqlite.prepare('SELECT max(seq) FROM change_log').pluck().get() as number;
    expect(before.some((e) => e.table_name === 'erasures')).toBe(true);
    expect(before.some((e) => e.user_id === null)).toBe(true);

    toLeanFormat(ws.db.sqlite, 5);
    const file = ws.db.file;
    closeDatabase(ws.db);
    const db = openDatabase(file, keysBeside(file));
    try {
      expect(entriesOf(db.sqlite)).toEqual(before);
      const router = createAppRouter();
      const call = (method: string, input: unknown) => {
        const result = router.call({ db, clock: ws.clock, actor: ownerActor(db) }, method, input);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value;
      };
      expect(call('audit.record', { table: 'clients', id: anna.id })).toEqual(historyBefore);
      expect(logDrift(db.sqlite)).toEqual([]);

      // Stored compactly: keys, not names; the write's own time as []; one source per action.
      const created = db.sqlite.prepare('SELECT "values" FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq LIMIT 1').pluck();
      const annaCreated = created.get('clients', anna.id) as string;
      expect(annaCreated).not.toContain('first_name');
      expect(annaCreated).toContain('"Anna"');
      expect(annaCreated.match(/:\[\](?=[,}])/g)?.length).toBe(2);
      const sources = db.sqlite.prepare('SELECT count(*) FROM change_sources').pluck().get() as number;
      expect(sources).toBe(new Set(before.map((e) => `${e.tx} ${e.device_id} ${e.user_id}`)).size);
      // A remote write's own time is its HLC's too; a write made while the clock stood behind the HLC keeps its text.
      const byHlc = db.sqlite.prepare('SELECT "values" FROM change_log WHERE hlc_ms = ? AND hlc_counter = ?').pluck();
      expect(byHlc.get(Date.parse('2026-03-10T08:59:00Z'), 3)).toContain('[]');
      const behind = db.sqlite
        .prepare('SELECT "values" FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq DESC LIMIT 1')
        .pluck();
      expect(behind.get('clients', bela.id)).toContain(JSON.stringify(ws.clock.now().toISOString()));

      // The sequence never goes back, and new writes are stored and read the same way.
      call('clients.update', { id: anna.id, notes: 'after the migration' });
      expect(db.sqlite.prepare('SELECT max(seq) FROM change_log').pluck().get()).toBe(lastBefore + 5 + 1);
      const newest = entriesOf(db.sqlite).filter((e) => e.seq === lastBefore + 6);
      expect(newest.map((e) => [e.column, e.value])).toEqual([
        ['notes', '"after the migration"'],
        ['updated_at', JSON.stringify(ws.clock.now().toISOString())],
      ]);
      expect(logDrift(db.sqlite)).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });
});

/** Writes out every write stored by reference (as the compact log stored it), then runs the migration over the log. */
function toExplicitFormat(sqlite: Database.Database, extraSeqs: number): void {
  sqlite.transaction(() => {
    for (const table of Object.keys(syncedTables) as SyncedTableName[])
      sqlite
        .prepare(`UPDATE change_log SET "values" = ${materialisedValues(table, 'change_log')} WHERE table_name = ? AND "values" IS NULL`)
        .run(table);
    sqlite.prepare("UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'change_log'").run(extraSeqs);
    runMigration(sqlite, '_inserts_by_reference.sql');
  })();
}

describe('the inserts-by-reference migration', () => {
  it('reads back every entry, the history, the replay and the sequence, the unchanged inserts stored by reference', () => {
    const ws = openTestWorkspace();
    const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', email: 'anna@example.com' }) as Client;
    const bela = ws.call('clients.create', {
      firstName: 'Béla',
      lastName: 'Nagy',
      guardianId: anna.id,
      notes: 'Tab\there, "quoted" []',
    }) as Client;
    const cili = ws.call('clients.create', { firstName: 'Cili', lastName: 'Kiss' }) as Client;
    ws.clock.advance(60_000);
    ws.call('clients.update', { id: anna.id, phone: '+36301234567' });
    ws.call('clients.delete', { id: cili.id });
    ws.call('audit.restore', { table: 'clients', id: cili.id });
    const gone = ws.call('clients.create', { firstName: 'Gábor', lastName: 'Törölt' }) as Client;
    ws.call('clients.delete', { id: gone.id });
    ws.call('records.purge', { table: 'clients', id: gone.id });
    // A write whose clock stands behind the last HLC: its times are not the HLC's.
    ws.clock.advance(-120_000);
    const dora = ws.call('clients.create', { firstName: 'Dóra', lastName: 'Hátra' }) as Client;
    // A row another device created, one of its columns logged as null.
    const remoteId = '01890000-0000-7000-8000-000000000001';
    const stamp = formatHlc({ millis: Date.parse('2026-03-10T08:59:00Z'), counter: 3, deviceId: 'remote-device-0002' });
    const remote = (column: string, value: unknown): RemoteEntry => ({
      hlc: stamp,
      tx: 'remote-tx',
      deviceId: 'remote-device-0002',
      userId: null,
      table: 'clients',
      rowId: remoteId,
      column,
      value: JSON.stringify(value),
    });
    mergeEntries(ws.db.sqlite, ws.db.deviceId, ws.clock.now().getTime(), [
      remote('first_name', 'Ede'),
      remote('last_name', 'Távoli'),
      remote('display_name', 'Ede Távoli'),
      remote('notes', null),
      remote('created_at', '2026-03-10T08:59:00.000Z'),
      remote('updated_at', '2026-03-10T08:59:00.000Z'),
    ]);

    const before = entriesOf(ws.db.sqlite);
    const historyBefore = ws.call('audit.record', { table: 'clients', id: bela.id });
    const lastBefore = ws.db.sqlite.prepare('SELECT max(seq) FROM change_log').pluck().get() as number;
    const stored = ws.db.sqlite.prepare('SELECT "values" FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq LIMIT 1').pluck();
    // New inserts are stored by reference already.
    expect(stored.get('clients', bela.id)).toBeNull();

    toExplicitFormat(ws.db.sqlite, 5);
    const file = ws.db.file;
    closeDatabase(ws.db);
    const db = openDatabase(file, keysBeside(file));
    try {
      expect(entriesOf(db.sqlite)).toEqual(before);
      const router = createAppRouter();
      const call = (method: string, input: unknown) => {
        const result = router.call({ db, clock: ws.clock, actor: ownerActor(db) }, method, input);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        return result.value;
      };
      expect(call('audit.record', { table: 'clients', id: bela.id })).toEqual(historyBefore);
      expect(logDrift(db.sqlite)).toEqual([]);

      const first = db.sqlite.prepare('SELECT "values" FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq LIMIT 1').pluck();
      // Unchanged since written: by reference. Changed since (or logged with a null): written out.
      expect(first.get('clients', bela.id)).toBeNull();
      expect(first.get('clients', dora.id)).toBeNull();
      expect(first.get('clients', anna.id)).toContain('"Anna"');
      expect(first.get('clients', cili.id)).toContain('"Cili"');
      expect(first.get('clients', remoteId)).toContain('"Ede"');

      // The sequence never goes back; changing a row writes its insert out first, entries unchanged.
      call('clients.update', { id: bela.id, notes: 'after the migration' });
      expect(first.get('clients', bela.id)).toContain('"Béla"');
      expect(db.sqlite.prepare('SELECT max(seq) FROM change_log').pluck().get()).toBe(lastBefore + 5 + 1);
      expect(entriesOf(db.sqlite).filter((e) => e.seq <= lastBefore)).toEqual(before);
      expect(logDrift(db.sqlite)).toEqual([]);
    } finally {
      closeDatabase(db);
    }
  });

  it('reads every column of every synced table as the schema has them (a migration adding one re-creates the view)', () => {
    const ws = openTestWorkspace();
    const view = ws.db.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'changes'").pluck().get();
    expect(view).toBe(`CREATE VIEW \`changes\` AS ${changesViewSql()}`);
  });
});
