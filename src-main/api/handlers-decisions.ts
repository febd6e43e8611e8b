/**
 * Handlers of the decision reports (the `reports.*` methods past revenue and
 * counts), typed against the contract so a missing one fails to compile.
 */
import type { Handlers } from './router';
import { monthlySummary, moneyReport, moneyReportFile, peopleReport, peopleReportFile } from '../services/decisions';

export const decisionsHandlers = {
  'reports.money': moneyReport,
  'reports.moneyFile': moneyReportFile,
  'reports.people': peopleReport,
  'reports.peopleFile': peopleReportFile,
  'reports.monthlySummary': monthlySummary,
} satisfies Pick<Handlers, 'reports.money' | 'reports.moneyFile' | 'reports.people' | 'reports.peopleFile' | 'reports.monthlySummary'>;
