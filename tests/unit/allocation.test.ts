import { describe, expect, it } from 'vitest';
import {
  allocate,
  calendarDaysBetween,
  countedPayments,
  instalmentStanding,
  settleClient,
  type Ledger,
  type LedgerEnrollment,
  type LedgerInstalment,
  type LedgerPayment,
  type LedgerPin,
} from '../../src-shared/allocation';
import { daysBetween } from '../../src-shared/dates';

const E1: LedgerEnrollment = { id: 'e1', billable: true, priceMinor: 300 };
const E2: LedgerEnrollment = { id: 'e2', billable: true, priceMinor: 200 };

const inst = (id: string, dueOn: string, amountMinor: number, enrollmentId = 'e1'): LedgerInstalment => ({
  id,
  enrollmentId,
  dueOn,
  amountMinor,
});
const pay = (id: string, paidOn: string, amountMinor: number, enrollmentId: string | null = null, voided = false): LedgerPayment => ({
  id,
  paidOn,
  amountMinor,
  enrollmentId,
  voided,
});

const threeMonthly = [inst('i1', '2026-01-31', 100), inst('i2', '2026-02-28', 100), inst('i3', '2026-03-31', 100)];

function ledger(
  payments: LedgerPayment[],
  options: { instalments?: LedgerInstalment[]; enrollments?: LedgerEnrollment[]; pins?: LedgerPin[] } = {},
): Ledger {
  return { enrollments: options.enrollments ?? [E1], instalments: options.instalments ?? threeMonthly, payments, pins: options.pins ?? [] };
}

function paidOf(l: Ledger, asOf = '2026-12-31'): Record<string, number> {
  return Object.fromEntries(allocate(l, countedPayments(l.payments, asOf)).paidByInstalment);
}

/** Allocations plus credits must always equal the counted payments: money is never created or lost. */
function expectConserved(l: Ledger, asOf = '2026-12-31'): void {
  const counted = countedPayments(l.payments, asOf);
  const result = allocate(l, counted);
  const placed = result.allocations.reduce((s, a) => s + a.amountMinor, 0) + result.credits.reduce((s, c) => s + c.amountMinor, 0);
  expect(placed).toBe(counted.reduce((s, p) => s + p.amountMinor, 0));
}

describe('instalmentStanding', () => {
  it('derives each state on the day given', () => {
    expect(instalmentStanding(100, 100, '2026-03-01', '2026-03-10')).toEqual({
      paidMinor: 100,
      outstandingMinor: 0,
      state: 'paid',
      daysLate: 0,
    });
    expect(instalmentStanding(100, 40, '2026-03-01', '2026-03-10')).toEqual({
      paidMinor: 40,
      outstandingMinor: 60,
      state: 'overdue',
      daysLate: 9,
    });
    expect(instalmentStanding(100, 0, '2026-03-09', '2026-03-10').state).toBe('overdue');
    expect(instalmentStanding(100, 0, '2026-03-10', '2026-03-10')).toMatchObject({ state: 'due', daysLate: 0 });
    expect(instalmentStanding(100, 30, '2026-03-10', '2026-03-10').state).toBe('partial');
    expect(instalmentStanding(100, 30, '2026-04-10', '2026-03-10').state).toBe('partial');
    expect(instalmentStanding(100, 0, '2026-04-10', '2026-03-10').state).toBe('upcoming');
    expect(instalmentStanding(0, 0, '2026-04-10', '2026-03-10').state).toBe('paid');
  });

  it('counts days late across a month end and a leap day', () => {
    expect(instalmentStanding(100, 0, '2028-02-28', '2028-03-01').daysLate).toBe(2);
    expect(instalmentStanding(100, 0, '2026-01-31', '2026-03-01').daysLate).toBe(29);
    expect(instalmentStanding(100, 0, '2026-03-28', '2026-03-30').daysLate).toBe(2);
  });
});

