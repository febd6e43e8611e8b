/**
 * How a client's money meets their instalments. Nothing here is stored: the
 * database keeps payments, instalments and the few allocations a person pinned by
 * hand, and every balance, instalment state and credit is recomputed from them by
 * these pure functions. Storing derived state would let two synced machines merge
 * it into something neither of them computed; recomputing cannot drift.
 *
 * One client's ledger is settled at a time, in a fixed order so the answer never
 * depends on row order or on which machine computes it:
 *  1. payments dated after `asOf`, voided payments and their pins are left out;
 *  2. pinned allocations are applied first (clamped to what the payment and the
 *     instalment still have), so a hand-made choice always wins;
 *  3. each payment's remaining money then pays instalments oldest due first —
 *     a payment tied to an enrollment pays that enrollment's instalments only, an
 *     untied one pays across the client's billable enrollments;
 *  4. money no instalment absorbed is credit: tied payments keep it on their
 *     enrollment; untied money first covers the part of a billable enrollment's
 *     price that no instalment plans (a course sold without a plan), the rest
 *     stays with the client as unallocated;
 *  5. refunds (negative payments), oldest first, take back credit and then
 *     allocations, newest first, within their enrollment (or the whole client).
 * Invariant: allocations plus credits always add up to the counted payments.
 *
 * The module imports nothing platform-specific, so the renderer, the services and
 * the unit tests all run the same arithmetic.
 */
import type { InstalmentState } from './api/types';

export interface LedgerEnrollment {
  id: string;
  /** Whether the agreed price is owed (src-shared/domain billableStatuses). */
  billable: boolean;
  /** Agreed price minus discount; ignored when not billable. */
  priceMinor: number;
}

export interface LedgerInstalment {
  id: string;
  enrollmentId: string;
  dueOn: string;
  amountMinor: number;
}

export interface LedgerPayment {
  id: string;
  enrollmentId: string | null;
  paidOn: string;
  /** Positive for money received, negative for a refund. */
  amountMinor: number;
  voided?: boolean;
}

export interface LedgerPin {
  paymentId: string;
  instalmentId: string;
  amountMinor: number;
}

export interface Ledger<I extends LedgerInstalment = LedgerInstalment> {
  enrollments: readonly LedgerEnrollment[];
  instalments: readonly I[];
  payments: readonly LedgerPayment[];
  pins: readonly LedgerPin[];
}

export interface Allocation {
  paymentId: string;
  instalmentId: string;
  amountMinor: number;
  pinned: boolean;
}

/** Money not on any instalment. `enrollmentId` null = the client's unallocated money. Negative only for an over-refund. */
export interface Credit {
  paymentId: string;
  enrollmentId: string | null;
  amountMinor: number;
}

export interface AllocationResult {
  allocations: Allocation[];
  credits: Credit[];
  paidByInstalment: Map<string, number>;
}

const byDueThenId = (a: LedgerInstalment, b: LedgerInstalment): number =>
  a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const byDateThenId = (a: LedgerPayment, b: LedgerPayment): number =>
  a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Payments that count on `asOf`: not voided, not dated later. */
export function countedPayments(payments: readonly LedgerPayment[], asOf: string): LedgerPayment[] {
  return payments.filter((p) => !p.voided && p.paidOn <= asOf && p.amountMinor !== 0).sort(byDateThenId);
}

