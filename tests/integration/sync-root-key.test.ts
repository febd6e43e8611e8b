/**
 * The workspace's root key, on real files and a real folder: it is not any
 * device's signing key, it is kept only in the owner's key store, and every
 * replica checks a certificate's chain to the root public key it pinned when
 * it joined. So a stolen device key — the assistant's, or the owner device's
 * own — signs that device's files and nothing more: a certificate it signs for
 * a new device certifies nothing, on the owner's machine or anyone else's. A
 * backup of the owner's database holds no root key. A workspace set up by an
 * earlier version, whose root key was the owner device's own key, keeps syncing
 * when the owner's computer is upgraded: that key becomes the root only, the
 * device takes a fresh signing key and certifies it, and members who pinned the
 * old root (and join codes issued before) keep working.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../src-shared/api/backups-methods';
import type { CallResult } from '../../src-shared/errors';
import { actorFor, ownerActor } from '../../src-main/api/actors';
import { createAppRouter } from '../../src-main/api/handlers';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { closeDatabase, openKeyed, writeLocal, type Db } from '../../src-main/db/connection';
import { approveDevice, createInvite, joinSync, listDevices, readConfig, setupSync, syncNow, syncSecretName } from '../../src-main/sync';
import { newDeviceKeys, publicKeyOf, type DeviceKeys } from '../../src-main/sync/crypto';
import { diskFolder, type SyncFolder } from '../../src-main/sync/folder';
import { readSecrets, readSettings, type SyncConfig } from '../../src-main/sync/local-state';
import { loadTrust, type Certificate } from '../../src-main/sync/trust';
import { deviceDir, sealedFile } from '../../src-main/sync/wire';
import { keysBeside, storeBeside } from './direct';
import { tempDir } from './helpers';
import { joinReplica, openReplicaDb, ownerReplica, PASSPHRASE, TEST_KDF_COST } from './sync-helpers';

const init = { schoolName: 'Gyökér Iskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' };
const clock = fixedClock('2026-03-10T09:00:00Z');

const workspaces: Workspace[] = [];
const databases: Db[] = [];
afterEach(() => {
  for (const workspace of workspaces.splice(0)) workspace.close();
  for (const db of databases.splice(0)) closeDatabase(db);
});

async function call<T>(workspace: Workspace, method: string, input: unknown = {}, actor?: Actor): Promise<T> {
  const result: CallResult = await workspace.invoke({ actor: actor ?? ownerActor(workspace.db) }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function configOf(db: Db): SyncConfig {
  const config = readConfig(db);
  if (!config) throw new Error('sync is not set up');
  return config;
}

function rootPrivateKeyOf(db: Db): string {
  const root = readSecrets(db, configOf(db).workspaceId)?.rootPrivateKey;
  if (!root) throw new Error('no root key in the store');
  return root;
}

function clientNames(db: Db): string[] {
  return db.sqlite.prepare('SELECT first_name FROM clients WHERE deleted_at IS NULL ORDER BY first_name').pluck().all() as string[];
}

/** What someone holding `signer` (and the workspace key) can drop into the owner's certificate folder. */
function forgeCertificate(folder: SyncFolder, config: SyncConfig, signer: DeviceKeys, cert: Certificate): void {
  const path = `${deviceDir(config, config.ownerDeviceId)}/certs/${cert.deviceId}.tcc`;
  folder.write(path, sealedFile(config, 'cert', 0, cert, config.ownerDeviceId, signer));
}

function newFolder(): SyncFolder & { path: string } {
  const path = join(tempDir(), 'Dropbox');
  mkdirSync(path);
  return Object.assign(diskFolder(path), { path });
}

