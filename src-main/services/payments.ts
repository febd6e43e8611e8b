/**
 * Payments: money a client handed over (positive) or was paid back (a refund,
 * negative). Payments are append-only — the funnel refuses edits of the amount,
 * date and client — so a mistake is corrected by voiding, which keeps the row and
 * says why. That way two synced machines can never merge an amount away.
 *
 * A payment pays instalments oldest due first on every read (services/balances.ts);
 * only when a person pins it to particular instalments are rows written to
 * `payment_allocations`, in the same funnel call as the payment itself, so a
 * payment never exists half-pinned.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Page, Payment, PaymentListRow } from '../../src-shared/api/types';
import type { PaymentPrefill, PrefillEnrollment } from '../../src-shared/api/payments-methods';
import { owesPrice, type EnrollmentStatus } from '../../src-shared/domain';
import { conflict, invalid, notFound } from '../../src-shared/errors';
import { applyChanges, newId, type Write } from '../changes/funnel';
import { clients, cohorts, enrollments, payments, programs, users } from '../db/schema';
import { requireEnrollment, settleClients, today } from './balances';
import type { ServiceContext } from '../core/context';
import { refuseMoneyQuery, seesMoneyAcrossClients } from './rights';

/** An `asOf` later than any payment date: "everything recorded", for checks before a write. */
const everything = '9999-12-31';

