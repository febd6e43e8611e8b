/**
 * The first rows as the engine will write them — names split, phones in E.164,
 * dates and amounts parsed — so the person checks the result, not their own
 * sheet a second time. A cell with a problem is tinted, marked with an icon and
 * focusable; its reason appears on hover and on keyboard focus, and the same
 * reasons are listed in full under the grid (ProblemList), so nothing depends
 * on a tooltip alone. A doubtful value the engine could not read is shown as
 * written, because that is what it keeps.
 */
import { Badge, Box, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportColumn, ImportField, ImportIssue, ImportPreviewRow } from '../../../src-shared/api/imports-methods';
import { useFormat } from '../../shared/workspace';
import type { RowDecision } from './store';

/** Grid columns after the name, in reading order, with the fields that feed them. */
const gridColumns = [
  { key: 'email', fields: ['email'] },
  { key: 'phone', fields: ['phone'] },
  { key: 'birthDate', fields: ['birthDate'] },
  { key: 'guardianName', fields: ['guardianName'] },
  { key: 'guardianPhone', fields: ['guardianPhone'] },
  { key: 'program', fields: ['program'] },
  { key: 'cohort', fields: ['cohort'] },
  { key: 'startOn', fields: ['startOn'] },
  { key: 'status', fields: ['status'] },
  { key: 'agreedPrice', fields: ['agreedPrice'] },
  { key: 'paid', fields: ['paid'] },
  { key: 'balance', fields: ['balance'] },
  { key: 'instalmentCount', fields: ['instalmentCount'] },
] as const satisfies readonly { key: ImportField; fields: readonly ImportField[] }[];

type GridKey = (typeof gridColumns)[number]['key'] | 'name' | 'extra';

const nameFields: readonly ImportField[] = ['fullName', 'firstName', 'lastName'];

function gridKeyOfField(field: ImportField | null): GridKey | null {
  if (field === null) return 'extra';
  if (nameFields.includes(field)) return 'name';
  return gridColumns.some((c) => c.key === field) ? (field as GridKey) : null;
}

export function useIssueText() {
  const { t } = useTranslation();
  return (issue: Pick<ImportIssue, 'code'>) => t([`imports.issues.${issue.code}`, 'imports.issues.generic']);
}

const actionColor = { create: 'teal', merge: 'blue', skip: 'gray' } as const;

