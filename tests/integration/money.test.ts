/**
 * Instalments, payments, balances and reports through the real router on a real
 * SQLite workspace (HUF, Europe/Budapest, clock fixed at 2026-03-10 09:00 UTC).
 * Every state asserted here is derived on read, so each test writes money the way
 * a user would and reads it back the way the UI does.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { clientBalances, enrollmentBalances } from '../../src-main/services/balances';
import { enrollmentOf, paymentsOf, openTestWorkspace, type TestWorkspace } from './helpers';

const changesCount = (ws: TestWorkspace) => ws.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number;

function school(ws: TestWorkspace) {
  const program = ws.call('programs.create', { name: 'Angol B1', kind: 'course', defaultPriceMinor: 90_000 });
  const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Angol B1 – tavasz', status: 'open' });
  const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36301234567' });
  const enrollment = ws.call('enrollments.create', {
    clientId: anna.id,
    cohortId: cohort.id,
    status: 'confirmed',
    agreedPriceMinor: 100_000,
    discountMinor: 10_000,
  });
  return { program, cohort, anna, enrollment };
}

/** A plan of 3 × 30 000 due on 1 February, 1 March and 1 April 2026. */
function planned(ws: TestWorkspace) {
  const s = school(ws);
  const plan = ws.call('instalments.plan', { enrollmentId: s.enrollment.id, count: 3, firstDueOn: '2026-02-01' });
  return { ...s, plan };
}

describe('instalments.plan', () => {
  it('splits the agreed price minus discount monthly from the first date', () => {
    const ws = openTestWorkspace();
    const { plan } = planned(ws);
    expect(plan.map((i) => [i.dueOn, i.amountMinor, i.state, i.daysLate])).toEqual([
      ['2026-02-01', 30_000, 'overdue', 37],
      ['2026-03-01', 30_000, 'overdue', 9],
      ['2026-04-01', 30_000, 'upcoming', 0],
    ]);
  });

  it('counts months from the first date so month ends stay month ends', () => {
    const ws = openTestWorkspace();
    const { enrollment } = school(ws);
    const monthly = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 4, firstDueOn: '2026-01-31' });
    expect(monthly.map((i) => i.dueOn)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    const leap = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 2, firstDueOn: '2028-01-31' });
    expect(leap.map((i) => i.dueOn)).toEqual(['2028-01-31', '2028-02-29']);
    const everyTwo = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-01-31', everyMonths: 2 });
    expect(everyTwo.map((i) => i.dueOn)).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
  });

  it('rounds to whole major units when the total allows, to minor units otherwise', () => {
    const ws = openTestWorkspace({ schoolName: 'Euro School', currency: 'EUR', locale: 'de-AT', timeZone: 'Europe/Vienna' });
    const { enrollment } = school(ws);
    const whole = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-04-01', totalMinor: 10_000_000 });
    expect(whole.map((i) => i.amountMinor)).toEqual([3_333_400, 3_333_300, 3_333_300]);
    const odd = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-04-01', totalMinor: 10_000_051 });
    expect(odd.map((i) => i.amountMinor)).toEqual([3_333_351, 3_333_350, 3_333_350]);
  });

  it('replaces the live plan, soft-deleting the old instalments', () => {
    const ws = openTestWorkspace();
    const { enrollment, plan } = planned(ws);
    const replan = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 2, firstDueOn: '2026-05-01' });
    expect(replan.map((i) => [i.dueOn, i.amountMinor])).toEqual([
      ['2026-05-01', 45_000],
      ['2026-06-01', 45_000],
    ]);
    expect(enrollmentOf(ws, enrollment.id).balance.instalments.map((i) => i.id)).toEqual(replan.map((i) => i.id));
    const old = ws.db.sqlite.prepare('SELECT deleted_at FROM instalments WHERE id = ?').pluck().get(plan[0]?.id);
    expect(old).toBe('2026-03-10T09:00:00.000Z');
  });

  it('refuses to replace instalments a payment is pinned to, writing nothing', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment, plan } = planned(ws);
    ws.call('payments.create', {
      clientId: anna.id,
      amountMinor: 10_000,
      allocations: [{ instalmentId: plan[2]!.id, amountMinor: 10_000 }],
    });
    const before = changesCount(ws);
    expect(ws.fail('instalments.plan', { enrollmentId: enrollment.id, count: 2, firstDueOn: '2026-05-01' })).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: ['enrollmentId'], code: 'pinned_allocations' }],
    });
    expect(changesCount(ws)).toBe(before);
  });

  it('answers NOT_FOUND for an unknown enrollment and VALIDATION for nothing to split', () => {
    const ws = openTestWorkspace();
    const { anna, program } = school(ws);
    expect(ws.fail('instalments.plan', { enrollmentId: 'nope', count: 3, firstDueOn: '2026-02-01' })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['enrollmentId'] }],
    });
    const free = ws.call('enrollments.create', { clientId: anna.id, programId: program.id, status: 'confirmed', agreedPriceMinor: 0 });
    expect(ws.fail('instalments.plan', { enrollmentId: free.id, count: 3, firstDueOn: '2026-02-01' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['totalMinor'] }],
    });
    expect(
      ws
        .fail('instalments.plan', { enrollmentId: free.id, count: 0, firstDueOn: '2026-02-30' })
        .fields?.map((f) => f.path.join('.'))
        .sort(),
    ).toEqual(['count', 'firstDueOn']);
  });
});

