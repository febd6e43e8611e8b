/**
 * Enrollments: a client's relation to a program, usually through one of its
 * cohorts, with the price they agreed and where they stand (inquiry ... confirmed
 * ... completed). A status is never just overwritten: every change appends a
 * history row and a timeline entry in the same funnel call as the new status, so
 * "when did she confirm, and who wrote it down" survives sync, and undo reverts
 * the status together with its history. The history table is append-only; the
 * funnel refuses to edit it. Details for many enrollments are assembled in batches
 * (names, histories, one balance call) so a client page or report does a fixed
 * number of queries however many enrollments it shows.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Enrollment, EnrollmentBalance, EnrollmentDetail, EnrollmentListRow, StatusChange } from '../../src-shared/api/types';
import type { EnrollmentGridRow } from '../../src-shared/api/workspace-methods';
import { roleCan } from '../../src-shared/capabilities';
import { canTransition, type EnrollmentStatus } from '../../src-shared/domain';
import { conflict, invalid, notFound } from '../../src-shared/errors';
import { applyChanges, newId, type Write } from '../changes/funnel';
import { ftsQuery } from '../db/search';
import { clients, cohorts, enrollments, enrollmentStatusHistory, programs } from '../db/schema';
import { enrollmentBalances, today } from './balances';
import { getCohort } from './cohorts';
import type { ServiceContext } from '../core/context';
import { getProgram } from './programs';
import { getCampaign } from './campaigns';
import { requireListedChannel } from './school-lists';
import { refuseMoneyQuery, requirePriceRight as requirePriceRightAt, seesMoneyAcrossClients } from './rights';

type EnrollmentRow = typeof enrollments.$inferSelect;

export function toEnrollment(row: EnrollmentRow): Enrollment {
  return row as Enrollment;
}

export function getEnrollment(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Enrollment {
  const row = ctx.db.orm
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.id, id), isNull(enrollments.deletedAt)))
    .get();
  if (!row) throw notFound('Enrollment', id, path);
  return toEnrollment(row);
}

/** Enrollments, filtered. Listed across clients, the agreed prices sum to the school's expected revenue: for finance roles only. */
export function listEnrollments(ctx: ServiceContext, input: MethodParsedInput<'enrollments.list'>): EnrollmentListRow[] {
  const prices = input.clientId !== undefined || seesMoneyAcrossClients(ctx);
  const conditions: SQL[] = [isNull(enrollments.deletedAt)];
  if (input.clientId) conditions.push(eq(enrollments.clientId, input.clientId));
  if (input.cohortId) conditions.push(eq(enrollments.cohortId, input.cohortId));
  if (input.programId) conditions.push(eq(enrollments.programId, input.programId));
  if (input.status && input.status.length > 0) conditions.push(inArray(enrollments.status, input.status));
  return ctx.db.orm
    .select()
    .from(enrollments)
    .where(and(...conditions))
    .orderBy(desc(enrollments.createdAt), desc(enrollments.id))
    .all()
    .map((row): EnrollmentListRow => {
      if (prices) return toEnrollment(row);
      const { agreedPriceMinor: _price, discountMinor: _discount, ...rest } = toEnrollment(row);
      return rest;
    });
}

function historyOf(ctx: Pick<ServiceContext, 'db'>, enrollmentIds: readonly string[]): Map<string, StatusChange[]> {
  const byEnrollment = new Map<string, StatusChange[]>();
  if (enrollmentIds.length === 0) return byEnrollment;
  const rows = ctx.db.orm
    .select({
      id: enrollmentStatusHistory.id,
      enrollmentId: enrollmentStatusHistory.enrollmentId,
      fromStatus: enrollmentStatusHistory.fromStatus,
      toStatus: enrollmentStatusHistory.toStatus,
      changedAt: enrollmentStatusHistory.changedAt,
      changedBy: enrollmentStatusHistory.changedBy,
      note: enrollmentStatusHistory.note,
    })
    .from(enrollmentStatusHistory)
    .where(and(inArray(enrollmentStatusHistory.enrollmentId, [...enrollmentIds]), isNull(enrollmentStatusHistory.deletedAt)))
    // Changes written in the same millisecond keep the order they were written in.
    .orderBy(asc(enrollmentStatusHistory.changedAt), asc(sql`${enrollmentStatusHistory}.rowid`))
    .all();
  for (const row of rows) {
    const list = byEnrollment.get(row.enrollmentId) ?? [];
    list.push(row as StatusChange);
    byEnrollment.set(row.enrollmentId, list);
  }
  return byEnrollment;
}

