/**
 * The confirmation before a program is deleted, naming it so the wrong row is
 * not deleted by a slip. The delete is soft (Undo in the header takes it back),
 * and the API refuses a program that still has cohorts; that refusal is shown
 * inside the dialog in the interface language, translated from its stable code,
 * so the person reads why and what to do first instead of a failed toast.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Program } from '../../../src-shared/api/types';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useProgramsUi } from './store';

function refusalText(error: unknown, t: (key: string | string[]) => string): string {
  if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
  const code = error.fields[0]?.code;
  return code ? t([`programs.form.deleteRefused.${code}`, `errors.code.${error.code}`]) : t(`errors.code.${error.code}`);
}

function DeleteBody({ program, onDone }: { program: Program; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('programs.delete', { id: program.id });
      notifications.show({ color: 'teal', message: t('programs.form.deleted', { name: program.name }) });
      onDone();
    } catch (failure) {
      setError(refusalText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('programs.form.deleteQuestion', { name: program.name })}</Text>
      <Text size="sm" c="dimmed">
        {t('programs.form.deleteUndo')}
      </Text>
      {error && (
        <Alert color="red" variant="light" role="alert" data-testid="program-delete-error">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} disabled={busy}>
          {t('programs.form.cancel')}
        </Button>
        <Button
          color="red"
          loading={busy}
          leftSection={<IconTrash size={16} />}
          onClick={() => void remove()}
          data-testid="confirm-delete-program"
        >
          {t('programs.form.deleteConfirm')}
        </Button>
      </Group>
    </Stack>
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
