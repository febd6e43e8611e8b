/**
 * The arithmetic of changing a money plan later (src-shared/plan-change.ts), on
 * hand-built ledgers: a re-plan keeps what is paid (partial payments, refunds,
 * pinned allocations), a hand-typed plan refuses to drop or shrink paid money,
 * and a move to another group carries every instalment with its money and turns
 * a price difference into one more instalment or a smaller unpaid rest.
 */
import { describe, expect, it } from 'vitest';
import { settleClient, type Ledger, type LedgerPayment, type LedgerPin } from '../../src-shared/allocation';
import { AppError } from '../../src-shared/errors';
import {
  carriedDraft,
  equalDraft,
  previewDraft,
  typedDraft,
  withDraft,
  type CurrentRow,
  type PlanDraft,
  type PlanInstalment,
} from '../../src-shared/plan-change';

const asOf = '2026-03-10';
const E = 'e1';

/** Feb, Mar and Apr 2026, 30 000 each, of enrollment e1 (price 90 000). */
const plan: PlanInstalment[] = [
  { id: 'i1', enrollmentId: E, dueOn: '2026-02-01', amountMinor: 30_000, note: null },
  { id: 'i2', enrollmentId: E, dueOn: '2026-03-01', amountMinor: 30_000, note: null },
  { id: 'i3', enrollmentId: E, dueOn: '2026-04-01', amountMinor: 30_000, note: 'utolsó' },
];

function ledgerOf(payments: LedgerPayment[], pins: LedgerPin[] = [], priceMinor = 90_000): Ledger<PlanInstalment> {
  return { enrollments: [{ id: E, billable: true, priceMinor }], instalments: plan, payments, pins };
}

const paid = (id: string, amountMinor: number, paidOn = '2026-02-01', enrollmentId: string | null = E): LedgerPayment => ({
  id,
  enrollmentId,
  paidOn,
  amountMinor,
});

/** What the services read as the plan now: each instalment settled, with what is pinned to it. */
function currentOf(ledger: Ledger<PlanInstalment>, enrollmentId = E): CurrentRow[] {
  const settled = settleClient(ledger, asOf).enrollments.get(enrollmentId)?.instalments ?? [];
  return settled.map((i) => ({
    id: i.id,
    dueOn: i.dueOn,
    amountMinor: i.amountMinor,
    note: i.note,
    paidMinor: i.paidMinor,
    state: i.state,
    pinnedMinor: ledger.pins.filter((p) => p.instalmentId === i.id).reduce((sum, p) => sum + p.amountMinor, 0),
  }));
}

