/**
 * What every CLI command shares: the command shape, output helpers, opening an
 * existing database, and calling the API as someone. A command that reads or
 * changes the school calls through the workspace's one door (`invoke`), so a
 * script meets the same checks, backups and typed errors as the window; this
 * module is where that is written once instead of once per command file, the
 * database key included (cli/keys.ts): every command opens with it.
 */
import { existsSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { AppError } from '../../src-shared/errors';
import { actorFor, ownerActor } from '../api/actors';
import { openWorkspace, type Caller, type Workspace } from '../api/workspace';
import type { Actor } from '../core/context';
import type { Db } from '../db/connection';
import { recoveryKeyOf } from '../db/keys';
import { deviceAuthor } from '../sync';
import { keyForDatabase, type CliKey } from './keys';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export interface Invocation {
  values: Values;
  positionals: string[];
  db: string;
  json: boolean;
}

export interface Command {
  usage: string;
  summary: string;
  details: string;
  options: Options;
  run(inv: Invocation): Promise<number> | number;
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown, compact = false): void {
  print(JSON.stringify(value, null, compact ? undefined : 2));
}

/** Notes for people (a dry run, a file imported before) go to stderr, so stdout stays parseable. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

export function requireDatabase(file: string): void {
  if (!existsSync(file)) {
    throw new AppError('NOT_FOUND', `There is no database at ${file}: create one with \`tanoda init --db ${file}\``, [
      { path: ['db'], code: 'not_found', message: 'No database at this path' },
    ]);
  }
}

/** The words that show a key's recovery key, once, when the key was just made. */
export function recoveryKeyNotice(key: CliKey): string {
  return [
    `A new database key is kept in ${key.from}.`,
    'Recovery key (write it down now: it opens this school and its backups on another computer, and is not shown again):',
    `  ${recoveryKeyOf(key.key)}`,
  ].join('\n');
}

/** The key of `file` for this command; one made just now has its recovery key shown on stderr. */
export async function databaseKeyFor(file: string): Promise<CliKey> {
  const key = await keyForDatabase(file);
  if (key.created) note(recoveryKeyNotice(key));
  return key;
}

/** Opens the workspace of an existing database for the length of `use`, and always closes it. */
export async function withWorkspace<T>(file: string, use: (workspace: Workspace) => Promise<T> | T): Promise<T> {
  requireDatabase(file);
  const { key, secrets } = await databaseKeyFor(file);
  const workspace = openWorkspace(file, { key, secrets });
  try {
    return await use(workspace);
  } finally {
    workspace.close();
  }
}

/**
 * Who a command acts as without `--as`: the owner, except on a computer joined to
 * sync for another user — there the certificate's user, since every other
 * replica will judge this computer's changes as theirs.
 */
export function defaultActor(db: Db): Actor {
  const author = deviceAuthor(db);
  if (author?.userId) {
    const username = db.sqlite.prepare('SELECT username FROM users WHERE id = ?').pluck().get(author.userId) as string | undefined;
    if (username) return actorFor(db, username);
  }
  return ownerActor(db);
}

/** The caller a command's `--as` names, or the default actor. */
export function callerFor(workspace: Workspace, as: unknown): Caller {
  return { actor: typeof as === 'string' ? actorFor(workspace.db, as) : defaultActor(workspace.db) };
}

/** Calls a method through the workspace's door and returns its value; a typed error is thrown for the CLI to report. */
export async function callApi<T>(workspace: Workspace, as: unknown, method: string, input: unknown): Promise<T> {
  const result = await workspace.invoke(callerFor(workspace, as), method, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.fields);
  return result.value as T;
}
