#!/usr/bin/env node
// `npm start`: the desktop app — or, where it cannot open, the same app in the browser.
//
// electron-vite 6 reads node_modules/electron/path.txt itself and throws "Electron uninstall"
// when it is missing, and Electron 45 writes that file only when its lazy binary fetch
// (node_modules/electron/install.js, which the first `require('electron')` runs) succeeded. So
// this script first runs that very fetch, bounded in time, and then `electron-vite dev`. Where
// the binary cannot be had (offline, a blocked download) or there is no screen to open a window
// on, it says so in one paragraph and serves the same app on the same database — the file in the
// app's user data folder, created and initialised on first run as the app does — through the
// CLI's HTTP bridge (`tanoda web`), printing the address and opening it in the default browser
// when there is a screen. So `npm start` runs the app everywhere instead of dying on a download.
//
// The database is encrypted. The browser fallback takes its key from the key file named by
// TANODA_KEY_FILE, by default tanoda.key beside the database (0600; the window moves it into the
// keychain when it opens that database); a new database's recovery key is printed once, here.
//
// Options: --browser (the browser even when Electron could start), --no-rebuild (serve out/ as it
// is when it exists). TANODA_ELECTRON_FETCH_TIMEOUT (seconds, default 300) bounds the fetch
// (scripts/electron-binary.mjs); ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips it.
// Plain Node that any Node can parse: an older Node than 22.12 re-runs it under the Node 24 that
// scripts/node-env.sh brings, so the user never has to prepare a shell first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fetchElectron, root } from './electron-binary.mjs';

const args = process.argv.slice(2);
const wantsBrowser = args.includes('--browser');
const noRebuild = args.includes('--no-rebuild');
const passThrough = args.filter((arg) => arg !== '--browser' && arg !== '--no-rebuild');
const isWindows = process.platform === 'win32';

function say(text = '') {
  process.stdout.write(`${text}\n`);
}

/** Wraps a paragraph at 100 columns, so the one explanation reads as prose in any terminal. */
function paragraph(text) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > 100) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

// ---- Node >= 22.12 ---------------------------------------------------------------------

function nodeIsRecent() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

function rerunUnderRecentNode() {
  if (isWindows || process.env.TANODA_NODE_REEXEC) {
    console.error(`Tanoda needs Node 22.12 or newer (this is ${process.version}): install Node 24 LTS and run \`npm start\` again.`);
    process.exit(1);
  }
  say(`Node ${process.version} is too old for Tanoda (it needs 22.12 or newer): bringing Node 24 (scripts/node-env.sh)…`);
  const rerun = spawn('bash', ['-c', '. scripts/node-env.sh >&2 && exec node scripts/start.mjs "$@"', 'start.mjs', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TANODA_NODE_REEXEC: '1' },
  });
  runToEnd(rerun);
}

// ---- the window ------------------------------------------------------------------------------

function hasDisplay() {
  if (isWindows || process.platform === 'darwin') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Runs a long-lived child to its end, passing Ctrl-C and termination on, and exits with its code. */
function runToEnd(child) {
  // Ctrl-C in a terminal reaches the whole process group, the child included; a signal sent to
  // this process alone is passed on as SIGTERM, which every child here ends on cleanly.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), signal === 'SIGINT' ? 500 : 0));
  }
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWindow() {
  const bin = join(root, 'node_modules', '.bin', isWindows ? 'electron-vite.cmd' : 'electron-vite');
  say('Starting the desktop app (electron-vite dev)…');
  runToEnd(spawn(bin, ['dev', ...passThrough], { cwd: root, stdio: 'inherit', shell: isWindows }));
}

// ---- the browser fallback -------------------------------------------------------------------

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The bridge serves out/renderer and the CLI runs from out/main: build them when missing or older than the sources. */
function ensureBuilt() {
  const outputs = [join(root, 'out', 'main', 'cli.js'), join(root, 'out', 'renderer', 'index.html')];
  const missing = outputs.some((file) => !existsSync(file));
  if (!missing && noRebuild) return;
  const builtAt = missing ? 0 : Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const sources = ['src-main', 'src-shared', 'src-renderer', 'drizzle', 'electron.vite.config.ts', 'package-lock.json'];
  if (!missing && sources.every((source) => newestMtime(join(root, source)) <= builtAt)) return;
  say(
    missing
      ? 'Building the app (electron-vite build)…'
      : 'The sources changed since the last build: rebuilding the app (electron-vite build)…',
  );
  const bin = join(root, 'node_modules', '.bin', isWindows ? 'electron-vite.cmd' : 'electron-vite');
  const build = spawnSync(bin, ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: isWindows });
  if (build.status !== 0) {
    console.error('The build failed: run `npx electron-vite build` to see why.');
    process.exit(1);
  }
}

