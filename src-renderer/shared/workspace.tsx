/**
 * The workspace settings every screen needs (school name, currency, locale),
 * loaded once and refreshed whenever the `settings` table changes. While they
 * load nothing is rendered but a loader, so no screen ever formats money in a
 * guessed currency. The interface language follows settings.locale here unless
 * this person chose their own (i18n/personal.ts), and `useFormat` turns minor units and ISO dates into text with Intl in
 * that same locale. The provider is mounted by app/App.tsx, but the module lives
 * in shared/ because nearly every feature and the grid read these hooks, and
 * nothing may import the composition root back.
 */
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../src-shared/api/types';
import { formatMoney } from '../../src-shared/money';
import { useQuery } from '../api/context';
import { interfaceLanguage } from '../i18n';

const SettingsContext = createContext<Settings | null>(null);

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const settings = useQuery('settings.get', {}, { tables: ['settings'] });
  const locale = settings.data?.locale;

  useEffect(() => {
    if (!locale) return;
    const language = interfaceLanguage(locale);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [locale, i18n]);

  if (settings.data) return <SettingsContext.Provider value={settings.data}>{children}</SettingsContext.Provider>;
  if (settings.error) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title={t('app.unreachableTitle')} maw={520} variant="light">
          <Stack gap="sm">
            <Text size="sm">{settings.error.code === 'UNAUTHENTICATED' ? t('app.noToken') : t(`errors.code.${settings.error.code}`)}</Text>
            <Text size="xs" c="dimmed">
              {settings.error.message}
            </Text>
            <Button variant="light" color="red" onClick={settings.refetch} w="fit-content">
              {t('app.retry')}
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  return (
    <Center h="100vh">
      <Stack align="center" gap="sm">
        <Loader />
        <Text c="dimmed" size="sm">
          {t('app.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings needs a <WorkspaceProvider> above it');
  return settings;
}

export interface Formatters {
  locale: string;
  currency: string;
  money(amountMinor: number): string;
  /** A calendar day (`YYYY-MM-DD`) or an instant, written out in the workspace locale. */
  date(value: string | Date, style?: Intl.DateTimeFormatOptions['dateStyle']): string;
  integer(value: number): string;
}

export function useFormat(): Formatters {
  const { locale, currency, timeZone } = useSettings();
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return {
      locale,
      currency,
      money: (amountMinor) => formatMoney(amountMinor, currency, locale),
      date: (value, style = 'medium') => {
        const isDay = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
        const instant = isDay ? new Date(`${value}T12:00:00Z`) : new Date(value);
        return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: isDay ? 'UTC' : timeZone }).format(instant);
      },
      integer: (value) => integer.format(value),
    };
  }, [locale, currency, timeZone]);
}
