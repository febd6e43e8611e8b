/**
 * The shapes the API returns: camelCase forms of the tables' columns plus the
 * derived values (balances, instalment states, seats taken) that are computed on
 * read and never stored. Shared by the renderer, the CLI and the tests.
 */
import type { ActivityKind, CohortStatus, EnrollmentStatus, PaymentMethod, ProgramKind, Role, WizardOutcome } from '../domain';

export interface RowMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface Settings extends RowMeta {
  schoolName: string;
  currency: string;
  locale: string;
  timeZone: string;
  weekStart: number;
  country: string | null;
  idleLockMinutes: number;
  assistantCanEditPrices: boolean;
  reminderTime: string;
  dueSoonDays: number;
  startSoonDays: number;
  lowBalanceMinor: number | null;
  /** How the owner left the first-run wizard; null while it has not been finished or skipped. */
  wizardOutcome: WizardOutcome | null;
  /** The owner closed the setup checklist on Today. */
  checklistDismissed: boolean;
}

export interface User extends RowMeta {
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface Program extends RowMeta {
  name: string;
  kind: ProgramKind;
  description: string | null;
  defaultPriceMinor: number | null;
  defaultCapacity: number | null;
  lessonCount: number | null;
  lessonMinutes: number | null;
  color: string | null;
  archived: boolean;
}

export interface Teacher extends RowMeta {
  name: string;
  email: string | null;
  phone: string | null;
  userId: string | null;
  archived: boolean;
}

export interface Room extends RowMeta {
  name: string;
  capacity: number | null;
  archived: boolean;
}

export interface ScheduleSlot {
  /** ISO weekday, Monday = 1 */
  weekday: number;
  startTime: string;
  minutes: number;
}

export interface Cohort extends RowMeta {
  programId: string;
  name: string;
  teacherId: string | null;
  roomId: string | null;
  startOn: string | null;
  endOn: string | null;
  schedule: ScheduleSlot[];
  capacity: number | null;
  minimumToRun: number | null;
  priceMinor: number | null;
  status: CohortStatus;
  published: boolean;
}

/** A cohort as lists show it: names resolved and derived counts. */
export interface CohortSummary extends Cohort {
  programName: string;
  teacherName: string | null;
  roomName: string | null;
  seatsTaken: number;
  /** The price a new enrollment gets: the cohort's, else the program's default. */
  effectivePriceMinor: number | null;
}

export interface Client extends RowMeta {
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  guardianId: string | null;
  sourceChannel: string | null;
  tags: string[];
  notes: string | null;
  marketingConsent: boolean;
  extra: Record<string, string>;
  importBatchId: string | null;
  archived: boolean;
}

/**
 * A client as the clients list shows it. The list spans clients, so its money
 * columns are there only for a role with `finance.read`: summed, they would be
 * the school's outstanding and overdue totals.
 */
export interface ClientListRow extends Client {
  /** Sum of what this client owes across billable enrollments minus what they paid (minor units); absent without finance.read. */
  balanceMinor?: number;
  /** Absent without finance.read. */
  overdueMinor?: number;
  enrollmentCount: number;
  /** Distinct statuses of the client's live enrollments. */
  enrollmentStatuses: EnrollmentStatus[];
}

/**
 * An enrollment as `enrollments.list` answers it: the price and discount are
 * absent when a role without finance.read lists the enrollments of many clients.
 */
export type EnrollmentListRow = Omit<Enrollment, 'agreedPriceMinor' | 'discountMinor'> &
  Partial<Pick<Enrollment, 'agreedPriceMinor' | 'discountMinor'>>;

export interface Enrollment extends RowMeta {
  clientId: string;
  programId: string;
  cohortId: string | null;
  status: EnrollmentStatus;
  agreedPriceMinor: number;
  discountMinor: number;
  notifyBeforeDays: number | null;
  followUpOn: string | null;
  reasonLost: string | null;
  source: string | null;
  /** Where this person came from: one of the school's source channels. */
  sourceChannel: string | null;
  /** The campaign that brought this enrollment. */
  campaignId: string | null;
  notes: string | null;
  importBatchId: string | null;
  /** The enrollment this one became when the child moved to another group (status `transferred`). */
  transferredToId: string | null;
}

export interface StatusChange {
  id: string;
  enrollmentId: string;
  fromStatus: EnrollmentStatus | null;
  toStatus: EnrollmentStatus;
  changedAt: string;
  changedBy: string | null;
  note: string | null;
}

export type InstalmentState = 'paid' | 'partial' | 'due' | 'overdue' | 'upcoming';

export interface Instalment extends RowMeta {
  enrollmentId: string;
  dueOn: string;
  amountMinor: number;
  note: string | null;
}

export interface InstalmentView extends Instalment {
  paidMinor: number;
  outstandingMinor: number;
  state: InstalmentState;
  daysLate: number;
}

export interface Payment extends RowMeta {
  clientId: string;
  enrollmentId: string | null;
  paidOn: string;
  amountMinor: number;
  method: PaymentMethod;
  reference: string | null;
  receivedBy: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  importBatchId: string | null;
}

export interface PaymentAllocation {
  paymentId: string;
  instalmentId: string;
  amountMinor: number;
  pinned: boolean;
}

export interface EnrollmentBalance {
  enrollmentId: string;
  /** Agreed price minus discount. */
  dueTotalMinor: number;
  paidMinor: number;
  balanceMinor: number;
  overdueMinor: number;
  /** Paid beyond what the instalments ask (credit). */
  creditMinor: number;
  instalments: InstalmentView[];
  nextDue: InstalmentView | null;
}

export interface EnrollmentDetail extends Enrollment {
  programName: string;
  cohortName: string | null;
  cohortStartOn: string | null;
  history: StatusChange[];
  balance: EnrollmentBalance;
  /** The enrollment this one was moved from (enrollments.transfer), if any. */
  transferredFromId: string | null;
}

export interface Activity extends RowMeta {
  clientId: string;
  enrollmentId: string | null;
  kind: ActivityKind;
  occurredAt: string;
  summary: string;
  userId: string | null;
}

export interface ClientBalance {
  clientId: string;
  dueTotalMinor: number;
  paidMinor: number;
  balanceMinor: number;
  overdueMinor: number;
  /** Payments not tied to an enrollment or paid beyond all instalments. */
  unallocatedMinor: number;
}

export interface ClientDetail extends Client {
  guardian: Client | null;
  children: Client[];
  enrollments: EnrollmentDetail[];
  payments: Payment[];
  allocations: PaymentAllocation[];
  /** The newest timeline entries (at most 30); `activities.list` gives them all. */
  activities: Activity[];
  /** How many timeline entries the client has in all. */
  activityCount: number;
  balance: ClientBalance;
  /**
   * The client plus their children: what the paying guardian owes in total. Null
   * for a role without finance.read, which sees one client's money at a time.
   */
  familyBalance: ClientBalance | null;
}

/** One person of a cohort's roster; the money columns (a roster spans clients) only for a role with finance.read. */
export interface RosterRow {
  enrollmentId: string;
  clientId: string;
  clientName: string;
  phone: string | null;
  email: string | null;
  status: EnrollmentStatus;
  agreedPriceMinor?: number;
  discountMinor?: number;
  paidMinor?: number;
  balanceMinor?: number;
  nextDue: InstalmentView | null;
  followUpOn: string | null;
}

export interface CohortDetail extends CohortSummary {
  roster: RosterRow[];
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface RevenueReport {
  currency: string;
  from: string;
  to: string;
  receivedMinor: number;
  refundedMinor: number;
  byMonth: { month: string; receivedMinor: number }[];
  expectedMinor: number;
  outstandingMinor: number;
  overdueMinor: number;
}

export interface Stats {
  programs: number;
  cohorts: number;
  clients: number;
  enrollments: number;
  instalments: number;
  payments: number;
  changes: number;
}

/**
 * A payment as the payments grid shows it: names resolved. The amount is absent
 * when a role without finance.read pages through the payments of many clients.
 */
export interface PaymentListRow extends Omit<Payment, 'amountMinor'> {
  amountMinor?: number;
  clientName: string;
  programName: string | null;
  cohortName: string | null;
  receivedByName: string | null;
}
