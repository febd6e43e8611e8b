/**
 * The score of each table (the share of records with nothing to fix), what is
 * wrong how often, and the first records to fix, each a click from its client.
 * Reads quality.score, which carries no money, so every role that reads clients
 * sees it.
 */
import { Anchor, Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QualityIssue, QualityTableScore } from '../../../src-shared/api/quality-methods';
import { useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { useClientsUi } from '../../stores/clients';
import { useUiStore } from '../../stores/ui';

export const issueKey = (issue: QualityIssue): string => `quality.issue.${issue.replace(':', '_')}`;

function ScoreCard({ score }: { score: QualityTableScore }) {
  const { t } = useTranslation();
  const format = useFormat();
  const color = score.score >= 90 ? 'teal' : score.score >= 70 ? 'yellow' : 'red';
  const issues = Object.entries(score.issues).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0)) as [QualityIssue, number][];
  return (
    <Paper withBorder p="md" radius="md" data-testid={`quality-score-${score.table}`}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t(`quality.table.${score.table}`)}</Title>
        <Text fz={28} fw={700} c={color}>
          {score.score}%
        </Text>
      </Group>
      <Progress value={score.score} color={color} mb="xs" />
      <Text size="sm" c="dimmed" mb="sm">
        {t('quality.clean', { clean: format.integer(score.clean), total: format.integer(score.total) })}
      </Text>
      <Stack gap={4}>
        {issues.map(([issue, count]) => (
          <Group key={issue} justify="space-between">
            <Text size="sm">{t(issueKey(issue))}</Text>
            <Badge variant="light" color="gray">
              {format.integer(count)}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export function ScoreTab() {
  const { t } = useTranslation();
  const report = useQuery('quality.score', {}, { tables: ['clients', 'enrollments', 'settings'] });
  const openClient = useClientsUi((s) => s.openClient);
  const openSection = useUiStore((s) => s.openSection);
  const data = report.data;
  if (!data) return null;
  const usesDefault = data.required.includes('contact');
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {usesDefault
          ? t('quality.defaultRule')
          : t('quality.required', { fields: data.required.map((f) => t(`quality.field.${f}`)).join(', ') })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {data.tables.map((score) => (
          <ScoreCard key={score.table} score={score} />
        ))}
      </SimpleGrid>
      <Title order={4}>{t('quality.problems')}</Title>
      {data.problems.length === 0 ? (
        <Text c="dimmed">{t('quality.noProblems')}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="quality-problems">
          <Table.Tbody>
            {data.problems.slice(0, 100).map((p) => (
              <Table.Tr key={`${p.table}-${p.id}`}>
                <Table.Td>
                  <Anchor
                    component="button"
                    size="sm"
                    onClick={() => {
                      openClient(p.clientId);
                      openSection('clients');
                    }}
                  >
                    {p.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {t(`quality.table.${p.table}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.issues.map((issue) => (
                      <Badge key={issue} size="sm" variant="light" color="orange">
                        {t(issueKey(issue))}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
