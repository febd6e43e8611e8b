/**
 * Snapshots: the latest value of every column with its HLC (tombstones included)
 * plus what is parked — a replica in one file, less the password hashes, which
 * go only to their own user's machines (credentials.ts). The owner's device writes one at
 * set-up, at each invite and every so many files, so a new device joins from one
 * file instead of replaying years of history, and old change files can be pruned
 * once a snapshot covers them. Only snapshots under the owner's directory that
 * open under the owner device's certified key (or the root key, trust.ts) are
 * read, so a snapshot planted by anyone else cannot hand a joining device
 * someone else's data.
 */
import { readLocal, writeLocal } from '../db/connection';
import type { RemoteEntry } from '../changes/merge';
import { open, sha256Hex } from './crypto';
import type { SyncFolder } from './folder';
import { NOT_A_PASSWORD_HASH } from './credentials';
import { appliedSeqs, writeJson, type SyncConfig, type SyncDb } from './local-state';
import { publishedSeq } from './publish';
import { ownerSigners } from './trust';
import { decode, deviceDir, keyRing, sealedFile, SNAPSHOT_FILE, writeContentNamed } from './wire';

/**
 * A snapshot's content. Its entries travel grouped into the writes they came
 * from (`writes`): a row's columns mostly share one HLC, action, device and user,
 * so each of those is written once per write instead of once per column, and
 * actions, devices and users once per snapshot (`sources`). Snapshots written
 * before carry one tuple per entry (`entries`); they are still read. A version
 * that knows only `entries` finds none here, fails to read the file and joins
 * from an older snapshot or not at all, never from an empty one.
 */
interface SnapshotPayload {
  covers: Record<string, number>;
  /** (tx, device, user) of the writes, each once. */
  sources?: [string, string, string | null][];
  /** [table, rowId, hlc, index in `sources`, column, value, column, value…]: one write's entries of one row. */
  writes?: SnapshotWrite[];
  /** The earlier shape: one tuple per entry. */
  entries?: WireEntryWithDevice[];
  /** Rows erased as dependents of an erased record, which no erase entry names: [rowId, table, erasedAt]. */
  erased?: [string, string, string][];
}

type SnapshotWrite = [string, string, string, number, ...(string | null)[]];

/** Snapshot entries carry their device: [hlc, tx, deviceId, userId, table, rowId, column, value]. */
type WireEntryWithDevice = [string, string, string, string | null, string, string, string, string | null];

/**
 * Entries (a row's adjacent to each other) gathered into writes: consecutive
 * entries of one row with the same HLC and source extend the same write.
 */
class WriteCollector {
  readonly sources: [string, string, string | null][] = [];
  readonly writes: SnapshotWrite[] = [];
  private readonly sourceIds = new Map<string, number>();
  /** The current row's writes, by HLC and source. */
  private row: { table: string; rowId: string; writes: Map<string, SnapshotWrite> } | null = null;

  add([hlc, tx, deviceId, userId, table, rowId, column, value]: WireEntryWithDevice): void {
    const sourceKey = `${tx}\u0000${deviceId}\u0000${userId ?? ''}\u0000${userId === null ? 0 : 1}`;
    let source = this.sourceIds.get(sourceKey);
    if (source === undefined) {
      source = this.sources.push([tx, deviceId, userId]) - 1;
      this.sourceIds.set(sourceKey, source);
    }
    if (!this.row || this.row.table !== table || this.row.rowId !== rowId) this.row = { table, rowId, writes: new Map() };
    const writeKey = `${hlc}\u0000${source}`;
    let write = this.row.writes.get(writeKey);
    if (!write) {
      this.writes.push((write = [table, rowId, hlc, source]));
      this.row.writes.set(writeKey, write);
    }
    write.push(column, value);
  }

  /** Parked entries start afresh: one of them may repeat a column of a logged write. */
  breakRow(): void {
    this.row = null;
  }
}

/** The latest value of every column with its HLC, tombstones included, plus what is parked: a replica in one file. */
export function writeSnapshot(db: SyncDb, folder: SyncFolder, config: SyncConfig): string {
  const covers: Record<string, number> = { [db.deviceId]: publishedSeq(db), ...appliedSeqs(db) };
  const collected = new WriteCollector();
  // Grouped by row, so a row's entries come together and its writes are found among its own.
  const latest = db.sqlite
    .prepare(
      `SELECT max(hlc) AS hlc, tx, device_id, user_id, table_name, row_id, "column", value FROM changes WHERE ${NOT_A_PASSWORD_HASH} GROUP BY table_name, row_id, "column"`,
    )
    .raw()
    .iterate() as Iterable<WireEntryWithDevice>;
  for (const row of latest) collected.add(row);
  collected.breakRow();
  for (const row of db.sqlite
    .prepare(
      `SELECT hlc, tx, device_id, user_id, table_name, row_id, "column", value FROM sync_parked WHERE ${NOT_A_PASSWORD_HASH} ORDER BY table_name, row_id`,
    )
    .raw()
    .iterate() as Iterable<WireEntryWithDevice>)
    collected.add(row);
  const seq = covers[db.deviceId] ?? 0;
  const erased = db.sqlite.prepare('SELECT row_id, table_name, erased_at FROM erasures WHERE hlc IS NULL').raw().all() as [
    string,
    string,
    string,
  ][];
  const payload: SnapshotPayload = { covers, sources: collected.sources, writes: collected.writes, erased };
  writeJson(db, 'sync.snapshotCovers', covers);
  return writeContentNamed(
    folder,
    `${deviceDir(config, db.deviceId)}/snapshots`,
    seq,
    sealedFile(config, 'snapshot', seq, payload, db.deviceId),
    'tcs',
  );
}

