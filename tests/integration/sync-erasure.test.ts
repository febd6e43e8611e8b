/**
 * Erasure across machines (issue 15): the owner purges a client on one machine,
 * and after a sync through a real folder the assistant's machine holds no row, no
 * history and no search entry for them; the folder's files that held them are
 * rewritten or superseded; the owner sees the erasure pending until the other
 * device has acknowledged it; an edit made offline elsewhere does not bring the
 * client back; and a database restored from before the erasure erases again.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import { reapplyErasures } from '../../src-main/changes/erasure';
import { closeDatabase } from '../../src-main/db/connection';
import { readConfig, syncNow, syncStatus } from '../../src-main/sync';
import { open } from '../../src-main/sync/crypto';
import { diskFolder, type SyncFolder } from '../../src-main/sync/folder';
import { latestSnapshot } from '../../src-main/sync/snapshot';
import { loadTrust } from '../../src-main/sync/trust';
import { base, CHANGE_FILE, decode, keyRing, SNAPSHOT_FILE, type WireEntry } from '../../src-main/sync/wire';
import type { Db } from '../../src-main/db/connection';
import { tempDir } from './helpers';
import { joinReplica, liveRows, openReplicaDb, ownerReplica, type Replica } from './sync-helpers';

function setup() {
  const folder = diskFolder(tempDir());
  const owner = ownerReplica(folder);
  const assistant = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
  return { folder, owner, assistant };
}

function sync(folder: SyncFolder, ...replicas: Replica[]): void {
  for (const replica of replicas) {
    replica.clock.advance(1000);
    syncNow(replica.db, folder, replica.clock);
  }
}

/** Row ids the whole folder still holds entries for (erase entries aside), decrypted file by file. */
function idsInFolder(folder: SyncFolder, db: Db): Set<string> {
  const config = readConfig(db);
  if (!config) throw new Error('sync is off');
  const trust = loadTrust(folder, config);
  const ids = new Set<string>();
  for (const device of folder.list(`${base(config)}/devices`)) {
    const cert = trust.certs.get(device);
    if (!cert) continue;
    for (const name of folder.list(`${base(config)}/devices/${device}`).filter((n) => CHANGE_FILE.test(n))) {
      const data = folder.read(`${base(config)}/devices/${device}/${name}`) as Buffer;
      const seq = Number(name.slice(0, 10));
      const payload = decode<{ entries: WireEntry[] }>(
        open(data, { kind: 'changes', workspace: config.workspaceId, device, seq }, keyRing(config), cert.publicKey),
      );
      for (const [, , , table, rowId] of payload.entries) if (table !== 'erasures') ids.add(rowId);
    }
  }
  for (const entry of latestSnapshot(folder, config)?.entries ?? []) if (entry.table !== 'erasures') ids.add(entry.rowId);
  return ids;
}

function searchHits(db: Db, word: string): number {
  return db.sqlite.prepare('SELECT count(*) FROM clients_fts WHERE clients_fts MATCH ?').pluck().get(`"${word}"*`) as number;
}

function historyOf(db: Db, ids: readonly string[]): number {
  const marks = ids.map(() => '?').join(', ');
  return db.sqlite
    .prepare(`SELECT count(*) FROM changes WHERE row_id IN (${marks}) AND table_name <> 'erasures'`)
    .pluck()
    .get(...ids) as number;
}

/** A client the assistant has worked on too: their own history entries, an enrollment, a payment. */
function familyOnBothMachines(folder: SyncFolder, owner: Replica, assistant: Replica) {
  const client = owner.call('clients.create', {
    firstName: 'Xénia',
    lastName: 'Erasmus',
    phone: '+36301234567',
    email: 'xenia@example.hu',
  });
  const program = owner.call('programs.create', { name: 'Zongora' });
  const cohort = owner.call('cohorts.create', { programId: program.id, name: 'Tavasz', priceMinor: 100_000 });
  sync(folder, owner, assistant);
  assistant.call('clients.update', { id: client.id, notes: 'Xénia prefers mornings' });
  const enrollment = assistant.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'confirmed' });
  const payment = assistant.call('payments.create', { clientId: client.id, amountMinor: 50_000, enrollmentId: enrollment.id });
  const sibling = owner.call('clients.create', { firstName: 'Bence', lastName: 'Erasmus', guardianId: client.id });
  sync(folder, assistant, owner, assistant);
  return { client, enrollment, payment, sibling };
}

