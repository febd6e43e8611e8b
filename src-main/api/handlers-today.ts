/**
 * Handlers of the Today area (src-shared/api/today-methods.ts): the reminder
 * engine's lists, reminder states, tasks, message templates and messages, and
 * the open-groups feed. Typed against the contract's own subset, so a missing or
 * mistyped handler here fails to compile just as in handlers.ts.
 */
import type { todayMethods } from '../../src-shared/api/today-methods';
import * as hiddenReminders from '../services/hidden-reminders';
import { packageAlerts } from '../services/lessons/packages';
import * as messages from '../services/messages';
import * as openGroups from '../services/open-groups';
import * as reminders from '../services/reminders';
import * as tasks from '../services/tasks';
import type { Handlers } from './router';

export const todayHandlers = {
  'today.get': (ctx, input) => ({
    ...reminders.getToday(ctx, input),
    packageAlerts: packageAlerts(ctx, reminders.reminderDay(ctx, input.asOf)),
  }),
  'today.counts': reminders.getTodayCounts,
  'followUps.log': reminders.logFollowUp,
  'reminders.snooze': reminders.snoozeReminder,
  'reminders.dismiss': reminders.dismissReminder,
  'reminders.restore': reminders.restoreReminder,
  'reminders.hidden': hiddenReminders.listHiddenReminders,

  'tasks.list': tasks.listTasks,
  'tasks.create': tasks.createTask,
  'tasks.update': tasks.updateTask,
  'tasks.complete': tasks.completeTask,
  'tasks.delete': tasks.deleteTask,

  'templates.list': messages.listTemplates,
  'templates.create': messages.createTemplate,
  'templates.update': messages.updateTemplate,
  'templates.delete': messages.deleteTemplate,

  'messages.render': messages.renderMessages,
  'messages.logSent': messages.logSentMessages,

  'openGroups.get': (ctx) => openGroups.openGroupsStatus(ctx.db, ctx.clock.now()),
  'openGroups.configure': openGroups.configureOpenGroups,
  'openGroups.publish': (ctx) => openGroups.publishOpenGroups(ctx.db, ctx.clock),
} satisfies Pick<Handlers, keyof typeof todayMethods>;
