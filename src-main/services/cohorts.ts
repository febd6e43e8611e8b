/**
 * Cohorts: a group of a program that opens at a given time, with its teacher,
 * room, weekly schedule, capacity and (optionally) its own price. Seats taken are
 * counted from enrollments on every read instead of being stored, because two
 * machines confirming two people offline would each store "seats: 5" and sync
 * would keep one of them; a count of rows cannot go wrong that way. The roster
 * asks the balance service for all its enrollments in one call, so a cohort of
 * thirty people costs one balance computation, not thirty.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Cohort, CohortDetail, CohortSummary, RosterRow, ScheduleSlot } from '../../src-shared/api/types';
import { seesMoneyAcrossClients } from './rights';
import { seatTakingStatuses, type EnrollmentStatus } from '../../src-shared/domain';
import { conflict, invalid, notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import { clients, cohorts, enrollments, programs, rooms, teachers } from '../db/schema';
import { enrollmentBalances, today } from './balances';
import { getRoom, getTeacher } from './catalog';
import type { ServiceContext } from '../core/context';
import type { Orm } from '../db/connection';
import { preparedQuery } from '../db/statements';
import { getProgram } from './programs';

type CohortRow = typeof cohorts.$inferSelect;

/** Statuses of people still on their way into (or through) a cohort: a cohort holding any of them cannot be deleted. */
export const activeEnrollmentStatuses: readonly EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed'];

function parseSchedule(text: string): ScheduleSlot[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as ScheduleSlot[]) : [];
  } catch {
    return [];
  }
}

export function toCohort(row: CohortRow): Cohort {
  return { ...row, schedule: parseSchedule(row.schedule) } as Cohort;
}

export function getCohort(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Cohort {
  const row = ctx.db.orm
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.id, id), isNull(cohorts.deletedAt)))
    .get();
  if (!row) throw notFound('Cohort', id, path);
  return toCohort(row);
}

/** Live enrollments of live clients in seat-taking statuses, per cohort. */
function seatsTakenBy(ctx: Pick<ServiceContext, 'db'>, cohortIds: readonly string[]): Map<string, number> {
  const seats = new Map<string, number>();
  if (cohortIds.length === 0) return seats;
  const rows = ctx.db.orm
    .select({ cohortId: enrollments.cohortId, taken: count() })
    .from(enrollments)
    .innerJoin(clients, and(eq(clients.id, enrollments.clientId), isNull(clients.deletedAt)))
    .where(
      and(
        inArray(enrollments.cohortId, [...cohortIds]),
        isNull(enrollments.deletedAt),
        inArray(enrollments.status, [...seatTakingStatuses]),
      ),
    )
    .groupBy(enrollments.cohortId)
    .all();
  for (const row of rows) if (row.cohortId) seats.set(row.cohortId, row.taken);
  return seats;
}

