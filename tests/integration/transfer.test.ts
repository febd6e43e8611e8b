/**
 * Moving a child to another group through the real router on a real workspace
 * (HUF, clock fixed at 2026-03-10): enrollments.previewTransfer and
 * enrollments.transfer keep payments, pinned allocations and history, the old
 * enrollment ends as transferred and points to the new one, a price difference
 * becomes an instalment, the price rule holds for the assistant, refusals write
 * nothing, and one undo takes the whole move back.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { enrollmentOf, paymentsOf, databaseDump, openTestWorkspace, type TestWorkspace } from './helpers';

/**
 * Anna in Angol B1 "Tavasz": 100 000 agreed minus 10 000, planned 3 × 30 000 (1 Feb, 1 Mar, 1 Apr);
 * 40 000 paid on the enrollment, and 10 000 paid untied and pinned by hand to the April instalment.
 */
function school(ws: TestWorkspace) {
  const b1 = ws.call('programs.create', { name: 'Angol B1', kind: 'course', defaultPriceMinor: 90_000 });
  const b2 = ws.call('programs.create', { name: 'Angol B2', kind: 'course', defaultPriceMinor: 120_000 });
  const spring = ws.call('cohorts.create', { programId: b1.id, name: 'Tavasz', status: 'running' });
  const evening = ws.call('cohorts.create', { programId: b1.id, name: 'Esti', status: 'open' });
  const autumn = ws.call('cohorts.create', { programId: b2.id, name: 'Ősz', status: 'planned' });
  const finished = ws.call('cohorts.create', { programId: b1.id, name: 'Tavaly', status: 'finished' });
  const cancelled = ws.call('cohorts.create', { programId: b1.id, name: 'Elmaradt', status: 'cancelled' });
  const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
  const enrollment = ws.call('enrollments.create', {
    clientId: anna.id,
    cohortId: spring.id,
    status: 'confirmed',
    agreedPriceMinor: 100_000,
    discountMinor: 10_000,
    followUpOn: '2026-04-01',
  });
  const plan = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-02-01' });
  const tied = ws.call('payments.create', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 40_000, paidOn: '2026-02-03' });
  const pinned = ws.call('payments.create', {
    clientId: anna.id,
    amountMinor: 10_000,
    paidOn: '2026-02-04',
    allocations: [{ instalmentId: plan[2]!.id, amountMinor: 10_000 }],
  });
  return { b1, b2, spring, evening, autumn, finished, cancelled, anna, enrollment, plan, tied, pinned };
}

/** What the client page says about the money, without the bookkeeping times a write bumps. */
function money(ws: TestWorkspace, clientId: string) {
  const client = ws.call('clients.get', { id: clientId });
  return {
    balance: client.balance,
    enrollments: client.enrollments.map((e) => ({
      status: e.status,
      cohortId: e.cohortId,
      agreedPriceMinor: e.agreedPriceMinor,
      transferredToId: e.transferredToId,
      balance: {
        ...e.balance,
        instalments: e.balance.instalments.map(({ updatedAt: _u, ...i }) => i),
        nextDue: e.balance.nextDue?.id ?? null,
      },
    })),
    payments: client.payments.map((p) => [p.id, p.enrollmentId, p.amountMinor, p.voidedAt]),
    allocations: client.allocations,
  };
}

function assistantOf(ws: TestWorkspace): Actor {
  const user = ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant' });
  return { userId: user.id, username: user.username, role: 'assistant' };
}

