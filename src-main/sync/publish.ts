/**
 * What this device writes into the folder, always under its own directory, so
 * the cloud service never has two writers for one file and never makes
 * "conflicted copies": its change entries as sealed, content-named, immutable
 * files (remembered in `sync.published`), its signed state file (what it has
 * applied of each peer), and the removal of its own files nobody needs any more.
 * A published file that vanished from the folder is written again under its old
 * sequence; a file under this device's name that the records do not know is
 * either adopted (a rolled-back run wrote it) or proof that a copy of this
 * device runs elsewhere, which stops sync — so one sequence number never carries
 * two different contents.
 */
import type { SyncStatusView } from '../../src-shared/api/sync-methods';
import { readLocal, writeLocal } from '../db/connection';
import { ERASE_TABLE } from '../changes/erasure';
import { NOT_A_PASSWORD_HASH } from './credentials';
import type { RemoteEntry } from '../changes/merge';
import { open } from './crypto';
import type { SyncFolder } from './folder';
import { appliedSeqs, readJson, requireConfig, syncError, writeJson, type SyncConfig, type SyncDb } from './local-state';
import { loadTrust, readRequest, signersOf, type Certificate, type Trust } from './trust';
import {
  base,
  CHANGE_FILE,
  decode,
  deviceDir,
  hashMatchesName,
  keyRing,
  sealedFile,
  toWire,
  writeContentNamed,
  type WireEntry,
} from './wire';

const ENTRIES_PER_FILE = 20_000;

/** Local state: the devices whose acknowledgements pruning waits for, remembered across rounds (see `mustAcknowledge`). */
export const ACKNOWLEDGERS_KEY = 'sync.acknowledgers';
/** Local state: how far each of those devices has acknowledged this device's files, as its last signed state said. */
export const PEER_ACKS_KEY = 'sync.peerAcks';

interface PublishedFile {
  seq: number;
  from: number;
  to: number;
  /** Every name this device wrote for the sequence (a re-published file gets a new one: fresh nonce, new hash). */
  names: string[];
  /** Names rewritten without an erased record's entries: removed wherever they turn up again (a late upload). */
  superseded?: string[];
}

interface DeviceState {
  publishedSeq: number;
  /** What this device has applied of each peer's files: its acknowledgements. */
  acks: Record<string, number>;
  /** The owner's latest snapshot covers these sequences (owner devices only). */
  snapshotCovers?: Record<string, number>;
  /** Every device the owner knows may still need files (owner devices only): what pruning waits for. */
  devices?: string[];
  at: string;
}

/** One of this device's entries with the `seq` of the write it belongs to. */
export interface OwnEntry {
  seq: number;
  entry: RemoteEntry;
}

function ownEntries(db: SyncDb, from: number, to: number): OwnEntry[] {
  const rows = db.sqlite
    .prepare(
      `SELECT seq, hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM changes WHERE seq > ? AND seq <= ? AND device_id = ? AND ${NOT_A_PASSWORD_HASH} ORDER BY seq`,
    )
    .all(from, to, db.deviceId) as (RemoteEntry & { seq: number })[];
  return rows.map(({ seq, ...entry }) => ({ seq, entry }));
}

function readPublished(db: SyncDb): PublishedFile[] {
  return readJson<PublishedFile[]>(db, 'sync.published', []);
}

/** The sequence of this device's newest change file. */
export function publishedSeq(db: SyncDb): number {
  return readPublished(db).at(-1)?.seq ?? 0;
}

/** This device's entries after the last published file: what has not left it yet. */
export function pendingOutCount(db: SyncDb): number {
  const lastTo = readPublished(db).at(-1)?.to ?? 0;
  return db.sqlite
    .prepare(`SELECT count(*) FROM changes WHERE seq > ? AND device_id = ? AND ${NOT_A_PASSWORD_HASH}`)
    .pluck()
    .get(lastTo, db.deviceId) as number;
}

function writeChangeFile(
  db: SyncDb,
  folder: SyncFolder,
  config: SyncConfig,
  file: { seq: number; from: number; to: number; entries: WireEntry[] },
): string {
  const { seq, from, to, entries } = file;
  return writeContentNamed(
    folder,
    deviceDir(config, db.deviceId),
    seq,
    sealedFile(config, 'changes', seq, { from, to, entries }, db.deviceId),
    'tcf',
  );
}

/** Writes this device's unpublished entries as new files, and re-publishes any of its files that vanished. */
export function publish(db: SyncDb, folder: SyncFolder, config: SyncConfig): number {
  const published = readPublished(db);
  republishVanished(db, folder, config, published);
  const sent = publishPending(db, folder, config, published);
  writeJson(db, 'sync.published', published);
  return sent;
}

