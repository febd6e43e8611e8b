/**
 * Sync secrets at rest, on real files and a real folder: the workspace key, the
 * device's signing key and the passphrase-derived key live in the key store
 * beside the database key, never in the database. Someone holding the school's
 * file or a backup — even with its recovery key, which decrypts it — finds
 * none of them: not in the raw bytes, not in the decrypted pages, not in local
 * state. A database from an earlier version, which kept them in local state, is
 * carried over when it opens and syncs on; a backup restored on the same
 * computer syncs on because the store still holds them; carried to another
 * computer, it refuses to sync and says the computer must join again.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../src-shared/api/backups-methods';
import type { SyncStatusView } from '../../src-shared/api/sync-methods';
import type { CallResult } from '../../src-shared/errors';
import { actorFor, ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { closeDatabase, keyForFile, openDatabase, openKeyed, readLocal, writeLocal, type Db } from '../../src-main/db/connection';
import { adoptKeyFile, fileKeyStore } from '../../src-main/db/keys';
import { KEY_FILE_NAME } from '../../src-main/paths';
import { approveDevice, createInvite, joinSync, readConfig, setupSync, syncNow, syncSecretName } from '../../src-main/sync';
import { diskFolder, type SyncFolder } from '../../src-main/sync/folder';
import { readInvites, readSecrets, type SyncSecrets } from '../../src-main/sync/local-state';
import { keysBeside, storeBeside } from './direct';
import { tempDir } from './helpers';
import { openReplicaDb, PASSPHRASE, TEST_KDF_COST } from './sync-helpers';

const init = { schoolName: 'Kulcs Iskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' };
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

interface School {
  folder: SyncFolder;
  owner: Workspace;
  assistant: Db;
}

/** The owner's computer (a workspace, as the app opens it) and an assistant's, each with its own key file, syncing through one folder. */
async function school(): Promise<School> {
  const root = tempDir();
  const folderPath = join(root, 'Dropbox');
  for (const each of [folderPath, join(root, 'owner'), join(root, 'assistant')]) mkdirSync(each);
  const folder = diskFolder(folderPath);
  const file = join(root, 'owner', 'school.db');
  const owner = openWorkspace(file, { ...keysBeside(file), clock, initIfEmpty: init });
  workspaces.push(owner);
  setupSync(owner.db, folder, clock, { passphrase: PASSPHRASE, userId: ownerActor(owner.db).userId, testKdfCost: TEST_KDF_COST });
  const role = 'assistant' as const;
  const user = await call<{ id: string; username: string }>(owner, 'users.create', {
    username: 'anna',
    displayName: 'Anna',
    role,
    password: 'long enough password',
  });
  const { code } = createInvite(owner.db, folder, { id: user.id, username: user.username, role });
  const assistant = openReplicaDb(join(root, 'assistant', 'school.db'));
  databases.push(assistant);
  const joined = joinSync(assistant, folder, clock, { code, passphrase: PASSPHRASE });
  approveDevice(owner.db, folder, joined.deviceId);
  syncNow(owner.db, folder, clock);
  syncNow(assistant, folder, clock);
  return { folder, owner, assistant };
}

function secretsOf(db: Db): SyncSecrets {
  const config = readConfig(db);
  const secrets = config ? readSecrets(db, config.workspaceId) : null;
  if (!secrets) throw new Error('no sync secrets in the store');
  return secrets;
}

/**
 * Each secret as the database could hold it: base64 text as stored before, and
 * its raw bytes. The owner's include the root key and every invitation's secret
 * (base64url text, which is also the join code's and the joined device's credential secret).
 */
function needlesOf(secrets: SyncSecrets): Buffer[] {
  const texts = [
    secrets.workspaceKey,
    secrets.privateKey,
    ...Object.values(secrets.pastKeys),
    ...(secrets.kek ? [secrets.kek.key] : []),
    ...(secrets.rootPrivateKey ? [secrets.rootPrivateKey] : []),
  ];
  const inviteSecrets = [...Object.values(secrets.invites ?? {}), ...(secrets.credentialSecret ? [secrets.credentialSecret] : [])];
  return [
    ...texts.flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'base64')]),
    ...inviteSecrets.flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'base64url')]),
  ];
}

