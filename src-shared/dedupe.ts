/**
 * The keys under which two client records may be the same person, pure so the
 * finder (src-main/services/quality/duplicates.ts) and its tests agree on them.
 *
 * Duplicates are found by blocking, never by comparing every pair: each record
 * yields a few keys (its phone, its e-mail, its name folded to a spelling-blind
 * key) and only records sharing a key are compared. A name key is deliberately
 * blind to what people get wrong when they type a name again — accents, case,
 * the order of family and given name, a doubled letter ("Kiss Anna", "Anna Kiss",
 * "Kis Ana" all give one key) — so a second record made in a hurry still meets
 * the first one.
 */

/** Letters that do not decompose into a base letter and a mark. */
const specialLetters: Record<string, string> = { ß: 'ss', ø: 'o', ł: 'l', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i' };

/** Lower case, accents removed, anything but letters and digits turned into spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøłđæœı]/g, (letter) => specialLetters[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A word with runs of one letter made single: "kiss" -> "kis", "anna" -> "ana". */
function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * One key for a person's name: the folded, squeezed words in sorted order, so the
 * order of family and given name does not matter. Names written without spaces
 * (王小明) are keyed by their characters. Null when there is no name.
 */
export function nameKey(firstName: string | null, lastName: string | null, displayName: string | null): string | null {
  const given = [firstName, lastName].filter((part): part is string => !!part && part.trim() !== '');
  const folded = foldText(given.length > 0 ? given.join(' ') : (displayName ?? ''));
  // Chinese, Japanese and Korean names are written with or without a space between
  // family and given name: their characters, sorted, are the key.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(folded))
    return [...folded.replace(/\s+/g, '')].sort().join('');
  const words = folded
    .split(' ')
    .filter((word) => word !== '')
    .map(squeeze);
  return words.length === 0 ? null : words.sort().join(' ');
}

/** The given name alone, folded and squeezed: two children of one guardian with this key are one child typed twice. */
export function givenNameKey(firstName: string | null, displayName: string | null): string | null {
  const word = foldText(firstName ?? displayName ?? '')
    .split(' ')
    .filter((w) => w !== '')
    .map(squeeze)
    .join(' ');
  return word === '' ? null : word;
}

/** The e-mail as a mailbox compares: trimmed and lower case; null when blank. */
export function emailKey(email: string | null): string | null {
  const key = (email ?? '').trim().toLowerCase();
  return key === '' ? null : key;
}

/** A plausible e-mail address: one @, a dot in the domain, no spaces. */
export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email.trim());
}
