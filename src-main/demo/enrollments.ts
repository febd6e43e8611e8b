/**
 * One enrollment of the demo school and the history around it: which program a
 * person joins (by age group) and which cohort, if any; the status that cohort's
 * season makes likely, with a full group turning the person to its waitlist; the
 * price agreed and any discount; how the status got where it is; and the calls,
 * messages and notes on the way. What it owes and what was paid is money.ts.
 */
import { addDaysIso } from '../../src-shared/dates';
import type { CohortStatus, EnrollmentStatus } from '../../src-shared/domain';
import { newId } from '../changes/funnel';
import type { CohortPlan, DemoCatalog, ProgramPlan } from './catalog';
import { billEnrollment } from './money';
import { clampToday, timeOn, type DemoSchool, type Person } from './school';

/** How likely each status is for an enrollment in a cohort of that status (`none`: no cohort yet, only interest). */
const statusByCohort: Record<CohortStatus | 'none', readonly (readonly [EnrollmentStatus, number])[]> = {
  finished: [
    ['completed', 70],
    ['cancelled', 9],
    ['declined', 8],
    ['transferred', 4],
    ['confirmed', 9],
  ],
  running: [
    ['confirmed', 76],
    ['trial', 8],
    ['cancelled', 6],
    ['declined', 5],
    ['waitlist', 5],
  ],
  open: [
    ['confirmed', 42],
    ['thinking', 18],
    ['inquiry', 14],
    ['trial', 6],
    ['waitlist', 10],
    ['declined', 10],
  ],
  planned: [
    ['confirmed', 25],
    ['thinking', 25],
    ['inquiry', 30],
    ['waitlist', 10],
    ['declined', 10],
  ],
  cancelled: [['cancelled', 100]],
  none: [
    ['inquiry', 50],
    ['thinking', 30],
    ['waitlist', 20],
  ],
};

const seatTaking = new Set<EnrollmentStatus>(['trial', 'confirmed', 'completed']);

/** Enrolls a person once: the enrollment, its status history, the contacts around it, then its bill. */
export function enroll(school: DemoSchool, catalog: DemoCatalog, person: Person, payerNote: boolean): void {
  const { rng, today, words } = school;
  const { program, cohort, status } = placeEnrollment(school, catalog, person);
  const listPrice = cohort?.priceMinor ?? program.priceMinor;
  const agreedPriceMinor = rng.chance(0.06) ? school.roundToUnit(listPrice * rng.pick([0.8, 0.85, 0.9])) : listPrice;
  const discountMinor = rng.chance(0.12) ? school.roundToUnit(agreedPriceMinor * rng.pick([0.05, 0.1, 0.15])) : 0;
  const anchor = cohort?.startOn ?? addDaysIso(today, -rng.int(0, 120));
  const askedOn = clampToday(school, addDaysIso(anchor, -rng.int(7, 60)));
  const decidedOn = clampToday(school, addDaysIso(anchor, -rng.int(0, 6)));
  const enrollmentId = newId(school.ctx);
  school.write({
    op: 'insert',
    table: 'enrollments',
    id: enrollmentId,
    values: {
      clientId: person.id,
      programId: program.id,
      cohortId: cohort?.id ?? null,
      status,
      agreedPriceMinor,
      discountMinor,
      notifyBeforeDays: cohort === null && rng.chance(0.5) ? rng.pick([3, 7, 14]) : null,
      followUpOn: status === 'thinking' || status === 'inquiry' ? addDaysIso(today, rng.int(-5, 20)) : null,
      reasonLost: status === 'declined' || status === 'cancelled' ? rng.pick(words.notes) : null,
      source: rng.chance(0.5) ? rng.pick(words.sources) : null,
      notes: payerNote && rng.chance(0.2) ? rng.pick(words.notes) : null,
    },
  });
  school.counts.enrollments++;
  writeStatusHistory(school, enrollmentId, status, askedOn, decidedOn);
  writeActivities(school, person, enrollmentId, askedOn);
  billEnrollment(school, {
    clientId: person.id,
    enrollmentId,
    status,
    owedMinor: agreedPriceMinor - discountMinor,
    startsOn: cohort?.startOn ?? anchor,
  });
}

/**
 * A program by the person's age group; about one in eight only shows interest (no
 * cohort). A seat-taking status in a full cohort tries up to four other cohorts,
 * then settles for the waitlist (or, in a finished cohort, declined).
 */
function placeEnrollment(
  school: DemoSchool,
  catalog: DemoCatalog,
  person: Person,
): { program: ProgramPlan; cohort: CohortPlan | null; status: EnrollmentStatus } {
  const { rng } = school;
  const program = catalog.programs[rng.weighted(catalog.weightsBy[person.audience])] as ProgramPlan;
  if (rng.chance(0.12)) return { program, cohort: null, status: rng.weighted(statusByCohort.none) };
  let cohort = rng.pick(program.cohorts);
  let status = rng.weighted(statusByCohort[cohort.status]);
  for (let attempt = 0; seatTaking.has(status) && cohort.seatsTaken >= cohort.capacity && attempt < 4; attempt++) {
    cohort = rng.pick(program.cohorts);
    status = rng.weighted(statusByCohort[cohort.status]);
  }
  if (seatTaking.has(status) && cohort.seatsTaken >= cohort.capacity) status = cohort.status === 'finished' ? 'declined' : 'waitlist';
  if (seatTaking.has(status)) cohort.seatsTaken++;
  return { program, cohort, status };
}

/** The first status when the person asked, and the change to the present one when they decided. */
function writeStatusHistory(school: DemoSchool, enrollmentId: string, status: EnrollmentStatus, askedOn: string, decidedOn: string): void {
  const { rng, staff, words } = school;
  const firstStatus: EnrollmentStatus =
    status === 'waitlist' || status === 'thinking'
      ? 'inquiry'
      : status === 'inquiry'
        ? 'inquiry'
        : rng.pick(['inquiry', 'thinking', 'trial'] as const);
  school.write({
    op: 'insert',
    table: 'enrollment_status_history',
    values: {
      enrollmentId,
      fromStatus: null,
      toStatus: firstStatus,
      changedAt: timeOn(school, askedOn),
      changedBy: rng.pick(staff),
      note: null,
    },
  });
  if (firstStatus === status) return;
  school.write({
    op: 'insert',
    table: 'enrollment_status_history',
    values: {
      enrollmentId,
      fromStatus: firstStatus,
      toStatus: status,
      changedAt: timeOn(school, decidedOn),
      changedBy: rng.pick(staff),
      note: words.statusNote,
    },
  });
}

/** Up to three calls, messages, notes or visits in the month after the person asked. */
function writeActivities(school: DemoSchool, person: Person, enrollmentId: string, askedOn: string): void {
  const { rng, staff, words } = school;
  const activityCount = rng.weighted([
    [0, 35],
    [1, 40],
    [2, 20],
    [3, 5],
  ] as const);
  for (let i = 0; i < activityCount; i++) {
    const kind = rng.weighted([
      ['call', 45],
      ['message', 35],
      ['note', 15],
      ['visit', 5],
    ] as const);
    const summary = kind === 'call' ? rng.pick(words.calls) : kind === 'message' ? rng.pick(words.messages) : rng.pick(words.notes);
    school.write({
      op: 'insert',
      table: 'activities',
      values: {
        clientId: person.id,
        enrollmentId,
        kind,
        occurredAt: timeOn(school, clampToday(school, addDaysIso(askedOn, rng.int(0, 30)))),
        summary,
        userId: rng.pick(staff),
      },
    });
    school.counts.activities++;
  }
}
