/**
 * Figures across the school: money per period (owner only), record counts and
 * enrollments by status.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { type EnrollmentStatus } from '../domain';
import { empty, isoDate, read, type MethodSpec } from './spec';
import type { RevenueReport, Stats } from './types';

export const reportsMethods = {
  'reports.revenue': read<RevenueReport>()(
    'finance.read',
    z.object({ from: isoDate.optional(), to: isoDate.optional() }).default({}),
    'Money received, refunded, expected and outstanding across the school.',
  ),
  'reports.stats': read<Stats>()('workspace.read', empty, 'How many records of each kind.'),
  'reports.enrollmentFunnel': read<{ status: EnrollmentStatus; count: number }[]>()(
    'workspace.read',
    empty,
    'How many live enrollments are in each status (every status listed, zero included).',
  ),
} as const satisfies Record<string, MethodSpec>;
