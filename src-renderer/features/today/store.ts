/**
 * Which Today dialog is open and for what. Only what the dialog needs to know
 * about its subject is kept (ids, a name to show, the amount outstanding); the
 * lists themselves always come from the query, so nothing here can go stale.
 * The "All tasks" drawer has a flag of its own, because a task's edit dialog
 * opens over it. Hidden reminders are not kept here: `reminders.hidden` lists
 * them, so the "Hidden" list survives a reload and shows what another machine hid.
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

interface TodayUiState {
  dialog: TodayDialog | null;
  open(dialog: TodayDialog): void;
  close(): void;
  allTasks: boolean;
  showAllTasks(shown: boolean): void;
}

export const useTodayUi = create<TodayUiState>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
  allTasks: false,
  showAllTasks: (shown) => set({ allTasks: shown }),
}));
