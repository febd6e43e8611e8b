/**
 * File › Back up…: asks where to save and writes a copy of the open database
 * with SQLite's online backup, which is consistent even while the app keeps
 * writing. Backing up onto the live file itself is refused (it would destroy
 * it). Only this dialog glue lives here; the copy is better-sqlite3's `backup`.
 */
import { dialog, type BrowserWindow } from 'electron';
import { resolve } from 'node:path';
import type { Db } from '../db/connection';

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function suggestedBackupName(now: Date): string {
  return `tanoda-backup-${localDate(now)}.db`;
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
    filters: [{ name: 'Tanoda database', extensions: ['db'] }],
  };
  const choice = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (choice.canceled || !choice.filePath) return;
  const target = resolve(choice.filePath);
  if (target === resolve(db.file)) {
    dialog.showErrorBox('Backup not written', 'Choose a different file: this is the database the app is using.');
    return;
  }
  try {
    await db.sqlite.backup(target);
    const done = { type: 'info' as const, title: 'Backup written', message: `The database was copied to ${target}` };
    if (window) await dialog.showMessageBox(window, done);
    else await dialog.showMessageBox(done);
  } catch (error) {
    dialog.showErrorBox('Backup failed', error instanceof Error ? error.message : String(error));
  }
}
