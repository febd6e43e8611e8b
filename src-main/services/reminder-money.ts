/**
 * The money the Today screen lists (instalments overdue or due soon, money paid
 * ahead running low) without settling every client. Settling every paying client
 * of a school of 100,000 (reading every ledger into objects, running the
 * allocation of src-shared/allocation.ts over each) took seconds on every open of
 * the app and every refresh of the sidebar badge, most of it allocation and
 * garbage for the ~75% of clients who owe nothing. Clients fall in two groups:
 *
 *  - simple clients (no pin, no refund, no counted untied money — in practice
 *    most of a school): their money is worked out in SQL (`simpleOwedSql`,
 *    `simpleAheadSql`) from the rule the allocation reduces to for them; the equality
 *    with settling is what tests/integration/today-fast.test.ts checks on random
 *    ledgers, so a change to the allocation rules that breaks it fails there;
 *  - the others are settled by the balance service like everywhere else, but only
 *    those the prefilter below cannot rule out (`mayOweSql`, `mayRunLowSql`).
 * This comes first, before any per-client settlement cache invalidated by
 * writes: a cache has to be right after every writer (funnel, sync merge, purge,
 * restore, another process on the same file) and the day change, and still pays
 * the whole computation on the first open; reading only what can matter has no
 * state to go stale, and makes a cache's misses cheap once there is one.
 * Measured on the 100,000-client demo (busy 2-core machine, runs interleaved):
 * reading and settling everyone p50 1.8 s, today.get 0.98 s, today.counts 0.95 s.
 * What remains is about a third each: these aggregates (full scans of payments
 * and instalments), reading the ~47,000 enrollments and clients the lists name,
 * and building the ~40,000 items the demo school really has; under 300 ms needs
 * the cache on top (no full scans while nothing changed).
 *
 * The prefilter is conservative, never clever: a client is left out only when the
 * allocation rules prove they cannot appear; anything it cannot judge is settled.
 * Every client with a pinned allocation or a refund is settled (pins move money
 * out of its payment's normal path; refunds take allocations back). For the
 * others, with `T(E)` the counted money (dated by `asOf`, positive) tied to a live
 * enrollment E of theirs, `A(E)` the positive amounts of E's live instalments due
 * by a day, `U` their counted untied money and `C` the sum of `A` over billable
 * enrollments:
 *
 *  - every instalment of a billable enrollment due by that day is fully paid if
 *    every billable E has `T(E) >= A(E)`, or if `U >= C`. Proof: money reaches an
 *    instalment due later only once every earlier one of its targets is full, and
 *    nothing empties an instalment again without refunds; so if one due by the day
 *    stayed short, its enrollment's tied money and all untied money went to
 *    instalments due by the day, which is at least `T(E) >= A(E)` in E alone, or
 *    `U >= C` across them — more than they can hold. A weaker sum rule (each
 *    enrollment's shortfall covered by untied money) is wrong: untied money may
 *    fill the early instalments of one enrollment, pushing that enrollment's tied
 *    money onto later instalments while another enrollment stays unpaid.
 *  - the money paid ahead (LowBalanceItem) is the counted money `P` minus what
 *    instalments due by `asOf` absorbed, so it lies between `P - A0` (`A0`: all
 *    positive instalment amounts due by `asOf`) and `P`; it is exactly `P - A0`
 *    when every such instalment is full (the rule above at `asOf`, with each
 *    non-billable enrollment, which untied money never pays, needing
 *    `T(E) >= A(E)` on its own). A client is settled for the low-balance list only
 *    when `P > 0`, `P - A0` is under the threshold and the exact value, if known,
 *    is above zero.
 * A payment tied to an enrollment of another client, or to a deleted one, counts
 * in neither `T` nor `U` (the allocation leaves it as credit), which can only keep
 * a client in. Amounts are compared in SQL over the same stored columns the
 * ledger loader reads.
 */
import { billableStatuses } from '../../src-shared/domain';
import type { ServiceContext } from '../core/context';
import { paysForPackage } from './balances';

/** Counted, positive money of `p` on `@asOf` (refunds make a client settled anyway; a package's payment pays the package). */
const countedReceipt = `p.deleted_at IS NULL AND p.voided_at IS NULL AND p.amount_minor > 0 AND p.paid_on <= @asOf AND NOT ${paysForPackage('p')}`;

/** Clients with counted untied money: the others' money is worked out without settling them (`simpleOwedSql`). */
const untiedPayersSql = `SELECT DISTINCT p.client_id FROM payments p WHERE p.enrollment_id IS NULL AND ${countedReceipt}`;
/** The same, read once per call and passed to every query as `@untied`. */
const untiedPayers = 'SELECT value FROM json_each(@untied)';

const billableSql = `e.status IN (${billableStatuses.map((s) => `'${s}'`).join(', ')})`;

