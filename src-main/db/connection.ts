/**
 * Opening the school's database: one file, pragmas for durability, migrations,
 * and this device's identity. Every host (Electron, CLI, HTTP bridge, tests)
 * opens it through `openDatabase`, so they all get the same guarantees.
 *
 * - WAL + synchronous=FULL: a power cut on a laptop loses at most the write in
 *   flight, never a committed payment.
 * - foreign_keys=ON: an enrollment cannot point at a client that is not there.
 * - busy_timeout: the CLI may read while the app writes.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Db {
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  readonly file: string;
  /** This installation's id: stamped on every change it writes. Local, never synced. */
  readonly deviceId: string;
}

export interface OpenOptions {
  /** Folder with drizzle-kit's generated migrations; found next to the app by default. */
  migrationsFolder?: string;
  readonly?: boolean;
  /** Called before migrations are applied to a database that has some already (for a backup first). */
  beforeMigrate?: (sqlite: Database.Database, pending: string[]) => void;
}

/** Migration tags in the folder's journal that this database has not had yet. */
export function pendingMigrations(sqlite: Database.Database, migrationsFolder: string): string[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  if (!hasTable) return journal.entries.map((e) => e.tag);
  const applied = new Set(
    (sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map((r) => Number(r.at)),
  );
  return journal.entries.filter((e) => !applied.has(e.when)).map((e) => e.tag);
}

function hasAppliedMigrations(sqlite: Database.Database): boolean {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  return hasTable && sqlite.prepare('SELECT 1 FROM __drizzle_migrations LIMIT 1').get() !== undefined;
}

/** Walks up from this module to the folder holding `drizzle/meta/_journal.json`. */
export function defaultMigrationsFolder(): string {
  const fromEnv = process.env['TANODA_MIGRATIONS'];
  if (fromEnv) return fromEnv;
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates: string[] = [];
  if (resources) candidates.push(join(resources, 'drizzle'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'drizzle'));
    dir = dirname(dir);
  }
  candidates.push(resolve('drizzle'));
  const found = candidates.find((c) => existsSync(join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`Cannot find the database migrations (looked in ${candidates.join(', ')})`);
  return found;
}

export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  try {
    if (options.readonly) {
      sqlite.pragma('busy_timeout = 5000');
    } else {
      applyPragmas(sqlite);
    }
    const orm = drizzle({ client: sqlite, schema });
    if (!options.readonly) {
      const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
      if (options.beforeMigrate && hasAppliedMigrations(sqlite)) {
        const pending = pendingMigrations(sqlite, migrationsFolder);
        if (pending.length > 0) options.beforeMigrate(sqlite, pending);
      }
      migrate(orm, { migrationsFolder });
    }
    const deviceId = options.readonly ? (readLocal(sqlite, 'device_id') ?? 'readonly') : ensureDeviceId(sqlite);
    return { sqlite, orm, file, deviceId };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export function closeDatabase(db: Db): void {
  if (db.sqlite.open) db.sqlite.close();
}

export function readLocal(sqlite: Database.Database, key: string): string | undefined {
  const row = sqlite.prepare('SELECT value FROM local_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeLocal(sqlite: Database.Database, key: string, value: string): void {
  sqlite
    .prepare('INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, value);
}

function ensureDeviceId(sqlite: Database.Database): string {
  const existing = readLocal(sqlite, 'device_id');
  if (existing) return existing;
  const id = uuidv7();
  writeLocal(sqlite, 'device_id', id);
  return id;
}
