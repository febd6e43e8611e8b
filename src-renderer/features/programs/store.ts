/**
 * Which program editor is open. Only the program's id is kept, never a copy of
 * its row, so the editor always starts from what the list query last loaded.
 */
import { create } from 'zustand';

export type ProgramEditor = { mode: 'create' } | { mode: 'edit'; programId: string };

interface ProgramsUiState {
  editor: ProgramEditor | null;
  showArchived: boolean;
  openCreate(): void;
  openEdit(programId: string): void;
  close(): void;
  setShowArchived(show: boolean): void;
}

export const useProgramsUi = create<ProgramsUiState>()((set) => ({
  editor: null,
  showArchived: false,
  openCreate: () => set({ editor: { mode: 'create' } }),
  openEdit: (programId) => set({ editor: { mode: 'edit', programId } }),
  close: () => set({ editor: null }),
  setShowArchived: (showArchived) => set({ showArchived }),
}));
