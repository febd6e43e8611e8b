/**
 * Reading the other devices' files and merging them. A peer's files are applied
 * strictly in sequence, each verified completely (hash, signature against the
 * owner-certified key, header, decryption, entry shapes, the author's role)
 * before one transaction merges it through changes/merge.ts and advances that
 * peer's applied sequence — so a file is applied whole or not at all, a gap
 * waits for the late file, and a missing file is never read as a deletion.
 * A forged or tampered file, a file after a revocation and a transaction the
 * author's role does not allow are recorded as rejections (shown in status, the
 * same on every replica), never silently dropped; a damaged or missing file is
 * retried on the next round; a device whose clock runs far ahead is held back
 * (quarantine); entries waiting for a row they need are parked by the merge and
 * tried again at the end of every round.
 */
import type { SyncReport } from '../../src-shared/api/sync-methods';
import { entryProblem, mergeEntries, type RemoteEntry } from '../changes/merge';
import type { Clock } from '../core/context';
import { EnvelopeError, open } from './crypto';
import type { SyncFolder } from './folder';
import { appliedSeqOf, readJson, writeJson, type SyncConfig, type SyncDb } from './local-state';
import { refusal } from './policy';
import { signersOf, type Certificate, type Trust } from './trust';
import { base, CHANGE_FILE, decode, fromWire, hashMatchesName, keyRing } from './wire';

/** How far ahead of this machine's clock another device's changes may be stamped before they wait. */
export const MAX_CLOCK_AHEAD_MS = 6 * 3_600_000;

/** What opening a change file can find wrong, and the rejection each records (the others are retried). */
const rejectionFor: Partial<Record<EnvelopeError['reason'] | 'missing', string>> = {
  signature: 'bad_signature',
  decrypt: 'tampered',
  header: 'wrong_place',
};

/** One round of applying, shared by its steps: where, as whom, when, and the tallies it adds to. */
interface ApplyRound {
  db: SyncDb;
  folder: SyncFolder;
  config: SyncConfig;
  clock: Clock;
  now: Date;
  report: SyncReport;
  /** Devices held back for their clock, with how far ahead (persisted as `sync.skewed` for status). */
  skewed: Record<string, number>;
  /** Whether this round read the owner device's certificate (see `openFirstGood`). */
  ownerCertified: boolean;
}

