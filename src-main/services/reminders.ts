/**
 * The reminder engine behind the Today screen. It is split in two on purpose:
 *
 *  - `computeToday(data, asOf)` is pure: given a snapshot of the school's records
 *    and a calendar day it returns every list (follow-ups due, instalments overdue
 *    and due soon, cohorts starting, people to invite to a new cohort, cohorts
 *    under their minimum or over capacity, low prepaid balances, birthdays, tasks).
 *    No clock, no database: the unit tests feed it month ends, leap days and a
 *    week the app stayed closed, and a day in any time zone.
 *  - `loadReminderData` reads that snapshot. Money comes from the balance service
 *    (the same allocation the rest of the app uses), never recomputed here.
 *
 * Nothing is "fired" and remembered: every list is a function of the data as of a
 * day, so opening the app after a week away shows everything that came due in the
 * meantime — catching up is inherent, not a job that can be missed. What people
 * did with a reminder (snooze until a day, dismiss) is the only state, kept in
 * `reminder_states` under `{kind, subjectId}`; subjects that recur carry their
 * occurrence (`<enrollment>@<follow-up date>`, `<client>@<year>`), so dismissing
 * one occurrence never hides the next.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type {
  BirthdayItem,
  CohortHealthItem,
  CohortInviteItem,
  CohortStartItem,
  FollowUpItem,
  NoCallBackItem,
  InstalmentItem,
  LowBalanceItem,
  ReminderKind,
  ReminderState,
  TaskItem,
  TodayCounts,
  TodayLists,
} from '../../src-shared/api/today-methods';
import { calendarDaysBetween } from '../../src-shared/allocation';
import { roleCan } from '../../src-shared/capabilities';
import { addDaysIso, todayIn } from '../../src-shared/dates';
import { billableStatuses, seatTakingStatuses, type EnrollmentStatus } from '../../src-shared/domain';
import { invalid, notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import { reminderStates } from '../db/schema';
import { createActivity } from './activities';
import { cachedLists, cachedTodayMoney, followedRows, settledMoney } from './today-cache';
import { cachedStatement } from '../db/statements';
import { setEnrollmentStatus, updateEnrollment } from './enrollments';
import type { ServiceContext } from '../core/context';
import { getSettings } from './settings';
import { seesMoneyAcrossClients } from './rights';
import { zonedInstant } from '../../src-shared/schedule';

// ---- the snapshot the engine reads -------------------------------------------

export interface ReminderClient {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  birthDate: string | null;
}

export interface ReminderCohort {
  id: string;
  programId: string;
  name: string;
  startOn: string | null;
  status: string;
  capacity: number | null;
  minimumToRun: number | null;
}

export interface ReminderEnrollment {
  id: string;
  clientId: string;
  programId: string;
  cohortId: string | null;
  status: EnrollmentStatus;
  followUpOn: string | null;
  notifyBeforeDays: number | null;
}

/** An instalment as the balance service settled it on the engine's day. */
export interface ReminderInstalment {
  id: string;
  enrollmentId: string;
  dueOn: string;
  amountMinor: number;
  outstandingMinor: number;
}

export interface ReminderTask {
  id: string;
  title: string;
  clientId: string | null;
  enrollmentId: string | null;
  dueOn: string | null;
  doneAt: string | null;
  notes: string | null;
}

export interface ReminderStateRow {
  kind: string;
  subjectId: string;
  snoozedUntil: string | null;
  dismissedAt: string | null;
}

export interface ReminderData {
  settings: { dueSoonDays: number; startSoonDays: number; lowBalanceMinor: number | null; weekStart: number };
  moneyVisible: boolean;
  clients: readonly ReminderClient[];
  programs: readonly { id: string; name: string }[];
  cohorts: readonly ReminderCohort[];
  enrollments: readonly ReminderEnrollment[];
  instalments: readonly ReminderInstalment[];
  /** Per client: money paid ahead (see LowBalanceItem). Only clients who ever paid ahead. */
  prepaid: ReadonlyMap<string, number>;
  tasks: readonly ReminderTask[];
  states: readonly ReminderStateRow[];
  /** The same clients and enrollments by id, when the reader already holds them so (today-cache.ts keeps them keyed). */
  clientById?: ReadonlyMap<string, ReminderClient>;
  enrollmentById?: ReadonlyMap<string, ReminderEnrollment>;
}

// ---- rules -------------------------------------------------------------------

/** Statuses whose follow-up date means "call them back". */
export const followUpStatuses: readonly EnrollmentStatus[] = ['inquiry', 'thinking', 'trial'];
/** People interested in a program who have no group yet (the first to invite when one opens). */
export const interestedStatuses: readonly EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist'];
/** People of a cohort who can still be told it starts. */
const notifiableStatuses: readonly EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed'];
/** Cohorts that have not started running yet. */
const upcomingCohortStatuses = new Set(['planned', 'open']);

const billable = new Set<string>(billableStatuses);
const seatTaking = new Set<string>(seatTakingStatuses);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Day of week of a calendar day, 0 = Sunday (the convention of settings.week_start). */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** First and last day of the week holding `day`, the week starting on `weekStart` (0 = Sunday). */
export function weekAround(day: string, weekStart: number): { from: string; to: string } {
  const back = (weekdayOf(day) - weekStart + 7) % 7;
  const from = addDaysIso(day, -back);
  return { from, to: addDaysIso(from, 6) };
}

/**
 * The day in `year` on which someone born on `birthDate` celebrates: the same
 * month and day, and 28 February for those born on 29 February in a common year.
 */
export function birthdayIn(birthDate: string, year: number): string {
  const monthDay = birthDate.slice(5);
  const y = String(year).padStart(4, '0');
  return monthDay === '02-29' && !isLeapYear(year) ? `${y}-02-28` : `${y}-${monthDay}`;
}

