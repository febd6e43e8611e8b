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
  ]),
  teacher: new Set<Capability>(['workspace.read', 'clients.read']),
};

export function roleCan(role: Role, capability: Capability): boolean {
  return roleCapabilities[role].has(capability);
}
