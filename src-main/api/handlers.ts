/**
 * The router's handler table: contract method -> service function. `satisfies
 * Handlers` makes a method without a handler, or a handler with the wrong input
 * or output type, a compile error.
 */
import * as activities from '../services/activities';
import * as catalog from '../services/catalog';
import * as clients from '../services/clients';
import * as cohorts from '../services/cohorts';
import * as enrollments from '../services/enrollments';
import * as instalments from '../services/instalments';
import * as payments from '../services/payments';
import * as plans from '../services/plans';
import * as programs from '../services/programs';
import * as reports from '../services/reports';
import * as transfer from '../services/transfer';
import { getSettings, updateSettings } from '../services/settings';
import { auditHandlers } from './handlers-audit';
import { authHandlers } from './handlers-auth';
import { backupsHandlers } from './handlers-backups';
import { viewsHandlers } from './handlers-views';
import { historyHandlers } from './handlers-history';
import { importsHandlers } from './handlers-imports';
import { todayHandlers } from './handlers-today';
import { syncHandlers } from './handlers-sync';
import { onboardingHandlers } from './handlers-onboarding';
import { lessonsHandlers } from './handlers-lessons';
import { qualityHandlers, receiptsHandlers } from './handlers-quality';
import { marketingHandlers } from './handlers-marketing';
import { decisionsHandlers } from './handlers-decisions';
import { followCohortChange } from '../services/lessons/generate';
import { createRouter, type Handlers, type Router } from './router';

export const handlers = {
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': updateSettings,

  'programs.list': programs.listPrograms,
  'programs.create': programs.createProgram,
  'programs.update': programs.updateProgram,
  'programs.delete': programs.deleteProgram,

  'teachers.list': (ctx) => catalog.listTeachers(ctx),
  'teachers.create': catalog.createTeacher,
  'teachers.update': catalog.updateTeacher,
  'teachers.delete': catalog.deleteTeacher,

  'rooms.list': (ctx) => catalog.listRooms(ctx),
  'rooms.create': catalog.createRoom,
  'rooms.update': catalog.updateRoom,
  'rooms.delete': catalog.deleteRoom,

  'cohorts.list': cohorts.listCohorts,
  'cohorts.get': (ctx, input) => cohorts.getCohortDetail(ctx, input.id),
  'cohorts.create': cohorts.createCohort,
  'cohorts.update': (ctx, input) => followCohortChange(ctx, cohorts.updateCohort(ctx, input)),
  'cohorts.delete': cohorts.deleteCohort,

  'clients.list': clients.listClients,
  'clients.get': clients.getClientDetail,
  'clients.create': clients.createClient,
  'clients.update': clients.updateClient,
  'clients.delete': clients.deleteClient,
  'clients.bulkUpsert': clients.bulkUpsertClients,

  'enrollments.list': enrollments.listEnrollments,
  'enrollments.get': enrollments.getEnrollmentDetail,
  'enrollments.create': enrollments.createEnrollment,
  'enrollments.update': enrollments.updateEnrollment,
  'enrollments.setStatus': enrollments.setEnrollmentStatus,
  'enrollments.delete': enrollments.deleteEnrollment,

  'instalments.plan': instalments.planInstalments,
  'instalments.previewReplan': plans.previewReplan,
  'instalments.replan': plans.replan,
  'enrollments.previewTransfer': transfer.previewTransfer,
  'enrollments.transfer': transfer.transferEnrollment,

  'payments.page': payments.pagePayments,
  'payments.create': payments.createPayment,
  'payments.void': payments.voidPayment,
  'payments.refund': payments.refundPayment,

  'payments.prefill': payments.paymentPrefill,

  'activities.list': activities.listActivities,
  'activities.create': activities.createActivity,

  'reports.revenue': reports.revenueReport,
  'reports.stats': (ctx) => reports.stats(ctx),
  'reports.enrollmentFunnel': (ctx) => reports.enrollmentFunnel(ctx),
  ...historyHandlers,
  ...authHandlers,
  ...auditHandlers,
  ...backupsHandlers,
  ...viewsHandlers,
  ...todayHandlers,
  ...syncHandlers,
  ...importsHandlers,
  ...onboardingHandlers,
  ...lessonsHandlers,
  ...qualityHandlers,
  ...receiptsHandlers,
  ...marketingHandlers,
  ...decisionsHandlers,
} satisfies Handlers;

export function createAppRouter(options?: Parameters<typeof createRouter>[1]): Router {
  return createRouter(handlers, options);
}