/** Whether a reminder is hidden on `asOf` by what someone did with it. */
export function isHidden(states: ReadonlyMap<string, ReminderStateRow>, kind: ReminderKind, subjectId: string, asOf: string): boolean {
  const state = states.get(`${kind}|${subjectId}`);
  if (!state) return false;
  if (state.dismissedAt) return true;
  return state.snoozedUntil !== null && asOf < state.snoozedUntil;
}

export function followUpSubject(enrollmentId: string, followUpOn: string): string {
  return `${enrollmentId}@${followUpOn}`;
}

/** The lists of the Today screen, without the day and settings they were computed for. */
type ReminderLists = Omit<
  TodayLists,
  'asOf' | 'weekFrom' | 'weekTo' | 'dueSoonDays' | 'startSoonDays' | 'moneyVisible' | 'amountsVisible' | 'counts'
>;

/** The lookups every list of the Today screen shares, built once per computation. */
interface TodayIndex {
  asOf: string;
  hidden(kind: ReminderKind, subjectId: string): boolean;
  clientById: ReadonlyMap<string, ReminderClient>;
  programName: ReadonlyMap<string, string>;
  cohortById: ReadonlyMap<string, ReminderCohort>;
  enrollmentById: ReadonlyMap<string, ReminderEnrollment>;
  /** Enrollments by cohort, and those without one by program: per-cohort lists must not rescan every enrollment of a large school. */
  byCohort: ReadonlyMap<string, ReminderEnrollment[]>;
  groupless: ReadonlyMap<string, ReminderEnrollment[]>;
  /** Seats taken per cohort, by enrollments of clients the snapshot holds. */
  seats: ReadonlyMap<string, number>;
}

const clientRef = (client: ReminderClient) => ({
  clientId: client.id,
  clientName: client.displayName,
  phone: client.phone,
  email: client.email,
});

/**
 * One collator for every comparison of the lists: `localeCompare` without
 * arguments compares as this default collator does, but looks it up per call,
 * which sorting tens of thousands of items of a large school paid for.
 */
const textCollator = new Intl.Collator();
const byText = (a: string, b: string): number => textCollator.compare(a, b);

const byName = (a: { clientName: string }, b: { clientName: string }) => byText(a.clientName, b.clientName);

/** Days, times and ids compare as plain strings (ISO order is code-unit order), far cheaper than collation. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Namesakes in the order of their enrollments' ids, so the order never depends on the order rows were read in. */
type NamedEnrollment = { clientName: string; enrollmentId: string };
const byNameThenEnrollment = (a: NamedEnrollment, b: NamedEnrollment) => byName(a, b) || byCode(a.enrollmentId, b.enrollmentId);

/**
 * The first `limit` items in the order `primary` then `rest`: the whole list sorted
 * when it is short; otherwise ordered by the cheap `primary` alone, and only the
 * items up to the last one tied with the limit's item sorted in full. Collating
 * names is most of the cost of sorting the tens of thousands of items a large
 * school has, and the screen shows a few hundred. Both sorts are stable, so the
 * result is the head of the fully sorted list exactly.
 */
export function firstInOrder<T>(items: T[], limit: number, primary: (a: T, b: T) => number, rest: (a: T, b: T) => number): T[] {
  const full = (a: T, b: T) => primary(a, b) || rest(a, b);
  if (items.length <= limit) return items.sort(full);
  items.sort(primary);
  const edge = items[limit - 1] as T;
  let end = limit;
  while (end < items.length && primary(items[end] as T, edge) === 0) end++;
  return items.slice(0, end).sort(full).slice(0, limit);
}

const byStartThenName = (a: { startOn: string | null; cohortName: string }, b: { startOn: string | null; cohortName: string }) =>
  byText(a.startOn ?? '', b.startOn ?? '') || byText(a.cohortName, b.cohortName);

function cohortRef(index: TodayIndex, c: ReminderCohort) {
  return {
    cohortId: c.id,
    cohortName: c.name,
    programId: c.programId,
    programName: index.programName.get(c.programId) ?? '',
    startOn: c.startOn,
    capacity: c.capacity,
    minimumToRun: c.minimumToRun,
    seatsTaken: index.seats.get(c.id) ?? 0,
  };
}

function cohortNameOf(index: TodayIndex, e: ReminderEnrollment): string | null {
  return e.cohortId ? (index.cohortById.get(e.cohortId)?.name ?? null) : null;
}

/**
 * Every list of the Today screen as of `asOf`, each sorted for reading, with the
 * counts the badge shows. With a `limit`, the long lists hold only their first
 * `limit` items (the counts still count them all).
 */
