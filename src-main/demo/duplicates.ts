/**
 * Duplicates planted in a demo school, for the finder's test and benchmark: each
 * one a client typed again the way people do it — family and given name in the
 * wrong boxes, accents left out and the e-mail in capitals, a letter doubled or
 * dropped ("Kis"/"Kiss"), a child entered twice under the same parent.
 *
 * A planted record carries a subset of its original's details (never a detail the
 * original lacks), and originals are chosen among clients the finder does not
 * already group, so whatever would link the copy to a third client would link the
 * original too: the finder's answer after planting is its answer before plus
 * exactly one pair per planted copy, which is what the test asserts.
 */
import { applyChanges, newId, type Write } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { Random } from './random';

export type PlantedVariant = 'swapped' | 'accents' | 'doubled' | 'guardian';

export interface PlantedDuplicate {
  originalId: string;
  duplicateId: string;
  variant: PlantedVariant;
}

interface Original {
  id: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  guardianId: string | null;
}

const stripAccents = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');

/** "Kiss" -> "Kis", "Kis" -> "Kiss": the last doubled letter made single, or the last letter doubled. */
function doubleOrDrop(word: string): string {
  const doubled = /(\p{L})\1(?!.*(\p{L})\2)/u.exec(word);
  if (doubled) return word.slice(0, doubled.index) + word.slice(doubled.index + 1);
  return /\p{Script=Latin}$/u.test(word) ? word + word.slice(-1) : word;
}

function copyOf(original: Original, variant: PlantedVariant): Record<string, unknown> | null {
  const first = original.firstName ?? '';
  const last = original.lastName ?? '';
  switch (variant) {
    case 'swapped':
      return original.phone ? { firstName: last, lastName: first, displayName: `${first} ${last}`, phone: original.phone } : null;
    case 'accents':
      return original.email
        ? {
            firstName: stripAccents(first),
            lastName: stripAccents(last),
            displayName: stripAccents(original.displayName),
            email: original.email.toUpperCase(),
          }
        : null;
    case 'doubled': {
      if (!original.phone || !/\p{Script=Latin}/u.test(last)) return null;
      const surname = doubleOrDrop(last);
      return {
        firstName: first,
        lastName: surname,
        displayName: original.displayName.replace(last, surname),
        phone: original.phone,
        birthDate: original.birthDate,
      };
    }
    case 'guardian':
      return original.guardianId
        ? {
            firstName: stripAccents(first),
            lastName: last,
            displayName: stripAccents(original.displayName),
            guardianId: original.guardianId,
            birthDate: original.birthDate,
          }
        : null;
  }
}

/**
 * Plants `count` duplicates of clients not in `grouped` (ids the finder already
 * groups), the variants taking turns, in one funnel call.
 */
export function plantDuplicates(
  ctx: ServiceContext,
  options: { count: number; seed: string; grouped: ReadonlySet<string> },
): PlantedDuplicate[] {
  const rng = new Random(options.seed);
  const candidates = ctx.db.sqlite
    .prepare(
      `SELECT id, first_name AS firstName, last_name AS lastName, display_name AS displayName, email, phone,
              birth_date AS birthDate, guardian_id AS guardianId
         FROM clients WHERE deleted_at IS NULL AND merged_into_id IS NULL ORDER BY id`,
    )
    .all() as Original[];
  // A phone or e-mail shared by a family is left alone: a copy carrying it would also meet the family.
  const uses = new Map<string, number>();
  for (const c of candidates) for (const key of [c.phone, c.email?.toLowerCase()]) if (key) uses.set(key, (uses.get(key) ?? 0) + 1);
  const shared = (c: Original) => [c.phone, c.email?.toLowerCase()].some((key) => key && (uses.get(key) ?? 0) > 1);
  const variants: PlantedVariant[] = ['swapped', 'accents', 'doubled', 'guardian'];
  const used = new Set<string>();
  const planted: PlantedDuplicate[] = [];
  const writes: Write[] = [];
  for (let attempt = 0; planted.length < options.count && attempt < options.count * 200; attempt++) {
    const original = rng.pick(candidates);
    const variant = variants[planted.length % variants.length] as PlantedVariant;
    if (used.has(original.id) || options.grouped.has(original.id) || shared(original)) continue;
    const values = copyOf(original, variant);
    if (!values) continue;
    used.add(original.id);
    const id = newId(ctx);
    writes.push({ op: 'insert', table: 'clients', id, values });
    planted.push({ originalId: original.id, duplicateId: id, variant });
  }
  if (writes.length > 0) applyChanges(ctx, writes);
  return planted;
}
