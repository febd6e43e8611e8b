/**
 * The README's start command as a new user meets it, on a fresh home folder:
 * `npm start` (scripts/start.mjs) where no Electron window can open — no
 * Electron binary here, no display — says why in one paragraph, creates the
 * school's database in the app's own user data folder with the window's
 * first-run guesses, serves the real app through the bridge and prints its
 * address; the page answers, the API reads that very database, a second start
 * finds it again, and stopping it stops everything. Where this machine's
 * system Node is older than 22.12 (Debian 12's Node 20), the script is started
 * with that Node, as `npm start` would be, and must bring Node 24 itself.
 *
 * scripts/prepare.sh (shared by the start and test commands) is run in a
 * scratch copy with a recording `npm`, to show when it installs and when not.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, chmodSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeFromEnvironment } from '../../src-main/electron/first-run';
import { projectRoot } from './builder-config';

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

const home = mkdtempSync(join(tmpdir(), 'tanoda-start-home-'));
const database = join(home, '.config', 'Tanoda', 'tanoda.db');
const systemNode = '/usr/bin/node';
const systemNodeIsOld =
  existsSync(systemNode) &&
  spawnSync(systemNode, ['-e', 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?1:0)'])
    .status === 0;
const electronPresent = existsSync(join(projectRoot, 'node_modules/electron/path.txt'));

/** Starts `npm start` the way a user's shell would: a fresh HOME, no display, a Hungarian locale. */
function startApp(): Promise<Started> {
  const node = systemNodeIsOld ? systemNode : process.execPath;
  // With an Electron binary on this machine the window would open: --browser asks for the same fallback on purpose.
  const args = ['scripts/start.mjs', '--no-rebuild', ...(electronPresent ? ['--browser'] : [])];
  const env: NodeJS.ProcessEnv = {
    PATH: `${dirname(node)}:/usr/bin:/bin`,
    HOME: home,
    LANG: 'hu_HU.UTF-8',
    TZ: 'Europe/Budapest',
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    // The Node 24 that scripts/node-env.sh unpacks, reused instead of fetched again for this fresh HOME.
    TANODA_NODE_CACHE: process.env['TANODA_NODE_CACHE'] ?? join(homedir(), '.cache', 'tanoda-node'),
  };
  const child = spawn(node, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output)?.[1];
      if (url) {
        clearInterval(timer);
        resolve({ child, output: () => output, url });
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start ended (${code}) before printing an address:\n${output}`));
    });
  });
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null) return resolve(started.child.exitCode);
    started.child.once('exit', (code) => resolve(code));
    started.child.kill('SIGTERM');
  });
}

async function api<T>(url: string, method: string, input: unknown = {}): Promise<T> {
  const base = url.slice(0, url.indexOf('#'));
  const token = url.slice(url.indexOf('#token=') + '#token='.length);
  const response = await fetch(`${base}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value;
}

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('npm start where no window can open', () => {
  let first: Started;
  beforeAll(async () => {
    first = await startApp();
  }, 300_000);
  afterAll(async () => {
    if (first) await stop(first);
  });

  it('says in one paragraph why the browser, and on which database', () => {
    // The paragraph is wrapped for the terminal: read it as prose.
    const output = first.output().replace(/\s+/g, ' ');
    if (systemNodeIsOld) expect(output).toMatch(/is too old for Tanoda .* bringing Node 24/);
    if (electronPresent) expect(output).toContain('Tanoda runs in your browser, as asked (--browser)');
    else expect(output).toMatch(/Electron's binary is not on this machine and could not be had \(ELECTRON_SKIP_BINARY_DOWNLOAD=1/);
    expect(output).toContain(`(${database})`);
    expect(output).toContain(`First run: creating the school's database in ${database}`);
    // No display: the address is printed, no browser is started.
    expect(output).not.toContain('Opening it in your default browser');
  });

  it('serves the real app at the printed address', async () => {
    const response = await fetch(first.url.slice(0, first.url.indexOf('#')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<script type="module"[^>]*src="\.?\/assets\/[^"]+\.js"/);
  });

  it("creates the school in the app's user data folder with the window's first-run guesses", async () => {
    expect(existsSync(database)).toBe(true);
    const settings = await api<{ schoolName: string; currency: string; locale: string; timeZone: string }>(first.url, 'settings.get');
    expect(settings).toMatchObject({ schoolName: 'My school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' });
    await api(first.url, 'settings.update', { schoolName: 'Napsugár Stúdió' });
  });

  it('stops everything on SIGTERM, and a second start opens the same school', async () => {
    expect(await stop(first)).toBe(0);
    await expect(fetch(first.url.slice(0, first.url.indexOf('#')))).rejects.toThrow();
    const second = await startApp();
    try {
      expect(second.output()).not.toContain('First run');
      expect(await api<{ schoolName: string }>(second.url, 'settings.get')).toMatchObject({ schoolName: 'Napsugár Stúdió' });
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 120_000);
});

describe("the window's first-run locale, read from the environment", () => {
  it('reads LC_ALL, LC_MESSAGES, LANG in that order, without encoding or modifier, and not C/POSIX', () => {
    expect(localeFromEnvironment({ LANG: 'hu_HU.UTF-8' })).toBe('hu_HU');
    expect(localeFromEnvironment({ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' })).toBe('fr_FR');
    expect(localeFromEnvironment({ LANG: 'en_GB.UTF-8', LC_ALL: 'zh_CN.GB18030', LC_MESSAGES: 'fr_FR' })).toBe('zh_CN');
    expect(localeFromEnvironment({ LANG: 'de_DE@euro' })).toBe('de_DE');
    expect(localeFromEnvironment({ LANG: 'C.UTF-8' }, 'en-US')).toBe('en-US');
    expect(localeFromEnvironment({ LC_ALL: 'POSIX', LANG: 'hu_HU.UTF-8' }, 'en-US')).toBe('en-US');
    expect(localeFromEnvironment({}, undefined)).toBeUndefined();
  });
});

describe('scripts/prepare.sh', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tanoda-prepare-'));
  const calls = join(scratch, 'npm-calls.txt');

  beforeAll(() => {
    mkdirSync(join(scratch, 'scripts'));
    mkdirSync(join(scratch, 'bin'));
    for (const file of ['scripts/prepare.sh', 'scripts/node-env.sh', 'package.json', 'package-lock.json']) {
      copyFileSync(join(projectRoot, file), join(scratch, file));
    }
    // A recording npm: `npm ci` writes node_modules/.package-lock.json, as the real one does.
    writeFileSync(
      join(scratch, 'bin', 'npm'),
      `#!/bin/sh\necho "$*" >> "${calls}"\nif [ "$1" = ci ]; then mkdir -p node_modules && echo '{}' > node_modules/.package-lock.json; fi\nif [ "$1" = --version ]; then echo 11.0.0; fi\n`,
    );
    chmodSync(join(scratch, 'bin', 'npm'), 0o755);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function prepare(): { status: number | null; output: string; npm: string[] } {
    rmSync(calls, { force: true });
    const result = spawnSync('bash', ['-c', '. scripts/prepare.sh'], {
      cwd: scratch,
      env: { PATH: `${join(scratch, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: scratch },
      encoding: 'utf8',
    });
    const npm = existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [];
    return { status: result.status, output: result.stdout + result.stderr, npm: npm.filter((c) => c !== '--version') };
  }

  it('installs the locked dependencies when node_modules is missing, and says so', () => {
    const run = prepare();
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/✔ Node v\d+/);
    expect(run.output).toContain('Installing the locked dependencies (npm ci)');
    expect(run.npm).toEqual(['ci --no-audit --no-fund']);
  });

  it('only checks when the last install is newer than the lockfile', () => {
    const run = prepare();
    expect(run.status).toBe(0);
    expect(run.output).toContain('✔ Dependencies installed as package-lock.json says');
    expect(run.npm).toEqual([]);
  });

  it('installs again when package-lock.json changed since the last install', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(scratch, 'package-lock.json'), later, later);
    const run = prepare();
    expect(run.output).toContain('package-lock.json changed since the last install');
    expect(run.npm).toEqual(['ci --no-audit --no-fund']);
  });
});
