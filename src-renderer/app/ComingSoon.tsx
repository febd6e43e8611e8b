/**
 * What a section shows until its screen exists: its name, what it will hold and
 * a plain statement that it is not built yet. Deliberately no sample rows, so
 * nothing on screen can be mistaken for the school's real data.
 */
import { Badge, EmptyState, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Section } from './sections';
import { useFormat } from '../shared/workspace';

export function ComingSoon({ section }: { section: Section }) {
  const { t } = useTranslation();
  const format = useFormat();
  const SectionIcon = section.icon;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t(`nav.${section.id}`)}</Title>
          {section.id === 'today' && (
            <Text c="dimmed" mt={4}>
              {format.date(new Date(), 'full')}
            </Text>
          )}
        </div>
        <Badge variant="light" color="gray">
          {t('coming.badge')}
        </Badge>
      </Group>
      <Paper withBorder radius="md" p="xl">
        <EmptyState
          variant="light"
          size="lg"
          icon={<SectionIcon size={28} stroke={1.5} />}
          title={t(`coming.${section.id}`)}
          description={t('coming.honest')}
          py="xl"
        />
      </Paper>
    </Stack>
  );
}
