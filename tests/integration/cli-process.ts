/**
 * How tests start the CLI as a separate process. `npm test` builds first and sets
 * TANODA_TEST_BUILT_CLI=1, so each spawn runs the bundled out/main/cli.js (a
 * fraction of a second) — the artefact users get. Run alone, tests compile the
 * source with tsx instead, so they never exercise a stale build.
 *
 * The CLI takes a database's key from the key file named by TANODA_KEY_FILE, as
 * it does for users; tests keep it beside the database (`tanoda.key`), the same
 * file `keyBeside` (direct.ts) reads when a test opens that database in-process.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KEY_FILE_NAME } from '../../src-main/paths';

export const projectRoot = join(import.meta.dirname, '..', '..');

export function cliCommand(): { command: string; args: string[] } {
  const built = join(projectRoot, 'out', 'main', 'cli.js');
  if (process.env['TANODA_TEST_BUILT_CLI'] === '1' && existsSync(built)) return { command: process.execPath, args: [built] };
  return { command: process.execPath, args: ['--import', 'tsx', join(projectRoot, 'src-main', 'cli', 'index.ts')] };
}

/** The environment of a CLI run over `args`: the key file beside the database that `--db` names (none without one). */
export function cliEnv(args: readonly string[]): NodeJS.ProcessEnv {
  const at = args.indexOf('--db');
  const db = at >= 0 ? args[at + 1] : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env['TANODA_KEY_FILE'];
  if (db) env['TANODA_KEY_FILE'] = join(dirname(db), KEY_FILE_NAME);
  return env;
}
