/**
 * The sync passphrase's key derivation as the folder records it (issue 15): a
 * folder made with the older scrypt parameters stays readable with what it
 * records and a passphrase change upgrades it to Argon2id at the production
 * cost; parameters outside sane limits (a tampered workspace.json) are refused
 * with a clear error before any work is done with them; a weak passphrase is
 * refused by the API.
 */
import { describe, expect, it } from 'vitest';
import { KDF_COST, passphraseKey, wrapWorkspaceKeyWith, type KdfParams } from '../../src-main/sync/crypto';
import { diskFolder, type SyncFolder } from '../../src-main/sync/folder';
import { changePassphrase } from '../../src-main/sync/keys';
import { readConfig } from '../../src-main/sync';
import { base } from '../../src-main/sync/wire';
import { writeLocal, type Db } from '../../src-main/db/connection';
import { FOLDER_KEY } from '../../src-main/sync/local-state';
import { tempDir } from './helpers';
import { joinReplica, ownerReplica, PASSPHRASE } from './sync-helpers';

/** An owner whose router knows the folder (as `sync.setup` leaves it), for calls through the API. */
function routed() {
  const root = tempDir();
  const folder = Object.assign(diskFolder(root), { root });
  const owner = ownerReplica(folder);
  writeLocal(owner.db.sqlite, FOLDER_KEY, root);
  return { folder, owner };
}

function workspaceFile(folder: SyncFolder, db: Db): { path: string; file: Record<string, unknown> } {
  const config = readConfig(db);
  if (!config) throw new Error('sync is off');
  const path = `${base(config)}/workspace.json`;
  return { path, file: JSON.parse((folder.read(path) as Buffer).toString('utf8')) as Record<string, unknown> };
}

describe('the sync passphrase key derivation', () => {
  it('reads a folder wrapped with the older scrypt parameters, and a passphrase change upgrades it', () => {
    const folder = diskFolder(tempDir());
    const owner = ownerReplica(folder);
    const { path, file } = workspaceFile(folder, owner.db);
    // As an older version wrote it: the same workspace key under scrypt N=2^15.
    const legacy: KdfParams = { salt: Buffer.alloc(16, 3).toString('base64'), N: 1 << 15, r: 8, p: 1 };
    const config = readConfig(owner.db);
    if (!config) throw new Error('sync is off');
    const wrappedKey = wrapWorkspaceKeyWith(
      Buffer.from(config.workspaceKey, 'base64'),
      passphraseKey(PASSPHRASE, legacy),
      config.workspaceId,
    );
    folder.write(path, Buffer.from(JSON.stringify({ ...file, kdf: legacy, wrappedKey })));

    const anna = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    expect(readConfig(anna.db)?.workspaceKey).toBe(config.workspaceKey);
    expect(workspaceFile(folder, owner.db).file['kdf']).toEqual(legacy);

    changePassphrase(owner.db, folder, { current: PASSPHRASE, next: 'a new passphrase for the school' });
    expect(workspaceFile(folder, owner.db).file['kdf']).toMatchObject({
      algorithm: 'argon2id',
      memoryKiB: KDF_COST.memoryKiB,
      passes: KDF_COST.passes,
    });
  });

  it('refuses parameters outside sane limits with a clear error, before deriving', () => {
    const { folder, owner } = routed();
    const anna = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    writeLocal(anna.db.sqlite, FOLDER_KEY, folder.root);
    const { path, file } = workspaceFile(folder, owner.db);
    const kdf = file['kdf'] as Record<string, unknown>;
    const tampered: Record<string, unknown>[] = [
      { ...kdf, memoryKiB: 64 * 1024 * 1024 },
      { ...kdf, passes: 0 },
      { ...kdf, algorithm: 'pbkdf1' },
    ];
    for (const [index, bad] of tampered.entries()) {
      folder.write(path, Buffer.from(JSON.stringify({ ...file, kdf: bad })));
      const refused = anna.fail('sync.unlock', { passphrase: PASSPHRASE });
      expect(refused.fields?.[0]?.code).toBe('kdf_limits');
      expect(refused.message).toMatch(/outside safe limits/);
      expect(() => joinReplica(owner, folder, { username: `late${index}`, role: 'assistant' })).toThrow(/outside safe limits/);
    }
  });

  it('refuses a passphrase shorter than 12 characters or four words, and one character repeated', () => {
    const { owner } = routed();
    expect(owner.fail('sync.changePassphrase', { current: PASSPHRASE, next: 'eleven char' }).fields?.[0]).toMatchObject({
      path: ['next'],
      code: 'too_short',
    });
    expect(owner.fail('sync.changePassphrase', { current: PASSPHRASE, next: 'zzzzzzzzzzzzzzzz' }).fields?.[0]).toMatchObject({
      path: ['next'],
      code: 'repetitive',
    });
  });
});