describe('erasure reaches every machine', () => {
  it('owner purges a client: after sync the assistant has no row, no history, no search entry, and the folder keeps nothing of them', () => {
    const { folder, owner, assistant } = setup();
    const { client, enrollment, payment, sibling } = familyOnBothMachines(folder, owner, assistant);
    const ids = [client.id, enrollment.id, payment.id];
    expect(assistant.call('clients.get', { id: client.id }).notes).toBe('Xénia prefers mornings');
    expect(historyOf(assistant.db, ids)).toBeGreaterThan(13);
    expect(searchHits(assistant.db, 'Xénia')).toBe(1);
    expect(idsInFolder(folder, owner.db).has(client.id)).toBe(true);

    owner.call('clients.delete', { id: client.id });
    owner.call('records.purge', { table: 'clients', id: client.id });
    // Pending before it has left this machine, and after, until the assistant's machine has applied it.
    expect(syncStatus(owner.db).erasuresPending).toMatchObject([{ table: 'clients', rowId: client.id, sent: false }]);
    sync(folder, owner);
    expect(syncStatus(owner.db).erasuresPending).toMatchObject([
      { table: 'clients', rowId: client.id, sent: true, waitingFor: [assistant.deviceId] },
    ]);

    sync(folder, assistant);
    for (const replica of [owner, assistant]) {
      for (const table of ['clients', 'enrollments', 'payments'])
        expect(
          replica.db.sqlite
            .prepare(`SELECT count(*) FROM "${table}" WHERE id IN (?, ?, ?)`)
            .pluck()
            .get(...ids),
        ).toBe(0);
      expect(historyOf(replica.db, ids)).toBe(0);
      // No other row's history keeps pointing at them either (the sibling's guardian link, before and after).
      const mentions = replica.db.sqlite.prepare('SELECT count(*) FROM changes WHERE value = ? OR previous = ?').pluck();
      for (const id of ids) expect(mentions.get(JSON.stringify(id), JSON.stringify(id)), id).toBe(0);
      expect(searchHits(replica.db, 'Xénia')).toBe(0);
      expect(replica.call('clients.list', { query: 'Erasmus' }).rows.map((r) => r.id)).toEqual([sibling.id]);
      expect(replica.call('clients.get', { id: sibling.id }).guardianId).toBeNull();
      expect(logDrift(replica.db.sqlite)).toEqual([]);
    }
    sync(folder, owner);
    expect(syncStatus(owner.db).erasuresPending).toEqual([]);
    expect(liveRows(assistant.db)).toEqual(liveRows(owner.db));

    // Every file that held them was rewritten, and one snapshot (without them) replaced the older ones.
    const inFolder = idsInFolder(folder, owner.db);
    for (const id of ids) expect(inFolder.has(id), id).toBe(false);
    expect(inFolder.has(sibling.id)).toBe(true);
    const config = readConfig(owner.db);
    if (!config) throw new Error('sync is off');
    const snapshots = folder.list(`${base(config)}/devices/${owner.db.deviceId}/snapshots`).filter((n) => SNAPSHOT_FILE.test(n));
    expect(snapshots).toHaveLength(1);
  });

  it('an edit or payment made offline on the assistant after the purge does not bring the client back anywhere', () => {
    const { folder, owner, assistant } = setup();
    const { client } = familyOnBothMachines(folder, owner, assistant);
    owner.call('clients.delete', { id: client.id });
    owner.call('records.purge', { table: 'clients', id: client.id });
    // Offline: the assistant has not heard of the purge (nor the delete) yet.
    assistant.call('clients.update', { id: client.id, notes: 'called again' });
    const late = assistant.call('payments.create', { clientId: client.id, amountMinor: 7_000 });
    sync(folder, assistant, owner, assistant, owner);
    for (const replica of [owner, assistant]) {
      expect(replica.db.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(client.id)).toBe(0);
      expect(replica.db.sqlite.prepare('SELECT count(*) FROM payments WHERE id = ?').pluck().get(late.id)).toBe(0);
      expect(historyOf(replica.db, [client.id, late.id])).toBe(0);
      expect(replica.db.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get()).toBe(0);
      expect(logDrift(replica.db.sqlite)).toEqual([]);
    }
    expect(liveRows(assistant.db)).toEqual(liveRows(owner.db));
    expect(idsInFolder(folder, owner.db).has(late.id)).toBe(false);
    // A device joining now starts from the snapshot and never sees them either.
    const newcomer = joinReplica(owner, folder, { username: 'late', role: 'assistant' });
    sync(folder, owner, newcomer);
    expect(newcomer.db.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(client.id)).toBe(0);
    expect(liveRows(newcomer.db)).toEqual(liveRows(owner.db));
  });

  it('a database restored from before the erasure erases again, on open and on sync', () => {
    const { folder, owner, assistant } = setup();
    const { client } = familyOnBothMachines(folder, owner, assistant);
    const file = assistant.db.file;
    const old = `${tempDir()}/before-erasure.db`;
    assistant.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(file, old);

    owner.call('clients.delete', { id: client.id });
    owner.call('records.purge', { table: 'clients', id: client.id });
    sync(folder, owner, assistant);
    expect(existsSync(`${file}.erasures`)).toBe(true);

    // The backup from before comes back in place of the database (as a restore does).
    closeDatabase(assistant.db);
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    copyFileSync(old, file);
    const restored = openReplicaDb(file);
    try {
      expect(restored.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(client.id)).toBe(1);
      expect(reapplyErasures(restored)).toBeGreaterThan(0);
      expect(restored.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(client.id)).toBe(0);
      expect(historyOf(restored, [client.id])).toBe(0);
      expect(searchHits(restored, 'Xénia')).toBe(0);
      expect(logDrift(restored.sqlite)).toEqual([]);
      // The erase entry is back in its log too, so what it sends on and its snapshots agree.
      expect(
        restored.sqlite.prepare("SELECT count(*) FROM changes WHERE table_name = 'erasures' AND row_id = ?").pluck().get(client.id),
      ).toBe(1);
    } finally {
      closeDatabase(restored);
    }

    // And on sync, without an open in between: the old file again, straight into a sync round.
    copyFileSync(old, file);
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    const again = openReplicaDb(file);
    try {
      syncNow(again, folder, assistant.clock);
      expect(again.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(client.id)).toBe(0);
      expect(historyOf(again, [client.id])).toBe(0);
    } finally {
      closeDatabase(again);
    }
  });
});