export function computeToday(data: ReminderData, asOf: string, limit = Number.POSITIVE_INFINITY): TodayLists {
  const { settings } = data;
  const index = indexToday(data, asOf);
  const followUps = dueFollowUps(data, index);
  const noCallBack = thinkingWithoutCallBack(data, index);
  const { overdue, dueSoon } = instalmentsDue(data, index);
  const cohortStarts = cohortsStarting(data, index);
  const invites = cohortInvites(data, index);
  const cohortHealth = cohortsInTrouble(data, index);
  const lowBalance = lowBalances(data, index);
  const week = weekAround(asOf, settings.weekStart);
  const birthdays = birthdaysInWeek(data, index, week);
  const tasks = dueTasks(data, index);
  const lists: ReminderLists = {
    followUps,
    noCallBack,
    overdue: [],
    dueSoon: [],
    cohortStarts,
    invites,
    cohortHealth,
    lowBalance,
    birthdays,
    tasks,
  };
  const counts = countToday(lists, {
    overdue: overdue.length,
    dueSoon: dueSoon.length,
    dueToday: dueSoon.filter((c) => c.instalment.dueOn === asOf).length,
  });
  lists.followUps = firstInOrder(followUps, limit, (a, b) => byCode(a.followUpOn, b.followUpOn), byNameThenEnrollment);
  lists.noCallBack = noCallBack.sort(byNameThenEnrollment);
  lists.overdue = firstInOrder(overdue, limit, byCandidateDue, byCandidateRest).map((c) => owedItem(index, c));
  lists.dueSoon = firstInOrder(dueSoon, limit, byCandidateDue, byCandidateRest).map((c) => owedItem(index, c));
  // Two namesakes with the same balance are ordered by id, not by the order the balances were read in.
  lists.lowBalance = firstInOrder(
    lowBalance,
    limit,
    (a, b) => (a.prepaidMinor ?? 0) - (b.prepaidMinor ?? 0),
    (a, b) => byName(a, b) || byCode(a.clientId, b.clientId),
  );
  lists.birthdays = firstInOrder(
    birthdays,
    limit,
    (a, b) => byCode(a.on, b.on),
    (a, b) => byName(a, b) || byCode(a.clientId, b.clientId),
  );
  return {
    asOf,
    weekFrom: week.from,
    weekTo: week.to,
    dueSoonDays: settings.dueSoonDays,
    startSoonDays: settings.startSoonDays,
    moneyVisible: data.moneyVisible,
    amountsVisible: data.moneyVisible,
    ...lists,
    counts,
  };
}

function indexToday(data: ReminderData, asOf: string): TodayIndex {
  const states = new Map(data.states.map((s) => [`${s.kind}|${s.subjectId}`, s]));
  // Most kinds have no snoozed or dismissed item at all: their tens of thousands of items skip the lookup.
  const kindsWithStates = new Set(data.states.map((s) => s.kind));
  const clientById = data.clientById ?? new Map(data.clients.map((c) => [c.id, c]));
  const byCohort = new Map<string, ReminderEnrollment[]>();
  const groupless = new Map<string, ReminderEnrollment[]>();
  for (const e of data.enrollments) {
    const map = e.cohortId ? byCohort : groupless;
    const key = e.cohortId ?? e.programId;
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  }
  const seats = new Map<string, number>();
  for (const e of data.enrollments) {
    if (e.cohortId && seatTaking.has(e.status) && clientById.has(e.clientId)) seats.set(e.cohortId, (seats.get(e.cohortId) ?? 0) + 1);
  }
  return {
    asOf,
    hidden: (kind, subjectId) => kindsWithStates.has(kind) && isHidden(states, kind, subjectId, asOf),
    clientById,
    programName: new Map(data.programs.map((p) => [p.id, p.name])),
    cohortById: new Map(data.cohorts.map((c) => [c.id, c])),
    enrollmentById: data.enrollmentById ?? new Map(data.enrollments.map((e) => [e.id, e])),
    byCohort,
    groupless,
    seats,
  };
}

/** Follow-ups whose day has come (or passed while nobody looked). Unordered: computeToday orders them. */
function dueFollowUps(data: ReminderData, index: TodayIndex): FollowUpItem[] {
  const { asOf } = index;
  const followUps: FollowUpItem[] = [];
  for (const e of data.enrollments) {
    const client = index.clientById.get(e.clientId);
    if (!client || !e.followUpOn || e.followUpOn > asOf || !followUpStatuses.includes(e.status)) continue;
    const subjectId = followUpSubject(e.id, e.followUpOn);
    if (index.hidden('follow_up', subjectId)) continue;
    followUps.push({
      kind: 'follow_up',
      subjectId,
      ...clientRef(client),
      enrollmentId: e.id,
      status: e.status,
      followUpOn: e.followUpOn,
      daysOverdue: calendarDaysBetween(e.followUpOn, asOf),
      programName: index.programName.get(e.programId) ?? '',
      cohortName: cohortNameOf(index, e),
    });
  }
  return followUps;
}

/** People thinking it over with no call-back day: the lead nobody would otherwise call again. Unordered: computeToday orders them. */
function thinkingWithoutCallBack(data: ReminderData, index: TodayIndex): NoCallBackItem[] {
  const items: NoCallBackItem[] = [];
  for (const e of data.enrollments) {
    const client = index.clientById.get(e.clientId);
    if (!client || e.followUpOn || e.status !== 'thinking') continue;
    const subjectId = `${e.id}@none`;
    if (index.hidden('follow_up', subjectId)) continue;
    items.push({
      kind: 'follow_up',
      subjectId,
      ...clientRef(client),
      enrollmentId: e.id,
      status: e.status,
      programName: index.programName.get(e.programId) ?? '',
      cohortName: cohortNameOf(index, e),
    });
  }
  return items;
}

/** An instalment a money list will hold, before it is made into an item (only the first few hundred of a long list are). */
interface OwedCandidate {
  instalment: ReminderInstalment;
  enrollment: ReminderEnrollment;
  client: ReminderClient;
}

/** Instalments still owed: overdue, and due within the horizon (both empty when money is not visible). Unordered. */
function instalmentsDue(data: ReminderData, index: TodayIndex): { overdue: OwedCandidate[]; dueSoon: OwedCandidate[] } {
  const overdue: OwedCandidate[] = [];
  const dueSoon: OwedCandidate[] = [];
  if (!data.moneyVisible) return { overdue, dueSoon };
  const { asOf } = index;
  const horizon = addDaysIso(asOf, data.settings.dueSoonDays);
  for (const instalment of data.instalments) {
    if (instalment.outstandingMinor <= 0 || instalment.dueOn > horizon) continue;
    const enrollment = index.enrollmentById.get(instalment.enrollmentId);
    const client = enrollment ? index.clientById.get(enrollment.clientId) : undefined;
    if (!enrollment || !client || !billable.has(enrollment.status)) continue;
    const late = instalment.dueOn < asOf;
    if (index.hidden(late ? 'instalment_overdue' : 'instalment_due', instalment.id)) continue;
    (late ? overdue : dueSoon).push({ instalment, enrollment, client });
  }
  return { overdue, dueSoon };
}

