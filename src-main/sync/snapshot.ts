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

interface SnapshotPayload {
  covers: Record<string, number>;
  entries: WireEntryWithDevice[];
  /** Rows erased as dependents of an erased record, which no erase entry names: [rowId, table, erasedAt]. */
  erased?: [string, string, string][];
}

/** Snapshot entries carry their device: [hlc, tx, deviceId, userId, table, rowId, column, value]. */
type WireEntryWithDevice = [string, string, string, string | null, string, string, string, string | null];

/** The latest value of every column with its HLC, tombstones included, plus what is parked: a replica in one file. */
export function writeSnapshot(db: SyncDb, folder: SyncFolder, config: SyncConfig): string {
  const covers: Record<string, number> = { [db.deviceId]: publishedSeq(db), ...appliedSeqs(db) };
  const entries: WireEntryWithDevice[] = [];
  const latest = db.sqlite
    .prepare(
      `SELECT max(hlc) AS hlc, tx, device_id, user_id, table_name, row_id, "column", value FROM changes WHERE ${NOT_A_PASSWORD_HASH} GROUP BY table_name, row_id, "column"`,
    )
    .raw()
    .iterate() as Iterable<WireEntryWithDevice>;
  for (const row of latest) entries.push(row);
  for (const row of db.sqlite
    .prepare(`SELECT hlc, tx, device_id, user_id, table_name, row_id, "column", value FROM sync_parked WHERE ${NOT_A_PASSWORD_HASH}`)
    .raw()
    .iterate() as Iterable<WireEntryWithDevice>)
    entries.push(row);
  const seq = covers[db.deviceId] ?? 0;
  const erased = db.sqlite.prepare('SELECT row_id, table_name, erased_at FROM erasures WHERE hlc IS NULL').raw().all() as [
    string,
    string,
    string,
  ][];
  const payload: SnapshotPayload = { covers, entries, erased };
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
      const entries = payload.entries.map(([hlc, tx, deviceId, userId, table, rowId, column, value]) => ({
        hlc,
        tx,
        deviceId,
        userId,
        table,
        rowId,
        column,
        value,
      }));
      const erased = (payload.erased ?? []).map(([rowId, table, erasedAt]) => ({ rowId, table, erasedAt }));
      return { covers: payload.covers, entries, erased };
    } catch {
      continue;
    }
  }
  return null;
}
