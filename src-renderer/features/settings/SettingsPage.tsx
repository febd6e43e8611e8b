/**
 * The Settings section: the tabs from `tabs.ts` that the signed-in role may see,
 * stacked vertically beside their panel on a wide window and across the top on a
 * narrow one. Only the open tab is mounted, so a tab's queries run when someone
 * looks at it and not on every visit to Settings.
 */
import { EmptyState, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCapabilities } from '../../shared/permissions';
import { useSettingsUi } from '../../stores/settings';
import { settingsTabs } from './tabs';

export function SettingsPage() {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const wide = useMediaQuery('(min-width: 62em)', true);
  const visible = settingsTabs.filter((tab) => !tab.capability || capabilities.has(tab.capability));
  const { tab: chosen, setTab: setChosen } = useSettingsUi();
  const current = visible.find((tab) => tab.id === chosen) ?? visible[0];

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t('settings.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('settings.subtitle')}
        </Text>
      </div>
      {current ? (
        <Tabs
          value={current.id}
          onChange={setChosen}
          orientation={wide ? 'vertical' : 'horizontal'}
          variant={wide ? 'pills' : 'default'}
          keepMounted={false}
          styles={{ tab: { justifyContent: 'flex-start' }, tabLabel: { textAlign: 'start' } }}
          data-testid="settings-tabs"
        >
          <Tabs.List aria-label={t('settings.title')} miw={wide ? 200 : undefined} mb={wide ? 0 : 'md'}>
            {visible.map((tab) => {
              const TabIcon = tab.icon;
              return (
                <Tabs.Tab
                  key={tab.id}
                  value={tab.id}
                  leftSection={<TabIcon size={16} stroke={1.6} />}
                  data-testid={`settings-tab-${tab.id}`}
                >
                  {t(tab.labelKey)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
          {visible.map((tab) => {
            const Panel = tab.component;
            return (
              <Tabs.Panel key={tab.id} value={tab.id} pl={wide ? 'xl' : 0} miw={0}>
                <Panel />
              </Tabs.Panel>
            );
          })}
        </Tabs>
      ) : (
        <Paper withBorder radius="md" p="xl">
          <EmptyState variant="light" size="lg" icon={<IconSettings size={28} stroke={1.5} />} title={t('settings.noTabs')} py="xl" />
        </Paper>
      )}
    </Stack>
  );
}