/** What an enrollment's balance reads as when it is not shown (no right to see money) or not computed. */
function emptyBalance(enrollment: Enrollment): EnrollmentBalance {
  return {
    enrollmentId: enrollment.id,
    dueTotalMinor: 0,
    paidMinor: 0,
    balanceMinor: 0,
    overdueMinor: 0,
    creditMinor: 0,
    instalments: [],
    nextDue: null,
  };
}

/** Details (names, history, balance) for many enrollments with a fixed number of queries. */
export function enrollmentDetails(ctx: ServiceContext, list: readonly Enrollment[], asOf: string | undefined): EnrollmentDetail[] {
  if (list.length === 0) return [];
  const ids = list.map((e) => e.id);
  const programNames = new Map(
    ctx.db.orm
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(inArray(programs.id, [...new Set(list.map((e) => e.programId))]))
      .all()
      .map((p) => [p.id, p.name]),
  );
  const cohortIds = [...new Set(list.flatMap((e) => (e.cohortId ? [e.cohortId] : [])))];
  const cohortInfo = new Map(
    cohortIds.length === 0
      ? []
      : ctx.db.orm
          .select({ id: cohorts.id, name: cohorts.name, startOn: cohorts.startOn })
          .from(cohorts)
          .where(inArray(cohorts.id, cohortIds))
          .all()
          .map((c) => [c.id, c]),
  );
  const histories = historyOf(ctx, ids);
  const movedFrom = new Map(
    ctx.db.orm
      .select({ id: enrollments.id, to: enrollments.transferredToId })
      .from(enrollments)
      .where(and(inArray(enrollments.transferredToId, ids), isNull(enrollments.deletedAt)))
      .all()
      .map((row) => [row.to, row.id]),
  );
  const balances = roleCan(ctx.actor.role, 'payments.read')
    ? enrollmentBalances(ctx, ids, asOf ?? today(ctx))
    : new Map<string, EnrollmentBalance>();
  return list.map((enrollment) => {
    const cohort = enrollment.cohortId ? cohortInfo.get(enrollment.cohortId) : undefined;
    return {
      ...enrollment,
      programName: programNames.get(enrollment.programId) ?? '',
      cohortName: cohort?.name ?? null,
      cohortStartOn: cohort?.startOn ?? null,
      history: histories.get(enrollment.id) ?? [],
      balance: balances.get(enrollment.id) ?? emptyBalance(enrollment),
      transferredFromId: movedFrom.get(enrollment.id) ?? null,
    };
  });
}

export function getEnrollmentDetail(ctx: ServiceContext, input: MethodParsedInput<'enrollments.get'>): EnrollmentDetail {
  const [detail] = enrollmentDetails(ctx, [getEnrollment(ctx, input.id)], input.asOf);
  if (!detail) throw notFound('Enrollment', input.id);
  return detail;
}

/** Setting a price or a discount is its own capability (an assistant may be allowed to enroll but not to bargain). */
function requirePriceRight(
  ctx: ServiceContext,
  input: { agreedPriceMinor?: number | undefined; discountMinor?: number | undefined },
): void {
  if (input.agreedPriceMinor !== undefined || input.discountMinor !== undefined) requirePriceRightAt(ctx, ['agreedPriceMinor']);
}

function checkDiscount(agreedPriceMinor: number, discountMinor: number): void {
  if (discountMinor > agreedPriceMinor) throw invalid(['discountMinor'], 'discount_exceeds_price', 'The discount is larger than the price');
}

/** The timeline line a status change leaves on the client's page. */
function statusSummary(
  programName: string,
  cohortName: string | null,
  from: EnrollmentStatus | null,
  to: EnrollmentStatus,
  note: string | null | undefined,
): string {
  const what = cohortName ? `${programName} (${cohortName})` : programName;
  const change = from ? `${from} → ${to}` : to;
  return note ? `${what}: ${change} — ${note}` : `${what}: ${change}`;
}

