/**
 * What a change to an enrollment's money plan does to the money already paid,
 * worked out before anything is written. A re-plan, a hand-typed plan and a move
 * to another group each become a *draft* (the instalments as they will be, the
 * ones removed), and the draft is settled by the same oldest-due-first rules as
 * every balance (./allocation.ts) into a preview: per instalment its new amount,
 * what is allocated to it and its state, and the enrollment's totals before and
 * after. The preview is what the dialog shows and what the save returns; both
 * run this code over the same ledger, so what was shown is what is saved.
 *
 * Paid money is never moved by accident: an instalment that holds money (or a
 * pinned allocation) stays, shrunk at most to what it holds, and a draft in which
 * such an instalment would lose money to another row is reported (`movedIds`)
 * for the caller to refuse. Nothing here is stored; allocations stay computed.
 *
 * Pure (no database, no clock, no platform), so the unit tests and the renderer
 * run the same arithmetic as the main process.
 */
import { settleClient, type Ledger, type LedgerInstalment } from './allocation';
import type { InstalmentState } from './api/types';
import { conflict, invalid } from './errors';
import { splitEvenly } from './money';

export interface PlanInstalment extends LedgerInstalment {
  note: string | null;
}

/** What a change does to one instalment. `carried`: copied to the enrollment a child moved to. */
export type PlanRowChange = 'unchanged' | 'edited' | 'reduced' | 'added' | 'carried' | 'removed';

/** One instalment as a change leaves it; `id` is the id it has, or the one it will get. */
export interface DraftRow {
  id: string;
  dueOn: string;
  amountMinor: number;
  note: string | null;
  change: Exclude<PlanRowChange, 'removed'>;
  /** The instalment this row continues (itself, or the old enrollment's row a move copies); null for a new one. */
  fromId: string | null;
}

export interface PlanDraft {
  enrollmentId: string;
  rows: DraftRow[];
  /** Instalments of the enrollment that the change removes. */
  removedIds: string[];
}

/** An instalment of the plan before the change, with the money on it (settled on the same day as the preview). */
export interface CurrentRow {
  id: string;
  dueOn: string;
  amountMinor: number;
  note: string | null;
  paidMinor: number;
  state: InstalmentState;
  /** What payments pinned to it by hand hold; a change never takes it below that either. */
  pinnedMinor: number;
}

/** The money that must stay on an instalment: what is allocated to it, or pinned to it if more. */
export const heldMinor = (row: CurrentRow): number => Math.max(row.paidMinor, row.pinnedMinor);

export interface PlanRowPreview {
  /** Null for an instalment the change adds (it gets its id when saved). */
  id: string | null;
  change: PlanRowChange;
  dueOn: string;
  amountMinor: number;
  note: string | null;
  /** The instalment before the change (for a carried row: the old enrollment's); null for an added one. */
  before: { dueOn: string; amountMinor: number; paidMinor: number; state: InstalmentState } | null;
  /** Allocated after the change (a removed row: nothing). */
  paidMinor: number;
  outstandingMinor: number;
  state: InstalmentState;
  daysLate: number;
}

export interface EnrollmentMoney {
  paidMinor: number;
  balanceMinor: number;
  overdueMinor: number;
  /** Paid money on the enrollment that no instalment holds. */
  creditMinor: number;
}

export interface PlanPreview {
  enrollmentId: string;
  asOf: string;
  /** Agreed price minus discount, after the change. */
  priceMinor: number;
  /** Sum of the instalments after the change. */
  plannedMinor: number;
  /** Price minus plan: what no instalment asks for (negative when the plan asks for more than the price). */
  unplannedMinor: number;
  /** Money that stays on instalments that held it before the change. */
  keptMinor: number;
  before: EnrollmentMoney;
  after: EnrollmentMoney;
  /** The plan after the change by due date, then the instalments it removes. */
  rows: PlanRowPreview[];
  /** Instalments that held money and would hold less after the change (the caller refuses such a change). */
  movedIds: string[];
}

const byDueThenId = (a: { dueOn: string; id: string }, b: { dueOn: string; id: string }): number =>
  a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

// ---- drafts ----------------------------------------------------------------------

/** Rows that hold money stay (a partly paid one shrinks to what it holds); the rest is removed. */
function keepHeld(current: readonly CurrentRow[]): { kept: DraftRow[]; removedIds: string[]; keptMinor: number } {
  const kept: DraftRow[] = [];
  const removedIds: string[] = [];
  let keptMinor = 0;
  for (const row of current) {
    const held = Math.min(heldMinor(row), row.amountMinor);
    if (held <= 0) {
      removedIds.push(row.id);
      continue;
    }
    keptMinor += held;
    const change = held < row.amountMinor ? 'reduced' : 'unchanged';
    kept.push({ id: row.id, dueOn: row.dueOn, amountMinor: held, note: row.note, change, fromId: row.id });
  }
  return { kept, removedIds, keptMinor };
}

/**
 * N equal instalments for what is left to pay: instalments that hold money stay
 * (shrunk to what they hold), the others go, and `totalMinor` minus what stays is
 * split over `dates` in whole `unitMinor` where the amount allows.
 */
