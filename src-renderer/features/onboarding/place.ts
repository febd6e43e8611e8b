/**
 * Where the school is, and what follows from it: the country decides the
 * currency (country-to-currency, ISO 3166 -> ISO 4217), the likely locale and the
 * time zones (the platform's own CLDR data through Intl.Locale), and the wizard
 * shows what those produce — a date, an amount and a phone number written the way
 * the app will write them. The machine's own locale and time zone are the first
 * guess, so a Hungarian laptop opens on Hungary, forints and Europe/Budapest.
 *
 * Pure functions over Intl and two small libraries, kept out of the components so
 * the guesses can be read (and changed) in one place rather than in JSX.
 */
import countryToCurrency from 'country-to-currency';
import { getExampleNumber, type CountryCode } from 'libphonenumber-js';
import phoneExamples from 'libphonenumber-js/mobile/examples';
import { formatMoney, toMinor } from '../../../src-shared/money';
import { formatPhone } from '../../../src-shared/phone';
import { languageOfLocale, localeOfLanguage, type Language } from '../../i18n/languages';

export interface Place {
  country: string;
  currency: string;
  locale: string;
  timeZone: string;
}

/** What this machine says about itself; the browser (or Electron's Chromium) knows it through Intl. */
export interface Machine {
  locale: string;
  timeZone: string;
}

export function readMachine(): Machine {
  return { locale: navigator.language || 'en-GB', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
}

const countries = Object.keys(countryToCurrency);

/** The most likely language-REGION tag of a tag or region ("hu" -> "hu-HU", "und-CN" -> "zh-CN"), or null. */
function likely(tag: string): { language: string; region: string | undefined } | null {
  try {
    const full = new Intl.Locale(tag).maximize();
    return { language: full.language, region: full.region };
  } catch {
    return null;
  }
}

/** The locale people of `country` most likely write in ("HU" -> "hu-HU"). */
export function countryLocale(country: string): string {
  const guess = likely(`und-${country}`);
  return guess ? `${guess.language}-${country}` : 'en-GB';
}

/** The time zones of a country per CLDR, the largest city first; empty where the platform does not say. */
export function timeZonesOf(country: string): string[] {
  try {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    return locale.getTimeZones?.() ?? locale.timeZones ?? [];
  } catch {
    return [];
  }
}

export function allTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

export function allCurrencies(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('currency') ?? [...new Set(Object.values(countryToCurrency))].sort();
}

/**
 * The locale for an interface language in a country: the country's own when it
 * speaks that language (hu in Hungary -> hu-HU, en in the US -> en-US), otherwise
 * the language's usual one (en-GB, hu-HU, zh-CN).
 */
export function localeFor(language: Language, country: string): string {
  const own = countryLocale(country);
  return languageOfLocale(own) === language && own.startsWith(`${language}-`) ? own : localeOfLanguage[language];
}

/** Everything that follows from choosing `country`, keeping the interface language and, where it fits, the machine's time zone. */
export function placeFor(country: string, language: Language, machine: Machine): Place {
  const zones = timeZonesOf(country);
  const timeZone = zones.length === 0 || zones.includes(machine.timeZone) ? machine.timeZone : zones[0]!;
  const currency = (countryToCurrency as Record<string, string>)[country] ?? 'EUR';
  return { country, currency, locale: localeFor(language, country), timeZone };
}

/** The first guess: the machine's region and language (its own locale tag when it names that region). */
export function machinePlace(machine: Machine): Place {
  const guess = likely(machine.locale);
  const country = guess?.region && countries.includes(guess.region) ? guess.region : 'GB';
  const place = placeFor(country, languageOfLocale(machine.locale), machine);
  let locale = place.locale;
  try {
    const own = new Intl.Locale(machine.locale);
    if (own.region === country) locale = `${own.language}-${country}`;
  } catch {
    // an unreadable machine locale keeps the country's guess
  }
  return { ...place, locale };
}

/** Countries as the interface language names them, in its alphabetical order. */
export function countryOptions(displayLocale: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([displayLocale], { type: 'region', fallback: 'code' });
  const options = countries.map((code) => ({ value: code, label: names.of(code) ?? code }));
  const collator = new Intl.Collator(displayLocale);
  return options.sort((a, b) => collator.compare(a.label, b.label));
}

/** Locales worth offering for a country: its own, the interface languages', the current and the machine's. */
export function localeOptions(place: Place, machine: Machine, displayLocale: string): { value: string; label: string }[] {
  const tags = [place.locale, countryLocale(place.country), machine.locale, 'en-GB', 'en-US', 'hu-HU', 'zh-CN'];
  const unique = [...new Set(tags.filter((tag) => Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0))];
  const names = new Intl.DisplayNames([displayLocale], { type: 'language', fallback: 'code' });
  return unique.map((tag) => ({ value: tag, label: `${names.of(tag) ?? tag} · ${tag}` }));
}

export function currencyOptions(current: string, displayLocale: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([displayLocale], { type: 'currency', fallback: 'code' });
  return [...new Set([current, ...allCurrencies()])].map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
}

export function timeZoneOptions(place: Place): string[] {
  return [...new Set([place.timeZone, ...timeZonesOf(place.country), ...allTimeZones()])];
}

export interface Samples {
  date: string;
  money: string;
  phone: string | null;
}

/** A date, an amount and a phone number as the app will write them with these settings. */
export function samplesOf(place: Place, now: Date): Samples {
  const date = new Intl.DateTimeFormat(place.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: place.timeZone }).format(now);
  const money = formatMoney(toMinor(12345.67, place.currency), place.currency, place.locale);
  let phone: string | null = null;
  try {
    const example = getExampleNumber(place.country as CountryCode, phoneExamples);
    phone = example ? formatPhone(example.number, place.country) : null;
  } catch {
    // a territory libphonenumber does not know has no sample
  }
  return { date, money, phone };
}
