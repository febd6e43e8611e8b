/**
 * Languages of the interface. By default the interface follows the workspace's
 * `settings.locale`; a person may pick another language for themselves
 * (`personal.ts`), which changes only the words: money, dates and phone numbers
 * keep following the school's locale, so one person's preference never reformats
 * the school's figures.
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
import { labels } from './labels';
import { languageOfLocale, type Language } from './languages';

export { languageOfLocale, languages, localeOfLanguage, type Language } from './languages';
export { chooseLanguage, chosenLanguage, interfaceLanguage } from './personal';

function withFeatures(base: object, featureCatalogs: FeatureCatalogs, language: Language): object {
  const merged: Record<string, unknown> = { ...base, labels: labels[language] };
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
