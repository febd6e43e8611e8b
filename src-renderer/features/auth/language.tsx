/**
 * The interface language before anyone is signed in. The workspace's locale
 * (settings.locale) is readable only inside a session, so the sign-in and lock
 * screens use the language this machine last showed — remembered in local
 * storage, a preference of this window and not school data — and offer a small
 * switch of their own. Once signed in, the workspace locale takes over again.
 */
import { SegmentedControl } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOfLocale, languages } from '../../i18n';

const storageKey = 'tanoda.language';

/** Keeps the last shown language in local storage and restores it once when the gate mounts. */
export function useRememberedLanguage(): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const stored = window.localStorage.getItem(storageKey);
    if (stored && languageOfLocale(stored) === stored && i18n.language !== stored) void i18n.changeLanguage(stored);
    const remember = (language: string) => window.localStorage.setItem(storageKey, languageOfLocale(language));
    i18n.on('languageChanged', remember);
    return () => i18n.off('languageChanged', remember);
  }, [i18n]);
}

export function SignInLanguage() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={languageOfLocale(i18n.language)}
      onChange={(value) => void i18n.changeLanguage(value)}
      data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
    />
  );
}
