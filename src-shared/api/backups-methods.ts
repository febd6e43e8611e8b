/**
 * Backups of the whole database: automatic ones (at start, every 30 minutes when
 * something changed, before imports, restores and migrations) and ones the owner
 * asks for. Backups copy the whole school, money included, so every method needs
 * `data.export` (the owner). A restore first backs up the current state, so a
 * mistaken restore is itself undone by restoring that backup.
 *
 * The database and its backups are encrypted; the recovery key (the database
 * key written for people) is what opens a backup on another computer. It is
 * offered once, right after the key is made, until the owner confirms they wrote
 * it down: it is as powerful as a copy of every backup, so it has the same
 * capability, and it is never shown again.
 *
 * A backup copied from another computer sits in the backups folder like any
 * other, but this computer's key does not open it: the list says so, and it is
 * restored with its recovery key, typed into the restore dialog. The key travels
 * only in the input of the call that needs it (`backups.inspect` to name what the
 * backup holds, `backups.restore` to put it back); it is never stored, logged or
 * recorded in the change log, and the restored file is re-encrypted with this
 * computer's key.
 */
import { z } from 'zod';
import { empty, read, write, type BackupReason, type MethodSpec } from './spec';

export type { BackupReason } from './spec';

export interface BackupInfo {
  /** The file name inside the backups folder: what `backups.restore` takes. */
  id: string;
  takenAt: string;
  reason: BackupReason;
  bytes: number;
}

/** A backup as the folder lists it. */
export interface ListedBackup extends BackupInfo {
  /** Encrypted with another key (made on another computer): it is restored only with its recovery key. */
  needsRecoveryKey: boolean;
}

export interface BackupsOverview {
  folder: string;
  /** The folder is the default one beside the database. */
  folderIsDefault: boolean;
  backups: ListedBackup[];
}

/** What a backup holds, read once its recovery key opened it: enough to recognise the school before restoring. */
export interface BackupContents {
  id: string;
  schoolName: string | null;
  /** When the last change the backup records was made; null when it records none. */
  lastChangeAt: string | null;
  clients: number;
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The backup of the state just replaced. */
  safety: BackupInfo;
}

export interface RecoveryKeyOffer {
  /** The recovery key, while it has not been confirmed as written down; null once it has. */
  recoveryKey: string | null;
}

/**
 * The address (a hash) at which the window opens the restore dialog of a backup in the backups folder:
 * how the desktop hands over a backup file from another computer (src-main/electron/open-backup.ts),
 * whose recovery key only the window's dialog can ask for.
 */
export const RESTORE_BACKUP_HASH = '#restore-backup=';

export function restoreBackupHash(id: string): string {
  return RESTORE_BACKUP_HASH + encodeURIComponent(id);
}

const backupId = z.string().min(1, 'required').max(200);
/** A recovery key as typed: 55 letters and digits in groups of five (the service reads and checks it). */
const recoveryKeyText = z.string().trim().min(1, 'required').max(200);

export const backupsMethods = {
  'backups.list': read<BackupsOverview>()('data.export', empty, 'The backups folder and its backups, newest first.'),
  'backups.create': write<BackupInfo>()('data.export', empty, 'Take a verified backup now.', { transaction: 'none' }),
  'backups.restore': write<RestoreResult>()(
    'data.export',
    z.object({ id: backupId, recoveryKey: recoveryKeyText.optional() }),
    'Put a backup back in place of the current database (which is backed up first); one from another computer needs its recovery key.',
    { transaction: 'none' },
  ),
  'backups.inspect': read<BackupContents>()(
    'data.export',
    z.object({ id: backupId, recoveryKey: recoveryKeyText }),
    'Open a backup from another computer with its recovery key and say which school it holds, without restoring it.',
  ),
  'backups.removeForeign': write<BackupsOverview>()(
    'data.export',
    z.object({ id: backupId }),
    'Delete a backup from another computer from the backups folder (this computer’s own backups are thinned automatically).',
  ),
  'backups.recoveryKey': read<RecoveryKeyOffer>()(
    'data.export',
    empty,
    'The recovery key that opens this school’s backups elsewhere, offered once until confirmed as written down.',
    { transaction: 'none' },
  ),
  'backups.recoveryKeySaved': write<RecoveryKeyOffer>()(
    'data.export',
    empty,
    'Confirm the recovery key is written down: it is never offered again.',
    { transaction: 'none' },
  ),
  'backups.setFolder': write<BackupsOverview>()(
    'data.export',
    z.object({ folder: z.string().trim().max(1000).nullable() }),
    'Keep backups in another folder on this machine (null: the default); a cloud sync folder is refused.',
  ),
} as const satisfies Record<string, MethodSpec>;
