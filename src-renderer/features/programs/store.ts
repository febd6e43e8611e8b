/**
 * Which program editor, and which delete confirmation, is open. Only the
 * program's id is kept, never a copy of its row, so both dialogs start from
 * what the list query last loaded.
 */
import { create } from 'zustand';

export type ProgramEditor = { mode: 'create' } | { mode: 'edit'; programId: string };

interface ProgramsUiState {
  editor: ProgramEditor | null;
  showArchived: boolean;
  /** The program whose delete confirmation is open. */
  deletingId: string | null;
  openCreate(): void;
  openEdit(programId: string): void;
  close(): void;
  /** Closes the editor and asks whether to delete this program. */
  openDelete(programId: string): void;
  closeDelete(): void;
  setShowArchived(show: boolean): void;
}

export const useProgramsUi = create<ProgramsUiState>()((set) => ({
  editor: null,
  showArchived: false,
  deletingId: null,
  openCreate: () => set({ editor: { mode: 'create' } }),
  openEdit: (programId) => set({ editor: { mode: 'edit', programId } }),
  close: () => set({ editor: null }),
  openDelete: (programId) => set({ editor: null, deletingId: programId }),
  closeDelete: () => set({ deletingId: null }),
  setShowArchived: (showArchived) => set({ showArchived }),
}));
