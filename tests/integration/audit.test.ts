/**
 * The audit trail and erasure, on a real workspace through its host: a
 * record's history with before/after per column, user and device; the owner's
 * global log with filters and paging; one-call restore of a deleted record; and
 * purge — the record, what hangs off it, its change-log entries and search
 * entries gone, the file compacted so the name is nowhere in it, other people
 * unlinked rather than erased, and the change log still replaying onto the
 * tables (logDrift empty).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage, DeletedRecord, PurgeResult } from '../../src-shared/api/audit-methods';
import type { Client, Enrollment, Payment, Program, User } from '../../src-shared/api/types';
import type { CallResult } from '../../src-shared/errors';
import { ownerActor } from '../../src-main/api/actors';
import { logDrift } from '../../src-main/changes/changelog';
import { clientSearchDrift } from '../../src-main/db/search';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { keyBeside } from './direct';

let dir: string;
let workspace: Workspace;
let owner: Actor;
let assistant: Actor;
const clock = fixedClock('2026-03-10T09:00:00Z');

async function as<T>(actor: Actor, method: string, input: unknown = {}): Promise<T> {
  const result: CallResult = await workspace.invoke({ actor }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-audit-'));
  clock.set('2026-03-10T09:00:00Z');
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    clock,
    initIfEmpty: { schoolName: 'Audit School', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  const user = await as<User>(owner, 'users.create', {
    username: 'anna',
    displayName: 'Nagy Anna',
    role: 'assistant',
    password: 'anna-secret-1',
  });
  assistant = { userId: user.id, username: 'anna', role: 'assistant' };
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

async function family(): Promise<{ parent: Client; child: Client; enrollment: Enrollment; payment: Payment }> {
  const program = await as<Program>(owner, 'programs.create', { name: 'Zongora', defaultPriceMinor: 120_000 });
  const parent = await as<Client>(assistant, 'clients.create', {
    firstName: 'Zsófia',
    lastName: 'Xantusz',
    email: 'zsofia@example.hu',
    phone: '+36301234567',
  });
  const child = await as<Client>(assistant, 'clients.create', { firstName: 'Bálint', lastName: 'Xantusz', guardianId: parent.id });
  const enrollment = await as<Enrollment>(assistant, 'enrollments.create', {
    clientId: parent.id,
    programId: program.id,
    status: 'confirmed',
  });
  await as(owner, 'instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-03-15' });
  const payment = await as<Payment>(assistant, 'payments.create', {
    clientId: parent.id,
    enrollmentId: enrollment.id,
    amountMinor: 40_000,
  });
  await as(assistant, 'activities.create', { clientId: parent.id, kind: 'call', summary: 'Zsófia asked about the spring concert' });
  return { parent, child, enrollment, payment };
}

describe('history', () => {
  it('shows who changed which column from what to what, newest first, from which device', async () => {
    const { parent } = await family();
    clock.advance(60_000);
    await as(assistant, 'clients.update', { id: parent.id, email: 'zsofia.x@example.hu' });
    const history = await as<AuditEntry[]>(assistant, 'audit.record', { table: 'clients', id: parent.id });
    expect(history.map((e) => e.kind)).toEqual(['update', 'insert']);
    expect(history[0]).toMatchObject({
      userName: 'Nagy Anna',
      deviceId: workspace.db.deviceId,
      at: '2026-03-10T09:01:00.000Z',
      changes: [{ column: 'email', before: 'zsofia@example.hu', after: 'zsofia.x@example.hu' }],
    });
    expect(history[1]?.changes).toContainEqual({ column: 'first_name', before: null, after: 'Zsófia' });
  });

  it('hides password hashes and keeps account history for the owner', async () => {
    const users = await as<User[]>(owner, 'users.list');
    const anna = users.find((u) => u.username === 'anna') as User;
    const refused = await workspace.invoke({ actor: assistant }, 'audit.record', { table: 'users', id: anna.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', fields: [{ path: ['table'] }] } });
    await as(owner, 'users.resetPassword', { id: anna.id, password: 'anna-secret-2' });
    const history = await as<AuditEntry[]>(owner, 'audit.record', { table: 'users', id: anna.id });
    expect(JSON.stringify(history)).not.toContain('scrypt');
    expect(history[0]?.changes).toContainEqual({ column: 'password_hash', before: '••••••', after: '••••••' });
  });

  it('answers a clear error for an unknown table', async () => {
    const result = await workspace.invoke({ actor: owner }, 'audit.record', { table: 'secrets', id: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: ['table'], code: 'unknown_table' }] } });
  });
});

describe('the global log', () => {
  it('filters by user, table and date, and pages with a cursor', async () => {
    await family();
    clock.set('2026-03-12T10:00:00Z');
    await as(owner, 'programs.create', { name: 'Hegedű' });
    const byAnna = await as<AuditPage>(owner, 'audit.log', { userId: assistant.userId, limit: 500 });
    expect(byAnna.entries.length).toBeGreaterThan(3);
    expect(new Set(byAnna.entries.map((e) => e.userName))).toEqual(new Set(['Nagy Anna']));
    const onTwelfth = await as<AuditPage>(owner, 'audit.log', { from: '2026-03-12', to: '2026-03-12', limit: 50 });
    expect(onTwelfth.entries.map((e) => e.table)).toEqual(['programs']);
    const clientsOnly = await as<AuditPage>(owner, 'audit.log', { table: 'clients', limit: 500 });
    expect(clientsOnly.entries.every((e) => e.table === 'clients')).toBe(true);

    const all = await as<AuditPage>(owner, 'audit.log', { limit: 500 });
    const seen: AuditEntry[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page: AuditPage = await as<AuditPage>(owner, 'audit.log', { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.entries);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.map((e) => `${e.tx}/${e.rowId}`)).toEqual(all.entries.map((e) => `${e.tx}/${e.rowId}`));
    expect((await workspace.invoke({ actor: assistant }, 'audit.log', {})).ok).toBe(false);
    expect(await workspace.invoke({ actor: owner }, 'audit.log', { from: '2026-03-12', to: '2026-03-01' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: ['to'] }] },
    });
  });
});

describe('restore and purge', () => {
  it('restores a deleted record in one call, for the owner only', async () => {
    const { parent } = await family();
    await as(owner, 'clients.delete', { id: parent.id });
    const deleted = await as<DeletedRecord[]>(owner, 'audit.deleted', { table: 'clients' });
    expect(deleted).toMatchObject([
      { id: parent.id, label: expect.stringContaining('Xantusz') as unknown, deletedBy: expect.any(String) as unknown },
    ]);
    expect((await workspace.invoke({ actor: assistant }, 'audit.restore', { table: 'clients', id: parent.id })).ok).toBe(false);
    await as(owner, 'audit.restore', { table: 'clients', id: parent.id });
    expect(await as<Client>(owner, 'clients.get', { id: parent.id })).toMatchObject({ deletedAt: null });
    expect(await workspace.invoke({ actor: owner }, 'audit.restore', { table: 'clients', id: parent.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('erases a deleted client, what hangs off it, its history and search entries, leaves the log consistent and the file without the name', async () => {
    const { parent, child, enrollment, payment } = await family();
    expect(await workspace.invoke({ actor: owner }, 'records.purge', { table: 'clients', id: parent.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect((await workspace.invoke({ actor: assistant }, 'records.purge', { table: 'clients', id: parent.id })).ok).toBe(false);
    await as(owner, 'clients.delete', { id: parent.id });
    const before = workspace.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number };

    const result = await as<PurgeResult>(owner, 'records.purge', { table: 'clients', id: parent.id });
    expect(result.erased).toMatchObject({
      clients: 1,
      enrollments: 1,
      instalments: 3,
      payments: 1,
      activities: expect.any(Number) as unknown,
      enrollment_status_history: expect.any(Number) as unknown,
    });
    expect(result.changesErased).toBeGreaterThan(10);

    const { sqlite } = workspace.db;
    const ids = [parent.id, enrollment.id, payment.id];
    const inIds = `row_id IN (${ids.map(() => '?').join(',')})`;
    expect(sqlite.prepare(`SELECT count(*) AS n FROM changes WHERE ${inIds} AND table_name <> 'erasures'`).get(...ids)).toEqual({ n: 0 });
    // What is left of them is the erase entries that carry the erasure to the other machines, and their tombstones.
    expect(sqlite.prepare(`SELECT count(*) AS n FROM changes WHERE ${inIds} AND table_name = 'erasures'`).get(...ids)).toEqual({ n: 3 });
    expect(sqlite.prepare(`SELECT count(*) AS n FROM erasures WHERE ${inIds}`).get(...ids)).toEqual({ n: 3 });
    const ledger = readFileSync(`${workspace.db.file}.erasures`, 'utf8');
    for (const id of ids) expect(ledger).toContain(id);
    expect(ledger).not.toContain('Zsófia');
    expect(sqlite.prepare('SELECT count(*) AS n FROM activities WHERE client_id = ?').get(parent.id)).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM payment_allocations').get()).toEqual({ n: 0 });
    expect((sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n).toBeLessThan(before.n);
    // The child is another person: kept, unlinked from the erased guardian, with that unlinking in the log.
    expect(await as<Client>(owner, 'clients.get', { id: child.id })).toMatchObject({ guardianId: null, deletedAt: null });
    expect(logDrift(sqlite)).toEqual([]);
    expect(clientSearchDrift(sqlite)).toBe(0);
    expect((await as<{ rows: unknown[] }>(owner, 'clients.list', { query: 'Zsófia' })).rows).toEqual([]);
    expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);

    const file = readFileSync(workspace.db.file);
    const wal = existsSync(`${workspace.db.file}-wal`) ? readFileSync(`${workspace.db.file}-wal`) : Buffer.alloc(0);
    for (const text of ['zsofia@example.hu', 'spring concert', '36301234567', 'Zsófia']) {
      expect(file.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(wal.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    }
  });
});
