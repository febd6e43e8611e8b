/**
 * The people of the demo school: adults in the mix of origins the workspace's
 * language suggests, about a third of them parents whose children (their surname,
 * an age from five to seventeen, sometimes a phone of their own) are clients too,
 * and a few deliberate duplicates — someone's phone or e-mail typed again for a
 * new client — so finding duplicates has something to find. Apart from those,
 * contact details look real and are unique. Each person is enrolled as they are
 * made (enrollments.ts), which keeps the draws of one family together.
 */
import { addDaysIso } from '../../src-shared/dates';
import { newId } from '../changes/funnel';
import type { DemoCatalog } from './catalog';
import { enroll } from './enrollments';
import type { DemoSchool, Person } from './school';
import { emailDomains, namePools, type Audience, type Origin } from './vocabulary';

/** Someone already made, whose contact details a later client may repeat by mistake. */
interface Made {
  person: Person;
  phone: string | null;
  email: string | null;
}

/** Makes `total` clients (adults and their children), enrolling each; reports progress after each family. */
export function seedPeople(
  school: DemoSchool,
  catalog: DemoCatalog,
  total: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): number {
  const { rng } = school;
  const contacts = new Contacts(school);
  let made = 0;
  const previous: Made[] = [];
  while (made < total) {
    const origin = originFor(school);
    const family = total - made >= 2 && rng.chance(0.33);
    const adult = newPerson(school, origin, 'adult');
    const duplicateOf = previous.length > 0 && rng.chance(0.004) ? rng.pick(previous) : null;
    const noContact = !family && rng.chance(0.02);
    const phone = duplicateOf?.phone ?? (noContact ? null : rng.chance(0.93) ? contacts.phoneFor(origin) : null);
    const email =
      duplicateOf?.email ?? (noContact ? null : rng.chance(phone ? 0.75 : 1) ? contacts.emailFor(duplicateOf?.person ?? adult) : null);
    const person = duplicateOf ? { ...duplicateOf.person, id: adult.id } : adult;
    insertClient(school, person, { phone, email, birthDate: rng.chance(0.35) ? birthDate(school, 19, 68) : null, notes: null });
    made++;
    if (previous.length < 5000) previous.push({ person, phone, email });
    if (!family || rng.chance(0.12)) enroll(school, catalog, person, true);
    if (family) made += addChildren(school, catalog, contacts, person, origin, Math.min(total - made, rng.chance(0.7) ? 1 : 2));
    onProgress?.(made, total);
  }
  return made;
}

/**
 * A parent's children: clients in the parent's care, each enrolled once and now and
 * then twice. They take the family's origin as drawn for the parent, which a parent
 * who repeats someone else's details (a deliberate duplicate) need not share.
 */
function addChildren(
  school: DemoSchool,
  catalog: DemoCatalog,
  contacts: Contacts,
  parent: Person,
  origin: Origin,
  children: number,
): number {
  const { rng, today } = school;
  for (let c = 0; c < children; c++) {
    const age = rng.int(5, 17);
    const child = newPerson(school, origin, age >= 13 ? 'teen' : 'child', parent.surname);
    insertClient(school, child, {
      guardianId: parent.id,
      phone: age >= 14 && rng.chance(0.4) ? contacts.phoneFor(origin) : null,
      email: age >= 15 && rng.chance(0.3) ? contacts.emailFor(child) : null,
      birthDate: addDaysIso(today, -(age * 365 + rng.int(0, 364))),
    });
    school.counts.children++;
    enroll(school, catalog, child, false);
    if (rng.chance(0.15)) enroll(school, catalog, child, false);
  }
  return children;
}

function originFor(school: DemoSchool): Origin {
  const { rng, language } = school;
  return language === 'hu'
    ? rng.weighted([
        ['hu', 78],
        ['en', 10],
        ['zh', 12],
      ] as const)
    : language === 'zh'
      ? rng.weighted([
          ['zh', 85],
          ['en', 15],
        ] as const)
      : rng.weighted([
          ['en', 80],
          ['zh', 12],
          ['hu', 8],
        ] as const);
}

