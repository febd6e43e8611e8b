/**
 * Data at rest, on real files: what someone who finds the school's laptop, or a
 * copy of one of its backups, can read. A client's name must not appear in the
 * bytes of the database, its write-ahead log or any backup; the database must
 * not even start like an SQLite file; a backup carried to another computer (no
 * key file there) opens only with the recovery key, through the same CLI a
 * person would use at a terminal (a real pseudo-terminal, via util-linux's
 * `script`); a plain database from before encryption is encrypted in place on
 * its first open, after an encrypted backup, and the plain backups beside it are
 * encrypted too; and every one of those files, key files included, is 0600.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupsOverview, RecoveryKeyOffer } from '../../src-shared/api/backups-methods';
import type { CallResult } from '../../src-shared/errors';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { closeDatabase, isPlainDatabaseFile, keyForFile, openDatabase, openKeyed } from '../../src-main/db/connection';
import { adoptKeyFile, fileKeyStore, newDatabaseKey, parseRecoveryKey, recoveryKeyOf, type DatabaseKey } from '../../src-main/db/keys';
import { backupFileName } from '../../src-main/upkeep/backups';
import { checkDatabaseFile } from '../../src-main/upkeep/maintenance';
import { cliCommand, cliEnv, projectRoot } from './cli-process';
import { keyBeside } from './direct';
import { tempDir } from './helpers';

const init = { schoolName: 'Titok Iskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' };
/** A name that appears nowhere else, in the forms the database could hold it (as typed, and folded for search). */
const secretName = { firstName: 'Zsófia', lastName: 'Rétháti-Kovács' };
const needles = ['Rétháti', 'Rethati', 'rethati', 'Zsófia', 'zsofia'];

const opened: Workspace[] = [];
afterEach(() => {
  for (const workspace of opened.splice(0)) workspace.close();
});

async function call<T>(workspace: Workspace, method: string, input: unknown = {}): Promise<T> {
  const result: CallResult = await workspace.invoke({ actor: ownerActor(workspace.db) }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function containsName(file: string): string[] {
  const bytes = readFileSync(file);
  return needles.filter((needle) => bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le')));
}

function mode(file: string): string {
  return (statSync(file).mode & 0o777).toString(8);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function tanoda(args: string[], env: NodeJS.ProcessEnv = cliEnv(args)): Run {
  const cli = cliCommand();
  const result = spawnSync(cli.command, [...cli.args, ...args], { cwd: projectRoot, encoding: 'utf8', env, timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), answers each of its
 * recovery-key prompts once it is shown (the n-th with `answers[n]`), and returns
 * everything the terminal showed.
 */
function tanodaAtTerminal(args: string[], answers: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; screen: string }> {
  const cli = cliCommand();
  const command = [cli.command, ...cli.args, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let answered = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`no answer from the terminal:\n${screen}`))), 120_000);
    const read = (chunk: Buffer) => {
      screen += chunk.toString();
      const prompts = screen.match(/Recovery key of [^\n]*: /g)?.length ?? 0;
      if (prompts > answered && answered < answers.length) {
        child.stdin.write(`${answers[answered]}\r`);
        answered++;
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, screen });
    });
  });
}

/** A school with the secret client, a backup taken through the one door, and the workspace still open (its WAL holds recent pages). */
async function schoolWithSecret(dir: string): Promise<{ workspace: Workspace; file: string; backup: BackupInfo }> {
  const file = join(dir, 'school.db');
  const workspace = openWorkspace(file, { key: keyBeside(file), initIfEmpty: init });
  opened.push(workspace);
  await call(workspace, 'clients.create', { ...secretName, phone: '+36301112233', notes: 'Rétháti notes' });
  const backup = await call<BackupInfo>(workspace, 'backups.create');
  await call(workspace, 'clients.update', {
    id: (await call<{ rows: { id: string }[] }>(workspace, 'clients.list', {})).rows[0]?.id,
    notes: 'Rétháti again',
  });
  return { workspace, file, backup };
}

