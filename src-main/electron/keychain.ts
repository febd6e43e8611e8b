/**
 * The app's key store: the operating system's keychain, through Electron's
 * `safeStorage` (Keychain on macOS, DPAPI on Windows, the Secret Service or
 * KWallet on Linux). safeStorage seals bytes rather than storing them, so each
 * secret is sealed and the sealed form is kept in one file in the app's own
 * folder, 0600: the same file format as the CLI's key file (db/keys.ts), only
 * unreadable without this user's keychain. The database's sync secrets (workspace
 * key, device signing key) are sealed and kept here too, never in the database.
 * This is the whole Electron side of encryption; everything else is Node code
 * tested without Electron.
 *
 * A database the browser fallback of `npm start` (or the CLI) created in the
 * app's folder came with a plain key file beside it (paths.ts KEY_FILE_NAME);
 * the window moves that key into the keychain and deletes the file. On a
 * computer that offers no keychain at all (a Linux session without a secret
 * service, where safeStorage reports no encryption), the app keeps the key the
 * way the CLI does, in that 0600 key file, rather than refusing to open.
 */
import { safeStorage } from 'electron';
import { join } from 'node:path';
import { keyForFile } from '../db/connection';
import { adoptKeyFile, fileKeyStore, type KeyStore, type StoredKey } from '../db/keys';
import { KEY_FILE_NAME } from '../paths';

/** The sealed secrets, beside the database in the app's user data folder. */
export const KEYCHAIN_FILE_NAME = 'tanoda.keychain';

export function keychainStore(userDataFolder: string): KeyStore {
  return fileKeyStore(join(userDataFolder, KEYCHAIN_FILE_NAME), {
    where: 'the system keychain',
    seal: {
      seal: (secret) => safeStorage.encryptString(secret.toString('base64')),
      open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
    },
  });
}

/**
 * The key of the app's database at `file` and the store that keeps it (and the
 * database's sync secrets): the keychain, after adopting a key file left beside it.
 */
export function appDatabaseKey(userDataFolder: string, file: string): StoredKey & { secrets: KeyStore } {
  const keyFile = join(userDataFolder, KEY_FILE_NAME);
  if (!safeStorage.isEncryptionAvailable()) {
    const store = fileKeyStore(keyFile);
    return { ...keyForFile(store, file), secrets: store };
  }
  const keychain = keychainStore(userDataFolder);
  adoptKeyFile(keychain, keyFile);
  return { ...keyForFile(keychain, file), secrets: keychain };
}
