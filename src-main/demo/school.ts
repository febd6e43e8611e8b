/**
 * The school being seeded, as every part of the seeding sees it: the workspace's
 * settings and language, the one stream of chance, prices in the workspace's
 * currency, the staff who act in its history, and the writer that sends
 * everything through the funnel a few thousand writes at a time.
 *
 * It is one object handed down to plain functions (catalog, people, enrollments,
 * money) instead of a closure over one long function, so each part reads alone.
 * All of them draw from the same `rng` in a fixed order, and that order is the
 * school: a part that draws one number more or earlier builds another school
 * from the same seed, which the tests and benches would notice.
 */
import { todayIn } from '../../src-shared/dates';
import { toMinor } from '../../src-shared/money';
import { applyChanges, type Write } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { deferringClientSearch } from '../db/search';
import { getSettings } from '../services/settings';
import { createUser, findUserByUsername } from '../services/users';
import { Random } from './random';
import { euroRates, languageOf, phrases, type Audience, type Language, type Origin, type Phrases } from './vocabulary';

export interface SeedCounts {
  enrollments: number;
  instalments: number;
  payments: number;
  activities: number;
  children: number;
}

/** Someone the demo makes a client: the name parts their display name and e-mail are made from, and their age group. */
export interface Person {
  id: string;
  origin: Origin;
  /** [as written, in Latin letters] */
  surname: readonly [string, string];
  firstName: readonly [string, string];
  audience: Audience;
}

export interface DemoSchool {
  readonly ctx: ServiceContext;
  readonly seed: string;
  readonly rng: Random;
  readonly language: Language;
  readonly words: Phrases;
  /** The country of the school's own phone numbers. */
  readonly country: string;
  readonly today: string;
  /** Who acts in the school's history: the owner seeding it and an assistant. */
  readonly staff: readonly (string | null)[];
  readonly counts: SeedCounts;
  /** One whole unit of the currency (100 Ft for forints) in minor units: the step of partial payments. */
  readonly unitMinor: number;
  /** A price in euros as the school would ask it in its own currency. */
  price(eur: number): number;
  /** An amount rounded to whole units, never below one. */
  roundToUnit(minor: number): number;
  /** Queues a funnel write; each `batchSize` queued writes go out as one transaction. */
  write(w: Write): void;
  /** Sends the writes still queued. */
  flush(): void;
}

export function openDemoSchool(ctx: ServiceContext, options: { seed?: string | number; batchSize?: number }): DemoSchool {
  const settings = getSettings(ctx);
  const seed = String(options.seed ?? 1);
  const language = languageOf(settings.locale);
  const words = phrases[language];
  const currency = settings.currency;
  const today = todayIn(settings.timeZone, ctx.clock.now());
  // Large transactions: a batch's writes land in the same index pages, each written (and
  // encrypted) once per commit; 4,000 writes a batch made a 100,000-client seed 61 s, 25,000 46 s.
  const batchSize = options.batchSize ?? 25_000;

  /** Money is rounded to what a school would ask: 1,000 Ft, 10 yuan, 5 euros. */
  const priceStep = currency === 'HUF' || currency === 'JPY' ? 1000 : currency === 'CNY' || currency === 'CZK' ? 10 : 5;
  const unitMinor = toMinor(currency === 'HUF' ? 100 : 1, currency);

  let pending: Write[] = [];
  // Each batch's new clients get their search entries in one statement at its end, not one trigger run each.
  const flush = () => {
    if (pending.length === 0) return;
    const writes = pending;
    deferringClientSearch(ctx.db.sqlite, () => applyChanges(ctx, writes));
    pending = [];
  };
  return {
    ctx,
    seed,
    rng: new Random(seed),
    language,
    words,
    country: settings.country ?? (language === 'hu' ? 'HU' : language === 'zh' ? 'CN' : 'GB'),
    today,
    staff: hireStaff(ctx, words),
    counts: { enrollments: 0, instalments: 0, payments: 0, activities: 0, children: 0 },
    unitMinor,
    price: (eur) => toMinor(Math.max(priceStep, Math.round((eur * (euroRates[currency] ?? 1)) / priceStep) * priceStep), currency),
    roundToUnit: (minor) => Math.max(unitMinor, Math.round(minor / unitMinor) * unitMinor),
    write: (w) => {
      pending.push(w);
      if (pending.length >= batchSize) flush();
    },
    flush,
  };
}

/** The owner seeding the school and an assistant (made once; a second seed finds them). */
function hireStaff(ctx: ServiceContext, words: Phrases): (string | null)[] {
  let assistant = findUserByUsername(ctx, 'assistant');
  if (!assistant) assistant = createUser(ctx, { username: 'assistant', displayName: words.assistant, role: 'assistant' });
  return [ctx.actor.userId, assistant.id];
}

/** A moment during opening hours on `date`, as an ISO instant. */
export function timeOn(school: DemoSchool, date: string): string {
  const { rng } = school;
  const hour = rng.int(8, 19);
  return `${date}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
}

/** Nothing in the school's history happens after today. */
export function clampToday(school: DemoSchool, date: string): string {
  return date > school.today ? school.today : date;
}