describe('payments and derived instalment states', () => {
  it('pays partially: oldest instalment first, the rest overdue, balances follow', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment } = planned(ws);
    const payment = ws.call('payments.create', {
      clientId: anna.id,
      enrollmentId: enrollment.id,
      amountMinor: 45_000,
      paidOn: '2026-02-05',
      method: 'transfer',
    });
    expect(payment).toMatchObject({
      amountMinor: 45_000,
      paidOn: '2026-02-05',
      method: 'transfer',
      receivedBy: ws.owner.userId,
      voidedAt: null,
    });

    const balance = enrollmentOf(ws, enrollment.id).balance;
    expect(balance).toMatchObject({ dueTotalMinor: 90_000, paidMinor: 45_000, balanceMinor: 45_000, overdueMinor: 15_000, creditMinor: 0 });
    expect(balance.instalments.map((i) => [i.state, i.paidMinor, i.outstandingMinor, i.daysLate])).toEqual([
      ['paid', 30_000, 0, 0],
      ['overdue', 15_000, 15_000, 9],
      ['upcoming', 0, 30_000, 0],
    ]);
    expect(balance.nextDue?.dueOn).toBe('2026-03-01');

    const client = clientBalances(ws.ctx, [anna.id], '2026-03-10').get(anna.id);
    expect(client).toEqual({
      clientId: anna.id,
      dueTotalMinor: 90_000,
      paidMinor: 45_000,
      balanceMinor: 45_000,
      overdueMinor: 15_000,
      unallocatedMinor: 0,
    });
    expect(ws.call('clients.get', { id: anna.id }).balance).toMatchObject({ balanceMinor: 45_000, overdueMinor: 15_000 });
  });

  it('shows a partial instalment that is not yet late as partial, and one due today as due', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment } = school(ws);
    ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-03-10' });
    ws.call('payments.create', { clientId: anna.id, amountMinor: 40_000 });
    expect(enrollmentOf(ws, enrollment.id).balance.instalments.map((i) => i.state)).toEqual(['paid', 'partial', 'upcoming']);
    expect(enrollmentOf(ws, enrollment.id, '2026-04-10').balance.instalments.map((i) => i.state)).toEqual(['paid', 'partial', 'upcoming']);
    expect(enrollmentOf(ws, enrollment.id, '2026-05-10').balance.instalments.map((i) => i.state)).toEqual(['paid', 'overdue', 'due']);
  });

  it('fills instalments oldest first across several payments', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment } = planned(ws);
    ws.call('payments.create', { clientId: anna.id, amountMinor: 20_000, paidOn: '2026-01-20' });
    ws.call('payments.create', { clientId: anna.id, amountMinor: 25_000, paidOn: '2026-02-20' });
    ws.call('payments.create', { clientId: anna.id, amountMinor: 30_000 });
    expect(enrollmentOf(ws, enrollment.id).balance.instalments.map((i) => i.paidMinor)).toEqual([30_000, 30_000, 15_000]);
    // As of 1 March the March payment had not been made yet.
    expect(enrollmentOf(ws, enrollment.id, '2026-03-01').balance.instalments.map((i) => [i.paidMinor, i.state])).toEqual([
      [30_000, 'paid'],
      [15_000, 'partial'],
      [0, 'upcoming'],
    ]);
  });

  it('spreads a payment without an enrollment over the client’s billable enrollments, oldest due first', () => {
    const ws = openTestWorkspace();
    const { anna, program, enrollment } = planned(ws);
    const art = ws.call('programs.create', { name: 'Rajz', kind: 'workshop' });
    const second = ws.call('enrollments.create', { clientId: anna.id, programId: art.id, status: 'trial', agreedPriceMinor: 20_000 });
    ws.call('instalments.plan', { enrollmentId: second.id, count: 1, firstDueOn: '2026-01-15' });
    const thinking = ws.call('enrollments.create', {
      clientId: anna.id,
      programId: program.id,
      status: 'thinking',
      agreedPriceMinor: 50_000,
    });
    ws.call('instalments.plan', { enrollmentId: thinking.id, count: 1, firstDueOn: '2026-01-01' });

    ws.call('payments.create', { clientId: anna.id, amountMinor: 60_000 });
    const balances = enrollmentBalances(ws.ctx, [enrollment.id, second.id, thinking.id], '2026-03-10');
    expect(balances.get(second.id)?.instalments.map((i) => i.state)).toEqual(['paid']);
    expect(balances.get(enrollment.id)?.instalments.map((i) => i.paidMinor)).toEqual([30_000, 10_000, 0]);
    expect(balances.get(thinking.id)).toMatchObject({ dueTotalMinor: 0, paidMinor: 0, overdueMinor: 0 });
    expect(clientBalances(ws.ctx, [anna.id], '2026-03-10').get(anna.id)).toMatchObject({
      dueTotalMinor: 110_000,
      paidMinor: 60_000,
      balanceMinor: 50_000,
      overdueMinor: 20_000,
    });
  });

  it('keeps an overpayment as credit', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment } = planned(ws);
    ws.call('payments.create', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 100_000 });
    expect(enrollmentOf(ws, enrollment.id).balance).toMatchObject({
      paidMinor: 100_000,
      balanceMinor: -10_000,
      creditMinor: 10_000,
      overdueMinor: 0,
      nextDue: null,
    });
    expect(clientBalances(ws.ctx, [anna.id], '2026-03-10').get(anna.id)).toMatchObject({ balanceMinor: -10_000, unallocatedMinor: 10_000 });
  });

  it('honours a pinned allocation before oldest-first and stores only the pin', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment, plan } = planned(ws);
    const payment = ws.call('payments.create', {
      clientId: anna.id,
      amountMinor: 40_000,
      allocations: [{ instalmentId: plan[2]!.id, amountMinor: 30_000 }],
    });
    expect(enrollmentOf(ws, enrollment.id).balance.instalments.map((i) => [i.paidMinor, i.state])).toEqual([
      [10_000, 'overdue'],
      [0, 'overdue'],
      [30_000, 'paid'],
    ]);
    const stored = ws.db.sqlite
      .prepare('SELECT payment_id AS paymentId, instalment_id AS instalmentId, amount_minor AS amountMinor FROM payment_allocations')
      .all();
    expect(stored).toEqual([{ paymentId: payment.id, instalmentId: plan[2]!.id, amountMinor: 30_000 }]);
    expect(ws.call('clients.get', { id: anna.id }).allocations).toContainEqual({
      paymentId: payment.id,
      instalmentId: plan[2]!.id,
      amountMinor: 30_000,
      pinned: true,
    });
  });

  it('refuses pins beyond the payment, beyond the outstanding amount, or to someone else’s instalment', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment, plan, program } = planned(ws);
    ws.call('payments.create', { clientId: anna.id, amountMinor: 20_000 });
    const bela = ws.call('clients.create', { firstName: 'Béla', lastName: 'Szabó' });
    const belaEnrollment = ws.call('enrollments.create', { clientId: bela.id, programId: program.id, status: 'confirmed' });
    const belaPlan = ws.call('instalments.plan', { enrollmentId: belaEnrollment.id, count: 1, firstDueOn: '2026-02-01' });
    const before = changesCount(ws);

    const tooMuch = ws.fail('payments.create', {
      clientId: anna.id,
      amountMinor: 30_000,
      allocations: [
        { instalmentId: plan[1]!.id, amountMinor: 20_000 },
        { instalmentId: plan[2]!.id, amountMinor: 20_000 },
      ],
    });
    expect(tooMuch).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['allocations', 1, 'amountMinor'], code: 'exceeds_payment' }] });
    const beyondOutstanding = ws.fail('payments.create', {
      clientId: anna.id,
      amountMinor: 30_000,
      allocations: [{ instalmentId: plan[0]!.id, amountMinor: 15_000 }],
    });
    expect(beyondOutstanding).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['allocations', 0, 'amountMinor'], code: 'exceeds_outstanding' }],
    });
    const twiceTheSame = ws.fail('payments.create', {
      clientId: anna.id,
      amountMinor: 50_000,
      allocations: [
        { instalmentId: plan[2]!.id, amountMinor: 20_000 },
        { instalmentId: plan[2]!.id, amountMinor: 20_000 },
      ],
    });
    expect(twiceTheSame).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['allocations', 1, 'amountMinor'] }] });
    const foreign = ws.fail('payments.create', {
      clientId: anna.id,
      enrollmentId: enrollment.id,
      amountMinor: 10_000,
      allocations: [{ instalmentId: belaPlan[0]!.id, amountMinor: 10_000 }],
    });
    expect(foreign).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['allocations', 0, 'instalmentId'] }] });
    const zero = ws.fail('payments.create', {
      clientId: anna.id,
      amountMinor: 10_000,
      allocations: [{ instalmentId: plan[2]!.id, amountMinor: 0 }],
    });
    expect(zero).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['allocations', 0, 'amountMinor'] }] });
    expect(changesCount(ws)).toBe(before);
  });

  it('voids a payment: kept and listed, counted for nothing, not voided twice', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment } = planned(ws);
    const payment = ws.call('payments.create', { clientId: anna.id, amountMinor: 30_000 });
    const voided = ws.call('payments.void', { id: payment.id, reason: 'Recorded twice' });
    expect(voided).toMatchObject({
      id: payment.id,
      amountMinor: 30_000,
      voidedAt: '2026-03-10T09:00:00.000Z',
      voidReason: 'Recorded twice',
    });
    expect(enrollmentOf(ws, enrollment.id).balance).toMatchObject({
      paidMinor: 0,
      balanceMinor: 90_000,
      overdueMinor: 60_000,
    });
    expect(paymentsOf(ws, anna.id).map((p) => p.id)).toEqual([payment.id]);
    expect(ws.call('payments.page', { clientId: anna.id, voided: 'exclude' })).toMatchObject({ rows: [], total: 0 });

    const before = changesCount(ws);
    expect(ws.fail('payments.void', { id: payment.id, reason: 'again' })).toMatchObject({ code: 'CONFLICT', fields: [{ path: ['id'] }] });
    expect(ws.fail('payments.void', { id: 'nope', reason: 'x' })).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: ['id'] }] });
    expect(ws.fail('payments.void', { id: payment.id, reason: '' })).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['reason'] }] });
    expect(changesCount(ws)).toBe(before);
  });

  it('refunds as a negative payment that takes back the newest allocation first', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment } = planned(ws);
    const payment = ws.call('payments.create', {
      clientId: anna.id,
      enrollmentId: enrollment.id,
      amountMinor: 90_000,
      paidOn: '2026-02-01',
    });
    const refund = ws.call('payments.refund', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 40_000, method: 'transfer' });
    expect(refund).toMatchObject({ amountMinor: -40_000, paidOn: '2026-03-10', receivedBy: ws.owner.userId });
    expect(enrollmentOf(ws, enrollment.id).balance.instalments.map((i) => [i.paidMinor, i.state])).toEqual([
      [30_000, 'paid'],
      [20_000, 'overdue'],
      [0, 'upcoming'],
    ]);
    expect(enrollmentOf(ws, enrollment.id).balance).toMatchObject({ paidMinor: 50_000, balanceMinor: 40_000 });

    const before = changesCount(ws);
    expect(ws.fail('payments.refund', { clientId: anna.id, amountMinor: 50_001 })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['amountMinor'], code: 'exceeds_paid' }],
    });
    expect(ws.fail('payments.void', { id: payment.id, reason: 'oops' })).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: ['id'], code: 'refunded' }],
    });
    expect(changesCount(ws)).toBe(before);

    ws.call('payments.void', { id: refund.id, reason: 'Refund not sent' });
    expect(enrollmentOf(ws, enrollment.id).balance).toMatchObject({ paidMinor: 90_000, balanceMinor: 0 });
  });

  it('refuses to refund an enrollment more than was paid towards it', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment, program } = planned(ws);
    const other = ws.call('enrollments.create', {
      clientId: anna.id,
      programId: program.id,
      status: 'confirmed',
      agreedPriceMinor: 50_000,
    });
    ws.call('payments.create', { clientId: anna.id, enrollmentId: other.id, amountMinor: 50_000 });
    ws.call('payments.create', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 10_000 });
    expect(ws.fail('payments.refund', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 10_001 })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['amountMinor'] }],
    });
    expect(ws.call('payments.refund', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 10_000 }).amountMinor).toBe(-10_000);
  });

  it('answers bad payment input with the field path and writes nothing', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment } = planned(ws);
    const bela = ws.call('clients.create', { firstName: 'Béla' });
    const before = changesCount(ws);
    const paths = (error: { fields?: { path: (string | number)[] }[] }) => [...new Set(error.fields?.map((f) => f.path.join('.')))];

    expect(ws.fail('payments.create', { clientId: anna.id, amountMinor: -500 })).toMatchObject({ code: 'VALIDATION' });
    expect(paths(ws.fail('payments.create', { clientId: anna.id, amountMinor: -500 }))).toEqual(['amountMinor']);
    expect(paths(ws.fail('payments.create', { clientId: anna.id, amountMinor: 0 }))).toEqual(['amountMinor']);
    expect(paths(ws.fail('payments.create', { clientId: anna.id, amountMinor: 12.5 }))).toEqual(['amountMinor']);
    expect(paths(ws.fail('payments.create', { clientId: anna.id, amountMinor: 1000, paidOn: '2026-02-30' }))).toEqual(['paidOn']);
    expect(paths(ws.fail('payments.create', { clientId: anna.id, amountMinor: 1000, paidOn: '10/03/2026' }))).toEqual(['paidOn']);
    expect(paths(ws.fail('payments.create', { clientId: anna.id, amountMinor: 1000, method: 'bitcoin' }))).toEqual(['method']);
    expect(ws.fail('payments.create', { clientId: 'nobody', amountMinor: 1000 })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['clientId'] }],
    });
    expect(ws.fail('payments.create', { clientId: anna.id, enrollmentId: 'nothing', amountMinor: 1000 })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['enrollmentId'] }],
    });
    expect(ws.fail('payments.create', { clientId: bela.id, enrollmentId: enrollment.id, amountMinor: 1000 })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['enrollmentId'], code: 'other_client' }],
    });
    expect(ws.fail('payments.refund', { clientId: 'nobody', amountMinor: 1000 })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['clientId'] }],
    });
    expect(paths(ws.fail('payments.refund', { clientId: anna.id, amountMinor: -1000 }))).toEqual(['amountMinor']);
    expect(ws.fail('enrollments.get', { id: 'nothing' })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['id'] }],
    });
    expect(changesCount(ws)).toBe(before);
  });

  it('lets an assistant record payments but not void, refund or read revenue', () => {
    const ws = openTestWorkspace();
    const { anna } = planned(ws);
    const user = ws.call('users.create', { username: 'assistant', displayName: 'Assistant', role: 'assistant' });
    const assistant: Actor = { userId: user.id, username: user.username, role: 'assistant' };
    const payment = ws.call('payments.create', { clientId: anna.id, amountMinor: 5_000 }, assistant);
    expect(payment.receivedBy).toBe(user.id);
    expect(ws.fail('payments.void', { id: payment.id, reason: 'x' }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('payments.refund', { clientId: anna.id, amountMinor: 1 }, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('reports.revenue', {}, assistant).code).toBe('FORBIDDEN');
  });
});