function ids(prefix = 'n'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

function preview(ledger: Ledger<PlanInstalment>, draft: PlanDraft) {
  const after = withDraft(ledger, draft, (row) => ({ ...row, enrollmentId: draft.enrollmentId }));
  return previewDraft(draft, { before: ledger, after, fromEnrollmentId: E, current: currentOf(ledger) }, asOf, false);
}

const shape = (p: ReturnType<typeof preview>) => p.rows.map((r) => [r.change, r.dueOn, r.amountMinor, r.paidMinor, r.state]);

function errorOf(run: () => unknown): { code: string; fields: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('re-plan in equal parts', () => {
  it('keeps a paid instalment, shrinks a partly paid one to its paid part and spreads the rest', () => {
    const ledger = ledgerOf([paid('p1', 40_000)]);
    const draft = equalDraft(E, currentOf(ledger), { totalMinor: 90_000, dates: ['2026-05-01', '2026-06-01'], unitMinor: 100 }, ids());
    const result = preview(ledger, draft);
    expect(shape(result)).toEqual([
      ['unchanged', '2026-02-01', 30_000, 30_000, 'paid'],
      ['reduced', '2026-03-01', 10_000, 10_000, 'paid'],
      ['added', '2026-05-01', 25_000, 0, 'upcoming'],
      ['added', '2026-06-01', 25_000, 0, 'upcoming'],
      ['removed', '2026-04-01', 30_000, 0, 'upcoming'],
    ]);
    expect(result.rows[1]?.before).toEqual({ dueOn: '2026-03-01', amountMinor: 30_000, paidMinor: 10_000, state: 'overdue' });
    expect(result).toMatchObject({ plannedMinor: 90_000, unplannedMinor: 0, keptMinor: 40_000, movedIds: [] });
    expect(result.before).toEqual({ paidMinor: 40_000, balanceMinor: 50_000, overdueMinor: 20_000, creditMinor: 0 });
    expect(result.after).toEqual({ paidMinor: 40_000, balanceMinor: 50_000, overdueMinor: 0, creditMinor: 0 });
  });

  it('rounds the new rows to whole units and splits a discounted price', () => {
    const ledger = ledgerOf([paid('p1', 30_000)], [], 80_000);
    const draft = equalDraft(
      E,
      currentOf(ledger),
      { totalMinor: 80_000, dates: ['2026-04-01', '2026-05-01', '2026-06-01'], unitMinor: 100 },
      ids(),
    );
    expect(draft.rows.map((r) => [r.change, r.amountMinor])).toEqual([
      ['unchanged', 30_000],
      ['added', 16_700],
      ['added', 16_700],
      ['added', 16_600],
    ]);
  });

  it('counts what a refund took back: only the money still on an instalment stays', () => {
    const ledger = ledgerOf([paid('p1', 60_000), paid('r1', -20_000, '2026-03-05')]);
    const result = preview(ledger, equalDraft(E, currentOf(ledger), { totalMinor: 90_000, dates: ['2026-04-01'], unitMinor: 1 }, ids()));
    expect(shape(result).slice(0, 3)).toEqual([
      ['unchanged', '2026-02-01', 30_000, 30_000, 'paid'],
      ['reduced', '2026-03-01', 10_000, 10_000, 'paid'],
      ['added', '2026-04-01', 50_000, 0, 'upcoming'],
    ]);
    expect(result.after.paidMinor).toBe(40_000);
  });

  it('keeps an instalment a payment is pinned to, wherever it falls, and moves no money', () => {
    const ledger = ledgerOf([paid('p1', 30_000)], [{ paymentId: 'p1', instalmentId: 'i3', amountMinor: 30_000 }]);
    const result = preview(ledger, equalDraft(E, currentOf(ledger), { totalMinor: 90_000, dates: ['2026-03-15'], unitMinor: 1 }, ids()));
    expect(shape(result)).toEqual([
      ['added', '2026-03-15', 60_000, 0, 'upcoming'],
      ['unchanged', '2026-04-01', 30_000, 30_000, 'paid'],
      ['removed', '2026-02-01', 30_000, 0, 'overdue'],
      ['removed', '2026-03-01', 30_000, 0, 'overdue'],
    ]);
    expect(result.movedIds).toEqual([]);
  });

  it('reports paid money that new rows dated earlier would take', () => {
    const ledger = ledgerOf([paid('p1', 30_000)]);
    const result = preview(ledger, equalDraft(E, currentOf(ledger), { totalMinor: 90_000, dates: ['2026-01-15'], unitMinor: 1 }, ids()));
    expect(result.movedIds).toEqual(['i1']);
    expect(result.rows.find((r) => r.id === 'i1')).toMatchObject({ paidMinor: 0, before: { paidMinor: 30_000 } });
  });

  it('refuses a total below what is paid, and one with nothing left to plan', () => {
    const ledger = ledgerOf([paid('p1', 60_000)]);
    const spread = (totalMinor: number) => () =>
      equalDraft(E, currentOf(ledger), { totalMinor, dates: ['2026-05-01'], unitMinor: 1 }, ids());
    expect(errorOf(spread(50_000))).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['totalMinor'], code: 'below_paid' }] });
    expect(errorOf(spread(60_000))).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['totalMinor'], code: 'nothing_left' }] });
  });

  it('leaves credit on the enrollment to pay the new rows, oldest first', () => {
    const ledger: Ledger<PlanInstalment> = { ...ledgerOf([paid('p1', 40_000)]), instalments: [] };
    const result = preview(ledger, equalDraft(E, [], { totalMinor: 90_000, dates: ['2026-04-01', '2026-05-01'], unitMinor: 100 }, ids()));
    expect(result.before.creditMinor).toBe(40_000);
    expect(shape(result)).toEqual([
      ['added', '2026-04-01', 45_000, 40_000, 'partial'],
      ['added', '2026-05-01', 45_000, 0, 'upcoming'],
    ]);
    expect(result.after).toMatchObject({ paidMinor: 40_000, creditMinor: 0, balanceMinor: 50_000 });
  });
});

describe('a plan typed by hand', () => {
  it('edits, adds and removes unpaid rows and keeps the paid one', () => {
    const ledger = ledgerOf([paid('p1', 30_000)]);
    const draft = typedDraft(
      E,
      currentOf(ledger),
      [
        { id: 'i1', dueOn: '2026-02-01', amountMinor: 30_000 },
        { id: 'i2', dueOn: '2026-03-20', amountMinor: 20_000, note: 'halasztva' },
        { dueOn: '2026-05-01', amountMinor: 40_000 },
      ],
      ids(),
    );
    expect(draft.removedIds).toEqual(['i3']);
    const result = preview(ledger, draft);
    expect(result.rows.map((r) => [r.id, r.change, r.dueOn, r.amountMinor, r.note, r.paidMinor])).toEqual([
      ['i1', 'unchanged', '2026-02-01', 30_000, null, 30_000],
      ['i2', 'edited', '2026-03-20', 20_000, 'halasztva', 0],
      [null, 'added', '2026-05-01', 40_000, null, 0],
      ['i3', 'removed', '2026-04-01', 30_000, 'utolsó', 0],
    ]);
  });

  it('refuses to drop a paid or partly paid instalment, to shrink it below its money, or to name another plan’s', () => {
    const ledger = ledgerOf([paid('p1', 40_000)]);
    const current = currentOf(ledger);
    const typed = (rows: Parameters<typeof typedDraft>[2]) => () => typedDraft(E, current, rows, ids());
    expect(errorOf(typed([{ id: 'i1', dueOn: '2026-02-01', amountMinor: 30_000 }]))).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: ['rows'], code: 'paid_instalment_removed' }],
    });
    expect(
      errorOf(
        typed([
          { id: 'i1', dueOn: '2026-02-01', amountMinor: 30_000 },
          { id: 'i2', dueOn: '2026-03-01', amountMinor: 5_000 },
        ]),
      ),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['rows', 1, 'amountMinor'], code: 'below_paid' }] });
    expect(errorOf(typed([{ id: 'other', dueOn: '2026-02-01', amountMinor: 1 }]))).toMatchObject({
      fields: [{ path: ['rows', 0, 'id'], code: 'not_in_plan' }],
    });
  });
});

