/**
 * The order a school writes people's names in. Hungarian, Chinese, Japanese,
 * Korean, Vietnamese and Russian registers put the family name first ("Kovács
 * Anna", "王小明", "Иванов Иван"); English, French and German ones put it last.
 * One table serves the name a new client is shown by, the order of the name
 * inputs in every dialog, and how an import splits a name written in one cell.
 */
const familyFirstLanguages = new Set(['hu', 'zh', 'ja', 'ko', 'vi', 'ru']);

/** The language subtag of a BCP 47 tag, lower-cased: `hu-HU` -> `hu`. */
export function languageOf(locale: string): string {
  return (locale.toLowerCase().split(/[-_]/)[0] ?? '').trim();
}

export function familyNameFirst(locale: string): boolean {
  return familyFirstLanguages.has(languageOf(locale));
}

/** The name inputs in the order the school writes names. */
export function nameFieldOrder(locale: string): readonly ['lastName', 'firstName'] | readonly ['firstName', 'lastName'] {
  return familyNameFirst(locale) ? (['lastName', 'firstName'] as const) : (['firstName', 'lastName'] as const);
}
