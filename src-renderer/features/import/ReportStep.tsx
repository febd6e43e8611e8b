/**
 * What an import did, told right after it: created / updated / skipped, every
 * row problem with its row and column, the clients it touched (each a link to
 * that client's page in the Clients section), and the way back out — Undo,
 * behind a confirmation, because undoing removes records people may already be
 * looking at. The batch
 * detail is read from the API (`imports.get`), so the report still tells the
 * truth if the import is undone from elsewhere.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconArrowBackUp, IconCircleCheck, IconFileImport, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../src-shared/api/imports-methods';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { useUiStore } from '../../stores/ui';
import { useClientsUi } from '../../stores/clients';
import { useIssueText } from './PreviewGrid';
import { useUndoImport } from './UndoImport';

const clientLinksShown = 12;

export function ReportStep({ result, fileName, onAnother }: { result: ImportResult; fileName: string; onAnother(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canUndo = useCan('records.delete');
  const openSection = useUiStore((s) => s.openSection);
  const { openClient, closeClient } = useClientsUi();
  const showClient = (id: string) => {
    openClient(id);
    openSection('clients');
  };
  const showClients = () => {
    closeClient();
    openSection('clients');
  };
  const issueText = useIssueText();
  const detail = useQuery('imports.get', { batchId: result.batchId }, { tables: ['import_batches', 'clients'] });
  const undo = useUndoImport();
  const batch = detail.data;
  const undone = batch?.undoneAt != null;

  const counts = [
    ['created', result.created, 'teal'],
    ['updated', result.updated, 'blue'],
    ['skipped', result.skipped, 'gray'],
  ] as const;

  return (
    <Stack gap="lg" data-testid="import-report">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={40} radius="xl" variant="light" color={result.alreadyImported ? 'yellow' : 'teal'}>
          <IconCircleCheck size={24} />
        </ThemeIcon>
        <div>
          <Title order={3}>{t(result.alreadyImported ? 'imports.report.titleNothing' : 'imports.report.title')}</Title>
          <Text size="sm" c="dimmed">
            {fileName}
          </Text>
        </div>
      </Group>
      {result.alreadyImported && (
        <Alert variant="light" color="yellow">
          {t('imports.report.nothingChanged')}
        </Alert>
      )}
      {undone && (
        <Alert variant="light" color="gray" icon={<IconArrowBackUp size={18} />} data-testid="report-undone">
          {t('imports.report.undone')}
        </Alert>
      )}
      <SimpleGrid cols={3} spacing="md" maw={560}>
        {counts.map(([key, value, color]) => (
          <Paper key={key} withBorder radius="md" p="md" data-testid={`report-${key}`}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`imports.report.${key}`)}
            </Text>
            <Text size="28px" fw={700} c={color} lh={1.3} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="report-count">
              {format.integer(value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('imports.report.records', {
          programs: format.integer(result.records.programs),
          cohorts: format.integer(result.records.cohorts),
          enrollments: format.integer(result.records.enrollments),
          payments: format.integer(result.records.payments),
          instalments: format.integer(result.records.instalments),
        })}
      </Text>

      <Stack gap="xs">
        <Title order={4}>{t('imports.report.errorsTitle')}</Title>
        {result.errors.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('imports.report.noErrors')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560} maxHeight={320}>
            <Table verticalSpacing={4} fz="sm" stickyHeader data-testid="report-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={64}>{t('imports.issues.row')}</Table.Th>
                  <Table.Th w={200}>{t('imports.issues.column')}</Table.Th>
                  <Table.Th>{t('imports.issues.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((error, i) => (
                  <Table.Tr key={`${error.row}-${error.column}-${i}`} data-testid="report-error">
                    <Table.Td ff="monospace">{error.row}</Table.Td>
                    <Table.Td>
                      {error.column || (
                        <Text span c="dimmed" inherit>
                          {t('imports.issues.wholeRow')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{issueText({ code: error.code })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <Stack gap="xs">
        <Title order={4}>{t('imports.report.clientsTitle')}</Title>
        {!batch ? (
          <Skeleton h={60} />
        ) : (
          <>
            <List spacing={4} size="sm" icon={<IconUser size={14} stroke={1.6} />} data-testid="report-clients">
              {batch.clients.slice(0, clientLinksShown).map((client) => (
                <List.Item key={client.id}>
                  <Group gap={6} wrap="nowrap">
                    {undone && client.created ? (
                      <Text size="sm" c="dimmed" td="line-through">
                        {client.displayName}
                      </Text>
                    ) : (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => showClient(client.id)}
                        aria-label={t('imports.report.open', { name: client.displayName })}
                      >
                        {client.displayName}
                      </Anchor>
                    )}
                    <Badge size="xs" variant="light" color={client.created ? 'teal' : 'blue'} radius="sm">
                      {t(client.created ? 'imports.report.clientCreated' : 'imports.report.clientUpdated')}
                    </Badge>
                  </Group>
                </List.Item>
              ))}
            </List>
            {batch.clients.length > clientLinksShown && (
              <Text size="sm" c="dimmed">
                {t('imports.report.moreClients', { formatted: format.integer(batch.clients.length - clientLinksShown) })}
              </Text>
            )}
          </>
        )}
      </Stack>

      <Group gap="sm">
        {batch && !undone && !result.alreadyImported && canUndo && (
          <Button
            color="red"
            variant="light"
            leftSection={<IconArrowBackUp size={16} />}
            onClick={() => undo.ask({ id: batch.id, fileName: batch.fileName })}
          >
            {t('imports.report.undo')}
          </Button>
        )}
        <Button variant="default" leftSection={<IconUser size={16} />} onClick={showClients}>
          {t('imports.report.openClients')}
        </Button>
        <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onAnother}>
          {t('imports.report.another')}
        </Button>
      </Group>
      {undo.modal}
    </Stack>
  );
}
