/**
 * Balances and instalment states, read from the database and
 * settled by the pure rules of src-shared/allocation.ts. Nothing computed here is
 * ever written back (DESIGN.md: nothing derived is stored).
 *
 * A client's money can move between their enrollments (an untied payment pays the
 * oldest due instalment of any of them), so even one enrollment's balance needs
 * its client's whole ledger. Ledgers are therefore loaded per client set, in bulk:
 * four queries whatever the number of clients, grouped in memory. The client list
 * asks for 100 000 balances at once; a query per client would make it crawl.
 */
import type { ClientBalance, EnrollmentBalance, Instalment } from '../../src-shared/api/types';
import {
  settleClient,
  type ClientSettlement,
  type Ledger,
  type LedgerEnrollment,
  type LedgerInstalment,
  type LedgerPayment,
  type LedgerPin,
} from '../../src-shared/allocation';
import { todayIn } from '../../src-shared/dates';
import { owesPrice } from '../../src-shared/domain';
import { notFound } from '../../src-shared/errors';
import type { ServiceContext } from '../core/context';
import { cachedStatement } from '../db/statements';
import { getSettings } from './settings';

type Scope = readonly string[] | 'all';

interface EnrollmentRow {
  id: string;
  clientId: string;
  status: string;
  agreedPriceMinor: number;
  discountMinor: number;
  transferredToId: string | null;
}

/** A `WHERE` fragment limiting `column` to the scope; ids travel as one JSON parameter (`scopeParams`) so any count fits. */
function scoped(column: string, scope: Scope): string {
  return scope === 'all' ? '' : ` AND ${column} IN (SELECT value FROM json_each(?))`;
}

function scopeParams(scope: Scope): string[] {
  return scope === 'all' ? [] : [JSON.stringify(scope)];
}

const slimInstalmentColumns = 'i.id AS id, i.enrollment_id AS enrollmentId, i.due_on AS dueOn, i.amount_minor AS amountMinor';
const fullInstalmentColumns = `${slimInstalmentColumns}, i.created_at AS createdAt, i.updated_at AS updatedAt, i.deleted_at AS deletedAt, i.note AS note`;

interface LoadedLedger<I extends LedgerInstalment> extends Ledger<I> {
  enrollments: LedgerEnrollment[];
  instalments: I[];
  payments: LedgerPayment[];
  pins: LedgerPin[];
}

/**
 * A payment a live package was sold with pays for that package
 * (services/lessons/packages.ts): it is neither the client's credit nor money
 * for a course's instalments. Deleting the package makes it credit again.
 * `payment` is the alias of the payments table in the query.
 */
export const paysForPackage = (payment: string): string =>
  `EXISTS (SELECT 1 FROM packages k WHERE k.payment_id = ${payment}.id AND k.deleted_at IS NULL)`;

/**
 * The four reads of a ledger load: every live enrollment, instalment, non-voided
 * payment (but those paying for a package) and pinned allocation of the clients in
 * scope. With `full` false they take only columns that enrollments_client_idx,
 * instalments_enrollment_idx and payments_client_idx carry, so a page of clients is
 * settled from those indexes without visiting the tables (migration 0016): on an
 * encrypted database each table page read for the first time is one more decrypt.
 */
