/**
 * Backup, restore, doctor and stats on real database files. The point of each
 * test is a failure a school would feel: a backup that is not a faithful copy, a
 * restore that accepts a file it cannot use or loses the database it replaced,
 * a doctor that calls a damaged file healthy or misses duplicates people need to
 * merge. No timings are asserted.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, openKeyed, type Sqlite } from '../../src-main/db/connection';
import {
  backupDatabase,
  checkDatabaseFile,
  databaseStats,
  defaultDatabaseFile,
  diagnose,
  isStructurallySound,
  repairSearchIndex,
  restoreDatabase,
} from '../../src-main/upkeep/maintenance';
import { openTestWorkspace, tempDir } from './helpers';
import { keyBeside } from './direct';

const asOf = '2026-03-10';

function seedSmallSchool() {
  const ws = openTestWorkspace();
  const program = ws.call('programs.create', { name: 'Sakk', defaultPriceMinor: 4_000_000 });
  const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Sakk tavasz', startOn: '2026-02-01', status: 'running' });
  const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36301234567', email: 'anna@example.hu' });
  ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36 30 123 4567', email: 'ANNA@example.hu' });
  ws.call('clients.create', { firstName: 'Névtelen', lastName: 'Érdeklődő' });
  const enrollment = ws.call('enrollments.create', { clientId: anna.id, cohortId: cohort.id, status: 'confirmed' });
  return { ws, anna, enrollment };
}

describe('default database path', () => {
  it('is Electron’s userData folder for Tanoda on each platform', () => {
    expect(defaultDatabaseFile('linux', {}, '/home/eva')).toBe('/home/eva/.config/Tanoda/tanoda.db');
    expect(defaultDatabaseFile('linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/eva')).toBe('/data/cfg/Tanoda/tanoda.db');
    expect(defaultDatabaseFile('darwin', {}, '/Users/eva')).toBe('/Users/eva/Library/Application Support/Tanoda/tanoda.db');
    expect(defaultDatabaseFile('win32', { APPDATA: 'C:\\Users\\Eva\\AppData\\Roaming' }, 'C:\\Users\\Eva')).toBe(
      'C:\\Users\\Eva\\AppData\\Roaming\\Tanoda\\tanoda.db',
    );
  });
});

describe('backup and restore', () => {
  it('backs up to a self-contained file that holds the same rows', async () => {
    const { ws } = seedSmallSchool();
    const out = join(tempDir(), 'copy.db');
    const result = await backupDatabase(ws.db, out);
    expect(result.integrity).toBe('ok');
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(checkDatabaseFile(out, ws.db.key)).toMatchObject({ ok: true, integrity: ['ok'], encrypted: true });
    expect(checkDatabaseFile(out, null)).toMatchObject({ ok: false, encrypted: true });
    const copy = openKeyed(out, ws.db.key, { readonly: true });
    const rows = (db: Sqlite) => db.prepare('SELECT id, display_name, phone, email FROM clients ORDER BY id').all();
    expect(rows(copy)).toEqual(rows(ws.db.sqlite));
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
  });

  it('restores over a database, keeping the replaced one as a safety backup', async () => {
    const { ws } = seedSmallSchool();
    const dir = tempDir();
    const backup = join(dir, 'backup.db');
    await backupDatabase(ws.db, backup);

    const target = join(dir, 'school.db');
    const live = openDatabase(target, { key: keyBeside(target) });
    live.sqlite.exec("CREATE TABLE scratch (x); INSERT INTO scratch VALUES ('replaced')");
    closeDatabase(live);

    // The backup came from another database with its own key: restored with that key, it is re-encrypted with the target's.
    await expect(restoreDatabase(target, backup, { key: keyBeside(target) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const result = await restoreDatabase(
      target,
      backup,
      { key: keyBeside(target), sourceKey: ws.db.key },
      new Date('2026-03-10T12:00:00Z'),
    );
    expect(result.safetyBackup).toBe(join(dir, 'school.before-restore-20260310T120000Z.db'));
    const saved = openKeyed(result.safetyBackup as string, keyBeside(target), { readonly: true });
    expect(saved.prepare('SELECT x FROM scratch').get()).toEqual({ x: 'replaced' });
    saved.close();

    const restored = openDatabase(target, { key: keyBeside(target) });
    expect((restored.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n).toBe(3);
    expect(restored.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'scratch'").get()).toBeUndefined();
    closeDatabase(restored);
  });

  it('refuses garbage, foreign databases and damaged files without touching the target', async () => {
    const { ws } = seedSmallSchool();
    const dir = tempDir();
    const target = join(dir, 'school.db');
    await backupDatabase(ws.db, target);
    const before = readFileSync(target);

    const garbage = join(dir, 'garbage.bin');
    writeFileSync(garbage, 'name,phone\nAnna,+36301234567\n'.repeat(100));
    expect(checkDatabaseFile(garbage, ws.db.key).problems).toEqual(['the file is not an SQLite database']);

    const foreign = join(dir, 'foreign.db');
    const other = openKeyed(foreign, null);
    other.exec('CREATE TABLE notes (text)');
    other.close();
    expect(checkDatabaseFile(foreign, ws.db.key).problems[0]).toMatch(/not a Tanoda database/);

    const damaged = join(dir, 'damaged.db');
    const bytes = Buffer.from(before);
    // Scribble over a page in the middle (SQLCipher's 4096-byte pages; not the first).
    bytes.fill(0x5a, 4096 * 5 + 8, 4096 * 5 + 200);
    writeFileSync(damaged, bytes);
    expect(checkDatabaseFile(damaged, ws.db.key).ok).toBe(false);

    for (const source of [garbage, foreign, damaged]) {
      await expect(restoreDatabase(target, source, { key: ws.db.key })).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(readFileSync(target).equals(before)).toBe(true);
  });
});

describe('doctor', () => {
  it('finds a healthy file healthy and lists what people should look at', () => {
    const { ws } = seedSmallSchool();
    const report = diagnose(ws.db, asOf);
    expect(report).toMatchObject({ ok: true, integrity: ['ok'], foreignKeyViolations: [], searchIndexDrift: 0 });
    expect(report.migrations.pending).toEqual([]);
    expect(report.migrations.applied).toBe(report.migrations.available);
    const q = report.dataQuality;
    expect(q.clientsWithoutContact.sample.map((c) => c.displayName)).toEqual([expect.stringContaining('Névtelen')]);
    expect(q.duplicatePhones).toHaveLength(1);
    expect(q.duplicatePhones[0]?.clients).toHaveLength(2);
    expect(q.duplicateEmails).toHaveLength(1);
    expect(q.confirmedWithoutInstalments.count).toBe(1);
    expect(q.negativeBalances.count).toBe(0);
  });

  it('reports a client who paid more than owed as a negative balance', () => {
    const { ws, anna, enrollment } = seedSmallSchool();
    ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 1, firstDueOn: '2026-02-01' });
    ws.call('payments.create', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 5_000_000, paidOn: '2026-02-01' });
    const report = diagnose(ws.db, asOf);
    expect(report.dataQuality.confirmedWithoutInstalments.count).toBe(0);
    expect(report.dataQuality.negativeBalances.sample).toEqual([
      { id: anna.id, displayName: expect.any(String), balanceMinor: -1_000_000 },
    ]);
  });

  it('notices a search index out of step and repairs it', () => {
    const { ws } = seedSmallSchool();
    ws.db.sqlite.prepare('DELETE FROM clients_fts WHERE rowid = (SELECT min(rowid) FROM clients)').run();
    const report = diagnose(ws.db, asOf);
    expect(report.searchIndexDrift).toBe(1);
    expect(report.ok).toBe(false);
    expect(isStructurallySound(report)).toBe(true);
    expect(repairSearchIndex(ws.db)).toEqual({ before: 1, after: 0 });
    expect(diagnose(ws.db, asOf).ok).toBe(true);
  });

  it('calls a broken foreign key structurally unsound', () => {
    const { ws } = seedSmallSchool();
    ws.db.sqlite.pragma('foreign_keys = OFF');
    ws.db.sqlite.prepare("UPDATE clients SET guardian_id = 'gone' WHERE id = (SELECT min(id) FROM clients)").run();
    ws.db.sqlite.pragma('foreign_keys = ON');
    const report = diagnose(ws.db, asOf);
    expect(report.foreignKeyViolations).toEqual([expect.objectContaining({ table: 'clients', parent: 'clients' })]);
    expect(isStructurallySound(report)).toBe(false);
  });
});

describe('stats', () => {
  it('counts live and deleted rows per table', () => {
    const { ws, anna } = seedSmallSchool();
    ws.call('clients.delete', { id: anna.id });
    const stats = databaseStats(ws.db);
    expect(stats.tables.find((t) => t.table === 'clients')).toEqual({ table: 'clients', live: 2, deleted: 1 });
    expect(stats.enrollmentsByStatus).toEqual({ confirmed: 1 });
    expect(stats).toMatchObject({ schoolName: 'Test School', currency: 'HUF', locale: 'hu-HU' });
    expect(stats.changes).toBeGreaterThan(0);
  });
});
