/**
 * Sync through a shared cloud folder (DESIGN.md "Sync"). Turning sync on,
 * inviting, approving and revoking devices change who can read and write the
 * school's records, so they are the owner's (`workspace.manage`); anyone signed
 * in may see the status and ask for a sync now, which moves only what their
 * devices were already allowed to write. Joining a new machine creates its
 * database, so it is a CLI/first-run step (`tanoda sync join`), not a method.
 */
import { z } from 'zod';
import type { Role } from '../domain';
import { empty, idSchema, type MethodSpec, read, write } from './spec';

export interface SyncReport {
  sent: number;
  received: number;
  applied: number;
  rejected: number;
  parked: number;
  /**
   * Set when sync stopped itself ('cloned': a copy of this device's data runs elsewhere).
   * Answered instead of an error so the stop is recorded in status: an error would roll back the call.
   */
  problem?: 'cloned';
}

export type SyncDeviceStatus = 'this_device' | 'owner' | 'approved' | 'pending' | 'revoked';

export interface SyncDevice {
  deviceId: string;
  user: string | null;
  userId: string | null;
  role: Role | null;
  status: SyncDeviceStatus;
  safetyCode: string | null;
  appliedSeq: number;
  lastSeenAt: string | null;
}

/** Why a replica refused something, as a stable key the UI words in the user's language. */
export type SyncRejectionReason =
  | 'delete'
  | 'settings_change'
  | 'users_change'
  | 'catalog_change'
  | 'price_change'
  | 'payment_void'
  | 'not_allowed'
  | 'wrong_author'
  | 'append_only_edit'
  | 'revoked'
  | 'bad_signature'
  | 'tampered'
  | 'wrong_place';

export interface SyncStatusView {
  enabled: boolean;
  folder: string | null;
  workspaceId: string | null;
  deviceId: string;
  role: Role | null;
  lastSyncAt: string | null;
  /** A stable key ('cloned', 'folder_missing', 'passphrase_changed': enter the owner's new passphrase, ...) or null. */
  lastError: string | null;
  pendingOut: number;
  parked: number;
  rejections: { deviceId: string; fileSeq: number | null; tx: string | null; reason: SyncRejectionReason; at: string }[];
  /** Devices whose changes wait because their clock runs ahead of this computer's by more than the bound. */
  clockAhead: { deviceId: string; aheadMs: number }[];
  /**
   * Records this device erased for good that some device has not acknowledged yet
   * (not sent yet, or sent but not yet applied there): the erasure is pending
   * until `waitingFor` is empty. The record's name is gone; only its table and id remain.
   */
  erasuresPending: { table: string; rowId: string; erasedAt: string; sent: boolean; waitingFor: string[] }[];
}

// Length and words are judged by src-shared/passphrase.ts in the service, which answers 'too_short' or 'repetitive' on the field.
const passphrase = z.string().min(1, 'required').max(500);

export const syncMethods = {
  'sync.status': read<SyncStatusView>()('workspace.read', empty, 'Sync state of this device: last sync, pending, refusals.'),
  'sync.setup': write<{ workspaceId: string; deviceId: string }>()(
    'workspace.manage',
    z.object({ folder: z.string().trim().min(1, 'required').max(1000), passphrase }),
    'Turn sync on: this device becomes the owner device of a new sync workspace in the folder.',
  ),
  'sync.invite': write<{ code: string }>()(
    'workspace.manage',
    z.object({ username: z.string().trim().toLowerCase().min(1, 'required').max(40) }),
    "A one-time join code for a user's new device (the passphrase is given separately).",
  ),
  'sync.devices': read<SyncDevice[]>()('workspace.manage', empty, 'Devices in the sync folder, with status and safety code.'),
  'sync.approve': write<SyncDevice[]>()(
    'workspace.manage',
    z.object({ deviceId: idSchema }),
    'Approve a joining device after comparing its safety code.',
  ),
  'sync.revoke': write<SyncDevice[]>()(
    'workspace.manage',
    z.object({ deviceId: idSchema, newPassphrase: passphrase.optional() }),
    'Cut a device off: its files after what was already applied are refused. With newPassphrase, also a new workspace key (key epoch + 1) under that passphrase, which the revoked device never learns.',
  ),
  'sync.changePassphrase': write<{ keyEpoch: number }>()(
    'workspace.manage',
    z.object({ current: z.string().min(1, 'required').max(500), next: passphrase }),
    'Re-wrap the workspace key under a new sync passphrase; the other devices are asked for it.',
  ),
  'sync.unlock': write<{ keyEpoch: number }>()(
    'workspace.read',
    z.object({ passphrase: z.string().min(1, 'required').max(500) }),
    'Enter the sync passphrase the owner changed to, so this device keeps reading and writing.',
  ),
  // A round that applied an erase entry gives the erased pages back afterwards (as a purge does).
  'sync.now': write<SyncReport>()('workspace.read', empty, 'Send and receive changes now.', { afterCommit: 'compact' }),
} as const satisfies Record<string, MethodSpec>;