/** Steps 2–5 of the module comment, over payments already filtered by `countedPayments`. */
export function allocate(ledger: Ledger, counted: readonly LedgerPayment[]): AllocationResult {
  const instalmentById = new Map(ledger.instalments.map((i) => [i.id, i]));
  const sorted = [...ledger.instalments].sort(byDueThenId);
  const billable = new Set(ledger.enrollments.filter((e) => e.billable).map((e) => e.id));
  const untiedTargets = sorted.filter((i) => billable.has(i.enrollmentId));
  const tiedTargets = new Map<string, LedgerInstalment[]>();
  for (const instalment of sorted) {
    const list = tiedTargets.get(instalment.enrollmentId);
    if (list) list.push(instalment);
    else tiedTargets.set(instalment.enrollmentId, [instalment]);
  }

  const receipts = counted.filter((p) => p.amountMinor > 0);
  const refunds = counted.filter((p) => p.amountMinor < 0);
  const order = new Map(receipts.map((p, index) => [p.id, index]));
  const left = new Map(receipts.map((p) => [p.id, p.amountMinor]));
  const paid = new Map<string, number>(ledger.instalments.map((i) => [i.id, 0]));
  const allocations: Allocation[] = [];

  const give = (paymentId: string, instalment: LedgerInstalment, wanted: number, pinned: boolean): void => {
    const room = instalment.amountMinor - (paid.get(instalment.id) ?? 0);
    const amount = Math.min(wanted, room, left.get(paymentId) ?? 0);
    if (amount <= 0) return;
    paid.set(instalment.id, (paid.get(instalment.id) ?? 0) + amount);
    left.set(paymentId, (left.get(paymentId) ?? 0) - amount);
    const existing = allocations.find((a) => a.paymentId === paymentId && a.instalmentId === instalment.id && a.pinned === pinned);
    if (existing) existing.amountMinor += amount;
    else allocations.push({ paymentId, instalmentId: instalment.id, amountMinor: amount, pinned });
  };

  const pins = ledger.pins
    .filter((pin) => order.has(pin.paymentId) && instalmentById.has(pin.instalmentId))
    .sort((a, b) => (order.get(a.paymentId) ?? 0) - (order.get(b.paymentId) ?? 0));
  for (const pin of pins) give(pin.paymentId, instalmentById.get(pin.instalmentId) as LedgerInstalment, pin.amountMinor, true);

  for (const payment of receipts) {
    const targets = payment.enrollmentId === null ? untiedTargets : (tiedTargets.get(payment.enrollmentId) ?? []);
    for (const instalment of targets) {
      if ((left.get(payment.id) ?? 0) <= 0) break;
      give(payment.id, instalment, Infinity, false);
    }
  }

  const credits: Credit[] = [];
  const tiedCredit = new Map<string, number>();
  for (const payment of receipts) {
    const rest = left.get(payment.id) ?? 0;
    if (rest > 0 && payment.enrollmentId !== null) {
      credits.push({ paymentId: payment.id, enrollmentId: payment.enrollmentId, amountMinor: rest });
      tiedCredit.set(payment.enrollmentId, (tiedCredit.get(payment.enrollmentId) ?? 0) + rest);
    }
  }
  const unplanned = new Map<string, number>();
  for (const enrollment of [...ledger.enrollments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!enrollment.billable) continue;
    const planned = (tiedTargets.get(enrollment.id) ?? []).reduce((sum, i) => sum + i.amountMinor, 0);
    const room = enrollment.priceMinor - planned - (tiedCredit.get(enrollment.id) ?? 0);
    if (room > 0) unplanned.set(enrollment.id, room);
  }
  for (const payment of receipts) {
    if (payment.enrollmentId !== null) continue;
    let rest = left.get(payment.id) ?? 0;
    for (const [enrollmentId, room] of unplanned) {
      if (rest <= 0) break;
      const amount = Math.min(rest, room);
      if (amount <= 0) continue;
      credits.push({ paymentId: payment.id, enrollmentId, amountMinor: amount });
      unplanned.set(enrollmentId, room - amount);
      rest -= amount;
    }
    if (rest > 0) credits.push({ paymentId: payment.id, enrollmentId: null, amountMinor: rest });
  }

  const newestFirst = (a: { paymentId: string }, b: { paymentId: string }): number =>
    (order.get(b.paymentId) ?? 0) - (order.get(a.paymentId) ?? 0);
  for (const refund of refunds) {
    let rest = -refund.amountMinor;
    const inScope = (enrollmentId: string | null): boolean => refund.enrollmentId === null || enrollmentId === refund.enrollmentId;
    const creditPool = credits.filter((c) => c.amountMinor > 0 && order.has(c.paymentId) && inScope(c.enrollmentId)).sort(newestFirst);
    for (const credit of creditPool) {
      if (rest <= 0) break;
      const amount = Math.min(rest, credit.amountMinor);
      credit.amountMinor -= amount;
      rest -= amount;
    }
    const allocationPool = allocations
      .map((allocation, index) => ({ allocation, index }))
      .filter(({ allocation }) => allocation.amountMinor > 0 && inScope(instalmentById.get(allocation.instalmentId)?.enrollmentId ?? null))
      .sort((a, b) => newestFirst(a.allocation, b.allocation) || b.index - a.index);
    for (const { allocation } of allocationPool) {
      if (rest <= 0) break;
      const amount = Math.min(rest, allocation.amountMinor);
      allocation.amountMinor -= amount;
      paid.set(allocation.instalmentId, (paid.get(allocation.instalmentId) ?? 0) - amount);
      rest -= amount;
    }
    if (rest > 0) credits.push({ paymentId: refund.id, enrollmentId: refund.enrollmentId, amountMinor: -rest });
  }

  return {
    allocations: allocations.filter((a) => a.amountMinor > 0),
    credits: credits.filter((c) => c.amountMinor !== 0),
    paidByInstalment: paid,
  };
}

export interface InstalmentStanding {
  paidMinor: number;
  outstandingMinor: number;
  state: InstalmentState;
  daysLate: number;
}

