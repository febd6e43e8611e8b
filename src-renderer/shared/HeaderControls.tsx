/**
 * The language switch and the light/dark toggle: the header shows both, and the
 * sign-in screens and the School tab reuse them, so they live here rather than
 * in the frame (app/), which nothing may import back. Picking a language writes
 * settings.locale (so money and dates follow, and the other machine sees the
 * same); a role that may not change settings still gets the language for this
 * window, so the switch never appears to do nothing.
 */
import { ActionIcon, Select, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLanguage, IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useApi } from '../api/context';
import { languageOfLocale, languages, localeOfLanguage, type Language } from '../i18n';
import { useSettings } from './workspace';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const current = languageOfLocale(i18n.language);

  const choose = async (value: string | null) => {
    if (!value || value === current) return;
    const language = value as Language;
    try {
      await api.call('settings.update', { locale: localeOfLanguage[language] });
    } catch (error) {
      void i18n.changeLanguage(language);
      if (!(error instanceof ApiError && error.code === 'FORBIDDEN')) {
        notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
      }
    }
  };

  return (
    <Select
      aria-label={t('header.language')}
      data={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
      value={current}
      onChange={(v) => void choose(v)}
      allowDeselect={false}
      leftSection={<IconLanguage size={16} stroke={1.6} />}
      w={150}
      size="sm"
      comboboxProps={{ withinPortal: true }}
      key={settings.locale}
      data-testid="language-switch"
    />
  );
}

export function ThemeToggle() {
  const { t } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const label = scheme === 'dark' ? t('header.toLight') : t('header.toDark');
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" aria-label={label} onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}>
        {scheme === 'dark' ? <IconSun size={18} stroke={1.6} /> : <IconMoon size={18} stroke={1.6} />}
      </ActionIcon>
    </Tooltip>
  );
}
