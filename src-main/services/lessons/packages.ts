/**
 * Prepaid packages: selling, pausing, and what is left of each, read from the
 * purchase rows and roll call through the pure rules of src-shared/lesson-credit.ts.
 * No balance is ever written: two machines taking roll call offline would each
 * store their own count and sync would keep one of them, losing a lesson.
 *
 * A package is worked out with everything that may draw on it, so packages are
 * loaded per family (a guardian and the clients whose guardian they are): a
 * sibling's lesson taken from the shared package lowers the balance on the other
 * sibling's page too. Today's alerts and the owner's liability load every family
 * that holds a package, in three queries whatever their number.
 */
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { Activity } from '../../../src-shared/api/types';
import type { LessonRules, PackageAlert, PackageFreezeView, PackageLiability, PackageView } from '../../../src-shared/api/packages-methods';
import { addDaysIso, todayIn, daysBetween } from '../../../src-shared/dates';
import { invalid, notFound } from '../../../src-shared/errors';
import {
  allocateVisits,
  effectiveExpiry,
  isFrozen,
  liabilityOf,
  remainingOf,
  type CreditPackage,
  type CreditVisit,
  type PackageUnit,
  type PackageUse,
} from '../../../src-shared/lesson-credit';
import type { AttendanceState } from '../../../src-shared/domain';
import { applyChanges, newId, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { createPayment } from '../payments';
import { getSettings } from '../settings';
import { expiredLines, packageActivities, packageSummary, type ExpiredPackage, type FamilyCredit } from './package-timeline';

type Ctx = Pick<ServiceContext, 'db'>;

/** The school's package and make-up rules, from the settings row. */
export function getLessonRules(ctx: Ctx): LessonRules {
  const row = ctx.db.sqlite
    .prepare(
      `SELECT package_absent_deducts AS packageAbsentDeducts, package_excused_deducts AS packageExcusedDeducts,
         package_low_lessons AS packageLowLessons, package_expiry_warn_days AS packageExpiryWarnDays,
         makeup_within_days AS makeupWithinDays, makeups_per_term AS makeupsPerTerm
       FROM settings WHERE deleted_at IS NULL LIMIT 1`,
    )
    .get() as (Omit<LessonRules, 'packageAbsentDeducts' | 'packageExcusedDeducts'> & Record<string, number>) | undefined;
  if (!row) throw notFound('Settings', '', []);
  return {
    ...row,
    packageAbsentDeducts: row.packageAbsentDeducts === 1,
    packageExcusedDeducts: row.packageExcusedDeducts === 1,
  };
}

export function updateLessonRules(ctx: ServiceContext, input: MethodParsedInput<'lessonRules.update'>): LessonRules {
  applyChanges(ctx, [{ op: 'update', table: 'settings', id: getSettings(ctx).id, values: { ...input } }]);
  return getLessonRules(ctx);
}

interface PackageRow extends CreditPackage {
  holderName: string;
  enrollmentLabel: string | null;
  programName: string | null;
  priceMinor: number;
  paymentId: string | null;
  notes: string | null;
  createdAt: string;
}

/** Which clients' packages and attendance to load: some families, or every family that holds a package. */
type Reach = { clients: readonly string[] } | 'holders';

const holderFamilies = `SELECT holder_client_id FROM packages WHERE deleted_at IS NULL
  UNION SELECT id FROM clients WHERE guardian_id IN (SELECT holder_client_id FROM packages WHERE deleted_at IS NULL)
  UNION SELECT e.client_id FROM packages k JOIN enrollments e ON e.id = k.enrollment_id WHERE k.deleted_at IS NULL`;

function clientFilter(column: string, reach: Reach): { sql: string; params: unknown[] } {
  if (reach === 'holders') return { sql: `${column} IN (${holderFamilies})`, params: [] };
  return { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(reach.clients)] };
}

