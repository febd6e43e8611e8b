/**
 * The first run: whether the owner should meet the set-up wizard, how far the
 * school's set-up has come (the checklist on Today), and filling an empty school
 * with the demo school. Every step's "done" is read from the school's own data
 * (a live program, a payment that was not voided, an assistant who can sign in),
 * never from a tick someone set, so the checklist cannot claim a step the data
 * does not show, and doing a step anywhere in the app ticks it.
 *
 * All three belong to the owner: they shape the whole workspace. Joined into the
 * contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { wizardOutcomes, type WizardOutcome } from '../domain';
import { empty, read, write, type MethodSpec } from './spec';

/** The set-up steps in the order the checklist lists them. */
export const setupSteps = [
  'password',
  'program',
  'teacher',
  'cohort',
  'enrollment',
  'payment',
  'import',
  'assistant',
  'sync',
  'backups',
] as const;
export type SetupStep = (typeof setupSteps)[number];

export interface OnboardingStatus {
  /** Show the first-run wizard: it was never finished or skipped, and the school holds nothing yet. */
  wizard: boolean;
  wizardOutcome: WizardOutcome | null;
  checklistDismissed: boolean;
  /** Every step, in order, and whether the school's data shows it done. */
  steps: { step: SetupStep; done: boolean }[];
  /** Show the checklist on Today: the wizard is behind the owner, the list was not closed, and a step is open. */
  checklist: boolean;
}

/** What the demo school holds once seeded. */
export interface DemoSeeded {
  clients: number;
  programs: number;
  cohorts: number;
  enrollments: number;
  payments: number;
}

export const onboardingMethods = {
  'onboarding.status': read<OnboardingStatus>()(
    'workspace.manage',
    empty,
    'Whether the first-run wizard is due, and each set-up step with whether the data shows it done.',
  ),
  'onboarding.update': write<OnboardingStatus>()(
    'workspace.manage',
    z.object({
      wizardOutcome: z.enum(wizardOutcomes).optional(),
      checklistDismissed: z.boolean().optional(),
    }),
    'Record how the owner left the first-run wizard (so it never comes back), or close the set-up checklist.',
  ),
  'demo.seed': write<DemoSeeded>()(
    'workspace.manage',
    z.object({
      clients: z.number().int().min(1).max(2000),
      seed: z.string().trim().min(1).max(100).optional(),
    }),
    'Fill an empty school with the demo school (programs, groups, clients, payments); refused once it holds clients.',
  ),
} as const satisfies Record<string, MethodSpec>;
