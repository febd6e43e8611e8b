/**
 * Handlers of the saved-views area, joined into the router's table in handlers.ts.
 */
import * as views from '../services/views';
import type { Handlers } from './router';

export const viewsHandlers = {
  'views.list': views.listViews,
  'views.save': views.saveView,
  'views.delete': views.deleteView,
} satisfies Pick<Handlers, 'views.list' | 'views.save' | 'views.delete'>;