describe('the workspace root key', () => {
  it('is neither device’s signing key: a stolen device key cannot certify a new device, the root can', () => {
    const folder = newFolder();
    const owner = ownerReplica(folder);
    const anna = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    syncNow(owner.db, folder, owner.clock);
    syncNow(anna.db, folder, anna.clock);
    const ownerConfig = configOf(owner.db);
    const annaConfig = configOf(anna.db);
    // Three different keys: the root's, and each device's own.
    const root = rootPrivateKeyOf(owner.db);
    expect(publicKeyOf(root)).toBe(ownerConfig.rootPublicKey);
    expect(new Set([ownerConfig.rootPublicKey, ownerConfig.keys.publicKey, annaConfig.keys.publicKey]).size).toBe(3);
    expect(annaConfig.rootPublicKey).toBe(ownerConfig.rootPublicKey);
    expect(readSecrets(anna.db, annaConfig.workspaceId)?.rootPrivateKey).toBeUndefined();

    // A device that joined and waits for approval writes a change of its own.
    const mallory = joinReplica(owner, folder, { username: 'mallory', role: 'assistant', approve: false });
    mallory.call('clients.create', { firstName: 'Mallory' });
    syncNow(mallory.db, folder, mallory.clock);

    // Someone who stole the assistant's machine, and someone who stole the owner device's signing key, each certify it.
    const forged = {
      deviceId: mallory.deviceId,
      userId: mallory.actor.userId,
      role: 'owner' as const,
      publicKey: configOf(mallory.db).keys.publicKey,
    };
    for (const stolen of [annaConfig.keys, ownerConfig.keys]) {
      forgeCertificate(folder, annaConfig, stolen, forged);
      for (const replica of [owner, anna]) {
        syncNow(replica.db, folder, replica.clock);
        expect(clientNames(replica.db)).not.toContain('Mallory');
        expect(loadTrust(folder, configOf(replica.db)).certs.has(mallory.deviceId)).toBe(false);
      }
      expect(listDevices(owner.db, folder).find((d) => d.deviceId === mallory.deviceId)?.status).toBe('pending');
    }

    // The owner approves it: the root signs, and every replica takes its change.
    approveDevice(owner.db, folder, mallory.deviceId);
    for (const replica of [owner, anna]) {
      syncNow(replica.db, folder, replica.clock);
      expect(clientNames(replica.db)).toContain('Mallory');
      expect(loadTrust(folder, configOf(replica.db)).certs.get(mallory.deviceId)?.role).toBe('assistant');
    }
  });

  it('is in no backup of the owner’s database, raw or decrypted, only in the owner’s key store', async () => {
    const root = tempDir();
    const folder = newFolder();
    const file = join(root, 'owner', 'school.db');
    mkdirSync(dirname(file));
    const owner = openWorkspace(file, { ...keysBeside(file), clock, initIfEmpty: init });
    workspaces.push(owner);
    setupSync(owner.db, folder, clock, { passphrase: PASSPHRASE, userId: ownerActor(owner.db).userId, testKdfCost: TEST_KDF_COST });
    await call(owner, 'clients.create', { firstName: 'Gyökér', lastName: 'Kulcs' });
    await call<BackupInfo>(owner, 'backups.create');
    const rootKey = rootPrivateKeyOf(owner.db);
    const der = Buffer.from(rootKey, 'base64');
    // The key as text, its DER bytes, and the 32-byte seed inside them.
    const needles = [Buffer.from(rootKey), der, der.subarray(der.length - 32)];
    const backups = readdirSync(join(dirname(file), 'backups')).map((name) => join(dirname(file), 'backups', name));
    expect(backups.length).toBeGreaterThan(0);
    for (const each of [file, ...backups]) {
      expect(needles.filter((needle) => readFileSync(each).includes(needle))).toEqual([]);
      const reader = openKeyed(each, owner.db.key, { readonly: true, fileMustExist: true });
      try {
        const pages = reader.serialize();
        expect(pages.includes(Buffer.from('Gyökér'))).toBe(true);
        expect(needles.filter((needle) => pages.includes(needle))).toEqual([]);
      } finally {
        reader.close();
      }
    }
    // The folder holds none of it either; the key store beside the database is where it is.
    const stored = storeBeside(file).read(syncSecretName(configOf(owner.db).workspaceId, owner.db.deviceId));
    expect(stored?.toString('utf8')).toContain(rootKey);
    expect(readSettings(owner.db)?.rootPublicKey).toBe(publicKeyOf(rootKey));
  });
});