const byCandidateDue = (a: OwedCandidate, b: OwedCandidate) => byCode(a.instalment.dueOn, b.instalment.dueOn);
const byCandidateRest = (a: OwedCandidate, b: OwedCandidate) =>
  byText(a.client.displayName, b.client.displayName) || byCode(a.instalment.id, b.instalment.id);

function owedItem(index: TodayIndex, { instalment: i, enrollment: e, client }: OwedCandidate): InstalmentItem {
  const late = i.dueOn < index.asOf;
  const daysUntil = calendarDaysBetween(index.asOf, i.dueOn);
  return {
    kind: late ? 'instalment_overdue' : 'instalment_due',
    subjectId: i.id,
    ...clientRef(client),
    instalmentId: i.id,
    enrollmentId: e.id,
    programName: index.programName.get(e.programId) ?? '',
    cohortName: cohortNameOf(index, e),
    dueOn: i.dueOn,
    amountMinor: i.amountMinor,
    outstandingMinor: i.outstandingMinor,
    daysLate: late ? -daysUntil : 0,
    daysUntil,
  };
}

/** Cohorts that have a start day, have not started running and do not start before `asOf`. */
function upcomingCohorts(data: ReminderData, asOf: string): (ReminderCohort & { startOn: string })[] {
  return data.cohorts.filter(
    (c): c is ReminderCohort & { startOn: string } => !!c.startOn && upcomingCohortStatuses.has(c.status) && c.startOn >= asOf,
  );
}

/** Cohorts starting soon, with the people who asked to be told N days before (a cohort further off is listed for them alone). */
function cohortsStarting(data: ReminderData, index: TodayIndex): CohortStartItem[] {
  const { asOf } = index;
  const startHorizon = addDaysIso(asOf, data.settings.startSoonDays);
  const cohortStarts: CohortStartItem[] = [];
  for (const c of upcomingCohorts(data, asOf)) {
    const toNotify = (index.byCohort.get(c.id) ?? [])
      .filter((e) => e.notifyBeforeDays !== null && notifiableStatuses.includes(e.status))
      .filter((e) => calendarDaysBetween(asOf, c.startOn) <= (e.notifyBeforeDays as number))
      .flatMap((e) => {
        const client = index.clientById.get(e.clientId);
        const subjectId = `${c.id}:${e.id}`;
        if (!client || index.hidden('cohort_start', subjectId)) return [];
        return [{ ...clientRef(client), enrollmentId: e.id, status: e.status, notifyBeforeDays: e.notifyBeforeDays as number, subjectId }];
      })
      .sort(byNameThenEnrollment);
    if ((c.startOn <= startHorizon || toNotify.length > 0) && !index.hidden('cohort_start', c.id)) {
      const daysUntil = calendarDaysBetween(asOf, c.startOn);
      cohortStarts.push({ kind: 'cohort_start', subjectId: c.id, ...cohortRef(index, c), daysUntil, toNotify });
    }
  }
  return cohortStarts.sort(byStartThenName);
}

/** Cohorts starting soon that are under their minimum to run or over capacity. */
function cohortsInTrouble(data: ReminderData, index: TodayIndex): CohortHealthItem[] {
  const { asOf } = index;
  const startHorizon = addDaysIso(asOf, data.settings.startSoonDays);
  const cohortHealth: CohortHealthItem[] = [];
  for (const c of upcomingCohorts(data, asOf)) {
    if (c.startOn > startHorizon) continue;
    const taken = index.seats.get(c.id) ?? 0;
    const problem =
      c.minimumToRun !== null && taken < c.minimumToRun
        ? 'under_minimum'
        : c.capacity !== null && taken > c.capacity
          ? 'over_capacity'
          : null;
    const subjectId = `${c.id}:${problem}`;
    if (problem && !index.hidden('cohort_health', subjectId))
      cohortHealth.push({
        kind: 'cohort_health',
        subjectId,
        ...cohortRef(index, c),
        problem,
        daysUntil: calendarDaysBetween(asOf, c.startOn),
      });
  }
  return cohortHealth.sort(byStartThenName);
}

/**
 * Open cohorts of a program, with the people interested in that program but in no group yet.
 * Only the next group of each program is offered: the same people would otherwise
 * be listed once per future cohort, which on a big school is most of the page.
 */
function cohortInvites(data: ReminderData, index: TodayIndex): CohortInviteItem[] {
  const nextOfProgram = new Map<string, ReminderCohort>();
  for (const c of data.cohorts) {
    if (!upcomingCohortStatuses.has(c.status) || (c.startOn !== null && c.startOn < index.asOf)) continue;
    const seen = nextOfProgram.get(c.programId);
    if (!seen || (c.startOn ?? '9999') < (seen.startOn ?? '9999')) nextOfProgram.set(c.programId, c);
  }
  const invites: CohortInviteItem[] = [];
  for (const c of nextOfProgram.values()) {
    if (index.hidden('cohort_invite', c.id)) continue;
    const interested = (index.groupless.get(c.programId) ?? [])
      .filter((e) => interestedStatuses.includes(e.status))
      .flatMap((e) => {
        const client = index.clientById.get(e.clientId);
        const subjectId = `${c.id}:${e.id}`;
        if (!client || index.hidden('cohort_invite', subjectId)) return [];
        return [{ ...clientRef(client), enrollmentId: e.id, status: e.status, subjectId }];
      })
      .sort(byNameThenEnrollment);
    if (interested.length > 0) invites.push({ kind: 'cohort_invite', subjectId: c.id, ...cohortRef(index, c), interested });
  }
  return invites.sort((a, b) => byText(a.startOn ?? '9999', b.startOn ?? '9999') || byText(a.cohortName, b.cohortName));
}

