/**
 * One table for what went wrong with rows of a sheet: the preview's problem
 * list and the report's errors show the same four columns (row, column, problem,
 * result) in the same colours, so they are one component; each caller says only
 * which rows, and which test id and data attribute a row carries.
 */
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportIssueSeverity } from '../../../src-shared/api/imports-methods';

/** Left out is red, partly imported orange, imported with a warning yellow: the same colours in the grid and the report. */
export const severityColor = { skipped: 'red', partial: 'orange', warning: 'yellow' } as const;

export interface IssueLine {
  key: string;
  row: number;
  /** The column's header, or null for a problem with the whole row. */
  column: string | null;
  text: string;
  severity: ImportIssueSeverity;
  /** Extra data attributes of the row (what tests and styles pick it by). */
  attributes: Record<`data-${string}`, string>;
}

interface Props {
  lines: readonly IssueLine[];
  testId: string;
  minWidth: number;
  maxHeight?: number;
}

export function IssueTable({ lines, testId, minWidth, maxHeight }: Props) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={minWidth} {...(maxHeight ? { maxHeight } : {})}>
      <Table verticalSpacing={4} fz="sm" stickyHeader={maxHeight !== undefined} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>{t('imports.issues.row')}</Table.Th>
            <Table.Th w={200}>{t('imports.issues.column')}</Table.Th>
            <Table.Th>{t('imports.issues.problem')}</Table.Th>
            <Table.Th w={180}>{t('imports.issues.result')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.key} {...line.attributes}>
              <Table.Td ff="monospace">{line.row}</Table.Td>
              <Table.Td>
                {line.column ?? (
                  <Text span c="dimmed" inherit>
                    {t('imports.issues.wholeRow')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{line.text}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" radius="sm" color={severityColor[line.severity]} style={{ overflow: 'visible' }}>
                  {t(`imports.issues.${line.severity}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
