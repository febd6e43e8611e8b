/**
 * Undoing an import, from the report or from the list of past imports: one
 * confirmation dialog (the cancel button has the focus, so a stray Enter keeps
 * the data) and one call to `imports.undo`. The lists refresh by themselves
 * from the tables the call reports as changed.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';

interface BatchRef {
  id: string;
  fileName: string;
}

export function useUndoImport(): { ask(batch: BatchRef): void; modal: ReactNode } {
  const { t } = useTranslation();
  const api = useApi();
  const [batch, setBatch] = useState<BatchRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    if (busy) return;
    setBatch(null);
    setError(null);
  };

  const confirm = async () => {
    if (!batch) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('imports.undo', { batchId: batch.id });
      notifications.show({ color: 'teal', message: t('imports.undo.done', { fileName: batch.fileName }) });
      setBatch(null);
    } catch (caught) {
      setError(t(`errors.code.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`));
    } finally {
      setBusy(false);
    }
  };

  const modal = (
    <Modal opened={batch !== null} onClose={close} title={t('imports.undo.title')} centered>
      <Stack gap="md" data-testid="undo-dialog">
        <Text size="sm">{t('imports.undo.body', { fileName: batch?.fileName ?? '' })}</Text>
        {error && (
          <Alert color="red" variant="light" role="alert" title={t('imports.undo.failed')}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={busy} data-autofocus>
            {t('imports.undo.cancel')}
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={busy}>
            {t('imports.undo.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );

  return { ask: (next) => setBatch(next), modal };
}
