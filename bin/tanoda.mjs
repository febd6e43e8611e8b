#!/usr/bin/env node
/**
 * The `tanoda` command. It runs the built CLI (out/main/cli.js, produced by
 * `npm run build`) when there is one, and otherwise the TypeScript source through
 * tsx, so the command works in a fresh checkout before anything is built. Both
 * paths run the same module with the same arguments; the CLI reads them from
 * process.argv itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');

if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src-main', 'cli.ts')).href);
}