function republishVanished(db: SyncDb, folder: SyncFolder, config: SyncConfig, published: PublishedFile[]): void {
  const present = new Set(folder.list(deviceDir(config, db.deviceId)));
  const prunedThrough = Number(readLocal(db.sqlite, 'sync.prunedThrough') ?? '0');
  for (const file of published) {
    if (file.seq <= prunedThrough || file.names.some((name) => present.has(name))) continue;
    const entries = ownEntries(db, file.from, file.to).map((e) => toWire(e.entry));
    file.names.push(writeChangeFile(db, folder, config, { seq: file.seq, from: file.from, to: file.to, entries }));
  }
}

/**
 * Where the file that starts at `index` ends: at most ENTRIES_PER_FILE entries,
 * cut between user actions where possible, so a late file never splits one; and
 * never inside one write, whose entries share one `seq` (a file's range is in seqs).
 */
export function fileEnd(pending: readonly OwnEntry[], index: number, perFile = ENTRIES_PER_FILE): number {
  const limit = Math.min(index + perFile, pending.length);
  const lastCut = (joined: (a: OwnEntry, b: OwnEntry) => boolean): number | null => {
    for (let at = limit; at > index; at--)
      if (at === pending.length || !joined(pending[at - 1] as OwnEntry, pending[at] as OwnEntry)) return at;
    return null;
  };
  const cut = lastCut((a, b) => a.entry.tx === b.entry.tx) ?? lastCut((a, b) => a.seq === b.seq);
  if (cut !== null) return cut;
  let end = limit;
  while (end < pending.length && pending[end]?.seq === pending[end - 1]?.seq) end++;
  return end;
}

/** Batches of at most ENTRIES_PER_FILE entries (more only for one write wider than that); returns how many entries were sent. */
function publishPending(db: SyncDb, folder: SyncFolder, config: SyncConfig, published: PublishedFile[]): number {
  let from = published.at(-1)?.to ?? 0;
  const maxSeq = (db.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get() as number) ?? 0;
  let sent = 0;
  const pending = ownEntries(db, from, maxSeq);
  let index = 0;
  while (index < pending.length) {
    const end = fileEnd(pending, index);
    const slice = pending.slice(index, end);
    const seq = (published.at(-1)?.seq ?? 0) + 1;
    const to = (slice.at(-1) as { seq: number }).seq;
    const name = writeChangeFile(db, folder, config, { seq, from, to, entries: slice.map((e) => toWire(e.entry)) });
    published.push({ seq, from, to, names: [name] });
    from = to;
    sent += slice.length;
    index = end;
  }
  return sent;
}

/**
 * Looks for change files under this device's id that its records do not name.
 * One whose entries are exactly this device's own log for that range was written
 * by this device in a run whose bookkeeping was rolled back (the folder kept the
 * file, the database forgot it): it is adopted, so its sequence number is never
 * reused for different content. Anything else signed with this device's key was
 * written by a second machine running on a copy of this app's data.
 */
export function checkOwnFolder(db: SyncDb, folder: SyncFolder, config: SyncConfig): void {
  const own = deviceDir(config, db.deviceId);
  const published = readPublished(db);
  const knownNames = new Set(published.flatMap((f) => f.names));
  const superseded = new Set(published.flatMap((f) => f.superseded ?? []));
  const listed = folder.list(own);
  // A file rewritten after an erasure may still arrive late under its old name: it goes again.
  for (const name of listed.filter((n) => superseded.has(n))) folder.remove(`${own}/${name}`);
  const unknown = listed.filter((name) => CHANGE_FILE.test(name) && !knownNames.has(name) && !superseded.has(name)).sort();
  let changed = false;
  for (const name of unknown) {
    const seq = Number(name.slice(0, 10));
    const data = folder.read(`${own}/${name}`);
    if (!data || !hashMatchesName(data, name)) continue;
    let payload: { from?: number; to?: number; entries: WireEntry[] };
    try {
      payload = decode(
        open(
          data,
          { kind: 'changes', workspace: config.workspaceId, device: db.deviceId, seq },
          keyRing(config),
          db.deviceId === config.ownerDeviceId ? [config.keys.publicKey, config.rootPublicKey] : config.keys.publicKey,
        ),
      );
    } catch {
      continue;
    }
    adoptOrStop(db, published, seq, name, payload);
    changed = true;
  }
  if (changed) writeJson(db, 'sync.published', published);
}