describe('a workspace whose root key was the owner device’s own key (an earlier version)', () => {
  /** What an earlier version kept: the owner device signs with the root key itself, and the folder holds no owner certificate. */
  function makeLegacy(owner: Workspace, folder: SyncFolder & { path: string }): void {
    const config = configOf(owner.db);
    const store = storeBeside(owner.db.file);
    const name = syncSecretName(config.workspaceId, owner.db.deviceId);
    const { rootPrivateKey, ...secrets } = readSecrets(owner.db, config.workspaceId) ?? { rootPrivateKey: undefined };
    if (!rootPrivateKey || !('privateKey' in secrets)) throw new Error('no secrets to rewrite');
    store.write(name, Buffer.from(JSON.stringify({ ...secrets, privateKey: rootPrivateKey })));
    writeLocal(owner.db.sqlite, 'sync.config', JSON.stringify({ ...readSettings(owner.db), publicKey: config.rootPublicKey }));
    // Every file the owner's device signed with its separate key goes; the next round writes them again, root-signed.
    rmSync(join(folder.path, deviceDir(config, owner.db.deviceId)), { recursive: true, force: true });
  }

  it.each([
    ['', false],
    [', after a crash between keeping the keys and the settings', true],
  ])('keeps syncing after the owner’s computer upgrades: old certificates and join codes stay good%s', async (_, crashed) => {
    const root = tempDir();
    const folder = newFolder();
    const file = join(root, 'owner', 'school.db');
    mkdirSync(dirname(file));
    let owner = openWorkspace(file, { ...keysBeside(file), clock, initIfEmpty: init });
    workspaces.push(owner);
    setupSync(owner.db, folder, clock, { passphrase: PASSPHRASE, userId: ownerActor(owner.db).userId, testKdfCost: TEST_KDF_COST });
    makeLegacy(owner, folder);
    const legacyRoot = configOf(owner.db);
    expect(legacyRoot.keys.publicKey).toBe(legacyRoot.rootPublicKey);
    syncNow(owner.db, folder, clock);

    const invite = async (username: string) => {
      const user = await call<{ id: string; username: string }>(owner, 'users.create', {
        username,
        displayName: username,
        role: 'assistant',
        password: 'long enough password',
      });
      return createInvite(owner.db, folder, { id: user.id, username, role: 'assistant' }).code;
    };
    const joinAndApprove = (code: string) => {
      const dir = join(root, `replica-${databases.length}`);
      mkdirSync(dir);
      const db = openReplicaDb(join(dir, 'school.db'));
      databases.push(db);
      const joined = joinSync(db, folder, clock, { code, passphrase: PASSPHRASE });
      approveDevice(owner.db, folder, joined.deviceId);
      return db;
    };
    const anna = joinAndApprove(await invite('anna'));
    const laterCode = await invite('bea');
    await call(owner, 'clients.create', { firstName: 'Régi' });
    syncNow(owner.db, folder, clock);
    syncNow(anna, folder, clock);
    expect(clientNames(anna)).toEqual(['Régi']);
    expect(readdirSync(join(folder.path, deviceDir(legacyRoot, owner.db.deviceId), 'certs'))).toEqual([`${anna.deviceId}.tcc`]);

    // The owner's computer opens the database with this version (after a crash: a first attempt kept both keys, not the settings).
    const halfWay = newDeviceKeys();
    if (crashed) {
      const secrets = readSecrets(owner.db, legacyRoot.workspaceId);
      const name = syncSecretName(legacyRoot.workspaceId, owner.db.deviceId);
      storeBeside(file).write(
        name,
        Buffer.from(JSON.stringify({ ...secrets, rootPrivateKey: secrets?.privateKey, privateKey: halfWay.privateKey })),
      );
    }
    owner.close();
    workspaces.splice(workspaces.indexOf(owner), 1);
    owner = openWorkspace(file, { ...keysBeside(file), clock });
    workspaces.push(owner);
    const upgraded = configOf(owner.db);
    expect(upgraded.rootPublicKey).toBe(legacyRoot.rootPublicKey);
    expect(upgraded.keys.publicKey).not.toBe(legacyRoot.rootPublicKey);
    expect(upgraded.keys.publicKey).toBe(publicKeyOf(upgraded.keys.privateKey));
    if (crashed) expect(upgraded.keys.publicKey).toBe(halfWay.publicKey);
    expect(rootPrivateKeyOf(owner.db)).toBe(legacyRoot.keys.privateKey);

    await call(owner, 'clients.create', { firstName: 'Új' });
    syncNow(owner.db, folder, clock);
    syncNow(anna, folder, clock);
    expect(clientNames(anna)).toEqual(['Régi', 'Új']);
    // The owner device's key is now certified by the root like every other.
    expect(loadTrust(folder, configOf(anna)).certs.get(owner.db.deviceId)?.publicKey).toBe(upgraded.keys.publicKey);
    // And the owner takes the assistant's changes as before.
    const written = createAppRouter().call({ db: anna, clock, actor: actorFor(anna, 'anna') }, 'clients.create', { firstName: 'Annától' });
    expect(written.ok).toBe(true);
    syncNow(anna, folder, clock);
    syncNow(owner.db, folder, clock);
    expect(clientNames(owner.db)).toEqual(['Annától', 'Régi', 'Új']);

    // A code issued before the upgrade still joins, and the root (the old key) certifies the new device.
    const bea = joinAndApprove(laterCode);
    syncNow(owner.db, folder, clock);
    syncNow(bea, folder, clock);
    syncNow(anna, folder, clock);
    expect(clientNames(bea)).toEqual(['Annától', 'Régi', 'Új']);
    expect(clientNames(anna)).toEqual(['Annától', 'Régi', 'Új']);
  });
});