/** What a cohort summary reads: the cohort with its program's name and price, teacher and room names. */
function summarySelect(orm: Orm) {
  return orm
    .select({
      cohort: cohorts,
      programName: programs.name,
      programPrice: programs.defaultPriceMinor,
      teacherName: teachers.name,
      roomName: rooms.name,
    })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .leftJoin(teachers, eq(teachers.id, cohorts.teacherId))
    .leftJoin(rooms, eq(rooms.id, cohorts.roomId));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['all']>>[number];

function toSummaries(ctx: Pick<ServiceContext, 'db'>, rows: readonly SummaryRow[]): CohortSummary[] {
  const seats = seatsTakenBy(
    ctx,
    rows.map((r) => r.cohort.id),
  );
  return rows.map((r) => ({
    ...toCohort(r.cohort),
    programName: r.programName,
    teacherName: r.teacherName,
    roomName: r.roomName,
    seatsTaken: seats.get(r.cohort.id) ?? 0,
    effectivePriceMinor: r.cohort.priceMinor ?? r.programPrice,
  }));
}

function summaries(ctx: Pick<ServiceContext, 'db'>, where: SQL | undefined): CohortSummary[] {
  return toSummaries(ctx, summarySelect(ctx.db.orm).where(where).orderBy(desc(cohorts.startOn), asc(cohorts.name), asc(cohorts.id)).all());
}

export function listCohorts(ctx: ServiceContext, input: MethodParsedInput<'cohorts.list'>): CohortSummary[] {
  const conditions: SQL[] = [isNull(cohorts.deletedAt)];
  if (input.programId) conditions.push(eq(cohorts.programId, input.programId));
  if (input.status && input.status.length > 0) conditions.push(inArray(cohorts.status, input.status));
  return summaries(ctx, and(...conditions));
}

// A cohort's page and roster are opened one after another: their queries are prepared once per connection.

export function getCohortSummary(ctx: Pick<ServiceContext, 'db'>, id: string): CohortSummary {
  const { orm } = ctx.db;
  const byId = preparedQuery(orm, 'cohorts.summaryById', () =>
    summarySelect(orm)
      .where(and(eq(cohorts.id, sql.placeholder('id')), isNull(cohorts.deletedAt)))
      .prepare(),
  );
  const [summary] = toSummaries(ctx, byId.all({ id }));
  if (!summary) throw notFound('Cohort', id);
  return summary;
}

export function getCohortDetail(ctx: ServiceContext, id: string): CohortDetail {
  const summary = getCohortSummary(ctx, id);
  const { orm } = ctx.db;
  const rosterQuery = preparedQuery(orm, 'cohorts.roster', () =>
    orm
      .select({ enrollment: enrollments, clientName: clients.displayName, phone: clients.phone, email: clients.email })
      .from(enrollments)
      .innerJoin(clients, and(eq(clients.id, enrollments.clientId), isNull(clients.deletedAt)))
      .where(and(eq(enrollments.cohortId, sql.placeholder('id')), isNull(enrollments.deletedAt)))
      .orderBy(asc(clients.displayName), asc(enrollments.id))
      .prepare(),
  );
  const rows = rosterQuery.all({ id });
  // A roster spans clients: without finance.read it comes without its money columns (open one person for theirs).
  const seesMoney = seesMoneyAcrossClients(ctx);
  const balances =
    seesMoney && rows.length > 0
      ? enrollmentBalances(
          ctx,
          rows.map((r) => r.enrollment.id),
          today(ctx),
        )
      : new Map();
  const roster: RosterRow[] = rows.map(({ enrollment, clientName, phone, email }) => {
    const balance = balances.get(enrollment.id);
    return {
      enrollmentId: enrollment.id,
      clientId: enrollment.clientId,
      clientName,
      phone,
      email,
      status: enrollment.status as EnrollmentStatus,
      ...(seesMoney
        ? {
            agreedPriceMinor: enrollment.agreedPriceMinor,
            discountMinor: enrollment.discountMinor,
            paidMinor: balance?.paidMinor ?? 0,
            balanceMinor: balance?.balanceMinor ?? 0,
          }
        : {}),
      nextDue: balance?.nextDue ?? null,
      followUpOn: enrollment.followUpOn,
    };
  });
  return { ...summary, roster };
}

function checkDates(startOn: string | null | undefined, endOn: string | null | undefined): void {
  if (startOn && endOn && endOn < startOn) throw invalid(['endOn'], 'before_start', 'The end date is before the start date');
}

export function createCohort(ctx: ServiceContext, input: MethodParsedInput<'cohorts.create'>): Cohort {
  const program = getProgram(ctx, input.programId, ['programId']);
  if (input.teacherId) getTeacher(ctx, input.teacherId, ['teacherId']);
  if (input.roomId) getRoom(ctx, input.roomId, ['roomId']);
  checkDates(input.startOn, input.endOn);
  const name = input.name && input.name.length > 0 ? input.name : [program.name, input.startOn].filter(Boolean).join(' ');
  const { ids } = applyChanges(ctx, [
    {
      op: 'insert',
      table: 'cohorts',
      values: {
        ...input,
        name,
        capacity: input.capacity === undefined ? program.defaultCapacity : input.capacity,
        status: input.status ?? 'planned',
        schedule: JSON.stringify(input.schedule ?? []),
      },
    },
  ]);
  return getCohort(ctx, ids[0] as string);
}

export function updateCohort(ctx: ServiceContext, input: MethodParsedInput<'cohorts.update'>): Cohort {
  const { id, schedule, ...rest } = input;
  const current = getCohort(ctx, id);
  if (rest.programId !== undefined && rest.programId !== current.programId) {
    getProgram(ctx, rest.programId, ['programId']);
    const enrolled = ctx.db.orm
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.cohortId, id), isNull(enrollments.deletedAt)))
      .limit(1)
      .get();
    if (enrolled) throw conflict('People are enrolled in this cohort: it cannot move to another program', ['programId'], 'has_enrollments');
  }
  if (rest.teacherId) getTeacher(ctx, rest.teacherId, ['teacherId']);
  if (rest.roomId) getRoom(ctx, rest.roomId, ['roomId']);
  checkDates(rest.startOn === undefined ? current.startOn : rest.startOn, rest.endOn === undefined ? current.endOn : rest.endOn);
  if (rest.name !== undefined && rest.name.length === 0) throw invalid(['name'], 'required', 'A cohort needs a name');
  const values: Record<string, unknown> = { ...rest };
  if (schedule !== undefined) values['schedule'] = JSON.stringify(schedule);
  applyChanges(ctx, [{ op: 'update', table: 'cohorts', id, values }]);
  return getCohort(ctx, id);
}

