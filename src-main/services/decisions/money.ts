/**
 * The owner's money reports: collected against expected by month and by program,
 * what is outstanding and overdue by client and by family with ageing buckets,
 * cohort fill with revenue weighted by how likely each status is to pay, and what
 * each campaign and channel brought in against what it cost.
 *
 * Rules every figure here follows, each checked against hand-computed fixtures
 * (tests/integration/decision-reports.test.ts):
 *  - collected is money dated in the period: received minus refunds, voided
 *    payments never count;
 *  - expected is the instalments falling due in the period of enrollments that owe
 *    their price (billable and not transferred away: a transfer's plan moved to the
 *    new enrollment, and counting both would expect the money twice);
 *  - outstanding and overdue are today's position from the same settlement as the
 *    client list (services/balances.ts), so a report never disagrees with a client's page.
 */
import type { ReportCell, ReportTable } from '../../../src-shared/api/reports-methods';
import { billableStatuses, seatTakingStatuses, statusWeight, type EnrollmentStatus } from '../../../src-shared/domain';
import type { ServiceContext } from '../../core/context';
import { settleClientsSlim } from '../balances';
import { noneKey, originCte } from './attribution';
import { share, totalOf, type ReportPeriod } from './table';

type Row = Record<string, ReportCell>;
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
const billable = [...billableStatuses];

/** Payments dated in the period, received and refunded, grouped by `groupSql` (an expression over p and e). */
function collectedBy(ctx: ServiceContext, period: ReportPeriod, groupSql: string): Map<string, { received: number; refunded: number }> {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT ${groupSql} AS grp,
              sum(CASE WHEN p.amount_minor > 0 THEN p.amount_minor ELSE 0 END) AS received,
              sum(CASE WHEN p.amount_minor < 0 THEN -p.amount_minor ELSE 0 END) AS refunded
       FROM payments p LEFT JOIN enrollments e ON e.id = p.enrollment_id
       WHERE p.deleted_at IS NULL AND p.voided_at IS NULL AND p.paid_on >= ? AND p.paid_on <= ?
       GROUP BY grp`,
    )
    .all(period.from, period.to) as { grp: string | null; received: number; refunded: number }[];
  return new Map(rows.map((r) => [r.grp ?? noneKey, { received: r.received, refunded: r.refunded }]));
}

/** Instalments falling due in the period of enrollments that owe their price, grouped by `groupSql` (over i and e). */
function expectedBy(ctx: ServiceContext, period: ReportPeriod, groupSql: string): Map<string, number> {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT ${groupSql} AS grp, sum(i.amount_minor) AS expected
       FROM instalments i JOIN enrollments e ON e.id = i.enrollment_id JOIN clients c ON c.id = e.client_id
       WHERE i.deleted_at IS NULL AND e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.transferred_to_id IS NULL
         AND e.status IN (${placeholders(billable)}) AND i.due_on >= ? AND i.due_on <= ?
       GROUP BY grp`,
    )
    .all(...billable, period.from, period.to) as { grp: string | null; expected: number }[];
  return new Map(rows.map((r) => [r.grp ?? noneKey, r.expected]));
}

function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 600; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

const collectedColumns: ReportTable['columns'] = [
  { key: 'collectedMinor', kind: 'money' },
  { key: 'refundedMinor', kind: 'money' },
  { key: 'netMinor', kind: 'money' },
  { key: 'expectedMinor', kind: 'money' },
  { key: 'differenceMinor', kind: 'money' },
];

function collectedRow(money: { received: number; refunded: number } | undefined, expected: number): Row {
  const received = money?.received ?? 0;
  const refunded = money?.refunded ?? 0;
  return {
    collectedMinor: received,
    refundedMinor: refunded,
    netMinor: received - refunded,
    expectedMinor: expected,
    differenceMinor: received - refunded - expected,
  };
}

