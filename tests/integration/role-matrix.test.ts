/**
 * The role matrix, generated from the API contract: every method is called as
 * the owner, the assistant and a caller who has not signed in, through the
 * router and through the HTTP bridge (real HTTP requests on real sign-in
 * sessions), and each call must be refused exactly where the capability table
 * says — FORBIDDEN for a signed-in role without the capability,
 * UNAUTHENTICATED for the anonymous caller on anything but `session.public`.
 *
 * That no method lacks a capability is structural, not tested here: `spec()`
 * takes the capability as a required argument and `MethodSpec.capability` is a
 * `Capability`, so a method declared without one (or with an unknown one) does
 * not compile. The test only checks the table is what every method names.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methodNames, type MethodName } from '../../src-shared/api/contract';
import { capabilities, roleCan, type ActorRole, type CapabilityToggles } from '../../src-shared/capabilities';
import type { CallResult } from '../../src-shared/errors';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { anonymousActor } from '../../src-main/services/auth';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { directCall } from './direct';

const roles: ActorRole[] = ['owner', 'assistant', 'anonymous'];
const defaults: CapabilityToggles = { assistantCanEditPrices: true };

let dir: string;
let workspace: Workspace;
let bridge: Bridge;
const actors = new Map<ActorRole, Actor>();

function expectedRefusal(role: ActorRole, method: MethodName, toggles: CapabilityToggles): 'FORBIDDEN' | 'UNAUTHENTICATED' | null {
  if (roleCan(role, contract[method].capability, toggles)) return null;
  return role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}

function refusalOf(result: CallResult): string | null {
  return !result.ok && (result.error.code === 'FORBIDDEN' || result.error.code === 'UNAUTHENTICATED') ? result.error.code : null;
}

async function post(method: string, input: unknown, session: string | null): Promise<{ result: CallResult; session: string | null }> {
  const response = await fetch(`http://127.0.0.1:${bridge.port}/api/${method}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${bridge.token}`,
      ...(session ? { 'X-Tanoda-Session': session } : {}),
    },
    body: JSON.stringify(input),
  });
  expect(response.status).toBe(200);
  return { result: (await response.json()) as CallResult, session: response.headers.get('X-Tanoda-Session') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tanoda-roles-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Tanoda</title>');
  workspace = openWorkspace(join(dir, 'school.db'), {
    clock: fixedClock('2026-03-10T09:00:00Z'),
    initIfEmpty: { schoolName: 'Matrix School', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  const setup = await workspace.invoke({ session: workspace.sessions.create() }, 'auth.setupOwner', { password: 'owner-secret-1' });
  expect(setup.ok).toBe(true);
  const owner = (await workspace.invoke({ session: workspace.sessions.create() }, 'auth.login', {
    username: 'owner',
    password: 'owner-secret-1',
  })) as CallResult;
  if (!owner.ok) throw new Error(JSON.stringify(owner.error));
  const ownerUser = (owner.value as { user: { id: string; username: string } }).user;
  actors.set('owner', { userId: ownerUser.id, username: ownerUser.username, role: 'owner' });
  const created = await workspace.invoke({ actor: actors.get('owner') as Actor }, 'users.create', {
    username: 'asszisztens',
    displayName: 'Asszisztens Anna',
    role: 'assistant',
    password: 'assistant-secret-1',
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  actors.set('assistant', { userId: (created.value as { id: string }).id, username: 'asszisztens', role: 'assistant' });
  actors.set('anonymous', anonymousActor);
  // Each walk calls `history.undo {}`, which reverts the caller's newest action:
  // give the owner harmless actions to revert so the assistant account stays.
  for (let i = 0; i < 4; i++) await workspace.invoke({ actor: actors.get('owner') as Actor }, 'rooms.create', { name: `Room ${i + 1}` });
  bridge = await startBridge({ workspace, rendererDir: join(dir, 'renderer'), port: 0 });
});

afterAll(async () => {
  await bridge.close();
  workspace.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the capability table', () => {
  it('names a known capability for every method, and session.public for every auth.* method', () => {
    for (const method of methodNames) {
      expect(capabilities).toContain(contract[method].capability);
      if (method.startsWith('auth.')) expect(contract[method].capability, method).toBe('session.public');
    }
  });

  it('gives the anonymous caller only session.public, and every role session.public', () => {
    for (const capability of capabilities) expect(roleCan('anonymous', capability)).toBe(capability === 'session.public');
    for (const role of ['owner', 'assistant', 'teacher'] as const) expect(roleCan(role, 'session.public')).toBe(true);
  });

  it('keeps the assistant away from deleting, purging, money totals, exports, backups, settings, users and the audit log', () => {
    for (const capability of [
      'records.delete',
      'records.purge',
      'finance.read',
      'data.export',
      'workspace.manage',
      'users.manage',
      'audit.read',
    ] as const) {
      expect(roleCan('assistant', capability), capability).toBe(false);
    }
  });
});

describe.each(roles)('as %s, every method of the contract', (role) => {
  it('through the router: refused exactly where the table says', () => {
    const actor = actors.get(role) as Actor;
    const mismatches: string[] = [];
    for (const method of methodNames) {
      const result = directCall(workspace, actor, method, {});
      const expected = expectedRefusal(role, method, defaults);
      const got = refusalOf(result);
      if (
        got !== expected &&
        !(expected === null && got === 'UNAUTHENTICATED' && method === 'auth.changePassword' && role === 'anonymous')
      ) {
        mismatches.push(`${method} (${contract[method].capability}): expected ${expected ?? 'allowed'}, got ${got ?? 'allowed'}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('through the HTTP bridge on a real session: refused exactly where the table says', async () => {
    let session: string | null;
    if (role !== 'anonymous') {
      const username = role === 'owner' ? 'owner' : 'asszisztens';
      const password = role === 'owner' ? 'owner-secret-1' : 'assistant-secret-1';
      const login = await post('auth.login', { username, password }, null);
      expect(login.result.ok).toBe(true);
      session = login.session;
    } else {
      session = (await post('auth.status', {}, null)).session;
    }
    expect(session).toBeTruthy();
    const mismatches: string[] = [];
    // Signing out would change the session under the rest of the walk: it goes last.
    const order = [...methodNames.filter((m) => m !== 'auth.logout' && m !== 'auth.lock'), 'auth.lock' as const, 'auth.logout' as const];
    for (const method of order) {
      const { result, session: answered } = await post(method, {}, session);
      expect(answered).toBe(session);
      const expected = expectedRefusal(role, method, defaults);
      const got = refusalOf(result);
      const ownSignInCheck =
        got === 'UNAUTHENTICATED' && role === 'anonymous' && (method === 'auth.changePassword' || method === 'auth.lock');
      if (got !== expected && !ownSignInCheck) mismatches.push(`${method}: expected ${expected ?? 'allowed'}, got ${got ?? 'allowed'}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('money totals', () => {
  it('never reach the assistant: no successful answer carries a sum of money across clients', async () => {
    const assistant = actors.get('assistant') as Actor;
    const owner = actors.get('owner') as Actor;
    const client = await workspace.invoke({ actor: owner }, 'clients.create', { firstName: 'Dóra' });
    if (!client.ok) throw new Error('setup failed');
    await workspace.invoke({ actor: owner }, 'payments.create', { clientId: (client.value as { id: string }).id, amountMinor: 5_000 });
    const aggregate = /^(sum|total|revenue|received|expected|outstanding|refunded)\w*Minor$/i;
    const leaks: string[] = [];
    for (const method of methodNames) {
      const result = directCall(workspace, assistant, method, {});
      if (!result.ok || result.value === null || typeof result.value !== 'object' || Array.isArray(result.value)) continue;
      for (const [key, value] of Object.entries(result.value)) if (aggregate.test(key) && value !== null) leaks.push(`${method}.${key}`);
    }
    expect(leaks).toEqual([]);
    // The same walk as the owner does find totals, so the check can see them.
    const revenue = directCall(workspace, owner, 'reports.revenue', {});
    expect(revenue.ok && Object.keys(revenue.value as object).some((k) => aggregate.test(k))).toBe(true);
  });
});

describe('owner toggles', () => {
  it('take price editing away from the assistant when "assistant may edit agreed prices" is off', async () => {
    const owner = actors.get('owner') as Actor;
    const assistant = actors.get('assistant') as Actor;
    const off = await workspace.invoke({ actor: owner }, 'settings.update', { assistantCanEditPrices: false });
    expect(off.ok).toBe(true);
    try {
      const toggles = { assistantCanEditPrices: false };
      for (const method of methodNames) {
        const result = directCall(workspace, assistant, method, {});
        expect(refusalOf(result), method).toBe(expectedRefusal('assistant', method, toggles));
      }
      expect(refusalOf(directCall(workspace, assistant, 'instalments.plan', {}))).toBe('FORBIDDEN');
      // The data-dependent check inside enrollments: a price in an otherwise allowed call.
      const client = await workspace.invoke({ actor: assistant }, 'clients.create', { firstName: 'Bence' });
      const program = await workspace.invoke({ actor: owner }, 'programs.create', { name: 'Angol A1', defaultPriceMinor: 100_000 });
      if (!client.ok || !program.ok) throw new Error('setup failed');
      const priced = await workspace.invoke({ actor: assistant }, 'enrollments.create', {
        clientId: (client.value as { id: string }).id,
        programId: (program.value as { id: string }).id,
        agreedPriceMinor: 1,
      });
      expect(priced).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const status = await workspace.invoke({ actor: assistant }, 'auth.status', {});
      expect(status.ok && (status.value as { capabilities: string[] }).capabilities).not.toContain('prices.write');
    } finally {
      await workspace.invoke({ actor: owner }, 'settings.update', { assistantCanEditPrices: true });
    }
  });

  it('let only the owner change settings', async () => {
    const result = await workspace.invoke({ actor: actors.get('assistant') as Actor }, 'settings.update', { assistantCanEditPrices: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
