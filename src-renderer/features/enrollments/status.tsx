/**
 * How an enrollment status looks everywhere it appears (grid, roster, board,
 * client page): one colour per status and its name in the interface language.
 * Kept in one place so "thinking" is the same yellow on every screen.
 */
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EnrollmentStatus } from '../../../src-shared/domain';

export const statusColor: Record<EnrollmentStatus, string> = {
  inquiry: 'gray',
  thinking: 'yellow',
  trial: 'cyan',
  waitlist: 'grape',
  confirmed: 'teal',
  declined: 'red',
  cancelled: 'pink',
  completed: 'blue',
  transferred: 'indigo',
};

export function StatusBadge({ status, ...props }: { status: EnrollmentStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" radius="sm" {...props}>
      {t(`enrollments.status.${status}`)}
    </Badge>
  );
}