/**
 * On the owner's root device, after a round that moved files: counts them, and
 * writes a fresh snapshot once `every` files arrived or left since the last one.
 */
export function snapshotIfDue(
  db: SyncDb,
  folder: SyncFolder,
  config: SyncConfig,
  round: { filesApplied: number; sent: number; every: number },
): void {
  const { filesApplied, sent, every } = round;
  if (config.role !== 'owner' || config.ownerDeviceId !== db.deviceId || filesApplied + sent <= 0) return;
  const since = Number(readLocal(db.sqlite, 'sync.filesSinceSnapshot') ?? '0') + filesApplied + (sent > 0 ? 1 : 0);
  if (since >= every) {
    writeSnapshot(db, folder, config);
    writeLocal(db.sqlite, 'sync.filesSinceSnapshot', '0');
  } else writeLocal(db.sqlite, 'sync.filesSinceSnapshot', String(since));
}

/**
 * After an erasure on the owner's device: a fresh snapshot without the erased
 * records, and every older snapshot (which still holds them) removed.
 */
export function supersedeSnapshots(db: SyncDb, folder: SyncFolder, config: SyncConfig): void {
  const dir = `${deviceDir(config, db.deviceId)}/snapshots`;
  const fresh = writeSnapshot(db, folder, config);
  for (const name of folder.list(dir)) if (name !== fresh && SNAPSHOT_FILE.test(name)) folder.remove(`${dir}/${name}`);
  writeLocal(db.sqlite, 'sync.filesSinceSnapshot', '0');
}

export interface Snapshot {
  covers: Record<string, number>;
  entries: RemoteEntry[];
  erased: { rowId: string; table: string; erasedAt: string }[];
}

export function latestSnapshot(folder: SyncFolder, config: SyncConfig): Snapshot | null {
  const dir = `${deviceDir(config, config.ownerDeviceId)}/snapshots`;
  const signers = ownerSigners(folder, config);
  const names = folder
    .list(dir)
    .filter((n) => SNAPSHOT_FILE.test(n))
    .sort()
    .reverse();
  for (const name of names) {
    const data = folder.read(`${dir}/${name}`);
    if (!data || !name.includes(`-${sha256Hex(data).slice(0, 16)}.`)) continue;
    try {
      const seq = Number(name.slice(0, 10));
      const payload = decode<SnapshotPayload>(
        open(data, { kind: 'snapshot', workspace: config.workspaceId, device: config.ownerDeviceId, seq }, keyRing(config), signers),
      );
      const entries = snapshotEntries(payload);
      const erased = (payload.erased ?? []).map(([rowId, table, erasedAt]) => ({ rowId, table, erasedAt }));
      return { covers: payload.covers, entries, erased };
    } catch {
      continue;
    }
  }
  return null;
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The entries of a snapshot in either shape; throws when it is neither (the caller tries an older snapshot). */
function snapshotEntries(payload: SnapshotPayload): RemoteEntry[] {
  if (payload.writes === undefined)
    return (payload.entries as WireEntryWithDevice[]).map(([hlc, tx, deviceId, userId, table, rowId, column, value]) => ({
      hlc,
      tx,
      deviceId,
      userId,
      table,
      rowId,
      column,
      value,
    }));
  const sources = payload.sources as [string, string, string | null][];
  const entries: RemoteEntry[] = [];
  for (const write of payload.writes) {
    const [table, rowId, hlc, sourceIndex] = write;
    const source = sources[sourceIndex];
    if (!source || !isText(table) || !isText(rowId) || !isText(hlc) || write.length % 2 !== 0) throw new Error('malformed snapshot');
    const [tx, deviceId, userId] = source;
    for (let i = 4; i < write.length; i += 2) {
      const column = write[i];
      const value = write[i + 1] as string | null;
      if (!isText(column) || (value !== null && !isText(value))) throw new Error('malformed snapshot');
      entries.push({ hlc, tx, deviceId, userId, table, rowId, column, value });
    }
  }
  return entries;
}