describe('the database and its backups at rest', () => {
  it('hold no client name in the database, its WAL, or any backup, and do not start like SQLite', async () => {
    const dir = tempDir();
    const { workspace, file } = await schoolWithSecret(dir);
    // The name is there for the key holder: search finds her.
    expect((await call<{ rows: unknown[] }>(workspace, 'clients.list', { query: 'rethati' })).rows).toHaveLength(1);
    await call(workspace, 'backups.create');
    // A write after the last backup's checkpoint, so the WAL holds the name's pages too.
    await call(workspace, 'clients.update', {
      id: (await call<{ rows: { id: string }[] }>(workspace, 'clients.list', {})).rows[0]?.id,
      notes: 'Rétháti, once more',
    });
    const backups = readdirSync(join(dir, 'backups')).map((name) => join(dir, 'backups', name));
    expect(backups.length).toBeGreaterThanOrEqual(2);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    for (const each of [file, `${file}-wal`, ...backups])
      expect({ file: each, found: containsName(each) }).toEqual({ file: each, found: [] });
    for (const each of [file, ...backups]) {
      expect(readFileSync(each).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
      expect(isPlainDatabaseFile(each)).toBe(false);
    }
  });

  it('creates the database, WAL, SHM, backups and key file 0600, whatever the umask', async () => {
    const dir = tempDir();
    const { file } = await schoolWithSecret(dir);
    const backups = readdirSync(join(dir, 'backups')).map((name) => join(dir, 'backups', name));
    for (const each of [file, `${file}-wal`, `${file}-shm`, join(dir, 'tanoda.key'), ...backups]) {
      expect({ file: each, mode: mode(each) }).toEqual({ file: each, mode: '600' });
    }
    // The CLI under a permissive umask: init, a backup to a chosen file.
    const other = join(tempDir(), 'cli', 'school.db');
    const out = join(dirname(other), 'copy.tanoda');
    const cli = cliCommand();
    const env = cliEnv(['--db', other]);
    const script = [
      'umask 000',
      [cli.command, ...cli.args, 'init', '--db', other, '--json'].map(quote).join(' '),
      [cli.command, ...cli.args, 'backup', '--db', other, '--out', out, '--json'].map(quote).join(' '),
    ].join(' && ');
    const run = spawnSync('sh', ['-c', script], { cwd: projectRoot, env, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    for (const each of [other, out, join(dirname(other), 'tanoda.key')])
      expect({ file: each, mode: mode(each) }).toEqual({ file: each, mode: '600' });
  });
});

describe('a backup on another computer', () => {
  it('opens only with the recovery key: not without a key, not with that computer’s own key', async () => {
    const dir = tempDir();
    const { workspace, backup } = await schoolWithSecret(dir);
    const recoveryKey = recoveryKeyOf(workspace.db.key);
    const elsewhere = join(tempDir(), 'carried');
    mkdirSync(elsewhere);
    const carried = join(elsewhere, backup.id);
    copyFileSync(join(dir, 'backups', backup.id), carried);

    expect(checkDatabaseFile(carried, null)).toMatchObject({ ok: false, encrypted: true });
    const thatComputersKey = keyBeside(join(elsewhere, 'tanoda.db'));
    expect(checkDatabaseFile(carried, thatComputersKey)).toMatchObject({ ok: false, wrongKey: true });
    expect(() => openKeyed(carried, thatComputersKey, { readonly: true })).toThrow(/cannot be opened with this key/);

    const withRecovery = openKeyed(carried, parseRecoveryKey(recoveryKey.toLowerCase().replace(/-/g, ' ')), { readonly: true });
    try {
      expect(withRecovery.prepare('SELECT last_name FROM clients').pluck().all()).toEqual([secretName.lastName]);
    } finally {
      withRecovery.close();
    }
  });

  it('is restored by the CLI only once its recovery key is typed at a terminal', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const { workspace, backup } = await schoolWithSecret(dir);
    const recoveryKey = recoveryKeyOf(workspace.db.key);
    const elsewhere = join(tempDir(), 'new-laptop');
    mkdirSync(elsewhere);
    const carried = join(elsewhere, backup.id);
    copyFileSync(join(dir, 'backups', backup.id), carried);
    const target = join(elsewhere, 'tanoda.db');
    const noKeyFile = cliEnv([]);

    // No key file and no terminal: refused, clearly, and nothing is written.
    const refused = tanoda(['restore', carried, '--db', target, '--json'], noKeyFile);
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stderr)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('recovery key') });
    expect(existsSync(target)).toBe(false);

    // A mistyped key is caught by its checksum and asked again; the right one restores.
    const mistyped = recoveryKey.replace(/^./, (c) => (c === 'Z' ? 'Y' : 'Z'));
    const wrongOnly = await tanodaAtTerminal(['restore', carried, '--db', target], [mistyped, mistyped, mistyped], noKeyFile);
    expect(wrongOnly.code).not.toBe(0);
    expect(wrongOnly.screen).toContain('mistyped character');
    expect(wrongOnly.screen).not.toContain(mistyped);
    expect(existsSync(target)).toBe(false);

    const restored = await tanodaAtTerminal(['restore', carried, '--db', target], [recoveryKey], noKeyFile);
    expect(restored.code, restored.screen).toBe(0);
    expect(restored.screen).toContain('Restored "Titok Iskola"');
    expect(restored.screen).not.toContain(recoveryKey);
    expect(mode(target)).toBe('600');

    // The restored database is encrypted, and opens with the recovery key (no key file on this computer).
    expect(isPlainDatabaseFile(target)).toBe(false);
    const db = openDatabase(target, { key: parseRecoveryKey(recoveryKey), readonly: true });
    try {
      expect(db.sqlite.prepare('SELECT last_name FROM clients').pluck().all()).toEqual([secretName.lastName]);
    } finally {
      closeDatabase(db);
    }
    expect(() => openDatabase(target, { key: newDatabaseKey(), readonly: true })).toThrow(/cannot be opened with this key/);
  });
});

