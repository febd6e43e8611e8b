/**
 * Interface state that belongs to this window only: which section is open and
 * whether the sidebar is shown on a narrow screen. Database rows never live
 * here (they come from queries), so this store cannot go stale against the data.
 */
import { create } from 'zustand';
import type { SectionId } from '../app/sections';

interface UiState {
  section: SectionId;
  navbarOpened: boolean;
  openSection(section: SectionId): void;
  toggleNavbar(): void;
}

export const useUiStore = create<UiState>()((set) => ({
  section: 'programs',
  navbarOpened: false,
  openSection: (section) => set({ section, navbarOpened: false }),
  toggleNavbar: () => set((s) => ({ navbarOpened: !s.navbarOpened })),
}));
