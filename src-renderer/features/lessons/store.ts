/**
 * Window state of the Lessons section: week or month, the day the view is
 * anchored on, whose calendar it is (everyone's, one teacher's, room's or
 * cohort's), and which dialog is open. UI state only; lessons themselves are
 * read through queries and refetched when the tables they come from change.
 */
import { create } from 'zustand';
import type { CalendarView } from './calendar';

export type CalendarFilter = { kind: 'all' } | { kind: 'teacher' | 'room' | 'cohort'; id: string | null };

export type LessonsDialog =
  | { type: 'lesson'; lessonId: string }
  | { type: 'edit'; lessonId: string }
  | { type: 'extra' }
  | { type: 'generate' }
  | { type: 'closures' };

interface LessonsUiState {
  view: CalendarView;
  /** A day inside the shown week or month; null until the page picks today. */
  anchor: string | null;
  filter: CalendarFilter;
  dialog: LessonsDialog | null;
  setView(view: CalendarView): void;
  setAnchor(anchor: string): void;
  setFilter(filter: CalendarFilter): void;
  open(dialog: LessonsDialog): void;
  close(): void;
}

export const useLessonsUi = create<LessonsUiState>()((set) => ({
  view: 'week',
  anchor: null,
  filter: { kind: 'all' },
  dialog: null,
  setView: (view) => set({ view }),
  setAnchor: (anchor) => set({ anchor }),
  setFilter: (filter) => set({ filter }),
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));
