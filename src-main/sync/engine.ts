/**
 * One sync round through the shared folder, as a list of named steps: publish
 * this device's change entries as sealed, immutable files, and apply the other
 * devices' files through the merge. The steps live in the files named after
 * their concern — wire.ts (layout and sealing), keys.ts (passphrase and key
 * epochs), trust.ts (certificates and revocations), membership.ts (set-up,
 * invite, join, approve, revoke), publish.ts (this device's files, pruning),
 * apply.ts (others' files, rejections, quarantine, parking), snapshot.ts,
 * status.ts. This file only orders them, because the order is the safety: a
 * device locked out by a newer key epoch writes nothing, a copy of this device
 * is caught before it publishes, and the state file and pruning come after
 * everything this round applied.
 */
import type { SyncReport } from '../../src-shared/api/sync-methods';
import { readLocal, writeLocal } from '../db/connection';
import { ERASED_SEQS_KEY, reapplyErasures } from '../changes/erasure';
import { compactAfterPurge } from '../changes/purge';
import { rebuildClientSearch } from '../db/search';
import type { Clock } from '../core/context';
import { applyPeerFiles, retryParked } from './apply';
import type { SyncFolder } from './folder';
import { checkPassphrase } from './keys';
import { countParked, requireConfig, type SyncConfig, type SyncDb } from './local-state';
import { checkOwnFolder, publish, pruneOwnFiles, supersedeErasedFiles, writeState } from './publish';
import { snapshotIfDue, supersedeSnapshots } from './snapshot';
import { certifyOwnerDevice, loadTrust, type Trust } from './trust';
import { distributeCredentials, forgetOtherHashes, receiveCredentials } from './credentials';

export interface SyncOptions {
  /** Write a fresh snapshot when this device is the owner and this many files arrived since the last one. */
  snapshotEvery?: number;
}

export function syncNow(db: SyncDb, folder: SyncFolder, clock: Clock, options: SyncOptions = {}): SyncReport {
  const passphrase = checkPassphrase(db, folder);
  const config = requireConfig(db);
  const report: SyncReport = { sent: 0, received: 0, applied: 0, rejected: 0, parked: 0 };
  if (passphrase === 'locked') return waitForPassphrase(db, report);
  // A restored backup from before an erasure erases again before anything leaves or arrives.
  if (db.file) reapplyErasures({ sqlite: db.sqlite, deviceId: db.deviceId, file: db.file });
  checkOwnFolder(db, folder, config);
  // The owner device's certificate goes before any file signed with its key (and again when the cloud lost it).
  certifyOwnerDevice(db, folder, config);
  report.sent = publish(db, folder, config);
  const trust = loadTrust(folder, config);
  const now = clock.now();
  const filesApplied = applyPeerFiles(db, folder, config, trust, { clock, now, report });
  exchangeCredentials(db, folder, config, trust, now);
  report.applied += retryParked(db, now);
  report.parked = countParked(db);
  supersedeAfterErasure(db, folder, config);
  snapshotIfDue(db, folder, config, { filesApplied, sent: report.sent, every: options.snapshotEvery ?? 50 });
  writeState(db, folder, config, now);
  pruneOwnFiles(db, folder);
  writeLocal(db.sqlite, 'sync.lastSync', now.toISOString());
  writeLocal(db.sqlite, 'sync.lastError', passphrase === 'changed' ? 'passphrase_changed' : '');
  // Called through the router, the call's transaction is still open: its after-commit work does this.
  if (db.file && !db.sqlite.inTransaction) compactAfterPurge({ sqlite: db.sqlite, file: db.file }, rebuildClientSearch);
  return report;
}

/**
 * After an erasure here (a purge, or an erase entry this round applied): this
 * device's change files that held erased entries are rewritten without them, and
 * on the owner's device a fresh snapshot replaces every older one, so the folder
 * keeps nothing of the record once the devices have moved on.
 */
function supersedeAfterErasure(db: SyncDb, folder: SyncFolder, config: SyncConfig): void {
  const text = readLocal(db.sqlite, ERASED_SEQS_KEY);
  if (text === undefined) return;
  supersedeErasedFiles(db, folder, config, JSON.parse(text) as number[]);
  if (config.role === 'owner' && config.ownerDeviceId === db.deviceId) supersedeSnapshots(db, folder, config);
  db.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(ERASED_SEQS_KEY);
}

/** Password hashes go only to their own user's machines: the owner's root device sends, the others take theirs. */
function exchangeCredentials(db: SyncDb, folder: SyncFolder, config: SyncConfig, trust: Trust, now: Date): void {
  if (config.ownerDeviceId === db.deviceId) return distributeCredentials(db, folder, config, trust);
  forgetOtherHashes(db, config);
  receiveCredentials(db, folder, config, now.getTime());
}

/**
 * A newer key epoch exists and this device cannot open it: writing under the old key
 * would hand new changes to whoever was cut off, so nothing moves until the new passphrase is entered.
 */
function waitForPassphrase(db: SyncDb, report: SyncReport): SyncReport {
  report.parked = countParked(db);
  writeLocal(db.sqlite, 'sync.lastError', 'passphrase_changed');
  return report;
}
