/**
 * The "change it later" pieces other screens place: the dialogs host (mounted
 * by each screen that offers the actions, since the frame that mounts the
 * New-enrollment dialog belongs to the composition root) and the per-enrollment
 * menu — Edit, Change the plan, Move to another group, Follow-up, Delete — that the grid,
 * the client page and the cohort roster show, each item only for a role that may
 * do it (the API checks again).
 */
import { ActionIcon, Menu } from '@mantine/core';
import { IconArrowsExchange, IconCalendarDollar, IconDots, IconPencil, IconPhoneCall, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentStatus } from '../../../src-shared/domain';
import { transferableStatuses } from '../../../src-shared/domain';
import { useCan } from '../../shared/permissions';
import { openEnrollmentChange, useEnrollmentChangeUi } from './changeStore';
import { DeleteEnrollmentDialog } from './DeleteEnrollmentDialog';
import { EnrollmentEditor } from './EnrollmentEditor';
import { FollowUpDialog } from './FollowUpDialog';
import { PlanEditor } from './PlanEditor';
import { TransferDialog } from './TransferDialog';

/** Renders whichever change dialog is open; a screen mounts it once. */
export function EnrollmentChangeDialogs() {
  const open = useEnrollmentChangeUi((s) => s.open);
  const close = useEnrollmentChangeUi((s) => s.close);
  if (!open) return null;
  const key = `${open.kind}-${open.enrollmentId}`;
  const props = { enrollmentId: open.enrollmentId, onClose: close };
  switch (open.kind) {
    case 'edit':
      return <EnrollmentEditor key={key} {...props} />;
    case 'plan':
      return <PlanEditor key={key} {...props} />;
    case 'move':
      return <TransferDialog key={key} {...props} />;
    case 'followUp':
      return <FollowUpDialog key={key} {...props} />;
    case 'delete':
      return <DeleteEnrollmentDialog key={key} {...props} onDeleted={close} />;
  }
}

/** The "…" menu of one enrollment. */
export function EnrollmentMenu({ enrollmentId, status, name }: { enrollmentId: string; status: EnrollmentStatus; name: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('enrollments.write');
  const canPrice = useCan('prices.write');
  const canDelete = useCan('records.delete');
  if (!canWrite) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={t('enrollments.change.menu', { name })}
          onMouseDown={(e) => e.stopPropagation()}
          data-testid="enrollment-menu"
        >
          <IconDots size={14} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconPencil size={14} />}
          onClick={() => openEnrollmentChange('edit', enrollmentId)}
          data-testid="menu-edit"
        >
          {t('enrollments.change.edit')}
        </Menu.Item>
        {canPrice && (
          <Menu.Item
            leftSection={<IconCalendarDollar size={14} />}
            onClick={() => openEnrollmentChange('plan', enrollmentId)}
            data-testid="menu-plan"
          >
            {t('enrollments.change.plan')}
          </Menu.Item>
        )}
        {transferableStatuses.includes(status) && (
          <Menu.Item
            leftSection={<IconArrowsExchange size={14} />}
            onClick={() => openEnrollmentChange('move', enrollmentId)}
            data-testid="menu-move"
          >
            {t('enrollments.change.move')}
          </Menu.Item>
        )}
        <Menu.Item
          leftSection={<IconPhoneCall size={14} />}
          onClick={() => openEnrollmentChange('followUp', enrollmentId)}
          data-testid="menu-follow-up"
        >
          {t('enrollments.change.followUp')}
        </Menu.Item>
        {canDelete && (
          <>
            <Menu.Divider />
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => openEnrollmentChange('delete', enrollmentId)}
              data-testid="menu-delete"
            >
              {t('enrollments.change.delete')}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
