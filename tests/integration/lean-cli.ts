/**
 * The CLI as one bundled file, built at test time, for measuring what an import
 * costs in memory. Run through tsx, the sources cost ~240 MB before the first
 * line of Tanoda runs (the transpiler and drizzle-orm's root), which would drown
 * any figure; bundled the way electron-vite bundles out/main/cli.js (drizzle-orm,
 * date-fns, zod, uuid and libphonenumber-js inlined and tree-shaken, the native
 * and sheet libraries left external) it starts in ~90 MB, like the CLI users get.
 * The bundle lives under node_modules/.cache so that its external imports resolve
 * to the project's packages; it never touches out/.
 *
 * `measure` runs one command the way bin/tanoda.mjs starts it (its heap flags)
 * with a preload that reports the process's own peak resident memory on exit
 * (`peakMemoryPreload`), so no platform tool (/usr/bin/time) is needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cliEnv, projectRoot } from './cli-process';

const inlined = ['drizzle-orm', 'date-fns', 'zod', 'uuid', 'libphonenumber-js'];

/** The V8 limits the `tanoda` command (bin/tanoda.mjs) starts itself with. */
const startFlags = ['--max-semi-space-size=8', '--heap-growing-percent=15'];

/**
 * Reports the process's own peak resident memory on exit. On Linux that is VmHWM from /proc: the
 * rusage maximum (`process.resourceUsage().maxRSS`) survives the fork and exec that start a child,
 * so there it is at least the resident size of whatever process spawned it (the bench's, the test
 * runner's: hundreds of MB) and says nothing of the command itself. Elsewhere, rusage is all there is.
 */
const peakMemoryPreload = `process.on('exit', () => {
  let kb = process.resourceUsage().maxRSS;
  try {
    const hwm = /VmHWM:\\s+(\\d+) kB/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
    if (hwm) kb = Number(hwm[1]);
  } catch {}
  process.stderr.write('\\npeak-rss-kb=' + kb + '\\n');
});
`;

export interface LeanCli {
  /** Runs `tanoda <args>`; answers its exit status, output and peak resident memory in MB. */
  measure(args: readonly string[]): { status: number; stdout: string; stderr: string; peakMb: number; ms: number };
  /** Removes the bundle. */
  dispose(): void;
}

export async function buildLeanCli(): Promise<LeanCli> {
  const dir = join(projectRoot, 'node_modules', '.cache', 'tanoda-lean-cli', String(process.pid));
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const outfile = join(dir, 'cli.mjs');
  await build({
    entryPoints: [join(projectRoot, 'src-main', 'cli', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    external: ['electron', ...Object.keys(manifest.dependencies).filter((name) => !inlined.includes(name))],
    banner: { js: "import { createRequire as __tanodaRequire } from 'node:module'; const require = __tanodaRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const preload = join(dir, 'peak-memory.cjs');
  writeFileSync(preload, peakMemoryPreload);
  return {
    measure(args) {
      const started = performance.now();
      const run = spawnSync(process.execPath, [...startFlags, '--require', preload, outfile, ...args], {
        cwd: projectRoot,
        env: cliEnv(args),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const ms = performance.now() - started;
      const kb = Number(/peak-rss-kb=(\d+)/.exec(run.stderr)?.[1]);
      return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, peakMb: kb / 1024, ms };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
