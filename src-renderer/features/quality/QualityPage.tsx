/**
 * The Data quality section: the score of clients and enrollments with the records
 * to fix, the duplicates finder with its side-by-side merge, and archiving clients
 * who stopped enrolling. Nothing here carries money, so the assistant sees all of
 * it; merging and archiving need `clients.write`.
 */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ArchiveTab } from './ArchiveTab';
import { DuplicatesTab } from './DuplicatesTab';
import { ScoreTab } from './ScoreTab';

export function QualityPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>{t('quality.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('quality.subtitle')}
        </Text>
      </div>
      <Tabs defaultValue="score" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="score" data-testid="quality-tab-score">
            {t('quality.tabs.score')}
          </Tabs.Tab>
          <Tabs.Tab value="duplicates" data-testid="quality-tab-duplicates">
            {t('quality.tabs.duplicates')}
          </Tabs.Tab>
          <Tabs.Tab value="archive" data-testid="quality-tab-archive">
            {t('quality.tabs.archive')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="score">
          <ScoreTab />
        </Tabs.Panel>
        <Tabs.Panel value="duplicates">
          <DuplicatesTab />
        </Tabs.Panel>
        <Tabs.Panel value="archive">
          <ArchiveTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
