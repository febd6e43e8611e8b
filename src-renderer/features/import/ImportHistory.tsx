/**
 * Every import this workspace has seen, newest first, with its counts and an
 * Undo for those still in place. Undo needs the right to delete records, so a
 * role without it sees the list but not the button (the router would refuse
 * the call anyway).
 */
import { ActionIcon, Alert, Badge, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings } from '../../shared/workspace';
import { useUndoImport } from './UndoImport';

export function ImportHistory() {
  const { t } = useTranslation();
  const format = useFormat();
  const { locale, timeZone } = useSettings();
  const moment = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }), [locale, timeZone]);
  const canUndo = useCan('records.delete');
  const batches = useQuery('imports.list', {}, { tables: ['import_batches'] });
  const undo = useUndoImport();
  const rows = batches.data ?? [];

  let body;
  if (batches.error && !batches.data) {
    body = (
      <Alert color="red" variant="light" title={t('imports.history.loadFailed')} m="md">
        {t(`errors.code.${batches.error.code}`)}
      </Alert>
    );
  } else if (!batches.data) {
    body = <Skeleton h={48} m="md" />;
  } else if (rows.length === 0) {
    body = (
      <Text size="sm" c="dimmed" p="md">
        {t('imports.history.empty')}
      </Text>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="import-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.history.file')}</Table.Th>
              <Table.Th w={190}>{t('imports.history.when')}</Table.Th>
              <Table.Th w={200} ta="right">
                {t('imports.history.counts')}
              </Table.Th>
              <Table.Th w={200}>{t('imports.history.state')}</Table.Th>
              <Table.Th w={56} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((batch) => (
              <Table.Tr key={batch.id} data-testid="history-row">
                <Table.Td>
                  <Text size="sm" fw={500} truncate maw={360}>
                    {batch.fileName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{moment.format(new Date(batch.createdAt))}</Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {format.integer(batch.created)} / {format.integer(batch.updated)} / {format.integer(batch.skipped)}
                </Table.Td>
                <Table.Td>
                  {batch.undoneAt ? (
                    <Text size="sm" c="dimmed">
                      {t('imports.history.undone', { when: moment.format(new Date(batch.undoneAt)) })}
                    </Text>
                  ) : (
                    <Badge variant="light" color="teal" radius="sm">
                      {t('imports.history.active')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {canUndo && !batch.undoneAt && (
                    <Tooltip label={t('imports.history.undo')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('imports.history.undoLabel', { fileName: batch.fileName })}
                        data-testid="history-undo"
                        onClick={() => undo.ask(batch)}
                      >
                        <IconArrowBackUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="xs">
      <Title order={3}>{t('imports.history.title')}</Title>
      <Paper withBorder radius="md">
        {body}
      </Paper>
      {undo.modal}
    </Stack>
  );
}