function loadPackages(ctx: Ctx, reach: Reach): PackageRow[] {
  // Every live package is some family's ('holders'); for given clients, the packages they hold or that
  // pay for their enrollments, found through the two indexes (an OR across the join would scan every client).
  const scope =
    reach === 'holders'
      ? { sql: '', params: [] as unknown[] }
      : {
          sql: `AND k.id IN (SELECT id FROM packages WHERE holder_client_id IN (SELECT value FROM json_each(?))
                UNION SELECT p2.id FROM packages p2 JOIN enrollments e2 ON e2.id = p2.enrollment_id
                  WHERE e2.client_id IN (SELECT value FROM json_each(?)))`,
          params: [JSON.stringify(reach.clients), JSON.stringify(reach.clients)],
        };
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT k.id, k.holder_client_id AS holderClientId, c.display_name AS holderName, k.enrollment_id AS enrollmentId,
         CASE WHEN e.id IS NULL THEN NULL ELSE ep.name || coalesce(' (' || eh.name || ')', '') END AS enrollmentLabel,
         k.program_id AS programId, coalesce(p.name, ep.name) AS programName, k.unit, k.quantity,
         k.lesson_value_minor AS lessonValueMinor, k.price_minor AS priceMinor, k.starts_on AS startsOn,
         k.expires_on AS expiresOn, k.payment_id AS paymentId, k.notes, k.created_at AS createdAt
       FROM packages k JOIN clients c ON c.id = k.holder_client_id AND c.deleted_at IS NULL
       LEFT JOIN enrollments e ON e.id = k.enrollment_id
       LEFT JOIN programs ep ON ep.id = e.program_id
       LEFT JOIN cohorts eh ON eh.id = e.cohort_id
       LEFT JOIN programs p ON p.id = k.program_id
       WHERE k.deleted_at IS NULL ${scope.sql}
       ORDER BY k.starts_on DESC, k.id DESC`,
    )
    .all(...scope.params) as (Omit<PackageRow, 'freezes'> & { unit: PackageUnit })[];
  const freezes = new Map<string, PackageFreezeView[]>();
  if (rows.length > 0) {
    const list = ctx.db.sqlite
      .prepare(
        `SELECT id, package_id AS packageId, starts_on AS startsOn, ends_on AS endsOn, note FROM package_freezes
         WHERE deleted_at IS NULL AND ends_on >= starts_on AND package_id IN (SELECT value FROM json_each(?))
         ORDER BY starts_on, id`,
      )
      .all(JSON.stringify(rows.map((r) => r.id))) as {
      id: string;
      packageId: string;
      startsOn: string;
      endsOn: string;
      note: string | null;
    }[];
    for (const f of list) {
      const of = freezes.get(f.packageId) ?? [];
      of.push({ id: f.id, startsOn: f.startsOn, endsOn: f.endsOn, note: f.note });
      freezes.set(f.packageId, of);
    }
  }
  return rows.map((r) => ({ ...r, freezes: freezes.get(r.id) ?? [] }));
}

/** The latest roll-call mark of each lesson and enrollment of the reached clients (cancelled lessons left out). */
export function loadVisits(ctx: Ctx, reach: Reach): CreditVisit[] {
  const filter = clientFilter('e.client_id', reach);
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT a.lesson_id AS lessonId, a.enrollment_id AS enrollmentId, e.client_id AS clientId, c.guardian_id AS guardianId,
         h.program_id AS programId, l.starts_on AS "on", a.state AS state
       FROM attendance a
       JOIN lessons l ON l.id = a.lesson_id AND l.deleted_at IS NULL AND l.cancelled = 0
       JOIN cohorts h ON h.id = l.cohort_id
       JOIN enrollments e ON e.id = a.enrollment_id AND e.deleted_at IS NULL
       JOIN clients c ON c.id = e.client_id
       WHERE a.deleted_at IS NULL AND ${filter.sql}
       ORDER BY a.created_at, a.id`,
    )
    .all(...filter.params) as (CreditVisit & { state: AttendanceState })[];
  const latest = new Map<string, CreditVisit>();
  for (const row of rows) latest.set(`${row.lessonId} ${row.enrollmentId}`, row);
  return [...latest.values()];
}

