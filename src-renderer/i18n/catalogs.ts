/**
 * How a feature declares its strings. Each feature folder keeps its own words in
 * `i18n.ts` (`export const catalogs = defineCatalogs(en, { hu, zh })`) and only
 * exports them; the registry that merges them under each feature's key lives in
 * the composition root (app/catalogs.ts). This helper imports no feature, so a
 * feature's catalog never imports the registry that imports it back.
 */
import type { Language } from './languages';

/** One feature's strings in every interface language. */
export type FeatureCatalog = Record<Language, object>;

/** Feature catalogs keyed by the namespace they answer to (`today` for `t('today.title')`). */
export type FeatureCatalogs = Record<string, FeatureCatalog>;

/** A feature's catalogs: Hungarian and Chinese must have exactly the English keys. */
export function defineCatalogs<T extends object>(en: T, others: { hu: T; zh: T }): Record<Language, T> {
  return { en, hu: others.hu, zh: others.zh };
}
