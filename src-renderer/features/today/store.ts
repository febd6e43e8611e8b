/**
 * Which Today dialog is open and for what. Only what the dialog needs to know
 * about its subject is kept (ids, a name to show, the amount outstanding); the
 * lists themselves always come from the query, so nothing here can go stale.
 */
import { create } from 'zustand';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { ReminderKey } from '../../../src-shared/api/today-methods';
import type { EnrollmentStatus } from '../../../src-shared/domain';

export type MessageTarget = Omit<MethodInput<'messages.render'>, 'templateId' | 'language'>;

export type TodayDialog =
  | { type: 'call'; enrollmentId: string; clientName: string; status: EnrollmentStatus }
  | { type: 'payment'; clientId: string; clientName: string; enrollmentId: string; outstandingMinor: number }
  | { type: 'message'; target: MessageTarget; reminders: Record<string, ReminderKey> }
  | { type: 'task' };

interface TodayUiState {
  dialog: TodayDialog | null;
  open(dialog: TodayDialog): void;
  close(): void;
}

export const useTodayUi = create<TodayUiState>()((set) => ({
  dialog: null,
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
