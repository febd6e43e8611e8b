/**
 * The Today area of the contract: the start page's lists (computed by the
 * reminder engine for a calendar day), what people do with a reminder (snooze,
 * dismiss), manual tasks, message templates and rendered messages, and the
 * open-groups feed. Every reminder names itself by `{ kind, subjectId }`; a
 * subject carries the occurrence it is about (an enrollment *and* its follow-up
 * date, a client *and* the year of the birthday), so dismissing today's follow-up
 * never silences the next one.
 */
import { z } from 'zod';
import { byId, idSchema, isoDate, optionalText, type MethodSpec, read, write } from './spec';
import { enrollmentStatuses, type EnrollmentStatus } from '../domain';
import type { PackageAlert } from './packages-methods';

export const reminderKinds = [
  'follow_up',
  'instalment_overdue',
  'instalment_due',
  'cohort_start',
  'cohort_invite',
  'cohort_health',
  'low_balance',
  'birthday',
  'task',
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

export const templatePurposes = ['payment_reminder', 'cohort_start', 'new_cohort_invite', 'follow_up', 'birthday', 'custom'] as const;
export type TemplatePurpose = (typeof templatePurposes)[number];

export const templateLanguages = ['hu', 'zh-CN', 'en'] as const;
export type TemplateLanguage = (typeof templateLanguages)[number];

export const templateChannels = ['email', 'text'] as const;
export type TemplateChannel = (typeof templateChannels)[number];

/** Where a message went out: the user's own mail client or messenger, or an SMS gateway file. */
export const sendChannels = ['email', 'whatsapp', 'viber', 'wechat', 'sms', 'copy'] as const;
export type SendChannel = (typeof sendChannels)[number];

/** Merge fields a template may use; anything else in braces is refused when the template is saved. */
export const mergeFields = [
  'firstName',
  'lastName',
  'displayName',
  'guardianName',
  'program',
  'cohort',
  'startDate',
  'schedule',
  'amountDue',
  'dueDate',
  'daysLate',
  'schoolName',
  'today',
] as const;
export type MergeField = (typeof mergeFields)[number];

export interface ReminderKey {
  kind: ReminderKind;
  subjectId: string;
}

export interface ClientRef {
  clientId: string;
  clientName: string;
  phone: string | null;
  email: string | null;
}

export interface FollowUpItem extends ReminderKey, ClientRef {
  enrollmentId: string;
  status: EnrollmentStatus;
  followUpOn: string;
  daysOverdue: number;
  programName: string;
  cohortName: string | null;
}

/** A lead who is thinking it over with no call-back day set: flagged so nobody is forgotten. */
export interface NoCallBackItem extends ReminderKey, ClientRef {
  enrollmentId: string;
  status: EnrollmentStatus;
  programName: string;
  cohortName: string | null;
}

export interface InstalmentItem extends ReminderKey, ClientRef {
  instalmentId: string;
  enrollmentId: string;
  programName: string;
  cohortName: string | null;
  dueOn: string;
  /** The instalment's amount and what is left of it; absent for a role without finance.read (the list spans clients). */
  amountMinor?: number;
  outstandingMinor?: number;
  daysLate: number;
  /** Days until due (0 = today); negative once late. */
  daysUntil: number;
}

export interface CohortRef {
  cohortId: string;
  cohortName: string;
  programId: string;
  programName: string;
  startOn: string | null;
  capacity: number | null;
  minimumToRun: number | null;
  seatsTaken: number;
}

export interface NotifyPerson extends ClientRef {
  enrollmentId: string;
  status: EnrollmentStatus;
  notifyBeforeDays: number;
  subjectId: string;
}

export interface CohortStartItem extends ReminderKey, CohortRef {
  daysUntil: number;
  /** People in this cohort who asked to be told N days before, whose day has come. */
  toNotify: NotifyPerson[];
}

export interface InvitePerson extends ClientRef {
  enrollmentId: string;
  status: EnrollmentStatus;
  /** The reminder key of this one invitation (`<cohortId>:<enrollmentId>`). */
  subjectId: string;
}

export interface CohortInviteItem extends ReminderKey, CohortRef {
  interested: InvitePerson[];
}

export interface CohortHealthItem extends ReminderKey, CohortRef {
  problem: 'under_minimum' | 'over_capacity';
  daysUntil: number;
}

export interface LowBalanceItem extends ReminderKey, ClientRef {
  /** Money paid ahead: unallocated plus what already sits on instalments not yet due; absent without finance.read. */
  prepaidMinor?: number;
  thresholdMinor?: number;
}

export interface BirthdayItem extends ReminderKey, ClientRef {
  birthDate: string;
  /** The day of the birthday this week. */
  on: string;
  turns: number;
}

export interface TaskItem extends ReminderKey {
  taskId: string;
  title: string;
  dueOn: string | null;
  clientId: string | null;
  clientName: string | null;
  enrollmentId: string | null;
  notes: string | null;
  daysOverdue: number;
}

export interface TodayCounts {
  followUps: number;
  /** Thinking with no call-back day; flagged on Today but not in the badge's total. */
  noCallBack: number;
  overdue: number;
  dueSoon: number;
  cohortStarts: number;
  invites: number;
  cohortHealth: number;
  lowBalance: number;
  birthdays: number;
  tasks: number;
  /** What the sidebar badge shows: things that want an action today. */
  total: number;
}

export interface TodayLists {
  asOf: string;
  weekFrom: string;
  weekTo: string;
  dueSoonDays: number;
  startSoonDays: number;
  /** False when the actor may not see payments: the money lists are then empty. */
  moneyVisible: boolean;
  /**
   * False when the actor sees one client's money at a time (no finance.read): the
   * money lists then say who and when, and the amount shows on that person's page.
   */
  amountsVisible: boolean;
  followUps: FollowUpItem[];
  noCallBack: NoCallBackItem[];
  overdue: InstalmentItem[];
  dueSoon: InstalmentItem[];
  cohortStarts: CohortStartItem[];
  invites: CohortInviteItem[];
  cohortHealth: CohortHealthItem[];
  lowBalance: LowBalanceItem[];
  birthdays: BirthdayItem[];
  tasks: TaskItem[];
  counts: TodayCounts;
  /** Prepaid packages running low, on credit or ending soon (lessons area; in lessons, no money). */
  packageAlerts?: PackageAlert[];
}

export interface ReminderState {
  id: string;
  kind: ReminderKind;
  subjectId: string;
  snoozedUntil: string | null;
  dismissedAt: string | null;
}

/**
 * A reminder someone snoozed or dismissed that would be on Today's lists were it
 * not hidden, with what a person needs to recognise it before bringing it back.
 */
export interface HiddenReminderItem extends ReminderKey {
  /** What the reminder is about as the lists name it: the client, the cohort (a cohort's own reminder) or the task's title. */
  name: string;
  clientId: string | null;
  clientName: string | null;
  cohortId: string | null;
  cohortName: string | null;
  programName: string | null;
  /** The day it is about: the follow-up, the instalment's due day, the cohort's start, the birthday, the task's due day. */
  dueOn: string | null;
  /** What an instalment still owes, or the money a client paid ahead; absent without finance.read. */
  amountMinor?: number;
  /** The day it comes back on, for a snooze. */
  snoozedUntil: string | null;
  /** When it was dismissed, for a dismissal. */
  dismissedAt: string | null;
  /** When it was last snoozed or dismissed (the list's order, newest first). */
  hiddenAt: string;
}

export interface HiddenReminders {
  asOf: string;
  /** Every hidden reminder; `items` holds the newest of them up to the cap. */
  total: number;
  amountsVisible: boolean;
  items: HiddenReminderItem[];
}

export interface Task {
  id: string;
  title: string;
  clientId: string | null;
  enrollmentId: string | null;
  dueOn: string | null;
  doneAt: string | null;
  assignedTo: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageTemplate {
  id: string;
  name: string;
  purpose: TemplatePurpose;
  language: TemplateLanguage;
  channel: TemplateChannel;
  subject: string | null;
  body: string;
  archived: boolean;
  updatedAt: string;
}

export interface RenderedMessage {
  clientId: string;
  enrollmentId: string | null;
  recipientName: string;
  email: string | null;
  phone: string | null;
  subject: string;
  body: string;
  /** `mailto:` link with subject and body, or null without an e-mail address. */
  mailto: string | null;
  /** `https://wa.me/<digits>?text=…`, or null without a phone number. */
  whatsapp: string | null;
}

export interface RenderResult {
  template: Pick<MessageTemplate, 'id' | 'name' | 'purpose' | 'language' | 'channel'>;
  messages: RenderedMessage[];
  /** `phone,message` rows for an SMS gateway (people without a phone are left out). */
  smsCsv: string;
  /** Recipients with no way to reach them (no e-mail and no phone). */
  unreachable: string[];
}

export interface OpenGroupsStatus {
  folder: string | null;
  lastPublishedAt: string | null;
  lastError: string | null;
  cohortCount: number;
}

const reminderKey = { kind: z.enum(reminderKinds), subjectId: z.string().min(1, 'required').max(200) };

const taskFields = {
  title: z.string().trim().min(1, 'required').max(500),
  clientId: idSchema.nullish(),
  enrollmentId: idSchema.nullish(),
  dueOn: isoDate.nullish(),
  assignedTo: idSchema.nullish(),
  notes: optionalText(5000),
};

const templateFields = {
  name: z.string().trim().min(1, 'required').max(200),
  purpose: z.enum(templatePurposes),
  language: z.enum(templateLanguages),
  channel: z.enum(templateChannels).default('email'),
  subject: optionalText(500),
  body: z.string().trim().min(1, 'required').max(10_000),
};

const renderTarget = z
  .object({
    templateId: idSchema.optional(),
    purpose: z.enum(templatePurposes).optional(),
    /** With `purpose`: which language's template (default: the workspace's). */
    language: z.enum(templateLanguages).optional(),
    clientIds: z.array(idSchema).max(10_000).optional(),
    enrollmentIds: z.array(idSchema).max(10_000).optional(),
    /** Alone: the cohort's roster. With enrollmentIds: the cohort they are invited to. */
    cohortId: idSchema.optional(),
    overdue: z.boolean().optional(),
    asOf: isoDate.optional(),
  })
  .refine((v) => v.templateId !== undefined || v.purpose !== undefined, { message: 'Choose a template', path: ['templateId'] })
  .refine((v) => Boolean(v.clientIds?.length || v.enrollmentIds?.length || v.cohortId || v.overdue), {
    message: 'Choose who the message is for',
    path: ['clientIds'],
  });

export const todayMethods = {
  'today.get': read<TodayLists>()(
    'clients.read',
    z.object({ asOf: isoDate.optional() }).default({}),
    'Everything the Today screen lists, for a calendar day (default: today in the school’s time zone).',
  ),
  'today.counts': read<TodayCounts>()(
    'clients.read',
    z.object({ asOf: isoDate.optional() }).default({}),
    'How many reminders each Today list holds (the sidebar badge).',
  ),
  'followUps.log': write<{ activityId: string; followUpOn: string | null; status: EnrollmentStatus }>()(
    'enrollments.write',
    z.object({
      enrollmentId: idSchema,
      kind: z.enum(['call', 'message', 'visit', 'note']).default('call'),
      summary: z.string().trim().min(1, 'required').max(5000),
      /** The next day to follow up (after today); null clears it. Omitted keeps the current one. */
      nextFollowUpOn: isoDate.nullish(),
      status: z.enum(enrollmentStatuses).optional(),
    }),
    'Log a call (or other contact) about an enrollment, and set the next follow-up day or a new status, in one step.',
  ),
  'reminders.snooze': write<ReminderState>()('clients.write', z.object({ ...reminderKey, until: isoDate }), 'Hide a reminder until a day.'),
  'reminders.dismiss': write<ReminderState>()('clients.write', z.object(reminderKey), 'Hide a reminder for good (this occurrence only).'),
  'reminders.restore': write<ReminderState>()('clients.write', z.object(reminderKey), 'Bring back a snoozed or dismissed reminder.'),

  'reminders.hidden': read<HiddenReminders>()(
    'clients.read',
    z.object({ asOf: isoDate.optional() }).default({}),
    'The reminders snoozed (until a later day) or dismissed that would otherwise be on Today, newest first, with a total.',
  ),

  'tasks.list': read<Task[]>()(
    'clients.read',
    z.object({ includeDone: z.boolean().default(false), clientId: idSchema.optional() }).default({ includeDone: false }),
    'Manual tasks, by due date.',
  ),
  'tasks.create': write<Task>()('clients.write', z.object(taskFields), 'Add a manual task (optionally about a client).'),
  'tasks.update': write<Task>()('clients.write', z.object({ id: idSchema, ...z.object(taskFields).partial().shape }), 'Edit a task.'),
  'tasks.complete': write<Task>()(
    'clients.write',
    z.object({ id: idSchema, done: z.boolean().default(true) }),
    'Mark a task done (or not done again).',
  ),
  'tasks.delete': write<{ id: string }>()('records.delete', byId, 'Delete a task (soft).'),

  'templates.list': read<MessageTemplate[]>()(
    'clients.read',
    z
      .object({ purpose: z.enum(templatePurposes).optional(), includeArchived: z.boolean().default(false) })
      .default({ includeArchived: false }),
    'Message templates (the defaults in Hungarian, Chinese and English exist from the start and are put back when missing).',
  ),
  'templates.create': write<MessageTemplate>()('clients.write', z.object(templateFields), 'Add a message template.'),
  'templates.update': write<MessageTemplate>()(
    'clients.write',
    z.object({ id: idSchema, ...z.object(templateFields).partial().shape, archived: z.boolean().optional() }),
    'Edit a message template.',
  ),
  'templates.delete': write<{ id: string }>()('records.delete', byId, 'Delete a message template (soft).'),

  'messages.render': read<RenderResult>()(
    'clients.read',
    renderTarget,
    'Fill a template for one or many people: mailto links, messenger texts and an SMS gateway CSV.',
  ),
  'messages.logSent': write<{ logged: number }>()(
    'clients.write',
    z.object({
      channel: z.enum(sendChannels),
      messages: z
        .array(
          z.object({
            clientId: idSchema,
            enrollmentId: idSchema.nullish(),
            text: z.string().trim().min(1, 'required').max(10_000),
            /** The reminder this message answers; it is dismissed with the same call. */
            reminder: z.object(reminderKey).optional(),
          }),
        )
        .min(1, 'required')
        .max(10_000),
    }),
    'Record messages sent through the user’s own channels on each client’s timeline.',
  ),

  'openGroups.get': read<OpenGroupsStatus>()(
    'workspace.read',
    z.object({}).default({}),
    'Where the open-groups feed is written and when it last was.',
  ),
  'openGroups.configure': write<OpenGroupsStatus>()(
    'workspace.manage',
    z.object({ folder: z.string().trim().min(1, 'required').max(4096).nullable() }),
    'Choose the folder the open-groups feed is written to on this machine (null stops publishing), and publish.',
  ),
  'openGroups.publish': write<OpenGroupsStatus>()(
    'workspace.manage',
    z.object({}).default({}),
    'Write open-groups.html and open-groups.json now.',
  ),
} as const satisfies Record<string, MethodSpec>;
