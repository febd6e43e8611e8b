/**
 * The sections of an import's report: the counts (created, updated, skipped, and
 * the records behind them), the row problems with their row and column, and the
 * clients the import touched, each a link to its page. A client the import
 * created is struck through once the import is undone, because its page is gone;
 * an updated one stays a link, because the client is still there.
 */
import { Anchor, Badge, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportBatchDetail, ImportResult } from '../../../src-shared/api/imports-methods';
import { useFormat } from '../../shared/workspace';
import { useIssueText } from './PreviewGrid';
import { IssueTable } from './IssueTable';

const clientLinksShown = 12;

export function ReportCounts({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = [
    ['created', result.created, 'teal'],
    ['updated', result.updated, 'blue'],
    ['skipped', result.skipped, 'gray'],
  ] as const;
  return (
    <>
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
    </>
  );
}

export function ReportErrors({ errors }: { errors: ImportResult['errors'] }) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  return (
    <Stack gap="xs">
      <Title order={4}>{t('imports.report.errorsTitle')}</Title>
      {errors.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('imports.report.noErrors')}
        </Text>
      ) : (
        <IssueTable
          testId="report-errors"
          minWidth={560}
          maxHeight={320}
          lines={errors.map((error, i) => ({
            key: `${error.row}-${error.column}-${i}`,
            row: error.row,
            column: error.column || null,
            text: issueText({ code: error.code }),
            severity: error.severity,
            attributes: { 'data-testid': 'report-error', 'data-severity': error.severity },
          }))}
        />
      )}
    </Stack>
  );
}

interface ClientsProps {
  /** The batch as read back from the API; undefined while it loads. */
  batch: ImportBatchDetail | undefined;
  undone: boolean;
  onOpen: (clientId: string) => void;
}

export function ReportClients({ batch, undone, onOpen }: ClientsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
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
                      onClick={() => onOpen(client.id)}
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
  );
}
