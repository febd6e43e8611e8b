/**
 * The signed-in session as the screens below the gate see it: the last status
 * the main process answered, and the two ways to move it on. It sits apart from
 * the gate (AuthGate.tsx) because the gate renders the sign-in, lock and idle
 * screens and those screens read the session; with both in one module each
 * imported the other, and none could be read or tested alone.
 */
import { createContext, useContext } from 'react';
import type { AuthStatus } from '../../../src-shared/api/auth-methods';

export interface SessionValue {
  status: AuthStatus;
  /** Replace the status with the answer of a session method. */
  update(status: AuthStatus): void;
  refresh(): void;
}

/** Provided by AuthGate once the status is known. */
export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs an <AuthGate> above it');
  return session;
}