export function deleteCohort(ctx: ServiceContext, input: { id: string }): { id: string } {
  getCohort(ctx, input.id);
  const active = ctx.db.orm
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(eq(enrollments.cohortId, input.id), isNull(enrollments.deletedAt), inArray(enrollments.status, [...activeEnrollmentStatuses])),
    )
    .limit(1)
    .get();
  if (active) throw conflict('This cohort still has active enrollments: move, cancel or delete them first', ['id'], 'has_enrollments');
  applyChanges(ctx, [{ op: 'delete', table: 'cohorts', id: input.id }]);
  return { id: input.id };
}

/**
 * "Duplicate cohort": the next group of the same program in one step. The copy
 * keeps program, teacher, room, schedule, capacity, minimum and price, starts a
 * month later (or on the given day) with its end moved by the same number of
 * days, and opens as planned and unpublished, since nobody has seen it yet.
 */
export function duplicateCohort(ctx: ServiceContext, input: MethodParsedInput<'cohorts.duplicate'>): Cohort {
  const source = getCohort(ctx, input.id);
  const startOn = input.startOn ?? (source.startOn ? shiftIsoDate(source.startOn, (d) => addMonths(d, 1)) : null);
  let endOn: string | null = null;
  if (source.endOn) {
    endOn =
      source.startOn && startOn
        ? shiftIsoDate(source.endOn, (d) => addDays(d, differenceInCalendarDays(parseISO(startOn), parseISO(source.startOn as string))))
        : shiftIsoDate(source.endOn, (d) => addMonths(d, 1));
  }
  const program = getProgram(ctx, source.programId);
  return createCohort(ctx, {
    programId: source.programId,
    name: [program.name, startOn].filter(Boolean).join(' '),
    teacherId: source.teacherId,
    roomId: source.roomId,
    startOn,
    endOn,
    schedule: source.schedule,
    capacity: source.capacity,
    minimumToRun: source.minimumToRun,
    priceMinor: source.priceMinor,
    status: 'planned',
    published: false,
  });
}

function shiftIsoDate(iso: string, shift: (date: Date) => Date): string {
  return format(shift(parseISO(iso)), 'yyyy-MM-dd');
}
