/**
 * One audit entry's column changes as a small framed before/after table,
 * shared by a record's history and the global log so both read the same way;
 * nothing at all when only bookkeeping columns changed.
 */
import { Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-shared/api/audit-methods';
import { ChangeValue, columnLabel } from './values';

/** Columns every row carries; their changes only repeat the entry's own time. */
const bookkeeping = new Set(['updated_at', 'updatedAt', 'created_at', 'createdAt', 'id']);

export function ChangeList({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const changes = entry.changes.filter((c) => !bookkeeping.has(c.column));
  if (changes.length === 0) return null;
  const showBefore = entry.kind !== 'insert';
  return (
    <Paper withBorder radius="sm" p={4}>
      <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" fz="sm" data-testid="audit-changes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="30%">
              <Text size="xs" c="dimmed">
                {t('audit.field')}
              </Text>
            </Table.Th>
            {showBefore && (
              <Table.Th w="35%">
                <Text size="xs" c="dimmed">
                  {t('audit.before')}
                </Text>
              </Table.Th>
            )}
            <Table.Th>
              <Text size="xs" c="dimmed">
                {t('audit.after')}
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.column}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {columnLabel(change.column, t, (k) => i18n.exists(k))}
                </Text>
              </Table.Td>
              {showBefore && (
                <Table.Td>
                  <ChangeValue column={change.column} value={change.before} table={entry.table} strike />
                </Table.Td>
              )}
              <Table.Td>
                <ChangeValue column={change.column} value={change.after} table={entry.table} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
