/**
 * Which client is open: a route-like piece of window state. The Clients section
 * shows the grid while it is null and that client's page otherwise, so any screen
 * (payments, cohorts, enrollments, the import report, the command palette) can
 * open a client with `openClient(id)`. It lives in stores/ and not in the clients
 * feature because a client's page shows payments while the payments grid opens
 * clients: with the store inside either feature, the two imported each other.
 */
import { create } from 'zustand';

interface ClientsUi {
  openClientId: string | null;
  openClient(id: string): void;
  closeClient(): void;
}

export const useClientsUi = create<ClientsUi>()((set) => ({
  openClientId: null,
  openClient: (id) => set({ openClientId: id }),
  closeClient: () => set({ openClientId: null }),
}));
