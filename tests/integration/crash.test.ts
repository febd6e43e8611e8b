/**
 * Killing the app mid-write never breaks the database or leaves half an action.
 * A child process writes through the real funnel, in many small transactions
 * (tests/integration/crash-writer.ts, bundled once with esbuild so each start
 * takes a fraction of a second), and is killed with SIGKILL at a random moment —
 * sometimes while it is still opening the file — 200 times. After every kill the
 * database opens, passes `integrity_check`, and every transaction is wholly there
 * or wholly absent: each change-log transaction id covers exactly one
 * `crash-<i>` client and its three activities with the same number of entries,
 * every client has its final notes, and no change entry or activity exists
 * without its row.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerActor } from '../../src-main/api/actors';
import { logDrift } from '../../src-main/changes/changelog';
import { openWorkspace } from '../../src-main/api/workspace';
import { openKeyed } from '../../src-main/db/connection';
import { projectRoot } from './cli-process';
import { keyBeside } from './direct';

const kills = 200;
let dir: string;
let db: string;
let writer: string;
let ownerId: string;

/** A deterministic sequence, so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-crash-'));
  db = join(dir, 'school.db');
  const workspace = openWorkspace(db, {
    key: keyBeside(db),
    initIfEmpty: { schoolName: 'Crash School', currency: 'HUF', locale: 'hu-HU' },
  });
  ownerId = ownerActor(workspace.db).userId as string;
  workspace.close();
  // Inside the project, so the bundle finds better-sqlite3 in node_modules.
  mkdirSync(join(projectRoot, 'node_modules', '.cache'), { recursive: true });
  writer = join(projectRoot, 'node_modules', '.cache', `tanoda-crash-writer-${process.pid}.mjs`);
  const build = spawnSync(
    join(projectRoot, 'node_modules', '.bin', 'esbuild'),
    [
      join(projectRoot, 'tests', 'integration', 'crash-writer.ts'),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--external:better-sqlite3',
      `--outfile=${writer}`,
      '--log-level=error',
    ],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`bundling the writer failed: ${build.stderr}`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(writer, { force: true });
});

interface Check {
  integrity: string;
  complete: number;
  torn: string[];
}

function check(): Check {
  const sqlite = openKeyed(db, keyBeside(db), { fileMustExist: true });
  try {
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const torn: string[] = [];
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const clients = count("SELECT count(*) AS n FROM clients WHERE first_name LIKE 'crash-%'");
    // Every action is one tx id covering exactly one client and its three activities, with the same number of entries.
    const shapes = sqlite
      .prepare(
        `SELECT n, rows, count(*) AS txs FROM (
           SELECT tx, count(*) AS n, count(DISTINCT row_id) AS rows FROM changes WHERE table_name IN ('clients', 'activities') GROUP BY tx
         ) GROUP BY n, rows`,
      )
      .all() as { n: number; rows: number; txs: number }[];
    if (shapes.length > 1 || (shapes[0] && (shapes[0].rows !== 4 || shapes[0].txs !== clients)))
      torn.push(`change-log transactions of unequal shape: ${JSON.stringify(shapes)}`);
    const unfinished = count(
      "SELECT count(*) AS n FROM clients WHERE first_name LIKE 'crash-%' AND notes <> 'done-' || substr(first_name, 7)",
    );
    if (unfinished > 0) torn.push(`${unfinished} clients without their final notes`);
    const activities = count('SELECT count(*) AS n FROM activities');
    if (activities !== 3 * clients) torn.push(`${activities} activities for ${clients} clients`);
    const orphanActivities = count(
      'SELECT count(*) AS n FROM activities a WHERE NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = a.client_id)',
    );
    if (orphanActivities > 0) torn.push(`${orphanActivities} activities without their client`);
    const orphanChanges = count(
      `SELECT count(*) AS n FROM changes ch WHERE (ch.table_name = 'clients' AND NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = ch.row_id))
          OR (ch.table_name = 'activities' AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.id = ch.row_id))`,
    );
    if (orphanChanges > 0) torn.push(`${orphanChanges} change entries without their row`);
    return { integrity, complete: clients, torn };
  } finally {
    sqlite.close();
  }
}

function runAndKill(start: number, delayMs: number, afterReady: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    // The writer finds the key the way the CLI does: the key file named by TANODA_KEY_FILE.
    const child = spawn(process.execPath, [writer, db, String(start), ownerId], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TANODA_KEY_FILE: join(dir, 'tanoda.key') },
    });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (afterReady) child.stdout.once('data', kill);
    else kill();
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer stopped by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('killing a writer at random points', () => {
  it(`${kills} times leaves a healthy database with every transaction wholly there or absent`, { timeout: 240_000 }, async () => {
    const next = random(20260310);
    const problems: string[] = [];
    let written = 0;
    for (let round = 0; round < kills; round++) {
      // Mostly mid-write (after the file is open); one in five at a random point of the start-up.
      const afterReady = next() < 0.8;
      await runAndKill(written, Math.floor(next() * (afterReady ? 60 : 150)), afterReady);
      const result = check();
      if (result.integrity !== 'ok') problems.push(`round ${round}: integrity ${result.integrity}`);
      problems.push(...result.torn.map((t) => `round ${round}: ${t}`));
      expect(result.complete).toBeGreaterThanOrEqual(written);
      written = result.complete;
      if (problems.length > 0) break;
    }
    expect(problems).toEqual([]);
    expect(written).toBeGreaterThan(kills);
    // The log still replays onto the tables: nothing was written around it, even under kills.
    const sqlite = openKeyed(db, keyBeside(db), { fileMustExist: true });
    try {
      expect(logDrift(sqlite)).toEqual([]);
    } finally {
      sqlite.close();
    }
  });
});
