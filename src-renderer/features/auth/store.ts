/**
 * Window-only state of the sign-in layer: whether the owner dismissed the
 * "set a password" banner in this window, and whether the password dialog is
 * open. Nothing here is a copy of session data; the session lives in the gate.
 */
import { create } from 'zustand';

interface AuthUiState {
  bannerDismissed: boolean;
  setupOpen: boolean;
  dismissBanner(): void;
  openSetup(): void;
  closeSetup(): void;
}

export const useAuthUi = create<AuthUiState>()((set) => ({
  bannerDismissed: false,
  setupOpen: false,
  dismissBanner: () => set({ bannerDismissed: true }),
  openSetup: () => set({ setupOpen: true }),
  closeSetup: () => set({ setupOpen: false }),
}));

/** Opens the owner's password dialog (mounted with the header's user menu) from anywhere, e.g. the set-up checklist. */
export function openOwnerPasswordDialog(): void {
  useAuthUi.getState().openSetup();
}
