/**
 * Changing the money plan later, through the real router on a real workspace
 * (HUF, clock fixed at 2026-03-10): instalments.previewReplan and
 * instalments.replan keep what is paid and save exactly what the preview showed;
 * removing a paid instalment is refused; the payment dialog's prefill reads the
 * amount next due and the balance. Every refusal leaves the database as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { enrollmentOf, databaseDump, openTestWorkspace, type TestWorkspace } from './helpers';

/** Anna, 100 000 agreed minus 10 000 discount, planned as 3 × 30 000 due 1 Feb, 1 Mar, 1 Apr, with 40 000 paid. */
function school(ws: TestWorkspace) {
  const program = ws.call('programs.create', { name: 'Angol B1', kind: 'course', defaultPriceMinor: 90_000 });
  const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Tavasz', status: 'open' });
  const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
  const enrollment = ws.call('enrollments.create', {
    clientId: anna.id,
    cohortId: cohort.id,
    status: 'confirmed',
    agreedPriceMinor: 100_000,
    discountMinor: 10_000,
  });
  const plan = ws.call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-02-01' });
  ws.call('payments.create', { clientId: anna.id, enrollmentId: enrollment.id, amountMinor: 40_000, paidOn: '2026-02-03' });
  return { program, cohort, anna, enrollment, plan };
}

function assistantOf(ws: TestWorkspace): Actor {
  const user = ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant' });
  return { userId: user.id, username: user.username, role: 'assistant' };
}

const listed = (ws: TestWorkspace, enrollmentId: string) =>
  enrollmentOf(ws, enrollmentId).balance.instalments.map((i) => [i.id, i.dueOn, i.amountMinor, i.paidMinor, i.state]);

describe('instalments.previewReplan and instalments.replan', () => {
  it('re-plans the rest in equal parts keeping the paid instalment, and saves what the preview showed', () => {
    const ws = openTestWorkspace();
    const { enrollment, plan } = school(ws);
    const input = { mode: 'equal' as const, enrollmentId: enrollment.id, count: 2, firstDueOn: '2026-04-15' };
    const before = databaseDump(ws);
    const preview = ws.call('instalments.previewReplan', input);
    expect(databaseDump(ws)).toEqual(before);
    expect(preview.rows.map((r) => [r.id, r.change, r.dueOn, r.amountMinor, r.paidMinor, r.state])).toEqual([
      [plan[0]!.id, 'unchanged', '2026-02-01', 30_000, 30_000, 'paid'],
      [plan[1]!.id, 'reduced', '2026-03-01', 10_000, 10_000, 'paid'],
      [null, 'added', '2026-04-15', 25_000, 0, 'upcoming'],
      [null, 'added', '2026-05-15', 25_000, 0, 'upcoming'],
      [plan[2]!.id, 'removed', '2026-04-01', 30_000, 0, 'upcoming'],
    ]);
    expect(preview.before).toMatchObject({ paidMinor: 40_000, balanceMinor: 50_000, overdueMinor: 20_000 });
    expect(preview.after).toMatchObject({ paidMinor: 40_000, balanceMinor: 50_000, overdueMinor: 0 });

    const saved = ws.call('instalments.replan', input);
    const strip = (rows: typeof preview.rows) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(saved.rows)).toEqual(strip(preview.rows));
    expect({ ...saved, rows: [] }).toEqual({ ...preview, rows: [] });
    const kept = saved.rows.filter((r) => r.change !== 'removed');
    expect(listed(ws, enrollment.id)).toEqual(kept.map((r) => [r.id, r.dueOn, r.amountMinor, r.paidMinor, r.state]));
    expect(enrollmentOf(ws, enrollment.id).balance).toMatchObject({ paidMinor: 40_000, balanceMinor: 50_000 });
  });

  it('saves a plan typed by hand: an unpaid row edited, one added, one removed, the paid ones kept as they are', () => {
    const ws = openTestWorkspace();
    const { enrollment, plan } = school(ws);
    const input = {
      mode: 'rows' as const,
      enrollmentId: enrollment.id,
      rows: [
        { id: plan[0]!.id, dueOn: '2026-02-01', amountMinor: 30_000 },
        { id: plan[1]!.id, dueOn: '2026-03-01', amountMinor: 30_000 },
        { dueOn: '2026-05-01', amountMinor: 30_000, note: 'Nyári részlet' },
      ],
    };
    const preview = ws.call('instalments.previewReplan', input);
    const saved = ws.call('instalments.replan', input);
    expect(saved.rows.map((r) => [r.change, r.dueOn, r.paidMinor, r.state])).toEqual(
      preview.rows.map((r) => [r.change, r.dueOn, r.paidMinor, r.state]),
    );
    expect(saved.rows.map((r) => r.change)).toEqual(['unchanged', 'unchanged', 'added', 'removed']);
    const added = saved.rows.find((r) => r.change === 'added');
    expect(enrollmentOf(ws, enrollment.id).balance.instalments.find((i) => i.id === added?.id)).toMatchObject({
      note: 'Nyári részlet',
      amountMinor: 30_000,
    });
    // The whole re-plan is one action: one undo puts the old plan back.
    ws.call('history.undo', {});
    expect(enrollmentOf(ws, enrollment.id).balance.instalments.map((i) => i.id)).toEqual(plan.map((i) => i.id));
  });

  it('refuses, writing nothing: money that would move, a paid row removed or shrunk, a moved enrollment', () => {
    const ws = openTestWorkspace();
    const { enrollment, plan } = school(ws);
    const before = databaseDump(ws);
    expect(ws.fail('instalments.replan', { mode: 'equal', enrollmentId: enrollment.id, count: 2, firstDueOn: '2026-01-15' })).toMatchObject(
      {
        code: 'VALIDATION',
        fields: [{ path: ['firstDueOn'], code: 'moves_paid_money' }],
      },
    );
    expect(
      ws.fail('instalments.replan', {
        mode: 'rows',
        enrollmentId: enrollment.id,
        rows: [{ id: plan[0]!.id, dueOn: '2026-02-01', amountMinor: 30_000 }],
      }),
    ).toMatchObject({ code: 'CONFLICT', fields: [{ path: ['rows'], code: 'paid_instalment_removed' }] });
    expect(
      ws.fail('instalments.replan', {
        mode: 'rows',
        enrollmentId: enrollment.id,
        rows: [
          { id: plan[0]!.id, dueOn: '2026-02-01', amountMinor: 20_000 },
          { id: plan[1]!.id, dueOn: '2026-03-01', amountMinor: 30_000 },
        ],
      }),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['rows', 0, 'amountMinor'], code: 'below_paid' }] });
    expect(
      ws.fail('instalments.replan', { mode: 'equal', enrollmentId: enrollment.id, count: 1, firstDueOn: '2026-05-01', totalMinor: 30_000 }),
    ).toMatchObject({
      fields: [{ path: ['totalMinor'], code: 'below_paid' }],
    });
    expect(ws.fail('instalments.replan', { mode: 'equal', enrollmentId: 'nope', count: 1, firstDueOn: '2026-05-01' }).code).toBe(
      'NOT_FOUND',
    );
    expect(ws.fail('instalments.replan', { mode: 'sometimes', enrollmentId: enrollment.id }).code).toBe('VALIDATION');
    expect(databaseDump(ws)).toEqual(before);
  });

  it('follows the price rule: an assistant may re-plan until the owner takes prices away, and a teacher never', () => {
    const ws = openTestWorkspace();
    const { enrollment } = school(ws);
    const assistant = assistantOf(ws);
    const input = { mode: 'equal' as const, enrollmentId: enrollment.id, count: 1, firstDueOn: '2026-05-01' };
    expect(ws.call('instalments.previewReplan', input, assistant).rows).toHaveLength(4);
    ws.call('settings.update', { assistantCanEditPrices: false });
    const teacher = ws.call('users.create', { username: 'tanar', displayName: 'Tanár', role: 'teacher' });
    const before = databaseDump(ws);
    expect(ws.fail('instalments.previewReplan', input, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('instalments.replan', input, assistant).code).toBe('FORBIDDEN');
    expect(ws.fail('instalments.replan', input, { userId: teacher.id, username: 'tanar', role: 'teacher' }).code).toBe('FORBIDDEN');
    expect(databaseDump(ws)).toEqual(before);
  });
});