/**
 * Per live enrollment (one not moved to a successor, whose instalments the ledger
 * loader drops) that has instalments due by `@until`: its client, whether it owes
 * its price, the positive amounts due by then, and the counted money tied to it
 * by the same client.
 */
const enrollmentFacts = (until: string) => `
  SELECT e.client_id AS clientId, ${billableSql} AS billable, SUM(MAX(i.amount_minor, 0)) AS due,
    (SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p
     WHERE p.enrollment_id = e.id AND p.client_id = e.client_id AND ${countedReceipt}) AS tied
  FROM instalments i JOIN enrollments e ON e.id = i.enrollment_id
  WHERE i.deleted_at IS NULL AND i.due_on <= ${until} AND e.deleted_at IS NULL AND e.transferred_to_id IS NULL
    AND e.client_id IN (${untiedPayers})
  GROUP BY e.id`;

const untiedOf = (client: string) =>
  `(SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p WHERE p.client_id = ${client} AND p.enrollment_id IS NULL AND ${countedReceipt})`;

/** Clients a pin or a refund puts beyond the rules above (read once per call, passed as `@irregular`). */
const irregularClientsSql = `
  SELECT client_id FROM payments WHERE deleted_at IS NULL AND voided_at IS NULL AND amount_minor < 0
  UNION SELECT p.client_id FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.deleted_at IS NULL`;
const irregularClients = 'SELECT value FROM json_each(@irregular)';

/** Clients who may have an instalment of a billable enrollment still owed and due by `@horizon`. */
const mayOweSql = `
  WITH facts AS (${enrollmentFacts('@horizon')}),
  short AS (
    SELECT clientId, SUM(CASE WHEN billable THEN due ELSE 0 END) AS billableDue FROM facts
    GROUP BY clientId HAVING SUM(billable AND tied < due) > 0)
  SELECT clientId FROM short WHERE ${untiedOf('short.clientId')} < billableDue`;

/** Clients whose money paid ahead may lie strictly between zero and `@threshold` on `@asOf`. */
const mayRunLowSql = `
  WITH facts AS (${enrollmentFacts('@asOf')}),
  per_client AS (
    SELECT clientId, SUM(due) AS dueTotal, SUM(NOT billable AND tied < due) AS otherShort,
      SUM(billable AND tied < due) AS billableShort, SUM(CASE WHEN billable THEN due ELSE 0 END) AS billableDue,
      0 AS received, 0 AS untied
    FROM facts GROUP BY clientId
    UNION ALL
    SELECT p.client_id, 0, 0, 0, 0, SUM(p.amount_minor), SUM(CASE WHEN p.enrollment_id IS NULL THEN p.amount_minor ELSE 0 END)
    FROM payments p WHERE ${countedReceipt} AND p.client_id IN (${untiedPayers}) GROUP BY p.client_id)
  SELECT clientId FROM per_client GROUP BY clientId
  HAVING SUM(received) > 0 AND SUM(received) - SUM(dueTotal) < @threshold
    AND NOT (SUM(received) - SUM(dueTotal) <= 0 AND SUM(otherShort) = 0
             AND (SUM(billableShort) = 0 OR SUM(untied) >= SUM(billableDue)))`;

/** An instalment still owed, as the Today lists show it. */
export interface OwedInstalment {
  id: string;
  enrollmentId: string;
  /** The client whose ledger it is in. */
  clientId: string;
  dueOn: string;
  amountMinor: number;
  outstandingMinor: number;
}

/**
 * A simple client: no pin, no refund, no counted untied money. Every counted
 * payment of theirs is tied, and a tied payment pays its enrollment's instalments
 * oldest due first (due day, then id) and nothing else, so however the payments
 * interleave, an enrollment's instalments are filled as one pour of its tied money
 * `T` in that order: an instalment with `B` of positive amounts before it has
 * `min(max(amount, 0), max(0, T - B))` paid. Money tied to another client's or a
 * deleted or moved enrollment pays nothing (it is credit). So the money paid ahead
 * is the counted money `P` less `min(T, A0)` per enrollment (`A0`: its positive
 * amounts due by `asOf`, the first in that order).
 */
const simpleClient = (client: string) => `${client} NOT IN (${untiedPayers}) AND ${client} NOT IN (${irregularClients})`;

const tiedTo = (enrollment: string) => `(SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p
  WHERE p.enrollment_id = ${enrollment}.id AND p.client_id = ${enrollment}.client_id AND ${countedReceipt})`;

/**
 * Instalments of simple clients' billable enrollments still owed and due by
 * `@horizon`: only enrollments whose tied money falls short of what is due by then
 * can have one, so the pour is run over their instalments alone.
 */
