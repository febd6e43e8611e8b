/**
 * The pure rules of prepaid packages and make-ups: which roll-call marks use up a
 * prepaid lesson, which package a lesson draws on, what is left of each package,
 * and which excused absences may still be made up. Nothing here is ever stored:
 * a balance is the purchase minus the attendance that counts against it, worked
 * out again on every read, so two machines taking roll call offline never leave a
 * counter that disagrees with the marks it was made from. Pure, so the school's
 * rules are unit-tested without a database (tests/unit/lesson-credit.test.ts).
 */
import { addDaysIso, daysBetween } from './dates';
import type { AttendanceState } from './domain';

export const packageUnits = ['lessons', 'money'] as const;
export type PackageUnit = (typeof packageUnits)[number];

/** The school's settings on what a mark costs. */
export interface DeductionRules {
  absentDeducts: boolean;
  excusedDeducts: boolean;
}

/** Whether a mark uses up a prepaid lesson: being there always does; an absence as the school decided. */
export function deducts(state: AttendanceState, rules: DeductionRules): boolean {
  if (state === 'absent') return rules.absentDeducts;
  if (state === 'excused') return rules.excusedDeducts;
  return true;
}

export interface Freeze {
  startsOn: string;
  endsOn: string;
}

export interface CreditPackage {
  id: string;
  holderClientId: string;
  enrollmentId: string | null;
  programId: string | null;
  unit: PackageUnit;
  quantity: number;
  lessonValueMinor: number | null;
  startsOn: string;
  expiresOn: string | null;
  freezes: readonly Freeze[];
}

/** A lesson someone had a mark on, with who they are (and whose child) and what the lesson was. */
export interface CreditVisit {
  lessonId: string;
  enrollmentId: string;
  clientId: string;
  guardianId: string | null;
  programId: string;
  on: string;
  state: AttendanceState;
}

/** The last day a package may be used: its expiry moved back by every frozen day. */
export function effectiveExpiry(pkg: Pick<CreditPackage, 'expiresOn' | 'freezes'>): string | null {
  if (pkg.expiresOn === null) return null;
  const frozen = pkg.freezes.reduce((days, f) => days + Math.max(0, daysBetween(f.startsOn, f.endsOn) + 1), 0);
  return addDaysIso(pkg.expiresOn, frozen);
}

export function isFrozen(pkg: Pick<CreditPackage, 'freezes'>, day: string): boolean {
  return pkg.freezes.some((f) => f.startsOn <= day && day <= f.endsOn);
}

/** Whether a lesson on `day` may draw on the package: after its start, before its (moved) expiry, outside a freeze. */
export function covers(pkg: CreditPackage, day: string): boolean {
  const until = effectiveExpiry(pkg);
  return pkg.startsOn <= day && (until === null || day <= until) && !isFrozen(pkg, day);
}

/** Whether the visit's person may use the package: its own enrollment's, or the holder's or the holder's child's, of its program. */
export function eligible(pkg: CreditPackage, visit: CreditVisit): boolean {
  if (pkg.enrollmentId !== null) return pkg.enrollmentId === visit.enrollmentId;
  if (pkg.programId !== null && pkg.programId !== visit.programId) return false;
  return visit.clientId === pkg.holderClientId || visit.guardianId === pkg.holderClientId;
}

/** What one lesson takes from a package: a lesson, or the money one lesson is worth. */
export function lessonCost(pkg: Pick<CreditPackage, 'unit' | 'lessonValueMinor'>): number {
  return pkg.unit === 'lessons' ? 1 : Math.max(0, pkg.lessonValueMinor ?? 0);
}

export interface PackageUse {
  /** Units used (lessons, or minor units of money). */
  used: number;
  /** The lessons drawn on it, oldest first. */
  lessonIds: string[];
}

/** The order packages are used in: an enrollment's own first, then the one ending soonest, then the oldest. */
function preference(a: CreditPackage, b: CreditPackage): number {
  const own = Number(b.enrollmentId !== null) - Number(a.enrollmentId !== null);
  if (own !== 0) return own;
  const ea = effectiveExpiry(a) ?? '9999-12-31';
  const eb = effectiveExpiry(b) ?? '9999-12-31';
  if (ea !== eb) return ea < eb ? -1 : 1;
  if (a.startsOn !== b.startsOn) return a.startsOn < b.startsOn ? -1 : 1;
  return a.id < b.id ? -1 : 1;
}

/**
 * Which package each counted lesson draws on, oldest lesson first. A lesson takes
 * from the first package (in `preference` order) that covers its day and has
 * something left; when every one is empty it is taken on credit from the newest
 * covering package, whose balance then goes below zero. A lesson no package covers
 * is not a package's business (paid by instalments, or not paid for yet).
 */
