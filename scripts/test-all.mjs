#!/usr/bin/env node
// `npm test`: every check, in the order a failure is cheapest to read —
// typecheck, lint, the layer and cycle check (.dependency-cruiser.cjs), the production build (the e2e layer serves the built
// renderer), then all vitest layers (unit, integration, e2e in Chromium).
// Every step runs even when an earlier one failed, so one run shows everything;
// the last line is the plain summary CI reads: `N passed, N failed`. Where the
// desktop window could not be launched (no Electron binary could be had, see
// tests/integration/electron-launch.test.ts), the line before it says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reportDir = join(root, 'reports');
mkdirSync(reportDir, { recursive: true });
const vitestReport = join(reportDir, 'vitest.json');
rmSync(vitestReport, { force: true });
const launchReport = join(reportDir, 'electron-launch.json');
rmSync(launchReport, { force: true });

const steps = [
  ['typecheck (main, shared, tests)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['dependencies (layers, no cycles)', 'npx', ['depcruise', 'src-main', 'src-shared', 'src-renderer']],
  ['format', 'npx', ['prettier', '--check', '.']],
  ['build', 'npx', ['electron-vite', 'build']],
];

let passed = 0;
let failed = 0;
const failures = [];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

console.log('\n▶ tests (unit, integration, e2e)');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], {
  cwd: root,
  stdio: 'inherit',
  // The build step above produced out/main/cli.js: CLI tests spawn it instead of compiling with tsx each time.
  env: { ...process.env, TANODA_TEST_BUILT_CLI: '1' },
});
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests;
  // A suite that failed to load has no failed tests of its own: count it once.
  const brokenSuites = report.testResults.filter(
    (suite) => suite.status === 'failed' && !suite.assertionResults.some((t) => t.status === 'failed'),
  );
  failed += report.numFailedTests + brokenSuites.length;
  if (report.numFailedTests > 0 || brokenSuites.length > 0) failures.push('tests');
  if (report.numPendingTests > 0 || report.numTodoTests > 0) {
    failed += report.numPendingTests + report.numTodoTests;
    failures.push(`${report.numPendingTests + report.numTodoTests} skipped or todo tests`);
  }
} else {
  failed++;
  failures.push('tests (vitest produced no report)');
}
if (vitest.status !== 0 && !failures.includes('tests')) {
  failed++;
  failures.push('tests (vitest exited with an error)');
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
if (existsSync(launchReport)) {
  const launch = JSON.parse(readFileSync(launchReport, 'utf8'));
  if (!launch.launched) {
    console.log(`\nNot tested here: launching the desktop window, because no Electron binary could be had (${launch.reason}).`);
    console.log('Everything else was tested; the counts below do not include a window launch.');
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
