/**
 * The API, declared once. Each method has an input schema (zod), an output type
 * and the capability it needs. Everything else is derived from this table: the
 * router's handler map must `satisfy` it (a missing or mistyped handler does not
 * compile), the IPC and HTTP clients are typed by it, the CLI's `call` validates
 * against it, and the role-matrix test walks it.
 *
 * Names are `<area>.<verb>`; inputs and outputs are camelCase forms of columns.
 * Each area declares its methods in its own `<area>-methods.ts` (with
 * `read`/`write` from ./spec) and adds one spread line to `contract` below.
 */
import type { z } from 'zod';
import { auditMethods } from './audit-methods';
import { authMethods } from './auth-methods';
import { backupsMethods } from './backups-methods';
import { catalogMethods } from './catalog-methods';
import { clientsMethods } from './clients-methods';
import { enrollmentsMethods } from './enrollments-methods';
import { historyMethods } from './history-methods';
import { importsMethods } from './imports-methods';
import { lessonsMethods } from './lessons-methods';
import { packagesMethods } from './packages-methods';
import { teacherPayMethods } from './teacher-pay-methods';
import { marketingMethods } from './marketing-methods';
import { onboardingMethods } from './onboarding-methods';
import { qualityMethods } from './quality-methods';
import { receiptsMethods } from './receipts-methods';
import { paymentsMethods } from './payments-methods';
import { reportsMethods } from './reports-methods';
import { settingsMethods } from './settings-methods';
import type { MethodSpec } from './spec';
import { syncMethods } from './sync-methods';
import { todayMethods } from './today-methods';
import { viewsMethods } from './views-methods';
import { workspaceMethods } from './workspace-methods';

export const contract = {
  ...settingsMethods,
  ...catalogMethods,
  ...clientsMethods,
  ...enrollmentsMethods,
  ...paymentsMethods,
  ...reportsMethods,
  ...authMethods,
  ...auditMethods,
  ...backupsMethods,
  ...viewsMethods,
  ...workspaceMethods,
  ...historyMethods,
  ...importsMethods,
  ...todayMethods,
  ...syncMethods,
  ...onboardingMethods,
  ...lessonsMethods,
  ...qualityMethods,
  ...receiptsMethods,
  ...packagesMethods,
  ...teacherPayMethods,
  ...marketingMethods,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export const methodNames = Object.keys(contract) as MethodName[];

/**
 * Methods kept for scripts (`tanoda call`, README's example) that no screen calls: a screen does the same
 * in one all-or-nothing step (`enrollments.enroll` creates the enrollment and plans its instalments). Every
 * other method has a screen that calls it; tests/unit/screen-coverage.test.ts holds both rules.
 */
export const scriptingMethods: readonly MethodName[] = ['enrollments.create', 'instalments.plan'];

export function isMethodName(value: string): value is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, value);
}
export type { MethodSpec } from './spec';