export function ledgerReads(scope: Scope, full: boolean): { enrollments: string; instalments: string; payments: string; pins: string } {
  const byEnrollmentClient = scoped('e.client_id', scope);
  // Instalments are matched to clients through the enrollments read first (no join):
  // one of a deleted or moved enrollment finds no client and is left out.
  const byInstalmentClient =
    scope === 'all' ? '' : ' AND i.enrollment_id IN (SELECT e.id FROM enrollments e WHERE e.client_id IN (SELECT value FROM json_each(?)))';
  const byPaymentClient = scoped('p.client_id', scope);
  return {
    enrollments: `SELECT e.id AS id, e.client_id AS clientId, e.status AS status, e.agreed_price_minor AS agreedPriceMinor, e.discount_minor AS discountMinor,
              e.transferred_to_id AS transferredToId
       FROM enrollments e WHERE e.deleted_at IS NULL${byEnrollmentClient}`,
    instalments: `SELECT ${full ? fullInstalmentColumns : slimInstalmentColumns} FROM instalments i WHERE i.deleted_at IS NULL${byInstalmentClient}`,
    payments: `SELECT p.id AS id, p.client_id AS clientId, p.enrollment_id AS enrollmentId, p.paid_on AS paidOn, p.amount_minor AS amountMinor
       FROM payments p WHERE p.deleted_at IS NULL AND p.voided_at IS NULL AND NOT ${paysForPackage('p')}${byPaymentClient}`,
    pins: `SELECT a.payment_id AS paymentId, a.instalment_id AS instalmentId, a.amount_minor AS amountMinor, p.client_id AS clientId
       FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
       WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND p.voided_at IS NULL AND NOT ${paysForPackage('p')}${byPaymentClient}`,
  };
}

/** The ledgers of the clients in scope (`ledgerReads`), grouped by client. `full` adds the instalment columns an `InstalmentView` shows. */
function loadLedgers<I extends LedgerInstalment>(
  ctx: Pick<ServiceContext, 'db'>,
  scope: Scope,
  full: boolean,
): Map<string, LoadedLedger<I>> {
  const { sqlite } = ctx.db;
  const ledgers = new Map<string, LoadedLedger<I>>();
  const ledgerOf = (clientId: string) => {
    let ledger = ledgers.get(clientId);
    if (!ledger) {
      ledger = { enrollments: [], instalments: [], payments: [], pins: [] };
      ledgers.set(clientId, ledger);
    }
    return ledger;
  };
  const reads = ledgerReads(scope, full);
  const params = scopeParams(scope);

  const enrollmentRows = cachedStatement(sqlite, reads.enrollments).all(...params) as EnrollmentRow[];
  const clientOfEnrollment = new Map<string, string>();
  for (const row of enrollmentRows) {
    // A moved enrollment's plan was copied to the one it became: its own rows no longer count.
    if (!row.transferredToId) clientOfEnrollment.set(row.id, row.clientId);
    ledgerOf(row.clientId).enrollments.push({
      id: row.id,
      billable: owesPrice(row.status, row.transferredToId),
      priceMinor: row.agreedPriceMinor - row.discountMinor,
    });
  }

  const instalmentRows = cachedStatement(sqlite, reads.instalments).all(...params) as I[];
  for (const row of instalmentRows) {
    const clientId = clientOfEnrollment.get(row.enrollmentId);
    if (clientId !== undefined) ledgerOf(clientId).instalments.push(row);
  }

  const paymentRows = cachedStatement(sqlite, reads.payments).all(...params) as (LedgerPayment & { clientId: string })[];
  for (const payment of paymentRows) ledgerOf(payment.clientId).payments.push(payment);

  const pinRows = cachedStatement(sqlite, reads.pins).all(...params) as (LedgerPin & { clientId: string })[];
  for (const pin of pinRows) ledgerOf(pin.clientId).pins.push(pin);

  return ledgers;
}

/** One client's ledger as stored (live enrollments, instalments, counted payments, pins), for settling a change before writing it. */
export function clientLedger(ctx: Pick<ServiceContext, 'db'>, clientId: string): Ledger<Instalment> {
  return loadLedgers<Instalment>(ctx, [clientId], true).get(clientId) ?? { enrollments: [], instalments: [], payments: [], pins: [] };
}