describe('allocate', () => {
  it('pays exactly one instalment with an exact payment', () => {
    const l = ledger([pay('p1', '2026-01-20', 100)]);
    expect(paidOf(l)).toEqual({ i1: 100, i2: 0, i3: 0 });
    expectConserved(l);
  });

  it('pays oldest due first whatever order the instalments arrive in', () => {
    const l = ledger([pay('p1', '2026-01-20', 150)], { instalments: [...threeMonthly].reverse() });
    expect(paidOf(l)).toEqual({ i1: 100, i2: 50, i3: 0 });
  });

  it('leaves a partial payment on the oldest instalment', () => {
    const l = ledger([pay('p1', '2026-01-20', 30)]);
    expect(paidOf(l)).toEqual({ i1: 30, i2: 0, i3: 0 });
  });

  it('adds up several payments in date order', () => {
    const l = ledger([pay('p2', '2026-02-10', 120), pay('p1', '2026-01-10', 60)]);
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    expect(Object.fromEntries(result.paidByInstalment)).toEqual({ i1: 100, i2: 80, i3: 0 });
    expect(result.allocations).toEqual([
      { paymentId: 'p1', instalmentId: 'i1', amountMinor: 60, pinned: false },
      { paymentId: 'p2', instalmentId: 'i1', amountMinor: 40, pinned: false },
      { paymentId: 'p2', instalmentId: 'i2', amountMinor: 80, pinned: false },
    ]);
  });

  it('keeps an overpayment of a tied payment as that enrollment’s credit', () => {
    const l = ledger([pay('p1', '2026-01-20', 350, 'e1')]);
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    expect(Object.fromEntries(result.paidByInstalment)).toEqual({ i1: 100, i2: 100, i3: 100 });
    expect(result.credits).toEqual([{ paymentId: 'p1', enrollmentId: 'e1', amountMinor: 50 }]);
    expectConserved(l);
  });

  it('keeps an untied overpayment with the client once every price is covered', () => {
    const l = ledger([pay('p1', '2026-01-20', 350)]);
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    expect(result.credits).toEqual([{ paymentId: 'p1', enrollmentId: null, amountMinor: 50 }]);
  });

  it('spreads an untied payment across enrollments by due date', () => {
    const instalments = [
      inst('a1', '2026-01-15', 100, 'e1'),
      inst('b1', '2026-01-10', 100, 'e2'),
      inst('a2', '2026-02-15', 100, 'e1'),
      inst('b2', '2026-02-10', 100, 'e2'),
    ];
    const l = ledger([pay('p1', '2026-01-05', 250)], { instalments, enrollments: [E1, E2] });
    expect(paidOf(l)).toEqual({ b1: 100, a1: 100, b2: 50, a2: 0 });
  });

  it('keeps a tied payment on its own enrollment even when another is older', () => {
    const instalments = [inst('a1', '2026-01-15', 100, 'e1'), inst('b1', '2026-01-10', 100, 'e2')];
    const l = ledger([pay('p1', '2026-01-05', 100, 'e1')], { instalments, enrollments: [E1, E2] });
    expect(paidOf(l)).toEqual({ a1: 100, b1: 0 });
  });

  it('does not let untied money pay instalments of an enrollment that is not billable', () => {
    const lost: LedgerEnrollment = { id: 'e2', billable: false, priceMinor: 200 };
    const instalments = [inst('a1', '2026-02-15', 100, 'e1'), inst('b1', '2026-01-10', 100, 'e2')];
    const l = ledger([pay('p1', '2026-01-05', 100)], { instalments, enrollments: [E1, lost] });
    expect(paidOf(l)).toEqual({ a1: 100, b1: 0 });
  });

  it('puts untied money on the unplanned part of a price sold without a plan', () => {
    const instalments = [inst('a1', '2026-01-15', 100, 'e1')];
    const l = ledger([pay('p1', '2026-01-05', 250)], { instalments, enrollments: [{ ...E1, priceMinor: 100 }, E2] });
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    expect(result.credits).toEqual([{ paymentId: 'p1', enrollmentId: 'e2', amountMinor: 150 }]);
  });

  it('applies pinned allocations before oldest-first', () => {
    const pins = [{ paymentId: 'p1', instalmentId: 'i3', amountMinor: 100 }];
    const l = ledger([pay('p1', '2026-01-20', 150)], { pins });
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    expect(Object.fromEntries(result.paidByInstalment)).toEqual({ i1: 50, i2: 0, i3: 100 });
    expect(result.allocations).toContainEqual({ paymentId: 'p1', instalmentId: 'i3', amountMinor: 100, pinned: true });
    expect(result.allocations).toContainEqual({ paymentId: 'p1', instalmentId: 'i1', amountMinor: 50, pinned: false });
  });

  it('lets a later pinned payment take an instalment an earlier payment would have paid', () => {
    const pins = [{ paymentId: 'p2', instalmentId: 'i1', amountMinor: 100 }];
    const l = ledger([pay('p1', '2026-01-10', 100), pay('p2', '2026-02-10', 100)], { pins });
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    expect(result.allocations).toEqual([
      { paymentId: 'p2', instalmentId: 'i1', amountMinor: 100, pinned: true },
      { paymentId: 'p1', instalmentId: 'i2', amountMinor: 100, pinned: false },
    ]);
  });

  it('clamps pins to the payment and the instalment, and ignores pins to unknown instalments', () => {
    const pins = [
      { paymentId: 'p1', instalmentId: 'i1', amountMinor: 500 },
      { paymentId: 'p1', instalmentId: 'gone', amountMinor: 10 },
    ];
    const l = ledger([pay('p1', '2026-01-20', 80)], { pins });
    expect(paidOf(l)).toEqual({ i1: 80, i2: 0, i3: 0 });
    expectConserved(l);
  });

  it('counts a voided payment and its pins for nothing', () => {
    const pins = [{ paymentId: 'p1', instalmentId: 'i3', amountMinor: 100 }];
    const l = ledger([pay('p1', '2026-01-20', 100, null, true), pay('p2', '2026-01-21', 50)], { pins });
    expect(paidOf(l)).toEqual({ i1: 50, i2: 0, i3: 0 });
    expectConserved(l);
  });

  it('ignores payments dated after the day asked about', () => {
    const l = ledger([pay('p1', '2026-01-20', 100), pay('p2', '2026-03-20', 100)]);
    expect(paidOf(l, '2026-03-19')).toEqual({ i1: 100, i2: 0, i3: 0 });
    expect(paidOf(l, '2026-03-20')).toEqual({ i1: 100, i2: 100, i3: 0 });
  });

  it('takes a refund from credit first, then from the newest allocation', () => {
    const l = ledger([pay('p1', '2026-01-10', 100), pay('p2', '2026-02-10', 150, 'e1'), pay('r1', '2026-02-20', -120)], {
      enrollments: [{ ...E1, priceMinor: 200 }],
      instalments: threeMonthly.slice(0, 2),
    });
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    // p2 paid i2 (100) and left 50 credit; the refund of 120 takes the 50 credit, then 70 of p2's i2 allocation.
    expect(Object.fromEntries(result.paidByInstalment)).toEqual({ i1: 100, i2: 30 });
    expect(result.credits).toEqual([]);
    expectConserved(l);
  });

  it('keeps a refund tied to an enrollment within that enrollment', () => {
    const instalments = [inst('a1', '2026-01-15', 100, 'e1'), inst('b1', '2026-02-10', 100, 'e2')];
    const l = ledger([pay('p1', '2026-01-05', 200), pay('r1', '2026-03-01', -60, 'e1')], { instalments, enrollments: [E1, E2] });
    expect(paidOf(l)).toEqual({ a1: 40, b1: 100 });
  });

  it('records what a refund could not take back as negative credit', () => {
    const l = ledger([pay('p1', '2026-01-05', 50), pay('r1', '2026-01-06', -80)]);
    const result = allocate(l, countedPayments(l.payments, '2026-12-31'));
    expect(result.paidByInstalment.get('i1')).toBe(0);
    expect(result.credits).toEqual([{ paymentId: 'r1', enrollmentId: null, amountMinor: -30 }]);
    expectConserved(l);
  });

  it('conserves money over a mixed history', () => {
    const instalments = [
      inst('a1', '2026-01-15', 120, 'e1'),
      inst('a2', '2026-02-15', 180, 'e1'),
      inst('b1', '2026-01-10', 90, 'e2'),
      inst('b2', '2026-03-10', 110, 'e2'),
    ];
    const payments = [
      pay('p1', '2026-01-01', 70),
      pay('p2', '2026-01-15', 200, 'e2'),
      pay('p3', '2026-02-01', 95, null, true),
      pay('r1', '2026-02-02', -40, 'e2'),
      pay('p4', '2026-02-20', 333),
      pay('r2', '2026-03-01', -17),
    ];
    const pins = [{ paymentId: 'p4', instalmentId: 'a2', amountMinor: 150 }];
    for (const asOf of ['2026-01-10', '2026-02-10', '2026-12-31'])
      expectConserved(ledger(payments, { instalments, enrollments: [E1, E2], pins }), asOf);
  });
});

