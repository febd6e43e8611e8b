/**
 * A real database for each test: a fresh SQLite file in a temporary folder with
 * the real drizzle/ migrations, encrypted with a key kept in a key file beside it
 * (direct.ts `keysBeside`, found the way the CLI finds its own), a workspace
 * initialised like `tanoda init`, a fixed clock, and the real router. No mocks
 * of the database, ever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { EnrollmentDetail, Payment } from '../../src-shared/api/types';
import type { ApiErrorData } from '../../src-shared/errors';
import { createAppRouter } from '../../src-main/api/handlers';
import type { CallResult } from '../../src-shared/errors';
import { ownerActor } from '../../src-main/api/actors';
import { closeDatabase, openDatabase, type Db } from '../../src-main/db/connection';
import { syncedTables } from '../../src-main/db/schema';
import { fixedClock, type Actor, type ServiceContext } from '../../src-main/core/context';
import { initWorkspace, type InitOptions } from '../../src-main/services/settings';
import { keysBeside } from './direct';

const opened: { db: Db; dir: string }[] = [];

afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
});

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tanoda-test-'));
}

export interface TestWorkspace {
  db: Db;
  dir: string;
  clock: ReturnType<typeof fixedClock>;
  owner: Actor;
  ctx: ServiceContext;
  /** Calls the router as `actor` (the owner by default) and returns the raw result. */
  raw(method: string, input?: unknown, actor?: Actor): CallResult;
  /** Calls the router and returns the value, throwing with the typed error if it failed. */
  call<M extends MethodName>(method: M, input?: MethodInput<M>, actor?: Actor): MethodOutput<M>;
  /** Calls the router expecting a failure and returns the typed error. */
  fail(method: MethodName, input?: unknown, actor?: Actor): ApiErrorData;
}

export function openTestWorkspace(
  init: InitOptions = { schoolName: 'Test School', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  now = '2026-03-10T09:00:00Z',
): TestWorkspace {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'test.db'), keysBeside(join(dir, 'test.db')));
  opened.push({ db, dir });
  const clock = fixedClock(now);
  initWorkspace({ db, clock }, init);
  const owner = ownerActor(db);
  const ctx: ServiceContext = { db, clock, actor: owner };
  const router = createAppRouter();
  const raw = (method: string, input?: unknown, actor: Actor = owner) => router.call({ db, clock, actor }, method, input);
  return {
    db,
    dir,
    clock,
    owner,
    ctx,
    raw,
    call: (method, input, actor) => {
      const result = raw(method, input, actor);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.value as never;
    },
    fail: (method, input, actor) => {
      const result = raw(method, input, actor);
      if (result.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(result.value)}`);
      return result.error;
    },
  };
}

/** Every synced row and the whole change log: what "a failed call leaves the database exactly as before" compares. */
export function databaseDump(ws: Pick<TestWorkspace, 'db'>): unknown {
  const { sqlite } = ws.db;
  return {
    tables: Object.keys(syncedTables).map((table) => sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all()),
    changes: sqlite.prepare('SELECT * FROM changes ORDER BY seq').all(),
  };
}

/**
 * An enrollment the way its screens read it (`enrollments.get`, the same detail
 * `clients.get` lists per enrollment): its balance, its instalments with their
 * states, and its status history, as of `asOf` (default: the workspace clock's today).
 */
export function enrollmentOf(ws: Pick<TestWorkspace, 'call'>, id: string, asOf?: string, actor?: Actor): EnrollmentDetail {
  return ws.call('enrollments.get', asOf === undefined ? { id } : { id, asOf }, actor);
}

/** A client's payments the way the client page reads them (`clients.get`): newest first, voided ones included. */
export function paymentsOf(ws: Pick<TestWorkspace, 'call'>, clientId: string, actor?: Actor): Payment[] {
  return ws.call('clients.get', { id: clientId }, actor).payments;
}
