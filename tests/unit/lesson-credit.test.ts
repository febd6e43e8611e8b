/**
 * The pure rules of prepaid packages, make-ups and teachers' pay: which marks
 * take a lesson, which package a lesson draws on (own before shared, the one
 * ending first, credit when all are empty), freezes and expiry, the liability,
 * make-up windows and limits, and each pay basis.
 */
import { describe, expect, it } from 'vitest';
import {
  allocateVisits,
  covers,
  creditFor,
  deducts,
  effectiveExpiry,
  liabilityOf,
  makeupCredits,
  remainingOf,
  type CreditPackage,
  type CreditVisit,
} from '../../src-shared/lesson-credit';
import { lessonPay, rateFor, type PayRate } from '../../src-shared/teacher-pay';

const rules = { absentDeducts: true, excusedDeducts: false };

const pkg = (over: Partial<CreditPackage> = {}): CreditPackage => ({
  id: 'p1',
  holderClientId: 'mum',
  enrollmentId: null,
  programId: null,
  unit: 'lessons',
  quantity: 2,
  lessonValueMinor: null,
  startsOn: '2026-03-01',
  expiresOn: null,
  freezes: [],
  ...over,
});

let seq = 0;
const visit = (on: string, over: Partial<CreditVisit> = {}): CreditVisit => ({
  lessonId: `l${(seq += 1).toString().padStart(3, '0')}`,
  enrollmentId: 'e-kid',
  clientId: 'kid',
  guardianId: 'mum',
  programId: 'english',
  on,
  state: 'present',
  ...over,
});

describe('deduction rules', () => {
  it('take a lesson for being there, for an absence without notice by default, not for an excused one', () => {
    expect(deducts('present', rules)).toBe(true);
    expect(deducts('late', rules)).toBe(true);
    expect(deducts('makeup', rules)).toBe(true);
    expect(deducts('absent', rules)).toBe(true);
    expect(deducts('excused', rules)).toBe(false);
    expect(deducts('absent', { absentDeducts: false, excusedDeducts: true })).toBe(false);
    expect(deducts('excused', { absentDeducts: false, excusedDeducts: true })).toBe(true);
  });

  it('let siblings share the guardian’s package, and go on credit once it is empty', () => {
    const shared = pkg();
    const visits = [
      visit('2026-03-02'),
      visit('2026-03-03', { enrollmentId: 'e-sister', clientId: 'sister' }),
      visit('2026-03-04', { state: 'excused' }),
      visit('2026-03-05'),
    ];
    const use = allocateVisits([shared], visits, rules).get('p1');
    expect(use?.used).toBe(3);
    expect(remainingOf(shared, use as never)).toEqual({ remaining: -1, lessonsLeft: -1 });
    // Someone outside the family does not draw on it.
    const stranger = visit('2026-03-06', { clientId: 'other', guardianId: null, enrollmentId: 'e-other' });
    expect(allocateVisits([shared], [stranger], rules).get('p1')?.used).toBe(0);
  });

  it('use an enrollment’s own package before a shared one, and the one ending first among equals', () => {
    const own = pkg({ id: 'own', enrollmentId: 'e-kid', quantity: 1 });
    const late = pkg({ id: 'late', expiresOn: '2026-12-31' });
    const soon = pkg({ id: 'soon', expiresOn: '2026-04-30' });
    const uses = allocateVisits([late, soon, own], [visit('2026-03-02'), visit('2026-03-09'), visit('2026-03-16')], rules);
    expect(uses.get('own')?.used).toBe(1);
    expect(uses.get('soon')?.used).toBe(2);
    expect(uses.get('late')?.used).toBe(0);
  });

  it('count money packages in money, and respect the program a package is for', () => {
    const money = pkg({ unit: 'money', quantity: 10_000, lessonValueMinor: 3_000, programId: 'english' });
    const uses = allocateVisits([money], [visit('2026-03-02'), visit('2026-03-03', { programId: 'piano' })], rules);
    expect(uses.get('p1')?.used).toBe(3_000);
    expect(remainingOf(money, uses.get('p1') as never)).toEqual({ remaining: 7_000, lessonsLeft: 2 });
  });

  it('take nothing in a freeze or after expiry, and move the expiry back by the frozen days', () => {
    const paused = pkg({ expiresOn: '2026-03-31', freezes: [{ startsOn: '2026-03-10', endsOn: '2026-03-16' }] });
    expect(effectiveExpiry(paused)).toBe('2026-04-07');
    expect(covers(paused, '2026-03-12')).toBe(false);
    expect(covers(paused, '2026-04-05')).toBe(true);
    expect(covers(paused, '2026-04-08')).toBe(false);
    expect(covers(paused, '2026-02-28')).toBe(false);
    const uses = allocateVisits([paused], [visit('2026-03-12'), visit('2026-04-05'), visit('2026-04-09')], rules);
    expect(uses.get('p1')?.used).toBe(1);
  });

  it('owe the unused part of the price until the package runs out or expires', () => {
    const ten = { ...pkg({ quantity: 10, expiresOn: '2026-06-30' }), priceMinor: 50_000 };
    expect(liabilityOf(ten, { used: 4, lessonIds: [] }, '2026-04-01')).toBe(30_000);
    expect(liabilityOf(ten, { used: 12, lessonIds: [] }, '2026-04-01')).toBe(0);
    expect(liabilityOf(ten, { used: 4, lessonIds: [] }, '2026-07-01')).toBe(0);
  });
});