/** Clients whose money paid ahead is running out. Unordered: computeToday orders them. */
function lowBalances(data: ReminderData, index: TodayIndex): LowBalanceItem[] {
  const threshold = data.settings.lowBalanceMinor;
  const lowBalance: LowBalanceItem[] = [];
  if (!data.moneyVisible || threshold === null) return lowBalance;
  for (const [clientId, prepaidMinor] of data.prepaid) {
    const client = index.clientById.get(clientId);
    if (!client || prepaidMinor <= 0 || prepaidMinor >= threshold) continue;
    if (index.hidden('low_balance', clientId)) continue;
    lowBalance.push({ kind: 'low_balance', subjectId: clientId, ...clientRef(client), prepaidMinor, thresholdMinor: threshold });
  }
  return lowBalance;
}

/** Birthdays in the week holding `asOf` (a week running over New Year checks both years). Unordered: computeToday orders them. */
function birthdaysInWeek(data: ReminderData, index: TodayIndex, week: { from: string; to: string }): BirthdayItem[] {
  const birthdays: BirthdayItem[] = [];
  const years = new Set([Number(week.from.slice(0, 4)), Number(week.to.slice(0, 4))]);
  for (const client of data.clients) {
    if (!client.birthDate) continue;
    const birthYear = Number(client.birthDate.slice(0, 4));
    for (const year of years) {
      const on = birthdayIn(client.birthDate, year);
      if (on < week.from || on > week.to || year <= birthYear) continue;
      const subjectId = `${client.id}@${year}`;
      if (index.hidden('birthday', subjectId)) continue;
      birthdays.push({ kind: 'birthday', subjectId, ...clientRef(client), birthDate: client.birthDate, on, turns: year - birthYear });
    }
  }
  return birthdays;
}

/** Manual tasks: undone, due today or earlier, or with no date at all. */
function dueTasks(data: ReminderData, index: TodayIndex): TaskItem[] {
  const { asOf } = index;
  return data.tasks
    .filter((t) => t.doneAt === null && (t.dueOn === null || t.dueOn <= asOf) && !index.hidden('task', t.id))
    .map((t) => ({
      kind: 'task' as const,
      subjectId: t.id,
      taskId: t.id,
      title: t.title,
      dueOn: t.dueOn,
      clientId: t.clientId,
      clientName: t.clientId ? (index.clientById.get(t.clientId)?.displayName ?? null) : null,
      enrollmentId: t.enrollmentId,
      notes: t.notes,
      daysOverdue: t.dueOn ? calendarDaysBetween(t.dueOn, asOf) : 0,
    }))
    .sort((a, b) => byCode(a.dueOn ?? '9999', b.dueOn ?? '9999') || byText(a.title, b.title) || byCode(a.taskId, b.taskId));
}

/**
 * The total is what needs doing: follow-ups, overdue instalments, people to invite or
 * to tell of a start, cohorts in trouble, tasks, and instalments due this very day.
 * Birthdays and low balances are shown but not counted.
 */
function countToday(lists: ReminderLists, owed: { overdue: number; dueSoon: number; dueToday: number }): TodayCounts {
  const { followUps, cohortStarts, invites, cohortHealth, lowBalance, birthdays, tasks } = lists;
  const counts: TodayCounts = {
    followUps: followUps.length,
    noCallBack: lists.noCallBack.length,
    overdue: owed.overdue,
    dueSoon: owed.dueSoon,
    cohortStarts: cohortStarts.length,
    invites: invites.reduce((n, c) => n + c.interested.length, 0),
    cohortHealth: cohortHealth.length,
    lowBalance: lowBalance.length,
    birthdays: birthdays.length,
    tasks: tasks.length,
    total: 0,
  };
  counts.total =
    counts.followUps +
    counts.overdue +
    counts.invites +
    counts.cohortHealth +
    counts.tasks +
    cohortStarts.reduce((n, c) => n + c.toNotify.length, 0) +
    owed.dueToday;
  return counts;
}

/**
 * The next instant the daily reminder is due: `time` (HH:mm) on the school's
 * calendar day in `timeZone`, today if still ahead of `now`, else tomorrow. Found
 * by asking Intl for the zone's offset at that wall time, so a DST change between
 * now and then moves the instant with it; a wall time skipped by a spring-forward
 * falls an hour later, as the clocks on the wall do.
 */
export function nextReminderAt(time: string, timeZone: string, now: Date): Date {
  const wallTime = time.slice(0, 5);
  let day = todayIn(timeZone, now);
  for (let i = 0; i < 3; i++) {
    const instant = zonedInstant(day, wallTime, timeZone);
    if (instant.getTime() > now.getTime()) return instant;
    day = addDaysIso(day, 1);
  }
  return zonedInstant(day, wallTime, timeZone);
}

// ---- reading the snapshot ------------------------------------------------------

/**
 * How much of the school a snapshot holds. `everything` is the plain reading the
 * lists are defined over: every live client and enrollment, every paying client
 * settled. `relevant`, what the Today screen reads, holds only the rows that can
 * reach a list on `asOf` — follow-ups due, enrollments of cohorts not yet started,
 * people waiting for a group, enrollments with an instalment still owed (money as
 * reminder-money.ts works it out, settling only the clients it cannot), clients
 * with a birthday this week, a task or money running low, and the clients of all
 * of these — because reading and settling a school of 100,000 took seconds per
 * open of the app. Each clause is a superset of a list's own test, and extra rows
 * only meet that test again; rows are read in table order in both, so ties sort
 * alike. Both give the same lists (tests/integration/today-fast.test.ts).
 */
export type ReminderReach = 'relevant' | 'everything';

