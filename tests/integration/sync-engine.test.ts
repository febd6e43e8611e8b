/**
 * Sync between real replicas through a real folder on disk: joining, converging
 * after offline edits on both sides, what the cloud provider can see, and every
 * way a file can be hostile (forged, tampered, replayed elsewhere, written by a
 * role that may not, written after revocation) — refused, recorded, nothing lost.
 */
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import { applyChanges } from '../../src-main/changes/funnel';
import { diskFolder, type SyncFolder } from '../../src-main/sync/folder';
import { closeDatabase, openDatabase, writeLocal } from '../../src-main/db/connection';
import { sha256Hex } from '../../src-main/sync/crypto';
import { approveDevice, listDevices, revokeDevice, syncNow, syncStatus } from '../../src-main/sync';
import { tempDir } from './helpers';
import { joinReplica, liveRows, ownerReplica } from './sync-helpers';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

function setup() {
  const root = tempDir();
  const folder = diskFolder(root);
  const owner = ownerReplica(folder);
  owner.call('clients.create', { firstName: 'Zsófia', lastName: 'Kertész' });
  const assistant = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
  return { root, folder, owner, assistant };
}

describe('sync through a folder', () => {
  it('joins from a snapshot, converges after offline edits on both sides, and leaks no plaintext', () => {
    const { root, folder, owner, assistant } = setup();
    expect(assistant.call('clients.list', {}).rows.map((c) => c.displayName)).toContain('Kertész Zsófia');

    const program = owner.call('programs.create', { name: 'Angol A1' });
    const client = assistant.call('clients.create', { firstName: 'Bence', lastName: 'Lakatos' });
    assistant.call('payments.create', { clientId: client.id, amountMinor: 500000 });
    owner.clock.advance(1000);
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);
    syncNow(owner.db, folder, owner.clock);

    expect(liveRows(owner.db)).toEqual(liveRows(assistant.db));
    expect(logDrift(owner.db.sqlite)).toEqual([]);
    expect(logDrift(assistant.db.sqlite)).toEqual([]);
    expect(owner.call('programs.list', {}).map((p) => p.id)).toContain(program.id);

    for (const file of allFiles(root)) {
      const text = readFileSync(file).toString('latin1');
      for (const secret of ['Bence', 'Lakatos', 'Zsófia', 'Kertész', 'Angol'])
        expect(text.includes(secret), `${file} contains ${secret}`).toBe(false);
    }
    expect(allFiles(root).some((f) => f.endsWith('.db'))).toBe(false);
  });

  it('lets the newest edit of a field win on every replica, whichever syncs first', () => {
    const { folder, owner, assistant } = setup();
    const client = owner.call('clients.create', { firstName: 'Dóra' });
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);
    assistant.clock.advance(5000);
    owner.clock.advance(2000);
    assistant.call('clients.update', { id: client.id, notes: 'from the assistant, later' });
    owner.call('clients.update', { id: client.id, notes: 'from the owner, earlier', phone: '+36301234567' });
    syncNow(assistant.db, folder, assistant.clock);
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);
    for (const replica of [owner, assistant]) {
      const row = replica.call('clients.get', { id: client.id });
      expect(row.notes).toBe('from the assistant, later');
      expect(row.phone).toBe('+36301234567');
      expect(logDrift(replica.db.sqlite)).toEqual([]);
    }
  });

  it("refuses an assistant device's delete and settings change on every replica, and shows it in status", () => {
    const { folder, owner, assistant } = setup();
    const client = owner.call('clients.create', { firstName: 'Emil' });
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);
    // The assistant's own app refuses before writing...
    expect(assistant.fail('clients.delete', { id: client.id }).code).toBe('FORBIDDEN');
    expect(assistant.fail('settings.update', { schoolName: 'Mine now' }).code).toBe('FORBIDDEN');
    // ...so a tampered app has to write around the router; the owner refuses what it wrote.
    const ctx = { db: assistant.db, clock: assistant.clock, actor: assistant.actor };
    applyChanges(ctx, [{ op: 'delete', table: 'clients', id: client.id }]);
    const settingsId = assistant.db.sqlite.prepare('SELECT id FROM settings').pluck().get() as string;
    applyChanges(ctx, [{ op: 'update', table: 'settings', id: settingsId, values: { schoolName: 'Mine now' } }]);
    assistant.call('clients.create', { firstName: 'Still applied' });
    syncNow(assistant.db, folder, assistant.clock);
    const report = syncNow(owner.db, folder, owner.clock);
    expect(report.rejected).toBe(2);
    expect(owner.call('clients.get', { id: client.id }).deletedAt).toBeNull();
    expect(owner.call('settings.get', {}).schoolName).toBe('Test School');
    expect(owner.call('clients.list', { query: 'Still' }).rows).toHaveLength(1);
    expect(
      syncStatus(owner.db)
        .rejections.map((r) => r.reason)
        .sort(),
    ).toEqual(['delete', 'settings_change']);
    expect(logDrift(owner.db.sqlite)).toEqual([]);
  });

  it('refuses forged, tampered and replayed files, and a revoked device afterwards', () => {
    const { root, folder, owner, assistant } = setup();
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);
    const dir = join(root, 'tanoda', syncStatus(owner.db).workspaceId as string, 'devices', assistant.deviceId);
    const before = owner.call('clients.list', {}).rows.length;

    // Tampered ciphertext: one byte flipped, the name fixed up to match the new hash.
    assistant.call('clients.create', { firstName: 'Tampered' });
    syncNow(assistant.db, folder, assistant.clock);
    const tcf = readdirSync(dir)
      .filter((n) => n.endsWith('.tcf'))
      .sort()
      .at(-1) as string;
    const bytes = readFileSync(join(dir, tcf));
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100] = (flipped[flipped.length - 100] as number) ^ 1;
    const rename = (data: Buffer) => `${tcf.slice(0, 10)}-${sha256Hex(data).slice(0, 16)}.tcf`;
    rmSync(join(dir, tcf));
    writeFileSync(join(dir, rename(flipped)), flipped);
    const tampered = syncNow(owner.db, folder, owner.clock);
    expect(tampered.rejected).toBe(1);
    expect(owner.call('clients.list', {}).rows.length).toBe(before);
    // The device re-publishes its genuine file; it then applies and nothing is lost.
    syncNow(assistant.db, folder, assistant.clock);
    syncNow(owner.db, folder, owner.clock);
    expect(owner.call('clients.list', { query: 'Tampered' }).rows).toHaveLength(1);
    expect(syncStatus(owner.db).rejections.map((r) => r.reason)).toContain('bad_signature');

    revokeDevice(owner.db, folder, assistant.deviceId);
    assistant.call('clients.create', { firstName: 'After revocation' });
    syncNow(assistant.db, folder, assistant.clock);
    const afterRevoke = syncNow(owner.db, folder, owner.clock);
    expect(afterRevoke.rejected).toBe(1);
    expect(owner.call('clients.list', { query: 'After' }).rows).toHaveLength(0);
    expect(syncStatus(owner.db).rejections.map((r) => r.reason)).toContain('revoked');
    expect(listDevices(owner.db, folder).find((d) => d.deviceId === assistant.deviceId)?.status).toBe('revoked');
  });

  it('refuses a file replayed from another workspace and a device that was never approved', () => {
    const root = tempDir();
    const folder = diskFolder(root);
    const owner = ownerReplica(folder);
    const stranger = joinReplica(owner, folder, { username: 'mallory', role: 'assistant', approve: false });
    stranger.call('clients.create', { firstName: 'Unapproved' });
    syncNow(stranger.db, folder, stranger.clock);
    syncNow(owner.db, folder, owner.clock);
    expect(owner.call('clients.list', { query: 'Unapproved' }).rows).toHaveLength(0);
    expect(listDevices(owner.db, folder).find((d) => d.deviceId === stranger.deviceId)?.status).toBe('pending');

    // A second workspace's genuine owner file copied into this workspace under the owner's id.
    const otherRoot = tempDir();
    const other = ownerReplica(diskFolder(otherRoot));
    other.call('clients.create', { firstName: 'Elsewhere' });
    syncNow(other.db, diskFolder(otherRoot), other.clock);
    const otherWs = syncStatus(other.db).workspaceId as string;
    const otherDir = join(otherRoot, 'tanoda', otherWs, 'devices', other.db.deviceId);
    const thisWs = syncStatus(owner.db).workspaceId as string;
    const strangerDir = join(root, 'tanoda', thisWs, 'devices', stranger.deviceId);
    approveDevice(owner.db, folder, stranger.deviceId);
    const replayed = readdirSync(otherDir)
      .filter((n) => n.endsWith('.tcf'))
      .sort()
      .at(-1) as string;
    const next = readdirSync(strangerDir).filter((n) => n.endsWith('.tcf')).length + 1;
    writeFileSync(join(strangerDir, `${String(next).padStart(10, '0')}${replayed.slice(10)}`), readFileSync(join(otherDir, replayed)));
    const report = syncNow(owner.db, folder, owner.clock);
    expect(report.rejected).toBeGreaterThanOrEqual(1);
    expect(owner.call('clients.list', { query: 'Elsewhere' }).rows).toHaveLength(0);
    expect(owner.call('clients.list', { query: 'Unapproved' }).rows).toHaveLength(1);
  });

  it('prunes a device’s old files only once every active device and the latest snapshot have them', () => {
    const { root, folder, owner, assistant } = setup();
    const dir = join(root, 'tanoda', syncStatus(owner.db).workspaceId as string, 'devices', assistant.deviceId);
    const files = () => readdirSync(dir).filter((n) => n.endsWith('.tcf')).length;
    for (const name of ['Első', 'Második', 'Harmadik']) {
      assistant.call('clients.create', { firstName: name });
      syncNow(assistant.db, folder, assistant.clock);
    }
    expect(files()).toBe(3);
    // The owner has not acknowledged anything yet: nothing may go.
    syncNow(assistant.db, folder, assistant.clock);
    expect(files()).toBe(3);
    syncNow(owner.db, folder, owner.clock, { snapshotEvery: 1 });
    syncNow(assistant.db, folder, assistant.clock);
    expect(files()).toBe(0);
    // A device joining now starts from the snapshot and misses nothing.
    const late = joinReplica(owner, folder, { username: 'late', role: 'assistant' });
    syncNow(late.db, folder, late.clock);
    expect(late.call('clients.list', { query: 'Harmadik' }).rows).toHaveLength(1);
    expect(liveRows(late.db)['clients']).toEqual(liveRows(owner.db)['clients']);
    // Pruned files are not published again as if they had vanished.
    syncNow(assistant.db, folder, assistant.clock);
    expect(files()).toBe(0);
  });

  it('keeps a file another device has not applied even in a round whose listing misses that device (issue 20)', () => {
    const { folder, owner, assistant } = setup();
    const second = joinReplica(owner, folder, { username: 'second', role: 'assistant' });
    // A cloud mid-sync: second's certificate and folder are not listed yet, its join request does not read.
    const partial: SyncFolder = {
      ...folder,
      list: (dir) => folder.list(dir).filter((name) => !name.startsWith(second.deviceId)),
      read: (path) => (path.includes(second.deviceId) ? null : folder.read(path)),
    };
    assistant.call('clients.create', { firstName: 'Félúton' });
    syncNow(assistant.db, partial, assistant.clock);
    syncNow(owner.db, folder, owner.clock, { snapshotEvery: 1 });
    // The owner has the file and its snapshot covers it; second has not applied it, so it stays.
    syncNow(assistant.db, partial, assistant.clock);
    syncNow(second.db, folder, second.clock);
    expect(second.call('clients.list', { query: 'Félúton' }).rows).toHaveLength(1);
  });

  it('holds back the changes of a device whose clock runs far ahead, says so, and applies them once time agrees', () => {
    const { folder, owner, assistant } = setup();
    assistant.clock.advance(2 * 24 * 3_600_000);
    assistant.call('clients.create', { firstName: 'Holnaputáni' });
    syncNow(assistant.db, folder, assistant.clock);
    syncNow(owner.db, folder, owner.clock);
    expect(owner.call('clients.list', { query: 'Holnaputáni' }).rows).toHaveLength(0);
    const [skew] = syncStatus(owner.db).clockAhead;
    expect(skew?.deviceId).toBe(assistant.deviceId);
    expect(skew?.aheadMs).toBeGreaterThan(47 * 3_600_000);
    owner.clock.advance(2 * 24 * 3_600_000);
    syncNow(owner.db, folder, owner.clock);
    expect(owner.call('clients.list', { query: 'Holnaputáni' }).rows).toHaveLength(1);
    expect(syncStatus(owner.db).clockAhead).toEqual([]);
  });

  it('adopts its own file when the run that wrote it was rolled back, instead of calling it a clone', () => {
    const { folder, owner, assistant } = setup();
    assistant.call('clients.create', { firstName: 'Visszagörgetett' });
    // The router runs sync in a transaction: a failure after publishing rolls back the bookkeeping, not the folder.
    assistant.db.sqlite.exec('SAVEPOINT lost');
    syncNow(assistant.db, folder, assistant.clock);
    assistant.db.sqlite.exec('ROLLBACK TO lost');
    assistant.db.sqlite.exec('RELEASE lost');
    assistant.call('clients.create', { firstName: 'Utána' });
    expect(() => syncNow(assistant.db, folder, assistant.clock)).not.toThrow();
    syncNow(owner.db, folder, owner.clock);
    expect(owner.call('clients.list', { query: 'Visszagörgetett' }).rows).toHaveLength(1);
    expect(owner.call('clients.list', { query: 'Utána' }).rows).toHaveLength(1);
    expect(liveRows(owner.db)['clients']).toEqual(liveRows(assistant.db)['clients']);
  });

  it('stops a cloned copy of a device', () => {
    const { root, folder, owner, assistant } = setup();
    syncNow(assistant.db, folder, assistant.clock);
    // A copy of the assistant's database together with its key file (the sync keys are not in the database) writes under the same id.
    void owner;
    assistant.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const copyPath = join(tempDir(), 'clone.db');
    copyFileSync(assistant.db.file, copyPath);
    const clone = openDatabase(copyPath, { key: assistant.db.key, secrets: assistant.db.secrets });
    try {
      applyChanges({ db: clone, clock: assistant.clock, actor: assistant.actor }, [
        { op: 'insert', table: 'rooms', values: { name: 'Clone room' } },
      ]);
      syncNow(clone, folder, assistant.clock);
      assistant.call('clients.create', { firstName: 'Original' });
      expect(() => syncNow(assistant.db, folder, assistant.clock)).toThrow(/copy of this device/);
      expect(syncStatus(assistant.db).lastError).toBe('cloned');
      // Through the router (one transaction per call) the stop is answered, not thrown, so it stays recorded.
      writeLocal(assistant.db.sqlite, 'sync.folder', root);
      writeLocal(assistant.db.sqlite, 'sync.lastError', '');
      expect(assistant.call('sync.now', {}).problem).toBe('cloned');
      expect(assistant.call('sync.status', {}).lastError).toBe('cloned');
    } finally {
      closeDatabase(clone);
    }
  });
});
