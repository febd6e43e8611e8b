/**
 * The school's set-up progress, read from its data: the first-run wizard is due
 * while the owner has neither finished nor skipped it and the school holds
 * nothing yet; each checklist step is done when the rows that step makes exist
 * (a live program, a payment that was not voided, an import that was not undone,
 * an assistant who can sign in). Nothing here stores a tick: a step done from
 * any screen, the CLI or another machine shows as done, and undoing it reopens it.
 *
 * Sync and backups live outside the domain (src-main/sync, src-main/upkeep), so
 * the caller passes in whether they are set up on this machine; this module
 * stays a plain function over the database.
 */
import type { OnboardingStatus, SetupStep } from '../../src-shared/api/onboarding-methods';
import { setupSteps } from '../../src-shared/api/onboarding-methods';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import { applyChanges } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { needsSetup } from './auth';
import { getSettings } from './settings';

/** Whether this machine syncs and keeps its backups in a folder the owner chose: local facts the caller knows. */
export interface LocalSetup {
  sync: boolean;
  backups: boolean;
}

/** One query per step the data answers: true when a matching row exists. */
const stepQueries: Partial<Record<SetupStep, string>> = {
  program: 'SELECT 1 FROM programs WHERE deleted_at IS NULL LIMIT 1',
  teacher: 'SELECT 1 FROM teachers WHERE deleted_at IS NULL LIMIT 1',
  cohort: 'SELECT 1 FROM cohorts WHERE deleted_at IS NULL LIMIT 1',
  enrollment: 'SELECT 1 FROM enrollments WHERE deleted_at IS NULL LIMIT 1',
  payment: 'SELECT 1 FROM payments WHERE deleted_at IS NULL AND voided_at IS NULL LIMIT 1',
  import: 'SELECT 1 FROM import_batches WHERE deleted_at IS NULL AND undone_at IS NULL LIMIT 1',
  assistant: "SELECT 1 FROM users WHERE role <> 'owner' AND active = 1 AND deleted_at IS NULL AND password_hash IS NOT NULL LIMIT 1",
};

/** Anything a school makes; while none of it exists the school is empty and the wizard may lead. */
const anythingQuery = ['programs', 'teachers', 'cohorts', 'clients', 'enrollments', 'payments', 'import_batches']
  .map((table) => `SELECT 1 FROM ${table} WHERE deleted_at IS NULL`)
  .join(' UNION ALL ');

function exists(ctx: Pick<ServiceContext, 'db'>, sql: string): boolean {
  return ctx.db.sqlite.prepare(sql).get() !== undefined;
}

function stepDone(ctx: Pick<ServiceContext, 'db'>, step: SetupStep, local: LocalSetup): boolean {
  if (step === 'password') return !needsSetup(ctx.db);
  if (step === 'sync' || step === 'backups') return local[step];
  const sql = stepQueries[step];
  return sql !== undefined && exists(ctx, sql);
}

export function onboardingStatus(ctx: Pick<ServiceContext, 'db'>, local: LocalSetup): OnboardingStatus {
  const settings = getSettings(ctx);
  const steps = setupSteps.map((step) => ({ step, done: stepDone(ctx, step, local) }));
  const wizardOutcome = settings.wizardOutcome ?? null;
  return {
    wizard: wizardOutcome === null && !exists(ctx, `SELECT 1 FROM (${anythingQuery}) LIMIT 1`),
    wizardOutcome,
    checklistDismissed: settings.checklistDismissed,
    steps,
    checklist: wizardOutcome !== null && !settings.checklistDismissed && steps.some((s) => !s.done),
  };
}

/** Records the wizard's outcome or the checklist's dismissal; an empty input writes nothing. */
export function updateOnboarding(ctx: ServiceContext, input: MethodParsedInput<'onboarding.update'>, local: LocalSetup): OnboardingStatus {
  const values: Record<string, unknown> = {};
  if (input.wizardOutcome !== undefined) values['wizardOutcome'] = input.wizardOutcome;
  if (input.checklistDismissed !== undefined) values['checklistDismissed'] = input.checklistDismissed;
  if (Object.keys(values).length > 0) applyChanges(ctx, [{ op: 'update', table: 'settings', id: getSettings(ctx).id, values }]);
  return onboardingStatus(ctx, local);
}
