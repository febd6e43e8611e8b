/**
 * Window state of the help drawer: whether it is open and on which tab. Both
 * the header's "?" button and the F1 / ? keys open it, so the state lives in a
 * small store rather than in either of them. The section it explains is the one
 * open in stores/ui, read when the drawer renders.
 */
import { create } from 'zustand';

export type HelpTab = 'screen' | 'shortcuts';

interface HelpUiState {
  opened: boolean;
  tab: HelpTab;
  open(tab: HelpTab): void;
  setTab(tab: HelpTab): void;
  close(): void;
}

export const useHelpUi = create<HelpUiState>()((set) => ({
  opened: false,
  tab: 'screen',
  open: (tab) => set({ opened: true, tab }),
  setTab: (tab) => set({ tab }),
  close: () => set({ opened: false }),
}));