export const clientColumns = 'id, display_name AS displayName, phone, email, birth_date AS birthDate';
export const enrollmentColumns =
  'id, client_id AS clientId, program_id AS programId, cohort_id AS cohortId, status, follow_up_on AS followUpOn, notify_before_days AS notifyBeforeDays';
export const listedEnrollments = "deleted_at IS NULL AND status NOT IN ('declined', 'cancelled', 'transferred')";
export const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Enrollments a list can show on `@asOf`, whose seats a cohort on the lists counts, or with an instalment still owed (`@owing`). */
const relevantEnrollmentsSql = `SELECT ${enrollmentColumns} FROM enrollments WHERE ${listedEnrollments} AND (
    (status IN (${quoted(followUpStatuses)}) AND follow_up_on <= @asOf)
    OR (status = 'thinking' AND (follow_up_on IS NULL OR follow_up_on = ''))
    OR (cohort_id IS NULL AND status IN (${quoted(interestedStatuses)}))
    OR cohort_id IN (SELECT id FROM cohorts WHERE deleted_at IS NULL AND status IN (${quoted([...upcomingCohortStatuses])})
                     AND (start_on IS NULL OR start_on >= @asOf))
    OR id IN (SELECT value FROM json_each(@owing)))`;

/**
 * Clients named by `@ids`, and those whose birthday (month-day, 29 February always
 * kept) falls in the week: `on` is `<year>-<month-day>`, so within one year the
 * test reduces to comparing month-days; a week over New Year takes both ends.
 */
const relevantClientsSql = (weekInOneYear: boolean) => `SELECT ${clientColumns} FROM clients
  WHERE deleted_at IS NULL AND archived = 0 AND (id IN (SELECT value FROM json_each(@ids))
    OR (birth_date IS NOT NULL AND (substr(birth_date, 6) = '02-29' OR ${
      weekInOneYear
        ? 'substr(birth_date, 6) BETWEEN @fromDay AND @toDay'
        : '(substr(birth_date, 6) >= @fromDay OR substr(birth_date, 6) <= @toDay)'
    })))`;

const enrollmentsByIdSql = `SELECT ${enrollmentColumns} FROM enrollments WHERE ${listedEnrollments} AND id IN (SELECT value FROM json_each(?))`;
const clientsByIdSql = `SELECT ${clientColumns} FROM clients WHERE deleted_at IS NULL AND archived = 0 AND id IN (SELECT value FROM json_each(?))`;

/**
 * The enrollments that can reach a list (`relevantEnrollmentsSql`), kept between
 * calls and re-read where they changed (today-cache.ts); a cohort's change reads
 * them all again, since it moves whole groups in or out. Rows re-read or added
 * since need only be listed ones: an extra enrollment is skipped by every list
 * that does not want it, so a superset gives the same lists.
 */
function relevantEnrollments(ctx: ServiceContext, asOf: string, owing: readonly string[]): ReadonlyMap<string, ReminderEnrollment> {
  const { sqlite } = ctx.db;
  const byId = (ids: readonly string[]) => cachedStatement(sqlite, enrollmentsByIdSql).all(JSON.stringify(ids)) as ReminderEnrollment[];
  const rows = followedRows<ReminderEnrollment>(ctx, {
    name: 'today.enrollments',
    key: asOf,
    table: 'enrollments',
    reloadOn: ['cohorts'],
    read: (ids) =>
      ids === null
        ? (sqlite.prepare(`${relevantEnrollmentsSql} ORDER BY rowid`).all({ asOf, owing: JSON.stringify(owing) }) as ReminderEnrollment[])
        : byId(ids),
  });
  const missing = owing.filter((id) => !rows.has(id));
  if (missing.length > 0) for (const row of byId(missing)) rows.set(row.id, row);
  return rows;
}

/** The clients the lists name (`ids`) and those with a birthday in the week, kept like the enrollments above. */
function relevantClients(
  ctx: ServiceContext,
  asOf: string,
  weekStart: number,
  ids: readonly string[],
): ReadonlyMap<string, ReminderClient> {
  const { sqlite } = ctx.db;
  const byId = (wanted: readonly string[]) => cachedStatement(sqlite, clientsByIdSql).all(JSON.stringify(wanted)) as ReminderClient[];
  const week = weekAround(asOf, weekStart);
  const oneYear = week.from.slice(0, 4) === week.to.slice(0, 4);
  const unique = [...new Set(ids)];
  const rows = followedRows<ReminderClient>(ctx, {
    name: 'today.clients',
    key: `${asOf}|${weekStart}`,
    table: 'clients',
    reloadOn: [],
    read: (touched) =>
      touched === null
        ? (sqlite
            .prepare(`${relevantClientsSql(oneYear)} ORDER BY rowid`)
            .all({ ids: JSON.stringify(unique), fromDay: week.from.slice(5), toDay: week.to.slice(5) }) as ReminderClient[])
        : byId(touched),
  });
  const missing = unique.filter((id) => !rows.has(id));
  if (missing.length > 0) for (const row of byId(missing)) rows.set(row.id, row);
  return rows;
}

/**
 * Settles `clientIds` with the balance service and adds to `into` their instalments
 * still owed (all of them, or those due by `horizon`) and, for clients who ever
 * paid, the money they paid ahead (see LowBalanceItem).
 */
export function settleReminderMoney(
  ctx: ServiceContext,
  clientIds: readonly string[],
  asOf: string,
  horizon: string | null,
  into: { instalments: ReminderInstalment[]; prepaid: Map<string, number> },
): void {
  for (const [clientId, money] of settledMoney(ctx, clientIds, asOf, horizon)) {
    into.instalments.push(...money.owed);
    if (money.ahead !== null) into.prepaid.set(clientId, money.ahead);
  }
}

