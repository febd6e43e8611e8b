/**
 * The smaller pieces of the review step: what was detected about the file (with
 * the few settings a person may need to correct — sheet, header row, date
 * order), the counts the import would produce, the possible duplicates with a
 * per-row choice, and the complete list of problems with row and column. Each
 * is plain data in, callbacks out; the page owns the calls to the engine.
 */
import {
  Alert,
  Anchor,
  Badge,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconInfoCircle, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  dateOrders,
  type DateOrder,
  type ImportIssue,
  type ImportMatch,
  type ImportPreview,
  type ImportPreviewRow,
} from '../../../src-shared/api/imports-methods';
import { useFormat } from '../../shared/workspace';
import { IssueTable } from './IssueTable';
import { useIssueText } from './PreviewGrid';
import type { RowDecision } from './store';

function delimiterName(delimiter: string, t: (key: string) => string): string {
  if (delimiter === '\t') return t('imports.detected.tab');
  if (delimiter === ' ') return t('imports.detected.space');
  return `“${delimiter}”`;
}

export function DetectedPanel({
  preview,
  dateOrder,
  disabled,
  onSheet,
  onHeaderRow,
  onDateOrder,
}: {
  preview: ImportPreview;
  dateOrder: DateOrder;
  disabled: boolean;
  onSheet(sheet: string): void;
  onHeaderRow(row: number): void;
  onDateOrder(order: DateOrder): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [headerRow, setHeaderRow] = useState<number | string>(preview.headerRow);
  const commitHeaderRow = () => {
    if (typeof headerRow === 'number' && headerRow >= 1 && headerRow !== preview.headerRow) onHeaderRow(headerRow);
  };
  const fact = (label: string, value: string, testId: string) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Title order={4}>{t('imports.detected.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('imports.detected.rows', { count: preview.totalRows, formatted: format.integer(preview.totalRows) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        {fact(t('imports.detected.file'), preview.fileName, 'detected-file')}
        {fact(t('imports.detected.format'), preview.format.toUpperCase(), 'detected-format')}
        {preview.encoding !== null && fact(t('imports.detected.encoding'), preview.encoding, 'detected-encoding')}
        {preview.delimiter !== null && fact(t('imports.detected.delimiter'), delimiterName(preview.delimiter, t), 'detected-delimiter')}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: preview.sheets.length > 1 ? 3 : 2 }} spacing="md" maw={preview.sheets.length > 1 ? undefined : 760}>
        {preview.sheets.length > 1 && (
          <Select
            label={t('imports.detected.sheet')}
            data={preview.sheets}
            value={preview.sheet}
            onChange={(v) => v && onSheet(v)}
            allowDeselect={false}
            disabled={disabled}
            data-testid="sheet-select"
          />
        )}
        <NumberInput
          label={t('imports.detected.headerRow')}
          description={t('imports.detected.headerRowHint')}
          value={headerRow}
          onChange={setHeaderRow}
          onBlur={commitHeaderRow}
          onKeyDown={(e) => e.key === 'Enter' && commitHeaderRow()}
          min={1}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          disabled={disabled}
          inputWrapperOrder={['label', 'input', 'description']}
        />
        <Select
          label={t('imports.detected.dateOrder')}
          data={dateOrders.map((order) => ({
            value: order,
            label:
              order === 'auto'
                ? `${t('imports.dateOrders.auto')} (${t(`imports.dateOrders.${preview.dateOrder}`)})`
                : t(`imports.dateOrders.${order}`),
          }))}
          value={dateOrder}
          onChange={(v) => v && onDateOrder(v as DateOrder)}
          allowDeselect={false}
          disabled={disabled}
        />
      </SimpleGrid>
      {preview.savedMapping && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} p="xs">
          {t('imports.detected.savedMapping')}
        </Alert>
      )}
      {preview.alreadyImported !== null && (
        <Alert variant="light" color="yellow" icon={<IconRepeat size={18} />} data-testid="already-imported">
          {t('imports.detected.alreadyImported')}
        </Alert>
      )}
    </Stack>
  );
}

