/**
 * The clients grid's query turned into `clients.list` input: the quick search goes
 * to the FTS index, sortable columns map to the API's sort fields, and column
 * filters to the list's filters. Columns the API cannot sort or filter by are
 * simply not offered as sortable/filterable, so nothing here is silently dropped.
 */
import type { MethodInput } from '../../../src-shared/api/contract';
import type { EnrollmentStatus } from '../../../src-shared/domain';
import type { GridQuery } from '../../grid/model/query';

type ClientListInput = NonNullable<MethodInput<'clients.list'>>;
type ClientSortField = NonNullable<ClientListInput['sort']>[number]['field'];

export const clientSortFields: Record<string, ClientSortField> = {
  name: 'displayName',
  email: 'email',
  balance: 'balanceMinor',
  created: 'createdAt',
};

export function clientListInput(query: GridQuery, offset: number, limit: number): ClientListInput {
  const input: ClientListInput = { offset, limit };
  const search = query.search.trim();
  if (search) input.query = search;
  const sort = query.sorting.flatMap((s) => {
    const field = clientSortFields[s.id];
    return field ? [{ field, desc: s.desc }] : [];
  });
  if (sort.length > 0) input.sort = sort.slice(0, 4);
  for (const [id, filter] of Object.entries(query.filters)) {
    if (id === 'status' && filter.kind === 'in' && filter.values.length > 0) input.status = filter.values as EnrollmentStatus[];
    if (id === 'balance' && filter.kind === 'amountRange') {
      if (filter.min !== undefined) input.balanceMin = filter.min;
      if (filter.max !== undefined) input.balanceMax = filter.max;
    }
    if (id === 'overdue' && filter.kind === 'in' && filter.values.includes('yes')) input.overdueOnly = true;
    if (id === 'created' && filter.kind === 'dateRange') {
      if (filter.from) input.createdFrom = filter.from;
      if (filter.to) input.createdTo = filter.to;
    }
    if (id === 'tags' && filter.kind === 'text' && filter.text.trim()) input.tag = filter.text.trim();
  }
  return input;
}
