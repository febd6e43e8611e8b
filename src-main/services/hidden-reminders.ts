/**
 * The list behind Today's "Hidden (n)": every reminder someone snoozed until a
 * later day or dismissed that would be on Today's lists were it not hidden, with
 * what a person needs to recognise it before bringing it back.
 *
 * The items come from the reminder engine itself: `computeToday` runs over a
 * snapshot with the states left out, and the items whose key is hidden are kept.
 * So a hidden item says what its list would have said, and a reminder that would
 * show nothing once restored is not listed — its client or task deleted, its
 * instalment paid, its follow-up moved to another day, last year's birthday.
 * Without that the list would fill, year by year, with states of things long gone.
 *
 * The snapshot holds only the subjects `reminder_states` names (a table of what
 * people clicked, small beside the school), never the school's relevant rows:
 * the Today screen asks for this list beside `today.get` on every change, and at
 * 100,000 clients reading the school twice per change is what made Today slow.
 */
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { HiddenReminderItem, HiddenReminders, ReminderKind, TodayLists } from '../../src-shared/api/today-methods';
import { addDaysIso } from '../../src-shared/dates';
import type { ServiceContext } from '../core/context';
import {
  clientColumns,
  computeToday,
  enrollmentColumns,
  interestedStatuses,
  listedEnrollments,
  quoted,
  reminderCatalog,
  reminderDay,
  reminderSettings,
  settleReminderMoney,
  type ReminderClient,
  type ReminderData,
  type ReminderEnrollment,
  type ReminderInstalment,
  type ReminderTask,
} from './reminders';
import { seesMoneyAcrossClients } from './rights';

/** Hidden reminders one answer carries, newest first; `total` still tells the whole number. */
export const hiddenListLimit = 200;

interface HiddenState {
  kind: ReminderKind;
  subjectId: string;
  snoozedUntil: string | null;
  dismissedAt: string | null;
  hiddenAt: string;
}

/** An item as the engine lists it, before the state that hides it is added. */
type Listed = Omit<HiddenReminderItem, 'snoozedUntil' | 'dismissedAt' | 'hiddenAt'>;

const keyOf = (kind: string, subjectId: string) => `${kind}|${subjectId}`;
const json = (values: Iterable<string>) => JSON.stringify([...new Set(values)]);

export function listHiddenReminders(ctx: ServiceContext, input: MethodParsedInput<'reminders.hidden'>): HiddenReminders {
  const asOf = reminderDay(ctx, input.asOf);
  const states = hiddenStates(ctx, asOf);
  const order = new Map(states.map((s, i) => [keyOf(s.kind, s.subjectId), i]));
  const listed = states.length === 0 ? [] : listedItems(computeToday(loadSubjects(ctx, asOf, states), asOf));
  const items: HiddenReminderItem[] = [];
  for (const item of listed) {
    const at = order.get(keyOf(item.kind, item.subjectId));
    const state = at === undefined ? undefined : states[at];
    if (state) items.push({ ...item, snoozedUntil: state.snoozedUntil, dismissedAt: state.dismissedAt, hiddenAt: state.hiddenAt });
  }
  const rank = (item: HiddenReminderItem) => order.get(keyOf(item.kind, item.subjectId)) ?? 0;
  items.sort((a, b) => rank(a) - rank(b));
  const amountsVisible = seesMoneyAcrossClients(ctx);
  const shown = items.slice(0, hiddenListLimit);
  return {
    asOf,
    total: items.length,
    amountsVisible,
    items: amountsVisible ? shown : shown.map(({ amountMinor: _amount, ...item }) => item),
  };
}

/** The states hiding something on `asOf`, newest first: dismissed, or snoozed until a later day. */
function hiddenStates(ctx: ServiceContext, asOf: string): HiddenState[] {
  return ctx.db.sqlite
    .prepare(
      `SELECT kind, subject_id AS subjectId, snoozed_until AS snoozedUntil, dismissed_at AS dismissedAt, updated_at AS hiddenAt
       FROM reminder_states WHERE deleted_at IS NULL AND (dismissed_at IS NOT NULL OR snoozed_until > ?)
       ORDER BY updated_at DESC, rowid DESC`,
    )
    .all(asOf) as HiddenState[];
}

/** The records a subject id names, by what each kind's subject is made of (reminders.ts). */
function subjectsOf(states: readonly HiddenState[]) {
  const ids = {
    enrollments: [] as string[],
    instalments: [] as string[],
    cohorts: [] as string[],
    inviteCohorts: [] as string[],
    clients: [] as string[],
    tasks: [] as string[],
  };
  for (const { kind, subjectId } of states) {
    const [head = '', tail] = subjectId.split(/[@:]/);
    switch (kind) {
      case 'follow_up':
        ids.enrollments.push(head);
        break;
      case 'instalment_overdue':
      case 'instalment_due':
        ids.instalments.push(subjectId);
        break;
      case 'cohort_invite':
        ids.inviteCohorts.push(head);
        if (tail) ids.enrollments.push(tail);
        ids.cohorts.push(head);
        break;
      case 'cohort_start':
      case 'cohort_health':
        ids.cohorts.push(head);
        break;
      case 'low_balance':
      case 'birthday':
        ids.clients.push(head);
        break;
      case 'task':
        ids.tasks.push(subjectId);
        break;
    }
  }
  return ids;
}

/**
 * A snapshot holding the hidden subjects and what their lists need beside them:
 * a cohort's enrollments (its seats, the people to tell), the people waiting for
 * a group of an invitation's program, and the money of the clients an instalment
 * or a low balance is about, settled by the balance service as Today settles it.
 */
