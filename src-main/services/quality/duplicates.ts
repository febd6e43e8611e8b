/**
 * The duplicates finder. Two records are compared only when they share a blocking
 * key, so the work grows with the number of records, not with its square (a
 * 10,000-client school answers in milliseconds, tests/bench/quality.ts):
 *  - phone and e-mail: grouped in SQL over their indexes (`clients_phone_idx`,
 *    the expression index on `lower(email)`);
 *  - same guardian: grouped in SQL over `clients_guardian_idx`, then the given
 *    names compared (siblings are not duplicates; one child typed twice is);
 *  - name: SQLite cannot fold accents, so one pass over the live clients (which
 *    also gathers the details the pairs are judged by) builds the spelling-blind
 *    key of src-shared/dedupe.ts in a Map, folding each distinct spelling once.
 * A shared key is a candidate, not a verdict: a family shares a phone, and a
 * common name is shared by strangers. So a pair sharing a phone or e-mail is left
 * out when one is the other's guardian or both are different children of one
 * guardian, and a pair sharing only a name counts only when nothing contradicts
 * it and something supports it (`nameAlone`). Pairs are then
 * joined into groups (union-find), each with every reason that linked it.
 * Merged-away and deleted clients are left out; archived ones are not (an archived
 * record of an active client is still a duplicate).
 */
import { emailKey, givenNameKey, nameKey } from '../../../src-shared/dedupe';
import type { DuplicateCandidate, DuplicateGroup, DuplicateReason } from '../../../src-shared/api/quality-methods';
import type { ServiceContext } from '../../core/context';

interface Person {
  id: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  guardianId: string | null;
  archived: number;
  createdAt: string;
  /** The given-name key, worked out once per person (it is compared for many pairs). */
  given?: string | null;
}

/** A block bigger than this is a shared placeholder (an office phone typed for everyone), not a duplicate. */
const largestBlock = 200;

const liveClients = 'deleted_at IS NULL AND merged_into_id IS NULL';

/** Ids sharing a value of `expression`, one list per value, found over the column's index. */
function sqlBlocks(ctx: Pick<ServiceContext, 'db'>, expression: string): string[][] {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT json_group_array(id) AS ids FROM clients
        WHERE ${liveClients} AND ${expression} IS NOT NULL AND ${expression} <> ''
        GROUP BY ${expression} HAVING count(*) > 1 AND count(*) <= ${largestBlock}`,
    )
    .pluck()
    .all() as string[];
  return rows.map((ids) => JSON.parse(ids) as string[]);
}

/**
 * Every live client's details in one pass (the pairs need them), and the ids
 * sharing a name key. A name seen before is not folded again: many people share
 * a first and last name.
 */
function peopleAndNameBlocks(ctx: Pick<ServiceContext, 'db'>): { people: Map<string, Person>; names: string[][] } {
  const people = new Map<string, Person>();
  const byKey = new Map<string, string[]>();
  const keyOf = new Map<string, string | null>();
  const givenOf = new Map<string, string | null>();
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT id, first_name AS firstName, last_name AS lastName, display_name AS displayName, email, phone,
              birth_date AS birthDate, guardian_id AS guardianId, archived, created_at AS createdAt
         FROM clients WHERE ${liveClients}`,
    )
    .iterate() as Iterable<Person>;
  for (const person of rows) {
    const spelled = `${person.firstName ?? ''}\u0000${person.lastName ?? ''}\u0000${person.displayName}`;
    let key = keyOf.get(spelled);
    if (key === undefined) keyOf.set(spelled, (key = nameKey(person.firstName, person.lastName, person.displayName)));
    let given = givenOf.get(spelled);
    if (given === undefined) givenOf.set(spelled, (given = givenNameKey(person.firstName, person.displayName)));
    person.given = given;
    people.set(person.id, person);
    if (key === null) continue;
    const list = byKey.get(key);
    if (list) list.push(person.id);
    else byKey.set(key, [person.id]);
  }
  return { people, names: [...byKey.values()].filter((ids) => ids.length > 1 && ids.length <= largestBlock) };
}

const differ = (a: string | null, b: string | null): boolean => a !== null && b !== null && a !== b;

/** Parent and child, or two different children of one parent: a family sharing contact details. */
function isFamily(a: Person, b: Person): boolean {
  if (a.guardianId === b.id || b.guardianId === a.id) return true;
  return a.guardianId !== null && a.guardianId === b.guardianId && a.given !== b.given;
}

