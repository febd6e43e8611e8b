/**
 * Backups on a real workspace through its host: taken with the online backup
 * API and verified, listed, owner-only, restored in place while the workspace
 * stays open (the same object keeps answering, on the restored data) after the
 * current state was itself backed up; a restored database is identical to the
 * backup row by row. Also: a backup before an import commit and before pending
 * migrations, cloud sync folders refused, and the scheduler driven by a fixed
 * clock (at start, then every 30 minutes only if something changed).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupsOverview, RestoreResult } from '../../src-shared/api/backups-methods';
import type { Client, User } from '../../src-shared/api/types';
import type { CallResult } from '../../src-shared/errors';
import { ownerActor } from '../../src-main/api/actors';
import { defaultMigrationsFolder, openKeyed } from '../../src-main/db/connection';
import { checkDatabaseFile } from '../../src-main/upkeep/maintenance';
import { createBackupScheduler } from '../../src-main/upkeep/backup-scheduler';
import { changeMark } from '../../src-main/changes/changelog';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { keyBeside } from './direct';

let dir: string;
let workspace: Workspace;
let owner: Actor;
const clock = fixedClock('2026-03-10T09:00:00Z');
const init = { schoolName: 'Backup School', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' };

async function as<T>(actor: Actor, method: string, input: unknown = {}): Promise<T> {
  const result: CallResult = await workspace.invoke({ actor }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Every row of every table (FTS shadow tables included), in rowid order: what "identical" means. */
function dump(file: string): Record<string, unknown[]> {
  const sqlite = openKeyed(file, workspace.db.key, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const result: Record<string, unknown[]> = {};
    for (const table of tables) {
      const withoutRowid = /WITHOUT ROWID/i.test(
        (sqlite.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string | null }).sql ?? '',
      );
      result[table] = sqlite.prepare(`SELECT * FROM "${table}"${withoutRowid ? '' : ' ORDER BY rowid'}`).all();
    }
    return result;
  } finally {
    sqlite.close();
  }
}

