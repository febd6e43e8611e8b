/**
 * Where the CLI and the HTTP bridge (`tanoda web`) get a database's key. The
 * app asks the operating system's keychain; a terminal or a script has no such
 * thing, so the key lives in a key file named by `TANODA_KEY_FILE` (0600, see
 * db/keys.ts), which one person may use for several databases.
 *
 * The order, and why:
 * 1. `TANODA_KEY_FILE` names a file holding a key: that key.
 * 2. It names a file that does not exist yet: a fresh key is made and kept there,
 *    but only when no existing encrypted file needs another key (a new database,
 *    or a plain one from an earlier version that is about to be encrypted).
 *    The recovery key of a key made here is shown once, by the command.
 * 3. No key file, and a person at a terminal: they type the recovery key, not
 *    echoed. That is how a backup copied to another computer is opened.
 * 4. Otherwise the command refuses and says what to do.
 * A key is never taken from the command line, where shell history and the
 * process list would keep it.
 */
import { existsSync } from 'node:fs';
import { AppError } from '../../src-shared/errors';
import { keyForFile, mayTakeNewKey } from '../db/connection';
import { fileKeyStore, parseRecoveryKey, type DatabaseKey, type KeyStore } from '../db/keys';

export const KEY_FILE_VARIABLE = 'TANODA_KEY_FILE';

export interface CliKey {
  key: DatabaseKey;
  /** Made by this command: its recovery key is to be shown now, once. */
  created: boolean;
  /** Where the key came from, for messages. */
  from: string;
  /** The key file it came from, which keeps the database's sync secrets too; null for a typed recovery key. */
  secrets: KeyStore | null;
}

/** The terminal a recovery key can be typed at: stdin and stderr both a TTY. */
export interface Terminal {
  interactive(): boolean;
  /** Asks `question` on stderr and reads one line without echoing it. */
  askHidden(question: string): Promise<string>;
}

/** Reads a line from a raw-mode stdin, echoing nothing; Ctrl-C or Ctrl-D cancel. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: Error | null) => {
      input.removeListener('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish(null);
        if (char === '\u0003' || char === '\u0004') return finish(new AppError('VALIDATION', 'Cancelled: no recovery key was typed'));
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    // Echo goes off before the question shows, so a key typed the moment it appears is never echoed.
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
    process.stderr.write(question);
  });
}

export const processTerminal: Terminal = {
  interactive: () => process.stdin.isTTY === true && process.stderr.isTTY === true,
  askHidden,
};

/** Asks for a recovery key at the terminal (three tries at a mistyped one), or refuses with `refusal` when there is none. */
export async function recoveryKeyFromTerminal(
  question: string,
  refusal: string,
  terminal: Terminal = processTerminal,
): Promise<DatabaseKey> {
  if (!terminal.interactive())
    throw new AppError('UNAUTHENTICATED', refusal, [{ path: ['key'], code: 'no_key', message: 'No key for this database' }]);
  for (let attempt = 1; ; attempt++) {
    try {
      return parseRecoveryKey(await terminal.askHidden(question));
    } catch (error) {
      if (attempt >= 3 || !(error instanceof AppError) || error.code !== 'VALIDATION' || /Cancelled/.test(error.message)) throw error;
      process.stderr.write(`${error.message}\n`);
    }
  }
}

/** The key of the database at `db`, by the order above. */
export async function keyForDatabase(
  db: string,
  env: NodeJS.ProcessEnv = process.env,
  terminal: Terminal = processTerminal,
): Promise<CliKey> {
  const keyFile = env[KEY_FILE_VARIABLE];
  if (keyFile) {
    const store = fileKeyStore(keyFile);
    if (!store.exists() && !mayTakeNewKey(db))
      throw new AppError(
        'UNAUTHENTICATED',
        `${KEY_FILE_VARIABLE} names ${keyFile}, which does not exist, and ${db} is encrypted with a key kept elsewhere: ` +
          `point ${KEY_FILE_VARIABLE} at that key file, or leave it unset and type the recovery key at a terminal`,
        [{ path: ['key'], code: 'no_key_file', message: 'No such key file' }],
      );
    return { ...keyForFile(store, db), from: store.where, secrets: store };
  }
  if (mayTakeNewKey(db))
    throw new AppError(
      'UNAUTHENTICATED',
      `${existsSync(db) ? `${db} is to be encrypted and` : 'A new database'} needs a key file to keep its key: ` +
        `set ${KEY_FILE_VARIABLE} to a file (it is created, 0600, with a fresh key)`,
      [{ path: ['key'], code: 'no_key_file', message: 'Set TANODA_KEY_FILE' }],
    );
  const key = await recoveryKeyFromTerminal(
    `Recovery key of ${db}: `,
    `${db} is encrypted: set ${KEY_FILE_VARIABLE} to its key file, or run this at a terminal to type its recovery key`,
    terminal,
  );
  return { key, created: false, from: 'the recovery key typed', secrets: null };
}
