/**
 * The one door (api/workspace.ts `invoke`) on real databases: every host gets
 * what a method's spec declares, whoever calls. The CLI's `import` takes the
 * same before-import backup as the app's Import screen, and a read never takes
 * the write lock, so the app keeps answering while the CLI (or a sync run)
 * writes beside it. Every method declares whether it reads or writes, and a
 * method declared as a read cannot write: a read that writes fails and is rolled
 * back, so a wrong declaration fails here instead of silently taking the lock.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupsOverview } from '../../src-shared/api/backups-methods';
import { contract, methodNames } from '../../src-shared/api/contract';
import { ownerActor } from '../../src-main/api/actors';
import { openKeyed } from '../../src-main/db/connection';
import type { DatabaseKey } from '../../src-main/db/keys';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { seedDemo } from '../../src-main/demo/seed-demo';
import { cliCommand, cliEnv, projectRoot } from './cli-process';
import { contextOf, keyBeside } from './direct';
import { tempDir } from './helpers';

const sheet =
  'Vezetéknév;Keresztnév;E-mail;Telefon\nKiss;Péter;peter@example.hu;06 30 123 4567\nNagy;Anna;anna@example.hu;06 20 765 4321\n';

function tanoda(args: string[]): { code: number; stdout: string; stderr: string } {
  const cli = cliCommand();
  const run = spawnSync(cli.command, [...cli.args, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: cliEnv(args),
    timeout: 120_000,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

function json<T>(run: { code: number; stdout: string; stderr: string }): T {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const beforeImport = (overview: BackupsOverview) => overview.backups.filter((b) => b.reason === 'before-import');

/** Clients in a database file, read straight from the file (a backup is one SQLite file, encrypted with the database's key). */
function clientsIn(file: string, key: DatabaseKey): number {
  const sqlite = openKeyed(file, key, { readonly: true });
  try {
    return sqlite.prepare('SELECT count(*) FROM clients WHERE deleted_at IS NULL').pluck().get() as number;
  } finally {
    sqlite.close();
  }
}

const open: Workspace[] = [];
afterEach(() => {
  for (const workspace of open.splice(0)) workspace.close();
});

describe('the one door', () => {
  // Five CLI processes: seconds each when compiled from source on a busy machine.
  it('takes the before-import backup for `tanoda import` exactly as the app does for its Import screen', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'sheet.csv');
    writeFileSync(file, sheet, 'utf8');

    // The CLI: a dry run takes no backup, a real import takes one of the state before it.
    // Each database in a folder of its own: backups go to a backups/ folder beside the database.
    const cliDb = join(dir, 'cli', 'school.db');
    json(tanoda(['init', '--db', cliDb, '--name', 'Napsugár', '--locale', 'hu-HU', '--currency', 'HUF', '--json']));
    json(tanoda(['import', file, '--db', cliDb, '--dry-run']));
    expect(beforeImport(json<BackupsOverview>(tanoda(['call', 'backups.list', '--db', cliDb])))).toHaveLength(0);
    const imported = json<{ created: number }>(tanoda(['import', file, '--db', cliDb]));
    expect(imported.created).toBeGreaterThanOrEqual(2);
    const cliOverview = json<BackupsOverview>(tanoda(['call', 'backups.list', '--db', cliDb]));
    const cliBackups = beforeImport(cliOverview);
    expect(cliBackups).toHaveLength(1);
    expect(clientsIn(join(cliOverview.folder, (cliBackups[0] as { id: string }).id), keyBeside(cliDb))).toBe(0);

    // The app's path: the same call through invoke gives the same backup.
    mkdirSync(join(dir, 'app'));
    const workspace = openWorkspace(join(dir, 'app', 'school.db'), {
      key: keyBeside(join(dir, 'app', 'school.db')),
      initIfEmpty: { schoolName: 'Napsugár', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
    });
    open.push(workspace);
    const owner = { actor: ownerActor(workspace.db) };
    const contentBase64 = Buffer.from(sheet, 'utf8').toString('base64');
    expect(await workspace.invoke(owner, 'imports.commit', { fileName: 'sheet.csv', contentBase64 })).toMatchObject({ ok: true });
    const appOverview = (await workspace.invoke(owner, 'backups.list', {})) as { ok: true; value: BackupsOverview };
    const appBackups = beforeImport(appOverview.value);
    expect(appBackups.map((b) => b.reason)).toEqual(cliBackups.map((b) => b.reason));
    expect(clientsIn(join(appOverview.value.folder, (appBackups[0] as { id: string }).id), workspace.db.key)).toBe(0);
  });

  it('answers read methods while another connection holds the write lock', async () => {
    const dir = tempDir();
    const dbFile = join(dir, 'school.db');
    const workspace = openWorkspace(dbFile, {
      key: keyBeside(dbFile),
      initIfEmpty: { schoolName: 'Napsugár', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
    });
    open.push(workspace);
    const owner = ownerActor(workspace.db);
    seedDemo(contextOf(workspace, owner), { clients: 40, seed: 'one-door' });

    const writer = openKeyed(dbFile, workspace.db.key);
    writer.pragma('busy_timeout = 0');
    writer.exec('BEGIN IMMEDIATE');
    workspace.db.sqlite.pragma('busy_timeout = 0');
    try {
      const named = ['payments.page', 'enrollments.grid', 'today.counts', 'today.get', 'sync.status', 'clients.list', 'reports.stats'];
      for (const method of named) {
        expect(contract[method as keyof typeof contract].access, method).toBe('read');
        expect(await workspace.invoke({ actor: owner }, method, {}), method).toMatchObject({ ok: true });
      }
      // A write cannot start meanwhile: the lock is really held.
      expect(await workspace.invoke({ actor: owner }, 'rooms.create', { name: 'Kisterem' })).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      workspace.db.sqlite.pragma('busy_timeout = 5000');
    }
  });

  it('has every read method run without writing (a read that writes fails and is rolled back)', async () => {
    const dir = tempDir();
    const workspace = openWorkspace(join(dir, 'school.db'), {
      key: keyBeside(join(dir, 'school.db')),
      initIfEmpty: { schoolName: 'Napsugár', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
    });
    open.push(workspace);
    const owner = ownerActor(workspace.db);
    seedDemo(contextOf(workspace, owner), { clients: 40, seed: 'reads' });
    const reads = methodNames.filter((method) => contract[method].access === 'read');
    expect(reads.length).toBeGreaterThan(30);
    const wrote: string[] = [];
    let answered = 0;
    for (const method of reads) {
      const result = await workspace.invoke({ actor: owner }, method, {});
      if (result.ok) answered++;
      else if (/readonly|read-only/i.test(result.error.message)) wrote.push(`${method}: ${result.error.message}`);
    }
    expect(wrote).toEqual([]);
    expect(answered).toBeGreaterThan(20);
    // And a write still writes afterwards: the connection is writable again.
    expect(await workspace.invoke({ actor: owner }, 'rooms.create', { name: 'Nagyterem' })).toMatchObject({ ok: true });
  });
});