/** A record with nothing but a name: what a hurried second entry looks like. */
const bare = (p: Person): boolean => p.phone === null && p.email === null && p.birthDate === null && p.guardianId === null;

/**
 * A shared name is a candidate only when nothing contradicts it (birth dates,
 * phones, e-mails that differ) and something supports it: the same birth date,
 * the same guardian, phone or e-mail, or one record bare of any detail. Strangers share common
 * names; a school of 10,000 has dozens of "Kovács Anna".
 */
function nameAlone(a: Person, b: Person): boolean {
  if (isFamily(a, b) || differ(a.birthDate, b.birthDate) || differ(a.phone, b.phone) || differ(emailKey(a.email), emailKey(b.email)))
    return false;
  const same = (x: string | null, y: string | null) => x !== null && x === y;
  return (
    same(a.birthDate, b.birthDate) ||
    same(a.guardianId, b.guardianId) ||
    same(a.phone, b.phone) ||
    same(emailKey(a.email), emailKey(b.email)) ||
    bare(a) ||
    bare(b)
  );
}

/** Whether a pair sharing `reason` is a candidate. */
function accepts(reason: DuplicateReason, a: Person, b: Person): boolean {
  switch (reason) {
    case 'phone':
    case 'email':
      return !isFamily(a, b);
    case 'guardian':
      return a.given === b.given;
    case 'name':
      return nameAlone(a, b);
  }
}

class Groups {
  private readonly parent = new Map<string, string>();
  readonly reasons = new Map<string, Set<DuplicateReason>>();

  find(id: string): string {
    let root = id;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as string;
    this.parent.set(id, root);
    return root;
  }

  link(a: string, b: string, reason: DuplicateReason): void {
    const ra = this.find(a);
    const rb = this.find(b);
    const reasons = new Set([...(this.reasons.get(ra) ?? []), ...(this.reasons.get(rb) ?? []), reason]);
    this.parent.set(ra, ra);
    if (ra !== rb) this.parent.set(rb, ra);
    this.reasons.delete(rb);
    this.reasons.set(ra, reasons);
  }

  members(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const id of this.parent.keys()) {
      const root = this.find(id);
      const list = out.get(root);
      if (list) list.push(id);
      else out.set(root, [id]);
    }
    return out;
  }
}

export function findDuplicates(ctx: Pick<ServiceContext, 'db'>): DuplicateGroup[] {
  const { people, names } = peopleAndNameBlocks(ctx);
  const blocks: [DuplicateReason, string[][]][] = [
    ['phone', sqlBlocks(ctx, 'phone')],
    ['email', sqlBlocks(ctx, 'lower(email)')],
    ['guardian', sqlBlocks(ctx, 'guardian_id')],
    ['name', names],
  ];
  const groups = new Groups();
  for (const [reason, lists] of blocks) {
    for (const ids of lists) {
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const a = people.get(ids[i] as string);
          const b = people.get(ids[j] as string);
          if (a && b && accepts(reason, a, b)) groups.link(a.id, b.id, reason);
        }
      }
    }
  }
  return describeGroups(ctx, groups, people);
}

function describeGroups(ctx: Pick<ServiceContext, 'db'>, groups: Groups, people: Map<string, Person>): DuplicateGroup[] {
  const guardianIds = new Set([...people.values()].map((p) => p.guardianId).filter((id): id is string => id !== null));
  const guardianNames = new Map(
    (
      ctx.db.sqlite
        .prepare('SELECT id, display_name FROM clients WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify([...guardianIds])) as [string, string][]
    ).map(([id, name]) => [id, name]),
  );
  const out: DuplicateGroup[] = [];
  for (const [root, ids] of groups.members()) {
    if (ids.length < 2) continue;
    const clients = ids
      .map((id) => people.get(id) as Person)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((p): DuplicateCandidate => ({
        id: p.id,
        displayName: p.displayName,
        email: p.email,
        phone: p.phone,
        birthDate: p.birthDate,
        guardianName: p.guardianId ? (guardianNames.get(p.guardianId) ?? null) : null,
        archived: p.archived !== 0,
        createdAt: p.createdAt,
      }));
    const reasons = [...(groups.reasons.get(root) ?? [])].sort();
    out.push({ key: [...ids].sort().join('+'), reasons, clients });
  }
  return out.sort(
    (a, b) => b.reasons.length - a.reasons.length || (a.clients[0]?.displayName ?? '').localeCompare(b.clients[0]?.displayName ?? ''),
  );
}
