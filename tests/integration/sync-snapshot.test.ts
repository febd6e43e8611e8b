/**
 * Snapshots travel with each write's entries grouped (a row's columns share one
 * HLC, action, device and user); snapshots written before carried one tuple per
 * entry. A device joining reads either, and ends up with the owner's rows and a
 * change log that folds to them.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import { closeDatabase } from '../../src-main/db/connection';
import { NOT_A_PASSWORD_HASH } from '../../src-main/sync/credentials';
import { createInvite, joinSync } from '../../src-main/sync';
import { diskFolder } from '../../src-main/sync/folder';
import { requireConfig } from '../../src-main/sync/local-state';
import { latestSnapshot } from '../../src-main/sync/snapshot';
import { deviceDir, sealedFile, writeContentNamed } from '../../src-main/sync/wire';
import { tempDir } from './helpers';
import { joinReplica, liveRows, openReplicaDb, ownerReplica, PASSPHRASE } from './sync-helpers';

function school() {
  const root = tempDir();
  const folder = diskFolder(root);
  const owner = ownerReplica(folder);
  const client = owner.call('clients.create', { firstName: 'Zsófia', lastName: 'Kertész', phone: '+36 30 123 4567' });
  owner.clock.advance(1000);
  owner.call('clients.update', { id: client.id, firstName: 'Zsófi' });
  owner.call('programs.create', { name: 'Angol A1' });
  return { root, folder, owner };
}

describe('snapshots', () => {
  it('group entries by write, and a joining device gets every latest value from them', () => {
    const { folder, owner } = school();
    const assistant = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    const expected = owner.db.sqlite
      .prepare(
        `SELECT max(hlc) AS hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM changes WHERE ${NOT_A_PASSWORD_HASH} GROUP BY table_name, row_id, "column"`,
      )
      .all();
    const config = requireConfig(assistant.db);
    const sort = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sort(latestSnapshot(folder, config)?.entries ?? [])).toEqual(sort(expected));
    expect(liveRows(assistant.db)).toEqual(liveRows(owner.db));
    expect(logDrift(assistant.db.sqlite)).toEqual([]);
  });

  it('written before, with one tuple per entry, are still joined from', () => {
    const { root, folder, owner } = school();
    const config = requireConfig(owner.db);
    const dir = `${deviceDir(config, owner.db.deviceId)}/snapshots`;
    const entries = owner.db.sqlite
      .prepare(
        `SELECT max(hlc) AS hlc, tx, device_id, user_id, table_name, row_id, "column", value FROM changes WHERE ${NOT_A_PASSWORD_HASH} GROUP BY table_name, row_id, "column"`,
      )
      .raw()
      .all();
    const covers = { [owner.db.deviceId]: 0 };
    const user = owner.call('users.create', { username: 'anna', displayName: 'anna', role: 'assistant', password: 'long enough password' });
    // Only the earlier shape is in the folder: the invite's own snapshot is replaced by it.
    const { code } = createInvite(owner.db, folder, { id: user.id, username: user.username, role: 'assistant' });
    for (const name of readdirSync(join(root, dir))) rmSync(join(root, dir, name));
    writeContentNamed(folder, dir, 1, sealedFile(config, 'snapshot', 1, { covers, entries, erased: [] }, owner.db.deviceId), 'tcs');

    const db = openReplicaDb(join(tempDir(), 'old-shape.db'));
    joinSync(db, folder, owner.clock, { code, passphrase: PASSPHRASE });
    const ownRows = liveRows(owner.db);
    const joined = liveRows(db);
    expect(joined['clients']).toEqual(ownRows['clients']);
    expect(joined['programs']).toEqual(ownRows['programs']);
    expect(logDrift(db.sqlite)).toEqual([]);
    closeDatabase(db);
  });
});