/** Balances of many enrollments at once (roster, client page), as of a calendar day. */
export function enrollmentBalances(
  ctx: Pick<ServiceContext, 'db'>,
  enrollmentIds: readonly string[],
  asOf: string,
): Map<string, EnrollmentBalance> {
  const out = new Map<string, EnrollmentBalance>();
  if (enrollmentIds.length === 0) return out;
  const clientIds = (
    cachedStatement(
      ctx.db.sqlite,
      'SELECT DISTINCT client_id AS clientId FROM enrollments WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(enrollmentIds)) as { clientId: string }[]
  ).map((r) => r.clientId);
  if (clientIds.length === 0) return out;
  const wanted = new Set(enrollmentIds);
  for (const ledger of loadLedgers<Instalment>(ctx, clientIds, true).values()) {
    for (const [id, settlement] of settleClient(ledger, asOf).enrollments) {
      if (wanted.has(id)) out.set(id, settlement);
    }
  }
  return out;
}

/** Full settlements (instalment views, allocations, credits) of a few clients, for services that check money before writing. */
export function settleClients(
  ctx: Pick<ServiceContext, 'db'>,
  clientIds: readonly string[],
  asOf: string,
): Map<string, ClientSettlement<Instalment>> {
  const out = new Map<string, ClientSettlement<Instalment>>();
  if (clientIds.length === 0) return out;
  for (const [clientId, ledger] of loadLedgers<Instalment>(ctx, clientIds, true)) out.set(clientId, settleClient(ledger, asOf));
  return out;
}

/** The same settlements with only the instalment columns allocation reads, for screens that list many clients' instalments (Today). */
export function settleClientsSlim(
  ctx: Pick<ServiceContext, 'db'>,
  clientIds: readonly string[],
  asOf: string,
): Map<string, ClientSettlement<LedgerInstalment>> {
  const out = new Map<string, ClientSettlement<LedgerInstalment>>();
  if (clientIds.length === 0) return out;
  for (const [clientId, ledger] of loadLedgers<LedgerInstalment>(ctx, clientIds, false)) out.set(clientId, settleClient(ledger, asOf));
  return out;
}

const zeroBalance = (clientId: string): ClientBalance => ({
  clientId,
  dueTotalMinor: 0,
  paidMinor: 0,
  balanceMinor: 0,
  overdueMinor: 0,
  unallocatedMinor: 0,
});

/**
 * Balances of many clients at once (client list, family totals), as of a calendar
 * day. Every requested id gets an entry (zeros for a client with no money yet);
 * 'all' means every live client.
 */
export function clientBalances(
  ctx: Pick<ServiceContext, 'db'>,
  clientIds: readonly string[] | 'all',
  asOf: string,
): Map<string, ClientBalance> {
  const out = new Map<string, ClientBalance>();
  const ids =
    clientIds === 'all' ? (ctx.db.sqlite.prepare('SELECT id FROM clients WHERE deleted_at IS NULL').pluck().all() as string[]) : clientIds;
  for (const id of ids) out.set(id, zeroBalance(id));
  if (ids.length === 0) return out;
  for (const [clientId, ledger] of loadLedgers<LedgerInstalment>(ctx, clientIds, false)) {
    if (!out.has(clientId)) continue;
    const settled = settleClient(ledger, asOf);
    out.set(clientId, {
      clientId,
      dueTotalMinor: settled.dueTotalMinor,
      paidMinor: settled.paidMinor,
      balanceMinor: settled.balanceMinor,
      overdueMinor: settled.overdueMinor,
      unallocatedMinor: settled.unallocatedMinor,
    });
  }
  return out;
}

/** The school's calendar day now (settings time zone), for `asOf` defaults. */
export function today(ctx: ServiceContext): string {
  return todayIn(getSettings(ctx).timeZone, ctx.clock.now());
}

export function requireEnrollment(
  ctx: Pick<ServiceContext, 'db'>,
  id: string,
  path: (string | number)[] = ['enrollmentId'],
): EnrollmentRow {
  const row = ctx.db.sqlite
    .prepare(
      `SELECT id, client_id AS clientId, status, agreed_price_minor AS agreedPriceMinor, discount_minor AS discountMinor,
              transferred_to_id AS transferredToId
       FROM enrollments WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(id) as EnrollmentRow | undefined;
  if (!row) throw notFound('Enrollment', id, path);
  return row;
}
