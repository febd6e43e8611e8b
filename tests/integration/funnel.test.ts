/**
 * The write funnel's guarantees, on a real database: every write is logged per
 * column in the same transaction, the log replays to exactly the live rows, a
 * failing batch leaves nothing behind, and append-only/immutable rules hold.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { logDrift } from '../../src-main/changes/changelog';
import { closeDatabase, openDatabase, type Db } from '../../src-main/db/connection';
import { applyChanges, newId } from '../../src-main/changes/funnel';
import { syncedTables } from '../../src-main/db/schema';
import { ownerActor } from '../../src-main/api/actors';
import { fixedClock, type ServiceContext } from '../../src-main/core/context';
import { createProgram, updateProgram } from '../../src-main/services/programs';
import { initWorkspace } from '../../src-main/services/settings';
import { keyBeside } from './direct';

let db: Db | undefined;
let dir: string | undefined;
afterEach(() => {
  if (db) closeDatabase(db);
  if (dir) rmSync(dir, { recursive: true, force: true });
  db = undefined;
  dir = undefined;
});

function workspace(): ServiceContext {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-funnel-'));
  db = openDatabase(join(dir, 'funnel.db'), { key: keyBeside(join(dir, 'funnel.db')) });
  const clock = fixedClock('2026-03-10T09:00:00Z');
  initWorkspace({ db, clock }, { currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' });
  return { db, clock, actor: ownerActor(db) };
}

const count = (ctx: ServiceContext, table: string) =>
  (ctx.db.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

function schoolWithHistory(ctx: ServiceContext & { clock: ReturnType<typeof fixedClock> }) {
  const program = createProgram(ctx, { name: 'Angol A1', kind: 'course', defaultPriceMinor: 12_000_000, archived: false });
  const clientId = newId(ctx);
  const childId = newId(ctx);
  const enrollmentId = newId(ctx);
  applyChanges(ctx, [
    {
      op: 'insert',
      table: 'clients',
      id: clientId,
      values: { displayName: 'Kovács Éva', firstName: 'Éva', lastName: 'Kovács', phone: '+36301234567' },
    },
    { op: 'insert', table: 'clients', id: childId, values: { displayName: 'Kovács Anna', guardianId: clientId, tags: '["gyerek"]' } },
    {
      op: 'insert',
      table: 'enrollments',
      id: enrollmentId,
      values: { clientId: childId, programId: program.id, status: 'thinking', agreedPriceMinor: 12_000_000 },
    },
    {
      op: 'insert',
      table: 'enrollment_status_history',
      values: { enrollmentId, toStatus: 'thinking', changedAt: ctx.clock.now().toISOString() },
    },
  ]);
  ctx.clock.advance(60_000);
  updateProgram(ctx, { id: program.id, name: 'Angol A1 (felnőtt)', lessonCount: 20 });
  applyChanges(ctx, [
    { op: 'update', table: 'enrollments', id: enrollmentId, values: { status: 'confirmed' } },
    {
      op: 'insert',
      table: 'enrollment_status_history',
      values: { enrollmentId, fromStatus: 'thinking', toStatus: 'confirmed', changedAt: ctx.clock.now().toISOString() },
    },
    { op: 'insert', table: 'payments', values: { clientId, enrollmentId, paidOn: '2026-03-10', amountMinor: 4_000_000, method: 'cash' } },
  ]);
  ctx.clock.advance(60_000);
  applyChanges(ctx, [{ op: 'delete', table: 'clients', id: childId }]);
  applyChanges(ctx, [{ op: 'restore', table: 'clients', id: childId }]);
  applyChanges(ctx, [{ op: 'update', table: 'clients', id: clientId, values: { phone: null, marketingConsent: true } }]);
  return { program, clientId, childId, enrollmentId };
}

describe('the write funnel', () => {
  it('logs every written column so the log replays to exactly the live rows', () => {
    const ctx = workspace() as ServiceContext & { clock: ReturnType<typeof fixedClock> };
    schoolWithHistory(ctx);
    expect(count(ctx, 'changes')).toBeGreaterThan(30);
    expect(logDrift(ctx.db.sqlite)).toEqual([]);
  });

  it('detects a write that went around the funnel', () => {
    const ctx = workspace() as ServiceContext & { clock: ReturnType<typeof fixedClock> };
    const { clientId } = schoolWithHistory(ctx);
    ctx.db.sqlite.prepare("UPDATE clients SET notes = 'sneaky' WHERE id = ?").run(clientId);
    expect(logDrift(ctx.db.sqlite)).toEqual([{ table: 'clients', rowId: clientId, column: 'notes', live: 'sneaky', logged: null }]);
  });

  it('stamps rows and entries with the clock, the device, the user and one transaction id', () => {
    const ctx = workspace();
    const result = applyChanges(ctx, [{ op: 'insert', table: 'rooms', values: { name: 'Nagyterem', capacity: 12 } }]);
    const room = ctx.db.sqlite.prepare('SELECT * FROM rooms WHERE id = ?').get(result.ids[0]) as Record<string, unknown>;
    expect(room['created_at']).toBe('2026-03-10T09:00:00.000Z');
    expect(room['updated_at']).toBe('2026-03-10T09:00:00.000Z');
    expect(room['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const entries = ctx.db.sqlite.prepare('SELECT * FROM changes WHERE row_id = ?').all(result.ids[0]) as Record<string, unknown>[];
    expect(entries.map((e) => e['column']).sort()).toEqual(['archived', 'capacity', 'created_at', 'name', 'updated_at']);
    for (const entry of entries) {
      expect(entry['tx']).toBe(result.tx);
      expect(entry['device_id']).toBe(ctx.db.deviceId);
      expect(entry['user_id']).toBe(ctx.actor.userId);
      expect(String(entry['hlc'])).toMatch(new RegExp(`^001773133200000-\\d{5}-${ctx.db.deviceId}$`));
    }
    expect(result.tables).toEqual(['rooms']);
  });

  it('keeps the previous value of an update for audit and undo', () => {
    const ctx = workspace();
    const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'rooms', values: { name: 'Kisterem' } }]);
    const id = ids[0] as string;
    applyChanges(ctx, [{ op: 'update', table: 'rooms', id, values: { name: 'Zöld terem', capacity: 8 } }]);
    const entry = ctx.db.sqlite
      .prepare('SELECT value, previous FROM changes WHERE row_id = ? AND "column" = \'name\' ORDER BY seq DESC')
      .get(id) as { value: string; previous: string };
    expect(JSON.parse(entry.value)).toBe('Zöld terem');
    expect(JSON.parse(entry.previous)).toBe('Kisterem');
  });

  it('writes nothing when a value is unchanged', () => {
    const ctx = workspace();
    const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'rooms', values: { name: 'Kisterem' } }]);
    const before = count(ctx, 'changes');
    applyChanges(ctx, [{ op: 'update', table: 'rooms', id: ids[0] as string, values: { name: 'Kisterem' } }]);
    expect(count(ctx, 'changes')).toBe(before);
  });

  it('leaves the database exactly as before when any write of a batch fails', () => {
    const ctx = workspace();
    const before = { changes: count(ctx, 'changes'), rooms: count(ctx, 'rooms'), clients: count(ctx, 'clients') };
    const attempt = () =>
      applyChanges(ctx, [
        { op: 'insert', table: 'rooms', values: { name: 'Nagyterem' } },
        { op: 'insert', table: 'clients', values: { displayName: 'Kiss Péter' } },
        { op: 'insert', table: 'enrollments', values: { clientId: 'no-such-client', programId: 'no-such-program', status: 'inquiry' } },
      ]);
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
    expect({ changes: count(ctx, 'changes'), rooms: count(ctx, 'rooms'), clients: count(ctx, 'clients') }).toEqual(before);
  });

  it('refuses missing required values with the field path', () => {
    const ctx = workspace();
    try {
      applyChanges(ctx, [{ op: 'insert', table: 'payments', values: { clientId: 'x', paidOn: '2026-03-01', method: 'cash' } }]);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('VALIDATION');
      expect((error as AppError).fields).toEqual([{ path: ['amountMinor'], code: 'required', message: 'amountMinor is required' }]);
    }
  });

  it('soft-deletes, refuses edits of deleted rows, and restores', () => {
    const ctx = workspace();
    const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'rooms', values: { name: 'Kisterem' } }]);
    const id = ids[0] as string;
    applyChanges(ctx, [{ op: 'delete', table: 'rooms', id }]);
    expect((ctx.db.sqlite.prepare('SELECT deleted_at FROM rooms WHERE id = ?').get(id) as { deleted_at: string }).deleted_at).toBe(
      '2026-03-10T09:00:00.000Z',
    );
    expect(() => applyChanges(ctx, [{ op: 'update', table: 'rooms', id, values: { name: 'x' } }])).toThrow(/does not exist/);
    applyChanges(ctx, [{ op: 'restore', table: 'rooms', id }]);
    expect(
      (ctx.db.sqlite.prepare('SELECT deleted_at FROM rooms WHERE id = ?').get(id) as { deleted_at: string | null }).deleted_at,
    ).toBeNull();
  });

  it('keeps money and history append-only', () => {
    const ctx = workspace() as ServiceContext & { clock: ReturnType<typeof fixedClock> };
    const { clientId } = schoolWithHistory(ctx);
    const payment = ctx.db.sqlite.prepare('SELECT id FROM payments WHERE client_id = ?').get(clientId) as { id: string };
    expect(() => applyChanges(ctx, [{ op: 'update', table: 'payments', id: payment.id, values: { amountMinor: 1 } }])).toThrow(
      /cannot be changed/,
    );
    const history = ctx.db.sqlite.prepare('SELECT id FROM enrollment_status_history LIMIT 1').get() as { id: string };
    expect(() => applyChanges(ctx, [{ op: 'update', table: 'enrollment_status_history', id: history.id, values: { note: 'x' } }])).toThrow(
      /cannot be edited/,
    );
    applyChanges(ctx, [
      { op: 'update', table: 'payments', id: payment.id, values: { voidedAt: ctx.clock.now().toISOString(), voidReason: 'typo' } },
    ]);
    expect(logDrift(ctx.db.sqlite)).toEqual([]);
  });

  it('orders entries of one millisecond by HLC counter', () => {
    const ctx = workspace();
    applyChanges(ctx, [
      { op: 'insert', table: 'rooms', values: { name: 'A' } },
      { op: 'insert', table: 'rooms', values: { name: 'B' } },
    ]);
    const hlcs = (
      ctx.db.sqlite.prepare("SELECT DISTINCT hlc FROM changes WHERE table_name = 'rooms' ORDER BY seq").all() as { hlc: string }[]
    ).map((r) => r.hlc);
    expect(hlcs).toHaveLength(2);
    expect(hlcs[0]! < hlcs[1]!).toBe(true);
  });

  it('makes ids of one millisecond in the order they were written, so created_at then id is the order of writing', () => {
    const ctx = workspace();
    const ids = Array.from({ length: 500 }, () => newId(ctx));
    const rooms = applyChanges(
      ctx,
      Array.from({ length: 50 }, (_, i) => ({ op: 'insert' as const, table: 'rooms' as const, values: { name: `R${i}` } })),
    ).ids;
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(500);
    const byId = (ctx.db.sqlite.prepare('SELECT name FROM rooms ORDER BY created_at, id').pluck().all() as string[]).slice(-50);
    expect(byId).toEqual(Array.from({ length: 50 }, (_, i) => `R${i}`));
    expect(rooms).toHaveLength(50);
  });
});

describe('nothing writes a synced table around the funnel', () => {
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
    });

  it('has no INSERT, UPDATE or DELETE on a synced table outside the funnel', () => {
    const tables = Object.keys(syncedTables).join('|');
    const write = new RegExp(`\\b(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM)\\s+["\`]?(${tables})["\`]?\\b`, 'i');
    const ormWrite =
      /\.(insert|update|delete)\(\s*(settings|users|programs|teachers|rooms|cohorts|clients|enrollments|enrollmentStatusHistory|instalments|payments|paymentAllocations|lessons|attendance|activities|importBatches)\s*\)/;
    const offenders = sourceFiles('src-main')
      .filter((file) => !file.endsWith(join('changes', 'funnel.ts')))
      // merge.ts applies entries other devices already wrote through their funnel (sync); it logs them as they are.
      .filter((file) => !file.endsWith(join('changes', 'merge.ts')))
      // purge.ts is the owner's real erasure (data-protection requests): it deletes the rows and their change-log entries together, so the log still replays onto the tables.
      .filter((file) => !file.endsWith(join('changes', 'purge.ts')))
      // erasure.ts is that erasure on every replica (an erase entry from sync, the tombstone list re-applied): the same deletes of rows with their log entries.
      .filter((file) => !file.endsWith(join('changes', 'erasure.ts')))
      // credentials.ts clears, on a machine not certified for them, other users' password hashes an older version shared, with their log entries.
      .filter((file) => !file.endsWith(join('sync', 'credentials.ts')))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return write.test(text) || ormWrite.test(text);
      });
    expect(offenders).toEqual([]);
  });
});
