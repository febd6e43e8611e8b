/**
 * Replicas for the sync tests: an owner workspace (real SQLite, real migrations,
 * real router) that turns sync on, and further devices that join it through a
 * real folder on disk — or through a deliberately unreliable one — exactly the
 * way `tanoda sync join` does. Each replica has its own clock, so clocks can be
 * skewed per machine.
 */
import { join } from 'node:path';
import { createAppRouter } from '../../src-main/api/handlers';
import { closeDatabase, openDatabase, type Db } from '../../src-main/db/connection';
import { syncedTables } from '../../src-main/db/schema';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { approveDevice, createInvite, joinSync, setupSync } from '../../src-main/sync';
import type { SyncFolder } from '../../src-main/sync/folder';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { ApiErrorData } from '../../src-shared/errors';
import type { Role } from '../../src-shared/domain';
import { keysBeside } from './direct';
import { openTestWorkspace, tempDir, type TestWorkspace } from './helpers';
import { afterEach } from 'vitest';

export const PASSPHRASE = 'correct horse battery staple';

/**
 * The passphrase derivation cost these replicas pass explicitly (production always
 * derives at KDF_COST, about a second a guess; the real cost is measured once in
 * tests/unit/sync-crypto.test.ts). Calls through the router — a passphrase change,
 * a rotation — still wrap at the production cost.
 */
export const TEST_KDF_COST = { memoryKiB: 8192, passes: 1 };

export interface Replica {
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  actor: Actor;
  call<M extends MethodName>(method: M, input?: MethodInput<M>, actor?: Actor): MethodOutput<M>;
  fail(method: MethodName, input?: unknown, actor?: Actor): ApiErrorData;
}

const extra: Db[] = [];
afterEach(() => {
  for (const db of extra.splice(0)) closeDatabase(db);
});

function replicaOf(db: Db, clock: ReturnType<typeof fixedClock>, actor: Actor): Replica {
  const router = createAppRouter();
  return {
    db,
    clock,
    actor,
    call: (method, input, as = actor) => {
      const result = router.call({ db, clock, actor: as }, method, input);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.value as never;
    },
    fail: (method, input, as = actor) => {
      const result = router.call({ db, clock, actor: as }, method, input);
      if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
      return result.error;
    },
  };
}

export function ownerReplica(folder: SyncFolder, now = '2026-03-10T09:00:00Z'): Replica & { ws: TestWorkspace } {
  const ws = openTestWorkspace(undefined, now);
  setupSync(ws.db, folder, ws.clock, { passphrase: PASSPHRASE, userId: ws.owner.userId, testKdfCost: TEST_KDF_COST });
  return { ...replicaOf(ws.db, ws.clock, ws.owner), ws };
}

/** Opens (creating when missing) another machine's database file, the way every replica here is opened. */
export function openReplicaDb(file: string): Db {
  return openDatabase(file, keysBeside(file));
}

/** Creates a user on the owner's machine, invites it, joins a new database to the folder and approves it. */
export function joinReplica(
  owner: Replica,
  folder: SyncFolder,
  opts: { username: string; role: Role; now?: string; approve?: boolean; passphrase?: string },
): Replica & { deviceId: string; safetyCode: string } {
  const user = owner.call('users.create', {
    username: opts.username,
    displayName: opts.username,
    role: opts.role,
    password: 'long enough password',
  });
  const { code } = createInvite(owner.db, folder, { id: user.id, username: user.username, role: opts.role });
  const db = openReplicaDb(join(tempDir(), 'replica.db'));
  extra.push(db);
  const clock = fixedClock(opts.now ?? owner.clock.now());
  const joined = joinSync(db, folder, clock, { code, passphrase: opts.passphrase ?? PASSPHRASE });
  if (opts.approve !== false) approveDevice(owner.db, folder, joined.deviceId);
  return { ...replicaOf(db, clock, { userId: user.id, username: user.username, role: opts.role }), ...joined };
}

/**
 * Every synced table's live rows, for comparing replicas — less the password
 * hashes, which by design each machine holds only for the users certified for it
 * (see `passwordHashes`).
 */
export function liveRows(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of Object.keys(syncedTables)) out[table] = db.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all();
  out['users'] = (out['users'] as Record<string, unknown>[]).map(({ password_hash: _hash, ...rest }) => rest);
  return out;
}

/** Usernames whose password hash this machine holds. */
export function passwordHashes(db: Db): string[] {
  return db.sqlite.prepare('SELECT username FROM users WHERE password_hash IS NOT NULL ORDER BY username').pluck().all() as string[];
}