/** Records an unknown file of this device's as published if it is this device's own log; otherwise stops sync as a clone. */
function adoptOrStop(
  db: SyncDb,
  published: PublishedFile[],
  seq: number,
  name: string,
  payload: { from?: number; to?: number; entries: WireEntry[] },
): void {
  const from = payload.from ?? -1;
  const to = payload.to ?? -1;
  const mine = ownEntries(db, from, to).map((e) => JSON.stringify(toWire(e.entry)));
  const theirs = payload.entries.map((e) => JSON.stringify(e));
  const same = from >= 0 && mine.length === theirs.length && mine.every((entry, i) => entry === theirs[i]);
  const record = published.find((f) => f.seq === seq);
  const last = published.at(-1);
  if (same && record && record.from === from && record.to === to) record.names.push(name);
  else if (same && seq === (last?.seq ?? 0) + 1 && from === (last?.to ?? 0)) published.push({ seq, from, to, names: [name] });
  else {
    writeLocal(db.sqlite, 'sync.lastError', 'cloned');
    throw syncError(
      'Another computer is using a copy of this device’s data (same device id). Sync is stopped on this copy: keep one, and join the other as a new device.',
      'cloned',
    );
  }
}

export function writeState(db: SyncDb, folder: SyncFolder, config: SyncConfig, now: Date): void {
  const state: DeviceState = { publishedSeq: publishedSeq(db), acks: appliedSeqs(db), at: now.toISOString() };
  if (db.deviceId === config.ownerDeviceId) {
    state.snapshotCovers = readJson<Record<string, number>>(db, 'sync.snapshotCovers', {});
    state.devices = readJson<string[]>(db, ACKNOWLEDGERS_KEY, []);
  }
  folder.write(`${deviceDir(config, db.deviceId)}/state.tcs`, sealedFile(config, 'state', 0, state, db.deviceId));
}

export function readState(folder: SyncFolder, config: SyncConfig, cert: Certificate): DeviceState | null {
  const data = folder.read(`${deviceDir(config, cert.deviceId)}/state.tcs`);
  if (!data) return null;
  try {
    return decode<DeviceState>(
      open(data, { kind: 'state', workspace: config.workspaceId, device: cert.deviceId }, keyRing(config), signersOf(config, cert)),
    );
  } catch {
    return null;
  }
}

/**
 * Compaction: removes this device's change files that nobody can need any more —
 * every other active (certified, not revoked) device has acknowledged them in its
 * signed state file, and the owner's latest snapshot covers them, so a device
 * joining later starts after them. A device without a readable state file holds
 * everything back. Returns how many files were removed.
 */
export function pruneOwnFiles(db: SyncDb, folder: SyncFolder): number {
  const config = requireConfig(db);
  const bound = acknowledgedByAll(db, folder, config);
  if (!Number.isFinite(bound) || bound <= 0) return 0;
  const published = readPublished(db);
  const prunedThrough = Number(readLocal(db.sqlite, 'sync.prunedThrough') ?? '0');
  let removed = 0;
  const dir = deviceDir(config, db.deviceId);
  for (const file of published) {
    if (file.seq > bound || file.seq <= prunedThrough) continue;
    for (const name of file.names) folder.remove(`${dir}/${name}`);
    removed++;
  }
  writeLocal(db.sqlite, 'sync.prunedThrough', String(Math.max(prunedThrough, bound)));
  return removed;
}

/**
 * The highest of this device's sequences that every device that may still need
 * them and the latest snapshot have. A device counts as long as it has ever been
 * seen (see `mustAcknowledge`); one whose certificate or request cannot be read
 * this round, or whose state file cannot, holds everything back.
 */
function acknowledgedByAll(db: SyncDb, folder: SyncFolder, config: SyncConfig): number {
  const trust = loadTrust(folder, config);
  const isOwner = db.deviceId === config.ownerDeviceId;
  const ownerState = isOwner ? null : readState(folder, config, trust.certs.get(config.ownerDeviceId) as Certificate);
  const covers = isOwner ? readJson<Record<string, number>>(db, 'sync.snapshotCovers', {}) : (ownerState?.snapshotCovers ?? {});
  let bound = covers[db.deviceId] ?? 0;
  const before = readJson<Record<string, number>>(db, PEER_ACKS_KEY, {});
  const acks: Record<string, number> = {};
  for (const device of mustAcknowledge(db, folder, config, trust, ownerState?.devices ?? [])) {
    const signer = trust.certs.get(device) ?? pendingSigner(folder, config, device);
    const state = signer ? readState(folder, config, signer) : null;
    const acked = state?.acks[db.deviceId] ?? 0;
    // A state file this round could not read says nothing: status keeps what the last one said.
    acks[device] = Math.max(acked, before[device] ?? 0);
    bound = Math.min(bound, acked);
  }
  writeJson(db, PEER_ACKS_KEY, acks);
  return bound;
}

