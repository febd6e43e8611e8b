/**
 * Whether the New-enrollment dialog is open and what it was opened with (a
 * client from the client page, a cohort from the cohort page). Window state
 * only: the dialog is mounted once in the frame, and any screen — or the command
 * palette — opens it through `openEnrollDialog`.
 */
import { create } from 'zustand';

export interface EnrollPreset {
  clientId?: string;
  clientName?: string;
  cohortId?: string;
  programId?: string;
}

interface EnrollUiState {
  opened: boolean;
  /** Bumped on every open so the form starts fresh. */
  session: number;
  preset: EnrollPreset;
  open(preset?: EnrollPreset): void;
  close(): void;
}

export const useEnrollUi = create<EnrollUiState>()((set) => ({
  opened: false,
  session: 0,
  preset: {},
  open: (preset = {}) => set((s) => ({ opened: true, preset, session: s.session + 1 })),
  close: () => set({ opened: false }),
}));

export function openEnrollDialog(preset?: EnrollPreset): void {
  useEnrollUi.getState().open(preset);
}
