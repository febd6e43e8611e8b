import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import { openTestWorkspace, type TestWorkspace } from './helpers';

function tableCounts(ws: TestWorkspace): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of ['clients', 'enrollments', 'enrollment_status_history', 'activities', 'instalments', 'payments', 'changes']) {
    out[table] = ws.db.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  }
  return out;
}

function setup() {
  const ws = openTestWorkspace();
  const program = ws.call('programs.create', { name: 'Kerámia', defaultPriceMinor: 60_000_00, defaultCapacity: 8 });
  const cohort = ws.call('cohorts.create', { programId: program.id, startOn: '2026-04-01', endOn: '2026-06-30', priceMinor: 90_000_00 });
  return { ws, program, cohort };
}

describe('enrollments.enroll', () => {
  it('creates the client, the enrollment, a 3-instalment plan and a first payment in one action', () => {
    const { ws, cohort } = setup();
    const result = ws.call('enrollments.enroll', {
      newClient: { firstName: 'Anna', lastName: 'Kovács', phone: '06 30 123 4567', email: 'Anna@Example.hu' },
      cohortId: cohort.id,
      status: 'confirmed',
      discountMinor: 0,
      plan: { kind: 'even', count: 3, firstDueOn: '2026-04-01' },
      firstPayment: { amountMinor: 30_000_00, method: 'card' },
    });
    expect(result.clientCreated).toBe(true);
    expect(result.client).toMatchObject({ displayName: 'Kovács Anna', phone: '+36301234567', email: 'anna@example.hu' });
    expect(result.enrollment).toMatchObject({ cohortId: cohort.id, status: 'confirmed', agreedPriceMinor: 90_000_00 });
    expect(result.instalments.map((i) => [i.dueOn, i.amountMinor])).toEqual([
      ['2026-04-01', 30_000_00],
      ['2026-05-01', 30_000_00],
      ['2026-06-01', 30_000_00],
    ]);
    expect(result.payment).toMatchObject({ amountMinor: 30_000_00, method: 'card', enrollmentId: result.enrollment.id });
    const roster = ws.call('cohorts.get', { id: cohort.id }).roster;
    expect(roster).toEqual([expect.objectContaining({ clientName: 'Kovács Anna', paidMinor: 30_000_00, balanceMinor: 60_000_00 })]);
    const txs = ws.db.sqlite
      .prepare('SELECT count(DISTINCT tx) FROM changes WHERE seq > (SELECT min(seq) FROM changes WHERE table_name = ? AND row_id = ?) - 1')
      .pluck()
      .get('clients', result.client.id);
    expect(txs).toBe(1);
    expect(logDrift(ws.db.sqlite)).toEqual([]);
  });

  it('enrolls an existing client with custom instalments or only into a program', () => {
    const { ws, program } = setup();
    const client = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy' });
    const interested = ws.call('enrollments.enroll', { clientId: client.id, programId: program.id, status: 'thinking' });
    expect(interested).toMatchObject({ clientCreated: false, instalments: [], payment: null });
    expect(interested.enrollment).toMatchObject({ cohortId: null, programId: program.id, agreedPriceMinor: 60_000_00 });
    const custom = ws.call('enrollments.enroll', {
      clientId: client.id,
      programId: program.id,
      agreedPriceMinor: 50_000_00,
      discountMinor: 5_000_00,
      plan: {
        kind: 'custom',
        rows: [
          { dueOn: '2026-03-15', amountMinor: 20_000_00 },
          { dueOn: '2026-04-15', amountMinor: 25_000_00 },
        ],
      },
    });
    expect(custom.instalments.map((i) => i.amountMinor)).toEqual([20_000_00, 25_000_00]);
  });

  it('leaves nothing behind when a later step fails, with the error under the step’s field', () => {
    const { ws, cohort } = setup();
    const before = tableCounts(ws);
    const badPhone = ws.fail('enrollments.enroll', { newClient: { lastName: 'Kiss', phone: '12' }, cohortId: cohort.id });
    expect(badPhone).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['newClient', 'phone'] }] });
    const badPlan = ws.fail('enrollments.enroll', {
      newClient: { lastName: 'Kiss' },
      cohortId: cohort.id,
      agreedPriceMinor: 0,
      plan: { kind: 'even', count: 3, firstDueOn: '2026-04-01' },
    });
    expect(badPlan).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['plan', 'totalMinor'] }] });
    const badDiscount = ws.fail('enrollments.enroll', { newClient: { lastName: 'Kiss' }, cohortId: cohort.id, discountMinor: 100_000_00 });
    expect(badDiscount).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['discountMinor'] }] });
    expect(ws.fail('enrollments.enroll', { cohortId: cohort.id })).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['clientId'] }] });
    expect(ws.fail('enrollments.enroll', { newClient: { email: 'a@b.hu' }, cohortId: cohort.id })).toMatchObject({
      fields: [{ path: ['newClient', 'lastName'] }],
    });
    expect(ws.fail('enrollments.enroll', { newClient: { lastName: 'Kiss' } })).toMatchObject({ fields: [{ path: ['cohortId'] }] });
    expect(tableCounts(ws)).toEqual(before);
  });

  it('refuses a teacher', () => {
    const { ws, cohort } = setup();
    ws.call('users.create', { username: 'tanar', displayName: 'Tanár', role: 'teacher', password: 'jelszo-12345' });
    const teacher = { userId: 'x', username: 'tanar', role: 'teacher' as const };
    expect(ws.fail('enrollments.enroll', { newClient: { lastName: 'Kiss' }, cohortId: cohort.id }, teacher).code).toBe('FORBIDDEN');
  });
});

