/**
 * The command palette (Ctrl/Cmd+K): type a few letters and it finds clients
 * (through the same full-text quick search as the client list), cohorts and
 * programs, and offers the actions people reach for most — new enrollment,
 * record a payment, new cohort, switch language, toggle the theme. A client
 * opens their page (where the payment and enrollment buttons are). Clients are
 * searched in the workspace as you type; cohorts and programs are few enough to
 * filter here. Every action is a plain function call, so the palette adds no
 * second way of doing anything, only a faster way to reach the first. The items
 * are built in paletteItems.tsx; this component filters, groups and shows them.
 */
import '@mantine/spotlight/styles.css';
import { Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matches, usePaletteActions, usePaletteFinds } from './paletteItems';

export function CommandPalette() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [search] = useDebouncedValue(query.trim(), 120);
  const words = query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const actions = usePaletteActions();
  const found = usePaletteFinds(words, search);
  const shownActions = words.length === 0 ? actions : actions.filter((a) => matches(a, words));
  const groups = [
    { id: 'clients', items: found.filter((i) => i.group === 'clients') },
    { id: 'cohorts', items: found.filter((i) => i.group === 'cohorts') },
    { id: 'programs', items: found.filter((i) => i.group === 'programs') },
    { id: 'actions', items: shownActions },
  ].filter((g) => g.items.length > 0);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} scrollable maxHeight={440}>
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        leftSection={<IconSearch size={18} stroke={1.6} />}
        aria-label={t('palette.placeholder')}
        data-testid="palette-search"
      />
      <Spotlight.ActionsList>
        {groups.map((group) => (
          <Spotlight.ActionsGroup key={group.id} label={t(`palette.groups.${group.id}`)}>
            {group.items.map((item) => (
              <Spotlight.Action key={item.id} onClick={item.run} data-testid={`palette-${item.id}`}>
                <Group wrap="nowrap" gap="sm" w="100%">
                  {item.icon}
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" truncate>
                      {item.label}
                    </Text>
                    {item.description && (
                      <Text size="xs" c="dimmed" truncate>
                        {item.description}
                      </Text>
                    )}
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {groups.length === 0 && <Spotlight.Empty>{t('palette.nothing')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

export const openPalette = (): void => spotlight.open();
