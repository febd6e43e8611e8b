/**
 * The interface languages and how they map to locale tags. Pure data and one
 * small function, in a module of their own so the catalog helper
 * (`catalogs.ts`) and the i18next set-up (`index.ts`) can both use them
 * without importing each other.
 */
export const languages = ['en', 'hu', 'zh'] as const;
export type Language = (typeof languages)[number];

/** The BCP 47 tag written to settings.locale when someone picks a language. */
export const localeOfLanguage: Record<Language, string> = { en: 'en-GB', hu: 'hu-HU', zh: 'zh-CN' };

/** The interface language for a locale tag ("hu-HU" -> "hu"); English when we have no catalog. */
export function languageOfLocale(locale: string | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (languages as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}