function recordRejection(
  db: SyncDb,
  clock: Clock,
  device: string,
  fileSeq: number | null,
  tx: string | null,
  reason: string,
  detail: string | null,
): boolean {
  const exists = db.sqlite
    .prepare('SELECT 1 FROM sync_rejections WHERE device_id = ? AND file_seq IS ? AND tx IS ? AND reason = ?')
    .get(device, fileSeq, tx, reason);
  if (exists) return false;
  db.sqlite
    .prepare('INSERT INTO sync_rejections (device_id, file_seq, tx, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(device, fileSeq, tx, reason, detail, clock.now().toISOString());
  return true;
}

/** Records a rejection once, and counts it in this round's report the first time it is seen. */
function reject(round: ApplyRound, device: string, fileSeq: number | null, tx: string | null, reason: string, detail: string | null): void {
  if (recordRejection(round.db, round.clock, device, fileSeq, tx, reason, detail)) round.report.rejected++;
}

/** Opens one candidate change file completely, or says why not. */
function openChangeFile(
  folder: SyncFolder,
  config: SyncConfig,
  cert: Certificate,
  path: string,
  name: string,
  seq: number,
): RemoteEntry[] | EnvelopeError['reason'] | 'missing' {
  // 'key': sealed with an epoch this device holds no key for yet; it waits for the new passphrase.
  const data = folder.read(path);
  if (!data) return 'missing';
  if (!hashMatchesName(data, name)) return 'damaged';
  try {
    const plain = open(
      data,
      { kind: 'changes', workspace: config.workspaceId, device: cert.deviceId, seq },
      keyRing(config),
      signersOf(config, cert),
    );
    const payload = decode<{ entries: unknown[] }>(plain);
    const entries: RemoteEntry[] = [];
    for (const wire of payload.entries) {
      const entry = fromWire(cert.deviceId, wire);
      if (!entry || entryProblem(entry)) return 'header';
      entries.push(entry);
    }
    return entries;
  } catch (error) {
    return error instanceof EnvelopeError ? error.reason : 'damaged';
  }
}

/**
 * Applies every certified peer's new files in order, adding to `report`, and
 * returns how many files were applied. This device's own directory and devices
 * without an owner-signed certificate are skipped.
 */
export function applyPeerFiles(
  db: SyncDb,
  folder: SyncFolder,
  config: SyncConfig,
  trust: Trust,
  at: { clock: Clock; now: Date; report: SyncReport },
): number {
  const round: ApplyRound = {
    db,
    folder,
    config,
    ...at,
    skewed: readJson<Record<string, number>>(db, 'sync.skewed', {}),
    ownerCertified: trust.ownerCertified,
  };
  let filesApplied = 0;
  for (const device of folder.list(`${base(config)}/devices`)) {
    if (device === db.deviceId) continue;
    const cert = trust.certs.get(device);
    if (cert) filesApplied += applyPeer(round, cert, trust.revoked.get(device));
  }
  writeJson(db, 'sync.skewed', round.skewed);
  return filesApplied;
}

/** One peer's files from the one after its applied sequence, until a gap, a bad file or a held-back clock. */
function applyPeer(round: ApplyRound, cert: Certificate, revokedAfter: number | undefined): number {
  const device = cert.deviceId;
  const bySeq = changeFilesBySeq(round.folder.list(`${base(round.config)}/devices/${device}`));
  let filesApplied = 0;
  for (let seq = appliedSeqOf(round.db, device) + 1; bySeq.has(seq); seq++) {
    if (revokedAfter !== undefined && seq > revokedAfter) {
      for (const s of [...bySeq.keys()].filter((k) => k > revokedAfter)) reject(round, device, s, null, 'revoked', null);
      break;
    }
    const entries = openFirstGood(round, cert, seq, bySeq.get(seq) as string[]);
    if (!entries || clockTooFarAhead(round, device, entries)) break;
    mergeFile(round, cert, seq, entries);
    filesApplied++;
  }
  return filesApplied;
}

/** Change file names by sequence; a sequence may have several (a re-published file gets a new name). */
function changeFilesBySeq(names: string[]): Map<number, string[]> {
  const bySeq = new Map<number, string[]>();
  for (const name of names) {
    const match = CHANGE_FILE.exec(name);
    if (!match) continue;
    const seq = Number(match[1]);
    bySeq.set(seq, [...(bySeq.get(seq) ?? []), name]);
  }
  return bySeq;
}

/** The entries of the first candidate that opens completely, or null after recording what was forged or tampered. */
function openFirstGood(round: ApplyRound, cert: Certificate, seq: number, candidates: string[]): RemoteEntry[] | null {
  const problems: (EnvelopeError['reason'] | 'missing')[] = [];
  for (const name of candidates) {
    const path = `${base(round.config)}/devices/${cert.deviceId}/${name}`;
    const result = openChangeFile(round.folder, round.config, cert, path, name, seq);
    if (Array.isArray(result)) return result;
    problems.push(result);
  }
  // A forged or tampered file is refused and recorded; a damaged or missing one is simply retried later. So is
  // an owner's file whose signer this round could not check, its certificate being unread (listed late, read short).
  const uncheckedOwner = cert.deviceId === round.config.ownerDeviceId && !round.ownerCertified;
  for (const problem of problems) {
    const reason = uncheckedOwner && problem === 'signature' ? undefined : rejectionFor[problem];
    if (reason) reject(round, cert.deviceId, seq, null, reason, null);
  }
  return null;
}

/**
 * A device whose clock runs far ahead would win every edit until real time caught up:
 * its files wait (quarantine) instead, and status names the device and how far ahead it is.
 */
function clockTooFarAhead(round: ApplyRound, device: string, batch: RemoteEntry[]): boolean {
  const ahead = Math.max(...batch.map((e) => Number(e.hlc.slice(0, 15)))) - round.now.getTime();
  if (ahead > MAX_CLOCK_AHEAD_MS) {
    round.skewed[device] = ahead;
    return true;
  }
  delete round.skewed[device];
  return false;
}

/** One file in one transaction: each user action judged whole against the certificate, the rest merged, the peer advanced. */
function mergeFile(round: ApplyRound, cert: Certificate, seq: number, batch: RemoteEntry[]): void {
  const { db, now, report } = round;
  db.sqlite.transaction(() => {
    const accepted: RemoteEntry[] = [];
    for (const [tx, txEntries] of groupByTx(batch)) {
      const reason = refusal(cert, txEntries);
      if (reason) reject(round, cert.deviceId, seq, tx, reason, `${txEntries[0]?.table ?? ''}`);
      else accepted.push(...txEntries);
    }
    const result = mergeEntries(db.sqlite, db.deviceId, now.getTime(), accepted);
    report.applied += result.applied;
    report.received += batch.length;
    db.sqlite
      .prepare(
        'INSERT INTO sync_peers (device_id, applied_seq, last_seen_at) VALUES (?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET applied_seq = excluded.applied_seq, last_seen_at = excluded.last_seen_at',
      )
      .run(cert.deviceId, seq, now.toISOString());
  })();
}

function groupByTx(entries: RemoteEntry[]): Map<string, RemoteEntry[]> {
  const byTx = new Map<string, RemoteEntry[]>();
  for (const entry of entries) {
    const group = byTx.get(entry.tx);
    if (group) group.push(entry);
    else byTx.set(entry.tx, [entry]);
  }
  return byTx;
}

/** Parked entries from earlier rounds may be unblocked by rows that arrived since: one more pass. Returns how many applied. */
export function retryParked(db: SyncDb, now: Date): number {
  return mergeEntries(db.sqlite, db.deviceId, now.getTime(), []).applied;
}
