/**
 * What the command palette offers: the actions people reach for most (new
 * enrollment, record a payment, new cohort, theme, language — each only when this
 * role may do it) and the records a typed query finds (clients searched in the
 * workspace, cohorts and programs filtered here, being few). Each item carries
 * the plain function it runs, so the palette adds no second way of doing
 * anything, only a faster way to reach the first.
 */
import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconBook2, IconCash, IconLanguage, IconMoon, IconUser, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/context';
import { chooseLanguage, languages, type Language } from '../../i18n';
import { useCan } from '../../shared/permissions';
import { useClientsUi } from '../../stores/clients';
import { useUiStore } from '../../stores/ui';
import { openCohort, openNewCohort } from '../cohorts';
import { openEnrollDialog } from '../enrollments';

export interface PaletteItem {
  id: string;
  group: string;
  label: string;
  description?: string;
  icon: ReactNode;
  keywords?: string;
  run(): void;
}

/** Whether every typed word appears in the item's label, description or keywords. */
export function matches(item: PaletteItem, words: string[]): boolean {
  const text = `${item.label} ${item.description ?? ''} ${item.keywords ?? ''}`.toLocaleLowerCase();
  return words.every((w) => text.includes(w));
}

const icon = (Icon: typeof IconUser) => <Icon size={18} stroke={1.6} />;

/** The actions, before any filtering by the typed words. */
export function usePaletteActions(): PaletteItem[] {
  const { t, i18n } = useTranslation();
  const openSection = useUiStore((s) => s.openSection);
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const canEnroll = useCan('enrollments.write');
  const canPay = useCan('payments.write');
  const canCatalog = useCan('catalog.write');
  return [
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
          chooseLanguage(language);
        },
      })),
  ];
}

/** Records matching the typed words; `search` is the debounced query the workspace searches clients with. */
export function usePaletteFinds(words: string[], search: string): PaletteItem[] {
  const openSection = useUiStore((s) => s.openSection);
  const clients = useQuery('clients.list', search.length >= 2 ? { query: search, limit: 8 } : { limit: 1 }, { tables: ['clients'] });
  const cohorts = useQuery('cohorts.list', {}, { tables: ['cohorts', 'programs'] });
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });
  return words.length === 0
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
}