function newPerson(school: DemoSchool, origin: Origin, audience: Audience, surname?: readonly [string, string]): Person {
  const { rng } = school;
  const pool = namePools[origin];
  return {
    id: newId(school.ctx),
    origin,
    surname: surname ?? rng.pick(pool.surnames),
    firstName: rng.pick(rng.chance(0.55) ? pool.female : pool.male),
    audience,
  };
}

/** The display name in the order of the person's origin: 王芳, Kovács Anna, Anna Smith. */
function displayName(origin: Origin, surname: string, first: string): string {
  return origin === 'zh' ? `${surname}${first}` : origin === 'hu' ? `${surname} ${first}` : `${first} ${surname}`;
}

/** A birth day making someone between `minAge` and `maxAge` years old today. */
function birthDate(school: DemoSchool, minAge: number, maxAge: number): string {
  const { rng, today } = school;
  return addDaysIso(today, -(rng.int(minAge, maxAge) * 365 + rng.int(0, 364)));
}

/** Writes the client; `values` (contact details, guardian, birth day) are drawn by the caller before the rest. */
function insertClient(school: DemoSchool, person: Person, values: Record<string, unknown>): void {
  const { rng, words } = school;
  school.write({
    op: 'insert',
    table: 'clients',
    id: person.id,
    values: {
      firstName: person.firstName[0],
      lastName: person.surname[0],
      displayName: displayName(person.origin, person.surname[0], person.firstName[0]),
      sourceChannel: rng.chance(0.8) ? rng.pick(words.sources) : null,
      tags: JSON.stringify(rng.chance(0.15) ? [rng.pick(words.tags)] : []),
      marketingConsent: rng.chance(0.55),
      ...values,
    },
  });
}

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** Phones and e-mails that look like the person's country and name, never handed out twice. */
class Contacts {
  private readonly usedPhones = new Set<string>();
  private readonly usedEmails = new Set<string>();

  constructor(private readonly school: DemoSchool) {}

  /**
   * A mobile number of the school's country (British where the demo knows no other
   * format); a Chinese family now and then keeps a Chinese one, an English one in
   * Hungary a British one.
   */
  phoneFor(origin: Origin): string {
    const { rng, country } = this.school;
    for (;;) {
      const region = origin === 'zh' && rng.chance(0.3) ? 'CN' : origin === 'en' && country === 'HU' && rng.chance(0.5) ? 'GB' : country;
      const phone =
        region === 'HU'
          ? `+36${rng.pick(['20', '30', '70', '31'])}${rng.digits(7)}`
          : region === 'CN'
            ? `+861${rng.pick(['3', '5', '8', '9'])}${rng.digits(9)}`
            : region === 'US'
              ? `+1${rng.pick(['212', '415', '617', '312', '206'])}${rng.int(2, 9)}${rng.digits(6)}`
              : `+447${rng.pick(['4', '5', '7', '8', '9'])}${rng.digits(8)}`;
      if (!this.usedPhones.has(phone)) {
        this.usedPhones.add(phone);
        return phone;
      }
    }
  }

  /** first.last@ and its variants at a mail service of the person's origin; a taken address gets a number. */
  emailFor(person: Person): string {
    const { rng } = this.school;
    const first = ascii(person.firstName[1]);
    const last = ascii(person.surname[1]);
    const domains = emailDomains[person.origin];
    for (let attempt = 0; ; attempt++) {
      const local = rng.weighted([
        [`${first}.${last}`, 4],
        [`${last}.${first}`, 2],
        [`${first}${last}`, 2],
        [`${first[0]}${last}`, 1],
      ] as const);
      const suffix = attempt === 0 && rng.chance(0.4) ? '' : String(rng.int(1, attempt < 3 ? 99 : 99999));
      const email = `${local}${suffix}@${rng.pick(domains)}`;
      if (!this.usedEmails.has(email)) {
        this.usedEmails.add(email);
        return email;
      }
    }
  }
}