describe('make-up limits', () => {
  const excused = [
    { lessonId: 'a', on: '2026-03-02' },
    { lessonId: 'b', on: '2026-03-09' },
    { lessonId: 'c', on: '2026-03-16' },
  ];

  it('give at most M credits per term, each good for N days', () => {
    const credits = makeupCredits(excused, [], { withinDays: 14, perTerm: 2 });
    expect(credits.map((c) => [c.lessonId, c.until])).toEqual([
      ['a', '2026-03-16'],
      ['b', '2026-03-23'],
    ]);
    expect(creditFor(credits, '2026-03-20')?.lessonId).toBe('b');
    expect(creditFor(credits, '2026-03-24')).toBeNull();
    expect(creditFor(credits, '2026-03-01')).toBeNull();
  });

  it('spend the oldest credit whose window holds the make-up, once', () => {
    const credits = makeupCredits(excused, [{ lessonId: 'x', on: '2026-03-05' }], { withinDays: 14, perTerm: 2 });
    expect(credits.map((c) => c.usedBy)).toEqual(['x', null]);
    expect(creditFor(credits, '2026-03-05')).toBeNull();
    expect(creditFor(credits, '2026-03-12')?.lessonId).toBe('b');
    expect(makeupCredits(excused, [], { withinDays: 14, perTerm: 0 })).toEqual([]);
  });
});

describe('pay rules', () => {
  const rate = (over: Partial<PayRate>): PayRate => ({
    id: 'r1',
    teacherId: 't1',
    programId: null,
    basis: 'lesson',
    amountMinor: 8_000,
    sharePercent: 0,
    validFrom: '2026-01-01',
    ...over,
  });
  const lesson = { minutes: 90, present: 4, revenueMinor: 20_000 };

  it('pay per lesson, per hour, per present student and a share of revenue', () => {
    expect(lessonPay(rate({}), lesson)).toBe(8_000);
    expect(lessonPay(rate({ basis: 'hour', amountMinor: 6_000 }), lesson)).toBe(9_000);
    expect(lessonPay(rate({ basis: 'student', amountMinor: 1_500 }), lesson)).toBe(6_000);
    expect(lessonPay(rate({ basis: 'revenue', amountMinor: 0, sharePercent: 40 }), lesson)).toBe(8_000);
  });

  it('use the program’s own rate before the general one, the newest valid on the lesson’s day', () => {
    const rates = [
      rate({ id: 'general' }),
      rate({ id: 'english', programId: 'english', validFrom: '2026-03-01' }),
      rate({ id: 'raise', programId: 'english', validFrom: '2026-04-01' }),
      rate({ id: 'other', teacherId: 't2' }),
    ];
    expect(rateFor(rates, 't1', 'english', '2026-02-15')?.id).toBe('general');
    expect(rateFor(rates, 't1', 'english', '2026-03-15')?.id).toBe('english');
    expect(rateFor(rates, 't1', 'english', '2026-04-01')?.id).toBe('raise');
    expect(rateFor(rates, 't1', 'piano', '2026-04-01')?.id).toBe('general');
    expect(rateFor(rates, 't3', 'piano', '2026-04-01')).toBeNull();
    expect(rateFor(rates, 't1', 'english', '2025-12-31')).toBeNull();
  });
});