function loadSubjects(ctx: ServiceContext, asOf: string, states: readonly HiddenState[]): ReminderData {
  const { sqlite } = ctx.db;
  const ids = subjectsOf(states);
  const { settings, moneyVisible } = reminderSettings(ctx);
  const owedEnrollments = sqlite
    .prepare('SELECT DISTINCT enrollment_id FROM instalments WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(json(ids.instalments)) as string[];
  const enrollments = sqlite
    .prepare(
      `SELECT ${enrollmentColumns} FROM enrollments WHERE ${listedEnrollments} AND (
         id IN (SELECT value FROM json_each(@enrollments))
         OR cohort_id IN (SELECT value FROM json_each(@cohorts))
         OR (cohort_id IS NULL AND status IN (${quoted(interestedStatuses)})
             AND program_id IN (SELECT program_id FROM cohorts WHERE id IN (SELECT value FROM json_each(@invites)))))
       ORDER BY rowid`,
    )
    .all({
      enrollments: json([...ids.enrollments, ...owedEnrollments]),
      cohorts: json(ids.cohorts),
      invites: json(ids.inviteCohorts),
    }) as ReminderEnrollment[];
  const tasks = sqlite
    .prepare(
      `SELECT id, title, client_id AS clientId, enrollment_id AS enrollmentId, due_on AS dueOn, done_at AS doneAt, notes
       FROM tasks WHERE deleted_at IS NULL AND done_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
    )
    .all(json(ids.tasks)) as ReminderTask[];
  const clients = sqlite
    .prepare(
      `SELECT ${clientColumns} FROM clients WHERE deleted_at IS NULL AND archived = 0 AND id IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
    )
    .all(
      json([...ids.clients, ...enrollments.map((e) => e.clientId), ...tasks.flatMap((t) => (t.clientId ? [t.clientId] : []))]),
    ) as ReminderClient[];

  const instalments: ReminderInstalment[] = [];
  const prepaid = new Map<string, number>();
  if (moneyVisible) {
    const owed = new Set(owedEnrollments);
    const payers = [...ids.clients, ...enrollments.filter((e) => owed.has(e.id)).map((e) => e.clientId)];
    settleReminderMoney(ctx, [...new Set(payers)], asOf, addDaysIso(asOf, settings.dueSoonDays), { instalments, prepaid });
  }
  return { settings, moneyVisible, ...reminderCatalog(ctx), clients, enrollments, instalments, prepaid, tasks, states: [] };
}

const nobody = { clientId: null, clientName: null, cohortId: null, cohortName: null, programName: null, dueOn: null };

/** Every reminder the lists hold, one flat entry each, the people inside a cohort's reminder included. */
function listedItems(lists: TodayLists): Listed[] {
  const items: Listed[] = [];
  const client = (c: { clientId: string; clientName: string }) => ({
    ...nobody,
    name: c.clientName,
    clientId: c.clientId,
    clientName: c.clientName,
  });
  const cohort = (c: { cohortId: string; cohortName: string; programName: string; startOn: string | null }) => ({
    cohortId: c.cohortId,
    cohortName: c.cohortName,
    programName: c.programName,
    dueOn: c.startOn,
  });
  for (const f of lists.followUps)
    items.push({
      ...client(f),
      kind: f.kind,
      subjectId: f.subjectId,
      programName: f.programName,
      cohortName: f.cohortName,
      dueOn: f.followUpOn,
    });
  for (const f of lists.noCallBack)
    items.push({ ...client(f), kind: f.kind, subjectId: f.subjectId, programName: f.programName, cohortName: f.cohortName });
  for (const i of [...lists.overdue, ...lists.dueSoon]) {
    const amount = i.outstandingMinor === undefined ? {} : { amountMinor: i.outstandingMinor };
    items.push({
      ...client(i),
      kind: i.kind,
      subjectId: i.subjectId,
      programName: i.programName,
      cohortName: i.cohortName,
      dueOn: i.dueOn,
      ...amount,
    });
  }
  for (const c of lists.cohortStarts) {
    items.push({ ...nobody, kind: c.kind, subjectId: c.subjectId, name: c.cohortName, ...cohort(c) });
    for (const p of c.toNotify) items.push({ ...client(p), kind: c.kind, subjectId: p.subjectId, ...cohort(c) });
  }
  for (const c of lists.invites) {
    items.push({ ...nobody, kind: c.kind, subjectId: c.subjectId, name: c.cohortName, ...cohort(c) });
    for (const p of c.interested) items.push({ ...client(p), kind: c.kind, subjectId: p.subjectId, ...cohort(c) });
  }
  for (const c of lists.cohortHealth) items.push({ ...nobody, kind: c.kind, subjectId: c.subjectId, name: c.cohortName, ...cohort(c) });
  for (const b of lists.lowBalance) {
    const amount = b.prepaidMinor === undefined ? {} : { amountMinor: b.prepaidMinor };
    items.push({ ...client(b), kind: b.kind, subjectId: b.subjectId, ...amount });
  }
  for (const b of lists.birthdays) items.push({ ...client(b), kind: b.kind, subjectId: b.subjectId, dueOn: b.on });
  for (const t of lists.tasks)
    items.push({
      ...nobody,
      kind: t.kind,
      subjectId: t.subjectId,
      name: t.title,
      clientId: t.clientId,
      clientName: t.clientName,
      dueOn: t.dueOn,
    });
  return items;
}
