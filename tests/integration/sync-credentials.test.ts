/**
 * Password hashes through sync (issue 15): a machine receives only the password
 * hashes of the users certified for it. The owner's hash never reaches the
 * assistant's machine, no hash is in any file every member can read, the
 * assistant can sign in on the new machine at once, a password the owner resets
 * arrives, and a machine that received other users' hashes from an older version
 * forgets them.
 */
import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import { mergeEntries, type RemoteEntry } from '../../src-main/changes/merge';
import { verifyPassword } from '../../src-main/services/users';
import { readConfig, syncNow } from '../../src-main/sync';
import { open } from '../../src-main/sync/crypto';
import { diskFolder, type SyncFolder } from '../../src-main/sync/folder';
import { latestSnapshot } from '../../src-main/sync/snapshot';
import { loadTrust } from '../../src-main/sync/trust';
import { base, CHANGE_FILE, decode, keyRing, type WireEntry } from '../../src-main/sync/wire';
import type { Db } from '../../src-main/db/connection';
import { tempDir } from './helpers';
import { joinReplica, ownerReplica, passwordHashes, type Replica } from './sync-helpers';

function sync(folder: SyncFolder, ...replicas: Replica[]): void {
  for (const replica of replicas) {
    replica.clock.advance(1000);
    syncNow(replica.db, folder, replica.clock);
  }
}

/** The columns of every entry in every change file and the snapshot, decrypted with the workspace key every member holds. */
function columnsInSharedFiles(folder: SyncFolder, db: Db): Set<string> {
  const config = readConfig(db);
  if (!config) throw new Error('sync is off');
  const trust = loadTrust(folder, config);
  const columns = new Set<string>();
  for (const device of folder.list(`${base(config)}/devices`)) {
    const cert = trust.certs.get(device);
    if (!cert) continue;
    for (const name of folder.list(`${base(config)}/devices/${device}`).filter((n) => CHANGE_FILE.test(n))) {
      const data = folder.read(`${base(config)}/devices/${device}/${name}`) as Buffer;
      const payload = decode<{ entries: WireEntry[] }>(
        open(
          data,
          { kind: 'changes', workspace: config.workspaceId, device, seq: Number(name.slice(0, 10)) },
          keyRing(config),
          cert.publicKey,
        ),
      );
      for (const entry of payload.entries) columns.add(`${entry[3]}.${entry[5]}`);
    }
  }
  for (const entry of latestSnapshot(folder, config)?.entries ?? []) columns.add(`${entry.table}.${entry.column}`);
  return columns;
}

const hashOf = (db: Db, username: string) =>
  db.sqlite.prepare('SELECT password_hash FROM users WHERE username = ?').pluck().get(username) as string | null;

describe('password hashes go only to their own user’s machines', () => {
  it('the assistant’s machine holds only the assistant’s hash, and no shared file holds any', () => {
    const folder = diskFolder(tempDir());
    const owner = ownerReplica(folder);
    owner.call('users.create', { username: 'olga', displayName: 'Olga', role: 'owner', password: 'the owner’s own password' });
    owner.call('users.create', { username: 'bea', displayName: 'Bea', role: 'assistant', password: 'bea has a password' });
    const anna = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    // Right after joining, before any sync: the new machine's user can sign in there.
    expect(passwordHashes(anna.db)).toEqual(['anna']);
    expect(verifyPassword('long enough password', hashOf(anna.db, 'anna'))).toBe(true);

    owner.call('clients.create', { firstName: 'Kinga' });
    sync(folder, owner, anna, owner, anna);
    expect(passwordHashes(anna.db)).toEqual(['anna']);
    expect(passwordHashes(owner.db)).toEqual(['anna', 'bea', 'olga']);
    expect(columnsInSharedFiles(folder, owner.db).has('users.password_hash')).toBe(false);
    expect(columnsInSharedFiles(folder, owner.db).has('users.username')).toBe(true);
    expect(logDrift(anna.db.sqlite)).toEqual([]);

    // The owner resets Anna's password: it reaches her machine, and only hers.
    const annaId = anna.actor.userId as string;
    owner.call('users.resetPassword', { id: annaId, password: 'a brand new password' });
    sync(folder, owner, anna);
    expect(verifyPassword('a brand new password', hashOf(anna.db, 'anna'))).toBe(true);
    expect(passwordHashes(anna.db)).toEqual(['anna']);
    expect(columnsInSharedFiles(folder, owner.db).has('users.password_hash')).toBe(false);

    // Anna changes her own password on her machine: it stays there.
    const before = hashOf(owner.db, 'anna');
    anna.call('auth.changePassword', { current: 'a brand new password', next: 'only on my laptop' });
    sync(folder, anna, owner);
    expect(hashOf(owner.db, 'anna')).toBe(before);
    expect(verifyPassword('only on my laptop', hashOf(anna.db, 'anna'))).toBe(true);
    expect(columnsInSharedFiles(folder, owner.db).has('users.password_hash')).toBe(false);
    expect(logDrift(anna.db.sqlite)).toEqual([]);
    expect(logDrift(owner.db.sqlite)).toEqual([]);
  });

  it('a machine that got other users’ hashes from an older version forgets them on its next sync', () => {
    const folder = diskFolder(tempDir());
    const owner = ownerReplica(folder);
    const olga = owner.call('users.create', { username: 'olga', displayName: 'Olga', role: 'owner', password: 'the owner’s own password' });
    const anna = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    sync(folder, owner, anna);
    // As an older version shared it: an owner's hash entry, merged into Anna's machine.
    const ownerHash = owner.db.sqlite
      .prepare(
        `SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value
           FROM changes WHERE table_name = 'users' AND "column" = 'password_hash' AND row_id = ?`,
      )
      .get(olga.id) as RemoteEntry;
    mergeEntries(anna.db.sqlite, anna.db.deviceId, anna.clock.now().getTime(), [ownerHash]);
    expect(passwordHashes(anna.db)).toEqual(['anna', 'olga']);
    sync(folder, anna);
    expect(passwordHashes(anna.db)).toEqual(['anna']);
    expect(
      anna.db.sqlite
        .prepare("SELECT count(*) FROM changes WHERE table_name = 'users' AND \"column\" = 'password_hash' AND row_id = ?")
        .pluck()
        .get(olga.id),
    ).toBe(0);
    expect(logDrift(anna.db.sqlite)).toEqual([]);
  });
});