export function PreviewGrid({
  rows,
  columns,
  decisions,
}: {
  rows: readonly ImportPreviewRow[];
  columns: readonly ImportColumn[];
  decisions: Record<number, RowDecision>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const issueText = useIssueText();
  const mapped = new Set(columns.map((c) => c.field));
  const shown = gridColumns.filter((c) => c.fields.some((f) => mapped.has(f)));
  const hasExtra = columns.some((c) => c.field === null);
  const columnByIndex = new Map(columns.map((c) => [c.index, c]));
  const empty = t('imports.preview.empty');

  const valueOf = (row: ImportPreviewRow, key: (typeof gridColumns)[number]['key']): string | null => {
    switch (key) {
      case 'birthDate':
      case 'startOn':
        return row[key] === null ? null : format.date(row[key]);
      case 'status':
        return row.status === null ? null : t(`imports.status.${row.status}`);
      case 'agreedPrice':
        return row.agreedPriceMinor === null ? null : format.money(row.agreedPriceMinor);
      case 'paid':
        return row.paidMinor === null ? null : format.money(row.paidMinor);
      case 'balance':
        return row.balanceMinor === null ? null : format.money(row.balanceMinor);
      case 'instalmentCount':
        return row.instalmentCount === null ? null : format.integer(row.instalmentCount);
      default:
        return row[key];
    }
  };

  return (
    <Table.ScrollContainer minWidth={Math.max(720, 260 + shown.length * 150)} maxHeight={520}>
      <Table stickyHeader verticalSpacing={6} horizontalSpacing="sm" striped withColumnBorders data-testid="preview-grid" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>{t('imports.preview.row')}</Table.Th>
            <Table.Th w={130}>{t('imports.preview.action')}</Table.Th>
            <Table.Th>{t('imports.preview.name')}</Table.Th>
            {shown.map((c) => (
              <Table.Th key={c.key}>{t(`imports.field.${c.key}`)}</Table.Th>
            ))}
            {hasExtra && <Table.Th>{t('imports.preview.extra')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const byKey = new Map<GridKey | 'row', ImportIssue[]>();
            for (const issue of row.issues) {
              const column = issue.column === null ? undefined : columnByIndex.get(issue.column);
              const key = (column && gridKeyOfField(column.field)) ?? 'row';
              byKey.set(key, [...(byKey.get(key) ?? []), issue]);
            }
            const rawOf = (key: GridKey): string | null => {
              const issue = byKey.get(key)?.[0];
              return issue?.header ? (row.extra[issue.header] ?? null) : null;
            };
            const action = decisions[row.row] ?? row.action;
            const cell = (key: GridKey, value: ReactNode, testId?: string) => (
              <ProblemCell key={key} issues={byKey.get(key)} describe={issueText} testId={testId}>
                {value ??
                  (rawOf(key) !== null ? (
                    <Text span inherit td="line-through">
                      {rawOf(key)}
                    </Text>
                  ) : (
                    <Text span c="dimmed" inherit>
                      {empty}
                    </Text>
                  ))}
              </ProblemCell>
            );
            return (
              <Table.Tr
                key={`${row.row}-${row.block ?? 0}`}
                data-testid="preview-row"
                data-row={row.row}
                data-partial={row.partial || undefined}
                style={action === 'skip' ? { opacity: 0.55 } : undefined}
              >
                <ProblemCell issues={byKey.get('row')} describe={issueText}>
                  <Text span inherit ff="monospace">
                    {row.row}
                  </Text>
                </ProblemCell>
                <Table.Td miw={120}>
                  <Badge
                    size="sm"
                    variant="light"
                    color={row.partial && action !== 'skip' ? 'orange' : actionColor[action]}
                    radius="sm"
                    style={{ overflow: 'visible' }}
                  >
                    {t(row.partial && action !== 'skip' ? `imports.preview.actions.${action}Partly` : `imports.preview.actions.${action}`)}
                  </Badge>
                </Table.Td>
                {cell('name', row.displayName)}
                {shown.map((c) => cell(c.key, valueOf(row, c.key)))}
                {hasExtra &&
                  cell(
                    'extra',
                    Object.keys(row.extra).length === 0
                      ? null
                      : Object.entries(row.extra)
                          .map(([header, value]) => `${header}: ${value}`)
                          .join(' · '),
                  )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ProblemCell({
  issues,
  describe,
  children,
  testId,
}: {
  issues: ImportIssue[] | undefined;
  describe(issue: ImportIssue): string;
  children: ReactNode;
  testId?: string;
}) {
  if (!issues || issues.length === 0) {
    return (
      <Table.Td data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
        {children}
      </Table.Td>
    );
  }
  const skipped = issues.some((i) => i.severity === 'skipped');
  const reasons = issues.map(describe).join(' · ');
  return (
    <Table.Td
      data-testid={testId ?? 'problem-cell'}
      data-problem={issues.map((i) => i.code).join(' ')}
      style={{
        whiteSpace: 'nowrap',
        background: skipped ? 'var(--mantine-color-red-light)' : 'var(--mantine-color-yellow-light)',
        boxShadow: `inset 3px 0 0 var(--mantine-color-${skipped ? 'red' : 'yellow'}-filled)`,
      }}
    >
      <Tooltip label={reasons} events={{ hover: true, focus: true, touch: true }} multiline maw={320} withArrow>
        <Box component="span" tabIndex={0} style={{ outlineOffset: 2 }}>
          <Group gap={4} wrap="nowrap" component="span">
            <IconAlertTriangle size={14} color={`var(--mantine-color-${skipped ? 'red' : 'yellow'}-filled)`} aria-hidden />
            <span>{children}</span>
            <VisuallyHidden>{reasons}</VisuallyHidden>
          </Group>
        </Box>
      </Tooltip>
    </Table.Td>
  );
}