function namesFor(
  ctx: Pick<ServiceContext, 'db'>,
  enrollment: Pick<Enrollment, 'programId' | 'cohortId'>,
): { programName: string; cohortName: string | null } {
  const program = ctx.db.orm.select({ name: programs.name }).from(programs).where(eq(programs.id, enrollment.programId)).get();
  const cohort = enrollment.cohortId
    ? ctx.db.orm.select({ name: cohorts.name }).from(cohorts).where(eq(cohorts.id, enrollment.cohortId)).get()
    : undefined;
  return { programName: program?.name ?? '', cohortName: cohort?.name ?? null };
}

export function createEnrollment(ctx: ServiceContext, input: MethodParsedInput<'enrollments.create'>): Enrollment {
  const client = ctx.db.orm
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, input.clientId), isNull(clients.deletedAt)))
    .get();
  if (!client) throw notFound('Client', input.clientId, ['clientId']);
  requirePriceRight(ctx, input);

  const cohort = input.cohortId ? getCohort(ctx, input.cohortId, ['cohortId']) : null;
  if (cohort && input.programId && input.programId !== cohort.programId) {
    throw invalid(['programId'], 'program_mismatch', 'The cohort belongs to another program');
  }
  const programId = cohort?.programId ?? input.programId;
  if (!programId) throw invalid(['programId'], 'required', 'Choose a cohort or a program');
  const program = getProgram(ctx, programId, ['programId']);

  const agreedPriceMinor = input.agreedPriceMinor ?? cohort?.priceMinor ?? program.defaultPriceMinor ?? 0;
  const discountMinor = input.discountMinor ?? 0;
  checkDiscount(agreedPriceMinor, discountMinor);

  const id = newId(ctx);
  const now = ctx.clock.now().toISOString();
  applyChanges(ctx, [
    {
      op: 'insert',
      table: 'enrollments',
      id,
      values: {
        clientId: input.clientId,
        programId,
        cohortId: cohort?.id ?? null,
        status: input.status,
        agreedPriceMinor,
        discountMinor,
        notifyBeforeDays: input.notifyBeforeDays ?? null,
        followUpOn: input.followUpOn ?? null,
        reasonLost: input.reasonLost || null,
        source: input.source || null,
        ...marketingValues(ctx, { sourceChannel: input.sourceChannel ?? null, campaignId: input.campaignId ?? null }),
        notes: input.notes || null,
      },
    },
    {
      op: 'insert',
      table: 'enrollment_status_history',
      values: {
        enrollmentId: id,
        fromStatus: null,
        toStatus: input.status,
        changedAt: now,
        changedBy: ctx.actor.userId,
        note: input.note || null,
      },
    },
    {
      op: 'insert',
      table: 'activities',
      values: {
        clientId: input.clientId,
        enrollmentId: id,
        kind: 'status',
        occurredAt: now,
        summary: statusSummary(program.name, cohort?.name ?? null, null, input.status, input.note),
        userId: ctx.actor.userId,
      },
    },
  ]);
  return getEnrollment(ctx, id);
}

/** The source channel (from the school's list) and campaign an enrollment names, checked; undefined leaves them as they are. */
function marketingValues(
  ctx: ServiceContext,
  fields: { sourceChannel: string | null | undefined; campaignId: string | null | undefined },
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (fields.sourceChannel !== undefined) {
    requireListedChannel(ctx, fields.sourceChannel, ['sourceChannel']);
    values['sourceChannel'] = fields.sourceChannel || null;
  }
  if (fields.campaignId !== undefined) {
    if (fields.campaignId) getCampaign(ctx, fields.campaignId, ['campaignId']);
    values['campaignId'] = fields.campaignId || null;
  }
  return values;
}

