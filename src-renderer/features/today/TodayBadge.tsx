/**
 * The sidebar badge: how many things want an action today. It refetches when any
 * table a reminder depends on changes, so logging a call or a payment anywhere
 * in the app updates it without a reload.
 */
import { Badge } from '@mantine/core';
import { useQuery } from '../../api/context';

export const reminderTables = [
  'enrollments',
  'instalments',
  'payments',
  'payment_allocations',
  'cohorts',
  'clients',
  'tasks',
  'reminder_states',
  'settings',
  'programs',
];

export function TodayBadge() {
  const counts = useQuery('today.counts', {}, { tables: reminderTables });
  const total = counts.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <Badge size="sm" variant="filled" color="red" circle={total < 10} data-testid="today-badge">
      {total > 99 ? '99+' : total}
    </Badge>
  );
}
