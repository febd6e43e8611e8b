/**
 * The sync passphrase rule, in one place for the API (which refuses) and the
 * renderer (which shows a strength hint while it is typed). The passphrase
 * guards a wrapped key anyone with access to the cloud folder can copy and
 * attack offline, so the rule is about guesses, not about looks: at least 12
 * characters, or at least four words, and not one character or two repeated.
 * The strength is a rough estimate of the guesses needed (bits), shown as 0–4.
 */
import { invalid } from './errors';

export const MIN_PASSPHRASE_CHARS = 12;
export const MIN_PASSPHRASE_WORDS = 4;

export type PassphraseProblem = 'too_short' | 'repetitive';

export interface PassphraseVerdict {
  acceptable: boolean;
  problem: PassphraseProblem | null;
  /** 0 empty, 1 weak, 2 fair, 3 good, 4 strong. */
  strength: 0 | 1 | 2 | 3 | 4;
  /** Estimated bits of guessing work. */
  bits: number;
}

function words(text: string): string[] {
  return text
    .split(/[\s\-_.,;]+/u)
    .map((w) => w.trim())
    .filter((w) => [...w].length >= 2);
}

/** Bits from the kinds of character used and how many distinct ones there are. */
function characterBits(chars: readonly string[]): number {
  let pool = 0;
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26;
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10;
  if (chars.some((c) => /[^\p{L}\p{N}]/u.test(c))) pool += 33;
  if (chars.some((c) => /\p{L}/u.test(c) && !/[a-zA-Z]/.test(c))) pool += 100;
  const distinct = new Set(chars).size;
  // Repeats add little: count the distinct characters fully and the rest at a quarter.
  const effective = distinct + (chars.length - distinct) / 4;
  return effective * Math.log2(Math.max(pool, 2));
}

export function judgePassphrase(text: string): PassphraseVerdict {
  const chars = [...text.normalize('NFC').trim()];
  if (chars.length === 0) return { acceptable: false, problem: 'too_short', strength: 0, bits: 0 };
  const wordList = words(text.normalize('NFC'));
  // A word from a large vocabulary is worth about 11 bits; the characters' estimate when it says more.
  const bits = Math.max(characterBits(chars), wordList.length >= MIN_PASSPHRASE_WORDS ? wordList.length * 11 : 0);
  const longEnough = chars.length >= MIN_PASSPHRASE_CHARS || wordList.length >= MIN_PASSPHRASE_WORDS;
  const repetitive = new Set(chars).size < 4;
  const problem: PassphraseProblem | null = !longEnough ? 'too_short' : repetitive ? 'repetitive' : null;
  const strength = bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  return { acceptable: problem === null, problem, strength: problem ? 1 : strength, bits: Math.round(bits) };
}

const messages: Record<PassphraseProblem, string> = {
  too_short: `Use a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters or ${MIN_PASSPHRASE_WORDS} words`,
  repetitive: 'This passphrase repeats too few characters to be hard to guess',
};

/** Throws a VALIDATION error on `path` when the passphrase does not hold up. */
export function checkPassphraseStrength(text: string, path: (string | number)[]): void {
  const { problem } = judgePassphrase(text);
  if (problem) throw invalid(path, problem, messages[problem]);
}
