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
import { writeLocal } from '../db/connection';
import type { Clock } from '../core/context';
import { applyPeerFiles, retryParked } from './apply';
import type { SyncFolder } from './folder';
import { checkPassphrase } from './keys';
import { countParked, requireConfig, type SyncDb } from './local-state';
import { checkOwnFolder, publish, pruneOwnFiles, writeState } from './publish';
import { snapshotIfDue } from './snapshot';
import { loadTrust } from './trust';

export interface SyncOptions {
  /** Write a fresh snapshot when this device is the owner and this many files arrived since the last one. */
  snapshotEvery?: number;
}

export function syncNow(db: SyncDb, folder: SyncFolder, clock: Clock, options: SyncOptions = {}): SyncReport {
  const passphrase = checkPassphrase(db, folder);
  const config = requireConfig(db);
  const report: SyncReport = { sent: 0, received: 0, applied: 0, rejected: 0, parked: 0 };
  if (passphrase === 'locked') return waitForPassphrase(db, report);
  checkOwnFolder(db, folder, config);
  report.sent = publish(db, folder, config);
  const trust = loadTrust(folder, config);
  const now = clock.now();
  const filesApplied = applyPeerFiles(db, folder, config, trust, { clock, now, report });
  report.applied += retryParked(db, now);
  report.parked = countParked(db);
  snapshotIfDue(db, folder, config, { filesApplied, sent: report.sent, every: options.snapshotEvery ?? 50 });
  writeState(db, folder, config, now);
  pruneOwnFiles(db, folder);
  writeLocal(db.sqlite, 'sync.lastSync', now.toISOString());
  writeLocal(db.sqlite, 'sync.lastError', passphrase === 'changed' ? 'passphrase_changed' : '');
  return report;
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