export function collectedByMonth(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const collected = collectedBy(ctx, period, 'substr(p.paid_on, 1, 7)');
  const expected = expectedBy(ctx, period, 'substr(i.due_on, 1, 7)');
  const columns: ReportTable['columns'] = [{ key: 'month', kind: 'month' }, ...collectedColumns];
  const rows = monthsOf(period.from, period.to).map((month) => ({
    month,
    ...collectedRow(collected.get(month), expected.get(month) ?? 0),
  }));
  return { kind: 'collectedByMonth', ...period, columns, rows, total: totalOf(columns, rows, 'total') };
}

export function collectedByProgram(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const collected = collectedBy(ctx, period, 'e.program_id');
  const expected = expectedBy(ctx, period, 'e.program_id');
  const programs = ctx.db.sqlite.prepare('SELECT id, name FROM programs').all() as { id: string; name: string }[];
  const names = new Map(programs.map((p) => [p.id, p.name]));
  const ids = [...new Set([...collected.keys(), ...expected.keys()])];
  const columns: ReportTable['columns'] = [{ key: 'program', kind: 'text' }, ...collectedColumns];
  const rows: Row[] = ids
    .map((id): Row => ({
      program: id === noneKey ? null : (names.get(id) ?? id),
      ...collectedRow(collected.get(id), expected.get(id) ?? 0),
    }))
    .sort((a, b) => (b.netMinor as number) - (a.netMinor as number) || String(a.program).localeCompare(String(b.program)));
  return { kind: 'collectedByProgram', ...period, columns, rows, total: totalOf(columns, rows, 'total') };
}

interface Ageing {
  outstandingMinor: number;
  notYetDueMinor: number;
  days0to30Minor: number;
  days31to60Minor: number;
  days61to90Minor: number;
  days90plusMinor: number;
  overdueMinor: number;
}

const emptyAgeing = (): Ageing => ({
  outstandingMinor: 0,
  notYetDueMinor: 0,
  days0to30Minor: 0,
  days31to60Minor: 0,
  days61to90Minor: 0,
  days90plusMinor: 0,
  overdueMinor: 0,
});

function bucketOf(daysLate: number): keyof Ageing {
  if (daysLate <= 30) return 'days0to30Minor';
  if (daysLate <= 60) return 'days31to60Minor';
  if (daysLate <= 90) return 'days61to90Minor';
  return 'days90plusMinor';
}

/** Every client's outstanding and overdue money on `asOf`, the overdue part in ageing buckets by days past due. */
export function ageingOfClients(ctx: ServiceContext, asOf: string): Map<string, Ageing> {
  const ids = ctx.db.sqlite
    .prepare(
      `SELECT DISTINCT e.client_id FROM enrollments e JOIN clients c ON c.id = e.client_id
       WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL`,
    )
    .pluck()
    .all() as string[];
  const out = new Map<string, Ageing>();
  for (const [clientId, settled] of settleClientsSlim(ctx, ids, asOf)) {
    const ageing = emptyAgeing();
    ageing.outstandingMinor = Math.max(0, settled.balanceMinor);
    ageing.overdueMinor = settled.overdueMinor;
    for (const enrollment of settled.enrollments.values()) {
      if (enrollment.overdueMinor === 0) continue;
      for (const instalment of enrollment.instalments) {
        if (instalment.state === 'overdue') ageing[bucketOf(instalment.daysLate)] += instalment.outstandingMinor;
      }
    }
    ageing.notYetDueMinor = Math.max(0, ageing.outstandingMinor - ageing.overdueMinor);
    if (ageing.outstandingMinor > 0 || ageing.overdueMinor > 0) out.set(clientId, ageing);
  }
  return out;
}

const ageingColumns: ReportTable['columns'] = [
  { key: 'outstandingMinor', kind: 'money' },
  { key: 'notYetDueMinor', kind: 'money' },
  { key: 'days0to30Minor', kind: 'money' },
  { key: 'days31to60Minor', kind: 'money' },
  { key: 'days61to90Minor', kind: 'money' },
  { key: 'days90plusMinor', kind: 'money' },
  { key: 'overdueMinor', kind: 'money' },
];

