/**
 * Which "change it later" dialog is open for which enrollment: the Edit panel,
 * the money plan, the move to another group, the follow-up date or the
 * confirmation before deleting. Window state
 * only (never a copy of the enrollment): each dialog reads the enrollment fresh
 * from the API when it opens, so a grid row, a roster line and the client page
 * open the very same dialog through `openEnrollmentChange` and cannot disagree.
 */
import { create } from 'zustand';

export type EnrollmentChange = 'edit' | 'plan' | 'move' | 'followUp' | 'delete';

interface ChangeUiState {
  open: { kind: EnrollmentChange; enrollmentId: string } | null;
  show(kind: EnrollmentChange, enrollmentId: string): void;
  close(): void;
}

export const useEnrollmentChangeUi = create<ChangeUiState>()((set) => ({
  open: null,
  show: (kind, enrollmentId) => set({ open: { kind, enrollmentId } }),
  close: () => set({ open: null }),
}));

export function openEnrollmentChange(kind: EnrollmentChange, enrollmentId: string): void {
  useEnrollmentChangeUi.getState().show(kind, enrollmentId);
}