/**
 * Every device that may still need this device's files. A cloud lists folders
 * partially and reads files short, so a round that misses a device's certificate
 * or join request says nothing about whether the device is there: taking that
 * for "gone" once let a device prune files a certified peer had not applied, and
 * the peer waited at the gap for ever (every later file of that device, refusals
 * included, never reached it). So the set only grows — from the certificates and
 * requests this round could read, the owner's signed list, the peers this device
 * applied — is remembered across rounds, and only a verified revocation removes
 * a device from it.
 */
function mustAcknowledge(db: SyncDb, folder: SyncFolder, config: SyncConfig, trust: Trust, ownersList: readonly string[]): string[] {
  const devices = new Set([...readJson<string[]>(db, ACKNOWLEDGERS_KEY, []), ...trust.certs.keys(), ...ownersList]);
  for (const device of Object.keys(appliedSeqs(db))) devices.add(device);
  for (const device of folder.list(`${base(config)}/devices`))
    if (!devices.has(device) && readRequest(folder, config, device)) devices.add(device);
  devices.delete(db.deviceId);
  for (const device of trust.revoked.keys()) devices.delete(device);
  const list = [...devices].sort();
  writeJson(db, ACKNOWLEDGERS_KEY, list);
  return list;
}

/** The signer of a device still waiting for approval, from its join request (it already started from a snapshot). */
function pendingSigner(folder: SyncFolder, config: SyncConfig, device: string): Certificate | null {
  const request = readRequest(folder, config, device);
  return request ? { deviceId: device, userId: request.userId, role: 'assistant', publicKey: request.publicKey } : null;
}

/**
 * After an erasure: rewrites every one of this device's change files (not yet
 * pruned) that held an erased entry from the log as it is now, under a new name,
 * and removes the old one. A peer that has not applied the file yet reads the
 * new one; one that has already applied it never reads it again (and applies the
 * erase entry itself). Returns how many files were rewritten.
 */
export function supersedeErasedFiles(db: SyncDb, folder: SyncFolder, config: SyncConfig, erasedSeqs: readonly number[]): number {
  if (erasedSeqs.length === 0) return 0;
  const published = readPublished(db);
  const prunedThrough = Number(readLocal(db.sqlite, 'sync.prunedThrough') ?? '0');
  const dir = deviceDir(config, db.deviceId);
  let rewritten = 0;
  for (const file of published) {
    if (file.seq <= prunedThrough || !erasedSeqs.some((seq) => seq > file.from && seq <= file.to)) continue;
    const entries = ownEntries(db, file.from, file.to).map((e) => toWire(e.entry));
    const name = writeChangeFile(db, folder, config, { seq: file.seq, from: file.from, to: file.to, entries });
    for (const old of file.names) folder.remove(`${dir}/${old}`);
    file.superseded = [...(file.superseded ?? []), ...file.names];
    file.names = [name];
    rewritten++;
  }
  writeJson(db, 'sync.published', published);
  return rewritten;
}

/**
 * This device's erasures (the first erase entry of each purge) that some device
 * has not acknowledged yet: not yet sent, or sent in a file a device that must
 * acknowledge has not applied. Read from local state only, for status.
 */
export function pendingErasures(db: SyncDb): SyncStatusView['erasuresPending'] {
  const published = readPublished(db);
  const acks = readJson<Record<string, number>>(db, PEER_ACKS_KEY, {});
  const devices = readJson<string[]>(db, ACKNOWLEDGERS_KEY, []);
  const roots = db.sqlite
    .prepare(
      `SELECT min(c.seq) AS seq, c.row_id AS rowId, c.value, e.erased_at AS erasedAt FROM changes c
         LEFT JOIN erasures e ON e.row_id = c.row_id
        WHERE c.table_name = ? AND c.device_id = ? GROUP BY c.tx ORDER BY seq`,
    )
    .all(ERASE_TABLE, db.deviceId) as { seq: number; rowId: string; value: string; erasedAt: string | null }[];
  const pending: SyncStatusView['erasuresPending'] = [];
  for (const root of roots) {
    const fileSeq = published.find((f) => root.seq > f.from && root.seq <= f.to)?.seq ?? null;
    const waitingFor = devices.filter((device) => fileSeq === null || (acks[device] ?? 0) < fileSeq);
    if (fileSeq !== null && waitingFor.length === 0) continue;
    const table = JSON.parse(root.value) as string;
    pending.push({ table, rowId: root.rowId, erasedAt: root.erasedAt ?? '', sent: fileSeq !== null, waitingFor });
  }
  return pending;
}