/** What a call answered, failure included. */
async function answer(workspace: Workspace, method: string, input: unknown, actor = ownerActor(workspace.db)): Promise<CallResult> {
  return workspace.invoke({ actor }, method, input);
}

function filesOf(databaseFile: string): Buffer[] {
  return [databaseFile, `${databaseFile}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
}

/** School A's backup carried into school B's backups folder: B's own key does not open it. */
async function foreignBackupInSchoolB(): Promise<{ a: Workspace; b: Workspace; fileB: string; id: string; recoveryKeyA: string }> {
  const { workspace: a, backup } = await schoolWithSecret(tempDir());
  const fileB = join(tempDir(), 'school-b.db');
  const b = openWorkspace(fileB, {
    key: keyBeside(fileB),
    initIfEmpty: { schoolName: 'Béta Iskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  opened.push(b);
  await call(b, 'clients.create', { firstName: 'Béla', lastName: 'Helyi' });
  await call<BackupInfo>(b, 'backups.create');
  const folderB = (await call<BackupsOverview>(b, 'backups.list')).folder;
  copyFileSync(join(dirname(a.db.file), 'backups', backup.id), join(folderB, backup.id));
  return { a, b, fileB, id: backup.id, recoveryKeyA: recoveryKeyOf(a.db.key) };
}

const lastNames = async (workspace: Workspace) =>
  (await call<{ rows: { lastName: string }[] }>(workspace, 'clients.list', {})).rows.map((row) => row.lastName);

describe('a backup from another computer, restored in the app', () => {
  it('is listed as needing its recovery key, and a key that does not open it changes nothing', async () => {
    const { b, fileB, id, recoveryKeyA } = await foreignBackupInSchoolB();
    const listed = (await call<BackupsOverview>(b, 'backups.list')).backups;
    expect(listed.find((backup) => backup.id === id)).toMatchObject({ needsRecoveryKey: true });
    expect(listed.filter((backup) => backup.id !== id).every((backup) => !backup.needsRecoveryKey)).toBe(true);

    const before = filesOf(fileB);
    const refusals = [
      [{ id }, 'FORBIDDEN', 'needs_recovery_key'],
      [{ id, recoveryKey: recoveryKeyOf(b.db.key) }, 'FORBIDDEN', 'wrong_key'],
      [{ id, recoveryKey: recoveryKeyOf(newDatabaseKey()) }, 'FORBIDDEN', 'wrong_key'],
      [{ id, recoveryKey: recoveryKeyA.replace(/^./, (c) => (c === 'Z' ? 'Y' : 'Z')) }, 'VALIDATION', 'checksum'],
      [{ id, recoveryKey: 'ABCDE-12345' }, 'VALIDATION', 'malformed'],
      [{ id, recoveryKey: '' }, 'VALIDATION', 'too_small'],
    ] as const;
    for (const [input, code, fieldCode] of refusals) {
      for (const method of ['backups.restore', 'backups.inspect']) {
        if (method === 'backups.inspect' && !('recoveryKey' in input)) continue;
        const result = await answer(b, method, input);
        expect(result, `${method} ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { code, fields: [expect.objectContaining({ path: ['recoveryKey'], code: fieldCode })] },
        });
        // The refusal never repeats the key it was given.
        const typed = 'recoveryKey' in input ? input.recoveryKey : '';
        if (typed.length > 0) expect(JSON.stringify(result)).not.toContain(typed);
      }
    }
    // Not a byte of school B's database or its log was touched.
    expect(filesOf(fileB)).toEqual(before);
    expect(await lastNames(b)).toEqual(['Helyi']);
    expect((await call<BackupsOverview>(b, 'backups.list')).backups).toHaveLength(listed.length);
  });

  it('names the school it holds once unlocked, and restores it re-encrypted with this computer’s key', async () => {
    const { a, b, fileB, id, recoveryKeyA } = await foreignBackupInSchoolB();
    const typed = recoveryKeyA.toLowerCase().replace(/-/g, ' ');
    expect(await call(b, 'backups.inspect', { id, recoveryKey: typed })).toEqual({
      id,
      schoolName: 'Titok Iskola',
      lastChangeAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      clients: 1,
    });

    const result = await call<{ restored: BackupInfo; safety: BackupInfo }>(b, 'backups.restore', { id, recoveryKey: typed });
    expect(result.restored.id).toBe(id);
    expect((await call<{ schoolName: string }>(b, 'settings.get')).schoolName).toBe('Titok Iskola');
    expect(await lastNames(b)).toEqual([secretName.lastName]);

    // The restored file is B's: B's key opens it, A's does not; it reopens after the app is closed.
    b.close();
    opened.splice(opened.indexOf(b), 1);
    expect(() => openKeyed(fileB, a.db.key, { readonly: true })).toThrow(/cannot be opened with this key/);
    const reopened = openWorkspace(fileB, { key: keyBeside(fileB) });
    opened.push(reopened);
    expect(await lastNames(reopened)).toEqual([secretName.lastName]);

    // What it replaced is a backup of B, in B's key, listed as B's own: restoring it undoes the restore.
    const listed = (await call<BackupsOverview>(reopened, 'backups.list')).backups;
    expect(listed.find((backup) => backup.id === result.safety.id)).toMatchObject({ reason: 'before-restore', needsRecoveryKey: false });
    expect(listed.find((backup) => backup.id === id)).toMatchObject({ needsRecoveryKey: true });
    await call(reopened, 'backups.restore', { id: result.safety.id });
    expect(await lastNames(reopened)).toEqual(['Helyi']);

    // The recovery key was kept nowhere: not in the local state, not in the change log.
    const key = parseRecoveryKey(typed);
    const stored = reopened.db.sqlite
      .prepare(
        "SELECT value AS text FROM local_state UNION ALL SELECT coalesce(value, '') FROM changes UNION ALL SELECT coalesce(previous, '') FROM change_log",
      )
      .pluck()
      .all() as string[];
    for (const form of [recoveryKeyA, typed, key.bytes.toString('hex'), key.bytes.toString('base64')])
      expect(stored.some((text) => text.includes(form))).toBe(false);
  });

  it('is the owner’s: an assistant is refused, even with the right recovery key', async () => {
    const { b, id, recoveryKeyA } = await foreignBackupInSchoolB();
    const user = await call<{ id: string }>(b, 'users.create', { username: 'anna', displayName: 'Anna', role: 'assistant' });
    const assistant = { userId: user.id, username: 'anna', role: 'assistant' as const };
    for (const method of ['backups.inspect', 'backups.restore']) {
      expect(await answer(b, method, { id, recoveryKey: recoveryKeyA }, assistant), method).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', fields: [expect.objectContaining({ code: 'data.export' })] },
      });
    }
    expect(await lastNames(b)).toEqual(['Helyi']);
  });

  it('is removed by hand when it is not wanted, which this computer’s own backups never are', async () => {
    const { b, id } = await foreignBackupInSchoolB();
    const user = await call<{ id: string }>(b, 'users.create', { username: 'anna', displayName: 'Anna', role: 'assistant' });
    const assistant = { userId: user.id, username: 'anna', role: 'assistant' as const };
    expect(await answer(b, 'backups.removeForeign', { id }, assistant)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const own = (await call<BackupsOverview>(b, 'backups.list')).backups.find((backup) => !backup.needsRecoveryKey) as BackupInfo;
    expect(await answer(b, 'backups.removeForeign', { id: own.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [expect.objectContaining({ path: ['id'], code: 'own_backup' })] },
    });
    expect(await answer(b, 'backups.removeForeign', { id: '../school-b.db' })).toMatchObject({
      ok: false,
      error: { fields: [expect.objectContaining({ code: 'not_a_backup' })] },
    });

    const after = await call<BackupsOverview>(b, 'backups.list');
    expect(after.backups.map((backup) => backup.id)).toContain(own.id);
    const removed = await call<BackupsOverview>(b, 'backups.removeForeign', { id });
    expect(removed.backups.map((backup) => backup.id)).not.toContain(id);
    expect(existsSync(join(removed.folder, id))).toBe(false);
    expect(existsSync(join(removed.folder, own.id))).toBe(true);
  });

  it('is never thinned away by this computer’s backups', async () => {
    const { b, id } = await foreignBackupInSchoolB();
    for (let i = 0; i < 6; i++) await call<BackupInfo>(b, 'backups.create');
    const listed = (await call<BackupsOverview>(b, 'backups.list')).backups;
    expect(listed.find((backup) => backup.id === id)).toMatchObject({ needsRecoveryKey: true });
  });
});

