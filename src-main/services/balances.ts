/**
 * PLACEHOLDER — being implemented (money services). Signatures are fixed; other
 * services call these.
 */
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { ClientBalance, EnrollmentBalance, OverdueRow } from '../../src-shared/api/types';
import type { ServiceContext } from './context';

/** Balances of many enrollments at once (roster, client page), as of a calendar day. */
export function enrollmentBalances(_ctx: Pick<ServiceContext, 'db'>, _enrollmentIds: readonly string[], _asOf: string): Map<string, EnrollmentBalance> {
  throw new Error('not implemented');
}

/** Balances of many clients at once (client list, family totals), as of a calendar day. */
export function clientBalances(_ctx: Pick<ServiceContext, 'db'>, _clientIds: readonly string[] | 'all', _asOf: string): Map<string, ClientBalance> {
  throw new Error('not implemented');
}

export function getEnrollmentBalance(_ctx: ServiceContext, _input: MethodParsedInput<'balances.enrollment'>): EnrollmentBalance {
  throw new Error('not implemented');
}

export function listOverdue(_ctx: ServiceContext, _input: MethodParsedInput<'balances.overdue'>): OverdueRow[] {
  throw new Error('not implemented');
}

/** The school's calendar day now (settings time zone), for `asOf` defaults. */
export function today(_ctx: ServiceContext): string {
  throw new Error('not implemented');
}