const byOverdueThenName = (a: Row, b: Row) =>
  (b['overdueMinor'] as number) - (a['overdueMinor'] as number) ||
  (b['outstandingMinor'] as number) - (a['outstandingMinor'] as number) ||
  String(a['name']).localeCompare(String(b['name']));

interface PersonRow {
  id: string;
  name: string;
  guardianId: string | null;
}

function people(ctx: ServiceContext): Map<string, PersonRow> {
  const rows = ctx.db.sqlite.prepare('SELECT id, display_name AS name, guardian_id AS guardianId FROM clients').all() as PersonRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function ageingByClient(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const who = people(ctx);
  const columns: ReportTable['columns'] = [{ key: 'name', kind: 'text' }, { key: 'guardian', kind: 'text' }, ...ageingColumns];
  const rows: Row[] = [...ageingOfClients(ctx, period.asOf)].map(([id, ageing]) => {
    const person = who.get(id);
    const guardian = person?.guardianId ? (who.get(person.guardianId)?.name ?? null) : null;
    return { name: person?.name ?? id, guardian, ...ageing };
  });
  rows.sort(byOverdueThenName);
  return { kind: 'ageingByClient', ...period, columns, rows, total: totalOf(columns, rows, 'total') };
}

/** A family is the guardian who pays and the children they pay for; a client without a guardian is their own family. */
export function ageingByFamily(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const who = people(ctx);
  const families = new Map<string, { members: Set<string>; ageing: Ageing }>();
  for (const [id, ageing] of ageingOfClients(ctx, period.asOf)) {
    const payer = who.get(id)?.guardianId ?? id;
    const family = families.get(payer) ?? { members: new Set<string>(), ageing: emptyAgeing() };
    family.members.add(id);
    for (const key of Object.keys(ageing) as (keyof Ageing)[]) family.ageing[key] += ageing[key];
    families.set(payer, family);
  }
  const columns: ReportTable['columns'] = [{ key: 'name', kind: 'text' }, { key: 'members', kind: 'count' }, ...ageingColumns];
  const rows: Row[] = [...families].map(([payer, family]) => ({
    name: who.get(payer)?.name ?? payer,
    members: family.members.size,
    ...family.ageing,
  }));
  rows.sort(byOverdueThenName);
  return { kind: 'ageingByFamily', ...period, columns, rows, total: totalOf(columns, rows, 'total') };
}

interface CohortEnrollment {
  cohortId: string;
  status: EnrollmentStatus;
  priceMinor: number;
  transferredToId: string | null;
}

/** Cohorts starting in the period or running through it (cancelled ones left out), with seats taken and weighted revenue. */
export function cohortFill(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const { sqlite } = ctx.db;
  const cohortRows = sqlite
    .prepare(
      `SELECT h.id, h.name, h.status, h.start_on AS startOn, coalesce(h.capacity, p.default_capacity) AS capacity, p.name AS programName
       FROM cohorts h JOIN programs p ON p.id = h.program_id
       WHERE h.deleted_at IS NULL AND h.status <> 'cancelled'
         AND (h.start_on IS NULL OR h.start_on <= ?) AND (coalesce(h.end_on, h.start_on) IS NULL OR coalesce(h.end_on, h.start_on) >= ?)
       ORDER BY h.start_on, h.name, h.id`,
    )
    .all(period.to, period.from) as {
    id: string;
    name: string;
    status: string;
    startOn: string | null;
    capacity: number | null;
    programName: string;
  }[];
  const enrollmentRows = sqlite
    .prepare(
      `SELECT e.cohort_id AS cohortId, e.status, e.agreed_price_minor - e.discount_minor AS priceMinor, e.transferred_to_id AS transferredToId
       FROM enrollments e JOIN clients c ON c.id = e.client_id
       WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.cohort_id IS NOT NULL`,
    )
    .all() as CohortEnrollment[];
  const byCohort = new Map<string, CohortEnrollment[]>();
  for (const row of enrollmentRows) byCohort.set(row.cohortId, [...(byCohort.get(row.cohortId) ?? []), row]);
  const seatTaking = new Set<string>(seatTakingStatuses);
  const pipeline = new Set<string>(['inquiry', 'thinking', 'waitlist']);
  const columns: ReportTable['columns'] = [
    { key: 'cohort', kind: 'text' },
    { key: 'program', kind: 'text' },
    { key: 'status', kind: 'key' },
    { key: 'capacity', kind: 'count' },
    { key: 'seatsTaken', kind: 'count' },
    { key: 'fillRate', kind: 'percent' },
    { key: 'pipeline', kind: 'count' },
    { key: 'agreedMinor', kind: 'money' },
    { key: 'weightedMinor', kind: 'money' },
  ];
  const rows: Row[] = cohortRows.map((cohort) => {
    const live = (byCohort.get(cohort.id) ?? []).filter((e) => e.transferredToId === null);
    const seats = live.filter((e) => seatTaking.has(e.status)).length;
    return {
      cohort: cohort.name,
      program: cohort.programName,
      status: cohort.status,
      capacity: cohort.capacity,
      seatsTaken: seats,
      fillRate: cohort.capacity ? share(seats, cohort.capacity) : null,
      pipeline: live.filter((e) => pipeline.has(e.status)).length,
      agreedMinor: live.filter((e) => seatTaking.has(e.status)).reduce((sum, e) => sum + e.priceMinor, 0),
      weightedMinor: live.reduce((sum, e) => sum + Math.round(e.priceMinor * statusWeight[e.status]), 0),
    };
  });
  const total = totalOf(columns, rows, 'total');
  total['fillRate'] = share(
    total['seatsTaken'] as number,
    rows.reduce((sum, r) => sum + ((r['capacity'] as number | null) ?? 0), 0),
  );
  return { kind: 'cohortFill', ...period, columns, rows, total };
}

interface AttributedMoney {
  enrollments: number;
  confirmed: number;
  collected: number;
}

type Span = readonly [from: string, to: string];
const always: Span = ['0000-01-01', '9999-12-31'];

/**
 * Per origin (channel or campaign): how many enrollments began there (the first of
 * each transfer chain, created in `created`), how many of those were confirmed,
 * and the money their chains collected, dated in `paid`.
 */
function attributed(ctx: ServiceContext, column: 'channel' | 'campaign_id', created: Span, paid: Span): Map<string, AttributedMoney> {
  const { sqlite } = ctx.db;
  const counts = sqlite
    .prepare(
      `${originCte}
       SELECT o.${column} AS key, count(*) AS enrollments,
              count(k.first_id) AS confirmed
       FROM origin o JOIN enrollments e ON e.id = o.enrollment_id JOIN clients c ON c.id = e.client_id
       LEFT JOIN confirmed_chain k ON k.first_id = e.id
       WHERE o.first_id = e.id AND e.deleted_at IS NULL AND c.deleted_at IS NULL
         AND substr(e.created_at, 1, 10) >= ? AND substr(e.created_at, 1, 10) <= ?
       GROUP BY o.${column}`,
    )
    .all(...created) as { key: string | null; enrollments: number; confirmed: number }[];
  const money = sqlite
    .prepare(
      `${originCte}
       SELECT o.${column} AS key, sum(p.amount_minor) AS collected
       FROM payments p JOIN origin o ON o.enrollment_id = p.enrollment_id
       WHERE p.deleted_at IS NULL AND p.voided_at IS NULL AND p.paid_on >= ? AND p.paid_on <= ?
       GROUP BY o.${column}`,
    )
    .all(...paid) as { key: string | null; collected: number }[];
  const out = new Map<string, AttributedMoney>();
  const entry = (key: string | null) => {
    const k = key ?? noneKey;
    const found = out.get(k) ?? { enrollments: 0, confirmed: 0, collected: 0 };
    out.set(k, found);
    return found;
  };
  for (const row of counts) Object.assign(entry(row.key), { enrollments: row.enrollments, confirmed: row.confirmed });
  for (const row of money) entry(row.key).collected = row.collected;
  return out;
}

export function campaignReturn(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const campaigns = ctx.db.sqlite
    .prepare(
      `SELECT k.id, k.name, k.kind, k.channel, k.starts_on AS startsOn, k.cost_minor AS costMinor,
              (SELECT count(*) FROM enrollments e WHERE e.deleted_at IS NULL AND k.cohort_id IS NOT NULL AND e.cohort_id = k.cohort_id) AS registrations
       FROM campaigns k
       WHERE k.deleted_at IS NULL AND (k.starts_on IS NULL OR (k.starts_on >= ? AND k.starts_on <= ?))
       ORDER BY k.starts_on, k.name`,
    )
    .all(period.from, period.to) as {
    id: string;
    name: string;
    kind: string;
    channel: string | null;
    startsOn: string | null;
    costMinor: number;
    registrations: number;
  }[];
  // Money a campaign brought is counted from its start to the end of the period, whenever the campaign ran in it.
  const money = attributed(ctx, 'campaign_id', always, ['0000-01-01', period.to]);
  const columns: ReportTable['columns'] = [
    { key: 'campaign', kind: 'text' },
    { key: 'kind', kind: 'key' },
    { key: 'channel', kind: 'key' },
    { key: 'registrations', kind: 'count' },
    { key: 'enrollments', kind: 'count' },
    { key: 'confirmed', kind: 'count' },
    { key: 'costMinor', kind: 'money' },
    { key: 'collectedMinor', kind: 'money' },
    { key: 'returnMinor', kind: 'money' },
    { key: 'returnRate', kind: 'percent' },
  ];
  const rows: Row[] = campaigns.map((k) => {
    const m = money.get(k.id);
    const collected = m?.collected ?? 0;
    return {
      campaign: k.name,
      kind: k.kind,
      channel: k.channel ?? noneKey,
      registrations: k.registrations,
      enrollments: m?.enrollments ?? 0,
      confirmed: m?.confirmed ?? 0,
      costMinor: k.costMinor,
      collectedMinor: collected,
      returnMinor: collected - k.costMinor,
      returnRate: share(collected - k.costMinor, k.costMinor),
    };
  });
  const total = totalOf(columns, rows, 'total');
  total['returnRate'] = share((total['returnMinor'] as number) ?? 0, (total['costMinor'] as number) ?? 0);
  return { kind: 'campaignReturn', ...period, columns, rows, total };
}

/** Per source channel: enrollments of the period's clients, money dated in the period, and what campaigns of that channel starting in it cost. */
export function channelReturn(ctx: ServiceContext, period: ReportPeriod, channels: readonly string[]): ReportTable {
  const money = attributed(ctx, 'channel', [period.from, period.to], [period.from, period.to]);
  const costs = new Map(
    (
      ctx.db.sqlite
        .prepare(
          `SELECT channel, sum(cost_minor) AS cost FROM campaigns
           WHERE deleted_at IS NULL AND starts_on >= ? AND starts_on <= ? GROUP BY channel`,
        )
        .all(period.from, period.to) as { channel: string | null; cost: number }[]
    ).map((r) => [r.channel ?? noneKey, r.cost]),
  );
  const keys = [...new Set([...channels, ...money.keys(), ...costs.keys()])];
  const columns: ReportTable['columns'] = [
    { key: 'channel', kind: 'key' },
    { key: 'enrollments', kind: 'count' },
    { key: 'confirmed', kind: 'count' },
    { key: 'costMinor', kind: 'money' },
    { key: 'collectedMinor', kind: 'money' },
    { key: 'returnMinor', kind: 'money' },
  ];
  const rows: Row[] = keys
    .map((key) => {
      const m = money.get(key);
      const cost = costs.get(key) ?? 0;
      const collected = m?.collected ?? 0;
      return {
        channel: key,
        enrollments: m?.enrollments ?? 0,
        confirmed: m?.confirmed ?? 0,
        costMinor: cost,
        collectedMinor: collected,
        returnMinor: collected - cost,
      };
    })
    .filter((r) => r.enrollments > 0 || r.costMinor > 0 || r.collectedMinor !== 0 || channels.includes(r.channel));
  return { kind: 'channelReturn', ...period, columns, rows, total: totalOf(columns, rows, 'total') };
}