describe('the key file of the CLI and the bridge', () => {
  it('is made by init with a fresh key, shows its recovery key once, and serves a second database', { timeout: 300_000 }, () => {
    const dir = tempDir();
    const keyFile = join(dir, 'keys', 'school.key');
    const env = { ...cliEnv([]), TANODA_KEY_FILE: keyFile };
    const first = tanoda(['init', '--db', join(dir, 'one.db'), '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const made = JSON.parse(first.stdout) as { recoveryKey: string | null; keyFile: string };
    expect(made.recoveryKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5}){10}$/);
    expect(mode(keyFile)).toBe('600');
    const stored = fileKeyStore(keyFile).read('database') as Buffer;
    expect(parseRecoveryKey(made.recoveryKey as string).bytes.equals(stored)).toBe(true);
    // The key is in the file, never in the database.
    expect(readFileSync(join(dir, 'one.db')).includes(stored)).toBe(false);

    const second = tanoda(['init', '--db', join(dir, 'two.db'), '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ recoveryKey: null });
    expect(checkDatabaseFile(join(dir, 'two.db'), parseRecoveryKey(made.recoveryKey as string))).toMatchObject({ ok: true });

    // Without the key file, an existing encrypted database is refused; a key file that does not exist is not made for it.
    const withoutKey = tanoda(['stats', '--db', join(dir, 'one.db'), '--json'], cliEnv([]));
    expect(withoutKey.code).not.toBe(0);
    expect(withoutKey.stderr).toContain('TANODA_KEY_FILE');
    const missing = join(dir, 'nowhere.key');
    const wrongFile = tanoda(['stats', '--db', join(dir, 'one.db'), '--json'], { ...cliEnv([]), TANODA_KEY_FILE: missing });
    expect(wrongFile.code).not.toBe(0);
    expect(existsSync(missing)).toBe(false);

    // doctor and stats read the encrypted file with the key file.
    const doctor = tanoda(['doctor', '--db', join(dir, 'one.db'), '--json'], env);
    expect(doctor.code, doctor.stderr).toBe(0);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ ok: true, integrity: ['ok'] });
  });

  it('moves into the app’s sealed store when the window takes the database over, and a lost key is refused, not replaced', () => {
    const dir = tempDir();
    const file = join(dir, 'tanoda.db');
    const key = keyBeside(file);
    const created = openWorkspace(file, { key, initIfEmpty: init });
    created.close();
    // What electron/keychain.ts does with safeStorage, with a stand-in seal (Electron cannot run here).
    const flip = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
    const keychainFile = join(dir, 'tanoda.keychain');
    const keychain = fileKeyStore(keychainFile, { seal: { seal: flip, open: flip }, where: 'the test keychain' });
    expect(adoptKeyFile(keychain, join(dir, 'tanoda.key'))).toBe(true);
    expect(existsSync(join(dir, 'tanoda.key'))).toBe(false);
    expect(mode(keychainFile)).toBe('600');
    expect(readFileSync(keychainFile, 'utf8')).not.toContain(key.bytes.toString('base64'));
    expect(keyForFile(keychain, file)).toMatchObject({ created: false });
    expect(keyForFile(keychain, file).key.bytes.equals(key.bytes)).toBe(true);

    const emptyKeychain = fileKeyStore(join(dir, 'other.keychain'), { seal: { seal: flip, open: flip }, where: 'an empty keychain' });
    expect(() => keyForFile(emptyKeychain, file)).toThrow(/holds no key for it/);
    expect(emptyKeychain.exists()).toBe(false);
  });

  it('reads recovery keys as people type them, and catches a mistyped character', () => {
    const key = newDatabaseKey();
    const written = recoveryKeyOf(key);
    expect(parseRecoveryKey(written).bytes.equals(key.bytes)).toBe(true);
    expect(parseRecoveryKey(` ${written.toLowerCase().replace(/-/g, '  ')} `).bytes.equals(key.bytes)).toBe(true);
    const swapped = written.slice(0, 7) + (written[7] === '7' ? '8' : '7') + written.slice(8);
    expect(() => parseRecoveryKey(swapped)).toThrow(/mistyped/);
    expect(() => parseRecoveryKey('not a key')).toThrow(/not a recovery key/);
  });
});