/** The settings the engine reads, and whether the actor sees the money lists at all. */
export function reminderSettings(ctx: ServiceContext): Pick<ReminderData, 'settings' | 'moneyVisible'> {
  const settings = getSettings(ctx);
  return {
    settings: {
      dueSoonDays: settings.dueSoonDays,
      startSoonDays: settings.startSoonDays,
      lowBalanceMinor: settings.lowBalanceMinor,
      weekStart: settings.weekStart,
    },
    moneyVisible: roleCan(ctx.actor.role, 'payments.read'),
  };
}

/** Programs, and the cohorts not finished or cancelled: few rows, read whole by every snapshot. */
export function reminderCatalog(ctx: ServiceContext): Pick<ReminderData, 'programs' | 'cohorts'> {
  const { sqlite } = ctx.db;
  return {
    programs: sqlite.prepare('SELECT id, name FROM programs WHERE deleted_at IS NULL').all() as { id: string; name: string }[],
    cohorts: sqlite
      .prepare(
        `SELECT id, program_id AS programId, name, start_on AS startOn, status, capacity, minimum_to_run AS minimumToRun
         FROM cohorts WHERE deleted_at IS NULL AND status NOT IN ('finished', 'cancelled')`,
      )
      .all() as ReminderCohort[],
  };
}

export function loadReminderData(ctx: ServiceContext, asOf: string, reach: ReminderReach = 'relevant'): ReminderData {
  const settings = getSettings(ctx);
  const { sqlite } = ctx.db;
  const moneyVisible = roleCan(ctx.actor.role, 'payments.read');
  const everything = reach === 'everything';
  const horizon = addDaysIso(asOf, settings.dueSoonDays);
  // The simple clients' money worked out in SQL, the others settled (reminder-money.ts), kept between calls (today-cache.ts).
  const money =
    moneyVisible && !everything
      ? cachedTodayMoney(ctx, { asOf, horizon, lowBalanceMinor: settings.lowBalanceMinor })
      : { instalments: [], prepaid: new Map<string, number>() };
  const { instalments, prepaid } = money as { instalments: ReminderInstalment[]; prepaid: Map<string, number> };
  if (moneyVisible && everything) {
    const everyPayer = sqlite
      .prepare(
        `SELECT DISTINCT client_id FROM enrollments WHERE deleted_at IS NULL AND status IN (SELECT value FROM json_each(?))
         UNION SELECT DISTINCT client_id FROM payments WHERE deleted_at IS NULL AND voided_at IS NULL`,
      )
      .pluck()
      .all(JSON.stringify(billableStatuses)) as string[];
    settleReminderMoney(ctx, everyPayer, asOf, null, { instalments, prepaid });
  }

  const { programs, cohorts } = reminderCatalog(ctx);
  const enrollmentById = everything ? null : relevantEnrollments(ctx, asOf, [...new Set(instalments.map((i) => i.enrollmentId))]);
  const enrollments = enrollmentById
    ? [...enrollmentById.values()]
    : (sqlite
        .prepare(`SELECT ${enrollmentColumns} FROM enrollments WHERE ${listedEnrollments} ORDER BY rowid`)
        .all() as ReminderEnrollment[]);
  const tasks = sqlite
    .prepare(
      'SELECT id, title, client_id AS clientId, enrollment_id AS enrollmentId, due_on AS dueOn, done_at AS doneAt, notes FROM tasks WHERE deleted_at IS NULL AND done_at IS NULL',
    )
    .all() as ReminderTask[];
  const states = sqlite
    .prepare(
      'SELECT kind, subject_id AS subjectId, snoozed_until AS snoozedUntil, dismissed_at AS dismissedAt FROM reminder_states WHERE deleted_at IS NULL ORDER BY updated_at',
    )
    .all() as ReminderStateRow[];
  const clientById = everything
    ? null
    : relevantClients(ctx, asOf, settings.weekStart, [
        ...prepaid.keys(),
        ...enrollments.map((e) => e.clientId),
        ...tasks.flatMap((t) => (t.clientId ? [t.clientId] : [])),
      ]);
  const clients = clientById
    ? [...clientById.values()]
    : (sqlite
        .prepare(`SELECT ${clientColumns} FROM clients WHERE deleted_at IS NULL AND archived = 0 ORDER BY rowid`)
        .all() as ReminderClient[]);

  return {
    settings: {
      dueSoonDays: settings.dueSoonDays,
      startSoonDays: settings.startSoonDays,
      lowBalanceMinor: settings.lowBalanceMinor,
      weekStart: settings.weekStart,
    },
    moneyVisible,
    clients,
    programs,
    cohorts,
    enrollments,
    instalments,
    prepaid,
    tasks,
    states,
    ...(clientById && enrollmentById ? { clientById, enrollmentById } : {}),
  };
}

/** The school's calendar day for the engine: `asOf` if given, else today in the settings' time zone. */
export function reminderDay(ctx: ServiceContext, asOf?: string): string {
  return asOf ?? todayIn(getSettings(ctx).timeZone, ctx.clock.now());
}

/** Items per list the Today screen receives; `counts` still tells the whole number. */
export const todayListLimit = 300;

/** The whole lists for the day, kept while nothing is written (today-cache.ts): the screen and the badge ask for them often. */
function todayLists(ctx: ServiceContext, asOf: string): TodayLists {
  return cachedLists(ctx, `${asOf}|${ctx.actor.role}`, () => computeToday(loadReminderData(ctx, asOf), asOf, todayListLimit));
}

