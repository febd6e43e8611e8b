/**
 * Sync status as the API answers it, in the one shape src-shared declares
 * (`SyncStatusView`, what `sync.status` returns and the renderer and CLI read).
 * It reads only local state and the sync tables, never the folder, so it
 * answers at once and still works while the cloud drive is unplugged. The
 * engine once had its own status type beside the shared one (reasons as bare
 * strings, no folder) and a mapping between them; two shapes for one answer is
 * how a field gets added to one and silently missed by the other, so there is
 * only this one.
 */
import type { SyncStatusView } from '../../src-shared/api/sync-methods';
import { readLocal } from '../db/connection';
import { countParked, FOLDER_KEY, readJson, readSettings, type SyncDb } from './local-state';
import { pendingErasures, pendingOutCount } from './publish';

export function syncStatus(db: SyncDb): SyncStatusView {
  const config = readSettings(db);
  return {
    enabled: config !== null,
    workspaceId: config?.workspaceId ?? null,
    deviceId: db.deviceId,
    role: config?.role ?? null,
    lastSyncAt: readLocal(db.sqlite, 'sync.lastSync') ?? null,
    lastError: readLocal(db.sqlite, 'sync.lastError') || null,
    pendingOut: config ? pendingOutCount(db) : 0,
    parked: countParked(db),
    clockAhead: Object.entries(readJson<Record<string, number>>(db, 'sync.skewed', {})).map(([deviceId, aheadMs]) => ({
      deviceId,
      aheadMs,
    })),
    // The reasons stored are the policy's and apply.ts's stable keys, the ones SyncRejectionReason lists.
    rejections: db.sqlite
      .prepare('SELECT device_id AS deviceId, file_seq AS fileSeq, tx, reason, at FROM sync_rejections ORDER BY id DESC LIMIT 100')
      .all() as SyncStatusView['rejections'],
    folder: readLocal(db.sqlite, FOLDER_KEY) ?? null,
    erasuresPending: config ? pendingErasures(db) : [],
  };
}
