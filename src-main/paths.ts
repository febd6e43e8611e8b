/**
 * Where the app keeps the school's database when nobody says otherwise: one
 * file in the per-user application data folder that Electron reports
 * (`app.getPath('userData')`). The folder is passed in rather than read here so
 * that this module stays free of Electron and the CLI and tests can compute the
 * same path. The live file never goes into a synced cloud folder (see DESIGN.md,
 * Sync), which is why the default is the local application data folder.
 */
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

export const DATABASE_FILE_NAME = 'tanoda.db';
/**
 * The key file the browser fallback of `npm start` keeps beside the app's
 * database when TANODA_KEY_FILE names none; the window moves its key into the
 * keychain the next time it opens (electron/keychain.ts).
 */
export const KEY_FILE_NAME = 'tanoda.key';
/** The name the app gives itself before `ready` (`app.setName`), which names its user data folder. */
export const APP_FOLDER_NAME = 'Tanoda';

/**
 * Electron's `userData` folder for an app named Tanoda, computed without
 * Electron — `%APPDATA%\Tanoda`, `~/Library/Application Support/Tanoda`,
 * `$XDG_CONFIG_HOME/Tanoda` or `~/.config/Tanoda` — so that `npm start`'s browser
 * fallback and the CLI open the very file the window would.
 */
export function userDataFolder(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
): string {
  if (platform === 'win32') return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  // The XDG base directory spec says a relative value is to be ignored.
  const config = env['XDG_CONFIG_HOME']?.startsWith('/') ? env['XDG_CONFIG_HOME'] : posix.join(home, '.config');
  return posix.join(config, APP_FOLDER_NAME);
}

export function defaultDatabasePath(userDataFolder: string): string {
  if (!userDataFolder) throw new Error('The user data folder is required to place the database');
  return join(userDataFolder, DATABASE_FILE_NAME);
}
