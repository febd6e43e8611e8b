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
import { recoveryKeyOf } from '../../src-main/db/keys';
import { directCall, keyBeside } from './direct';

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

/**
 * The refusal of the capability a method names (the router's, about the whole
 * call: its field path is empty). A refusal that depends on the input — the
 * money of many clients asked for by a role that sees one client's at a time,
 * a price set without `prices.write` — points at a field instead.
 */
function refusalOf(result: CallResult): string | null {
  if (result.ok || (result.error.code !== 'FORBIDDEN' && result.error.code !== 'UNAUTHENTICATED')) return null;
  return (result.error.fields ?? []).some((f) => f.path.length === 0) ? result.error.code : null;
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
    key: keyBeside(join(dir, 'school.db')),
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

/**
 * Money by role, walked from the contract: every read method a role may call is
 * called with a large limit (and, where it needs one, the id of a record of the
 * school below), and every number the answer carries under a money key is
 * collected. A role without `finance.read` must get money of one client at a time
 * only: no list, report or view that spans clients may carry any, and the money
 * it does get (one client, one enrollment) sums to that one client's.
 */
describe('money across clients', () => {
  /** Money keys that are a price list or a setting, the same for everyone, not anyone's money. */
  const catalogKeys = new Set(['defaultPriceMinor', 'priceMinor', 'effectivePriceMinor', 'listPriceMinor', 'lowBalanceMinor']);
  /**
   * What an answer may hold: one client's records, many clients' (a list, a
   * report, a roster), the catalog (prices the same for everyone), or the
   * caller's own file (an import preview repeats the sheet it was given).
   */
  type Reach = 'one-client' | 'many-clients' | 'catalog' | 'callers-file';
  const school: { clients: string[]; enrollments: string[]; cohortId: string; programId: string; batchId: string; paid: number } = {
    batchId: '',
    clients: [],
    enrollments: [],
    cohortId: '',
    programId: '',
    paid: 0,
  };
  let teacher: Actor;

  /** Every number under a money key anywhere in `value`, with its path. */
  function moneyIn(value: unknown, path = ''): { path: string; key: string; minor: number }[] {
    if (Array.isArray(value)) return value.flatMap((item, i) => moneyIn(item, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, inner]) =>
      key.endsWith('Minor') && typeof inner === 'number' && !catalogKeys.has(key)
        ? [{ path: `${path}.${key}`, key, minor: inner }]
        : moneyIn(inner, `${path}.${key}`),
    );
  }

  /**
   * The read methods that need an id, each with one and with what its answer may
   * reach. A read method of the contract missing here fails the walk below, so a
   * new one is classified before it ships.
   */
  const needsInput: Partial<Record<MethodName, { reach: Reach; input: () => unknown }>> = {
    'cohorts.get': { reach: 'many-clients', input: () => ({ id: school.cohortId }) },
    'clients.get': { reach: 'one-client', input: () => ({ id: school.clients[0] }) },
    'activities.list': { reach: 'one-client', input: () => ({ clientId: school.clients[0] }) },
    'enrollments.get': { reach: 'one-client', input: () => ({ id: school.enrollments[0] }) },
    'instalments.previewReplan': {
      reach: 'one-client',
      input: () => ({ mode: 'equal', enrollmentId: school.enrollments[0], count: 2, firstDueOn: '2026-04-01' }),
    },
    'enrollments.previewTransfer': {
      reach: 'one-client',
      input: () => ({ enrollmentId: school.enrollments[0], cohortId: school.cohortId }),
    },
    'payments.prefill': { reach: 'one-client', input: () => ({ clientId: school.clients[0] }) },
    'audit.record': { reach: 'one-client', input: () => ({ table: 'clients', id: school.clients[0] }) },
    'views.list': { reach: 'catalog', input: () => ({ grid: 'payments' }) },
    'imports.preview': {
      reach: 'callers-file',
      input: () => ({ fileName: 'a.csv', contentBase64: Buffer.from('Név;Befizetve\nKiss Anna;5000\n').toString('base64') }),
    },
    'imports.get': { reach: 'many-clients', input: () => ({ batchId: school.batchId }) },
    'exports.table': { reach: 'many-clients', input: () => ({ table: 'payments', format: 'csv' }) },
    'exports.client': { reach: 'one-client', input: () => ({ clientId: school.clients[0] }) },
    'messages.render': { reach: 'many-clients', input: () => ({ purpose: 'payment_reminder', overdue: true }) },
    'lessons.list': { reach: 'catalog', input: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
    'lessons.rollCall': { reach: 'many-clients', input: () => ({ id: lessonOfSchool() }) },
    'lessons.conflicts': { reach: 'catalog', input: () => ({ startsOn: '2026-01-12', startTime: '17:00', minutes: 60 }) },
    'lessons.previewGenerate': { reach: 'catalog', input: () => ({ cohortId: school.cohortId }) },
    'reports.money': { reach: 'many-clients', input: () => ({ kind: 'ageingByClient' }) },
    'reports.moneyFile': { reach: 'many-clients', input: () => ({ kind: 'ageingByClient', format: 'csv' }) },
    'reports.people': { reach: 'many-clients', input: () => ({ kind: 'conversionBySource' }) },
    'reports.peopleFile': { reach: 'many-clients', input: () => ({ kind: 'conversionBySource', format: 'csv' }) },
    'packages.list': { reach: 'one-client', input: () => ({ clientId: school.clients[0] }) },
    'makeups.options': { reach: 'one-client', input: () => ({ enrollmentId: school.enrollments[0] }) },
    'quality.mergePreview': { reach: 'many-clients', input: () => ({ keepId: school.clients[1], mergeId: school.clients[2] }) },
    'quality.archivePreview': { reach: 'many-clients', input: () => ({ months: 1 }) },
    'receipts.document': { reach: 'one-client', input: () => ({ id: receiptOfSchool() }) },
    // A backup the folder does not hold, with this school's own recovery key: answered NOT_FOUND, never money.
    'backups.inspect': {
      reach: 'callers-file',
      input: () => ({ id: 'tanoda-20260101T000000000Z-manual.tanoda', recoveryKey: recoveryKeyOf(workspace.db.key) }),
    },
  };

  /** One lesson of the school's cohort, added by the owner the first time a walk needs it (roll call reads a lesson). */
  let lessonId = '';
  function lessonOfSchool(): string {
    if (lessonId) return lessonId;
    const lesson = directCall(workspace, actors.get('owner') as Actor, 'lessons.create', {
      cohortId: school.cohortId,
      startsOn: '2026-01-12',
      startTime: '17:00',
      minutes: 60,
    });
    if (!lesson.ok) throw new Error(JSON.stringify(lesson.error));
    lessonId = (lesson.value as { id: string }).id;
    return lessonId;
  }

  /** A receipt for the first client's payment, issued by the owner the first time a walk needs it. */
  let receiptId = '';
  function receiptOfSchool(): string {
    if (receiptId) return receiptId;
    const paymentId = workspace.db.sqlite.prepare('SELECT id FROM payments WHERE client_id = ?').pluck().get(school.clients[0]);
    const receipt = directCall(workspace, actors.get('owner') as Actor, 'receipts.issue', { paymentId });
    if (!receipt.ok) throw new Error(JSON.stringify(receipt.error));
    receiptId = (receipt.value as { id: string }).id;
    return receiptId;
  }

  /** The input a walk sends to `method`: a large limit where the method takes one, else the id it needs. */
  function inputOf(method: MethodName): { input: unknown; reach: Reach } {
    const classified = needsInput[method];
    if (classified) return { input: classified.input(), reach: classified.reach };
    const big = { limit: 100_000 };
    const parses = contract[method].input.safeParse(big).success;
    if (!parses && !contract[method].input.safeParse({}).success) throw new Error(`${method} needs an input: classify it in needsInput`);
    return { input: parses ? big : {}, reach: 'many-clients' };
  }

  const readsOf = (role: 'owner' | 'assistant' | 'teacher') =>
    methodNames.filter((m) => contract[m].access === 'read' && roleCan(role, contract[m].capability, defaults));

  /** Calls every read method `actor` may call; per method, the money its answer carries (or the refusal's code). */
  function walk(actor: Actor, role: 'owner' | 'assistant' | 'teacher') {
    return readsOf(role).map((method) => {
      const { input, reach } = inputOf(method);
      const result = directCall(workspace, actor, method, input);
      const money = result.ok ? moneyIn(result.value) : [];
      return { method, reach, ok: result.ok, error: result.ok ? null : result.error, money };
    });
  }

  beforeAll(async () => {
    const owner = actors.get('owner') as Actor;
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = await workspace.invoke({ actor: owner }, method, input);
      if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    const program = await call<{ id: string }>('programs.create', { name: 'Angol B2', defaultPriceMinor: 120_000 });
    const cohort = await call<{ id: string }>('cohorts.create', { programId: program.id, name: 'Kedd esti', startOn: '2026-01-10' });
    school.programId = program.id;
    school.cohortId = cohort.id;
    const guardian = await call<{ id: string }>('clients.create', { firstName: 'Kovács', lastName: 'Éva' });
    for (const [i, name] of ['Kovács Bence', 'Szabó Lili', 'Tóth Máté'].entries()) {
      const client = await call<{ id: string }>('clients.create', {
        displayName: name,
        ...(i === 0 ? { guardianId: guardian.id } : {}),
      });
      const enrollment = await call<{ id: string }>('enrollments.create', {
        clientId: client.id,
        cohortId: cohort.id,
        status: 'confirmed',
        agreedPriceMinor: 90_000 + i * 10_000,
      });
      await call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-01-15' });
      const paid = 20_000 + i * 5_000;
      await call('payments.create', { clientId: client.id, enrollmentId: enrollment.id, amountMinor: paid, paidOn: '2026-01-20' });
      school.clients.push(client.id);
      school.enrollments.push(enrollment.id);
      school.paid += paid;
    }
    const sheet = Buffer.from('Név;Telefon\nNagy Ilona;+36301234567\n').toString('base64');
    school.batchId = (await call<{ batchId: string }>('imports.commit', { fileName: 'nevek.csv', contentBase64: sheet })).batchId;
    const created = await call<{ id: string }>('users.create', {
      username: 'tanar',
      displayName: 'Tanár Tamás',
      role: 'teacher',
      password: 'teacher-secret-1',
    });
    teacher = { userId: created.id, username: 'tanar', role: 'teacher' };
  });

  it('classifies every read method that needs an input, so a new one cannot slip past the walk', () => {
    const unclassified = [...new Set([...readsOf('assistant'), ...readsOf('teacher')])].filter(
      (m) => !needsInput[m] && !contract[m].input.safeParse({}).success && !contract[m].input.safeParse({ limit: 100_000 }).success,
    );
    expect(unclassified).toEqual([]);
  });

  it('as the owner, the same walk finds the money, so it can see a leak: every payment, and balances per client', () => {
    const answers = walk(actors.get('owner') as Actor, 'owner');
    const payments = answers.find((a) => a.method === 'payments.page');
    // Every payment of the school, voided ones too: the walk sums exactly what was received.
    const received = (payments?.money ?? []).filter((m) => m.key === 'amountMinor').reduce((sum, m) => sum + m.minor, 0);
    const all = workspace.db.sqlite.prepare('SELECT sum(amount_minor) FROM payments WHERE deleted_at IS NULL').pluck().get() as number;
    expect(received).toBe(all);
    expect(received).toBeGreaterThanOrEqual(school.paid);
    const withMoney = answers.filter((a) => a.reach === 'many-clients' && a.money.length > 0).map((a) => a.method);
    expect(withMoney).toEqual(
      expect.arrayContaining([
        'clients.list',
        'cohorts.get',
        'enrollments.list',
        'enrollments.grid',
        'payments.page',
        'today.get',
        'reports.revenue',
        'reports.money',
      ]),
    );
  });

  it.each(['assistant', 'teacher'] as const)(
    'as the %s, no list, report or view that spans clients carries money, whatever the limit',
    (role) => {
      const actor = role === 'assistant' ? (actors.get('assistant') as Actor) : teacher;
      const answers = walk(actor, role);
      expect(answers.length).toBeGreaterThan(20);
      const across = answers.filter((a) => a.reach === 'many-clients' || a.reach === 'catalog');
      const leaks = across.flatMap((a) => a.money.map((m) => `${a.method}${m.path}`));
      expect(leaks).toEqual([]);
      const sumAcross = across.reduce((sum, a) => sum + a.money.reduce((s, m) => s + m.minor, 0), 0);
      expect(sumAcross).toBe(0);
      // Nothing else refuses the walk: the lists answer, without their money columns.
      const refusedLists = answers.filter((a) => !a.ok && a.reach === 'many-clients').map((a) => `${a.method}: ${a.error?.code}`);
      expect(refusedLists.sort()).toEqual(
        role === 'assistant' ? ['messages.render: FORBIDDEN', 'receipts.list: FORBIDDEN'] : ['messages.render: FORBIDDEN'],
      );
    },
  );

  it('gives each role the columns its money right allows, on every list method', () => {
    const columnsOf = (actor: Actor, role: 'owner' | 'assistant' | 'teacher') =>
      Object.fromEntries(
        walk(actor, role)
          .filter((a) => a.reach === 'many-clients' && a.ok)
          .map((a) => [a.method, [...new Set(a.money.map((m) => m.key))].sort()]),
      );
    const owner = columnsOf(actors.get('owner') as Actor, 'owner');
    const assistant = columnsOf(actors.get('assistant') as Actor, 'assistant');
    const teacherColumns = columnsOf(teacher, 'teacher');
    expect(owner['clients.list']).toEqual(['balanceMinor', 'overdueMinor']);
    expect(owner['enrollments.grid']).toEqual(['agreedPriceMinor', 'balanceMinor', 'discountMinor', 'paidMinor']);
    expect(owner['payments.page']).toEqual(['amountMinor', 'sumMinor']);
    expect(owner['today.get']).toEqual(['amountMinor', 'outstandingMinor']);
    for (const method of Object.keys(assistant)) expect(assistant[method], method).toEqual([]);
    for (const method of Object.keys(teacherColumns)) expect(teacherColumns[method], method).toEqual([]);
    // The lists still answer the assistant: who, and since when.
    expect(Object.keys(assistant)).toEqual(
      expect.arrayContaining(['clients.list', 'enrollments.grid', 'payments.page', 'today.get', 'cohorts.get']),
    );
  });

  it('gives the assistant one client’s money when one client is asked for, and refuses the questions that compare many', () => {
    const assistant = actors.get('assistant') as Actor;
    const [first] = school.clients;
    const scoped = directCall(workspace, assistant, 'clients.get', { id: first });
    const own = scoped.ok ? (scoped.value as { payments: { clientId: string; amountMinor: number }[] }).payments : [];
    expect(own.map((p) => [p.clientId, p.amountMinor])).toEqual([[first, 20_000]]);
    const page = directCall(workspace, assistant, 'payments.page', { clientId: first, limit: 100_000 });
    expect(page.ok && moneyIn((page.value as { rows: unknown[] }).rows).map((m) => m.minor)).toEqual([20_000]);
    // Every payment of the school at once: who paid when, never how much.
    const everyone = directCall(workspace, assistant, 'payments.page', { limit: 100_000 });
    const listed = everyone.ok ? (everyone.value as { rows: { clientId: string }[]; sumMinor: number | null }) : { rows: [], sumMinor: 0 };
    expect(school.clients.every((c) => listed.rows.some((r) => r.clientId === c))).toBe(true);
    expect(moneyIn(listed)).toEqual([]);
    expect(listed.sumMinor).toBeNull();
    for (const [method, input, field] of [
      ['clients.list', { sort: [{ field: 'balanceMinor', desc: true }] }, 'sort'],
      ['clients.list', { balanceMin: 1 }, 'balanceMin'],
      ['payments.page', { amountMin: 1 }, 'amountMin'],
      ['payments.page', { sort: [{ field: 'amountMinor', desc: true }] }, 'sort'],
      ['enrollments.grid', { sort: [{ field: 'agreedPriceMinor', desc: true }] }, 'sort'],
      ['messages.render', { purpose: 'payment_reminder', overdue: true }, 'clientIds'],
    ] as const) {
      expect(directCall(workspace, assistant, method, input), `${method} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', fields: [{ path: [field], code: 'finance.read' }] },
      });
    }
    // One person's reminder carries that person's amount.
    const one = directCall(workspace, assistant, 'messages.render', {
      purpose: 'payment_reminder',
      enrollmentIds: [school.enrollments[0]],
    });
    expect(one.ok).toBe(true);
    // The family total sums several clients: the guardian's page leaves it out for the assistant.
    const guardian = directCall(workspace, assistant, 'clients.get', { id: first });
    expect(guardian.ok && (guardian.value as { familyBalance: unknown }).familyBalance).toBeNull();
    // Who is overdue, without how much: the reminder list the assistant works from.
    const today = directCall(workspace, assistant, 'today.get', {});
    const overdue = today.ok ? (today.value as { overdue: { clientId: string; dueOn: string }[] }).overdue : [];
    expect(new Set(overdue.map((r) => r.clientId))).toEqual(new Set(school.clients));
    expect(overdue.every((r) => r.dueOn < '2026-03-10')).toBe(true);
    expect(moneyIn(overdue)).toEqual([]);
  });
});
