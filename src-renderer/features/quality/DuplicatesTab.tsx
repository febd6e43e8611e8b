/**
 * Groups of clients that may be one person twice, each with why it was found
 * (same phone, same e-mail, a name spelled alike, same guardian) and, for those
 * who may write clients, a side-by-side merge of any two of the group.
 */
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateGroup } from '../../../src-shared/api/quality-methods';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { MergeDialog } from './MergeDialog';

function GroupCard({ group, onMerge }: { group: DuplicateGroup; onMerge: ((pair: [string, string]) => void) | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = group.clients[0];
  return (
    <Paper withBorder p="sm" radius="md" data-testid="duplicate-group">
      <Group gap={4} mb="xs">
        {group.reasons.map((reason) => (
          <Badge key={reason} size="sm" variant="light">
            {t(`quality.dup.reason.${reason}`)}
          </Badge>
        ))}
      </Group>
      <Table>
        <Table.Tbody>
          {group.clients.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {c.displayName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.phone ?? ''}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.email ?? ''}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {[
                    c.birthDate ? t('quality.dup.born', { date: format.date(c.birthDate) }) : null,
                    c.guardianName ? t('quality.dup.guardian', { name: c.guardianName }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td w={1}>
                {onMerge && first && c.id !== first.id && (
                  <Button size="compact-xs" variant="light" onClick={() => onMerge([first.id, c.id])} data-testid="duplicate-compare">
                    {t('quality.dup.compare')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function DuplicatesTab() {
  const { t } = useTranslation();
  const canWrite = useCan('clients.write');
  const duplicates = useQuery('quality.duplicates', {}, { tables: ['clients'] });
  const [pair, setPair] = useState<[string, string] | null>(null);
  const groups = duplicates.data ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('quality.dup.intro')}
      </Text>
      {duplicates.data && groups.length === 0 && <Text c="dimmed">{t('quality.dup.none')}</Text>}
      {groups.slice(0, 200).map((group) => (
        <GroupCard key={group.key} group={group} onMerge={canWrite ? setPair : null} />
      ))}
      {pair && <MergeDialog pair={pair} onClose={() => setPair(null)} />}
    </Stack>
  );
}
