/**
 * The command palette (Ctrl/Cmd+K): type a few letters and it finds clients
 * (through the same full-text quick search as the client list), cohorts and
 * programs, and offers the actions people reach for most — new enrollment,
 * record a payment, new cohort, switch language, toggle the theme. A client
 * opens their page (where the payment and enrollment buttons are). Clients are
 * searched in the workspace as you type; cohorts and programs are few enough to
 * filter here. Every action is a plain function call, so the palette adds no
 * second way of doing anything, only a faster way to reach the first.
 */
import '@mantine/spotlight/styles.css';
import { Group, Text, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconBook2, IconCash, IconLanguage, IconMoon, IconSearch, IconUser, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { languages, localeOfLanguage, type Language } from '../../i18n';
import { useUiStore } from '../../stores/ui';
import { useClientsUi } from '../../stores/clients';
import { openCohort, openNewCohort } from '../cohorts';
import { openEnrollDialog } from '../enrollments';

interface PaletteItem {
  id: string;
  group: string;
  label: string;
  description?: string;
  icon: ReactNode;
  keywords?: string;
  run(): void;
}

function matches(item: PaletteItem, words: string[]): boolean {
  const text = `${item.label} ${item.description ?? ''} ${item.keywords ?? ''}`.toLocaleLowerCase();
  return words.every((w) => text.includes(w));
}

export function CommandPalette() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const openSection = useUiStore((s) => s.openSection);
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const canEnroll = useCan('enrollments.write');
  const canPay = useCan('payments.write');
  const canCatalog = useCan('catalog.write');
  const [query, setQuery] = useState('');
  const [search] = useDebouncedValue(query.trim(), 120);
  const clients = useQuery('clients.list', search.length >= 2 ? { query: search, limit: 8 } : { limit: 1 }, { tables: ['clients'] });
  const cohorts = useQuery('cohorts.list', {}, { tables: ['cohorts', 'programs'] });
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });

  const words = query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const icon = (Icon: typeof IconUser) => <Icon size={18} stroke={1.6} />;

  const actions: PaletteItem[] = [
    ...(canEnroll
      ? [
          {
            id: 'enroll',
            group: 'actions',
            label: t('palette.actions.enroll'),
            icon: icon(IconUserPlus),
            keywords: 'new enrollment',
            run: () => openEnrollDialog(),
          },
        ]
      : []),
    ...(canPay
      ? [
          {
            id: 'payment',
            group: 'actions',
            label: t('palette.actions.payment'),
            icon: icon(IconCash),
            keywords: 'payment',
            run: () => openSection('payments'),
          },
        ]
      : []),
    ...(canCatalog
      ? [
          {
            id: 'cohort',
            group: 'actions',
            label: t('palette.actions.cohort'),
            icon: icon(IconUsersGroup),
            keywords: 'cohort group',
            run: () => openNewCohort(),
          },
        ]
      : []),
    {
      id: 'theme',
      group: 'actions',
      label: scheme === 'dark' ? t('palette.actions.light') : t('palette.actions.dark'),
      icon: icon(IconMoon),
      keywords: 'theme dark light',
      run: () => setColorScheme(scheme === 'dark' ? 'light' : 'dark'),
    },
    ...languages
      .filter((l) => l !== i18n.language)
      .map((language: Language) => ({
        id: `language-${language}`,
        group: 'actions',
        label: t('palette.actions.language', { language: t(`languages.${language}`) }),
        icon: icon(IconLanguage),
        keywords: `language ${language}`,
        run: () => {
          void api.call('settings.update', { locale: localeOfLanguage[language] }).catch(() => i18n.changeLanguage(language));
        },
      })),
  ];

  const found: PaletteItem[] =
    words.length === 0
      ? []
      : [
          ...(search.length >= 2 && clients.data ? clients.data.rows : []).map((c) => ({
            id: `client-${c.id}`,
            group: 'clients',
            label: c.displayName,
            description: [c.phone, c.email].filter(Boolean).join(' · '),
            icon: icon(IconUser),
            run: () => {
              useClientsUi.getState().openClient(c.id);
              openSection('clients');
            },
          })),
          ...(cohorts.data ?? [])
            .map((c) => ({
              id: `cohort-${c.id}`,
              group: 'cohorts',
              label: c.name,
              description: c.programName,
              icon: icon(IconUsersGroup),
              run: () => openCohort(c.id),
            }))
            .filter((item) => matches(item, words))
            .slice(0, 6),
          ...(programs.data ?? [])
            .map((p) => ({
              id: `program-${p.id}`,
              group: 'programs',
              label: p.name,
              icon: icon(IconBook2),
              run: () => openSection('programs'),
            }))
            .filter((item) => matches(item, words))
            .slice(0, 4),
        ];
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
