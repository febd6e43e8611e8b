/**
 * Changing the sync passphrase and rotating the workspace key on revocation,
 * between real replicas through a real folder: a revoked device cannot open what
 * is written afterwards, the remaining devices stop, say the passphrase changed,
 * and converge once it is entered, still reading the files sealed before.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLocal } from '../../src-main/db/connection';
import { EnvelopeError, open, peekHeader } from '../../src-main/sync/crypto';
import { readConfig, syncNow, syncStatus } from '../../src-main/sync';
import { diskFolder } from '../../src-main/sync/folder';
import { tempDir } from './helpers';
import { joinReplica, liveRows, ownerReplica, PASSPHRASE, type Replica } from './sync-helpers';

const NEW_PASSPHRASE = 'a brand new passphrase for the school';

function setup() {
  const root = tempDir();
  const folder = diskFolder(root);
  const owner = ownerReplica(folder);
  owner.call('clients.create', { firstName: 'Before', lastName: 'Setup' });
  const anna = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
  const bea = joinReplica(owner, folder, { username: 'bea', role: 'assistant' });
  // The router's sync methods find the folder through local state, as `tanoda sync setup/join` leave it.
  for (const replica of [owner, anna, bea]) writeLocal(replica.db.sqlite, 'sync.folder', root);
  const sync = (...replicas: Replica[]) => replicas.map((r) => syncNow(r.db, folder, r.clock));
  sync(owner, anna, bea, owner);
  const workspaceDir = join(root, 'tanoda', syncStatus(owner.db).workspaceId as string);
  return { root, folder, owner, anna, bea, sync, workspaceDir };
}

const names = (r: Replica, query: string) => r.call('clients.list', { query }).rows.map((c) => c.displayName);

function newestChangeFile(workspaceDir: string, deviceId: string): Buffer {
  const dir = join(workspaceDir, 'devices', deviceId);
  const newest = readdirSync(dir)
    .filter((n) => n.endsWith('.tcf'))
    .sort()
    .at(-1) as string;
  return readFileSync(join(dir, newest));
}

function openError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof EnvelopeError ? error.reason : String(error);
  }
  return 'opened';
}

describe('sync key rotation on revoke', () => {
  it('cuts the revoked device off from new files; the others converge after the new passphrase', () => {
    const { folder, owner, anna, bea, sync, workspaceDir } = setup();
    // Written before the rotation, not yet read by bea: it must stay readable for her afterwards.
    owner.call('clients.create', { firstName: 'Old', lastName: 'Epoch' });
    sync(owner);

    owner.call('sync.revoke', { deviceId: anna.deviceId, newPassphrase: NEW_PASSPHRASE });
    expect(JSON.parse(readFileSync(join(workspaceDir, 'workspace.json'), 'utf8')).keyEpoch).toBe(1);
    owner.call('clients.create', { firstName: 'New', lastName: 'Epoch' });
    sync(owner);

    const fresh = newestChangeFile(workspaceDir, owner.db.deviceId);
    expect(peekHeader(fresh).epoch).toBe(1);
    const annaConfig = readConfig(anna.db);
    if (!annaConfig) throw new Error('anna has no sync config');
    const expect0 = { kind: 'changes' as const, workspace: annaConfig.workspaceId, device: owner.db.deviceId };
    // With the only key the revoked device holds, the new file does not decrypt.
    // (The signature is the owner device's own key, certified by the root: a file signed by it checks out, then fails to decrypt.)
    const ownerKey = readConfig(owner.db)?.keys.publicKey ?? '';
    expect(openError(() => open(fresh, expect0, Buffer.from(annaConfig.workspaceKey, 'base64'), ownerKey))).toBe('decrypt');
    sync(anna);
    expect(names(anna, 'Epoch')).toEqual([]);
    expect(syncStatus(anna.db).lastError).toBe('passphrase_changed');
    expect(anna.fail('sync.unlock', { passphrase: PASSPHRASE }).fields?.[0]?.path).toEqual(['passphrase']);

    // bea is stopped too: a change she makes now is held back, not sealed under the old key.
    bea.call('clients.create', { firstName: 'Held', lastName: 'Back' });
    expect(sync(bea)[0]).toMatchObject({ sent: 0, applied: 0 });
    expect(syncStatus(bea.db).lastError).toBe('passphrase_changed');
    expect(names(bea, 'Epoch')).toEqual([]);
    const wrong = bea.fail('sync.unlock', { passphrase: 'not the passphrase at all' });
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.fields?.[0]?.path).toEqual(['passphrase']);
    expect(bea.call('sync.unlock', { passphrase: NEW_PASSPHRASE })).toEqual({ keyEpoch: 1 });

    sync(bea, owner, bea);
    expect(names(bea, 'Epoch').sort()).toEqual(['Epoch New', 'Epoch Old']);
    expect(names(owner, 'Back')).toEqual(['Back Held']);
    expect(liveRows(bea.db)).toEqual(liveRows(owner.db));
    expect(syncStatus(bea.db).lastError).toBeNull();
    expect(peekHeader(newestChangeFile(workspaceDir, bea.deviceId)).epoch).toBe(1);
    // What bea wrote after the rotation is as closed to the revoked device as the owner's.
    const beaFile = newestChangeFile(workspaceDir, bea.deviceId);
    expect(
      openError(() =>
        open(
          beaFile,
          { ...expect0, device: bea.deviceId },
          Buffer.from(annaConfig.workspaceKey, 'base64'),
          readConfig(bea.db)?.keys.publicKey ?? '',
        ),
      ),
    ).toBe('decrypt');

    // Applying twice equals once: another round and a second unlock change nothing.
    const before = liveRows(owner.db);
    const again = sync(owner, bea, owner);
    expect(again.map((r) => r.applied)).toEqual([0, 0, 0]);
    expect(bea.call('sync.unlock', { passphrase: NEW_PASSPHRASE })).toEqual({ keyEpoch: 1 });
    sync(bea);
    expect(liveRows(owner.db)).toEqual(before);
    expect(liveRows(bea.db)).toEqual(before);
    expect(readConfig(bea.db)?.keyEpoch).toBe(1);
    expect(Object.keys(readConfig(bea.db)?.pastKeys ?? {})).toEqual(['0']);

    // Still cut off: the revoked device's later files are refused.
    anna.call('clients.create', { firstName: 'After', lastName: 'Revocation' });
    syncNow(anna.db, folder, anna.clock);
    sync(owner);
    expect(names(owner, 'Revocation')).toEqual([]);
  });
});

describe('changing the sync passphrase', () => {
  it('refuses a wrong current passphrase, then asks the other devices for the new one', () => {
    const { owner, anna, sync, workspaceDir } = setup();
    const file = () => readFileSync(join(workspaceDir, 'workspace.json'), 'utf8');
    const original = file();
    const refused = owner.fail('sync.changePassphrase', { current: 'this is the wrong one', next: NEW_PASSPHRASE });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.fields?.[0]?.path).toEqual(['current']);
    expect(owner.fail('sync.changePassphrase', { current: PASSPHRASE, next: 'short' }).fields?.[0]?.path).toEqual(['next']);
    expect(file()).toBe(original);

    expect(owner.call('sync.changePassphrase', { current: PASSPHRASE, next: NEW_PASSPHRASE })).toEqual({ keyEpoch: 0 });
    expect(file()).not.toBe(original);
    owner.call('clients.create', { firstName: 'After', lastName: 'Change' });
    sync(owner, anna);
    // Same key epoch: anna keeps syncing, and says the passphrase changed.
    expect(names(anna, 'Change')).toEqual(['Change After']);
    expect(syncStatus(anna.db).lastError).toBe('passphrase_changed');
    expect(syncStatus(owner.db).lastError).toBeNull();
    expect(anna.fail('sync.unlock', { passphrase: PASSPHRASE }).fields?.[0]?.path).toEqual(['passphrase']);
    anna.call('sync.unlock', { passphrase: NEW_PASSPHRASE });
    sync(anna);
    expect(syncStatus(anna.db).lastError).toBeNull();
    expect(liveRows(anna.db)).toEqual(liveRows(owner.db));
  });
});
