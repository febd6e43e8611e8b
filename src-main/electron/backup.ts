/**
 * File › Back up…: asks where to save and writes a copy of the open database
 * with SQLite's online backup, which is consistent even while the app keeps
 * writing. Backing up onto the live file itself is refused (it would destroy
 * it). The copy is a `.tanoda` file, the extension the installers register, so
 * opening it later offers to restore it (open-backup.ts asks through the native
 * dialogs below, or, for a backup from another computer, through the window's own restore dialog, which
 * asks for its recovery key); older `.db` backups stay restorable with `tanoda restore FILE`.
 * Only this dialog glue lives here; the copy is upkeep's `backupDatabase`, so it
 * is encrypted with the database's key, verified and 0600 like every backup.
 */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { resolve } from 'node:path';
import { restoreBackupHash } from '../../src-shared/api/backups-methods';
import type { Db } from '../db/connection';
import { backupDatabase } from '../upkeep/maintenance';
import { BACKUP_EXTENSION, type RestoreDialogs } from './open-backup';

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function suggestedBackupName(now: Date): string {
  return `tanoda-backup-${localDate(now)}${BACKUP_EXTENSION}`;
}

export async function backUpInteractively(
  window: BrowserWindow | null,
  db: Db,
  options: { documentsFolder: string; now: Date },
): Promise<void> {
  const dialogOptions = {
    title: 'Back up the database',
    defaultPath: resolve(options.documentsFolder, suggestedBackupName(options.now)),
    buttonLabel: 'Back up',
    filters: [{ name: 'Tanoda backup', extensions: [BACKUP_EXTENSION.slice(1)] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (choice.canceled || !choice.filePath) return;
  const target = resolve(choice.filePath);
  if (target === resolve(db.file)) {
    dialog.showErrorBox('Backup not written', 'Choose a different file: this is the database the app is using.');
    return;
  }
  try {
    await backupDatabase(db, target);
    const done = { type: 'info' as const, title: 'Backup written', message: `The database was copied to ${target}` };
    if (window) await dialog.showMessageBox(window, done);
    else await dialog.showMessageBox(done);
  } catch (error) {
    dialog.showErrorBox('Backup failed', error instanceof Error ? error.message : String(error));
  }
}

/** File › Restore from a file…: the `.tanoda` file chosen, or null; what happens to it is open-backup.ts's, as for a file opened from the desktop. */
export async function chooseBackupFile(window: BrowserWindow | null, options: { documentsFolder: string }): Promise<string | null> {
  const dialogOptions = {
    title: 'Restore from a file',
    defaultPath: options.documentsFolder,
    buttonLabel: 'Restore…',
    properties: ['openFile' as const],
    filters: [{ name: 'Tanoda backup', extensions: [BACKUP_EXTENSION.slice(1)] }],
  };
  const choice = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  return choice.canceled ? null : (choice.filePaths[0] ?? null);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The native dialogs through which the window offers to restore a backup file opened from the desktop. */
export function restoreDialogs(window: () => BrowserWindow | null): RestoreDialogs {
  const show = (options: MessageBoxOptions) => {
    const parent = window();
    return parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  };
  return {
    async confirm(question) {
      const school = question.schoolName ? `"${question.schoolName}"` : 'the school';
      const choice = await show({
        type: 'question',
        title: 'Restore a backup',
        message: `Restore ${school} from this backup?`,
        detail:
          `${question.file}\n${megabytes(question.bytes)}, saved ${question.modifiedAt.toLocaleString()}\n\n` +
          'Everything in Tanoda now is replaced by what the backup holds. The current state is backed up first, so you can go back to it.',
        buttons: ['Restore', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      });
      return choice.response === 0;
    },
    async tell(notice) {
      await show({ type: notice.kind === 'error' ? 'error' : 'info', title: notice.title, message: notice.title, detail: notice.detail });
    },
    async askRecoveryKey(request) {
      const parent = window();
      if (!parent) return;
      if (parent.isMinimized()) parent.restore();
      parent.focus();
      // The window opens Settings → Backups with this backup's restore dialog (the same hash route notifications use).
      await parent.webContents.executeJavaScript(`location.hash = ${JSON.stringify(restoreBackupHash(request.id))}`).catch(() => undefined);
    },
  };
}
