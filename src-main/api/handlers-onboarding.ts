/**
 * Handlers of the first-run methods (src-shared/api/onboarding-methods.ts). The
 * set-up progress is the domain's (services/onboarding), but whether this
 * machine syncs and where it keeps its backups are local facts that sync and
 * upkeep own, which a service may not reach; the router layer may, so it reads
 * them here and hands them in. The demo school comes from src-main/demo, which
 * itself refuses a school that already holds clients.
 */
import type { onboardingMethods } from '../../src-shared/api/onboarding-methods';
import type { Db } from '../db/connection';
import { seedDemo } from '../demo/seed-demo';
import { onboardingStatus, updateOnboarding, type LocalSetup } from '../services/onboarding';
import { deviceRole } from '../sync';
import { backupsFolder, listBackups } from '../upkeep/backups';
import type { Handlers } from './router';

/**
 * Backups run by themselves; the step asks the owner to look at them once: it is
 * done when they took one by hand (and so saw where they are kept) or moved them
 * to a folder of their own choosing.
 */
function localSetup(db: Db): LocalSetup {
  const { folder, isDefault } = backupsFolder(db);
  const backups = !isDefault || listBackups(folder).some((backup) => backup.reason === 'manual');
  return { sync: deviceRole(db) !== null, backups };
}

export const onboardingHandlers = {
  'onboarding.status': (ctx) => onboardingStatus(ctx, localSetup(ctx.db)),
  'onboarding.update': (ctx, input) => updateOnboarding(ctx, input, localSetup(ctx.db)),
  'demo.seed': (ctx, input) => {
    const seeded = seedDemo(ctx, { clients: input.clients, ...(input.seed ? { seed: input.seed } : {}) });
    const { clients, programs, cohorts, enrollments, payments } = seeded;
    return { clients, programs, cohorts, enrollments, payments };
  },
} satisfies Pick<Handlers, keyof typeof onboardingMethods>;