describe('overdue instalments on Today', () => {
  it('lists overdue instalments as of a day, oldest first, with who and what', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment, cohort, program } = planned(ws);
    const bela = ws.call('clients.create', { firstName: 'Béla', lastName: 'Szabó', phone: '+36201112222' });
    const belaEnrollment = ws.call('enrollments.create', {
      clientId: bela.id,
      programId: program.id,
      status: 'confirmed',
      agreedPriceMinor: 20_000,
    });
    ws.call('instalments.plan', { enrollmentId: belaEnrollment.id, count: 1, firstDueOn: '2026-02-15' });
    const lost = ws.call('enrollments.create', { clientId: bela.id, programId: program.id, status: 'declined', agreedPriceMinor: 20_000 });
    ws.call('instalments.plan', { enrollmentId: lost.id, count: 1, firstDueOn: '2026-01-01' });
    ws.call('payments.create', { clientId: anna.id, amountMinor: 10_000, paidOn: '2026-02-10' });
    ws.call('payments.create', { clientId: bela.id, amountMinor: 20_000, paidOn: '2026-03-05' });

    const today = ws.call('today.get', {});
    const rows = today.overdue;
    expect(rows.map((r) => [r.clientName, r.dueOn, r.outstandingMinor, r.daysLate])).toEqual([
      ['Kovács Anna', '2026-02-01', 20_000, 37],
      ['Kovács Anna', '2026-03-01', 30_000, 9],
    ]);
    expect(rows[0]).toMatchObject({
      clientId: anna.id,
      phone: '+36301234567',
      enrollmentId: enrollment.id,
      programName: program.name,
      cohortName: cohort.name,
    });

    expect(today.counts.overdue).toBe(2);

    const earlier = ws.call('today.get', { asOf: '2026-03-01' }).overdue;
    expect(earlier.map((r) => [r.clientName, r.dueOn, r.outstandingMinor])).toEqual([
      ['Kovács Anna', '2026-02-01', 20_000],
      ['Szabó Béla', '2026-02-15', 20_000],
    ]);
    expect(earlier[1]?.cohortName).toBeNull();
    expect(ws.call('today.get', { asOf: '2026-02-01' }).overdue).toEqual([]);
    expect(ws.fail('today.get', { asOf: '2026-13-01' })).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['asOf'] }] });
  });
});