const simpleOwedSql = `
  WITH tied AS MATERIALIZED (
    SELECT p.enrollment_id AS enrollmentId, p.client_id AS clientId, SUM(p.amount_minor) AS tied FROM payments p
    WHERE p.enrollment_id IS NOT NULL AND ${countedReceipt} GROUP BY p.enrollment_id, p.client_id),
  due AS MATERIALIZED (
    SELECT d.enrollmentId, e.client_id AS clientId, d.due FROM (
      SELECT i.enrollment_id AS enrollmentId, SUM(MAX(i.amount_minor, 0)) AS due FROM instalments i
      WHERE i.deleted_at IS NULL AND i.due_on <= @horizon GROUP BY i.enrollment_id) d
    JOIN enrollments e ON e.id = d.enrollmentId
    WHERE e.deleted_at IS NULL AND e.transferred_to_id IS NULL AND ${billableSql} AND ${simpleClient('e.client_id')}),
  short AS MATERIALIZED (
    SELECT d.enrollmentId, d.clientId, COALESCE(t.tied, 0) AS tied FROM due d LEFT JOIN tied t ON t.enrollmentId = d.enrollmentId AND t.clientId = d.clientId
    WHERE d.due > COALESCE(t.tied, 0)),
  poured AS (
    SELECT i.id AS id, i.enrollment_id AS enrollmentId, i.due_on AS dueOn, i.amount_minor AS amountMinor,
      MAX(i.amount_minor, 0) AS room,
      SUM(MAX(i.amount_minor, 0)) OVER (PARTITION BY i.enrollment_id ORDER BY i.due_on, i.id ROWS UNBOUNDED PRECEDING)
        - MAX(i.amount_minor, 0) AS before,
      s.tied AS tied, s.clientId AS clientId
    FROM short s CROSS JOIN instalments i ON i.enrollment_id = s.enrollmentId
    WHERE i.deleted_at IS NULL AND i.due_on <= @horizon)
  SELECT id, enrollmentId, clientId, dueOn, amountMinor, amountMinor - MIN(room, MAX(0, tied - before)) AS outstandingMinor
  FROM poured WHERE amountMinor - MIN(room, MAX(0, tied - before)) > 0`;

/** Money paid ahead by simple clients, where it lies strictly between zero and `@threshold`. */
const simpleAheadSql = `
  SELECT clientId, SUM(received) - SUM(absorbed) AS ahead FROM (
    SELECT e.client_id AS clientId, 0 AS received, MIN(d.due, ${tiedTo('e')}) AS absorbed
    FROM (
      SELECT i.enrollment_id AS enrollmentId, SUM(MAX(i.amount_minor, 0)) AS due FROM instalments i
      WHERE i.deleted_at IS NULL AND i.due_on <= @asOf GROUP BY i.enrollment_id) d
    JOIN enrollments e ON e.id = d.enrollmentId
    WHERE e.deleted_at IS NULL AND e.transferred_to_id IS NULL
    UNION ALL
    SELECT p.client_id, SUM(p.amount_minor), 0 FROM payments p WHERE ${countedReceipt} GROUP BY p.client_id)
  WHERE ${simpleClient('clientId')}
  GROUP BY clientId HAVING SUM(received) > 0 AND ahead > 0 AND ahead < @threshold`;

export type TodayDay = { asOf: string; horizon: string; lowBalanceMinor: number | null };

/**
 * What the money lists need on `day`: the simple clients' instalments still owed
 * and money paid ahead (`owed`, `ahead`, only values strictly between zero and the
 * threshold), and the other clients who can appear in a money list (`settle`, a
 * superset: settling them with the balance service is what decides).
 */
export function todayMoney(
  ctx: Pick<ServiceContext, 'db'>,
  day: TodayDay,
): { owed: OwedInstalment[]; ahead: Map<string, number>; settle: string[] } {
  const { sqlite } = ctx.db;
  const irregular = sqlite.prepare(irregularClientsSql).pluck().all() as string[];
  const untied = sqlite.prepare(untiedPayersSql).pluck().all({ asOf: day.asOf }) as string[];
  const groups = { irregular: JSON.stringify(irregular), untied: JSON.stringify(untied) };

  const settle = new Set(irregular);
  for (const id of sqlite
    .prepare(mayOweSql)
    .pluck()
    .all({ ...groups, asOf: day.asOf, horizon: day.horizon }) as string[])
    settle.add(id);
  const owed = sqlite.prepare(simpleOwedSql).all({ ...groups, asOf: day.asOf, horizon: day.horizon }) as OwedInstalment[];
  const ahead = new Map<string, number>();
  if (day.lowBalanceMinor !== null) {
    const low = { ...groups, asOf: day.asOf, threshold: day.lowBalanceMinor };
    for (const id of sqlite.prepare(mayRunLowSql).pluck().all(low) as string[]) settle.add(id);
    for (const [clientId, minor] of sqlite.prepare(simpleAheadSql).raw().all(low) as [string, number][]) ahead.set(clientId, minor);
  }
  return { owed, ahead, settle: [...settle] };
}
