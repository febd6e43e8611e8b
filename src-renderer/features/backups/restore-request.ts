/**
 * A request, from outside the Backups tab, to open the restore dialog of one
 * backup in the backups folder. The desktop sends it when someone opens a
 * backup file made on another computer: the main process copies the file into
 * the backups folder and points the window at `#restore-backup=<id>`
 * (src-main/electron/open-backup.ts), because only this dialog can ask for the
 * file's recovery key. The address opens Settings → Backups and leaves the id
 * here until the tab has found that backup in its list and opened the dialog.
 *
 * Window state only (which dialog to open), so it lives with the feature; the
 * hash is read once at start (a window reloaded onto it) and on every change.
 */
import { create } from 'zustand';
import { openSettingsTab } from '../../stores/settings';
import { restoreRequestIn } from './recovery-input';

interface RestoreRequestState {
  /** The backup whose restore dialog should open, or null. */
  id: string | null;
  request(id: string): void;
  clear(): void;
}

export const useRestoreRequest = create<RestoreRequestState>()((set) => ({
  id: null,
  request: (id) => set({ id }),
  clear: () => set({ id: null }),
}));

function followAddress(): void {
  const id = restoreRequestIn(window.location.hash);
  if (!id) return;
  useRestoreRequest.getState().request(id);
  // Opening the section writes `#settings` over the request, so a reload does not ask again.
  openSettingsTab('backups');
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', followAddress);
  followAddress();
}