describe('a plain database from before encryption', () => {
  it('is encrypted in place on its first open, after an encrypted backup, with its old plain backups encrypted too', async () => {
    const dir = tempDir();
    const file = join(dir, 'school.db');
    // Build the plain file an earlier version left: a school with the secret client, decrypted (rekey to no key).
    const { workspace } = await schoolWithSecret(dir);
    const oldKey: DatabaseKey = workspace.db.key;
    workspace.close();
    opened.splice(0);
    const plain = openKeyed(file, oldKey);
    plain.pragma('journal_mode = DELETE');
    plain.pragma("rekey = ''");
    plain.close();
    const backupsDir = join(dir, 'backups');
    for (const name of readdirSync(backupsDir)) copyFileSync(file, join(backupsDir, name));
    const oldPlainBackup = join(backupsDir, backupFileName(new Date('2026-01-01T00:00:00Z'), 'manual'));
    copyFileSync(file, oldPlainBackup);
    expect(isPlainDatabaseFile(file)).toBe(true);
    expect(containsName(file)).not.toEqual([]);

    // The first open with a new key (the app's keychain made it just now) encrypts it.
    const key = newDatabaseKey();
    const migrated = openWorkspace(file, { key, newKey: true });
    opened.push(migrated);
    expect(isPlainDatabaseFile(file)).toBe(false);
    expect(containsName(file)).toEqual([]);
    expect((await call<{ rows: unknown[] }>(migrated, 'clients.list', { query: 'rethati' })).rows).toHaveLength(1);

    const overview = await call<BackupsOverview>(migrated, 'backups.list');
    expect(overview.backups.filter((b) => b.reason === 'before-migration')).toHaveLength(1);
    for (const backup of overview.backups) {
      const each = join(overview.folder, backup.id);
      expect({ file: each, found: containsName(each), plain: isPlainDatabaseFile(each), mode: mode(each) }).toEqual({
        file: each,
        found: [],
        plain: false,
        mode: '600',
      });
      expect(checkDatabaseFile(each, key)).toMatchObject({ ok: true });
    }

    // Its recovery key is offered to the owner until they confirm writing it down, then never again.
    const offer = await call<RecoveryKeyOffer>(migrated, 'backups.recoveryKey');
    expect(offer.recoveryKey).toBe(recoveryKeyOf(key));
    expect(await call<RecoveryKeyOffer>(migrated, 'backups.recoveryKeySaved')).toEqual({ recoveryKey: null });
    expect(await call<RecoveryKeyOffer>(migrated, 'backups.recoveryKey')).toEqual({ recoveryKey: null });
  });

  it('offers no recovery key on a workspace whose key was not made just now', async () => {
    const dir = tempDir();
    const file = join(dir, 'school.db');
    const workspace = openWorkspace(file, { key: keyBeside(file), initIfEmpty: init });
    opened.push(workspace);
    expect(await call<RecoveryKeyOffer>(workspace, 'backups.recoveryKey')).toEqual({ recoveryKey: null });
  });
});