export function equalDraft(
  enrollmentId: string,
  current: readonly CurrentRow[],
  plan: { totalMinor: number; dates: readonly string[]; unitMinor: number },
  newId: () => string,
): PlanDraft {
  const { kept, removedIds, keptMinor } = keepHeld(current);
  const remaining = plan.totalMinor - keptMinor;
  if (remaining < 0) {
    throw invalid(['totalMinor'], 'below_paid', `${keptMinor} is already paid on instalments: the total cannot be less`);
  }
  if (remaining === 0) throw invalid(['totalMinor'], 'nothing_left', 'Everything is already paid: there is nothing left to plan');
  const amounts = splitEvenly(remaining, plan.dates.length, remaining % plan.unitMinor === 0 ? plan.unitMinor : 1);
  const added = plan.dates.map((dueOn, i): DraftRow => ({
    id: newId(),
    dueOn,
    amountMinor: amounts[i] as number,
    note: null,
    change: 'added',
    fromId: null,
  }));
  return { enrollmentId, rows: [...kept, ...added], removedIds };
}

export interface TypedRow {
  id?: string | undefined;
  dueOn: string;
  amountMinor: number;
  /** Undefined keeps an existing instalment's note. */
  note?: string | null | undefined;
}

/**
 * The whole plan as typed by hand: a row with an `id` is that instalment (its date,
 * amount or note edited), one without is new, and an instalment left out is
 * removed. An instalment that holds money may be edited but never removed or
 * made smaller than what it holds.
 */
export function typedDraft(
  enrollmentId: string,
  current: readonly CurrentRow[],
  rows: readonly TypedRow[],
  newId: () => string,
): PlanDraft {
  const byId = new Map(current.map((row) => [row.id, row]));
  const seen = new Set<string>();
  const draft: DraftRow[] = rows.map((row, i): DraftRow => {
    if (row.id === undefined) {
      return { id: newId(), dueOn: row.dueOn, amountMinor: row.amountMinor, note: row.note || null, change: 'added', fromId: null };
    }
    const existing = byId.get(row.id);
    if (!existing) throw invalid(['rows', i, 'id'], 'not_in_plan', 'This instalment is not part of the enrollment’s plan');
    if (seen.has(row.id)) throw invalid(['rows', i, 'id'], 'duplicate', 'This instalment is listed twice');
    seen.add(row.id);
    const held = heldMinor(existing);
    if (row.amountMinor < held) {
      throw invalid(['rows', i, 'amountMinor'], 'below_paid', `${held} is already paid on this instalment: the amount cannot be lower`);
    }
    const note = row.note === undefined ? existing.note : row.note || null;
    const same = row.dueOn === existing.dueOn && row.amountMinor === existing.amountMinor && note === existing.note;
    return { id: row.id, dueOn: row.dueOn, amountMinor: row.amountMinor, note, change: same ? 'unchanged' : 'edited', fromId: row.id };
  });
  const removedIds: string[] = [];
  for (const row of current) {
    if (seen.has(row.id)) continue;
    if (heldMinor(row) > 0) {
      throw conflict(
        `The instalment due ${row.dueOn} holds ${heldMinor(row)} already paid: it cannot be removed`,
        ['rows'],
        'paid_instalment_removed',
      );
    }
    removedIds.push(row.id);
  }
  return { enrollmentId, rows: draft, removedIds };
}

export interface CarriedDraft extends PlanDraft {
  /** Old instalment id -> the id of its copy (rows a lower price removed entirely have none). */
  copies: Map<string, string>;
  /** The row that asks for a higher price's difference, if one was added. */
  differenceRowId: string | null;
  /** The part of a lower price that no unpaid amount could absorb: paid beyond the new price (credit). */
  excessPaidMinor: number;
}

/**
 * The plan of the enrollment a child moves to: every instalment of the old one
 * copied with its date, amount and note, so each payment lands where it was. A
 * higher price adds the difference as one instalment due on `differenceDueOn`; a
 * lower one comes off the unpaid parts, latest due first (a row left with nothing
 * is not copied). Without an old plan there is nothing to copy: the new price
 * alone says what is owed.
 */
