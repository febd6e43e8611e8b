/**
 * Phone numbers: stored as E.164 ("+36301234567"), typed and shown the way people
 * of the school's country write them ("06 30 123 4567"). Schools receive numbers
 * in every national habit (a leading 06, 8 or 0 trunk prefix, brackets, dashes),
 * and a number stored as typed could neither be searched, deduplicated nor
 * dialled from another country, so everything goes through libphonenumber-js with
 * the workspace country as the default region. Pure functions: the main process
 * uses them to validate and store, the renderer to display, imports to clean.
 */
import { AsYouType, getCountries, getCountryCallingCode, Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

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
  const plain = plainNumber(input, regionOrUndefined(country));
  if (plain) return plain;
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

// ---- plainly written numbers ------------------------------------------------------------

/**
 * A number written plainly (digits in groups split by single spaces or dashes,
 * with or without a leading +) in a country whose numbering plan is simple: the
 * only country of its calling code, a national prefix of plain digits, the plan's
 * own pattern deciding validity. For such a number the library's steps come
 * down to a few string tests, taken here in the library's order on its own
 * metadata, without its per-call option handling and metadata objects (an
 * import reads a phone on every row). Only a number found valid is answered
 * here; anything else, and anything outside this shape, goes to the library,
 * which then says why. tests/unit/phone.test.ts holds this path to the
 * library's answer over many generated numbers.
 */
const plainShape = /^\+?\d+(?:[ -]\d+)*$/;

interface SimplePlan {
  country: string;
  callingCode: string;
  nationalPrefix: string | undefined;
  nationalNumber: RegExp;
  possibleLengths: readonly number[] | undefined;
  idd: RegExp;
}

/**
 * The parts of a country's numbering plan the library reads when it parses; its
 * typings name only some of them, so they are declared here (tests/unit/phone.test.ts
 * fails if a new version of the library parses otherwise).
 */
interface LibraryPlan {
  callingCode(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  IDDPrefix(): string | undefined;
  hasTypes(): boolean;
}

/** The countries of each calling code. */
const countriesByCallingCode = new Map<string, CountryCode[]>();
for (const country of getCountries()) {
  const code = getCountryCallingCode(country);
  countriesByCallingCode.set(code, [...(countriesByCallingCode.get(code) ?? []), country]);
}

const plans = new Map<string, SimplePlan | null>();

/** The plan of a calling code when it is simple (see above), else null. */
function simplePlan(callingCode: string): SimplePlan | null {
  let plan = plans.get(callingCode);
  if (plan !== undefined) return plan;
  plan = null;
  const countries = countriesByCallingCode.get(callingCode);
  if (countries?.length === 1) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(countries[0] as CountryCode);
    const numbering = metadata.numberingPlan as unknown as LibraryPlan | undefined;
    const prefix = numbering?.nationalPrefixForParsing();
    const idd = numbering?.IDDPrefix();
    if (numbering && !numbering.hasTypes() && (prefix === undefined || /^\d+$/.test(prefix)) && idd) {
      plan = {
        country: countries[0] as string,
        callingCode,
        nationalPrefix: prefix,
        nationalNumber: new RegExp(`^(?:${numbering.nationalNumberPattern()})$`),
        possibleLengths: numbering.possibleLengths(),
        idd: new RegExp(`^(?:${idd})`),
      };
    }
  }
  plans.set(callingCode, plan);
  return plan;
}

/** The plan of a country when it is simple and the only one of its calling code. */
function countryPlan(country: CountryCode): SimplePlan | null {
  const code = countryCodes.get(country);
  return code === undefined ? null : simplePlan(code);
}

const countryCodes = new Map(getCountries().map((country) => [country as string, getCountryCallingCode(country) as string]));

/** Whether the length can be a whole national number (the library's length check, for a plan without number types). */
function possibleLength(digits: string, lengths: readonly number[]): boolean {
  const length = digits.length;
  const shortest = lengths[0] as number;
  if (shortest === length) return true;
  if (shortest > length) return false;
  if ((lengths[lengths.length - 1] as number) < length) return true;
  return lengths.indexOf(length, 1) >= 0;
}

/** The national number the library keeps once it takes off a national prefix, if that was right to take off. */
function nationalNumberOf(digits: string, plan: SimplePlan): string {
  const prefix = plan.nationalPrefix;
  if (prefix === undefined || !digits.startsWith(prefix)) return digits;
  const national = digits.slice(prefix.length);
  if (national === digits) return digits;
  if (plan.nationalNumber.test(digits) && !plan.nationalNumber.test(national)) return digits;
  if (plan.possibleLengths && !possibleLength(national, plan.possibleLengths)) return digits;
  return national;
}

function plainNumber(input: string, country: CountryCode | undefined): PhoneResult | null {
  if (input.length > 250 || !plainShape.test(input)) return null;
  // The library refuses a default country it does not know, whatever the number.
  if (country !== undefined && !countryCodes.has(country)) return null;
  const digits = input.replace(/[ -]/g, '');
  let plan: SimplePlan | null;
  let rest: string;
  if (digits.startsWith('+')) {
    if (digits[1] === '0') return null;
    // Calling codes are a prefix code: at most one begins the number (a non-geographic one, such as
    // 800, is not among the countries' and leaves the number to the library).
    let code: string | undefined;
    for (let i = 2; i - 1 <= 3 && i <= digits.length; i++) {
      if (countriesByCallingCode.has(digits.slice(1, i))) {
        code = digits.slice(1, i);
        break;
      }
    }
    if (code === undefined) return null;
    plan = simplePlan(code);
    rest = digits.slice(1 + code.length);
    if (rest === '') return null;
  } else {
    if (country === undefined) return null;
    plan = countryPlan(country);
    // An international prefix, or the calling code written without its +, is the library's own question.
    if (plan === null || plan.idd.test(digits) || digits.startsWith(plan.callingCode)) return null;
    rest = digits;
  }
  if (plan === null) return null;
  const national = nationalNumberOf(rest, plan);
  if (national.length < 2 || national.length > 17 || !plan.nationalNumber.test(national)) return null;
  return { ok: true, e164: `+${plan.callingCode}${national}`, country: plan.country };
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
