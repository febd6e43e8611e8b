/**
 * Looking after the database file itself: where the app keeps it, backing it up,
 * putting a backup back, checking it (`doctor`) and counting what it holds
 * (`stats`). These are what the CLI's maintenance commands and, later, the app's
 * automatic backups call.
 *
 * The shape follows the failures it must prevent. A backup is one consistent
 * state, never a file copied while it is written: the file's encrypted bytes
 * copied while a read transaction pins them, or, when that cannot be had,
 * `VACUUM INTO`, which writes the copy through the source connection's cipher.
 * (The online backup API of the cipher library refuses an encrypted source: it
 * opens the target itself, without a key.) Either way the copy is encrypted with
 * the database's own key, and it is not called a backup until it passes
 * `integrity_check`. A copy of a plain file (one from before encryption) is
 * encrypted before it is kept, so no backup is ever readable without the key or
 * the recovery key.
 * A restore refuses anything that is not a healthy Tanoda database, first takes a
 * safety backup of the file it replaces, and swaps the file in with one rename,
 * after removing the old write-ahead log that SQLite would otherwise replay onto
 * the restored pages. `doctor` only reads, so it can look at a damaged file
 * without making it worse.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, posix, win32 } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { todayIn } from '../../src-shared/dates';
import { defaultMigrationsFolder, isPlainDatabaseFile, openKeyed, rekeyOpenFile, type Db, type Sqlite } from '../db/connection';
import { makePrivate, sameKey, type DatabaseKey } from '../db/keys';
import { syncedTables } from '../db/schema';
import { newestHlc } from '../changes/changelog';
import { clientSearchDrift, rebuildClientSearch } from '../db/search';
import { clientBalances } from '../services/balances';
import { DATABASE_FILE_NAME, userDataFolder } from '../paths';

// ---- where the app keeps its database -----------------------------------------

/**
 * The file the desktop app opens: Electron's `userData` folder for an app named
 * Tanoda plus `tanoda.db` (src-main/paths.ts, where the window takes it from),
 * with the platform's separators, so the CLI finds the same file the app uses.
 */
export function defaultDatabaseFile(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const path = platform === 'win32' ? win32 : posix;
  return path.join(userDataFolder(platform, env, home), DATABASE_FILE_NAME);
}

// ---- recognising a Tanoda database ---------------------------------------------

/** Tables without which a file is not a Tanoda workspace, whatever else it holds. */
const requiredTables = ['settings', 'users', 'clients', 'enrollments', 'payments', 'changes', 'local_state', '__drizzle_migrations'];

export interface FileCheck {
  file: string;
  ok: boolean;
  /** Why the file is not usable, in words; empty when ok. */
  problems: string[];
  integrity: string[];
  /** The file is encrypted (it has no plain SQLite header). */
  encrypted: boolean;
  /** The file is encrypted and the key given does not open it: ask for its recovery key. */
  wrongKey: boolean;
}

function missingTables(sqlite: Sqlite): string[] {
  const present = new Set(
    // `changes` is a view over `change_log` since the lean log, a table in older files (migrated on open).
    (sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as { name: string }[]).map((r) => r.name),
  );
  return requiredTables.filter((t) => !present.has(t));
}