export function SummaryCounts({ summary }: { summary: ImportPreview['summary'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const items = [
    ['newClients', summary.newClients, 'teal'],
    ['mergedClients', summary.mergedClients, 'blue'],
    ['skippedRows', summary.skippedRows, 'gray'],
    ['guardians', summary.guardians, undefined],
    ['programs', summary.programs, undefined],
    ['cohorts', summary.cohorts, undefined],
    ['enrollments', summary.enrollments, undefined],
    ['payments', summary.payments, undefined],
    ['instalments', summary.instalments, undefined],
    ...(summary.packages ? [['packages', summary.packages, undefined] as const] : []),
  ] as const;
  return (
    <Stack gap="xs">
      <Title order={4}>{t('imports.summary.title')}</Title>
      <SimpleGrid cols={{ base: 3, sm: 5, md: 9 }} spacing="xs" data-testid="import-summary">
        {items.map(([key, value, color]) => (
          <Paper key={key} withBorder radius="md" p="xs" data-testid={`summary-${key}`}>
            <Text size="xl" fw={700} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {format.integer(value)}
            </Text>
            <Text size="xs" c="dimmed" lh={1.2}>
              {t(`imports.summary.${key}`)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export function MatchesTable({
  matches,
  rows,
  decisions,
  disabled,
  onDecide,
}: {
  matches: readonly ImportMatch[];
  rows: readonly ImportPreviewRow[];
  decisions: Record<number, RowDecision>;
  disabled: boolean;
  onDecide(row: number, decision: RowDecision): void;
}) {
  const { t } = useTranslation();
  const nameOfRow = new Map(rows.map((r) => [r.row, r.displayName]));
  const byLabel = {
    email: 'byEmail',
    phone: 'byPhone',
    name: 'byName',
    externalId: 'byExternalId',
    identical: 'byIdentical',
    decision: 'byDecision',
  } as const;
  return (
    <Stack gap="xs">
      <Title order={4}>{t('imports.matches.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('imports.matches.description')}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" data-testid="matches-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>{t('imports.matches.row')}</Table.Th>
              <Table.Th>{t('imports.matches.inFile')}</Table.Th>
              <Table.Th>{t('imports.matches.existing')}</Table.Th>
              <Table.Th>{t('imports.matches.by')}</Table.Th>
              <Table.Th w={300}>{t('imports.matches.choice')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matches.map((match) => (
              <Table.Tr key={`${match.row}-${match.rowName}`} data-testid="match-row" data-row={match.row}>
                <Table.Td ff="monospace">{match.row}</Table.Td>
                <Table.Td>{match.rowName || (nameOfRow.get(match.row) ?? t('imports.preview.empty'))}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {match.clientName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(match.in === 'database' ? 'imports.matches.inDatabase' : 'imports.matches.inSameFile')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={match.by === 'name' ? 'orange' : 'blue'} radius="sm">
                    {t(`imports.matches.${byLabel[match.by]}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="xs"
                    fullWidth
                    aria-label={t('imports.matches.choiceLabel', { row: match.row })}
                    value={decisions[match.row] ?? match.action}
                    onChange={(v) => onDecide(match.row, v as RowDecision)}
                    disabled={disabled}
                    data={(['merge', 'create', 'skip'] as const).map((value) => ({ value, label: t(`imports.matches.${value}`) }))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

const shownAtFirst = 20;

export function ProblemList({ issues }: { issues: readonly ImportIssue[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const issueText = useIssueText();
  const [all, setAll] = useState(false);
  const visible = all ? issues : issues.slice(0, shownAtFirst);
  return (
    <Stack gap="xs">
      <Title order={4}>{t('imports.issues.title', { count: issues.length, formatted: format.integer(issues.length) })}</Title>
      {issues.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('imports.issues.none')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('imports.issues.description')}
          </Text>
          <IssueTable
            testId="problem-list"
            minWidth={600}
            lines={visible.map((issue, i) => ({
              key: `${issue.row}-${issue.column ?? 'row'}-${issue.code}-${i}`,
              row: issue.row,
              column: issue.header ?? null,
              text: issueText(issue),
              severity: issue.severity,
              attributes: { 'data-testid': 'problem', 'data-code': issue.code },
            }))}
          />
          {!all && issues.length > shownAtFirst && (
            <Anchor component="button" type="button" size="sm" onClick={() => setAll(true)}>
              {t('imports.issues.showAll', { formatted: format.integer(issues.length) })}
            </Anchor>
          )}
        </>
      )}
    </Stack>
  );
}
