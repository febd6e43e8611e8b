/**
 * Languages of the interface. The language is not a per-browser preference but
 * follows the workspace's `settings.locale`, because the same locale also decides
 * how money and dates are written; keeping them in one place means an interface
 * in Hungarian never shows amounts formatted the English way.
 *
 * The features' own catalogs are not imported here: the composition root
 * (app/catalogs.ts) collects them and passes them to `initI18n`, so this
 * foundation never imports a feature.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en';
import hu from './locales/hu';
import zh from './locales/zh';
import type { FeatureCatalogs } from './catalogs';
import { languageOfLocale, type Language } from './languages';

export { languageOfLocale, languages, localeOfLanguage, type Language } from './languages';

function withFeatures(base: object, featureCatalogs: FeatureCatalogs, language: Language): object {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, catalogs] of Object.entries(featureCatalogs)) merged[key] = catalogs[language];
  return merged;
}

/** Starts i18next with the shared catalog plus every feature's, which the composition root hands in. */
export function initI18n(featureCatalogs: FeatureCatalogs, initial: Language = languageOfLocale(navigator.language)) {
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: withFeatures(en, featureCatalogs, 'en') },
      hu: { translation: withFeatures(hu, featureCatalogs, 'hu') },
      zh: { translation: withFeatures(zh, featureCatalogs, 'zh') },
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
