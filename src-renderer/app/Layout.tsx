/**
 * The application frame: a header with the school's name, the sync state, the
 * language and theme controls and the "?" help for the open screen, a sidebar
 * listing every section, and the open section's screen. Screens come from feature folders through their index files
 * only; the frame is assembled here and nothing below imports it back.
 */
import { AppShell, Burger, Group, NavLink, ScrollArea, Text, ThemeIcon, Title } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../stores/ui';
import { ComingSoon } from './ComingSoon';
import { SetupBanner, UserMenu } from '../features/auth';
import { openSettingsTab } from '../stores/settings';
import { QuickActions } from '../features/palette';
import { HelpButton } from '../features/help';
import { SyncIndicator } from '../features/sync';
import { LanguageSwitch, ThemeToggle } from '../shared/HeaderControls';
import { sections, type Section } from './sections';
import { useSettings } from '../shared/workspace';

function SectionScreen({ section }: { section: Section }) {
  const Screen = section.screen;
  return Screen ? <Screen /> : <ComingSoon section={section} />;
}

export function Layout() {
  const { t } = useTranslation();
  const settings = useSettings();
  const { section: current, navbarOpened, openSection, toggleNavbar } = useUiStore();
  const active = sections.find((s) => s.id === current) ?? sections[0]!;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }} padding="xl">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navbarOpened} onClick={toggleNavbar} hiddenFrom="sm" size="sm" aria-label={t('header.navigation')} />
            <ThemeIcon size="lg" radius="md" variant="light">
              <IconSchool size={20} stroke={1.6} />
            </ThemeIcon>
            <div>
              <Title order={4} lh={1.1}>
                {t('app.name')}
              </Title>
              <Text size="xs" c="dimmed" lh={1.2} data-testid="school-name">
                {settings.schoolName}
              </Text>
            </div>
          </Group>
          <Group gap="md" wrap="nowrap">
            <QuickActions />
            <Group gap="sm" wrap="nowrap">
              <SyncIndicator />
              <LanguageSwitch />
              <ThemeToggle />
              <HelpButton />
            </Group>
            <UserMenu onOpenAccount={() => openSettingsTab('account')} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <ScrollArea>
          {sections.map((section) => {
            const SectionIcon = section.icon;
            const SectionBadge = section.badge;
            return (
              <NavLink
                key={section.id}
                component="button"
                label={t(`nav.${section.id}`)}
                leftSection={<SectionIcon size={18} stroke={1.6} />}
                rightSection={SectionBadge ? <SectionBadge /> : undefined}
                active={section.id === active.id}
                onClick={() => openSection(section.id)}
                aria-current={section.id === active.id ? 'page' : undefined}
                variant="light"
                mb={2}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                data-section={section.id}
              />
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main>
        <SetupBanner />
        <SectionScreen section={active} />
      </AppShell.Main>
    </AppShell>
  );
}
