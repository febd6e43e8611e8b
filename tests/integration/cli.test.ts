/**
 * The CLI end to end, the way a person or a script uses it: each step spawns
 * `node --import tsx src-main/cli.ts` as a child process against a real SQLite
 * file in a temporary folder and reads only its exit code, stdout and stderr.
 * What is pinned here is the CLI's contract with scripts: JSON on stdout, typed
 * errors as JSON on stderr with their field paths, the exit code per error kind,
 * and that a refused call or restore leaves the database exactly as it was.
 */
import { cliCommand, cliEnv } from './cli-process';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../src-shared/api/contract';
import { addDaysIso, todayIn } from '../../src-shared/dates';
import { tempDir } from './helpers';

const root = resolve(import.meta.dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function tanoda(args: string[], stdin?: string): Run {
  const cli = cliCommand();
  const result = spawnSync(cli.command, [...cli.args, ...args], {
    cwd: root,
    input: stdin ?? '',
    encoding: 'utf8',
    env: cliEnv(args),
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function ok<T = unknown>(run: Run): T {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

function stderrError(run: Run): { code: string; message: string; fields: { path: (string | number)[]; code: string; message: string }[] } {
  return JSON.parse(run.stderr.trim()) as never;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

// Each step starts a fresh Node process that compiles the CLI with tsx: seconds each on a busy machine.
describe('tanoda CLI', { timeout: 300_000 }, () => {
  let dir: string;
  let db: string;
  const call = (method: string, input?: unknown, ...extra: string[]) =>
    tanoda(['call', method, ...(input === undefined ? [] : [JSON.stringify(input)]), '--db', db, ...extra]);
  const changeCount = () => ok<{ changes: number }>(tanoda(['stats', '--db', db, '--json'])).changes;

  beforeAll(() => {
    dir = tempDir();
    db = join(dir, 'school.db');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('initialises a Hungarian workspace and refuses a second init', () => {
    const init = tanoda([
      'init',
      '--db',
      db,
      '--currency',
      'HUF',
      '--locale',
      'hu-HU',
      '--time-zone',
      'Europe/Budapest',
      '--name',
      'Kék Iskola',
      '--json',
    ]);
    const created = ok<{ settings: { currency: string; locale: string; country: string; schoolName: string } }>(init);
    expect(created.settings).toMatchObject({ currency: 'HUF', locale: 'hu-HU', country: 'HU', schoolName: 'Kék Iskola' });
    const again = tanoda(['init', '--db', db]);
    expect(again.code).toBe(5);
    const bad = tanoda(['init', '--db', join(dir, 'other.db'), '--currency', 'XYZ1', '--time-zone', 'Mars/Base', '--json']);
    expect(bad.code).toBe(2);
    expect(stderrError(bad).fields.map((f) => f.path[0])).toEqual(['currency', 'timeZone']);
  });

  it('runs a whole enrollment through the router and reports balance and instalment states', () => {
    const today = todayIn('Europe/Budapest', new Date());
    const program = ok<{ id: string }>(call('programs.create', { name: 'Angol B1', defaultPriceMinor: 12_000_000, defaultCapacity: 10 }));
    const cohort = ok<{ id: string }>(
      call('cohorts.create', { programId: program.id, name: 'Angol B1 ősz', startOn: addDaysIso(today, -45), status: 'running' }),
    );
    const client = ok<{ id: string; phone: string; email: string }>(
      call('clients.create', { firstName: 'Anna', lastName: 'Kovács', email: 'Anna.Kovacs@Example.hu', phone: '06 30 123 4567' }),
    );
    expect(client.phone).toBe('+36301234567');
    expect(client.email).toBe('anna.kovacs@example.hu');
    const enrollment = ok<{ id: string; agreedPriceMinor: number; status: string }>(
      call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'confirmed' }),
    );
    expect(enrollment).toMatchObject({ agreedPriceMinor: 12_000_000, status: 'confirmed' });

    const plan = ok<{ dueOn: string; amountMinor: number }[]>(
      call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: addDaysIso(today, -40) }),
    );
    expect(plan.map((i) => i.amountMinor)).toEqual([4_000_000, 4_000_000, 4_000_000]);

    // Read from stdin this time.
    const payment = ok<{ amountMinor: number }>(
      tanoda(
        ['call', 'payments.create', '-', '--db', db],
        JSON.stringify({ clientId: client.id, enrollmentId: enrollment.id, amountMinor: 5_000_000, method: 'cash' }),
      ),
    );
    expect(payment.amountMinor).toBe(5_000_000);

    const detail = ok<{
      balance: { dueTotalMinor: number; paidMinor: number; balanceMinor: number; overdueMinor: number };
      enrollments: { balance: { instalments: { state: string; paidMinor: number }[] } }[];
    }>(call('clients.get', { id: client.id }));
    expect(detail.balance).toMatchObject({
      dueTotalMinor: 12_000_000,
      paidMinor: 5_000_000,
      balanceMinor: 7_000_000,
      overdueMinor: 3_000_000,
    });
    const states = detail.enrollments[0]?.balance.instalments.map((i) => [i.state, i.paidMinor]);
    expect(states).toEqual([
      ['paid', 4_000_000],
      ['overdue', 1_000_000],
      ['upcoming', 0],
    ]);
  });

  it('answers bad input with typed errors on stderr, the field path, an exit code, and no write', () => {
    const before = changeCount();
    const client = ok<{ rows: { id: string }[] }>(call('clients.list', { query: 'Kovács' }));
    const clientId = client.rows[0]?.id as string;

    const negative = call('payments.create', { clientId, amountMinor: -500 });
    expect(negative.code).toBe(2);
    expect(negative.stdout).toBe('');
    const negativeError = stderrError(negative);
    expect(negativeError.code).toBe('VALIDATION');
    expect(negativeError.fields.some((f) => f.path.join('.') === 'amountMinor')).toBe(true);

    const unknownCohort = call('enrollments.create', { clientId, cohortId: '01900000-0000-7000-8000-000000000000', status: 'confirmed' });
    expect(unknownCohort.code).toBe(3);
    const unknownError = stderrError(unknownCohort);
    expect(unknownError.code).toBe('NOT_FOUND');
    expect(unknownError.fields.map((f) => f.path.join('.'))).toContain('cohortId');

    const badEmail = call('clients.create', { firstName: 'Béla', email: 'bela@@nowhere' });
    expect(badEmail.code).toBe(2);
    expect(stderrError(badEmail).fields.map((f) => f.path.join('.'))).toEqual(['email']);

    const notJson = tanoda(['call', 'clients.create', '{firstName:', '--db', db]);
    expect(notJson.code).toBe(2);
    expect(stderrError(notJson).fields[0]?.path).toEqual(['input']);

    const unknownMethod = call('clients.explode', {});
    expect(unknownMethod.code).toBe(3);

    expect(changeCount()).toBe(before);
  });

  it('lists every contract method with its capability', () => {
    const listed = ok<{ method: string; capability: string; summary: string }[]>(tanoda(['call', '--list', '--json']));
    expect(listed.map((m) => m.method)).toEqual(methodNames);
    expect(listed.find((m) => m.method === 'reports.revenue')?.capability).toBe('finance.read');
    const human = tanoda(['call', '--list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/clients\.create\s+clients\.write/);
  });

  it('acts as another user with --as and refuses an unknown one', () => {
    ok(call('users.create', { username: 'zsofi', displayName: 'Zsófi', role: 'assistant' }));
    const asAssistant = call('clients.list', {}, '--as', 'zsofi');
    expect(asAssistant.code).toBe(0);
    const forbidden = call('reports.revenue', {}, '--as', 'zsofi');
    expect(forbidden.code).toBe(4);
    expect(stderrError(forbidden).code).toBe('FORBIDDEN');
    const stranger = call('clients.list', {}, '--as', 'nobody');
    expect(stranger.code).toBe(1);
    expect(stderrError(stranger)).toMatchObject({ code: 'UNAUTHENTICATED', fields: [{ path: ['as'] }] });
  });

  it('explains every command with --help and rejects unknown options', () => {
    for (const command of ['init', 'call', 'seed-demo', 'stats', 'web', 'backup', 'restore', 'doctor']) {
      const help = tanoda([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain(`Usage: tanoda ${command}`);
    }
    expect(tanoda(['--help']).stdout).toContain('seed-demo');
    const typo = tanoda(['stats', '--db', db, '--jsno']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--jsno');
    expect(tanoda(['stats', '--db', join(dir, 'missing.db')]).code).toBe(3);
  });

  it('seeds a demo school that doctor finds healthy, and counts it', () => {
    const demo = join(dir, 'demo.db');
    const seeded = ok<{ clients: number; enrollments: number; payments: number; ms: number; initialised: boolean }>(
      tanoda(['seed-demo', '--db', demo, '--clients', '300', '--seed', 'cli', '--locale', 'hu-HU', '--currency', 'HUF', '--json']),
    );
    expect(seeded).toMatchObject({ clients: 300, initialised: true });
    expect(seeded.enrollments).toBeGreaterThan(150);
    expect(seeded.payments).toBeGreaterThan(50);
    expect(tanoda(['seed-demo', '--db', demo, '--clients', '10']).code).toBe(5);

    const doctor = tanoda(['doctor', '--db', demo, '--json']);
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout) as {
      ok: boolean;
      integrity: string[];
      searchIndexDrift: number;
      migrations: { pending: string[] };
    };
    expect(report).toMatchObject({ ok: true, integrity: ['ok'], searchIndexDrift: 0, migrations: { pending: [] } });
    const human = tanoda(['doctor', '--db', demo]);
    expect(human.stdout).toContain('The database is healthy.');

    const stats = ok<{ tables: { table: string; live: number }[]; changes: number }>(tanoda(['stats', '--db', demo, '--json']));
    expect(stats.tables.find((t) => t.table === 'clients')?.live).toBe(300);
    expect(stats.changes).toBeGreaterThan(1000);
    expect(tanoda(['stats', '--db', demo]).stdout).toMatch(/clients\s+300/);
  });

  it('backs up and restores, keeping a safety copy of what it replaced', () => {
    const backup = join(dir, 'backups', 'school-backup.db');
    const made = ok<{ file: string; integrity: string }>(tanoda(['backup', '--db', db, '--out', backup, '--json']));
    expect(made.integrity).toBe('ok');
    const snapshot = ok<{ rows: unknown[]; total: number }>(call('clients.list', {}));

    ok(call('clients.create', { firstName: 'Később', lastName: 'Jött' }));
    expect(ok<{ total: number }>(call('clients.list', {})).total).toBe(snapshot.total + 1);

    const restored = ok<{ safetyBackup: string }>(tanoda(['restore', backup, '--db', db, '--json']));
    expect(ok<{ rows: unknown[]; total: number }>(call('clients.list', {}))).toEqual(snapshot);
    expect(existsSync(restored.safetyBackup)).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith('school.before-restore-'))).toBe(true);

    // The safety copy holds the client the restore took away.
    const rescued = tanoda(['call', 'clients.list', JSON.stringify({ query: 'Később' }), '--db', restored.safetyBackup]);
    expect(ok<{ total: number }>(rescued).total).toBe(1);
  });

  it('refuses to restore a garbage file or a foreign SQLite file and leaves the database untouched', () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    const before = sha256(db);
    const beforeChanges = changeCount();

    // Whole pages of random bytes cannot be told from a backup encrypted on another computer:
    // its recovery key is asked for, and without a terminal to type it the restore is refused.
    const refused = tanoda(['restore', garbage, '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(stderrError(refused)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('recovery key') });
    expect(sha256(db)).toBe(before);
    expect(changeCount()).toBe(beforeChanges);
    const torn = join(dir, 'torn.db');
    writeFileSync(torn, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    const notADatabase = tanoda(['restore', torn, '--db', db, '--json']);
    expect(notADatabase.code).toBe(2);
    expect(stderrError(notADatabase).fields[0]?.path).toEqual(['file']);
    expect(sha256(db)).toBe(before);

    const foreign = join(dir, 'foreign.db');
    const made = spawnSync(
      process.execPath,
      ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(foreign)});d.exec('CREATE TABLE notes(x)');d.close()`],
      { cwd: root },
    );
    expect(made.status).toBe(0);
    const notOurs = tanoda(['restore', foreign, '--db', db]);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr).toContain('not a Tanoda database');
    expect(sha256(db)).toBe(before);
  });
});