const dayNumber = (isoDate: string): number =>
  Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / 86_400_000;

/**
 * Whole calendar days from `from` to `to`. Counted on UTC day numbers rather than
 * through date-fns parsing: the client list settles hundreds of thousands of
 * instalments at once, and no time zone or DST change can shift a UTC day count.
 */
export function calendarDaysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The state of one instalment given what was allocated to it, on the calendar day `asOf`. */
export function instalmentStanding(amountMinor: number, paidMinor: number, dueOn: string, asOf: string): InstalmentStanding {
  const outstandingMinor = Math.max(0, amountMinor - paidMinor);
  if (outstandingMinor === 0) return { paidMinor, outstandingMinor, state: 'paid', daysLate: 0 };
  if (dueOn < asOf) return { paidMinor, outstandingMinor, state: 'overdue', daysLate: calendarDaysBetween(dueOn, asOf) };
  if (paidMinor > 0) return { paidMinor, outstandingMinor, state: 'partial', daysLate: 0 };
  return { paidMinor, outstandingMinor, state: dueOn === asOf ? 'due' : 'upcoming', daysLate: 0 };
}

export type InstalmentWithStanding<I extends LedgerInstalment> = I & InstalmentStanding;

export interface EnrollmentSettlement<I extends LedgerInstalment> {
  enrollmentId: string;
  dueTotalMinor: number;
  paidMinor: number;
  balanceMinor: number;
  overdueMinor: number;
  creditMinor: number;
  instalments: InstalmentWithStanding<I>[];
  nextDue: InstalmentWithStanding<I> | null;
}

export interface ClientSettlement<I extends LedgerInstalment> {
  dueTotalMinor: number;
  paidMinor: number;
  balanceMinor: number;
  overdueMinor: number;
  unallocatedMinor: number;
  enrollments: Map<string, EnrollmentSettlement<I>>;
  allocations: Allocation[];
  credits: Credit[];
}

/**
 * Settles one client's ledger on `asOf`. Only billable enrollments owe anything,
 * so an instalment of a declined enrollment can look overdue in its own list but
 * never adds to an overdue total.
 */
export function settleClient<I extends LedgerInstalment>(ledger: Ledger<I>, asOf: string): ClientSettlement<I> {
  const counted = countedPayments(ledger.payments, asOf);
  const result = allocate(ledger, counted);
  const creditByEnrollment = new Map<string, number>();
  let unallocatedMinor = 0;
  for (const credit of result.credits) {
    unallocatedMinor += credit.amountMinor;
    if (credit.enrollmentId !== null)
      creditByEnrollment.set(credit.enrollmentId, (creditByEnrollment.get(credit.enrollmentId) ?? 0) + credit.amountMinor);
  }

  const instalmentsByEnrollment = new Map<string, InstalmentWithStanding<I>[]>();
  for (const instalment of [...ledger.instalments].sort(byDueThenId)) {
    const view = {
      ...instalment,
      ...instalmentStanding(instalment.amountMinor, result.paidByInstalment.get(instalment.id) ?? 0, instalment.dueOn, asOf),
    };
    const list = instalmentsByEnrollment.get(instalment.enrollmentId);
    if (list) list.push(view);
    else instalmentsByEnrollment.set(instalment.enrollmentId, [view]);
  }

  const enrollments = new Map<string, EnrollmentSettlement<I>>();
  let dueTotalMinor = 0;
  let overdueMinor = 0;
  for (const enrollment of ledger.enrollments) {
    const instalments = instalmentsByEnrollment.get(enrollment.id) ?? [];
    const due = enrollment.billable ? enrollment.priceMinor : 0;
    const creditMinor = creditByEnrollment.get(enrollment.id) ?? 0;
    const paidMinor = instalments.reduce((sum, i) => sum + i.paidMinor, 0) + creditMinor;
    const overdue = enrollment.billable ? instalments.reduce((sum, i) => sum + (i.state === 'overdue' ? i.outstandingMinor : 0), 0) : 0;
    enrollments.set(enrollment.id, {
      enrollmentId: enrollment.id,
      dueTotalMinor: due,
      paidMinor,
      balanceMinor: due - paidMinor,
      overdueMinor: overdue,
      creditMinor,
      instalments,
      nextDue: instalments.find((i) => i.state !== 'paid') ?? null,
    });
    dueTotalMinor += due;
    overdueMinor += overdue;
  }
  const paidMinor = counted.reduce((sum, p) => sum + p.amountMinor, 0);
  return {
    dueTotalMinor,
    paidMinor,
    balanceMinor: dueTotalMinor - paidMinor,
    overdueMinor,
    unallocatedMinor,
    enrollments,
    allocations: result.allocations,
    credits: result.credits,
  };
}
