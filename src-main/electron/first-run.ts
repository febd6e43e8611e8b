/**
 * What the app proposes on its very first start, before anyone has typed a
 * school name: the interface locale Electron reports, the currency most likely
 * used in that locale's country, and the machine's time zone. These are guesses
 * the owner corrects in settings; they only need to be right often enough that a
 * Hungarian studio does not start counting in euros. Electron-free, so the
 * guesses are tested in Node.
 */
import countryToCurrency from 'country-to-currency';
import type { InitOptions } from '../services/settings';

const FALLBACK_LOCALE = 'en-GB';
const FALLBACK_CURRENCY = 'EUR';

/** Canonical BCP 47 tag for what Electron reports ("hu", "en-US", "zh_CN"), or null when it is not a tag. */
export function normaliseLocale(reported: string | undefined): string | null {
  if (!reported) return null;
  try {
    return new Intl.Locale(reported.replace(/_/g, '-')).toString();
  } catch {
    return null;
  }
}

/**
 * The locale a POSIX environment names (`LC_ALL`, `LC_MESSAGES`, `LANG`: "hu_HU.UTF-8"),
 * read the way Chromium reads it for `app.getLocale()`, so that the browser
 * fallback of `npm start` creates the same first workspace the window would.
 * "C" and "POSIX" name no language; `fallback` (the runtime's own locale) answers then.
 */
export function localeFromEnvironment(env: NodeJS.ProcessEnv, fallback?: string): string | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name]?.split(/[.@]/)[0];
    if (!value) continue;
    if (value === 'C' || value === 'POSIX') break;
    return value;
  }
  return fallback;
}

export function guessCurrency(locale: string): string {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    // The same country-to-currency table the first-run wizard's country picker uses (features/onboarding/place.ts).
    return (region && (countryToCurrency as Record<string, string>)[region]) || FALLBACK_CURRENCY;
  } catch {
    return FALLBACK_CURRENCY;
  }
}

function validTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** When the locale is unreadable the guesses are the workspace service's own defaults (en-GB, EUR). */
export function firstRunDefaults(reportedLocale: string | undefined, timeZone: string | undefined): InitOptions {
  const locale = normaliseLocale(reportedLocale);
  return {
    schoolName: 'My school',
    locale: locale ?? FALLBACK_LOCALE,
    currency: locale ? guessCurrency(locale) : FALLBACK_CURRENCY,
    timeZone: validTimeZone(timeZone),
  };
}