function tanoda(cliArgs, options) {
  return spawn(process.execPath, [join(root, 'bin', 'tanoda.mjs'), ...cliArgs], { cwd: root, ...options });
}

/** The database file the window would open, created with the window's first-run guesses when there is none yet. */
async function defaultDatabase() {
  const { tsImport } = await import('tsx/esm/api');
  const load = (file) => tsImport(pathToFileURL(join(root, file)).href, import.meta.url);
  const { defaultDatabasePath, userDataFolder, KEY_FILE_NAME } = await load('src-main/paths.ts');
  const { firstRunDefaults, localeFromEnvironment } = await load('src-main/electron/first-run.ts');
  const db = defaultDatabasePath(userDataFolder());
  // Every `tanoda` started from here inherits it: the CLI and the bridge read the key from this file.
  process.env.TANODA_KEY_FILE ||= join(dirname(db), KEY_FILE_NAME);
  if (existsSync(db) && statSync(db).size > 0) return db;
  const runtime = Intl.DateTimeFormat().resolvedOptions();
  say(`First run: creating the school's database in ${db}`);
  const { schoolName, currency, locale, timeZone } = firstRunDefaults(localeFromEnvironment(process.env, runtime.locale), runtime.timeZone);
  const init = ['init', '--db', db, '--name', schoolName, '--currency', currency, '--locale', locale, '--time-zone', timeZone, '--json'];
  const child = tanoda(init, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise((done) => child.on('close', done));
  if (code !== 0) {
    console.error(`Creating ${db} failed (tanoda init exited with ${code}).`);
    process.exit(1);
  }
  const { recoveryKey, keyFile } = JSON.parse(output);
  if (recoveryKey) {
    say(
      paragraph(
        `The school's data is encrypted; its key is kept in ${keyFile}. Write down this recovery key now and keep it away from this computer: it opens the backups on another computer, and it is not shown again.`,
      ),
    );
    say(`  ${recoveryKey}`);
  }
  return db;
}

function openInBrowser(url) {
  const [command, commandArgs] =
    process.platform === 'darwin' ? ['open', [url]] : isWindows ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const opener = spawn(command, commandArgs, { stdio: 'ignore', detached: true });
  opener.on('error', () => say(`(Could not start ${command}: open the address above yourself.)`));
  opener.unref();
}

/** Serves the app over the bridge; `explain(db)` is the one paragraph that says why the browser and on which database. */
async function startInBrowser(explain) {
  ensureBuilt();
  const db = await defaultDatabase();
  const web = tanoda(['web', '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  let announced = false;
  web.stdout.setEncoding('utf8');
  web.stdout.on('data', (chunk) => {
    if (announced) return void process.stdout.write(chunk);
    buffered += chunk;
    // `tanoda web --json` prints one JSON object, `{ url, port }` (indented), once it listens.
    const end = buffered.search(/^\}$/m);
    if (end < 0) return;
    announced = true;
    const { url } = JSON.parse(buffered.slice(0, end + 1));
    const newline = end + 1;
    say();
    say(paragraph(explain(db)));
    say();
    say(`  open ${url}`);
    say();
    say('Ctrl-C stops it.');
    if (hasDisplay()) {
      say('Opening it in your default browser…');
      openInBrowser(url);
    }
    if (buffered.length > newline + 1) process.stdout.write(buffered.slice(newline + 1));
  });
  runToEnd(web);
}

// ---- main -----------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(root, 'node_modules', '.bin'))) {
    console.error('The dependencies are not installed: run `bash scripts/start.sh`, which installs them first.');
    process.exit(1);
  }
  if (wantsBrowser) {
    return startInBrowser(
      (db) => `Tanoda runs in your browser, as asked (--browser), on the desktop app's database (${db}), served to this computer only.`,
    );
  }
  const timeout = Number(process.env.TANODA_ELECTRON_FETCH_TIMEOUT) || 300;
  const failure = await fetchElectron({ timeoutSeconds: timeout, say });
  const instead =
    (why, afterwards = '') =>
    (db) =>
      `${why} So the same app runs in your browser instead, on the same database (${db}), served to this computer only. ${afterwards}`;
  if (failure) {
    const why = `Tanoda cannot open its desktop window here: Electron's binary is not on this machine and could not be had (${failure}).`;
    return startInBrowser(instead(why, 'Once this computer can download it, `npm start` opens the window instead.'));
  }
  if (!hasDisplay()) {
    return startInBrowser(
      instead('Tanoda cannot open its desktop window here: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set).'),
    );
  }
  startWindow();
}

if (nodeIsRecent()) await main();
else rerunUnderRecentNode();