describe('carrying a plan to another group', () => {
  /** The move's ledger: e2 owes the new price, e1 (moved) nothing; payments and pins follow the copies. */
  function moved(ledger: Ledger<PlanInstalment>, draft: ReturnType<typeof carriedDraft>, newPriceMinor: number): Ledger {
    return {
      enrollments: [
        { id: E, billable: false, priceMinor: 90_000 },
        { id: 'e2', billable: true, priceMinor: newPriceMinor },
      ],
      instalments: draft.rows.map((row) => ({ id: row.id, enrollmentId: 'e2', dueOn: row.dueOn, amountMinor: row.amountMinor })),
      payments: ledger.payments.map((p) => (p.enrollmentId === E ? { ...p, enrollmentId: 'e2' } : p)),
      pins: ledger.pins.map((pin) => ({ ...pin, instalmentId: draft.copies.get(pin.instalmentId) ?? pin.instalmentId })),
    };
  }

  function carry(ledger: Ledger<PlanInstalment>, newPriceMinor: number) {
    const current = currentOf(ledger);
    const draft = carriedDraft('e2', current, { priceDifferenceMinor: newPriceMinor - 90_000, differenceDueOn: asOf }, ids('c'));
    const result = previewDraft(
      draft,
      { before: ledger, after: moved(ledger, draft, newPriceMinor), fromEnrollmentId: E, current },
      asOf,
      true,
    );
    return { draft, result };
  }

  it('copies every instalment with the money on it and adds a higher price as one more instalment', () => {
    const { draft, result } = carry(ledgerOf([paid('p1', 40_000)]), 110_000);
    expect(draft.differenceRowId).toBe('c4');
    expect(result.rows.map((r) => [r.id, r.change, r.dueOn, r.amountMinor, r.paidMinor])).toEqual([
      ['c1', 'carried', '2026-02-01', 30_000, 30_000],
      ['c2', 'carried', '2026-03-01', 30_000, 10_000],
      ['c4', 'added', '2026-03-10', 20_000, 0],
      ['c3', 'carried', '2026-04-01', 30_000, 0],
    ]);
    expect(result.before).toMatchObject({ paidMinor: 40_000, balanceMinor: 50_000 });
    expect(result.after).toMatchObject({ paidMinor: 40_000, balanceMinor: 70_000 });
    expect(result).toMatchObject({ plannedMinor: 110_000, unplannedMinor: 0, keptMinor: 40_000, movedIds: [] });
  });

  it('takes a lower price off the unpaid parts, latest first, never off paid or pinned money', () => {
    const ledger = ledgerOf([paid('p1', 40_000)], [{ paymentId: 'p1', instalmentId: 'i1', amountMinor: 30_000 }]);
    const { draft, result } = carry(ledger, 45_000);
    expect(draft.rows.map((r) => [r.fromId, r.change, r.amountMinor])).toEqual([
      ['i1', 'carried', 30_000],
      ['i2', 'reduced', 15_000],
    ]);
    expect(draft.excessPaidMinor).toBe(0);
    expect(result.after).toMatchObject({ paidMinor: 40_000, balanceMinor: 5_000, creditMinor: 0 });
  });

  it('keeps what was paid beyond a lower price as credit on the new enrollment', () => {
    const { draft, result } = carry(ledgerOf([paid('p1', 60_000)]), 50_000);
    expect(draft.rows.map((r) => r.amountMinor)).toEqual([30_000, 30_000]);
    expect(draft.excessPaidMinor).toBe(10_000);
    expect(result.after).toMatchObject({ paidMinor: 60_000, balanceMinor: -10_000 });
  });

  it('copies nothing when the old enrollment had no plan: the new price alone is owed', () => {
    const draft = carriedDraft('e2', [], { priceDifferenceMinor: 20_000, differenceDueOn: asOf }, ids('c'));
    expect(draft).toMatchObject({ rows: [], differenceRowId: null, excessPaidMinor: 0 });
  });
});
