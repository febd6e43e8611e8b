/**
 * How tests start the CLI as a separate process. `npm test` builds first and sets
 * TANODA_TEST_BUILT_CLI=1, so each spawn runs the bundled out/main/cli.js (a
 * fraction of a second) — the artefact users get. Run alone, tests compile the
 * source with tsx instead, so they never exercise a stale build.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');

export function cliCommand(): { command: string; args: string[] } {
  const built = join(projectRoot, 'out', 'main', 'cli.js');
  if (process.env['TANODA_TEST_BUILT_CLI'] === '1' && existsSync(built)) return { command: process.execPath, args: [built] };
  return { command: process.execPath, args: ['--import', 'tsx', join(projectRoot, 'src-main', 'cli', 'index.ts')] };
}
