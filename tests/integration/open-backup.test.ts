/**
 * A `.tanoda` backup opened from the desktop, on a real workspace file: the
 * path found on the command lines the operating systems hand over, then the
 * whole offer — wait for the owner, check the file, ask, restore through
 * `backups.restore` on the window's own session (or, for a backup from another
 * computer, hand it to the window's recovery-key dialog) — with the native
 * dialogs replaced by recorders (the one boundary mocked). Each case reads the
 * school back through the API, not only what the dialogs were told.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupsOverview, RestoreResult } from '../../src-shared/api/backups-methods';
import { recoveryKeyOf } from '../../src-main/db/keys';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import {
  BACKUP_EXTENSION,
  backupFileInArgv,
  createOpenedBackups,
  type RecoveryKeyRequest,
  type RestoreDialogs,
  type RestoreNotice,
  type RestoreQuestion,
} from '../../src-main/electron/open-backup';
import { backupsFolder } from '../../src-main/upkeep/backups';
import { backupDatabase } from '../../src-main/upkeep/maintenance';
import { keyBeside } from './direct';

const SESSION = 'ipc:1';
const ownerPassword = 'tulajdonos-jelszo-2026';

let dir: string;
let workspace: Workspace;

async function call<T>(caller: Parameters<Workspace['invoke']>[0], method: string, input: unknown = {}): Promise<T> {
  const result = await workspace.invoke(caller, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const asOwner = () => ({ actor: ownerActor(workspace.db) });
const schoolName = async () => (await call<{ schoolName: string }>(asOwner(), 'settings.get')).schoolName;

/** What File › Back up… writes: an encrypted copy of the open database (backupDatabase), as a `.tanoda` file. */
async function backUpAs(name: string): Promise<string> {
  const file = join(dir, `${name}${BACKUP_EXTENSION}`);
  await backupDatabase(workspace.db, file);
  return file;
}

function recordingDialogs(answer: boolean) {
  const questions: RestoreQuestion[] = [];
  const notices: RestoreNotice[] = [];
  const keyRequests: RecoveryKeyRequest[] = [];
  const dialogs: RestoreDialogs = {
    confirm: async (question) => (questions.push(question), answer),
    tell: async (notice) => void notices.push(notice),
    askRecoveryKey: async (request) => void keyRequests.push(request),
  };
  return { dialogs, questions, notices, keyRequests };
}

function attach(opened: ReturnType<typeof createOpenedBackups>, dialogs: RestoreDialogs, reloads: string[] = []) {
  return opened.attach({ host: workspace, session: () => SESSION, dialogs, afterRestore: () => reloads.push('reload') });
}

