/**
 * The confirmation before a program is deleted, naming it so the wrong row is
 * not deleted by a slip. The delete is soft (Undo in the header takes it back),
 * and the API refuses a program that still has cohorts; that refusal is shown
 * inside the dialog in the interface language, translated from its stable code,
 * so the person reads why and what to do first instead of a failed toast.
 */
import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../../src-shared/api/types';
import { useApi } from '../../api/context';
import { ConfirmDelete, refusalText } from '../../shared/ConfirmDelete';
import { useProgramsUi } from './store';

function DeleteBody({ program, onDone }: { program: Program; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <ConfirmDelete
      question={t('programs.form.deleteQuestion', { name: program.name })}
      hint={t('programs.form.deleteUndo')}
      cancelLabel={t('programs.form.cancel')}
      confirmLabel={t('programs.form.deleteConfirm')}
      confirmTestId="confirm-delete-program"
      errorTestId="program-delete-error"
      refusal={refusalText(t, 'programs.form.deleteRefused')}
      onCancel={onDone}
      onConfirm={async () => {
        await api.call('programs.delete', { id: program.id });
        notifications.show({ color: 'teal', message: t('programs.form.deleted', { name: program.name }) });
        onDone();
      }}
    />
  );
}

export function ProgramDeleteDialog({ programs }: { programs: readonly Program[] }) {
  const { t } = useTranslation();
  const { deletingId, closeDelete } = useProgramsUi();
  const program = deletingId === null ? undefined : programs.find((p) => p.id === deletingId);
  return (
    <Modal opened={program !== undefined} onClose={closeDelete} title={t('programs.form.deleteTitle')} centered>
      {program && <DeleteBody key={program.id} program={program} onDone={closeDelete} />}
    </Modal>
  );
}
