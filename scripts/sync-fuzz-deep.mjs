#!/usr/bin/env node
// `npm run test:deep`: the sync property test (tests/integration/sync-fuzz.test.ts)
// as the nightly job runs it — 2,000 cases from a random seed instead of `npm test`'s
// short run from the fixed one. The seed is chosen and printed here, before the run,
// so even a run that is killed says what it was; a failure prints its seed and path,
// and `SYNC_FUZZ_SEED=<seed> SYNC_FUZZ_PATH=<path> npx vitest run
// tests/integration/sync-fuzz.test.ts` replays exactly that case and shrinks it.
// SYNC_FUZZ_RUNS and SYNC_FUZZ_SEED, when set, override the count and the seed.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const runs = process.env.SYNC_FUZZ_RUNS || '2000';
const seed = process.env.SYNC_FUZZ_SEED || String(randomInt(0, 2 ** 31 - 1));
console.log(`sync property: ${runs} cases, seed ${seed}`);
console.log(`  (this run again: SYNC_FUZZ_RUNS=${runs} SYNC_FUZZ_SEED=${seed} npm run test:deep)`);

const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', 'tests/integration/sync-fuzz.test.ts'], {
  cwd: new URL('..', import.meta.url).pathname,
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, SYNC_FUZZ_RUNS: runs, SYNC_FUZZ_SEED: seed },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`sync property: ${runs} cases, seed ${seed}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${minutes} min`);
process.exit(result.status ?? 1);