export function allocateVisits(
  packages: readonly CreditPackage[],
  visits: readonly CreditVisit[],
  rules: DeductionRules,
): Map<string, PackageUse> {
  const uses = new Map<string, PackageUse>(packages.map((p) => [p.id, { used: 0, lessonIds: [] }]));
  // Packages by the enrollment or holder they serve, in preference order, so each lesson looks only at its own.
  const byKey = new Map<string, CreditPackage[]>();
  for (const pkg of [...packages].sort(preference)) {
    const key = pkg.enrollmentId !== null ? `e ${pkg.enrollmentId}` : `c ${pkg.holderClientId}`;
    const list = byKey.get(key);
    if (list) list.push(pkg);
    else byKey.set(key, [pkg]);
  }
  const sortedVisits = [...visits].sort((a, b) => (a.on === b.on ? (a.lessonId < b.lessonId ? -1 : 1) : a.on < b.on ? -1 : 1));
  for (const visit of sortedVisits) {
    if (!deducts(visit.state, rules)) continue;
    const near = [
      ...(byKey.get(`e ${visit.enrollmentId}`) ?? []),
      ...(byKey.get(`c ${visit.clientId}`) ?? []),
      ...(visit.guardianId !== null ? (byKey.get(`c ${visit.guardianId}`) ?? []) : []),
    ];
    const candidates = near.filter((p) => eligible(p, visit) && covers(p, visit.on)).sort(preference);
    if (candidates.length === 0) continue;
    const withRoom = candidates.find((p) => p.quantity - (uses.get(p.id) as PackageUse).used > 0);
    const newest = [...candidates].sort((a, b) => (a.startsOn === b.startsOn ? (a.id < b.id ? 1 : -1) : a.startsOn < b.startsOn ? 1 : -1));
    const chosen = withRoom ?? (newest[0] as CreditPackage);
    const use = uses.get(chosen.id) as PackageUse;
    use.used += lessonCost(chosen);
    use.lessonIds.push(visit.lessonId);
  }
  return uses;
}

/** What is left of a package: units (negative when lessons were taken on credit), and the same in whole lessons. */
export function remainingOf(pkg: CreditPackage, use: PackageUse): { remaining: number; lessonsLeft: number } {
  const remaining = pkg.quantity - use.used;
  const cost = lessonCost(pkg);
  const lessonsLeft = pkg.unit === 'lessons' ? remaining : cost > 0 ? Math.floor(remaining / cost) : 0;
  return { remaining, lessonsLeft };
}

/**
 * The money a package still holds for lessons not yet given (the school's
 * liability): the unused part of its price, none once it has run out or expired.
 */
export function liabilityOf(pkg: CreditPackage & { priceMinor: number }, use: PackageUse, asOf: string): number {
  const until = effectiveExpiry(pkg);
  if (until !== null && until < asOf) return 0;
  const left = pkg.quantity - use.used;
  if (left <= 0 || pkg.quantity <= 0) return 0;
  return Math.round((pkg.priceMinor * left) / pkg.quantity);
}

/** The school's make-up rules: how long an excused absence may be made up, and how many per enrollment (one group's term). */
export interface MakeupRules {
  withinDays: number;
  perTerm: number;
}

export interface MakeupCredit {
  /** The excused lesson that earned it. */
  lessonId: string;
  on: string;
  /** The last day a make-up lesson may be on. */
  until: string;
  /** The make-up lesson that used it, if one did. */
  usedBy: string | null;
}

/**
 * The make-up credits of one enrollment: its first `perTerm` excused absences,
 * each good for `withinDays` days; each make-up visit (a lesson of another group
 * the person was booked into), oldest first, uses the oldest credit whose window
 * holds the visit's day.
 */
export function makeupCredits(
  excused: readonly { lessonId: string; on: string }[],
  makeups: readonly { lessonId: string; on: string }[],
  rules: MakeupRules,
): MakeupCredit[] {
  const byDay = <T extends { on: string; lessonId: string }>(a: T, b: T) =>
    a.on === b.on ? (a.lessonId < b.lessonId ? -1 : 1) : a.on < b.on ? -1 : 1;
  const credits: MakeupCredit[] = [...excused]
    .sort(byDay)
    .slice(0, Math.max(0, rules.perTerm))
    .map((e) => ({ lessonId: e.lessonId, on: e.on, until: addDaysIso(e.on, rules.withinDays), usedBy: null }));
  for (const visit of [...makeups].sort(byDay)) {
    const credit = credits.find((c) => c.usedBy === null && c.on <= visit.on && visit.on <= c.until);
    if (credit) credit.usedBy = visit.lessonId;
  }
  return credits;
}

/** The credit a make-up on `day` would use, or null when none is open for that day (all used, or out of their windows). */
export function creditFor(credits: readonly MakeupCredit[], day: string): MakeupCredit | null {
  return credits.find((c) => c.usedBy === null && c.on <= day && day <= c.until) ?? null;
}
