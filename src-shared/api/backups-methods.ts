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

export interface BackupsOverview {
  folder: string;
  /** The folder is the default one beside the database. */
  folderIsDefault: boolean;
  backups: BackupInfo[];
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

export const backupsMethods = {
  'backups.list': read<BackupsOverview>()('data.export', empty, 'The backups folder and its backups, newest first.'),
  'backups.create': write<BackupInfo>()('data.export', empty, 'Take a verified backup now.', { transaction: 'none' }),
  'backups.restore': write<RestoreResult>()(
    'data.export',
    z.object({ id: z.string().min(1, 'required').max(200) }),
    'Put a backup back in place of the current database (which is backed up first).',
    { transaction: 'none' },
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