function deductionRules(ctx: Ctx) {
  const rules = getLessonRules(ctx);
  return { absentDeducts: rules.packageAbsentDeducts, excusedDeducts: rules.packageExcusedDeducts };
}

function toView(row: PackageRow, use: PackageUse, asOf: string): PackageView {
  const usableUntil = effectiveExpiry(row);
  const { remaining, lessonsLeft } = remainingOf(row, use);
  return {
    id: row.id,
    holderClientId: row.holderClientId,
    holderName: row.holderName,
    enrollmentId: row.enrollmentId,
    enrollmentLabel: row.enrollmentLabel,
    programId: row.programId,
    programName: row.programName,
    unit: row.unit,
    quantity: row.quantity,
    lessonValueMinor: row.lessonValueMinor,
    priceMinor: row.priceMinor,
    startsOn: row.startsOn,
    expiresOn: row.expiresOn,
    usableUntil,
    expired: usableUntil !== null && usableUntil < asOf,
    frozenNow: isFrozen(row, asOf),
    freezes: row.freezes as PackageView['freezes'],
    used: use.used,
    remaining,
    lessonsLeft,
    paymentId: row.paymentId,
    notes: row.notes,
    createdAt: row.createdAt,
  };
}

/** Every package the reached clients hold or use, with its balance as of `asOf`. */
function packageViews(ctx: Ctx, reach: Reach, asOf: string): PackageView[] {
  const rows = loadPackages(ctx, reach);
  if (rows.length === 0) return [];
  const uses = allocateVisits(rows, loadVisits(ctx, reach), deductionRules(ctx));
  return rows.map((row) => toView(row, uses.get(row.id) as PackageUse, asOf));
}

function schoolDay(ctx: Pick<ServiceContext, 'db' | 'clock'>): string {
  return todayIn(getSettings(ctx).timeZone, ctx.clock.now());
}

/** A client's family: their guardian (or they themselves) and everyone whose guardian that is. */
function familyOf(ctx: Ctx, clientId: string): { root: string; guardianId: string | null; members: string[] } {
  const client = ctx.db.sqlite
    .prepare('SELECT id, guardian_id AS guardianId FROM clients WHERE id = ? AND deleted_at IS NULL')
    .get(clientId) as { id: string; guardianId: string | null } | undefined;
  if (!client) throw notFound('Client', clientId, ['clientId']);
  const root = client.guardianId ?? client.id;
  const children = ctx.db.sqlite
    .prepare('SELECT id FROM clients WHERE guardian_id = ? AND deleted_at IS NULL')
    .pluck()
    .all(root) as string[];
  return { root, guardianId: client.guardianId, members: [root, ...children.filter((id) => id !== root)] };
}

export function listPackages(ctx: ServiceContext, input: MethodParsedInput<'packages.list'>): PackageView[] {
  const family = familyOf(ctx, input.clientId);
  const views = packageViews(ctx, { clients: family.members }, schoolDay(ctx));
  if (family.root === input.clientId) return views;
  const own = new Set(
    ctx.db.sqlite.prepare('SELECT id FROM enrollments WHERE client_id = ? AND deleted_at IS NULL').pluck().all(input.clientId) as string[],
  );
  return views.filter(
    (v) =>
      v.holderClientId === input.clientId ||
      (v.enrollmentId === null && v.holderClientId === family.guardianId) ||
      (v.enrollmentId !== null && own.has(v.enrollmentId)),
  );
}

