/**
 * The confirmation before a cohort is deleted, naming it. The delete is soft
 * (Undo in the header takes it back); the API refuses a cohort that still has
 * active enrollments, and that refusal is shown inside the dialog in the
 * interface language, translated from its stable code, so the person learns
 * what to do first. After a delete the cohort's page has nothing left to show,
 * so the dialog returns to the Cohorts list.
 */
import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { CohortSummary } from '../../../src-shared/api/types';
import { useApi } from '../../api/context';
import { ConfirmDelete, refusalText } from '../../shared/ConfirmDelete';
import { useCohortsUi } from './store';

export function CohortDeleteDialog({ cohort, opened, onClose }: { cohort: CohortSummary; opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const show = useCohortsUi((s) => s.show);
  return (
    <Modal opened={opened} onClose={onClose} title={t('cohorts.delete.title')} centered>
      {opened && (
        <ConfirmDelete
          question={t('cohorts.delete.question', { name: cohort.name })}
          hint={t('cohorts.delete.undo')}
          cancelLabel={t('cohorts.delete.cancel')}
          confirmLabel={t('cohorts.delete.confirm')}
          confirmTestId="confirm-delete-cohort"
          errorTestId="cohort-delete-error"
          refusal={refusalText(t, 'cohorts.delete.refused')}
          onCancel={onClose}
          onConfirm={async () => {
            await api.call('cohorts.delete', { id: cohort.id });
            notifications.show({ color: 'teal', message: t('cohorts.delete.done', { name: cohort.name }) });
            onClose();
            show(null);
          }}
        />
      )}
    </Modal>
  );
}
