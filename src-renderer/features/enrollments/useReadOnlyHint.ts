/**
 * Typing into a cell that cannot be edited says why, instead of doing nothing:
 * the name belongs to the client, the program follows the group, paid and
 * balance come from payments, a role may not change prices. The grid itself only
 * knows "no editor"; this screen knows the reason, so it listens (capturing,
 * without taking the key from the grid) for a typed character or F2 on the cell
 * under the grid's cursor, and shows the reason once per cell as a notification.
 */
import { notifications } from '@mantine/notifications';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function useReadOnlyHint(reasons: Record<string, string>) {
  const { t } = useTranslation();
  return (event: KeyboardEvent<HTMLElement>) => {
    const typed = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (!typed && event.key !== 'F2') return;
    if ((event.target as HTMLElement).closest('input, textarea, select, [role="dialog"]')) return;
    const cell = event.currentTarget.querySelector<HTMLElement>('[data-cursor="true"]');
    const reason = cell?.dataset['column'] ? reasons[cell.dataset['column']] : undefined;
    if (!reason) return;
    notifications.show({
      id: 'enrollments-read-only',
      color: 'gray',
      title: t('enrollments.change.readOnlyTitle'),
      message: t(`enrollments.change.readOnly.${reason}`),
      autoClose: 4000,
    });
  };
}