function getPackage(ctx: ServiceContext, id: string, path: (string | number)[]): PackageView {
  const holder = ctx.db.sqlite.prepare('SELECT holder_client_id FROM packages WHERE id = ? AND deleted_at IS NULL').pluck().get(id) as
    string | undefined;
  if (!holder) throw notFound('Package', id, path);
  const family = familyOf(ctx, holder);
  const view = packageViews(ctx, { clients: family.members }, schoolDay(ctx)).find((v) => v.id === id);
  if (!view) throw notFound('Package', id, path);
  return view;
}

/** Refuses an enrollment that is neither the holder's nor one of the holder's children's. */
function checkSale(ctx: ServiceContext, input: MethodParsedInput<'packages.sell'>): { enrollmentClientId: string | null } {
  familyOf(ctx, input.holderClientId);
  if (input.programId) {
    const program = ctx.db.sqlite.prepare('SELECT id FROM programs WHERE id = ? AND deleted_at IS NULL').get(input.programId);
    if (!program) throw notFound('Program', input.programId, ['programId']);
  }
  if (!input.enrollmentId) return { enrollmentClientId: null };
  const enrollment = ctx.db.sqlite
    .prepare(
      `SELECT e.client_id AS clientId, c.guardian_id AS guardianId FROM enrollments e JOIN clients c ON c.id = e.client_id
       WHERE e.id = ? AND e.deleted_at IS NULL`,
    )
    .get(input.enrollmentId) as { clientId: string; guardianId: string | null } | undefined;
  if (!enrollment) throw notFound('Enrollment', input.enrollmentId, ['enrollmentId']);
  if (enrollment.clientId !== input.holderClientId && enrollment.guardianId !== input.holderClientId)
    throw invalid(['enrollmentId'], 'other_family', 'This enrollment is neither the buyer’s nor their child’s');
  return { enrollmentClientId: enrollment.clientId };
}

/**
 * Sells a package. The price, when paid now, is recorded as an ordinary payment of
 * the holder (tied to the enrollment when it is the holder's own), so it shows in
 * the day's takings, the client's ledger and revenue like any money received.
 */
export function sellPackage(ctx: ServiceContext, input: MethodParsedInput<'packages.sell'>): PackageView {
  const id = newId(ctx);
  applyChanges(ctx, saleWrites(ctx, input, id, { line: true }));
  return getPackage(ctx, id, ['holderClientId']);
}

/**
 * The writes of one sale, checked as a sale at the desk is: the payment first (its own
 * funnel call, as the payments screen records it), then the package and, unless the
 * caller says otherwise, its timeline line. An import's packages come through here too,
 * so a sheet's "lessons left" meets the same family and program checks; they carry no
 * "sold" line, since nothing was sold that day.
 */
export function saleWrites(
  ctx: ServiceContext,
  input: MethodParsedInput<'packages.sell'>,
  id: string,
  options: { line: boolean },
): Write[] {
  const { enrollmentClientId } = checkSale(ctx, input);
  let paymentId: string | null = null;
  if (input.payment && input.priceMinor > 0) {
    const payment = createPayment(ctx, {
      clientId: input.holderClientId,
      enrollmentId: enrollmentClientId === input.holderClientId ? input.enrollmentId : null,
      amountMinor: input.priceMinor,
      method: input.payment.method,
      paidOn: input.payment.paidOn,
      reference: input.notes ?? null,
    } as MethodParsedInput<'payments.create'>);
    paymentId = payment.id;
  }
  const facts = {
    ...input,
    enrollmentId: input.enrollmentId ?? null,
    ...labelsOf(ctx, input.enrollmentId ?? null, input.programId ?? null),
  };
  return [
    {
      op: 'insert',
      table: 'packages',
      id,
      values: {
        holderClientId: input.holderClientId,
        enrollmentId: input.enrollmentId ?? null,
        programId: input.programId ?? null,
        unit: input.unit,
        quantity: input.quantity,
        lessonValueMinor: input.unit === 'money' ? (input.lessonValueMinor ?? null) : null,
        priceMinor: input.priceMinor,
        startsOn: input.startsOn,
        expiresOn: input.expiresOn ?? null,
        paymentId,
        notes: input.notes ?? null,
      },
    },
    ...(options.line ? packageActivities(ctx, facts, packageSummary(facts, 'sold', input.startsOn)) : []),
  ];
}