export function carriedDraft(
  toEnrollmentId: string,
  current: readonly CurrentRow[],
  move: { priceDifferenceMinor: number; differenceDueOn: string },
  newId: () => string,
): CarriedDraft {
  const amounts = new Map(current.map((row) => [row.id, row.amountMinor]));
  let excessPaidMinor = 0;
  if (move.priceDifferenceMinor < 0 && current.length > 0) {
    let rest = -move.priceDifferenceMinor;
    for (const row of [...current].sort(byDueThenId).reverse()) {
      const amount = amounts.get(row.id) as number;
      const take = Math.min(rest, amount - Math.min(heldMinor(row), amount));
      amounts.set(row.id, amount - take);
      rest -= take;
    }
    excessPaidMinor = rest;
  }
  const copies = new Map<string, string>();
  const rows: DraftRow[] = [];
  for (const row of current) {
    const amountMinor = amounts.get(row.id) as number;
    if (amountMinor <= 0) continue;
    const id = newId();
    copies.set(row.id, id);
    const change = amountMinor < row.amountMinor ? 'reduced' : 'carried';
    rows.push({ id, dueOn: row.dueOn, amountMinor, note: row.note, change, fromId: row.id });
  }
  let differenceRowId: string | null = null;
  if (move.priceDifferenceMinor > 0 && current.length > 0) {
    differenceRowId = newId();
    rows.push({
      id: differenceRowId,
      dueOn: move.differenceDueOn,
      amountMinor: move.priceDifferenceMinor,
      note: null,
      change: 'added',
      fromId: null,
    });
  }
  return { enrollmentId: toEnrollmentId, rows, removedIds: [], copies, differenceRowId, excessPaidMinor };
}

// ---- settling a draft ---------------------------------------------------------------

/** The ledger with the draft's enrollment planned as the draft says (its removed rows gone). */
export function withDraft<I extends LedgerInstalment>(ledger: Ledger<I>, draft: PlanDraft, toInstalment: (row: DraftRow) => I): Ledger<I> {
  const replaced = new Set([...draft.removedIds, ...draft.rows.map((row) => row.id)]);
  return {
    ...ledger,
    instalments: [...ledger.instalments.filter((i) => !replaced.has(i.id)), ...draft.rows.map(toInstalment)],
  };
}

function moneyOf(
  settlement: { paidMinor: number; balanceMinor: number; overdueMinor: number; creditMinor: number } | undefined,
): EnrollmentMoney {
  return {
    paidMinor: settlement?.paidMinor ?? 0,
    balanceMinor: settlement?.balanceMinor ?? 0,
    overdueMinor: settlement?.overdueMinor ?? 0,
    creditMinor: settlement?.creditMinor ?? 0,
  };
}

/**
 * Settles the draft: `before` is the client's ledger now (`current` the rows the
 * draft continues, of `fromEnrollmentId`), `after` the ledger as the change leaves
 * it. A row that does not exist yet shows its future id when `saving` (the save
 * writes it with that id), null in a preview.
 */
export function previewDraft(
  draft: PlanDraft,
  sides: { before: Ledger; after: Ledger; fromEnrollmentId: string; current: readonly CurrentRow[] },
  asOf: string,
  saving: boolean,
): PlanPreview {
  const beforeSettled = settleClient(sides.before, asOf).enrollments.get(sides.fromEnrollmentId);
  const afterSettled = settleClient(sides.after, asOf).enrollments.get(draft.enrollmentId);
  const currentById = new Map(sides.current.map((row) => [row.id, row]));
  const afterById = new Map((afterSettled?.instalments ?? []).map((i) => [i.id, i]));
  const existing = new Set(sides.before.instalments.map((i) => i.id));
  const movedIds: string[] = [];
  let keptMinor = 0;

  const rows: PlanRowPreview[] = [...draft.rows].sort(byDueThenId).map((row) => {
    const settled = afterById.get(row.id);
    const from = row.fromId === null ? undefined : currentById.get(row.fromId);
    const paidMinor = settled?.paidMinor ?? 0;
    if (from && from.paidMinor > 0) {
      keptMinor += Math.min(from.paidMinor, paidMinor);
      if (paidMinor < Math.min(from.paidMinor, row.amountMinor)) movedIds.push(row.id);
    }
    return {
      id: saving || existing.has(row.id) ? row.id : null,
      change: row.change,
      dueOn: row.dueOn,
      amountMinor: row.amountMinor,
      note: row.note,
      before: from ? { dueOn: from.dueOn, amountMinor: from.amountMinor, paidMinor: from.paidMinor, state: from.state } : null,
      paidMinor,
      outstandingMinor: settled?.outstandingMinor ?? row.amountMinor,
      state: settled?.state ?? 'upcoming',
      daysLate: settled?.daysLate ?? 0,
    };
  });
  for (const id of draft.removedIds) {
    const from = currentById.get(id);
    if (!from) continue;
    rows.push({
      id,
      change: 'removed',
      dueOn: from.dueOn,
      amountMinor: from.amountMinor,
      note: from.note,
      before: { dueOn: from.dueOn, amountMinor: from.amountMinor, paidMinor: from.paidMinor, state: from.state },
      paidMinor: 0,
      outstandingMinor: 0,
      state: from.state,
      daysLate: 0,
    });
  }

  const priceMinor = sides.after.enrollments.find((e) => e.id === draft.enrollmentId)?.priceMinor ?? 0;
  const plannedMinor = draft.rows.reduce((sum, row) => sum + row.amountMinor, 0);
  return {
    enrollmentId: draft.enrollmentId,
    asOf,
    priceMinor,
    plannedMinor,
    unplannedMinor: priceMinor - plannedMinor,
    keptMinor,
    before: moneyOf(beforeSettled),
    after: moneyOf(afterSettled),
    rows,
    movedIds,
  };
}
