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

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  // better-sqlite3 (the multiple-ciphers build) and the rest need Node >= 22.12; an older Node would crash loading it.
  console.error(`tanoda needs Node 22.12 or newer (this is ${process.version}); on a build machine run \`. scripts/node-env.sh\` first.`);
  process.exit(1);
}

// V8 sizes its heap for speed, not for a batch that makes a lot of short-lived garbage: under an
// import's churn the young generation grows to 128 MB and the old one to twice or three times what
// is alive, which together were most of an import's peak memory. The command runs with 8 MB
// semi-spaces and an old generation let grow 15% past what the last full collection kept (a
// 100,000-row sheet: 530 MB -> under 300 MB, for about a tenth more CPU). The limits can only be
// set when the process starts, so the command starts itself once more with them, passes on the
// signals it is sent (a SIGTERM to `tanoda serve` must stop the server, not orphan it) and ends the
// way the inner command ended.
const heapFlags = ['--max-semi-space-size=8', '--heap-growing-percent=15'];
if (!process.execArgv.some((flag) => flag.startsWith('--max-semi-space-size'))) {
  const { spawn } = await import('node:child_process');
  const args = [...heapFlags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  const [code, signal] = await new Promise((resolve) => child.once('exit', (...end) => resolve(end)));
  for (const s of signals) process.off(s, forward);
  if (signal) process.kill(process.pid, signal);
  process.exit(code ?? 1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');

if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src-main', 'cli', 'index.ts')).href);
}
