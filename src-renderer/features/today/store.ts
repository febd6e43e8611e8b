/**
 * Which Today dialog is open and for what. Only what the dialog needs to know
 * about its subject is kept (ids, a name to show, the amount outstanding); the
 * lists themselves always come from the query, so nothing here can go stale.
 * The "All tasks" drawer has a flag of its own, because a task's edit dialog
 * opens over it. The reminders hidden here since the page opened are kept too
 * (key and name, no more): the API lists no hidden reminders, and this is what
 * lets a person take back a snooze or dismissal made by mistake.
 */
import { create } from 'zustand';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { ReminderKey } from '../../../src-shared/api/today-methods';
import type { EnrollmentStatus } from '../../../src-shared/domain';

export type MessageTarget = Omit<MethodInput<'messages.render'>, 'templateId' | 'language'>;

export type TodayDialog =
  | { type: 'call'; enrollmentId: string; clientName: string; status: EnrollmentStatus }
  /** The dialog asks for this one person's amount (payments.prefill), which a role that sees one client's money at a time may read. */
  | { type: 'payment'; clientId: string; enrollmentId: string }
  | { type: 'message'; target: MessageTarget; reminders: Record<string, ReminderKey> }
  | { type: 'task' }
  | { type: 'editTask'; taskId: string; title: string; dueOn: string | null; notes: string | null }
  | { type: 'deleteTask'; taskId: string; title: string };

export interface HiddenReminder {
  reminder: ReminderKey;
  name: string;
  how: 'snoozed' | 'dismissed';
}

interface TodayUiState {
  dialog: TodayDialog | null;
  open(dialog: TodayDialog): void;
  close(): void;
  allTasks: boolean;
  showAllTasks(shown: boolean): void;
  hidden: HiddenReminder[];
  hide(entry: HiddenReminder): void;
  unhide(reminder: ReminderKey): void;
}

const sameReminder = (a: ReminderKey, b: ReminderKey) => a.kind === b.kind && a.subjectId === b.subjectId;

export const useTodayUi = create<TodayUiState>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
  allTasks: false,
  showAllTasks: (shown) => set({ allTasks: shown }),
  hidden: [],
  hide: (entry) => set((s) => ({ hidden: [entry, ...s.hidden.filter((h) => !sameReminder(h.reminder, entry.reminder))] })),
  unhide: (reminder) => set((s) => ({ hidden: s.hidden.filter((h) => !sameReminder(h.reminder, reminder)) })),
}));
