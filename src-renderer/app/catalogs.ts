/**
 * The registry of feature catalogs. Each feature folder keeps its own strings in
 * `i18n.ts` (`export const catalogs = defineCatalogs(en, { hu, zh })`), merged
 * under the feature's key, so `t('today.title')` reads `features/today/i18n.ts`.
 * A feature owns its words the way it owns its components, and two features can
 * grow their vocabularies without editing one shared file.
 *
 * The registry sits in the composition root, which alone may know every
 * feature; it imports each feature's `i18n.ts` directly (the catalog is that
 * file's whole public face), so loading the strings never loads a screen.
 */
import type { FeatureCatalogs } from '../i18n/catalogs';
import { catalogs as importsCatalogs } from '../features/import/i18n';
import { catalogs as exportCatalogs } from '../features/export/i18n';
import { catalogs as settingsCatalogs } from '../features/settings/i18n';
import { catalogs as authCatalogs } from '../features/auth/i18n';
import { catalogs as usersCatalogs } from '../features/users/i18n';
import { catalogs as auditCatalogs } from '../features/audit/i18n';
import { catalogs as backupsCatalogs } from '../features/backups/i18n';
import { catalogs as gridCatalogs } from '../grid/i18n';
import { catalogs as clientsCatalogs } from '../features/clients/i18n';
import { catalogs as paymentsCatalogs } from '../features/payments/i18n';
import { catalogs as cohortsCatalogs } from '../features/cohorts/i18n';
import { catalogs as programsCatalogs } from '../features/programs/i18n';
import { catalogs as enrollmentsCatalogs } from '../features/enrollments/i18n';
import { catalogs as enrollCatalogs } from '../features/enrollments/i18n-enroll';
import { catalogs as paletteCatalogs } from '../features/palette/i18n';
import { catalogs as undoCatalogs } from '../features/undo/i18n';
import { catalogs as schoolCatalogs } from '../features/school/i18n';
import { catalogs as todayCatalogs } from '../features/today/i18n';
import { catalogs as templatesCatalogs } from '../features/templates/i18n';
import { catalogs as syncCatalogs } from '../features/sync/i18n';
import { catalogs as reportsCatalogs } from '../features/reports/i18n';
import { catalogs as onboardingCatalogs } from '../features/onboarding/i18n';
import { catalogs as helpCatalogs } from '../features/help/i18n';
import { catalogs as lessonsCatalogs } from '../features/lessons/i18n';
import { catalogs as packagesCatalogs } from '../features/packages/i18n';
import { catalogs as teacherPayCatalogs } from '../features/teacher-pay/i18n';
import { catalogs as marketingCatalogs } from '../features/marketing/i18n';
import { catalogs as decisionsCatalogs } from '../features/reports/i18n-decisions';
import { catalogs as receiptsCatalogs } from '../features/receipts/i18n';
import { catalogs as qualityCatalogs } from '../features/quality/i18n';

/** Registered feature catalogs, keyed by the namespace they answer to. */
export const featureCatalogs: FeatureCatalogs = {
  imports: importsCatalogs,
  export: exportCatalogs,
  settings: settingsCatalogs,
  auth: authCatalogs,
  users: usersCatalogs,
  audit: auditCatalogs,
  backups: backupsCatalogs,
  grid: gridCatalogs,
  clients: clientsCatalogs,
  payments: paymentsCatalogs,
  cohorts: cohortsCatalogs,
  programs: programsCatalogs,
  enrollments: enrollmentsCatalogs,
  enroll: enrollCatalogs,
  palette: paletteCatalogs,
  undo: undoCatalogs,
  school: schoolCatalogs,
  today: todayCatalogs,
  templates: templatesCatalogs,
  sync: syncCatalogs,
  reports: reportsCatalogs,
  onboarding: onboardingCatalogs,
  help: helpCatalogs,
  lessons: lessonsCatalogs,
  packages: packagesCatalogs,
  teacherPay: teacherPayCatalogs,
  marketing: marketingCatalogs,
  decisions: decisionsCatalogs,
  receipts: receiptsCatalogs,
  quality: qualityCatalogs,
};
