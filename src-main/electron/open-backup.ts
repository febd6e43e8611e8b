/**
 * A `.tanoda` file opened from the desktop — double-clicked, dropped on the app's icon, chosen with
 * "Open with" — is a backup its owner wants back. The operating system hands the app its path: on
 * Windows and Linux on the command line (of this start, or of a second start that the single-instance
 * lock turns into a 'second-instance' event here), on macOS through 'open-file', possibly before the
 * app is ready. This module turns that path into the existing backups API and nothing else:
 *
 *   wait until the window's session may restore (signed in as the owner; a signed-out or locked
 *   window is waited for, an assistant is told it is the owner's to do) -> check that the file is a
 *   sound Tanoda database -> ask, naming the school and the file -> copy it into the backups folder
 *   under a backup name -> `backups.restore` on the window's own session.
 *
 * A backup made on another computer is encrypted with that computer's key, so only its recovery key
 * opens it, and a native message box cannot ask for one. Such a file is copied into the backups folder
 * (where the Backups screen lists it as from another computer) and the window is asked to open its
 * restore dialog for it, which asks for the recovery key, names the school the backup holds and
 * restores through the same `backups.restore`. The recovery key never passes through this module.
 *
 * So the restore meets the same capability check, the same safety backup of the current state and the
 * same reopen as one started from Settings → Backups, and it can be undone the same way. Nothing here
 * imports Electron: the dialogs, the timer and the window's session come in as arguments, so tests run
 * the whole flow on a real workspace.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthStatus } from '../../src-shared/api/auth-methods';
import type { RestoreResult } from '../../src-shared/api/backups-methods';
import type { CallResult } from '../../src-shared/errors';
import type { Workspace } from '../api/workspace';
import { openKeyed, type Db } from '../db/connection';
import { makePrivate } from '../db/keys';
import { backupFileName, backupsFolder } from '../upkeep/backups';
import { checkDatabaseFile } from '../upkeep/maintenance';

/** The extension of a Tanoda backup file (electron-builder.yml registers it with the operating system). */
export const BACKUP_EXTENSION = '.tanoda';

export function isBackupFile(path: string): boolean {
  return path.toLowerCase().endsWith(BACKUP_EXTENSION);
}

/**
 * The backup file named on a command line, or null. Switches are skipped; a file manager may pass a
 * `file://` URL instead of a path (the .desktop entry's %U); a relative path is read from `cwd`, the
 * folder the (second) instance was started in. When several are named, the last one wins.
 */
