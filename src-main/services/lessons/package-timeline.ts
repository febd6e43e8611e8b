/**
 * The client timeline's lines about packages: sold, frozen, a freeze ended or
 * removed, used up, expired, deleted. Each line is an `activities` row written in the same
 * funnel call as the change it tells of, so undo takes both back together and a
 * synced machine never shows a sale without its line (or a line without its sale).
 *
 * The summary ends in a code from src-shared/domain.ts `packageEvents` and names
 * a lessons package's size as "10 lessons", so the page can say all of it in the
 * reader's language; an export reads it as plain English.
 *
 * "Expired" is the one line not stored: nothing is written on the day a package
 * runs out of time, so the timeline reads it from the package (`expiredLines`).
 *
 * "Used up" is worked out before the marks are written: the family's packages are
 * allocated once with the stored marks and once with the new ones, and a package
 * that had lessons left and has none after gets its line in the roll call's call.
 */
import type { Activity } from '../../../src-shared/api/types';
import { addDaysIso } from '../../../src-shared/dates';
import type { PackageEvent } from '../../../src-shared/domain';
import { allocateVisits, remainingOf, type CreditPackage, type CreditVisit, type PackageUse } from '../../../src-shared/lesson-credit';
import type { AttendanceState } from '../../../src-shared/domain';
import type { Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';

/** What a line needs to know of a package. */
export interface PackageFacts {
  holderClientId: string;
  enrollmentId: string | null;
  enrollmentLabel: string | null;
  programName: string | null;
  unit: CreditPackage['unit'];
  quantity: number;
}

/**
 * "Angol A1 (A hétfő) · 10 lessons · 2026-03-09–2026-03-15: frozen". A money package's
 * amount is left out: the timeline is read by roles that may not see a client's money.
 */
export function packageSummary(pkg: PackageFacts, event: PackageEvent, detail?: string | null): string {
  const amount = pkg.unit === 'lessons' ? `${pkg.quantity} lessons` : null;
  const parts = [pkg.enrollmentLabel ?? pkg.programName, amount, detail].filter((p): p is string => !!p);
  return `${parts.join(' · ')}: ${event}`;
}

/** The package's timeline lines: the holder's, and the enrollment's client's when it is a child's package. */
export function packageActivities(ctx: Pick<ServiceContext, 'db' | 'clock' | 'actor'>, pkg: PackageFacts, summary: string): Write[] {
  const owner = pkg.enrollmentId
    ? (ctx.db.sqlite.prepare('SELECT client_id FROM enrollments WHERE id = ?').pluck().get(pkg.enrollmentId) as string | undefined)
    : undefined;
  const line = (clientId: string, enrollmentId: string | null): Write => ({
    op: 'insert',
    table: 'activities',
    values: { clientId, enrollmentId, kind: 'package', occurredAt: ctx.clock.now().toISOString(), summary, userId: ctx.actor.userId },
  });
  const lines = [line(pkg.holderClientId, owner === pkg.holderClientId ? pkg.enrollmentId : null)];
  if (owner && owner !== pkg.holderClientId) lines.push(line(owner, pkg.enrollmentId));
  return lines;
}

/** One new roll-call mark, as roll call and make-up booking are about to write it. */
export interface NewMark {
  lessonId: string;
  enrollmentId: string;
  state: AttendanceState;
}

/** Everything the used-up check needs from the packages module, passed in so this file imports no service. */
export interface FamilyCredit {
  families: (clientIds: readonly string[]) => string[];
  packages: (clientIds: readonly string[]) => (CreditPackage & PackageFacts)[];
  visits: (clientIds: readonly string[]) => CreditVisit[];
  rules: { absentDeducts: boolean; excusedDeducts: boolean };
}

function visitsWith(ctx: Pick<ServiceContext, 'db'>, stored: CreditVisit[], marks: readonly NewMark[]): CreditVisit[] {
  const byKey = new Map(stored.map((v) => [`${v.lessonId} ${v.enrollmentId}`, v]));
  const who = ctx.db.sqlite.prepare(
    `SELECT e.client_id AS clientId, c.guardian_id AS guardianId FROM enrollments e JOIN clients c ON c.id = e.client_id WHERE e.id = ?`,
  );
  const when = ctx.db.sqlite.prepare(
    'SELECT l.starts_on AS "on", h.program_id AS programId FROM lessons l JOIN cohorts h ON h.id = l.cohort_id WHERE l.id = ?',
  );
  for (const mark of marks) {
    const person = who.get(mark.enrollmentId) as { clientId: string; guardianId: string | null } | undefined;
    const lesson = when.get(mark.lessonId) as { on: string; programId: string } | undefined;
    if (!person || !lesson) continue;
    byKey.set(`${mark.lessonId} ${mark.enrollmentId}`, { ...mark, ...person, ...lesson });
  }
  return [...byKey.values()];
}

/** Lines for the packages that the new marks leave with no lesson left (they had some before). */
export function usedUpActivities(
  ctx: Pick<ServiceContext, 'db' | 'clock' | 'actor'>,
  credit: FamilyCredit,
  marks: readonly NewMark[],
): Write[] {
  if (marks.length === 0) return [];
  const clients = ctx.db.sqlite
    .prepare('SELECT DISTINCT client_id FROM enrollments WHERE id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(marks.map((m) => m.enrollmentId))) as string[];
  const members = credit.families(clients);
  const packages = credit.packages(members);
  if (packages.length === 0) return [];
  const stored = credit.visits(members);
  const before = allocateVisits(packages, stored, credit.rules);
  const after = allocateVisits(packages, visitsWith(ctx, stored, marks), credit.rules);
  const writes: Write[] = [];
  for (const pkg of packages) {
    const was = remainingOf(pkg, before.get(pkg.id) as PackageUse).lessonsLeft;
    const now = remainingOf(pkg, after.get(pkg.id) as PackageUse).lessonsLeft;
    if (was > 0 && now <= 0) writes.push(...packageActivities(ctx, pkg, packageSummary(pkg, 'used_up')));
  }
  return writes;
}

/** What an expired line is made from: a package that may no longer be used, as the packages module reads it. */
export interface ExpiredPackage extends PackageFacts {
  id: string;
  usableUntil: string;
}

/**
 * The timeline entries of packages past their last usable day, dated the day after
 * it (at noon UTC, the same calendar day in the school's time zones). Shaped as
 * activities so the page lists them among the stored lines; their ids are not rows.
 */
export function expiredLines(clientId: string, packages: readonly ExpiredPackage[]): Activity[] {
  return packages.map((pkg) => {
    const at = `${addDaysIso(pkg.usableUntil, 1)}T12:00:00.000Z`;
    return {
      id: `expired-${pkg.id}`,
      clientId,
      enrollmentId: pkg.enrollmentId,
      kind: 'package',
      occurredAt: at,
      summary: packageSummary(pkg, 'expired', pkg.usableUntil),
      userId: null,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
  });
}