describe('enrollments.previewTransfer and enrollments.transfer', () => {
  it('moves a child to another group of the same program keeping payments, pins and history, as previewed', () => {
    const ws = openTestWorkspace();
    const s = school(ws);
    const clientBefore = ws.call('clients.get', { id: s.anna.id }).balance;
    const before = databaseDump(ws);
    const preview = ws.call('enrollments.previewTransfer', { enrollmentId: s.enrollment.id, cohortId: s.evening.id });
    expect(databaseDump(ws)).toEqual(before);
    expect(preview).toMatchObject({
      fromEnrollmentId: s.enrollment.id,
      toEnrollmentId: null,
      sameProgram: true,
      status: 'confirmed',
      agreedPriceMinor: 100_000,
      discountMinor: 10_000,
      listPriceMinor: 90_000,
      priceDifferenceMinor: 0,
      changesPrice: false,
      paymentsMoved: 1,
      excessPaidMinor: 0,
    });
    expect(preview.plan.rows.map((r) => [r.id, r.change, r.dueOn, r.amountMinor, r.paidMinor, r.state])).toEqual([
      [null, 'carried', '2026-02-01', 30_000, 30_000, 'paid'],
      [null, 'carried', '2026-03-01', 30_000, 10_000, 'overdue'],
      [null, 'carried', '2026-04-01', 30_000, 10_000, 'partial'],
    ]);

    const moved = ws.call('enrollments.transfer', { enrollmentId: s.enrollment.id, cohortId: s.evening.id, note: 'Délután nem ér rá' });
    expect(moved.from).toMatchObject({ status: 'transferred', transferredToId: moved.toEnrollmentId, cohortId: s.spring.id });
    expect(moved.to).toMatchObject({
      id: moved.toEnrollmentId,
      status: 'confirmed',
      cohortId: s.evening.id,
      programId: s.b1.id,
      agreedPriceMinor: 100_000,
      discountMinor: 10_000,
      followUpOn: '2026-04-01',
      transferredToId: null,
    });
    const strip = (rows: typeof preview.plan.rows) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(moved.plan.rows)).toEqual(strip(preview.plan.rows));
    expect(enrollmentOf(ws, moved.to.id).balance.instalments.map((i) => [i.id, i.dueOn, i.paidMinor, i.state])).toEqual(
      moved.plan.rows.map((r) => [r.id, r.dueOn, r.paidMinor, r.state]),
    );

    expect(enrollmentOf(ws, moved.to.id).balance).toMatchObject({
      dueTotalMinor: 90_000,
      paidMinor: 50_000,
      balanceMinor: 40_000,
    });
    expect(enrollmentOf(ws, s.enrollment.id).balance).toMatchObject({
      dueTotalMinor: 0,
      paidMinor: 0,
      balanceMinor: 0,
      instalments: [],
    });
    expect(ws.call('clients.get', { id: s.anna.id }).balance).toEqual(clientBefore);
    expect(paymentsOf(ws, s.anna.id).map((p) => [p.id, p.enrollmentId, p.amountMinor])).toEqual([
      [s.pinned.id, null, 10_000],
      [s.tied.id, moved.to.id, 40_000],
    ]);
    expect(enrollmentOf(ws, s.enrollment.id).history.map((h) => [h.fromStatus, h.toStatus, h.note])).toEqual([
      [null, 'confirmed', null],
      ['confirmed', 'transferred', 'Délután nem ér rá'],
    ]);
    expect(ws.call('enrollments.get', { id: moved.to.id })).toMatchObject({
      transferredFromId: s.enrollment.id,
      history: [{ toStatus: 'confirmed' }],
    });
    expect(ws.call('reports.revenue', {}).expectedMinor).toBe(90_000);
    expect(ws.call('activities.list', { clientId: s.anna.id })[0]?.summary).toBe(
      'Angol B1 (Tavasz): confirmed → transferred → Angol B1 (Esti) — Délután nem ér rá',
    );
  });

  it('moves to the next level at a new price: the difference becomes an instalment due today', () => {
    const ws = openTestWorkspace();
    const s = school(ws);
    const input = { enrollmentId: s.enrollment.id, cohortId: s.autumn.id, agreedPriceMinor: 120_000 };
    expect(ws.call('enrollments.previewTransfer', input)).toMatchObject({
      sameProgram: false,
      listPriceMinor: 120_000,
      priceDifferenceMinor: 20_000,
      changesPrice: true,
    });
    const moved = ws.call('enrollments.transfer', input);
    expect(moved.to).toMatchObject({ programId: s.b2.id, cohortId: s.autumn.id, agreedPriceMinor: 120_000, discountMinor: 10_000 });
    expect(moved.plan.rows.map((r) => [r.change, r.dueOn, r.amountMinor, r.paidMinor])).toEqual([
      ['carried', '2026-02-01', 30_000, 30_000],
      ['carried', '2026-03-01', 30_000, 10_000],
      ['added', '2026-03-10', 20_000, 0],
      ['carried', '2026-04-01', 30_000, 10_000],
    ]);
    expect(moved.plan.after).toMatchObject({ paidMinor: 50_000, balanceMinor: 60_000 });
    expect(ws.call('activities.list', { clientId: s.anna.id })[0]?.summary).toMatch(
      /^Angol B1 \(Tavasz\): confirmed → transferred → Angol B2 \(Ősz\) — price \+200\sFt$/u,
    );
  });

  it('carries what was paid beyond a lower price as credit the school can pay back', () => {
    const ws = openTestWorkspace();
    const s = school(ws);
    const moved = ws.call('enrollments.transfer', {
      enrollmentId: s.enrollment.id,
      cohortId: s.evening.id,
      agreedPriceMinor: 50_000,
      discountMinor: 5_000,
    });
    expect(moved).toMatchObject({ priceDifferenceMinor: -45_000, excessPaidMinor: 5_000 });
    expect(moved.plan.rows.map((r) => [r.change, r.amountMinor, r.paidMinor])).toEqual([
      ['carried', 30_000, 30_000],
      ['reduced', 10_000, 10_000],
      ['reduced', 10_000, 10_000],
    ]);
    expect(enrollmentOf(ws, moved.to.id).balance).toMatchObject({ paidMinor: 50_000, balanceMinor: -5_000 });
    ws.call('payments.refund', { clientId: s.anna.id, enrollmentId: moved.to.id, amountMinor: 5_000 });
    expect(enrollmentOf(ws, moved.to.id).balance).toMatchObject({ paidMinor: 45_000, balanceMinor: 0 });
  });

  it('is undone as one action: the old enrollment, its plan, pins and payments are back as they were', () => {
    const ws = openTestWorkspace();
    const s = school(ws);
    const before = money(ws, s.anna.id);
    const moved = ws.call('enrollments.transfer', { enrollmentId: s.enrollment.id, cohortId: s.autumn.id, agreedPriceMinor: 120_000 });
    const [action] = ws.call('history.recent', { limit: 1 });
    expect(action).toMatchObject({ kind: 'update', table: 'enrollments', rowId: s.enrollment.id, name: 'Kovács Anna — Angol B1 (Tavasz)' });
    expect(action?.columns).toEqual(expect.arrayContaining(['status', 'transferred_to_id']));

    const undone = ws.call('history.undo', {});
    expect(undone.undone).toMatchObject({ rowId: s.enrollment.id, undone: true });
    expect(money(ws, s.anna.id)).toEqual(before);
    expect(ws.call('enrollments.list', { clientId: s.anna.id }).map((e) => e.id)).toEqual([s.enrollment.id]);
    expect(ws.fail('enrollments.get', { id: moved.to.id }).code).toBe('NOT_FOUND');
    expect(enrollmentOf(ws, s.enrollment.id).history.map((h) => h.toStatus)).toEqual(['confirmed']);
    expect(ws.call('reports.revenue', {}).expectedMinor).toBe(90_000);
  });

  it('refuses a finished, cancelled or the same group, an enrollment that is over, and a discount above the price, writing nothing', () => {
    const ws = openTestWorkspace();
    const s = school(ws);
    const lost = ws.call('enrollments.create', { clientId: s.anna.id, cohortId: s.spring.id, status: 'cancelled' });
    const before = databaseDump(ws);
    const refusal = (input: object) => {
      const error = ws.fail('enrollments.transfer', input);
      expect(ws.fail('enrollments.previewTransfer', input)).toEqual(error);
      return { code: error.code, field: error.fields?.[0] && [error.fields[0].path.join('.'), error.fields[0].code] };
    };
    const move = { enrollmentId: s.enrollment.id };
    expect(refusal({ ...move, cohortId: s.finished.id })).toEqual({ code: 'CONFLICT', field: ['cohortId', 'cohort_closed'] });
    expect(refusal({ ...move, cohortId: s.cancelled.id })).toEqual({ code: 'CONFLICT', field: ['cohortId', 'cohort_closed'] });
    expect(refusal({ ...move, cohortId: s.spring.id })).toEqual({ code: 'VALIDATION', field: ['cohortId', 'same_cohort'] });
    expect(refusal({ ...move, cohortId: 'nope' })).toEqual({ code: 'NOT_FOUND', field: ['cohortId', 'not_found'] });
    expect(refusal({ enrollmentId: lost.id, cohortId: s.evening.id })).toEqual({
      code: 'CONFLICT',
      field: ['enrollmentId', 'not_transferable'],
    });
    expect(refusal({ ...move, cohortId: s.evening.id, agreedPriceMinor: 5_000 })).toEqual({
      code: 'VALIDATION',
      field: ['discountMinor', 'discount_exceeds_price'],
    });
    expect(databaseDump(ws)).toEqual(before);

    const moved = ws.call('enrollments.transfer', { ...move, cohortId: s.evening.id });
    expect(ws.fail('enrollments.transfer', { ...move, cohortId: s.autumn.id }).fields?.[0]?.code).toBe('not_transferable');
    expect(
      ws.fail('instalments.replan', { mode: 'equal', enrollmentId: s.enrollment.id, count: 1, firstDueOn: '2026-05-01' }).fields?.[0]?.code,
    ).toBe('enrollment_transferred');
    expect(
      ws.call('instalments.replan', { mode: 'equal', enrollmentId: moved.to.id, count: 1, firstDueOn: '2026-05-01' }).after.balanceMinor,
    ).toBe(40_000);
  });

  it('holds the price rule for the assistant: keeping the price is enough, changing it needs prices.write', () => {
    const ws = openTestWorkspace();
    const s = school(ws);
    const assistant = assistantOf(ws);
    const teacherUser = ws.call('users.create', { username: 'tanar', displayName: 'Tanár', role: 'teacher' });
    const teacher: Actor = { userId: teacherUser.id, username: 'tanar', role: 'teacher' };
    ws.call('settings.update', { assistantCanEditPrices: false });
    const before = databaseDump(ws);
    for (const method of ['enrollments.previewTransfer', 'enrollments.transfer'] as const) {
      expect(ws.fail(method, { enrollmentId: s.enrollment.id, cohortId: s.autumn.id, agreedPriceMinor: 120_000 }, assistant)).toMatchObject(
        {
          code: 'FORBIDDEN',
          fields: [{ path: ['agreedPriceMinor'], code: 'prices.write' }],
        },
      );
      expect(ws.fail(method, { enrollmentId: s.enrollment.id, cohortId: s.autumn.id, discountMinor: 0 }, assistant)).toMatchObject({
        code: 'FORBIDDEN',
        fields: [{ path: ['discountMinor'] }],
      });
      expect(ws.fail(method, { enrollmentId: s.enrollment.id, cohortId: s.evening.id }, teacher).code).toBe('FORBIDDEN');
    }
    expect(databaseDump(ws)).toEqual(before);
    const moved = ws.call(
      'enrollments.transfer',
      { enrollmentId: s.enrollment.id, cohortId: s.autumn.id, agreedPriceMinor: 100_000 },
      assistant,
    );
    expect(moved.to).toMatchObject({ programId: s.b2.id, agreedPriceMinor: 100_000, discountMinor: 10_000 });
    expect(moved.plan.after).toMatchObject({ paidMinor: 50_000, balanceMinor: 40_000 });
  });
});
