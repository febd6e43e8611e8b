/**
 * Window state of the Cohorts section: which cohort's page is open (none = the
 * list) and whether the create/edit dialog is open and for which cohort. Other
 * screens and the command palette open a cohort through `openCohort`.
 */
import { create } from 'zustand';
import { useUiStore } from '../../stores/ui';

interface CohortsUiState {
  openId: string | null;
  editor: { mode: 'create'; programId?: string } | { mode: 'edit'; id: string } | null;
  show(id: string | null): void;
  openCreate(programId?: string): void;
  openEdit(id: string): void;
  closeEditor(): void;
}

export const useCohortsUi = create<CohortsUiState>()((set) => ({
  openId: null,
  editor: null,
  show: (openId) => set({ openId }),
  openCreate: (programId) => set({ editor: programId ? { mode: 'create', programId } : { mode: 'create' } }),
  openEdit: (id) => set({ editor: { mode: 'edit', id } }),
  closeEditor: () => set({ editor: null }),
}));

/** Opens the Cohorts section on one cohort's page. */
export function openCohort(id: string): void {
  useCohortsUi.getState().show(id);
  useUiStore.getState().openSection('cohorts');
}

/** Opens the Cohorts section with the create dialog. */
export function openNewCohort(programId?: string): void {
  useCohortsUi.getState().show(null);
  useCohortsUi.getState().openCreate(programId);
  useUiStore.getState().openSection('cohorts');
}
