#!/usr/bin/env node
// Electron's binary, had through Electron's own fetch — shared by `npm start` (scripts/start.mjs),
// the test command (scripts/test.sh) and the window-launch test.
//
// Electron 45 has no install script: its binary is fetched lazily, by node_modules/electron/install.js,
// the first time something runs `require('electron')`, and only then is node_modules/electron/path.txt
// written — the file electron-vite 6 reads, throwing "Electron uninstall" without it. Running install.js
// ourselves is that same fetch (same mirror settings, cache and checksums), only done on purpose, bounded
// in time, and with its failure turned into one line a person can read instead of a stack trace.
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI sets it) means: never download; say so instead.
//
// Run directly (`node scripts/electron-binary.mjs`) it fetches when the binary is missing and records the
// outcome in reports/electron-binary.json, which the launch test quotes when it cannot launch the window.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const electronDir = join(root, 'node_modules', 'electron');
export const outcomeFile = join(root, 'reports', 'electron-binary.json');

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** The Electron executable electron-vite runs, or null while Electron's lazy fetch has not succeeded. */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Where @electron/get downloads from (its mirror settings, else GitHub's releases), named in a failure. */
function downloadHost() {
  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || 'https://github.com/';
  try {
    return new URL(mirror).host;
  } catch {
    return mirror;
  }
}

/** The line of install.js's output that says what failed (it prints the error's stack), and from where. */
function failureLine(output, code) {
  const lines = output.split('\n').map((line) => line.trim());
  const reason =
    lines.find((line) => /error|failed|ENOTFOUND|ECONN|EAI_AGAIN|timed? ?out|no answer/i.test(line) && !line.startsWith('at ')) ??
    lines.findLast(Boolean);
  return `${reason || `its installer exited with code ${code}`}, downloading from ${downloadHost()}`;
}

/**
 * Makes sure Electron's binary is there. Resolves to null when it is (already, or fetched now), or to why
 * it could not be had. Most failures (no network, a refused or unresolvable host) come back within
 * seconds; `timeoutSeconds` bounds the rest (a stalled download).
 */
export function fetchElectron({ timeoutSeconds = 300, say = (text) => process.stdout.write(`${text}\n`) } = {}) {
  if (electronBinary()) return Promise.resolve(null);
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
    return Promise.resolve('ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set, so it is not downloaded');
  }
  say(`Fetching Electron ${electronVersion()}'s binary with its own installer (about 100 MB, giving up after ${timeoutSeconds} s)…`);
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => (output = (output + chunk).slice(-4000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      output += `\nno answer within ${timeoutSeconds} s`;
    }, timeoutSeconds * 1000);
    child.on('error', (error) => collect(`\n${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      done(code === 0 && electronBinary() ? null : failureLine(output, code));
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const timeoutSeconds = Number(process.env.TANODA_ELECTRON_FETCH_TIMEOUT) || 300;
  const reason = await fetchElectron({ timeoutSeconds });
  const binary = electronBinary();
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(outcomeFile, `${JSON.stringify({ version: electronVersion(), binary, reason }, null, 2)}\n`);
  console.log(binary ? `Electron's binary: ${binary}` : `No Electron binary: ${reason}.`);
}