describe('clients.findDuplicates', () => {
  it('matches by phone in any spelling, by e-mail ignoring case and by name prefix', () => {
    const ws = openTestWorkspace();
    const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36 30 123 4567', email: 'anna@example.hu' });
    ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy' });
    const gone = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovácsné' });
    ws.call('clients.delete', { id: gone.id });

    expect(ws.call('clients.findDuplicates', { phone: '06301234567' })).toEqual([
      expect.objectContaining({ id: anna.id, matchedOn: ['phone'] }),
    ]);
    expect(ws.call('clients.findDuplicates', { email: 'ANNA@example.hu' })).toEqual([
      expect.objectContaining({ id: anna.id, matchedOn: ['email'] }),
    ]);
    expect(ws.call('clients.findDuplicates', { name: 'Kovács A' }).map((c) => c.id)).toEqual([anna.id]);
    expect(ws.call('clients.findDuplicates', { name: 'Ko' })).toEqual([]);
    const all = ws.call('clients.findDuplicates', { name: 'Kovács Anna', phone: '+36301234567', email: 'anna@example.hu' });
    expect(all).toEqual([expect.objectContaining({ id: anna.id, matchedOn: ['phone', 'email', 'name'] })]);
    expect(ws.call('clients.findDuplicates', { name: 'Kovács Anna', excludeId: anna.id })).toEqual([]);
  });
});

describe('enrollments.grid', () => {
  it('joins names and balances, filters by status and text, sorts and pages', () => {
    const { ws, program, cohort } = setup();
    const names = ['Kiss Éva', 'Nagy Béla', 'Tóth Anna'];
    const statuses = ['thinking', 'confirmed', 'thinking'] as const;
    names.forEach((displayName, i) => {
      ws.call('enrollments.enroll', {
        newClient: { displayName },
        cohortId: i === 2 ? null : cohort.id,
        programId: program.id,
        status: statuses[i],
        plan: i === 1 ? { kind: 'even', count: 2, firstDueOn: '2026-03-01' } : { kind: 'none' },
        firstPayment: i === 1 ? { amountMinor: 10_000_00 } : null,
      });
    });
    const thinking = ws.call('enrollments.grid', { status: ['thinking'], sort: [{ field: 'clientName', desc: true }] });
    expect(thinking.total).toBe(2);
    expect(thinking.rows.map((r) => [r.clientName, r.cohortName, r.programName])).toEqual([
      ['Tóth Anna', null, 'Kerámia'],
      ['Kiss Éva', cohort.name, 'Kerámia'],
    ]);
    const [bela] = ws.call('enrollments.grid', { query: 'nagy' }).rows;
    expect(bela).toMatchObject({ clientName: 'Nagy Béla', status: 'confirmed', paidMinor: 10_000_00, balanceMinor: 80_000_00 });
    const page = ws.call('enrollments.grid', { sort: [{ field: 'clientName', desc: false }], offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, rows: [{ clientName: 'Nagy Béla' }] });
  });
});

describe('cohorts.duplicate', () => {
  it('opens next month’s group of the same program with the same set-up', () => {
    const { ws, cohort } = setup();
    ws.call('cohorts.update', {
      id: cohort.id,
      schedule: [{ weekday: 2, startTime: '17:30', minutes: 90 }],
      status: 'open',
      published: true,
    });
    const next = ws.call('cohorts.duplicate', { id: cohort.id });
    expect(next).toMatchObject({
      programId: cohort.programId,
      startOn: '2026-05-01',
      endOn: '2026-07-30',
      priceMinor: 90_000_00,
      capacity: 8,
      status: 'planned',
      published: false,
      schedule: [{ weekday: 2, startTime: '17:30', minutes: 90 }],
      name: 'Kerámia 2026-05-01',
    });
    expect(ws.call('cohorts.duplicate', { id: cohort.id, startOn: '2026-09-07' })).toMatchObject({
      startOn: '2026-09-07',
      endOn: '2026-12-06',
    });
    expect(ws.fail('cohorts.duplicate', { id: 'nothing' }).code).toBe('NOT_FOUND');
  });
});