const fastPolling = { pollMs: 5, maxWaitMs: 5_000 };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-open-backup-'));
  workspace = openWorkspace(join(dir, 'tanoda.db'), {
    key: keyBeside(join(dir, 'tanoda.db')),
    initIfEmpty: { schoolName: 'Napsugár Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the backup file named on a command line', () => {
  it('finds it among switches, as a path, a relative path or a file URL, and only with the .tanoda extension', () => {
    expect(backupFileInArgv(['/opt/Tanoda/tanoda', '--no-sandbox', '/home/anna/Mentés.tanoda'], '/')).toBe('/home/anna/Mentés.tanoda');
    expect(backupFileInArgv(['tanoda', 'backups/May.TANODA'], '/home/anna')).toBe('/home/anna/backups/May.TANODA');
    expect(backupFileInArgv(['tanoda', pathToFileURL('/home/anna/a b.tanoda').href], '/')).toBe('/home/anna/a b.tanoda');
    expect(backupFileInArgv(['tanoda', '/tmp/first.tanoda', '/tmp/second.tanoda'], '/')).toBe('/tmp/second.tanoda');
    expect(backupFileInArgv(['electron', '.', '--inspect=0'], '/work')).toBeNull();
    expect(backupFileInArgv(['tanoda', '/home/anna/school.db', '--file=/x.tanoda'], '/')).toBeNull();
  });
});

describe('opening a backup offers to restore it', () => {
  it('restores the school the backup holds on the window’s session, keeps what it replaced and reloads the window', async () => {
    const file = await backUpAs('tanoda-backup-2026-05-04');
    await call(asOwner(), 'settings.update', { schoolName: 'Rossz Név' });
    const { dialogs, questions, notices } = recordingDialogs(true);
    const reloads: string[] = [];
    const opened = createOpenedBackups(fastPolling);
    expect(opened.add(file)).toBeNull(); // no window yet: it waits
    const outcome = await attach(opened, dialogs, reloads);

    expect(outcome).toMatchObject({ kind: 'restored' });
    expect(questions).toEqual([expect.objectContaining({ file, schoolName: 'Napsugár Nyelviskola' })]);
    expect(await schoolName()).toBe('Napsugár Nyelviskola');
    expect(reloads).toEqual(['reload']);
    expect(notices).toEqual([expect.objectContaining({ kind: 'info', title: 'The backup is restored' })]);
    const { safety, restored } = (outcome as { result: RestoreResult }).result;
    const overview = await call<{ backups: { id: string; reason: string }[] }>({ session: SESSION }, 'backups.list');
    expect(overview.backups.map((b) => b.id)).toEqual(expect.arrayContaining([safety.id, restored.id]));
    expect(notices[0]?.detail).toContain(safety.id);
    // The state it replaced is itself a backup: restoring it undoes the restore.
    await call({ session: SESSION }, 'backups.restore', { id: safety.id });
    expect(await schoolName()).toBe('Rossz Név');
  });

  it('changes nothing and leaves no copy behind when the owner declines', async () => {
    const file = await backUpAs('old');
    await call(asOwner(), 'settings.update', { schoolName: 'Megtartott Név' });
    const backupsNow = () => (existsSync(backupsFolder(workspace.db).folder) ? readdirSync(backupsFolder(workspace.db).folder) : []);
    const before = backupsNow();
    const { dialogs, questions, notices } = recordingDialogs(false);
    const opened = createOpenedBackups(fastPolling);
    attach(opened, dialogs);
    expect(await opened.add(file)).toEqual({ kind: 'declined' });
    expect(questions).toHaveLength(1);
    expect(notices).toEqual([]);
    expect(await schoolName()).toBe('Megtartott Név');
    expect(backupsNow()).toEqual(before);
  });

  it('refuses a file that is not a sound Tanoda database without asking', async () => {
    const file = join(dir, `holiday-photos${BACKUP_EXTENSION}`);
    writeFileSync(file, Buffer.alloc(4000, 7));
    const { dialogs, questions, notices, keyRequests } = recordingDialogs(true);
    const opened = createOpenedBackups(fastPolling);
    attach(opened, dialogs);
    expect(await opened.add(file)).toMatchObject({ kind: 'refused' });
    expect(questions).toEqual([]);
    expect(keyRequests).toEqual([]);
    expect(notices).toEqual([expect.objectContaining({ kind: 'error', detail: expect.stringContaining('not a sound Tanoda backup') })]);
    expect(await schoolName()).toBe('Napsugár Nyelviskola');
  });

  it('hands a backup from another computer to the window’s recovery-key dialog, which restores it with that key', async () => {
    // Another school on another computer, with its own key, and a backup of it carried over.
    const otherFile = join(dir, 'other', 'tanoda.db');
    mkdirSync(dirname(otherFile));
    const other = openWorkspace(otherFile, {
      key: keyBeside(otherFile),
      initIfEmpty: { schoolName: 'Másik Iskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
    });
    const carried = join(dir, `carried${BACKUP_EXTENSION}`);
    await backupDatabase(other.db, carried);
    const recoveryKey = recoveryKeyOf(other.db.key);
    other.close();

    const { dialogs, questions, notices, keyRequests } = recordingDialogs(true);
    const reloads: string[] = [];
    const opened = createOpenedBackups(fastPolling);
    attach(opened, dialogs, reloads);
    const outcome = await opened.add(carried);
    expect(outcome).toMatchObject({ kind: 'needs-recovery-key' });
    const { id } = outcome as { id: string };
    expect(keyRequests).toEqual([{ file: carried, id }]);
    expect(questions).toEqual([]);
    expect(notices).toEqual([]);
    expect(reloads).toEqual([]);
    expect(await schoolName()).toBe('Napsugár Nyelviskola');

    // What the window's dialog then does, on the same session: the list says it needs its key, and the key restores it.
    const listed = await call<BackupsOverview>({ session: SESSION }, 'backups.list');
    expect(listed.backups.find((backup) => backup.id === id)).toMatchObject({ needsRecoveryKey: true });
    expect(await call({ session: SESSION }, 'backups.inspect', { id, recoveryKey })).toMatchObject({ schoolName: 'Másik Iskola' });
    await call({ session: SESSION }, 'backups.restore', { id, recoveryKey });
    expect(await schoolName()).toBe('Másik Iskola');
  });

  it('waits while the window is signed out, and offers the backup once the owner signs in', async () => {
    const file = await backUpAs('before-password');
    await call({ session: SESSION }, 'auth.setupOwner', { password: ownerPassword });
    await call({ session: SESSION }, 'auth.logout');
    await call(asOwner(), 'settings.update', { schoolName: 'Jelszó Után' });
    const { dialogs, questions } = recordingDialogs(true);
    const opened = createOpenedBackups(fastPolling);
    const offer = attach(opened, dialogs);
    opened.add(file);
    await new Promise((done) => setTimeout(done, 50));
    expect(questions).toEqual([]);
    await call({ session: SESSION }, 'auth.login', { username: 'owner', password: ownerPassword });
    expect(await offer).toBeNull(); // attach had nothing to offer yet: the file arrived after it
    await expect.poll(() => questions.length).toBe(1);
    await expect.poll(schoolName).toBe('Napsugár Nyelviskola');
  });

  it('tells an assistant that restoring is the owner’s, and restores nothing', async () => {
    const file = await backUpAs('assistant-opened');
    await call({ session: 'ipc:setup' }, 'auth.setupOwner', { password: ownerPassword });
    await call(asOwner(), 'users.create', {
      username: 'anna',
      displayName: 'Kiss Anna',
      role: 'assistant',
      password: 'asszisztens-jelszo',
    });
    await call({ session: SESSION }, 'auth.login', { username: 'anna', password: 'asszisztens-jelszo' });
    await call(asOwner(), 'settings.update', { schoolName: 'Maradó Név' });
    const { dialogs, questions, notices } = recordingDialogs(true);
    const opened = createOpenedBackups(fastPolling);
    attach(opened, dialogs);
    expect(await opened.add(file)).toMatchObject({ kind: 'refused' });
    expect(questions).toEqual([]);
    expect(notices).toEqual([expect.objectContaining({ kind: 'error', detail: expect.stringContaining('Only the owner') })]);
    expect(await schoolName()).toBe('Maradó Név');
  });

  it('offers only the newest of files opened while the window was not there yet', async () => {
    const older = await backUpAs('older');
    await call(asOwner(), 'settings.update', { schoolName: 'Újabb' });
    const newer = await backUpAs('newer');
    await call(asOwner(), 'settings.update', { schoolName: 'Jelenlegi' });
    const { dialogs, questions } = recordingDialogs(true);
    const opened = createOpenedBackups(fastPolling);
    opened.add(older);
    opened.addFromArgv(['tanoda', newer], dir);
    opened.add(join(dir, 'notes.txt'));
    expect(await attach(opened, dialogs)).toMatchObject({ kind: 'restored' });
    expect(questions.map((q) => q.file)).toEqual([newer]);
    expect(await schoolName()).toBe('Újabb');
  });
});
