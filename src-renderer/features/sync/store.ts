/**
 * Whether this window is running a sync right now. The Sync tab's "Sync now"
 * sets it, and the header indicator reads it, so the two agree without either
 * holding a copy of the sync status (that stays a query).
 */
import { create } from 'zustand';

interface SyncUiState {
  syncing: boolean;
  setSyncing(syncing: boolean): void;
}

export const useSyncUi = create<SyncUiState>()((set) => ({
  syncing: false,
  setSyncing: (syncing) => set({ syncing }),
}));
