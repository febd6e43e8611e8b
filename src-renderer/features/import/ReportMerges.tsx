/**
 * The merges an import made, in the report: each row that was taken for someone
 * already known (a client of the school, an earlier row, or the guardian an
 * earlier row named), for whom and why, with a way to undo that one merge alone.
 * A merge the school disagrees with is one click to separate; undoing the whole
 * import to fix it would throw away every other row.
 *
 * The list is read from the batch (`imports.get`), so a merge undone here or on
 * another machine shows as separated; the undo sits behind a confirmation because
 * it moves enrollments and payments to the separated client.
 */
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsSplit2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportBatchDetail, ImportMerge } from '../../../src-shared/api/imports-methods';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';

function useMergeText() {
  const { t } = useTranslation();
  return {
    why: (merge: ImportMerge) => t(`imports.merges.by.${merge.by}`),
    into: (merge: ImportMerge) =>
      merge.intoRow === null
        ? t('imports.merges.intoExisting', { name: merge.intoName })
        : t('imports.merges.intoRow', { name: merge.intoName, row: merge.intoRow }),
  };
}

function UndoMergeDialog({ batchId, merge, onClose }: { batchId: string; merge: ImportMerge | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!merge) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('imports.undoMerge', { batchId, mergeId: merge.id });
      notifications.show({ color: 'teal', message: t('imports.merges.done', { row: merge.row, name: merge.rowName }) });
      onClose();
    } catch (caught) {
      const code = caught instanceof ApiError ? (caught.fields[0]?.code ?? caught.code) : 'INTERNAL';
      setError(t([`imports.merges.refused.${code}`, `errors.code.${caught instanceof ApiError ? caught.code : 'INTERNAL'}`]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={merge !== null} onClose={close} title={t('imports.merges.confirmTitle')} centered>
      <Stack gap="md" data-testid="undo-merge-dialog">
        <Text size="sm">
          {merge &&
            t(merge.kind === 'guardian' ? 'imports.merges.confirmGuardian' : 'imports.merges.confirmClient', {
              row: merge.row,
              name: merge.rowName,
              into: merge.intoName,
            })}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert" title={t('imports.merges.failed')}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={busy} data-autofocus>
            {t('imports.merges.keep')}
          </Button>
          <Button color="orange" onClick={() => void confirm()} loading={busy}>
            {t('imports.merges.separate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ReportMerges({ batch }: { batch: ImportBatchDetail | undefined }) {
  const { t } = useTranslation();
  const canUndo = useCan('records.delete');
  const text = useMergeText();
  const [asked, setAsked] = useState<ImportMerge | null>(null);
  if (!batch) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>{t('imports.merges.title', { count: batch.merges.length })}</Title>
      <Text size="sm" c="dimmed">
        {t(batch.merges.length === 0 ? 'imports.merges.none' : 'imports.merges.description')}
      </Text>
      {batch.merges.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640} maxHeight={360}>
            <Table verticalSpacing={6} fz="sm" stickyHeader data-testid="report-merges">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={64}>{t('imports.issues.row')}</Table.Th>
                  <Table.Th>{t('imports.merges.who')}</Table.Th>
                  <Table.Th>{t('imports.merges.into')}</Table.Th>
                  <Table.Th>{t('imports.merges.why')}</Table.Th>
                  <Table.Th w={190} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batch.merges.map((merge) => (
                  <Table.Tr key={merge.id} data-testid="report-merge" data-merge={merge.id}>
                    <Table.Td ff="monospace">{merge.row}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{merge.rowName}</Text>
                        {merge.kind === 'guardian' && (
                          <Badge size="xs" variant="light" color="grape" radius="sm">
                            {t('imports.merges.guardian')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{text.into(merge)}</Table.Td>
                    <Table.Td>{text.why(merge)}</Table.Td>
                    <Table.Td>
                      {merge.undoneAt !== null ? (
                        <Badge variant="light" color="gray" radius="sm" data-testid="merge-separated">
                          {t('imports.merges.separated')}
                        </Badge>
                      ) : (
                        canUndo &&
                        merge.undoable && (
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="orange"
                            leftSection={<IconArrowsSplit2 size={14} />}
                            onClick={() => setAsked(merge)}
                            aria-label={t('imports.merges.undoLabel', { row: merge.row, name: merge.rowName })}
                          >
                            {t('imports.merges.undo')}
                          </Button>
                        )
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <UndoMergeDialog batchId={batch.id} merge={asked} onClose={() => setAsked(null)} />
    </Stack>
  );
}
