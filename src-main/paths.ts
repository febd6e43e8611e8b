/**
 * Where the app keeps the school's database when nobody says otherwise: one
 * file in the per-user application data folder that Electron reports
 * (`app.getPath('userData')`). The folder is passed in rather than read here so
 * that this module stays free of Electron and the CLI and tests can compute the
 * same path. The live file never goes into a synced cloud folder (see DESIGN.md,
 * Sync), which is why the default is the local application data folder.
 */
import { join } from 'node:path';

export const DATABASE_FILE_NAME = 'tanoda.db';

export function defaultDatabasePath(userDataFolder: string): string {
  if (!userDataFolder) throw new Error('The user data folder is required to place the database');
  return join(userDataFolder, DATABASE_FILE_NAME);
}