describe('reports', () => {
  it('reports the year’s money: received, refunded, by month, expected, outstanding, overdue', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment, program } = planned(ws);
    ws.call('payments.create', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 45_000, paidOn: '2026-02-05' });
    ws.call('payments.create', { clientId: anna.id, amountMinor: 5_000, paidOn: '2025-12-20' });
    const voided = ws.call('payments.create', { clientId: anna.id, amountMinor: 99_000 });
    ws.call('payments.void', { id: voided.id, reason: 'typo' });
    ws.call('payments.refund', { clientId: anna.id, amountMinor: 3_000 });
    ws.call('enrollments.create', { clientId: anna.id, programId: program.id, status: 'inquiry', agreedPriceMinor: 70_000 });

    const report = ws.call('reports.revenue', {});
    expect(report).toMatchObject({
      currency: 'HUF',
      from: '2026-01-01',
      to: '2026-12-31',
      receivedMinor: 45_000,
      refundedMinor: 3_000,
      expectedMinor: 90_000,
    });
    expect(report.byMonth).toHaveLength(12);
    expect(report.byMonth.slice(0, 3)).toEqual([
      { month: '2026-01', receivedMinor: 0 },
      { month: '2026-02', receivedMinor: 45_000 },
      { month: '2026-03', receivedMinor: 0 },
    ]);
    // Paid 5 000 + 45 000 - 3 000 = 47 000 of 90 000; the refund took back the newest money.
    expect(report).toMatchObject({ outstandingMinor: 43_000, overdueMinor: 13_000 });

    const lastYear = ws.call('reports.revenue', { from: '2025-12-01', to: '2025-12-31' });
    expect(lastYear).toMatchObject({ receivedMinor: 5_000, refundedMinor: 0, byMonth: [{ month: '2025-12', receivedMinor: 5_000 }] });
    expect(ws.fail('reports.revenue', { from: '2026-05-01', to: '2026-04-01' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['to'] }],
    });
  });

  it('counts live records and the change log', () => {
    const ws = openTestWorkspace();
    const { anna } = planned(ws);
    ws.call('payments.create', { clientId: anna.id, amountMinor: 1_000 });
    expect(ws.call('reports.stats', {})).toEqual({
      programs: 1,
      cohorts: 1,
      clients: 1,
      enrollments: 1,
      instalments: 3,
      payments: 1,
      changes: changesCount(ws),
    });
  });
});