/** The names a timeline line gives a package not yet stored: its enrollment's "program (group)", or its program's. */
function labelsOf(ctx: Ctx, enrollmentId: string | null, programId: string | null) {
  return ctx.db.sqlite
    .prepare(
      `SELECT CASE WHEN e.id IS NULL THEN NULL ELSE ep.name || coalesce(' (' || eh.name || ')', '') END AS enrollmentLabel,
         coalesce(p.name, ep.name) AS programName
       FROM (SELECT ? AS enrollment_id, ? AS program_id) x
       LEFT JOIN enrollments e ON e.id = x.enrollment_id LEFT JOIN programs ep ON ep.id = e.program_id
       LEFT JOIN cohorts eh ON eh.id = e.cohort_id LEFT JOIN programs p ON p.id = x.program_id`,
    )
    .get(enrollmentId, programId) as { enrollmentLabel: string | null; programName: string | null };
}

export function freezePackage(ctx: ServiceContext, input: MethodParsedInput<'packages.freeze'>): PackageView {
  const pkg = getPackage(ctx, input.packageId, ['packageId']);
  applyChanges(ctx, [
    {
      op: 'insert',
      table: 'package_freezes',
      values: { packageId: input.packageId, startsOn: input.startsOn, endsOn: input.endsOn, note: input.note ?? null },
    },
    ...packageActivities(ctx, pkg, packageSummary(pkg, 'frozen', `${input.startsOn}–${input.endsOn}`)),
  ]);
  return getPackage(ctx, input.packageId, ['packageId']);
}

/**
 * Ends a freeze early or takes back a mistaken one: from `from` (today when not
 * given) the package is usable again, and its expiry moves forward by the days
 * given back. A freeze ended on or before its first day covers no day at all and
 * leaves the list. Written as a new end date, not a delete, so the assistant who
 * may pause a package may also end the pause, and sync merges it like any edit.
 */
export function unfreezePackage(ctx: ServiceContext, input: MethodParsedInput<'packages.unfreeze'>): PackageView {
  const freeze = ctx.db.sqlite
    .prepare(
      `SELECT package_id AS packageId, starts_on AS startsOn, ends_on AS endsOn FROM package_freezes
       WHERE id = ? AND deleted_at IS NULL AND ends_on >= starts_on`,
    )
    .get(input.freezeId) as { packageId: string; startsOn: string; endsOn: string } | undefined;
  if (!freeze) throw notFound('Freeze', input.freezeId, ['freezeId']);
  const pkg = getPackage(ctx, freeze.packageId, ['freezeId']);
  const from = input.from ?? schoolDay(ctx);
  if (from > freeze.endsOn) throw invalid(['from'], 'not_frozen', 'The freeze is already over by that day');
  const removed = from <= freeze.startsOn;
  const endsOn = removed ? addDaysIso(freeze.startsOn, -1) : addDaysIso(from, -1);
  const writes: Write[] = [
    { op: 'update', table: 'package_freezes', id: input.freezeId, values: { endsOn } },
    ...packageActivities(
      ctx,
      pkg,
      packageSummary(
        pkg,
        removed ? 'freeze_removed' : 'unfrozen',
        removed ? `${freeze.startsOn}–${freeze.endsOn}` : `${freeze.startsOn}–${endsOn}`,
      ),
    ),
  ];
  applyChanges(ctx, writes);
  return getPackage(ctx, freeze.packageId, ['freezeId']);
}

export function deletePackage(ctx: ServiceContext, input: { id: string }): { id: string } {
  const pkg = getPackage(ctx, input.id, ['id']);
  applyChanges(ctx, [{ op: 'delete', table: 'packages', id: input.id }, ...packageActivities(ctx, pkg, packageSummary(pkg, 'deleted'))]);
  return { id: input.id };
}

