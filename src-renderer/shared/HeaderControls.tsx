/**
 * The language switch and the light/dark toggle: the header shows both, and the
 * sign-in screens and the School tab reuse them, so they live here rather than
 * in the frame (app/), which nothing may import back. Picking a language changes
 * only this person's interface on this machine (i18n/personal.ts): it never
 * writes settings.locale, which is the school's and decides how money, dates and
 * phone numbers are written, and so it never appears in the audit log.
 */
import { ActionIcon, Select, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { IconLanguage, IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, languageOfLocale, languages, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = languageOfLocale(i18n.language);

  const choose = (value: string | null) => {
    if (!value || value === current) return;
    chooseLanguage(value as Language);
  };

  return (
    <Select
      aria-label={t('header.language')}
      data={languages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
      value={current}
      onChange={choose}
      allowDeselect={false}
      leftSection={<IconLanguage size={16} stroke={1.6} />}
      w={150}
      size="sm"
      comboboxProps={{ withinPortal: true }}
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