export function backupFileInArgv(argv: readonly string[], cwd: string): string | null {
  for (const arg of [...argv].reverse()) {
    if (arg.startsWith('-') || !isBackupFile(arg)) continue;
    if (arg.startsWith('file://')) {
      try {
        return fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}

export interface RestoreQuestion {
  file: string;
  /** The school the backup holds, when it says. */
  schoolName: string | null;
  bytes: number;
  modifiedAt: Date;
}

export interface RestoreNotice {
  kind: 'info' | 'error';
  title: string;
  detail: string;
}

/** A backup from another computer, copied into the backups folder as `id`, whose recovery key the window asks for. */
export interface RecoveryKeyRequest {
  file: string;
  id: string;
}

/**
 * The window's side of the conversation: a yes/no question and a notice (native dialogs in the app), and
 * for a backup from another computer, the window's own restore dialog, which asks for its recovery key.
 */
export interface RestoreDialogs {
  confirm(question: RestoreQuestion): Promise<boolean>;
  tell(notice: RestoreNotice): Promise<void>;
  askRecoveryKey(request: RecoveryKeyRequest): Promise<void>;
}

export type RestoreOutcome =
  | { kind: 'restored'; result: RestoreResult }
  /** A backup from another computer, now in the backups folder as `id`; the window asks for its recovery key. */
  | { kind: 'needs-recovery-key'; id: string }
  | { kind: 'declined' }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string };

type RestoreHost = Pick<Workspace, 'db' | 'clock' | 'invoke'>;

function schoolNameIn(file: string, db: Db, encrypted: boolean): string | null {
  try {
    const sqlite = openKeyed(file, encrypted ? db.key : null, { readonly: true, fileMustExist: true });
    try {
      const row = sqlite.prepare('SELECT school_name AS name FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
        { name: string } | undefined;
      return row?.name ?? null;
    } finally {
      sqlite.close();
    }
  } catch {
    return null;
  }
}

/** A copy of the opened file inside the backups folder, under a name `backups.restore` accepts. */
function copyIntoBackups(host: RestoreHost, file: string): string {
  const { folder } = backupsFolder(host.db);
  mkdirSync(folder, { recursive: true });
  let at = host.clock.now();
  while (existsSync(join(folder, backupFileName(at, 'manual')))) at = new Date(at.getTime() + 1);
  const id = backupFileName(at, 'manual');
  copyFileSync(file, join(folder, id));
  makePrivate(join(folder, id));
  return id;
}

/** Checks, asks and restores one opened backup on a session that may restore. */
export async function offerRestore(file: string, host: RestoreHost, session: string, dialogs: RestoreDialogs): Promise<RestoreOutcome> {
  const refuse = async (reason: string): Promise<RestoreOutcome> => {
    await dialogs.tell({ kind: 'error', title: 'This backup cannot be restored', detail: reason });
    return { kind: 'refused', reason };
  };
  const check = checkDatabaseFile(file, host.db.key);
  if (check.wrongKey) {
    // Made on another computer (or not a Tanoda backup at all, which only its recovery key can tell).
    const id = copyIntoBackups(host, file);
    await dialogs.askRecoveryKey({ file, id });
    return { kind: 'needs-recovery-key', id };
  }
  if (!check.ok) return refuse(`${file} is not a sound Tanoda backup: ${check.problems.join('; ')}.`);
  const stats = statSync(file);
  const question = { file, schoolName: schoolNameIn(file, host.db, check.encrypted), bytes: stats.size, modifiedAt: stats.mtime };
  if (!(await dialogs.confirm(question))) return { kind: 'declined' };

  const id = copyIntoBackups(host, file);
  const answer = await host.invoke({ session }, 'backups.restore', { id });
  if (!answer.ok) {
    rmSync(join(backupsFolder(host.db).folder, id), { force: true });
    const reason = answer.error.message;
    await dialogs.tell({ kind: 'error', title: 'The backup was not restored', detail: reason });
    return { kind: 'failed', reason };
  }
  const result = answer.value as RestoreResult;
  await dialogs.tell({
    kind: 'info',
    title: 'The backup is restored',
    detail: `Tanoda now holds what ${file} held. What it replaced is kept as the backup ${result.safety.id} (Settings → Backups), so this can be undone.`,
  });
  return { kind: 'restored', result };
}

async function authStatus(host: RestoreHost, session: string): Promise<AuthStatus | null> {
  const answer: CallResult = await host.invoke({ session }, 'auth.status', {});
  return answer.ok ? (answer.value as AuthStatus) : null;
}

export interface OpenedBackupsOptions {
  /** How often a signed-out or locked window is asked again whether someone signed in. */
  pollMs?: number;
  /** How long an opened backup waits for the owner to sign in before it is forgotten. */
  maxWaitMs?: number;
  wait?: (ms: number) => Promise<void>;
}

export interface OpenedBackupsTarget {
  host: RestoreHost;
  /** The sign-in session of the window that asks, or null while there is no window. */
  session(): string | null;
  dialogs: RestoreDialogs;
  /** After a restore: the window reloads, so every screen shows the restored school. */
  afterRestore(): void;
}

/**
 * The backups opened from the desktop, remembered until the window can offer them. Files may arrive
 * before the window exists (a start with a file on its command line, macOS's early 'open-file'); they
 * are offered once `attach` names the window. A newer file replaces one still waiting.
 */
export function createOpenedBackups(options: OpenedBackupsOptions = {}) {
  const pollMs = options.pollMs ?? 1000;
  const maxWaitMs = options.maxWaitMs ?? 30 * 60_000;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  let pending: string | null = null;
  let target: OpenedBackupsTarget | null = null;
  let running: Promise<RestoreOutcome | null> | null = null;

  async function offerSafely(file: string, to: OpenedBackupsTarget, session: string): Promise<RestoreOutcome> {
    try {
      const outcome = await offerRestore(file, to.host, session, to.dialogs);
      if (outcome.kind === 'restored') to.afterRestore();
      return outcome;
    } catch (error) {
      // A disk that filled up while copying, a file that vanished: said to the user, never an unhandled rejection.
      const reason = error instanceof Error ? error.message : String(error);
      await to.dialogs.tell({ kind: 'error', title: 'The backup was not restored', detail: reason }).catch(() => undefined);
      return { kind: 'failed', reason };
    }
  }

  async function offerWhenAllowed(file: string, to: OpenedBackupsTarget): Promise<RestoreOutcome | null> {
    for (let waited = 0; waited <= maxWaitMs; waited += pollMs) {
      if (pending !== file) return null;
      const session = to.session();
      const status = session ? await authStatus(to.host, session) : null;
      if (session && status?.capabilities.includes('data.export')) {
        pending = null;
        return offerSafely(file, to, session);
      }
      if (session && status?.user && !status.locked) {
        pending = null;
        const reason = 'Only the owner can restore a backup. Sign in as the owner, then open the file again.';
        await to.dialogs.tell({ kind: 'error', title: 'This backup cannot be restored', detail: reason });
        return { kind: 'refused', reason };
      }
      await wait(pollMs);
    }
    if (pending === file) pending = null;
    return null;
  }

  function offerPending(): Promise<RestoreOutcome | null> | null {
    if (!pending || !target || running) return running;
    const job = offerWhenAllowed(pending, target).finally(() => {
      running = null;
      // A file that arrived while this one was being offered is next.
      if (pending) void offerPending();
    });
    running = job;
    return job;
  }

  return {
    /** Remembers an opened backup file and offers it as soon as the window can; ignores other files. */
    add(file: string): Promise<RestoreOutcome | null> | null {
      if (!isBackupFile(file)) return null;
      pending = file;
      return offerPending();
    },
    addFromArgv(argv: readonly string[], cwd: string): Promise<RestoreOutcome | null> | null {
      const file = backupFileInArgv(argv, cwd);
      return file ? this.add(file) : null;
    },
    attach(to: OpenedBackupsTarget): Promise<RestoreOutcome | null> | null {
      target = to;
      return offerPending();
    },
  };
}