function liveDump(): Record<string, unknown[]> {
  workspace.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return dump(workspace.db.file);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-backups-'));
  clock.set('2026-03-10T09:00:00Z');
  workspace = openWorkspace(join(dir, 'school.db'), { key: keyBeside(join(dir, 'school.db')), clock, initIfEmpty: init });
  owner = ownerActor(workspace.db);
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it('takes verified backups beside the database, for the owner only', async () => {
    await as(owner, 'clients.create', { firstName: 'Anna' });
    const info = await as<BackupInfo>(owner, 'backups.create');
    expect(info).toMatchObject({ reason: 'manual', takenAt: '2026-03-10T09:00:00.000Z' });
    const overview = await as<BackupsOverview>(owner, 'backups.list');
    expect(overview).toMatchObject({ folder: join(dir, 'backups'), folderIsDefault: true, backups: [{ id: info.id }] });
    const copy = openKeyed(join(dir, 'backups', info.id), workspace.db.key, { readonly: true });
    expect(copy.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(copy.prepare("SELECT count(*) AS n FROM clients WHERE first_name = 'Anna'").get()).toEqual({ n: 1 });
    copy.close();

    const user = await as<User>(owner, 'users.create', { username: 'anna', displayName: 'Anna', role: 'assistant' });
    const assistant: Actor = { userId: user.id, username: 'anna', role: 'assistant' };
    for (const method of ['backups.create', 'backups.list', 'backups.restore']) {
      expect(await workspace.invoke({ actor: assistant }, method, { id: info.id }), method).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('restores in place: the current state is backed up first, the restored database is identical to the backup, the workspace keeps answering', async () => {
    await as(owner, 'clients.create', { firstName: 'Anna', lastName: 'Kovács' });
    const taken = await as<BackupInfo>(owner, 'backups.create');
    const atBackup = dump(join(dir, 'backups', taken.id));
    clock.advance(60_000);
    const later = await as<Client>(owner, 'clients.create', { firstName: 'Béla', lastName: 'Szabó' });
    await as(owner, 'settings.update', { schoolName: 'Renamed School' });
    const beforeRestore = liveDump();
    const session = workspace.sessions.create();

    clock.advance(60_000);
    const result = await as<RestoreResult>(owner, 'backups.restore', { id: taken.id });
    expect(result.restored.id).toBe(taken.id);
    expect(result.safety.reason).toBe('before-restore');
    expect(liveDump()).toEqual(atBackup);
    expect(dump(join(dir, 'backups', result.safety.id))).toEqual(beforeRestore);

    // Same workspace object, new file underneath: sessions and calls carry on.
    expect(await workspace.invoke({ actor: owner }, 'clients.get', { id: later.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await workspace.invoke({ session }, 'settings.get', {})).ok).toBe(true);
    expect(await as<{ schoolName: string }>(owner, 'settings.get')).toMatchObject({ schoolName: 'Backup School' });
    await as(owner, 'clients.create', { firstName: 'Cecília' });
    expect(workspace.db.sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);

    // Undoing the restore is restoring the safety backup.
    await as(owner, 'backups.restore', { id: result.safety.id });
    const back = liveDump();
    expect(back['clients']).toEqual(beforeRestore['clients']);
    expect(back['settings']).toEqual(beforeRestore['settings']);
  });

  it('refuses unknown, smuggled or damaged backups and leaves the database as it was', async () => {
    await as(owner, 'clients.create', { firstName: 'Anna' });
    const before = liveDump();
    expect(await workspace.invoke({ actor: owner }, 'backups.restore', { id: '../school.db' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: ['id'] }] },
    });
    expect(await workspace.invoke({ actor: owner }, 'backups.restore', { id: 'tanoda-20260101T000000000Z-manual.db' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    mkdirSync(join(dir, 'backups'), { recursive: true });
    writeFileSync(join(dir, 'backups', 'tanoda-20260101T000000000Z-manual.db'), 'not a database at all, just text'.repeat(40));
    expect(await workspace.invoke({ actor: owner }, 'backups.restore', { id: 'tanoda-20260101T000000000Z-manual.db' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(liveDump()).toEqual(before);
  });

  it('takes a backup before an import commit (not before a dry run)', async () => {
    const csv = Buffer.from('Vezetéknév,Keresztnév,E-mail\nKiss,Péter,peter@example.hu\n', 'utf8').toString('base64');
    const count = async () => (await as<BackupsOverview>(owner, 'backups.list')).backups.filter((b) => b.reason === 'before-import').length;
    await workspace.invoke({ actor: owner }, 'imports.commit', { fileName: 'lista.csv', contentBase64: csv, dryRun: true });
    expect(await count()).toBe(0);
    const invalid = await workspace.invoke({ actor: owner }, 'imports.commit', { fileName: '', contentBase64: csv });
    expect(invalid.ok).toBe(false);
    expect(await count()).toBe(0);
    await workspace.invoke({ actor: owner }, 'imports.commit', { fileName: 'lista.csv', contentBase64: csv });
    expect(await count()).toBe(1);
  });

  it('keeps backups out of cloud sync folders', async () => {
    const dropbox = join(dir, 'Dropbox', 'tanoda');
    expect(await workspace.invoke({ actor: owner }, 'backups.setFolder', { folder: dropbox })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: ['folder'], code: 'sync_folder' }] },
    });
    mkdirSync(join(dir, 'shared', '.stfolder'), { recursive: true });
    expect(await workspace.invoke({ actor: owner }, 'backups.setFolder', { folder: join(dir, 'shared', 'backups') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await workspace.invoke({ actor: owner }, 'backups.setFolder', { folder: 'relative/path' })).toMatchObject({
      ok: false,
      error: { fields: [{ code: 'not_absolute' }] },
    });
    const elsewhere = join(dir, 'local-backups');
    expect(await as<BackupsOverview>(owner, 'backups.setFolder', { folder: elsewhere })).toMatchObject({
      folder: elsewhere,
      folderIsDefault: false,
    });
    const info = await as<BackupInfo>(owner, 'backups.create');
    // Encrypted like every backup: the header is not SQLite's, and the key opens it.
    expect(readFileSync(join(elsewhere, info.id)).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    expect(checkDatabaseFile(join(elsewhere, info.id), workspace.db.key)).toMatchObject({ ok: true, encrypted: true });
  });
});

describe('before migrations', () => {
  it('backs up a database with pending migrations before applying them', () => {
    workspace.close();
    const folder = join(dir, 'migrations');
    cpSync(defaultMigrationsFolder(), folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[];
    };
    const last = journal.entries[journal.entries.length - 1] as (typeof journal.entries)[number];
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_probe' });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_probe.sql'), 'CREATE TABLE `backup_probe` (`id` integer);');

    workspace = openWorkspace(join(dir, 'school.db'), { key: keyBeside(join(dir, 'school.db')), clock, migrationsFolder: folder });
    const probe = (workspace.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'backup_probe'").all() as unknown[]).length;
    expect(probe).toBe(1);
    const listed = workspace.invoke({ actor: owner }, 'backups.list', {});
    return listed.then((result) => {
      const overview = (result as { value: BackupsOverview }).value;
      const before = overview.backups.filter((b) => b.reason === 'before-migration');
      expect(before).toHaveLength(1);
      const copy = openKeyed(join(overview.folder, (before[0] as BackupInfo).id), workspace.db.key, { readonly: true });
      expect(copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'backup_probe'").get()).toEqual({ n: 0 });
      expect(copy.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      copy.close();
    });
  });
});

describe('the scheduler', () => {
  it('backs up at start, then every 30 minutes only when something changed', async () => {
    const reasons: string[] = [];
    const scheduler = createBackupScheduler({
      clock,
      changeMark: () => changeMark(workspace.db.sqlite),
      takeBackup: async (reason) => {
        reasons.push(reason);
        return workspace.takeBackup(reason);
      },
    });
    workspace.backupListeners.add(() => scheduler.noteBackup());
    await scheduler.start();
    expect(reasons).toEqual(['start']);
    clock.advance(29 * 60_000);
    await as(owner, 'clients.create', { firstName: 'Anna' });
    expect(await scheduler.tick()).toBe(false);
    clock.advance(60_000);
    expect(await scheduler.tick()).toBe(true);
    clock.advance(30 * 60_000);
    expect(await scheduler.tick()).toBe(false);
    clock.advance(5 * 60_000);
    await as(owner, 'clients.create', { firstName: 'Béla' });
    expect(await scheduler.tick()).toBe(true);
    // A backup taken by other means restarts the interval.
    clock.advance(20 * 60_000);
    await as(owner, 'clients.create', { firstName: 'Cecília' });
    await as(owner, 'backups.create');
    clock.advance(15 * 60_000);
    await as(owner, 'clients.create', { firstName: 'Dénes' });
    expect(await scheduler.tick()).toBe(false);
    clock.advance(15 * 60_000);
    expect(await scheduler.tick()).toBe(true);
    expect(reasons).toEqual(['start', 'interval', 'interval', 'interval']);
    // Five backups on one day are thinned to the newest three (the day's own is the newest of them).
    const listed = await as<BackupsOverview>(owner, 'backups.list');
    expect(listed.backups.map((b) => b.reason)).toEqual(['interval', 'manual', 'interval']);
  });
});
