/**
 * The top of a cohort's page: its name, status and published badges, the
 * program it belongs to, and the actions on it — edit and duplicate for people
 * who manage the catalog, enroll someone for people who may enroll, delete (after
 * a confirmation) for people who may delete records. Duplicating opens the copy
 * at once, so "same group next term" is one click and a rename.
 */
import { Badge, Button, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconPencil, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../src-shared/api/contract';
import type { CohortSummary } from '../../../src-shared/api/types';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { openEnrollDialog } from '../enrollments';
import { CohortDeleteDialog } from './CohortDeleteDialog';
import { useCohortsUi } from './store';

export function CohortHeader({ cohort }: { cohort: CohortSummary }) {
  const { t } = useTranslation();
  const api = useApi();
  const canCatalog = useCan('catalog.write');
  const canEnroll = useCan('enrollments.write');
  const canDelete = useCan(contract['cohorts.delete'].capability);
  const [deleting, setDeleting] = useState(false);
  const { show, openEdit } = useCohortsUi();

  const duplicate = async () => {
    try {
      const next = await api.call('cohorts.duplicate', { id: cohort.id });
      notifications.show({ color: 'teal', message: t('cohorts.duplicated', { name: next.name }) });
      show(next.id);
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };

  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
      <div>
        <Group gap="sm">
          <Title order={2}>{cohort.name}</Title>
          <Badge variant="light">{t(`cohorts.statuses.${cohort.status}`)}</Badge>
          {cohort.published && (
            <Badge variant="outline" color="teal">
              {t('cohorts.published')}
            </Badge>
          )}
        </Group>
        <Text c="dimmed" mt={4}>
          {cohort.programName}
        </Text>
      </div>
      <Group gap="sm">
        {canCatalog && (
          <>
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => openEdit(cohort.id)}>
              {t('cohorts.edit')}
            </Button>
            <Button variant="default" leftSection={<IconCopy size={16} />} onClick={() => void duplicate()} data-testid="duplicate-cohort">
              {t('cohorts.duplicate')}
            </Button>
          </>
        )}
        {canDelete && (
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => setDeleting(true)}
            data-testid="delete-cohort"
          >
            {t('cohorts.delete.action')}
          </Button>
        )}
        {canEnroll && (
          <Button
            leftSection={<IconUserPlus size={16} />}
            onClick={() => openEnrollDialog({ cohortId: cohort.id })}
            data-testid="cohort-enroll"
          >
            {t('enroll.open')}
          </Button>
        )}
      </Group>
      {canDelete && <CohortDeleteDialog cohort={cohort} opened={deleting} onClose={() => setDeleting(false)} />}
    </Group>
  );
}
