/**
 * Phone numbers: stored as E.164 ("+36301234567"), typed and shown the way people
 * of the school's country write them ("06 30 123 4567"). Schools receive numbers
 * in every national habit (a leading 06, 8 or 0 trunk prefix, brackets, dashes),
 * and a number stored as typed could neither be searched, deduplicated nor
 * dialled from another country, so everything goes through libphonenumber-js with
 * the workspace country as the default region. Pure functions: the main process
 * uses them to validate and store, the renderer to display, imports to clean.
 */
import { AsYouType, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneResult = { ok: true; e164: string; country: string | null } | { ok: false; reason: 'empty' | 'unparseable' | 'invalid' };

/** A two-letter region libphonenumber knows, or undefined (numbers must then start with +). */
function regionOrUndefined(country: string | null | undefined): CountryCode | undefined {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return undefined;
  return country.toUpperCase() as CountryCode;
}

/**
 * Turns what a person typed into E.164. A number without a country code is read
 * as a number of `country`. Numbers whose digits cannot belong to any range of
 * their country are refused, which catches most typos.
 */
export function normalizePhone(text: string | null | undefined, country: string | null | undefined): PhoneResult {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  // "00" is the international call prefix in most of the world; treat it as "+".
  const input = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(input, regionOrUndefined(country));
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  if (!parsed) return { ok: false, reason: 'unparseable' };
  if (!parsed.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number, country: parsed.country ?? null };
}

/**
 * How to show a stored number: in the national form when it belongs to the
 * school's own country (what people there recognise and dial), otherwise in the
 * international form. Anything that does not parse is shown as stored.
 */
export function formatPhone(e164: string | null | undefined, country: string | null | undefined): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164, regionOrUndefined(country));
  if (!parsed) return e164;
  const home = regionOrUndefined(country);
  return home && parsed.country === home ? parsed.formatNational() : parsed.formatInternational();
}

/** True when a search text is a (possibly partial) phone number rather than a name. */
export function looksLikePhone(text: string): boolean {
  const trimmed = text.trim();
  return /^\+?[\d\s()./-]+$/.test(trimmed) && (trimmed.match(/\d/g)?.length ?? 0) >= 3;
}

/**
 * The digit prefixes under which a partly typed number may be stored: its E.164
 * digits as far as they can be worked out ("06 30 123" in Hungary -> "3630123")
 * and the bare digits as typed, for numbers saved without a country code.
 */
export function phoneSearchPrefixes(text: string, country: string | null | undefined): string[] {
  const digits = text.replace(/\D/g, '');
  if (digits === '') return [];
  const prefixes = new Set<string>();
  const typed = text.trim().startsWith('00') ? `+${text.trim().slice(2)}` : text.trim();
  const asYouType = new AsYouType(regionOrUndefined(country));
  asYouType.input(typed);
  const value = asYouType.getNumberValue();
  if (value) prefixes.add(value.replace(/\D/g, ''));
  prefixes.add(digits);
  return [...prefixes];
}