/** The pages of `file` as its key holder reads them (write-ahead log included), through a connection of their own. */
function decryptedPages(db: Db, file = db.file): Buffer {
  const reader = openKeyed(file, db.key, { readonly: true, fileMustExist: true });
  try {
    return reader.serialize();
  } finally {
    reader.close();
  }
}

function found(bytes: Buffer, needles: Buffer[]): number {
  return needles.filter((needle) => bytes.includes(needle)).length;
}

function localState(db: Db, file: string): Record<string, string> {
  const reader = openKeyed(file, db.key, { readonly: true, fileMustExist: true });
  try {
    const rows = reader.prepare('SELECT key, value FROM local_state').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  } finally {
    reader.close();
  }
}

function backupPath(workspace: Workspace, backup: BackupInfo): string {
  return join(dirname(workspace.db.file), 'backups', backup.id);
}

function clientNames(db: Db): string[] {
  return db.sqlite.prepare('SELECT first_name FROM clients WHERE deleted_at IS NULL ORDER BY first_name').pluck().all() as string[];
}

describe('sync secrets at rest', () => {
  it('are in no database, write-ahead log or backup, raw or decrypted, and not in local state', async () => {
    const { folder, owner, assistant } = await school();
    await call(owner, 'clients.create', { firstName: 'Bizalmas', lastName: 'Kulcsár' });
    const backup = await call<BackupInfo>(owner, 'backups.create');
    // A write after the backup, so the owner's log holds recent pages too.
    await call(owner, 'clients.create', { firstName: 'Utána', lastName: 'Kulcsár' });
    syncNow(owner.db, folder, clock);
    syncNow(assistant, folder, clock);
    expect(clientNames(assistant)).toEqual(['Bizalmas', 'Utána']);

    for (const db of [owner.db, assistant]) {
      const needles = needlesOf(secretsOf(db));
      // Owner: workspace key, signing key, root key, passphrase key, one invitation; assistant: its invitation's secret instead of the root's and the invite.
      expect(needles.length).toBeGreaterThanOrEqual(db === owner.db ? 10 : 8);
      const backups =
        db === owner.db ? readdirSync(join(dirname(db.file), 'backups')).map((name) => join(dirname(db.file), 'backups', name)) : [];
      for (const file of [db.file, `${db.file}-wal`, ...backups])
        expect({ file, found: found(readFileSync(file), needles) }).toEqual({ file, found: 0 });
      // Decrypted, the pages read like SQLite and hold the school's data, yet no secret.
      for (const file of [db.file, ...backups]) {
        const pages = decryptedPages(db, file);
        expect(pages.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
        if (db === owner.db) expect(pages.includes(Buffer.from('Kulcsár'))).toBe(true);
        expect({ file, found: found(pages, needles) }).toEqual({ file, found: 0 });
        const state = localState(db, file);
        expect(state['sync.config']).toBeDefined();
        expect(state['sync.kek']).toBeUndefined();
        // The owner still knows whom it invited, and which device used each code, but not the codes' secrets.
        const invites = JSON.parse(state['sync.invites'] ?? '[]') as Record<string, unknown>[];
        expect(invites.length).toBe(db === owner.db ? 1 : 0);
        for (const invite of invites) expect(Object.keys(invite).sort()).toEqual(['inviteId', 'role', 'usedBy', 'userId', 'username']);
        expect(Object.keys(JSON.parse(state['sync.config'] ?? '{}') as object).sort()).toEqual(
          db === owner.db
            ? ['ownerDeviceId', 'publicKey', 'role', 'rootPublicKey', 'userId', 'workspaceId']
            : ['inviteId', 'ownerDeviceId', 'publicKey', 'role', 'rootPublicKey', 'userId', 'workspaceId'],
        );
      }
    }
    expect(readdirSync(join(dirname(owner.db.file), 'backups'))).toContain(backup.id);
  });

  it.each([
    ['with nothing in the key store yet', false],
    ['after a crash that left them in both places', true],
  ])('move out of local state when a database from an earlier version opens (%s), and sync goes on', async (_, alreadyStored) => {
    const { folder, owner, assistant } = await school();
    const file = assistant.file;
    const config = readConfig(assistant);
    const secrets = secretsOf(assistant);
    if (!config) throw new Error('the assistant has no sync config');
    const name = syncSecretName(config.workspaceId, assistant.deviceId);
    // What an earlier version kept: every secret in local state.
    writeLocal(assistant.sqlite, 'sync.config', JSON.stringify(config));
    writeLocal(assistant.sqlite, 'sync.kek', JSON.stringify(secrets.kek));
    closeDatabase(assistant);
    if (!alreadyStored) {
      const keyFile = join(dirname(file), KEY_FILE_NAME);
      const content = JSON.parse(readFileSync(keyFile, 'utf8')) as { secrets: Record<string, string> };
      delete content.secrets[name];
      writeFileSync(keyFile, JSON.stringify(content));
    }
    expect(storeBeside(file).read(name) === null).toBe(!alreadyStored);

    const reopened = openWorkspace(file, { ...keysBeside(file), clock });
    workspaces.push(reopened);
    const { db } = reopened;
    expect(JSON.parse(storeBeside(file).read(name)?.toString('utf8') ?? 'null')).toEqual(secrets);
    expect(readLocal(db.sqlite, 'sync.kek')).toBeUndefined();
    expect(JSON.parse(readLocal(db.sqlite, 'sync.config') ?? '{}')).not.toHaveProperty('workspaceKey');
    // Nor do the old values linger in freed pages, or in the log's superseded frames (the log is emptied).
    expect(found(decryptedPages(db), needlesOf(secrets))).toBe(0);
    expect(statSync(`${file}-wal`).size).toBe(0);

    await call(owner, 'clients.create', { firstName: 'Gazdától' });
    syncNow(owner.db, folder, clock);
    syncNow(db, folder, clock);
    await call(reopened, 'clients.create', { firstName: 'Asszisztenstől' }, actorFor(db, 'anna'));
    syncNow(db, folder, clock);
    syncNow(owner.db, folder, clock);
    expect(clientNames(db)).toEqual(['Asszisztenstől', 'Gazdától']);
    expect(clientNames(owner.db)).toEqual(['Asszisztenstől', 'Gazdától']);
  });

  it.each([
    ['with nothing in the key store yet', false],
    ['after a crash that left them in both places', true],
  ])('invitation secrets move out of local state when an earlier version’s database opens (%s)', async (_, alreadyStored) => {
    const { folder, owner } = await school();
    const file = owner.db.file;
    const bea = await call<{ id: string; username: string }>(owner, 'users.create', {
      username: 'bea',
      displayName: 'Bea',
      role: 'assistant',
      password: 'long enough password',
    });
    const { code } = createInvite(owner.db, folder, { id: bea.id, username: bea.username, role: 'assistant' });
    const config = readConfig(owner.db);
    if (!config) throw new Error('the owner has no sync config');
    const name = syncSecretName(config.workspaceId, owner.db.deviceId);
    const secrets = secretsOf(owner.db);
    const invites = readInvites(owner.db);
    expect(invites.map((invite) => invite.secret).sort()).toEqual(Object.values(secrets.invites ?? {}).sort());
    // What an earlier version kept: each invitation with its secret, in local state.
    writeLocal(owner.db.sqlite, 'sync.invites', JSON.stringify(invites));
    if (!alreadyStored) {
      const { invites: _gone, ...rest } = secrets;
      storeBeside(file).write(name, Buffer.from(JSON.stringify(rest)));
    }
    owner.close();
    workspaces.splice(workspaces.indexOf(owner), 1);

    const reopened = openWorkspace(file, { ...keysBeside(file), clock });
    workspaces.push(reopened);
    const { db } = reopened;
    expect(secretsOf(db).invites).toEqual(secrets.invites);
    expect(readInvites(db)).toEqual(invites);
    const state = JSON.parse(readLocal(db.sqlite, 'sync.invites') ?? '[]') as Record<string, unknown>[];
    expect(state.map((invite) => invite['secret'])).toEqual([undefined, undefined]);
    const needles = Object.values(secrets.invites ?? {}).map((secret) => Buffer.from(secret));
    expect(needles.length).toBe(2);
    expect(found(decryptedPages(db), needles)).toBe(0);
    expect(found(readFileSync(file), needles)).toBe(0);
    expect(statSync(`${file}-wal`).size).toBe(0);

    // The code issued before the move still joins: the owner checks the request against the moved secret.
    const beaDb = openReplicaDb(join(dirname(dirname(file)), 'assistant', 'bea.db'));
    databases.push(beaDb);
    const joined = joinSync(beaDb, folder, clock, { code, passphrase: PASSPHRASE });
    approveDevice(db, folder, joined.deviceId);
    await call(reopened, 'clients.create', { firstName: 'Meghívott' });
    syncNow(db, folder, clock);
    syncNow(beaDb, folder, clock);
    expect(clientNames(beaDb)).toEqual(['Meghívott']);
  });

  it('are found again after a backup is restored on the same computer', async () => {
    const { folder, owner, assistant } = await school();
    const backup = await call<BackupInfo>(owner, 'backups.create');
    await call(owner, 'clients.create', { firstName: 'Elveszett' });
    await call(owner, 'backups.restore', { id: backup.id });
    await call(owner, 'clients.create', { firstName: 'Visszaállítva' });
    syncNow(owner.db, folder, clock);
    syncNow(assistant, folder, clock);
    expect(clientNames(assistant)).toEqual(['Visszaállítva']);
  });

  it('are not on another computer: a backup carried there refuses to sync and says to join again', async () => {
    const { folder, owner } = await school();
    const backup = await call<BackupInfo>(owner, 'backups.create');
    const elsewhere = join(tempDir(), 'school.db');
    copyFileSync(backupPath(owner, backup), elsewhere);
    // Opened with its recovery key on a computer whose key file holds nothing of this school.
    const carried = openWorkspace(elsewhere, { key: owner.db.key, secrets: fileKeyStore(join(dirname(elsewhere), KEY_FILE_NAME)), clock });
    workspaces.push(carried);
    expect(() => syncNow(carried.db, folder, clock)).toThrow(/join this computer to sync again/);
    expect(await call<SyncStatusView>(carried, 'sync.status')).toMatchObject({ enabled: true, role: 'owner' });
  });

  it('move with the database key when the app adopts a key file into its keychain', async () => {
    const { folder, owner, assistant } = await school();
    const file = assistant.file;
    const needles = needlesOf(secretsOf(assistant));
    closeDatabase(assistant);
    // What electron/keychain.ts does with safeStorage, with a stand-in seal (Electron cannot run here).
    const flip = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
    const keychainFile = join(dirname(file), 'tanoda.keychain');
    const keychain = fileKeyStore(keychainFile, { seal: { seal: flip, open: flip }, where: 'the test keychain' });
    expect(adoptKeyFile(keychain, join(dirname(file), KEY_FILE_NAME))).toBe(true);
    expect(found(readFileSync(keychainFile), needles)).toBe(0);
    const db = openDatabase(file, { key: keyForFile(keychain, file).key, secrets: keychain });
    databases.push(db);
    await call(owner, 'clients.create', { firstName: 'Kulcstartó' });
    syncNow(owner.db, folder, clock);
    syncNow(db, folder, clock);
    expect(clientNames(db)).toEqual(['Kulcstartó']);
  });
});