export function getPayment(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Payment {
  const row = ctx.db.orm
    .select()
    .from(payments)
    .where(and(eq(payments.id, id), isNull(payments.deletedAt)))
    .get();
  if (!row) throw notFound('Payment', id, path);
  return row as Payment;
}

/**
 * The payments grid's page: filters and sorting in SQL, names joined, so a school
 * with years of payments pages through them without loading them all.
 */
export function pagePayments(
  ctx: ServiceContext,
  input: MethodParsedInput<'payments.page'>,
): Page<PaymentListRow> & { sumMinor: number | null } {
  // Across clients a role without finance.read sees who paid when and how, never how much.
  const amounts = input.clientId !== undefined || seesMoneyAcrossClients(ctx);
  if (!amounts) {
    const byAmount = input.sort.some((s) => s.field === 'amountMinor');
    refuseMoneyQuery(
      ctx,
      input.amountMin !== undefined ? 'amountMin' : input.amountMax !== undefined ? 'amountMax' : byAmount ? 'sort' : null,
    );
  }
  const conditions: SQL[] = [isNull(payments.deletedAt)];
  if (input.clientId !== undefined) conditions.push(eq(payments.clientId, input.clientId));
  if (input.from !== undefined) conditions.push(gte(payments.paidOn, input.from));
  if (input.to !== undefined) conditions.push(lte(payments.paidOn, input.to));
  if (input.methods && input.methods.length > 0) conditions.push(inArray(payments.method, input.methods));
  if (input.amountMin !== undefined) conditions.push(gte(payments.amountMinor, input.amountMin));
  if (input.amountMax !== undefined) conditions.push(lte(payments.amountMinor, input.amountMax));
  if (input.voided === 'exclude') conditions.push(isNull(payments.voidedAt));
  if (input.voided === 'only') conditions.push(isNotNull(payments.voidedAt));
  const text = input.query?.trim();
  if (text) {
    const pattern = `%${text.replace(/[%_\\]/g, '')}%`;
    conditions.push(or(like(clients.displayName, pattern), like(payments.reference, pattern)) as SQL);
  }
  const where = and(...conditions);
  const counted = ctx.db.orm
    .select({ n: count(), sum: sql<number | null>`sum(CASE WHEN ${payments.voidedAt} IS NULL THEN ${payments.amountMinor} END)` })
    .from(payments)
    .innerJoin(clients, eq(clients.id, payments.clientId))
    .where(where)
    .get();
  const total = counted?.n ?? 0;
  // A sum across clients is a money total: only for roles that may see revenue.
  const sumMinor = seesMoneyAcrossClients(ctx) ? (counted?.sum ?? 0) : null;
  const sortColumn = {
    paidOn: payments.paidOn,
    amountMinor: payments.amountMinor,
    clientName: clients.displayName,
    method: payments.method,
    reference: payments.reference,
    createdAt: payments.createdAt,
  } as const;
  const order =
    input.sort.length > 0
      ? input.sort.map((s) => (s.desc ? desc(sortColumn[s.field]) : asc(sortColumn[s.field])))
      : [desc(payments.paidOn), desc(payments.createdAt)];
  const rows = ctx.db.orm
    .select({
      payment: payments,
      clientName: clients.displayName,
      programName: programs.name,
      cohortName: cohorts.name,
      receivedByName: users.displayName,
    })
    .from(payments)
    .innerJoin(clients, eq(clients.id, payments.clientId))
    .leftJoin(enrollments, eq(enrollments.id, payments.enrollmentId))
    .leftJoin(programs, eq(programs.id, enrollments.programId))
    .leftJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .leftJoin(users, eq(users.id, payments.receivedBy))
    .where(where)
    .orderBy(...order, desc(sql`${payments}.rowid`))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  return {
    total,
    sumMinor,
    rows: rows.map((r) => {
      const { amountMinor, ...payment } = r.payment as Payment;
      return {
        ...payment,
        ...(amounts ? { amountMinor } : {}),
        clientName: r.clientName,
        programName: r.programName,
        cohortName: r.cohortName,
        receivedByName: r.receivedByName,
      };
    }),
  };
}

/** The client must be live; the enrollment, when given, must be live and theirs. */
function checkPayer(ctx: ServiceContext, clientId: string, enrollmentId: string | null | undefined): void {
  const client = ctx.db.sqlite.prepare('SELECT id FROM clients WHERE id = ? AND deleted_at IS NULL').get(clientId);
  if (!client) throw notFound('Client', clientId, ['clientId']);
  if (enrollmentId) {
    const enrollment = requireEnrollment(ctx, enrollmentId, ['enrollmentId']);
    if (enrollment.clientId !== clientId) throw invalid(['enrollmentId'], 'other_client', 'This enrollment belongs to another client');
  }
}

/** Net money the client has paid so far (receipts minus refunds, voided ones left out), whatever the date. */
function netPaid(ctx: ServiceContext, clientId: string, excludingPaymentId?: string): number {
  return ctx.db.sqlite
    .prepare(
      'SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE client_id = ? AND deleted_at IS NULL AND voided_at IS NULL AND id != ?',
    )
    .pluck()
    .get(clientId, excludingPaymentId ?? '') as number;
}

export function createPayment(ctx: ServiceContext, input: MethodParsedInput<'payments.create'>): Payment {
  checkPayer(ctx, input.clientId, input.enrollmentId);
  const id = newId(ctx);
  const writes: Write[] = [
    {
      op: 'insert',
      table: 'payments',
      id,
      values: {
        clientId: input.clientId,
        enrollmentId: input.enrollmentId ?? null,
        paidOn: input.paidOn ?? today(ctx),
        amountMinor: input.amountMinor,
        method: input.method,
        reference: input.reference ?? null,
        receivedBy: ctx.actor.userId,
      },
    },
  ];

  const pins = input.allocations ?? [];
  if (pins.length > 0) {
    const settlement = settleClients(ctx, [input.clientId], everything).get(input.clientId);
    const outstanding = new Map<string, { enrollmentId: string; outstandingMinor: number }>();
    for (const enrollment of settlement?.enrollments.values() ?? []) {
      for (const instalment of enrollment.instalments)
        outstanding.set(instalment.id, { enrollmentId: instalment.enrollmentId, outstandingMinor: instalment.outstandingMinor });
    }
    let pinnedSoFar = 0;
    pins.forEach((pin, i) => {
      const target = outstanding.get(pin.instalmentId);
      if (!target) throw invalid(['allocations', i, 'instalmentId'], 'not_client_instalment', 'This instalment is not one of the client’s');
      if (input.enrollmentId && target.enrollmentId !== input.enrollmentId) {
        throw invalid(
          ['allocations', i, 'instalmentId'],
          'other_enrollment',
          'This instalment belongs to another enrollment than the payment',
        );
      }
      pinnedSoFar += pin.amountMinor;
      if (pinnedSoFar > input.amountMinor)
        throw invalid(['allocations', i, 'amountMinor'], 'exceeds_payment', 'The allocations add up to more than the payment');
      if (pin.amountMinor > target.outstandingMinor) {
        throw invalid(
          ['allocations', i, 'amountMinor'],
          'exceeds_outstanding',
          `Only ${target.outstandingMinor} is outstanding on this instalment`,
        );
      }
      target.outstandingMinor -= pin.amountMinor;
      writes.push({
        op: 'insert',
        table: 'payment_allocations',
        values: { paymentId: id, instalmentId: pin.instalmentId, amountMinor: pin.amountMinor },
      });
    });
  }

  applyChanges(ctx, writes);
  return getPayment(ctx, id);
}

export function voidPayment(ctx: ServiceContext, input: MethodParsedInput<'payments.void'>): Payment {
  const payment = getPayment(ctx, input.id);
  if (payment.voidedAt !== null) throw conflict('This payment is already void', ['id'], 'already_voided');
  if (payment.amountMinor > 0 && netPaid(ctx, payment.clientId, payment.id) < 0) {
    throw conflict('Refunds already paid back part of this payment: void the refund first', ['id'], 'refunded');
  }
  applyChanges(ctx, [
    { op: 'update', table: 'payments', id: payment.id, values: { voidedAt: ctx.clock.now().toISOString(), voidReason: input.reason } },
  ]);
  return getPayment(ctx, payment.id);
}

/** Pays money back: a payment with a negative amount, never more than the client (or the enrollment) has paid. */
export function refundPayment(ctx: ServiceContext, input: MethodParsedInput<'payments.refund'>): Payment {
  checkPayer(ctx, input.clientId, input.enrollmentId);
  const paid = netPaid(ctx, input.clientId);
  if (input.amountMinor > paid)
    throw invalid(['amountMinor'], 'exceeds_paid', `The client has paid ${paid} in all; a refund cannot be more`);
  if (input.enrollmentId) {
    const enrollmentPaid =
      settleClients(ctx, [input.clientId], everything).get(input.clientId)?.enrollments.get(input.enrollmentId)?.paidMinor ?? 0;
    if (input.amountMinor > enrollmentPaid) {
      throw invalid(['amountMinor'], 'exceeds_paid', `This enrollment has been paid ${enrollmentPaid}; a refund cannot be more`);
    }
  }
  const id = newId(ctx);
  applyChanges(ctx, [
    {
      op: 'insert',
      table: 'payments',
      id,
      values: {
        clientId: input.clientId,
        enrollmentId: input.enrollmentId ?? null,
        paidOn: input.paidOn ?? today(ctx),
        amountMinor: -input.amountMinor,
        method: input.method,
        reference: input.reference ?? null,
        receivedBy: ctx.actor.userId,
      },
    },
  ]);
  return getPayment(ctx, id);
}

/**
 * What the payment dialog opens with: the amount next due (what is left of the
 * oldest unpaid instalment), the balance, and the enrollments that owe, so a
 * person records the usual payment with one click and sees what remains. Read
 * from the same settlement as every balance, so the dialog never disagrees with
 * the client page.
 */
export function paymentPrefill(ctx: ServiceContext, input: MethodParsedInput<'payments.prefill'>): PaymentPrefill {
  checkPayer(ctx, input.clientId, input.enrollmentId);
  const asOf = input.asOf ?? today(ctx);
  const settlement = settleClients(ctx, [input.clientId], asOf).get(input.clientId);
  const places = ctx.db.sqlite
    .prepare(
      `SELECT e.id AS id, e.status AS status, e.transferred_to_id AS transferredToId, p.name AS programName, h.name AS cohortName
       FROM enrollments e JOIN programs p ON p.id = e.program_id LEFT JOIN cohorts h ON h.id = e.cohort_id
       WHERE e.client_id = ? AND e.deleted_at IS NULL`,
    )
    .all(input.clientId) as {
    id: string;
    status: EnrollmentStatus;
    transferredToId: string | null;
    programName: string;
    cohortName: string | null;
  }[];
  const enrollments: PrefillEnrollment[] = places
    .filter((place) => owesPrice(place.status, place.transferredToId))
    .map((place) => {
      const settled = settlement?.enrollments.get(place.id);
      return {
        enrollmentId: place.id,
        programName: place.programName,
        cohortName: place.cohortName,
        status: place.status,
        balanceMinor: settled?.balanceMinor ?? 0,
        overdueMinor: settled?.overdueMinor ?? 0,
        nextDue: settled?.nextDue ?? null,
      };
    })
    .sort(
      (a, b) =>
        (a.nextDue?.dueOn ?? '9999-12-31').localeCompare(b.nextDue?.dueOn ?? '9999-12-31') || a.enrollmentId.localeCompare(b.enrollmentId),
    );

  const asked = input.enrollmentId ? settlement?.enrollments.get(input.enrollmentId) : undefined;
  const nextDue = input.enrollmentId ? (asked?.nextDue ?? null) : (enrollments.find((e) => e.nextDue)?.nextDue ?? null);
  const balanceMinor = (input.enrollmentId ? asked?.balanceMinor : settlement?.balanceMinor) ?? 0;
  const owing = enrollments.filter((e) => e.balanceMinor > 0);
  return {
    clientId: input.clientId,
    enrollmentId: input.enrollmentId ?? nextDue?.enrollmentId ?? (owing.length === 1 ? (owing[0] as PrefillEnrollment).enrollmentId : null),
    amountMinor: nextDue ? nextDue.outstandingMinor : Math.max(0, balanceMinor),
    nextDue,
    balanceMinor,
    overdueMinor: (input.enrollmentId ? asked?.overdueMinor : settlement?.overdueMinor) ?? 0,
    unallocatedMinor: settlement?.unallocatedMinor ?? 0,
    enrollments,
  };
}
