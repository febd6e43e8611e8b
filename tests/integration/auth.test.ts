/**
 * Sign-in sessions through the workspace host, as the app and the bridge use
 * them: the first run acts as the owner until a password is set; then a new
 * session is signed out and may only use session methods; wrong passwords are
 * refused without saying which half was wrong and are throttled; lock, unlock,
 * the idle lock, disabling and demoting take effect at the next call; the
 * machine remembers usernames, never passwords.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStatus } from '../../src-shared/api/auth-methods';
import type { User } from '../../src-shared/api/types';
import type { CallResult } from '../../src-shared/errors';
import { fixedClock } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { keyBeside } from './direct';

let dir: string;
let workspace: Workspace;
const clock = fixedClock('2026-03-10T09:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-auth-'));
  clock.set('2026-03-10T09:00:00Z');
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    clock,
    initIfEmpty: { schoolName: 'Auth School', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
});

afterEach(() => {
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T>(session: string, method: string, input: unknown = {}): Promise<T> {
  const result = await workspace.invoke({ session }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function refused(session: string, method: string, input: unknown = {}): Promise<Extract<CallResult, { ok: false }>['error']> {
  const result = await workspace.invoke({ session }, method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

async function setUp(): Promise<{ owner: string; assistantId: string }> {
  const owner = workspace.sessions.create();
  await ok(owner, 'auth.setupOwner', { password: 'owner-secret-1', displayName: 'Kovács Éva' });
  const assistant = await ok<User>(owner, 'users.create', {
    username: 'anna',
    displayName: 'Nagy Anna',
    role: 'assistant',
    password: 'anna-secret-1',
  });
  return { owner, assistantId: assistant.id };
}

describe('first run', () => {
  it('acts as the owner in every session until the owner sets a password, then requires sign-in', async () => {
    const first = workspace.sessions.create();
    const status = await ok<AuthStatus>(first, 'auth.status');
    expect(status).toMatchObject({ needsSetup: true, locked: false, user: { username: 'owner', role: 'owner' } });
    expect(status.capabilities).toContain('finance.read');
    expect((await workspace.invoke({ session: workspace.sessions.create() }, 'clients.list', {})).ok).toBe(true);

    const after = await ok<AuthStatus>(first, 'auth.setupOwner', { password: 'owner-secret-1', displayName: 'Kovács Éva' });
    expect(after).toMatchObject({
      needsSetup: false,
      user: { displayName: 'Kovács Éva', role: 'owner' },
      rememberedUsers: [{ username: 'owner', displayName: 'Kovács Éva' }],
    });
    expect((await workspace.invoke({ session: first }, 'clients.list', {})).ok).toBe(true);

    const fresh = workspace.sessions.create();
    expect(await ok<AuthStatus>(fresh, 'auth.status')).toMatchObject({ needsSetup: false, user: null, capabilities: ['session.public'] });
    expect((await refused(fresh, 'clients.list')).code).toBe('UNAUTHENTICATED');
    expect((await refused(fresh, 'auth.setupOwner', { password: 'another-secret' })).code).toBe('CONFLICT');
  });

  it('refuses a short password next to the field', async () => {
    const error = await refused(workspace.sessions.create(), 'auth.setupOwner', { password: 'short' });
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['password'] }] });
  });
});

describe('signing in', () => {
  it('signs in, refuses a wrong password without telling which part was wrong, and throttles guessing', async () => {
    await setUp();
    const tab = workspace.sessions.create();
    const wrongUser = await refused(tab, 'auth.login', { username: 'nobody', password: 'whatever1' });
    const wrongPassword = await refused(tab, 'auth.login', { username: 'anna', password: 'wrong-one' });
    expect(wrongUser.message).toBe(wrongPassword.message);
    expect(wrongPassword).toMatchObject({ code: 'UNAUTHENTICATED', fields: [{ path: ['password'], code: 'wrong_credentials' }] });

    await refused(tab, 'auth.login', { username: 'anna', password: 'wrong-two' });
    await refused(tab, 'auth.login', { username: 'anna', password: 'wrong-three' });
    await refused(tab, 'auth.login', { username: 'anna', password: 'wrong-four' });
    // Three failures are free; the fourth starts the waits: even the right password is refused until it passes.
    const throttled = await refused(tab, 'auth.login', { username: 'anna', password: 'anna-secret-1' });
    expect(throttled.fields?.[0]).toMatchObject({ code: 'throttled', path: ['password'] });
    clock.advance(5_000);
    const status = await ok<AuthStatus>(tab, 'auth.login', { username: 'ANNA ', password: 'anna-secret-1' });
    expect(status).toMatchObject({ user: { username: 'anna', role: 'assistant' }, locked: false });
    expect(status.capabilities).not.toContain('finance.read');
    expect((await workspace.invoke({ session: tab }, 'clients.list', {})).ok).toBe(true);
    expect((await refused(tab, 'reports.revenue')).code).toBe('FORBIDDEN');
    expect((await ok<AuthStatus>(tab, 'auth.status')).rememberedUsers.map((u) => u.username).sort()).toEqual(['anna', 'owner']);

    await ok(tab, 'auth.logout');
    expect((await refused(tab, 'clients.list')).code).toBe('UNAUTHENTICATED');
  });

  it('keeps only usernames on the machine, never a password', async () => {
    await setUp();
    await ok(workspace.sessions.create(), 'auth.login', { username: 'anna', password: 'anna-secret-1' });
    const local = workspace.db.sqlite.prepare('SELECT key, value FROM local_state').all() as { key: string; value: string }[];
    const text = JSON.stringify(local);
    expect(text).toContain('anna');
    expect(text).not.toContain('anna-secret-1');
    expect(text).not.toContain('scrypt$');
  });
});

describe('locking', () => {
  it('locks on request and after the idle time, keeps the user, and unlocks with their password only', async () => {
    const { owner } = await setUp();
    await ok(owner, 'settings.update', { idleLockMinutes: 15 });
    const tab = workspace.sessions.create();
    await ok(tab, 'auth.login', { username: 'anna', password: 'anna-secret-1' });

    const locked = await ok<AuthStatus>(tab, 'auth.lock');
    expect(locked).toMatchObject({ locked: true, user: { username: 'anna' }, capabilities: ['session.public'] });
    expect((await refused(tab, 'clients.list')).code).toBe('UNAUTHENTICATED');
    expect((await refused(tab, 'auth.unlock', { password: 'owner-secret-1' })).code).toBe('UNAUTHENTICATED');
    expect(await ok<AuthStatus>(tab, 'auth.unlock', { password: 'anna-secret-1' })).toMatchObject({ locked: false });

    clock.advance(14 * 60_000);
    await ok(tab, 'auth.activity');
    clock.advance(14 * 60_000);
    expect((await workspace.invoke({ session: tab }, 'clients.list', {})).ok).toBe(true);
    clock.advance(15 * 60_000);
    expect((await refused(tab, 'clients.list')).code).toBe('UNAUTHENTICATED');
    expect(await ok<AuthStatus>(tab, 'auth.status')).toMatchObject({ locked: true, user: { username: 'anna' } });
    await ok(tab, 'auth.unlock', { password: 'anna-secret-1' });
    expect((await workspace.invoke({ session: tab }, 'clients.list', {})).ok).toBe(true);
  });

  it('locks every session at once (the machine went to sleep)', async () => {
    const { owner } = await setUp();
    workspace.sessions.lockAll();
    expect((await refused(owner, 'clients.list')).code).toBe('UNAUTHENTICATED');
  });
});

describe('accounts', () => {
  it('takes effect at the next call when the owner disables or demotes someone', async () => {
    const { owner, assistantId } = await setUp();
    const tab = workspace.sessions.create();
    await ok(tab, 'auth.login', { username: 'anna', password: 'anna-secret-1' });
    await ok(owner, 'users.update', { id: assistantId, role: 'owner' });
    expect((await workspace.invoke({ session: tab }, 'reports.revenue', {})).ok).toBe(true);
    await ok(owner, 'users.update', { id: assistantId, active: false });
    expect((await refused(tab, 'clients.list')).code).toBe('UNAUTHENTICATED');
    expect((await refused(workspace.sessions.create(), 'auth.login', { username: 'anna', password: 'anna-secret-1' })).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('never leaves the school without an active owner', async () => {
    const { owner } = await setUp();
    const me = await ok<AuthStatus>(owner, 'auth.status');
    const id = me.user?.id as string;
    expect(await refused(owner, 'users.update', { id, role: 'assistant' })).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: ['role'], code: 'last_owner' }],
    });
    expect(await refused(owner, 'users.update', { id, active: false })).toMatchObject({ code: 'CONFLICT', fields: [{ path: ['active'] }] });
  });

  it('changes one’s own password with the current one, and lets the owner reset another’s', async () => {
    const { owner, assistantId } = await setUp();
    const tab = workspace.sessions.create();
    await ok(tab, 'auth.login', { username: 'anna', password: 'anna-secret-1' });
    expect(await refused(tab, 'auth.changePassword', { current: 'not-it-at-all', next: 'anna-secret-2' })).toMatchObject({
      code: 'UNAUTHENTICATED',
      fields: [{ path: ['current'] }],
    });
    await ok(tab, 'auth.changePassword', { current: 'anna-secret-1', next: 'anna-secret-2' });
    expect((await refused(workspace.sessions.create(), 'auth.login', { username: 'anna', password: 'anna-secret-1' })).code).toBe(
      'UNAUTHENTICATED',
    );
    await ok(workspace.sessions.create(), 'auth.login', { username: 'anna', password: 'anna-secret-2' });

    expect((await refused(tab, 'users.resetPassword', { id: assistantId, password: 'hijack-pass' })).code).toBe('FORBIDDEN');
    await ok(owner, 'users.resetPassword', { id: assistantId, password: 'anna-secret-3' });
    await ok(workspace.sessions.create(), 'auth.login', { username: 'anna', password: 'anna-secret-3' });
  });
});