function integrityOf(sqlite: Sqlite): string[] {
  return (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
}

/**
 * Is `file` a Tanoda database that passes integrity_check? Opens it read-only,
 * with `key` when it is encrypted (a plain file from before encryption opens
 * without). An encrypted file the key does not open is reported as such, since
 * it cannot be told apart from any other file of random bytes.
 */
export function checkDatabaseFile(file: string, key: DatabaseKey | null): FileCheck {
  const result: FileCheck = { file, ok: false, problems: [], integrity: [], encrypted: false, wrongKey: false };
  if (!existsSync(file)) {
    result.problems.push('the file does not exist');
    return result;
  }
  const plain = isPlainDatabaseFile(file);
  result.encrypted = !plain;
  // An encrypted file is whole pages; anything else of random-looking bytes is no database at all.
  const size = statSync(file).size;
  if (size < 512 || (!plain && (!key || size % 512 !== 0))) {
    result.problems.push(plain || size % 512 !== 0 ? 'the file is not an SQLite database' : 'the file is encrypted and no key was given');
    return result;
  }
  let sqlite: Sqlite | undefined;
  try {
    sqlite = openKeyed(file, plain ? null : key, { readonly: true, fileMustExist: true });
    const missing = missingTables(sqlite);
    if (missing.length > 0) result.problems.push(`not a Tanoda database (missing tables: ${missing.join(', ')})`);
    result.integrity = integrityOf(sqlite);
    if (result.integrity.length !== 1 || result.integrity[0] !== 'ok') result.problems.push('integrity_check failed');
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') {
      result.wrongKey = true;
      result.problems.push('it is encrypted with another key (or is not a Tanoda database): its recovery key opens it');
    } else {
      result.problems.push(`cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    sqlite?.close();
  }
  result.ok = result.problems.length === 0;
  return result;
}

// ---- backup --------------------------------------------------------------------

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  integrity: 'ok';
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeSidecars(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * The fast path of a backup: the file's own (already encrypted) bytes, copied
 * while a read transaction pins them. After a TRUNCATE checkpoint the WAL is
 * empty; a read that begins while it is still empty reads the database file
 * alone, and no checkpoint may write into that file until the read ends, so the
 * copy is one consistent state. Answers false (and copies nothing) whenever that
 * cannot be had — another connection kept the checkpoint from finishing, a write
 * slipped in before the read began, a read-only connection — and the caller
 * falls back to `VACUUM INTO`, which is always consistent but rebuilds every
 * page and index (seconds for a large school, see tests/bench/encryption.ts).
 */
function copyPinnedFile(source: Sqlite, partial: string): boolean {
  const file = source.name;
  if (source.memory || source.readonly || source.inTransaction || !existsSync(file)) return false;
  try {
    const [checkpoint] = source.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (!checkpoint || checkpoint.busy !== 0 || checkpoint.log > 0) return false;
  } catch {
    return false;
  }
  source.exec('BEGIN');
  try {
    source.prepare('SELECT count(*) FROM sqlite_master').get();
    if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) return false;
    copyFileSync(file, partial);
    return true;
  } finally {
    source.exec('COMMIT');
  }
}

/**
 * Writes a consistent, encrypted, self-contained copy of the open connection
 * `source` (whose file is encrypted with `key`, or plain) to `partial`: rollback
 * journal, no WAL, 0600, checked with integrity_check. Throws, leaving the
 * partial file for the caller to remove, when anything is wrong.
 */
export function writeEncryptedCopy(source: Sqlite, key: DatabaseKey, partial: string): void {
  if (!copyPinnedFile(source, partial)) source.prepare('VACUUM INTO ?').run(partial);
  makePrivate(partial);
  const plainCopy = isPlainDatabaseFile(partial);
  const copy = openKeyed(partial, plainCopy ? null : key, { fileMustExist: true });
  try {
    if (plainCopy) rekeyOpenFile(copy, key);
    else copy.pragma('journal_mode = DELETE');
    const integrity = integrityOf(copy);
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new AppError('INTERNAL', `The backup copy failed integrity_check: ${integrity.slice(0, 5).join('; ')}`);
    }
  } finally {
    copy.close();
  }
  fsyncFile(partial);
}

/**
 * Copies the open database `source` to `outFile`, encrypted with its key,
 * checks the copy, and only then moves it to `outFile`. A failed backup leaves
 * no file that looks like a good one.
 */
export async function backupDatabase(source: Pick<Db, 'sqlite' | 'key'>, outFile: string): Promise<BackupResult> {
  const started = performance.now();
  const partial = join(dirname(outFile), `.${basename(outFile)}.partial`);
  rmSync(partial, { force: true });
  removeSidecars(partial);
  try {
    // Let a caller that awaited us first get on with its turn; the copy itself is one statement.
    await Promise.resolve();
    writeEncryptedCopy(source.sqlite, source.key, partial);
    removeSidecars(outFile);
    renameSync(partial, outFile);
  } finally {
    rmSync(partial, { force: true });
    removeSidecars(partial);
  }
  return { file: outFile, bytes: statSync(outFile).size, ms: performance.now() - started, integrity: 'ok' };
}

// ---- restore -------------------------------------------------------------------

export interface RestoreResult {
  file: string;
  from: string;
  /** Where the replaced database was saved first; null when there was none. */
  safetyBackup: string | null;
  ms: number;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export interface RestoreKeys {
  /** The key of the database at `target`: the restored file is encrypted with it. */
  key: DatabaseKey;
  /** The backup's key when it is not the database's (a backup from another computer, opened with its recovery key). */
  sourceKey?: DatabaseKey;
}

/** Refuses a source that is not a healthy Tanoda database; a key that does not open it is FORBIDDEN, so a host can ask for the recovery key. */
function refuseUnfit(source: string, check: FileCheck): never {
  const problems = check.problems.join('; ');
  if (check.wrongKey) {
    throw new AppError('FORBIDDEN', `Refusing to restore ${source}: ${problems}`, [
      { path: ['recoveryKey'], code: 'wrong_key', message: 'This backup needs its recovery key' },
    ]);
  }
  throw new AppError('VALIDATION', `Refusing to restore ${source}: ${problems}`, [
    { path: ['file'], code: 'not_a_tanoda_database', message: problems },
  ]);
}

/** The backup as a new file beside the target: a consistent copy, re-encrypted with the database's key when it had another (or none). */
function copyIncoming(source: string, incoming: string, keys: RestoreKeys, plainSource: boolean): void {
  const sourceKey = keys.sourceKey ?? keys.key;
  const from = openKeyed(source, plainSource ? null : sourceKey, { readonly: true, fileMustExist: true });
  try {
    from.prepare('VACUUM INTO ?').run(incoming);
  } finally {
    from.close();
  }
  makePrivate(incoming);
  const copy = openKeyed(incoming, plainSource ? null : sourceKey, { fileMustExist: true });
  try {
    if (plainSource || !sameKey(sourceKey, keys.key)) rekeyOpenFile(copy, keys.key);
    else copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fsyncFile(incoming);
}

/**
 * Replaces the database at `target` with the backup at `source`. Nothing may have
 * `target` open (the app must be closed). Steps: check the source with its key;
 * back up the current file beside it as `<name>.before-restore-<time>.db`; copy
 * the source next to the target, encrypted with the target's key; fold the
 * target's WAL into it and delete the WAL, so SQLite cannot replay old pages
 * onto the restored file; rename the copy over the target.
 */
export async function restoreDatabase(target: string, source: string, keys: RestoreKeys, now: Date = new Date()): Promise<RestoreResult> {
  const started = performance.now();
  const check = checkDatabaseFile(source, keys.sourceKey ?? keys.key);
  if (!check.ok) refuseUnfit(source, check);

  const targetPlain = isPlainDatabaseFile(target);
  let safetyBackup: string | null = null;
  if (existsSync(target)) {
    safetyBackup = join(dirname(target), `${basename(target).replace(/\.db$/, '')}.before-restore-${stamp(now)}.db`);
    const current = openKeyed(target, targetPlain ? null : keys.key, { fileMustExist: true });
    try {
      await backupDatabase({ sqlite: current, key: keys.key }, safetyBackup);
    } finally {
      current.close();
    }
  }

  const incoming = join(dirname(target), `.${basename(target)}.restoring`);
  rmSync(incoming, { force: true });
  removeSidecars(incoming);
  try {
    copyIncoming(source, incoming, keys, !check.encrypted);
    if (existsSync(target)) {
      const old = openKeyed(target, targetPlain ? null : keys.key, { fileMustExist: true });
      try {
        old.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        old.close();
      }
    }
    removeSidecars(target);
    renameSync(incoming, target);
  } finally {
    rmSync(incoming, { force: true });
    removeSidecars(incoming);
  }
  return { file: target, from: source, safetyBackup, ms: performance.now() - started };
}

// ---- doctor --------------------------------------------------------------------

export interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
}

export interface ClientRef {
  id: string;
  displayName: string;
}

export interface DuplicateGroup {
  value: string;
  clients: ClientRef[];
}

export interface MigrationState {
  applied: number;
  available: number;
  /** Tags of migrations this file has not had yet (the app applies them on open). */
  pending: string[];
}

export interface DoctorReport {
  file: string;
  /** Integrity, foreign keys, search index and migrations are all in order. */
  ok: boolean;
  integrity: string[];
  foreignKeyViolations: ForeignKeyViolation[];
  searchIndexDrift: number;
  migrations: MigrationState;
  /** Things people should look at; none of them make the file unhealthy. */
  dataQuality: {
    clientsWithoutContact: { count: number; sample: ClientRef[] };
    duplicatePhones: DuplicateGroup[];
    duplicateEmails: DuplicateGroup[];
    confirmedWithoutInstalments: { count: number; sample: { enrollmentId: string; clientId: string; displayName: string }[] };
    negativeBalances: { count: number; sample: (ClientRef & { balanceMinor: number })[] };
  };
}

const sampleSize = 20;

function migrationState(sqlite: Sqlite, migrationsFolder: string): MigrationState {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  const rows = hasTable
    ? (sqlite.prepare('SELECT created_at AS createdAt FROM __drizzle_migrations').all() as { createdAt: number }[])
    : [];
  const appliedWhen = new Set(rows.map((r) => Number(r.createdAt)));
  const pending = journal.entries.filter((e) => !appliedWhen.has(e.when)).map((e) => e.tag);
  return { applied: rows.length, available: journal.entries.length, pending };
}

function duplicates(sqlite: Sqlite, column: 'phone' | 'email'): DuplicateGroup[] {
  const groups = sqlite
    .prepare(
      `SELECT ${column} AS value, json_group_array(json_object('id', id, 'displayName', display_name)) AS clients
         FROM clients
        WHERE deleted_at IS NULL AND ${column} IS NOT NULL AND ${column} <> ''
        GROUP BY ${column} COLLATE NOCASE
       HAVING count(*) > 1
        ORDER BY count(*) DESC, value
        LIMIT 200`,
    )
    .all() as { value: string; clients: string }[];
  return groups.map((g) => ({ value: g.value, clients: JSON.parse(g.clients) as ClientRef[] }));
}

/**
 * Reads everything and changes nothing (open the file read-only for that).
 * `asOf` is the calendar day balances are judged on.
 */
export function diagnose(db: Db, asOf: string, migrationsFolder: string = defaultMigrationsFolder()): DoctorReport {
  const { sqlite } = db;
  const integrity = integrityOf(sqlite);
  const foreignKeyViolations = (sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[]).map(
    (v) => ({
      table: v.table,
      rowid: v.rowid,
      parent: v.parent,
    }),
  );
  const searchIndexDrift = clientSearchDrift(sqlite);
  const migrations = migrationState(sqlite, migrationsFolder);

  const noContactWhere = `deleted_at IS NULL AND archived = 0 AND guardian_id IS NULL
      AND coalesce(trim(phone), '') = '' AND coalesce(trim(email), '') = ''`;
  const clientsWithoutContact = {
    count: (sqlite.prepare(`SELECT count(*) AS n FROM clients WHERE ${noContactWhere}`).get() as { n: number }).n,
    sample: sqlite
      .prepare(`SELECT id, display_name AS displayName FROM clients WHERE ${noContactWhere} ORDER BY display_name LIMIT ${sampleSize}`)
      .all() as ClientRef[],
  };

  const unplannedFrom = `FROM enrollments e JOIN clients c ON c.id = e.client_id
     WHERE e.deleted_at IS NULL AND e.status = 'confirmed' AND e.agreed_price_minor - e.discount_minor > 0
       AND NOT EXISTS (SELECT 1 FROM instalments i WHERE i.enrollment_id = e.id AND i.deleted_at IS NULL)`;
  const confirmedWithoutInstalments = {
    count: (sqlite.prepare(`SELECT count(*) AS n ${unplannedFrom}`).get() as { n: number }).n,
    sample: sqlite
      .prepare(
        `SELECT e.id AS enrollmentId, c.id AS clientId, c.display_name AS displayName ${unplannedFrom} ORDER BY c.display_name LIMIT ${sampleSize}`,
      )
      .all() as {
      enrollmentId: string;
      clientId: string;
      displayName: string;
    }[],
  };

  const negative: (ClientRef & { balanceMinor: number })[] = [];
  const nameOf = sqlite.prepare('SELECT display_name AS displayName FROM clients WHERE id = ?');
  for (const balance of clientBalances({ db }, 'all', asOf).values()) {
    if (balance.balanceMinor >= 0) continue;
    const row = nameOf.get(balance.clientId) as { displayName: string } | undefined;
    negative.push({ id: balance.clientId, displayName: row?.displayName ?? '', balanceMinor: balance.balanceMinor });
  }
  negative.sort((a, b) => a.balanceMinor - b.balanceMinor);

  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  return {
    file: db.file,
    ok: integrityOk && foreignKeyViolations.length === 0 && searchIndexDrift === 0 && migrations.pending.length === 0,
    integrity,
    foreignKeyViolations: foreignKeyViolations.slice(0, 200),
    searchIndexDrift,
    migrations,
    dataQuality: {
      clientsWithoutContact,
      duplicatePhones: duplicates(sqlite, 'phone'),
      duplicateEmails: duplicates(sqlite, 'email'),
      confirmedWithoutInstalments,
      negativeBalances: { count: negative.length, sample: negative.slice(0, sampleSize) },
    },
  };
}

/** Whether the file itself is sound: what `doctor`'s exit code reports. */
export function isStructurallySound(report: DoctorReport): boolean {
  return report.integrity.length === 1 && report.integrity[0] === 'ok' && report.foreignKeyViolations.length === 0;
}

/** The one repair doctor makes: re-create the client search index from the clients table. */
export function repairSearchIndex(db: Db): { before: number; after: number } {
  const before = clientSearchDrift(db.sqlite);
  rebuildClientSearch(db.sqlite);
  return { before, after: clientSearchDrift(db.sqlite) };
}

/** The school's calendar day for `now`, from the workspace time zone (UTC when there is none). */
export function workspaceToday(db: Db, now: Date): string {
  const row = db.sqlite.prepare('SELECT time_zone AS timeZone FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
    { timeZone: string } | undefined;
  return todayIn(row?.timeZone ?? 'UTC', now);
}

// ---- stats ---------------------------------------------------------------------

export interface TableCount {
  table: string;
  live: number;
  deleted: number;
}

export interface DatabaseStats {
  file: string;
  schoolName: string | null;
  currency: string | null;
  locale: string | null;
  bytes: number;
  walBytes: number;
  tables: TableCount[];
  changes: number;
  lastChangeHlc: string | null;
  cohortsByStatus: Record<string, number>;
  enrollmentsByStatus: Record<string, number>;
}

function countBy(sqlite: Sqlite, table: string, column: string): Record<string, number> {
  const rows = sqlite
    .prepare(`SELECT ${column} AS key, count(*) AS n FROM ${table} WHERE deleted_at IS NULL GROUP BY ${column} ORDER BY n DESC`)
    .all() as { key: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

export function databaseStats(db: Db): DatabaseStats {
  const { sqlite } = db;
  const tables = Object.keys(syncedTables).map((table) => {
    const row = sqlite.prepare(`SELECT count(*) AS total, count(deleted_at) AS deleted FROM "${table}"`).get() as {
      total: number;
      deleted: number;
    };
    return { table, live: row.total - row.deleted, deleted: row.deleted };
  });
  const settingsRow = sqlite
    .prepare('SELECT school_name AS schoolName, currency, locale FROM settings WHERE deleted_at IS NULL LIMIT 1')
    .get() as { schoolName: string; currency: string; locale: string } | undefined;
  const changes = {
    n: sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number,
    last: newestHlc(sqlite),
  };
  const pageCount = sqlite.pragma('page_count', { simple: true }) as number;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  const wal = `${db.file}-wal`;
  return {
    file: db.file,
    schoolName: settingsRow?.schoolName ?? null,
    currency: settingsRow?.currency ?? null,
    locale: settingsRow?.locale ?? null,
    bytes: pageCount * pageSize,
    walBytes: existsSync(wal) ? statSync(wal).size : 0,
    tables,
    changes: changes.n,
    lastChangeHlc: changes.last,
    cohortsByStatus: countBy(sqlite, 'cohorts', 'status'),
    enrollmentsByStatus: countBy(sqlite, 'enrollments', 'status'),
  };
}