export function updateEnrollment(ctx: ServiceContext, input: MethodParsedInput<'enrollments.update'>): Enrollment {
  const { id, ...fields } = input;
  const current = getEnrollment(ctx, id);
  requirePriceRight(ctx, fields);

  const values: Record<string, unknown> = {};
  for (const key of ['notifyBeforeDays', 'followUpOn', 'agreedPriceMinor', 'discountMinor'] as const) {
    if (fields[key] !== undefined) values[key] = fields[key];
  }
  for (const key of ['reasonLost', 'source', 'notes'] as const) {
    if (fields[key] !== undefined) values[key] = fields[key] || null;
  }
  Object.assign(values, marketingValues(ctx, { sourceChannel: fields.sourceChannel, campaignId: fields.campaignId }));

  // The cohort decides the program; moving to another program's cohort moves the program with it.
  let programId = fields.programId ?? current.programId;
  let cohortId = fields.cohortId === undefined ? current.cohortId : fields.cohortId;
  if (fields.cohortId) {
    const cohort = getCohort(ctx, fields.cohortId, ['cohortId']);
    if (fields.programId && fields.programId !== cohort.programId) {
      throw invalid(['programId'], 'program_mismatch', 'The cohort belongs to another program');
    }
    programId = cohort.programId;
    cohortId = cohort.id;
  } else if (fields.programId && fields.programId !== current.programId && cohortId) {
    throw invalid(['programId'], 'program_mismatch', 'The enrollment’s cohort belongs to another program: change or clear the cohort too');
  }
  if (programId !== current.programId) getProgram(ctx, programId, ['programId']);
  if (fields.cohortId !== undefined) values['cohortId'] = cohortId;
  if (programId !== current.programId) values['programId'] = programId;

  checkDiscount(fields.agreedPriceMinor ?? current.agreedPriceMinor, fields.discountMinor ?? current.discountMinor);
  applyChanges(ctx, [{ op: 'update', table: 'enrollments', id, values }]);
  return getEnrollment(ctx, id);
}

export function setEnrollmentStatus(ctx: ServiceContext, input: MethodParsedInput<'enrollments.setStatus'>): Enrollment {
  const current = getEnrollment(ctx, input.id);
  if (current.status === input.status) return current;
  if (!canTransition(current.status, input.status)) {
    throw conflict(`An enrollment that is ${current.status} cannot become ${input.status}`, ['status'], 'forbidden_transition');
  }
  const { programName, cohortName } = namesFor(ctx, current);
  const now = ctx.clock.now().toISOString();
  const update: Record<string, unknown> = { status: input.status };
  if (input.reasonLost !== undefined) update['reasonLost'] = input.reasonLost || null;
  const writes: Write[] = [
    {
      op: 'insert',
      table: 'enrollment_status_history',
      values: {
        enrollmentId: current.id,
        fromStatus: current.status,
        toStatus: input.status,
        changedAt: now,
        changedBy: ctx.actor.userId,
        note: input.note || null,
      },
    },
    { op: 'update', table: 'enrollments', id: current.id, values: update },
    {
      op: 'insert',
      table: 'activities',
      values: {
        clientId: current.clientId,
        enrollmentId: current.id,
        kind: 'status',
        occurredAt: now,
        summary: statusSummary(programName, cohortName, current.status, input.status, input.note),
        userId: ctx.actor.userId,
      },
    },
  ];
  applyChanges(ctx, writes);
  return getEnrollment(ctx, current.id);
}

export function deleteEnrollment(ctx: ServiceContext, input: { id: string }): { id: string } {
  getEnrollment(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'enrollments', id: input.id }]);
  return { id: input.id };
}

// ---- the grid -----------------------------------------------------------------------

type GridSortField = MethodParsedInput<'enrollments.grid'>['sort'][number]['field'];

const gridSortColumns: Record<GridSortField, SQLWrapper> = {
  clientName: clients.displayName,
  programName: programs.name,
  cohortName: cohorts.name,
  status: enrollments.status,
  agreedPriceMinor: enrollments.agreedPriceMinor,
  discountMinor: enrollments.discountMinor,
  followUpOn: enrollments.followUpOn,
  source: enrollments.source,
  createdAt: enrollments.createdAt,
};

/**
 * The enrollments grid: one page of enrollments of live clients with the names a
 * sheet would show, filtered and sorted in SQL; paid and balance are computed for
 * the page's rows only. Price, discount, paid and balance are left out for people
 * who may not see money across clients (a grid of them sums to revenue).
 */
