/**
 * Languages of the interface. The language is not a per-browser preference but
 * follows the workspace's `settings.locale`, because the same locale also decides
 * how money and dates are written; keeping them in one place means an interface
 * in Hungarian never shows amounts formatted the English way.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en';
import hu from './locales/hu';
import zh from './locales/zh';
import { featureCatalogs } from './features';

export const languages = ['en', 'hu', 'zh'] as const;
export type Language = (typeof languages)[number];

/** The BCP 47 tag written to settings.locale when someone picks a language. */
export const localeOfLanguage: Record<Language, string> = { en: 'en-GB', hu: 'hu-HU', zh: 'zh-CN' };

/** The interface language for a locale tag ("hu-HU" -> "hu"); English when we have no catalog. */
export function languageOfLocale(locale: string | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (languages as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

function withFeatures(base: object, language: Language): object {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, catalogs] of Object.entries(featureCatalogs)) merged[key] = catalogs[language];
  return merged;
}

export function initI18n(initial: Language = languageOfLocale(navigator.language)) {
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: withFeatures(en, 'en') },
      hu: { translation: withFeatures(hu, 'hu') },
      zh: { translation: withFeatures(zh, 'zh') },
    },
    lng: initial,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = initial;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
