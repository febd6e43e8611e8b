/**
 * Deleting an enrollment: a confirmation that names the client and the program,
 * so a person who clicked the wrong row sees whose record is about to go before
 * anything is written. It reads both names fresh (the Edit panel and the row menu
 * open the same dialog), sends `enrollments.delete` (a soft delete, kept in the
 * change log) and shows a refusal inside the dialog in the interface language.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';

interface DeleteProps {
  enrollmentId: string;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteEnrollmentDialog(props: DeleteProps) {
  const { t } = useTranslation();
  const enrollment = useQuery('enrollments.get', { id: props.enrollmentId }, { tables: ['enrollments', 'programs'] });
  const [settled, setSettled] = useState(false);
  return (
    <Modal opened onClose={props.onClose} title={t('enrollments.change.deleteTitle')} zIndex={400} data-testid="enrollment-delete">
      {enrollment.data && !settled ? (
        <ConfirmDelete
          {...props}
          clientId={enrollment.data.clientId}
          programName={enrollment.data.programName}
          onDeleted={() => {
            setSettled(true);
            props.onDeleted();
          }}
        />
      ) : (
        <Text c="dimmed">…</Text>
      )}
    </Modal>
  );
}

function ConfirmDelete({ enrollmentId, clientId, programName, onClose, onDeleted }: DeleteProps & { clientId: string; programName: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQuery('clients.get', { id: clientId }, { tables: ['clients'] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const names = { client: client.data?.displayName ?? '…', program: programName };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('enrollments.delete', { id: enrollmentId });
      notifications.show({ color: 'gray', message: t('enrollments.change.deleted', names) });
      onDeleted();
    } catch (failure) {
      setError(failure instanceof ApiError ? t(`errors.code.${failure.code}`, { defaultValue: failure.message }) : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text>{t('enrollments.change.deleteConfirm', names)}</Text>
      <Text size="sm" c="dimmed">
        {t('enrollments.change.deleteHint')}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('enrollments.change.cancel')}
        </Button>
        <Button color="red" loading={busy} disabled={!client.data} onClick={() => void confirm()} data-testid="enrollment-delete-confirm">
          {t('enrollments.change.delete')}
        </Button>
      </Group>
    </Stack>
  );
}
