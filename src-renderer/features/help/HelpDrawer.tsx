/**
 * Help where the question comes: a "?" in the header opens a drawer with a short
 * how-to for the screen that is open (its purpose, the steps of its main job,
 * what saves time) and, on a second tab, the keyboard-shortcut sheet. F1 opens
 * the drawer on any screen and ? opens the shortcuts — except while typing in a
 * field or a table, where ? is a character someone is typing.
 *
 * The drawer reads the open section from stores/ui, so a new section needs only
 * its words in help/i18n.ts; nothing here lists the sections.
 */
import { ActionIcon, Drawer, Group, Kbd, List, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconHelp, IconKeyboard, IconQuestionMark } from '@tabler/icons-react';
import { Fragment, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore, type SectionId } from '../../stores/ui';
import { shortcutSheet } from './shortcuts';
import { useHelpUi, type HelpTab } from './store';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** True when a key press belongs to what the person is typing (a field, an editable cell, a table that types to edit). */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return target.closest('[role="grid"]') !== null;
}

/** F1: help for this screen; ?: the shortcut sheet. */
function useHelpKeys() {
  const open = useHelpUi((s) => s.open);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F1') {
        event.preventDefault();
        open('screen');
      } else if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingInto(event.target)) {
        event.preventDefault();
        open('shortcuts');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}

function ScreenHelp({ section }: { section: SectionId }) {
  const { t } = useTranslation();
  const steps = t(`help.sections.${section}.steps`, { returnObjects: true }) as string[];
  const tips = t(`help.sections.${section}.tips`, { returnObjects: true }) as string[];
  return (
    <Stack gap="md" data-testid="help-screen">
      <Text size="sm">{t(`help.sections.${section}.intro`)}</Text>
      <Title order={5}>{t('help.howTo')}</Title>
      <List type="ordered" size="sm" spacing="xs">
        {steps.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
      <Title order={5}>{t('help.tips')}</Title>
      <List size="sm" spacing="xs">
        {tips.map((tip) => (
          <List.Item key={tip}>{tip}</List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        {t('help.openHint')}
      </Text>
    </Stack>
  );
}

function Keys({ combos }: { combos: string[][] }) {
  return (
    <Group gap={6} wrap="wrap">
      {combos.map((combo) => (
        <Group key={combo.join('+')} gap={2} wrap="nowrap">
          {combo.map((key, i) => (
            <Fragment key={key}>
              {i > 0 && <Text size="xs">+</Text>}
              <Kbd size="xs">{key === 'Mod' ? (mac ? '⌘' : 'Ctrl') : key}</Kbd>
            </Fragment>
          ))}
        </Group>
      ))}
    </Group>
  );
}

function ShortcutSheet() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" data-testid="help-shortcuts">
      {shortcutSheet.map(({ group, items }) => (
        <div key={group}>
          <Title order={5} mb="xs">
            {t(`help.shortcuts.groups.${group}`)}
          </Title>
          <Table verticalSpacing={4} withRowBorders={false}>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.what}>
                  <Table.Td w="45%">
                    <Keys combos={item.keys} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`help.shortcuts.keys.${item.what}`)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ))}
    </Stack>
  );
}

/** The header's "?" and the drawer it opens; mounted once by the frame. */
export function HelpButton() {
  const { t } = useTranslation();
  const section = useUiStore((s) => s.section);
  const { opened, tab, open, setTab, close } = useHelpUi();
  useHelpKeys();
  return (
    <>
      <Tooltip label={t('help.open')}>
        <ActionIcon variant="default" size="lg" aria-label={t('help.open')} onClick={() => open('screen')} data-testid="help-button">
          <IconQuestionMark size={18} stroke={1.8} />
        </ActionIcon>
      </Tooltip>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size="md"
        title={t('help.title', { section: t(`nav.${section}`) })}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
        data-testid="help-drawer"
      >
        <Tabs value={tab} onChange={(value) => value && setTab(value as HelpTab)}>
          <Tabs.List mb="md">
            <Tabs.Tab value="screen" leftSection={<IconHelp size={16} />}>
              {t('help.tabs.screen')}
            </Tabs.Tab>
            <Tabs.Tab value="shortcuts" leftSection={<IconKeyboard size={16} />}>
              {t('help.tabs.shortcuts')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="screen">
            <ScreenHelp section={section} />
          </Tabs.Panel>
          <Tabs.Panel value="shortcuts">
            <ShortcutSheet />
          </Tabs.Panel>
        </Tabs>
      </Drawer>
    </>
  );
}