export function enrollmentGrid(
  ctx: ServiceContext,
  input: MethodParsedInput<'enrollments.grid'>,
): { rows: EnrollmentGridRow[]; total: number } {
  // The grid spans clients: its money columns (and sorting by them) are for finance roles only.
  const seesMoney = seesMoneyAcrossClients(ctx);
  const byMoney = input.sort.find((s) => s.field === 'agreedPriceMinor' || s.field === 'discountMinor');
  refuseMoneyQuery(ctx, byMoney ? 'sort' : null);
  const conditions: SQL[] = [isNull(enrollments.deletedAt)];
  if (input.status && input.status.length > 0) conditions.push(inArray(enrollments.status, input.status));
  if (input.programId) conditions.push(eq(enrollments.programId, input.programId));
  if (input.cohortId) conditions.push(eq(enrollments.cohortId, input.cohortId));
  if (input.followUpBy) conditions.push(sql`${enrollments.followUpOn} IS NOT NULL AND ${enrollments.followUpOn} <= ${input.followUpBy}`);
  const text = input.query?.trim();
  if (text) {
    const match = ftsQuery(text);
    const pattern = `%${text.replace(/[%_\\]/g, '')}%`;
    const byClient = match ? sql`${clients}.rowid IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ${match})` : sql`0`;
    conditions.push(sql`(${byClient} OR ${programs.name} LIKE ${pattern} OR ${cohorts.name} LIKE ${pattern})`);
  }
  const where = and(...conditions);
  const base = () =>
    ctx.db.orm
      .select({
        enrollment: enrollments,
        clientName: clients.displayName,
        phone: clients.phone,
        programName: programs.name,
        cohortName: cohorts.name,
        cohortStartOn: cohorts.startOn,
      })
      .from(enrollments)
      .innerJoin(clients, and(eq(clients.id, enrollments.clientId), isNull(clients.deletedAt)))
      .innerJoin(programs, eq(programs.id, enrollments.programId))
      .leftJoin(cohorts, eq(cohorts.id, enrollments.cohortId));
  const total =
    ctx.db.orm
      .select({ n: sql<number>`count(*)` })
      .from(enrollments)
      .innerJoin(clients, and(eq(clients.id, enrollments.clientId), isNull(clients.deletedAt)))
      .innerJoin(programs, eq(programs.id, enrollments.programId))
      .leftJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
      .where(where)
      .get()?.n ?? 0;
  const order = [
    ...input.sort.map((s) => (s.desc ? desc(gridSortColumns[s.field]) : asc(gridSortColumns[s.field]))),
    desc(enrollments.createdAt),
    desc(enrollments.id),
  ];
  const rows = base()
    .where(where)
    .orderBy(...order)
    .limit(input.limit)
    .offset(input.offset)
    .all();
  const balances =
    seesMoney && rows.length > 0
      ? enrollmentBalances(
          ctx,
          rows.map((r) => r.enrollment.id),
          today(ctx),
        )
      : new Map<string, EnrollmentBalance>();
  return {
    total,
    rows: rows.map(({ enrollment, clientName, phone, programName, cohortName, cohortStartOn }) => ({
      id: enrollment.id,
      clientId: enrollment.clientId,
      clientName,
      phone,
      programId: enrollment.programId,
      programName,
      cohortId: enrollment.cohortId,
      cohortName: cohortName ?? null,
      cohortStartOn: cohortStartOn ?? null,
      status: enrollment.status as EnrollmentStatus,
      ...(seesMoney
        ? {
            agreedPriceMinor: enrollment.agreedPriceMinor,
            discountMinor: enrollment.discountMinor,
            paidMinor: balances.get(enrollment.id)?.paidMinor ?? 0,
            balanceMinor: balances.get(enrollment.id)?.balanceMinor ?? 0,
          }
        : {}),
      followUpOn: enrollment.followUpOn,
      notifyBeforeDays: enrollment.notifyBeforeDays,
      source: enrollment.source,
      notes: enrollment.notes,
      createdAt: enrollment.createdAt,
    })),
  };
}
