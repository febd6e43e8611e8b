/**
 * The interface language a person picked on this machine. It is kept in local
 * storage and never written to settings: settings.locale is the school's, and
 * it decides how money, dates and phone numbers are written. When the switch
 * used to write settings.locale, trying Magyar and back turned an en-US school
 * into en-GB ("US$0", day and month swapped) and logged a settings change; a
 * person's own language must not touch school data. With no choice made the
 * interface follows the school's locale.
 */
import i18next from 'i18next';
import { languageOfLocale, type Language } from './languages';

const storageKey = 'tanoda.interfaceLanguage';

/** The language this person chose on this machine, or null to follow the school. */
export function chosenLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored && languageOfLocale(stored) === stored ? (stored as Language) : null;
  } catch {
    return null;
  }
}

/** Remembers the choice for this person and machine and switches the interface; the school is untouched. */
export function chooseLanguage(language: Language): void {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Storage may be unavailable (private window); the switch still applies to this window.
  }
  void i18next.changeLanguage(language);
}

/** The interface language for a school locale: the person's own choice first. */
export function interfaceLanguage(schoolLocale: string | undefined): Language {
  return chosenLanguage() ?? languageOfLocale(schoolLocale);
}
