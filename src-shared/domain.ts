/**
 * The school's vocabulary as closed sets, shared by the database layer, the API
 * contract and the UI, plus the rules that are pure functions of these values
 * (which status may follow which, which statuses take a seat).
 */
export const roles = ['owner', 'assistant', 'teacher'] as const;
export type Role = (typeof roles)[number];

export const programKinds = ['course', 'workshop', 'seminar', 'individual', 'event'] as const;
export type ProgramKind = (typeof programKinds)[number];

export const cohortStatuses = ['planned', 'open', 'running', 'finished', 'cancelled'] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

export const enrollmentStatuses = [
  'inquiry',
  'thinking',
  'trial',
  'waitlist',
  'confirmed',
  'declined',
  'cancelled',
  'completed',
  'transferred',
] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

export const paymentMethods = ['cash', 'card', 'transfer', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const activityKinds = ['call', 'message', 'visit', 'note', 'status', 'attendance', 'package'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/**
 * What a `package` timeline line tells, as the last word of its summary
 * ("Angol A1 · 10 lessons: sold"), so the page says it in the reader's language.
 * `makeup_cancelled` ends an `attendance` line: a booked make-up given back.
 */
export const packageEvents = ['sold', 'frozen', 'unfrozen', 'freeze_removed', 'used_up', 'expired', 'deleted'] as const;
export type PackageEvent = (typeof packageEvents)[number];

export const attendanceStates = ['present', 'absent', 'excused', 'late', 'makeup'] as const;
export type AttendanceState = (typeof attendanceStates)[number];

/** How the owner left the first-run wizard: which start they chose, or that they skipped it. */
export const wizardOutcomes = ['import', 'demo', 'empty', 'skipped'] as const;
export type WizardOutcome = (typeof wizardOutcomes)[number];

/**
 * Allowed status changes. Open statuses move freely among themselves; a lost
 * client (declined/cancelled) may come back; completed and transferred are final
 * so the history of a finished course is not rewritten by a stray click.
 */
const open: EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed', 'declined', 'cancelled'];
export const enrollmentTransitions: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  inquiry: open,
  thinking: open,
  trial: open,
  waitlist: open,
  confirmed: ['inquiry', 'thinking', 'trial', 'waitlist', 'declined', 'cancelled', 'completed', 'transferred'],
  declined: ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed'],
  cancelled: ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed'],
  completed: [],
  transferred: [],
};

export function canTransition(from: EnrollmentStatus, to: EnrollmentStatus): boolean {
  return from === to || enrollmentTransitions[from].includes(to);
}

/** Statuses an enrollment may be moved to another group from (enrollments.transfer); the others are over. */
export const transferableStatuses: readonly EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed'];

/** Statuses that occupy a seat in a cohort. */
export const seatTakingStatuses: readonly EnrollmentStatus[] = ['trial', 'confirmed', 'completed'];

/** Statuses whose agreed price is owed, so instalments and balances count. */
export const billableStatuses: readonly EnrollmentStatus[] = ['trial', 'confirmed', 'completed', 'transferred'];

/**
 * Whether an enrollment owes its agreed price. A `transferred` enrollment that
 * points to the enrollment it became (enrollments.transfer) owes nothing itself:
 * its payments and plan moved there, and counting both would ask the family to
 * pay twice. One marked transferred without a successor (a sheet's status) still owes.
 */
export function owesPrice(status: string, transferredToId: string | null | undefined): boolean {
  return (billableStatuses as readonly string[]).includes(status) && !transferredToId;
}

/** Likelihood used for a cohort's expected revenue. */
export const statusWeight: Record<EnrollmentStatus, number> = {
  inquiry: 0.1,
  thinking: 0.3,
  trial: 0.6,
  waitlist: 0.2,
  confirmed: 1,
  declined: 0,
  cancelled: 0,
  completed: 1,
  transferred: 0,
};
