/**
 * Roles through the CLI, the way a new user meets them: `init`, then `call
 * users.create` an assistant, then the same commands `--as` that assistant.
 * Deleting a client and the revenue report are refused (FORBIDDEN, exit 4, the
 * typed error on stderr, nothing written); listing and editing clients and
 * recording a payment work. `--as` is the CLI's own way of saying who acts: it
 * is an admin tool run by someone who already controls the machine and file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommand, cliEnv, projectRoot } from './cli-process';

let dir: string;
let db: string;

function tanoda(...args: string[]): { code: number; stdout: string; stderr: string } {
  const cli = cliCommand();
  const result = spawnSync(cli.command, [...cli.args, ...args, '--db', db], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: cliEnv(['--db', db]),
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function value<T>(run: { code: number; stdout: string; stderr: string }): T {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-cli-roles-'));
  db = join(dir, 'school.db');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each step starts a fresh Node process (tsx compiles the CLI when run alone): seconds each on a busy machine.
describe('an assistant through the CLI', { timeout: 180_000 }, () => {
  it('is refused deletes and revenue, and may list and edit clients and record payments', () => {
    expect(tanoda('init', '--name', 'Napsugár Nyelviskola', '--currency', 'HUF', '--locale', 'hu-HU').code).toBe(0);
    const assistant = value<{ username: string; role: string }>(
      tanoda(
        'call',
        'users.create',
        JSON.stringify({ username: 'asszisztens', displayName: 'Asszisztens Anna', role: 'assistant', password: 'titkos-jelszo-1' }),
      ),
    );
    expect(assistant).toMatchObject({ username: 'asszisztens', role: 'assistant' });
    const client = value<{ id: string }>(tanoda('call', 'clients.create', JSON.stringify({ firstName: 'Péter', lastName: 'Kiss' })));

    const deleting = tanoda('call', 'clients.delete', JSON.stringify({ id: client.id }), '--as', 'asszisztens');
    expect(deleting.code).toBe(4);
    expect(JSON.parse(deleting.stderr.trim())).toMatchObject({ code: 'FORBIDDEN' });
    const revenue = tanoda('call', 'reports.revenue', '{}', '--as', 'asszisztens');
    expect(revenue.code).toBe(4);
    expect(JSON.parse(revenue.stderr.trim())).toMatchObject({ code: 'FORBIDDEN' });

    const listed = value<{ rows: { id: string }[] }>(tanoda('call', 'clients.list', '{}', '--as', 'asszisztens'));
    expect(listed.rows.map((r) => r.id)).toEqual([client.id]);
    const updated = value<{ phone: string }>(
      tanoda('call', 'clients.update', JSON.stringify({ id: client.id, phone: '06 30 123 4567' }), '--as', 'asszisztens'),
    );
    expect(updated.phone).toBe('+36301234567');
    const payment = value<{ amountMinor: number; receivedBy: string | null }>(
      tanoda(
        'call',
        'payments.create',
        JSON.stringify({ clientId: client.id, amountMinor: 15_000, method: 'cash' }),
        '--as',
        'asszisztens',
      ),
    );
    expect(payment.amountMinor).toBe(15_000);

    // The refused delete wrote nothing: the client is still there for the owner.
    expect(value<{ deletedAt: string | null }>(tanoda('call', 'clients.get', JSON.stringify({ id: client.id }))).deletedAt).toBeNull();
    expect(tanoda('call', 'clients.list', '{}', '--as', 'nobody').code).not.toBe(0);
  });
});
