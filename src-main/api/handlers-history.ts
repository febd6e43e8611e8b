/**
 * Handlers of the history area (undo and the recent-actions menu) and of the
 * workspace methods that compose the core services (one-call enrollment, the
 * duplicate check, the enrollments grid, duplicating a cohort).
 */
import { findDuplicates } from '../services/clients';
import { duplicateCohort } from '../services/cohorts';
import { enroll } from '../services/enroll';
import { enrollmentGrid } from '../services/enrollments';
import { recentActions, undoLast } from '../services/undo';
import type { Handlers } from './router';

type Own = 'history.recent' | 'history.undo' | 'clients.findDuplicates' | 'enrollments.enroll' | 'enrollments.grid' | 'cohorts.duplicate';

export const historyHandlers = {
  'history.recent': recentActions,
  'history.undo': undoLast,
  'clients.findDuplicates': findDuplicates,
  'enrollments.enroll': enroll,
  'enrollments.grid': enrollmentGrid,
  'cohorts.duplicate': duplicateCohort,
} satisfies Pick<Handlers, Own>;