export function getToday(ctx: ServiceContext, input: MethodParsedInput<'today.get'>): TodayLists {
  const asOf = reminderDay(ctx, input.asOf);
  const whole = todayLists(ctx, asOf);
  // The lists come sorted most urgent first; a school with thousands of overdue
  // instalments sees the first few hundred and the full count, not a page that never loads.
  const capped = <T>(list: readonly T[]): T[] => list.slice(0, todayListLimit);
  const lists: TodayLists = {
    ...whole,
    followUps: capped(whole.followUps),
    noCallBack: capped(whole.noCallBack),
    overdue: capped(whole.overdue),
    dueSoon: capped(whole.dueSoon),
    cohortStarts: capped(whole.cohortStarts).map((start) => ({ ...start, toNotify: capped(start.toNotify) })),
    invites: capped(whole.invites).map((invite) => ({ ...invite, interested: capped(invite.interested) })),
    cohortHealth: capped(whole.cohortHealth),
    lowBalance: capped(whole.lowBalance),
    birthdays: capped(whole.birthdays),
    tasks: capped(whole.tasks),
  };
  return seesMoneyAcrossClients(ctx) ? lists : withoutAmounts(lists);
}

/**
 * The lists as a role without finance.read gets them: every reminder (who, and
 * when it is due or since when late), none of the amounts, which summed over the
 * list would be the school's outstanding money.
 */
function withoutAmounts(lists: TodayLists): TodayLists {
  const due = ({ amountMinor: _amount, outstandingMinor: _outstanding, ...item }: InstalmentItem): InstalmentItem => item;
  return {
    ...lists,
    amountsVisible: false,
    overdue: lists.overdue.map(due),
    dueSoon: lists.dueSoon.map(due),
    lowBalance: lists.lowBalance.map(({ prepaidMinor: _prepaid, thresholdMinor: _threshold, ...item }) => item),
  };
}

export function getTodayCounts(ctx: ServiceContext, input: MethodParsedInput<'today.counts'>): TodayCounts {
  return todayLists(ctx, reminderDay(ctx, input.asOf)).counts;
}

// ---- what people do with a reminder --------------------------------------------

function findState(ctx: Pick<ServiceContext, 'db'>, kind: string, subjectId: string) {
  return ctx.db.orm
    .select()
    .from(reminderStates)
    .where(and(eq(reminderStates.kind, kind), eq(reminderStates.subjectId, subjectId), isNull(reminderStates.deletedAt)))
    .get();
}

function toState(row: typeof reminderStates.$inferSelect): ReminderState {
  return {
    id: row.id,
    kind: row.kind as ReminderKind,
    subjectId: row.subjectId,
    snoozedUntil: row.snoozedUntil,
    dismissedAt: row.dismissedAt,
  };
}

/** Records one reminder's state, editing the existing row of that reminder if there is one. */
export function setReminderState(
  ctx: ServiceContext,
  kind: ReminderKind,
  subjectId: string,
  values: { snoozedUntil: string | null; dismissedAt: string | null },
): ReminderState {
  const existing = findState(ctx, kind, subjectId);
  if (existing) {
    applyChanges(ctx, [{ op: 'update', table: 'reminder_states', id: existing.id, values: { ...values, userId: ctx.actor.userId } }]);
  } else {
    applyChanges(ctx, [{ op: 'insert', table: 'reminder_states', values: { kind, subjectId, ...values, userId: ctx.actor.userId } }]);
  }
  const row = findState(ctx, kind, subjectId);
  if (!row) throw new Error('The reminder state was not written');
  return toState(row);
}

export function snoozeReminder(ctx: ServiceContext, input: MethodParsedInput<'reminders.snooze'>): ReminderState {
  if (input.until <= reminderDay(ctx)) throw invalid(['until'], 'not_future', 'Choose a day after today');
  return setReminderState(ctx, input.kind, input.subjectId, { snoozedUntil: input.until, dismissedAt: null });
}

export function dismissReminder(ctx: ServiceContext, input: MethodParsedInput<'reminders.dismiss'>): ReminderState {
  return setReminderState(ctx, input.kind, input.subjectId, { snoozedUntil: null, dismissedAt: ctx.clock.now().toISOString() });
}

export function restoreReminder(ctx: ServiceContext, input: MethodParsedInput<'reminders.restore'>): ReminderState {
  return setReminderState(ctx, input.kind, input.subjectId, { snoozedUntil: null, dismissedAt: null });
}

/**
 * One contact with an enquirer, as one action: the timeline entry, the new status
 * and the next follow-up day are written together or not at all (the router's
 * transaction), so a refused date never leaves a logged call without its follow-up.
 */
export function logFollowUp(
  ctx: ServiceContext,
  input: MethodParsedInput<'followUps.log'>,
): { activityId: string; followUpOn: string | null; status: EnrollmentStatus } {
  const enrollment = ctx.db.sqlite
    .prepare('SELECT client_id AS clientId FROM enrollments WHERE id = ? AND deleted_at IS NULL')
    .get(input.enrollmentId) as { clientId: string } | undefined;
  if (!enrollment) throw notFound('Enrollment', input.enrollmentId, ['enrollmentId']);
  if (input.nextFollowUpOn && input.nextFollowUpOn <= reminderDay(ctx))
    throw invalid(['nextFollowUpOn'], 'not_future', 'Choose a day after today');
  const activity = createActivity(ctx, {
    clientId: enrollment.clientId,
    enrollmentId: input.enrollmentId,
    kind: input.kind,
    summary: input.summary,
  });
  if (input.status) setEnrollmentStatus(ctx, { id: input.enrollmentId, status: input.status });
  const updated =
    input.nextFollowUpOn === undefined ? null : updateEnrollment(ctx, { id: input.enrollmentId, followUpOn: input.nextFollowUpOn });
  const current = ctx.db.sqlite
    .prepare('SELECT status, follow_up_on AS followUpOn FROM enrollments WHERE id = ?')
    .get(input.enrollmentId) as { status: EnrollmentStatus; followUpOn: string | null };
  return { activityId: activity.id, followUpOn: updated ? updated.followUpOn : current.followUpOn, status: current.status };
}
