/**
 * Interface state that belongs to this window only: which section is open and
 * whether the sidebar is shown on a narrow screen. Database rows never live
 * here (they come from queries), so this store cannot go stale against the data.
 *
 * The app opens on Today. A `#<section>` address opens that section instead, and
 * a later change of the hash (the desktop notification sets `#today`) switches to
 * it, so the main process can point the window at a screen without a new channel.
 * Opening a section writes its hash back (without a history entry), so a reload
 * stays where the person was.
 *
 * The section ids are declared here, below every feature, because features open
 * sections by id; the registry that gives each id its icon and screen lives in
 * app/sections.ts and is typed by this list, so the two cannot disagree.
 */
import { create } from 'zustand';

export const sectionIds = [
  'today',
  'programs',
  'cohorts',
  'lessons',
  'clients',
  'enrollments',
  'payments',
  'import',
  'reports',
  'quality',
  'settings',
] as const;
export type SectionId = (typeof sectionIds)[number];

interface UiState {
  section: SectionId;
  navbarOpened: boolean;
  openSection(section: SectionId): void;
  toggleNavbar(): void;
}

function sectionInHash(): SectionId | null {
  const match = typeof window === 'undefined' ? null : /^#([a-z]+)$/.exec(window.location.hash);
  return match ? (match[1] as SectionId) : null;
}

export const useUiStore = create<UiState>()((set) => ({
  section: sectionInHash() ?? 'today',
  navbarOpened: false,
  openSection: (section) => {
    if (typeof window !== 'undefined' && window.location.hash !== `#${section}`)
      window.history.replaceState(window.history.state, '', `#${section}`);
    set({ section, navbarOpened: false });
  },
  toggleNavbar: () => set((s) => ({ navbarOpened: !s.navbarOpened })),
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const section = sectionInHash();
    if (section) useUiStore.getState().openSection(section);
  });
}
