/**
 * The confirmation before a cohort is deleted, naming it. The delete is soft
 * (Undo in the header takes it back); the API refuses a cohort that still has
 * active enrollments, and that refusal is shown inside the dialog in the
 * interface language, translated from its stable code, so the person learns
 * what to do first. After a delete the cohort's page has nothing left to show,
 * so the dialog returns to the Cohorts list.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortSummary } from '../../../src-shared/api/types';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCohortsUi } from './store';

function refusalText(error: unknown, t: (key: string | string[]) => string): string {
  if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
  const code = error.fields[0]?.code;
  return code ? t([`cohorts.delete.refused.${code}`, `errors.code.${error.code}`]) : t(`errors.code.${error.code}`);
}

export function CohortDeleteDialog({ cohort, opened, onClose }: { cohort: CohortSummary; opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const show = useCohortsUi((s) => s.show);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('cohorts.delete', { id: cohort.id });
      notifications.show({ color: 'teal', message: t('cohorts.delete.done', { name: cohort.name }) });
      close();
      show(null);
    } catch (failure) {
      setError(refusalText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('cohorts.delete.title')} centered>
      <Stack gap="md">
        <Text size="sm">{t('cohorts.delete.question', { name: cohort.name })}</Text>
        <Text size="sm" c="dimmed">
          {t('cohorts.delete.undo')}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="cohort-delete-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            {t('cohorts.delete.cancel')}
          </Button>
          <Button
            color="red"
            loading={busy}
            leftSection={<IconTrash size={16} />}
            onClick={() => void remove()}
            data-testid="confirm-delete-cohort"
          >
            {t('cohorts.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
