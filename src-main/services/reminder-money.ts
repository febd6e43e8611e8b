/**
 * Which clients the Today screen has to settle. Settling every paying client of a
 * school of 100,000 (reading every ledger, running the allocation of
 * src-shared/allocation.ts over each) took seconds on every open of the app and on
 * every refresh of the sidebar badge, to find the few thousand instalments still
 * owed. This module answers, from a few SQL aggregates, a superset of the clients
 * who can appear in the money lists; only they are settled, by the very same
 * balance service, so the answers cannot differ from settling everyone.
 *
 * The test is conservative, never clever: a client is left out only when the
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

/** Counted, positive money of `p` on `@asOf` (refunds make a client settled anyway). */
const countedReceipt = 'p.deleted_at IS NULL AND p.voided_at IS NULL AND p.amount_minor > 0 AND p.paid_on <= @asOf';

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
  GROUP BY e.id`;

const untiedOf = (client: string) =>
  `(SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p WHERE p.client_id = ${client} AND p.enrollment_id IS NULL AND ${countedReceipt})`;

/** Clients a pin or a refund puts beyond the rules above. */
const irregularClients = `
  SELECT client_id FROM payments WHERE deleted_at IS NULL AND voided_at IS NULL AND amount_minor < 0
  UNION SELECT p.client_id FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.deleted_at IS NULL`;

/** Clients who may have an instalment of a billable enrollment still owed and due by `@horizon`. */
const mayOweSql = `
  WITH facts AS (${enrollmentFacts('@horizon')}),
  short AS (
    SELECT clientId, SUM(CASE WHEN billable THEN due ELSE 0 END) AS billableDue FROM facts
    GROUP BY clientId HAVING SUM(billable AND tied < due) > 0)
  SELECT clientId FROM short WHERE ${untiedOf('short.clientId')} < billableDue
  UNION ${irregularClients}`;

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
    FROM payments p WHERE ${countedReceipt} GROUP BY p.client_id)
  SELECT clientId FROM per_client GROUP BY clientId
  HAVING SUM(received) > 0 AND SUM(received) - SUM(dueTotal) < @threshold
    AND NOT (SUM(received) - SUM(dueTotal) <= 0 AND SUM(otherShort) = 0
             AND (SUM(billableShort) = 0 OR SUM(untied) >= SUM(billableDue)))
  UNION ${irregularClients}`;

/**
 * Every client who can appear in the overdue, due-soon or low-balance lists on
 * `asOf` (a superset: settling them is what decides). No threshold, no low-balance list.
 */
export function clientsToSettleForToday(
  ctx: Pick<ServiceContext, 'db'>,
  day: { asOf: string; horizon: string; lowBalanceMinor: number | null },
): string[] {
  const { sqlite } = ctx.db;
  const clients = new Set(sqlite.prepare(mayOweSql).pluck().all({ asOf: day.asOf, horizon: day.horizon }) as string[]);
  if (day.lowBalanceMinor !== null) {
    for (const id of sqlite.prepare(mayRunLowSql).pluck().all({ asOf: day.asOf, threshold: day.lowBalanceMinor }) as string[])
      clients.add(id);
  }
  return [...clients];
}
