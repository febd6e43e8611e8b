/**
 * Two real app processes on one temporary folder, as a school would run them: the
 * owner's machine and the assistant's, each its own `tanoda` process and database.
 * Both edit offline, sync, and converge; the folder never holds a client's name in
 * plaintext nor the database file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommand, cliEnv } from './cli-process';
import { tempDir } from './helpers';

/** One CLI run; `stdin` is what a script pipes in (the passphrases, one per line). */
function run(stdin: string, args: string[]): { code: number; out: string; err: string } {
  const { command, args: base } = cliCommand();
  const result = spawnSync(command, [...base, ...args], { encoding: 'utf8', env: cliEnv(args), input: stdin });
  return { code: result.status ?? 1, out: result.stdout, err: result.stderr };
}

const tanoda = (...args: string[]) => run('', args);

function jsonWith<T>(stdin: string, ...args: string[]): T {
  const result = run(stdin, [...args, '--json']);
  if (result.code !== 0) throw new Error(`tanoda ${args.join(' ')} failed (${result.code}): ${result.err}`);
  return JSON.parse(result.out) as T;
}

const json = <T>(...args: string[]): T => jsonWith<T>('', ...args);

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe('sync between two CLI processes', () => {
  it('owner and assistant edit offline, sync and converge, with nothing readable in the folder', () => {
    const dir = tempDir();
    const folder = join(dir, 'Dropbox');
    mkdirSync(folder);
    const ownerDb = join(dir, 'owner.db');
    const assistantDb = join(dir, 'assistant.db');
    const passphrase = 'a long shared passphrase';
    expect(tanoda('init', '--db', ownerDb, '--name', 'Napsugár', '--currency', 'HUF', '--locale', 'hu-HU').code).toBe(0);
    json(
      'call',
      'users.create',
      JSON.stringify({ username: 'anna', displayName: 'Anna', role: 'assistant', password: 'long enough password' }),
      '--db',
      ownerDb,
    );
    // Never on argv: refused, saying how instead; a short passphrase is refused by the rule.
    const onArgv = tanoda('sync', 'setup', '--folder', folder, '--passphrase', passphrase, '--db', ownerDb, '--json');
    expect(onArgv.code).toBe(2);
    expect(JSON.parse(onArgv.err).fields[0]).toMatchObject({ path: ['passphrase'], code: 'passphrase_on_argv' });
    const short = run('too short\n', ['sync', 'setup', '--folder', folder, '--db', ownerDb, '--json']);
    expect(JSON.parse(short.err).fields[0]).toMatchObject({ path: ['passphrase'], code: 'too_short' });
    jsonWith(`${passphrase}\n`, 'sync', 'setup', '--folder', folder, '--db', ownerDb);
    const { code } = json<{ code: string }>('sync', 'invite', '--user', 'anna', '--db', ownerDb);

    const wrong = run('not the passphrase\n', [
      'sync',
      'join',
      '--folder',
      folder,
      '--code',
      code,
      '--db',
      join(dir, 'wrong.db'),
      '--json',
    ]);
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.err).fields[0].path).toEqual(['passphrase']);

    const joined = jsonWith<{ deviceId: string; safetyCode: string }>(
      `${passphrase}\n`,
      'sync',
      'join',
      '--folder',
      folder,
      '--code',
      code,
      '--db',
      assistantDb,
    );
    const pending = json<{ deviceId: string; status: string; safetyCode: string }[]>('sync', 'devices', '--db', ownerDb);
    expect(pending.find((d) => d.deviceId === joined.deviceId)).toMatchObject({ status: 'pending', safetyCode: joined.safetyCode });
    json('sync', 'approve', joined.deviceId, '--db', ownerDb);

    // Offline on both machines.
    json('call', 'clients.create', JSON.stringify({ firstName: 'Kinga', lastName: 'Vörösmarty' }), '--db', ownerDb);
    json('call', 'clients.create', JSON.stringify({ firstName: 'Levente', lastName: 'Bánfalvi' }), '--db', assistantDb, '--as', 'anna');
    const refused = tanoda('call', 'settings.update', JSON.stringify({ schoolName: 'Not yours' }), '--db', assistantDb, '--as', 'anna');
    expect(refused.code).toBe(4);

    const sent = json<{ sent: number }>('sync', 'now', '--db', assistantDb);
    expect(sent.sent).toBeGreaterThan(0);
    const ownerRound = json<{ applied: number; rejected: number }>('sync', 'now', '--db', ownerDb);
    expect(ownerRound).toMatchObject({ rejected: 0 });
    expect(ownerRound.applied).toBeGreaterThan(0);
    json('sync', 'now', '--db', assistantDb);

    const names = (db: string) =>
      json<{ rows: { displayName: string }[] }>('call', 'clients.list', '{}', '--db', db)
        .rows.map((r) => r.displayName)
        .sort();
    expect(names(ownerDb)).toEqual(['Bánfalvi Levente', 'Vörösmarty Kinga']);
    expect(names(assistantDb)).toEqual(names(ownerDb));
    const status = json<{ enabled: boolean; pendingOut: number; lastSyncAt: string }>('sync', 'status', '--db', assistantDb);
    expect(status).toMatchObject({ enabled: true, pendingOut: 0 });

    for (const file of allFiles(folder)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const secret of ['Kinga', 'Vörösmarty', 'Levente', 'Bánfalvi', 'Napsugár', 'anna'])
        expect(bytes.includes(secret), `${file}: ${secret}`).toBe(false);
      expect(file.endsWith('.db')).toBe(false);
    }
  }, 600_000);
});