/**
 * The client's timeline entries for their packages (held, or bound to one of their
 * enrollments) whose last usable day has passed. None for a client no longer there.
 */
export function expiredPackageLines(ctx: Pick<ServiceContext, 'db' | 'clock'>, clientId: string): Activity[] {
  const live = ctx.db.sqlite.prepare('SELECT 1 FROM clients WHERE id = ? AND deleted_at IS NULL').get(clientId);
  if (!live) return [];
  const own = new Set(
    ctx.db.sqlite.prepare('SELECT id FROM enrollments WHERE client_id = ? AND deleted_at IS NULL').pluck().all(clientId) as string[],
  );
  const expired = packageViews(ctx, { clients: familyOf(ctx, clientId).members }, schoolDay(ctx)).filter(
    (v) => v.expired && (v.holderClientId === clientId || (v.enrollmentId !== null && own.has(v.enrollmentId))),
  );
  return expiredLines(clientId, expired as ExpiredPackage[]);
}

/** What roll call needs to tell which packages its marks use up (src-main/services/lessons/package-timeline.ts). */
export function familyCredit(ctx: ServiceContext): FamilyCredit {
  return {
    families: (clientIds) => [...new Set(clientIds.flatMap((id) => familyOf(ctx, id).members))],
    packages: (clientIds) => loadPackages(ctx, { clients: clientIds }),
    visits: (clientIds) => loadVisits(ctx, { clients: clientIds }),
    rules: deductionRules(ctx),
  };
}

/**
 * Today's package alerts: packages running low (the school's threshold in
 * lessons), taken on credit, or ending within the warning days. Said in lessons
 * only, so the list shows no one's money and any role that sees Today may read it.
 */
export function packageAlerts(ctx: Pick<ServiceContext, 'db'>, asOf: string): PackageAlert[] {
  const rules = getLessonRules(ctx);
  const alerts: PackageAlert[] = [];
  for (const view of packageViews(ctx, 'holders', asOf)) {
    if (view.expired || view.startsOn > asOf) continue;
    const base = {
      packageId: view.id,
      clientId: view.holderClientId,
      clientName: view.holderName,
      programName: view.programName,
      lessonsLeft: view.lessonsLeft,
      usableUntil: view.usableUntil,
    };
    if (view.remaining < 0) alerts.push({ kind: 'credit', ...base, daysLeft: null });
    else if (view.lessonsLeft <= rules.packageLowLessons) alerts.push({ kind: 'low', ...base, daysLeft: null });
    const daysLeft = view.usableUntil === null ? null : daysBetween(asOf, view.usableUntil);
    if (daysLeft !== null && daysLeft <= rules.packageExpiryWarnDays && view.remaining > 0)
      alerts.push({ kind: 'expiring', ...base, daysLeft });
  }
  const rank = { credit: 0, low: 1, expiring: 2 };
  return alerts.sort((a, b) => rank[a.kind] - rank[b.kind] || a.lessonsLeft - b.lessonsLeft || a.clientName.localeCompare(b.clientName));
}

export function packageLiability(ctx: ServiceContext, input: MethodParsedInput<'packages.liability'>): PackageLiability {
  const asOf = input.asOf ?? schoolDay(ctx);
  const rows = loadPackages(ctx, 'holders');
  const uses = allocateVisits(rows, loadVisits(ctx, 'holders'), deductionRules(ctx));
  let liabilityMinor = 0;
  let lessonsOwed = 0;
  let activePackages = 0;
  for (const row of rows) {
    const use = uses.get(row.id) as PackageUse;
    const owed = liabilityOf(row, use, asOf);
    if (owed <= 0) continue;
    activePackages += 1;
    liabilityMinor += owed;
    lessonsOwed += Math.max(0, remainingOf(row, use).lessonsLeft);
  }
  return { asOf, liabilityMinor, lessonsOwed, activePackages };
}
