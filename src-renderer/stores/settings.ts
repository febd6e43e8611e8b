/**
 * Which Settings tab is open, kept outside the page so other parts of the app
 * (the header's "My account", the sync indicator) can open Settings on a given
 * tab. It lives in stores/ and not in the settings feature because the features
 * that open a tab are the same ones that contribute tabs to it: a store inside
 * the feature would tie them into a cycle. Window state only; the tabs
 * themselves decide what they show.
 */
import { create } from 'zustand';
import { useUiStore } from './ui';

interface SettingsUiState {
  tab: string | null;
  setTab(tab: string | null): void;
}

export const useSettingsUi = create<SettingsUiState>()((set) => ({
  tab: null,
  setTab: (tab) => set({ tab }),
}));

/** Opens the Settings section on the given tab. */
export function openSettingsTab(tab: string): void {
  useSettingsUi.getState().setTab(tab);
  useUiStore.getState().openSection('settings');
}