describe('payments.prefill', () => {
  it('offers what is left of the next instalment and shows the balance, for the client and for an enrollment', () => {
    const ws = openTestWorkspace();
    const { anna, enrollment, plan } = school(ws);
    const forClient = ws.call('payments.prefill', { clientId: anna.id });
    expect(forClient).toMatchObject({
      clientId: anna.id,
      enrollmentId: enrollment.id,
      amountMinor: 20_000,
      nextDue: { id: plan[1]!.id, outstandingMinor: 20_000, state: 'overdue' },
      balanceMinor: 50_000,
      overdueMinor: 20_000,
      unallocatedMinor: 0,
    });
    expect(forClient.enrollments).toEqual([
      expect.objectContaining({ enrollmentId: enrollment.id, programName: 'Angol B1', cohortName: 'Tavasz', balanceMinor: 50_000 }),
    ]);
    expect(ws.call('payments.prefill', { clientId: anna.id, enrollmentId: enrollment.id })).toMatchObject({
      amountMinor: 20_000,
      balanceMinor: 50_000,
    });

    ws.call('payments.create', { clientId: anna.id, amountMinor: 20_000 });
    expect(ws.call('payments.prefill', { clientId: anna.id })).toMatchObject({ amountMinor: 30_000, nextDue: { id: plan[2]!.id } });
  });

  it('offers the balance when there is no plan, nothing once all is paid, and refuses another client’s enrollment', () => {
    const ws = openTestWorkspace();
    const program = ws.call('programs.create', { name: 'Kerámia', defaultPriceMinor: 60_000 });
    const bela = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy' });
    const other = ws.call('clients.create', { firstName: 'Cili', lastName: 'Kis' });
    const enrollment = ws.call('enrollments.create', { clientId: bela.id, programId: program.id, status: 'confirmed' });
    expect(ws.call('payments.prefill', { clientId: bela.id })).toMatchObject({
      enrollmentId: enrollment.id,
      amountMinor: 60_000,
      nextDue: null,
      balanceMinor: 60_000,
    });
    ws.call('payments.create', { clientId: bela.id, enrollmentId: enrollment.id, amountMinor: 60_000 });
    expect(ws.call('payments.prefill', { clientId: bela.id })).toMatchObject({ amountMinor: 0, balanceMinor: 0 });
    expect(ws.fail('payments.prefill', { clientId: other.id, enrollmentId: enrollment.id }).fields?.[0]).toMatchObject({
      path: ['enrollmentId'],
      code: 'other_client',
    });
    const teacher = ws.call('users.create', { username: 'tanar', displayName: 'Tanár', role: 'teacher' });
    expect(ws.fail('payments.prefill', { clientId: bela.id }, { userId: teacher.id, username: 'tanar', role: 'teacher' }).code).toBe(
      'FORBIDDEN',
    );
  });
});
