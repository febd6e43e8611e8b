/**
 * Pulling the plug in the middle of an import. A child process (the real CLI)
 * imports a large sheet and is killed with SIGKILL at a random moment while it
 * writes; afterwards the database must open, pass `PRAGMA integrity_check`, and
 * hold either all of the batch or none of it — never a part.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src-main/db/connection';
import { fixedClock } from '../../src-main/core/context';
import { initWorkspace } from '../../src-main/services/settings';
import { cliCommand, cliEnv, projectRoot } from './cli-process';
import { tempDir } from './helpers';
import { keyBeside } from './direct';

const rows = 3000;

function bigSheet(): string {
  const lines = ['Név;Telefon;E-mail;Tanfolyam;Csoport;Státusz;Tandíj;Befizetve'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `Teszt${i} Elek;+3630${String(1_000_000 + i)};teszt${i}@example.hu;Tanfolyam ${i % 40};Csoport ${i % 7};megerősítve;120 000;${i % 3 === 0 ? '40 000' : ''}`,
    );
  }
  return lines.join('\r\n');
}

/** Seeded, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Runs the import and kills it once its write-ahead log has grown by `afterBytes`: the
 * batch's pages are then being written, and a commit of a few megabytes is still under way.
 */
function runAndKill(db: string, sheet: string, afterBytes: number): Promise<{ killed: boolean; code: number | null }> {
  const { command, args } = cliCommand();
  const child = spawn(command, [...args, 'import', sheet, '--db', db, '--json'], {
    cwd: projectRoot,
    stdio: 'ignore',
    env: cliEnv(['--db', db]),
  });
  const wal = `${db}-wal`;
  const startSize = existsSync(wal) ? statSync(wal).size : 0;
  return new Promise((resolve) => {
    let killed = false;
    const poll = setInterval(() => {
      const size = existsSync(wal) ? statSync(wal).size : 0;
      if (size > startSize + afterBytes) {
        clearInterval(poll);
        killed = child.kill('SIGKILL');
      }
    }, 2);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ killed: killed && code === null, code });
    });
  });
}

describe('an import killed half-way', () => {
  it('leaves a sound database holding all or nothing of the batch', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const template = join(dir, 'template.db');
    const seed = openDatabase(template, { key: keyBeside(template) });
    initWorkspace(
      { db: seed, clock: fixedClock('2026-03-10T09:00:00Z') },
      { schoolName: 'Crash', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
    );
    closeDatabase(seed);
    const sheet = join(dir, 'big.csv');
    writeFileSync(sheet, bigSheet());

    const next = random(20_260_310);
    let interrupted = 0;
    for (let round = 0; round < 5; round++) {
      const db = join(dir, `round-${round}.db`);
      copyFileSync(template, db);
      const outcome = await runAndKill(db, sheet, 64 * 1024 + Math.floor(next() * 4 * 1024 * 1024));
      const opened = openDatabase(db, { key: keyBeside(db) });
      try {
        expect(opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        const batches = (opened.sqlite.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n;
        const clients = (
          opened.sqlite.prepare('SELECT count(*) AS n FROM clients WHERE import_batch_id IS NOT NULL').get() as { n: number }
        ).n;
        const enrollments = (opened.sqlite.prepare('SELECT count(*) AS n FROM enrollments').get() as { n: number }).n;
        const changes = // What the workspace wrote before the import (settings, the owner, default message templates) is not the import's.
          (
            opened.sqlite
              .prepare("SELECT count(*) AS n FROM changes WHERE table_name NOT IN ('settings', 'users', 'message_templates')")
              .get() as {
              n: number;
            }
          ).n;
        if (batches === 0) {
          expect([clients, enrollments, changes]).toEqual([0, 0, 0]);
          if (outcome.killed) interrupted++;
        } else {
          expect(batches).toBe(1);
          expect([clients, enrollments]).toEqual([rows, rows]);
        }
      } finally {
        closeDatabase(opened);
      }
    }
    // The test proves something only if some kills landed during the write.
    expect(interrupted).toBeGreaterThan(0);
  });
});
