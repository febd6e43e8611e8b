/**
 * Who may do what. Every API method names one capability (src-shared/api/contract.ts);
 * the router refuses a call whose actor's role lacks it, before any service runs.
 * Roles are sets of capabilities rather than checks scattered through code, so a
 * future `teacher` role is one more row here, and the role-matrix test can be
 * generated from this table and the contract.
 */
import type { Role } from './domain';

export const capabilities = [
  'workspace.read', // settings, programs, teachers, rooms, cohorts: read
  'workspace.manage', // settings change
  'catalog.write', // programs, teachers, rooms, cohorts: create/edit
  'clients.read',
  'clients.write',
  'enrollments.write',
  'prices.write', // set or change an agreed price / discount / instalment amounts
  'payments.read', // a client's own payments and balance
  'payments.write', // record a payment
  'payments.void', // void or refund a payment
  'finance.read', // any aggregate of money across clients (revenue, totals)
  'records.delete', // soft-delete anything
  'records.purge', // erase for good
  'audit.read',
  'data.export', // export or back up the whole database
  'users.read',
  'users.manage',
  'data.import', // import sheets (clients, enrollments, payments) as undoable batches
  'session.public', // sign in, lock, unlock, ask who I am: every caller, also one not signed in
] as const;
export type Capability = (typeof capabilities)[number];

const all = new Set<Capability>(capabilities);

export const roleCapabilities: Record<Role, ReadonlySet<Capability>> = {
  owner: all,
  assistant: new Set<Capability>([
    'workspace.read',
    'clients.read',
    'clients.write',
    'enrollments.write',
    'prices.write',
    'payments.read',
    'payments.write',
    'users.read',
    'data.import',
    'session.public',
  ]),
  teacher: new Set<Capability>(['workspace.read', 'clients.read', 'session.public']),
};

/**
 * Who is calling: a user's role, or `anonymous` for a session nobody has signed
 * in to (or one that is locked), which may use only `session.public`.
 */
export type ActorRole = Role | 'anonymous';

export const anonymousCapabilities: ReadonlySet<Capability> = new Set<Capability>(['session.public']);

/**
 * Owner toggles that take a capability away from a role at run time. The table
 * above holds the most a role can ever have; a toggle that is off removes one.
 */
export interface CapabilityToggles {
  assistantCanEditPrices: boolean;
}

const toggled: Partial<Record<ActorRole, Partial<Record<Capability, keyof CapabilityToggles>>>> = {
  assistant: { 'prices.write': 'assistantCanEditPrices' },
};

export function capabilitiesOf(role: ActorRole, toggles?: CapabilityToggles): Set<Capability> {
  const base = role === 'anonymous' ? anonymousCapabilities : roleCapabilities[role];
  const result = new Set(base);
  for (const [capability, toggle] of Object.entries(toggled[role] ?? {}) as [Capability, keyof CapabilityToggles][]) {
    if (toggles && !toggles[toggle]) result.delete(capability);
  }
  return result;
}

/** Whether `role` may use `capability`; with `toggles`, as the workspace's settings now allow. */
export function roleCan(role: ActorRole, capability: Capability, toggles?: CapabilityToggles): boolean {
  if (role === 'anonymous') return anonymousCapabilities.has(capability);
  if (!roleCapabilities[role].has(capability)) return false;
  const toggle = toggled[role]?.[capability];
  return !(toggles && toggle && !toggles[toggle]);
}