describe('settleClient', () => {
  it('derives balances, overdue and the next instalment for a partly paid plan', () => {
    const settled = settleClient(ledger([pay('p1', '2026-01-20', 150)]), '2026-03-10');
    const e1 = settled.enrollments.get('e1');
    expect(e1).toMatchObject({ dueTotalMinor: 300, paidMinor: 150, balanceMinor: 150, overdueMinor: 50, creditMinor: 0 });
    expect(e1?.instalments.map((i) => [i.id, i.state, i.paidMinor, i.daysLate])).toEqual([
      ['i1', 'paid', 100, 0],
      ['i2', 'overdue', 50, 10],
      ['i3', 'upcoming', 0, 0],
    ]);
    expect(e1?.nextDue?.id).toBe('i2');
    expect(settled).toMatchObject({ dueTotalMinor: 300, paidMinor: 150, balanceMinor: 150, overdueMinor: 50, unallocatedMinor: 0 });
  });

  it('makes a non-billable enrollment owe nothing and count nothing overdue', () => {
    const settled = settleClient(ledger([], { enrollments: [{ id: 'e1', billable: false, priceMinor: 300 }] }), '2026-03-10');
    expect(settled.enrollments.get('e1')).toMatchObject({ dueTotalMinor: 0, balanceMinor: 0, overdueMinor: 0 });
    expect(settled.overdueMinor).toBe(0);
  });

  it('reports overpayment as credit and a negative balance', () => {
    const settled = settleClient(ledger([pay('p1', '2026-01-20', 320, 'e1')]), '2026-03-10');
    expect(settled.enrollments.get('e1')).toMatchObject({ paidMinor: 320, balanceMinor: -20, creditMinor: 20, nextDue: null });
    expect(settled).toMatchObject({ paidMinor: 320, balanceMinor: -20, unallocatedMinor: 20 });
  });

  it('keeps untied money with the client when the client has no enrollments', () => {
    const settled = settleClient({ enrollments: [], instalments: [], payments: [pay('p1', '2026-01-20', 500)], pins: [] }, '2026-03-10');
    expect(settled).toMatchObject({ dueTotalMinor: 0, paidMinor: 500, balanceMinor: -500, unallocatedMinor: 500 });
  });

  it('keeps a plan counted from a month end on the last days of the following months', () => {
    const plan = [inst('j', '2026-01-31', 100), inst('f', '2026-02-28', 100), inst('m', '2026-03-31', 100)];
    const onLastOfFebruary = settleClient(ledger([pay('p1', '2026-01-31', 100)], { instalments: plan }), '2026-02-28');
    expect(onLastOfFebruary.enrollments.get('e1')?.instalments.map((i) => i.state)).toEqual(['paid', 'due', 'upcoming']);
    const dayAfter = settleClient(ledger([pay('p1', '2026-01-31', 100)], { instalments: plan }), '2026-03-01');
    expect(dayAfter.enrollments.get('e1')?.instalments.map((i) => [i.state, i.daysLate])).toEqual([
      ['paid', 0],
      ['overdue', 1],
      ['upcoming', 0],
    ]);
  });
});

describe('calendarDaysBetween', () => {
  it('agrees with the date helpers across month ends, leap days and DST changes', () => {
    const pairs: [string, string][] = [
      ['2026-01-31', '2026-03-01'],
      ['2028-02-28', '2028-03-01'],
      ['2026-03-28', '2026-03-30'],
      ['2026-10-24', '2026-10-26'],
      ['2025-12-31', '2026-01-01'],
      ['2026-03-10', '2026-03-01'],
      ['2020-01-01', '2030-01-01'],
    ];
    for (const [from, to] of pairs) expect(calendarDaysBetween(from, to)).toBe(daysBetween(from, to));
  });
});
