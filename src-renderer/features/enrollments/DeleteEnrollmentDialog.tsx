/**
 * Deleting an enrollment: a confirmation that names the client and the program,
 * so a person who clicked the wrong row sees whose record is about to go before
 * anything is written. It reads both names fresh (the Edit panel and the row menu
 * open the same dialog), sends `enrollments.delete` (a soft delete, kept in the
 * change log) and shows a refusal inside the dialog in the interface language.
 */
import { Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useQuery } from '../../api/context';
import { ConfirmDelete, refusalText } from '../../shared/ConfirmDelete';

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
        <ConfirmEnrollmentDelete
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

function ConfirmEnrollmentDelete({
  enrollmentId,
  clientId,
  programName,
  onClose,
  onDeleted,
}: DeleteProps & { clientId: string; programName: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const client = useQuery('clients.get', { id: clientId }, { tables: ['clients'] });
  const names = { client: client.data?.displayName ?? '…', program: programName };
  return (
    <ConfirmDelete
      question={t('enrollments.change.deleteConfirm', names)}
      hint={t('enrollments.change.deleteHint')}
      cancelLabel={t('enrollments.change.cancel')}
      confirmLabel={t('enrollments.change.delete')}
      confirmTestId="enrollment-delete-confirm"
      ready={client.data !== undefined}
      refusal={refusalText(t)}
      onCancel={onClose}
      onConfirm={async () => {
        await api.call('enrollments.delete', { id: enrollmentId });
        notifications.show({ color: 'gray', message: t('enrollments.change.deleted', names) });
        onDeleted();
      }}
    />
  );
}
