/**
 * What the signed-in person may do, for the interface to hide what their role
 * cannot do (and explain why when asked). This only shapes the screen: the main
 * process enforces every capability again in the router, so a hidden button is a
 * courtesy, never the protection. It sits in shared/ because the sign-in layer
 * provides it and most features read it; neither may reach into the other.
 */
import { createContext, useContext } from 'react';
import { roleCapabilities, type Capability } from '../../src-shared/capabilities';

const PermissionsContext = createContext<ReadonlySet<Capability>>(roleCapabilities.owner);

/** Provided by the sign-in layer with the current user's capabilities. */
export const PermissionsProvider = PermissionsContext.Provider;

export function useCan(capability: Capability): boolean {
  return useContext(PermissionsContext).has(capability);
}

export function useCapabilities(): ReadonlySet<Capability> {
  return useContext(PermissionsContext);
}
