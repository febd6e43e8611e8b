/**
 * The payments grid's query as `payments.page` input: the quick search matches
 * client names and references, sortable columns map to the API's sort fields and
 * column filters to date, method, amount and void filters.
 */
import type { MethodInput } from '../../../src-shared/api/contract';
import type { PaymentMethod } from '../../../src-shared/domain';
import type { GridQuery } from '../../grid/model/query';

type PaymentPageInput = NonNullable<MethodInput<'payments.page'>>;
type PaymentSortField = NonNullable<PaymentPageInput['sort']>[number]['field'];

export const paymentSortFields: Record<string, PaymentSortField> = {
  paidOn: 'paidOn',
  client: 'clientName',
  amount: 'amountMinor',
  method: 'method',
  reference: 'reference',
};

export function paymentPageInput(query: GridQuery, offset: number, limit: number): PaymentPageInput {
  const input: PaymentPageInput = { offset, limit };
  if (query.search.trim()) input.query = query.search.trim();
  const sort = query.sorting.flatMap((s) => {
    const field = paymentSortFields[s.id];
    return field ? [{ field, desc: s.desc }] : [];
  });
  if (sort.length > 0) input.sort = sort.slice(0, 4);
  for (const [id, filter] of Object.entries(query.filters)) {
    if (id === 'paidOn' && filter.kind === 'dateRange') {
      if (filter.from) input.from = filter.from;
      if (filter.to) input.to = filter.to;
    }
    if (id === 'method' && filter.kind === 'in' && filter.values.length > 0) input.methods = filter.values as PaymentMethod[];
    if (id === 'amount' && filter.kind === 'amountRange') {
      if (filter.min !== undefined) input.amountMin = filter.min;
      if (filter.max !== undefined) input.amountMax = filter.max;
    }
    if (id === 'voided' && filter.kind === 'in' && filter.values.length === 1)
      input.voided = filter.values[0] === 'yes' ? 'only' : 'exclude';
  }
  return input;
}
