/**
 * Reports of people, not money, which every role that reads the workspace may
 * see: the conversion funnel (inquiry -> thinking -> trial -> confirmed) by
 * source channel and by the staff member who took the enquiry, why people were
 * lost, and new against returning students.
 *
 * A stage counts as reached when the enrollment's status history ever entered it
 * or a later stage, so someone who went straight from inquiry to confirmed counts
 * at every step before it, and someone confirmed and later cancelled still counts
 * as confirmed. An enrollment made by a transfer is the same person moving
 * groups, not a new lead: only the first enrollment of a transfer chain counts,
 * with its successors' history (services/decisions/attribution.ts).
 */
import type { ReportCell, ReportTable } from '../../../src-shared/api/reports-methods';
import { seatTakingStatuses } from '../../../src-shared/domain';
import type { ServiceContext } from '../../core/context';
import { noneKey, originCte } from './attribution';
import { share, totalOf, type ReportPeriod } from './table';

type Row = Record<string, ReportCell>;

const stageRank: Record<string, number> = { inquiry: 0, waitlist: 0, thinking: 1, trial: 2, confirmed: 3, completed: 3 };

interface Lead {
  channel: string | null;
  createdBy: string | null;
  createdByName: string | null;
  furthest: number;
  lost: number;
}

/** Every lead that began in the period: its channel, who took it, the furthest stage its chain reached, and whether it ended lost. */
function leads(ctx: ServiceContext, period: ReportPeriod): Lead[] {
  const rows = ctx.db.sqlite
    .prepare(
      `${originCte}
       SELECT o.channel AS channel, first.changed_by AS createdBy, u.display_name AS createdByName,
              (SELECT group_concat(h.to_status) FROM origin o2 JOIN enrollment_status_history h ON h.enrollment_id = o2.enrollment_id
                WHERE o2.first_id = e.id AND h.deleted_at IS NULL) AS statuses,
              (SELECT group_concat(x.status) FROM origin o4 JOIN enrollments x ON x.id = o4.enrollment_id
                WHERE o4.first_id = e.id AND x.transferred_to_id IS NULL AND x.deleted_at IS NULL) AS current
       FROM origin o JOIN enrollments e ON e.id = o.enrollment_id JOIN clients c ON c.id = e.client_id
       LEFT JOIN enrollment_status_history first
         ON first.id = (SELECT h1.id FROM enrollment_status_history h1 WHERE h1.enrollment_id = e.id ORDER BY h1.changed_at, h1.id LIMIT 1)
       LEFT JOIN users u ON u.id = first.changed_by
       WHERE o.first_id = e.id AND e.deleted_at IS NULL AND c.deleted_at IS NULL
         AND substr(e.created_at, 1, 10) >= ? AND substr(e.created_at, 1, 10) <= ?`,
    )
    .all(period.from, period.to) as {
    channel: string | null;
    createdBy: string | null;
    createdByName: string | null;
    statuses: string | null;
    current: string | null;
  }[];
  return rows.map((row) => {
    const reached = (row.statuses ?? '').split(',').map((s) => stageRank[s] ?? 0);
    const current = (row.current ?? '').split(',');
    return {
      channel: row.channel,
      createdBy: row.createdBy,
      createdByName: row.createdByName,
      furthest: Math.max(0, ...reached),
      lost: current.some((s) => s === 'declined' || s === 'cancelled') ? 1 : 0,
    };
  });
}

const funnelColumns: ReportTable['columns'] = [
  { key: 'inquiry', kind: 'count' },
  { key: 'thinking', kind: 'count' },
  { key: 'trial', kind: 'count' },
  { key: 'confirmed', kind: 'count' },
  { key: 'lost', kind: 'count' },
  { key: 'conversion', kind: 'percent' },
];

function funnelRows(groups: Map<string, Lead[]>, label: (key: string, leads: Lead[]) => Row): Row[] {
  return [...groups]
    .map(([key, group]) => {
      const confirmed = group.filter((l) => l.furthest >= 3).length;
      return {
        ...label(key, group),
        inquiry: group.length,
        thinking: group.filter((l) => l.furthest >= 1).length,
        trial: group.filter((l) => l.furthest >= 2).length,
        confirmed,
        lost: group.reduce((sum, l) => sum + l.lost, 0),
        conversion: share(confirmed, group.length),
      };
    })
    .sort((a, b) => (b['inquiry'] as number) - (a['inquiry'] as number));
}

function grouped(all: Lead[], keyOf: (lead: Lead) => string): Map<string, Lead[]> {
  const groups = new Map<string, Lead[]>();
  for (const lead of all) groups.set(keyOf(lead), [...(groups.get(keyOf(lead)) ?? []), lead]);
  return groups;
}

function withTotal(kind: ReportTable['kind'], period: ReportPeriod, columns: ReportTable['columns'], rows: Row[]): ReportTable {
  const total = totalOf(columns, rows, 'total');
  if ('conversion' in total) total['conversion'] = share(total['confirmed'] as number, total['inquiry'] as number);
  return { kind, ...period, columns, rows, total };
}

export function conversionBySource(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const columns: ReportTable['columns'] = [{ key: 'channel', kind: 'key' }, ...funnelColumns];
  const rows = funnelRows(
    grouped(leads(ctx, period), (l) => l.channel || noneKey),
    (key) => ({ channel: key }),
  );
  return withTotal('conversionBySource', period, columns, rows);
}

export function conversionByStaff(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const columns: ReportTable['columns'] = [{ key: 'staff', kind: 'text' }, ...funnelColumns];
  const rows = funnelRows(
    grouped(leads(ctx, period), (l) => l.createdBy ?? noneKey),
    (key, group) => ({ staff: key === noneKey ? null : (group[0]?.createdByName ?? key) }),
  );
  return withTotal('conversionByStaff', period, columns, rows);
}

/** Enrollments that became declined or cancelled in the period (by their latest such status change), by the reason written down. */
export function lostReasons(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT coalesce(nullif(trim(e.reason_lost), ''), '${noneKey}') AS reason, count(*) AS count
       FROM enrollments e JOIN clients c ON c.id = e.client_id
       WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.status IN ('declined', 'cancelled')
         AND (SELECT substr(max(h.changed_at), 1, 10) FROM enrollment_status_history h
               WHERE h.enrollment_id = e.id AND h.deleted_at IS NULL AND h.to_status = e.status) BETWEEN ? AND ?
       GROUP BY reason ORDER BY count DESC, reason`,
    )
    .all(period.from, period.to) as { reason: string; count: number }[];
  const all = rows.reduce((sum, r) => sum + r.count, 0);
  const columns: ReportTable['columns'] = [
    { key: 'reason', kind: 'key' },
    { key: 'count', kind: 'count' },
    { key: 'share', kind: 'percent' },
  ];
  const table = rows.map((r) => ({ reason: r.reason, count: r.count, share: share(r.count, all) }));
  const total = totalOf(columns, table, 'total');
  total['share'] = all > 0 ? 1 : null;
  return { kind: 'lostReasons', ...period, columns, rows: table, total };
}

/**
 * Students who began a place (trial, confirmed or completed) on an enrollment
 * made in the period, per month of that enrollment: new when they had no such
 * place before the period, returning when they had. Each student counts once,
 * in the month of their first such enrollment of the period.
 */
export function newReturning(ctx: ServiceContext, period: ReportPeriod): ReportTable {
  const seats = [...seatTakingStatuses];
  const marks = seats.map(() => '?').join(', ');
  const rows = ctx.db.sqlite
    .prepare(
      `${originCte}
       SELECT e.client_id AS clientId, min(substr(e.created_at, 1, 7)) AS month,
              EXISTS (SELECT 1 FROM enrollments b WHERE b.client_id = e.client_id AND b.deleted_at IS NULL
                        AND substr(b.created_at, 1, 10) < ? AND (b.status IN (${marks}) OR b.transferred_to_id IS NOT NULL)) AS isReturning
       FROM origin o JOIN enrollments e ON e.id = o.enrollment_id JOIN clients c ON c.id = e.client_id
       WHERE o.first_id = e.id AND e.deleted_at IS NULL AND c.deleted_at IS NULL
         AND substr(e.created_at, 1, 10) >= ? AND substr(e.created_at, 1, 10) <= ?
         AND EXISTS (SELECT 1 FROM origin o2 JOIN enrollments x ON x.id = o2.enrollment_id
                      WHERE o2.first_id = e.id AND x.deleted_at IS NULL AND x.transferred_to_id IS NULL AND x.status IN (${marks}))
       GROUP BY e.client_id`,
    )
    .all(period.from, ...seats, period.from, period.to, ...seats) as { clientId: string; month: string; isReturning: number }[];
  const byMonth = new Map<string, { newStudents: number; returningStudents: number }>();
  for (const row of rows) {
    const month = byMonth.get(row.month) ?? { newStudents: 0, returningStudents: 0 };
    if (row.isReturning) month.returningStudents++;
    else month.newStudents++;
    byMonth.set(row.month, month);
  }
  const columns: ReportTable['columns'] = [
    { key: 'month', kind: 'month' },
    { key: 'newStudents', kind: 'count' },
    { key: 'returningStudents', kind: 'count' },
    { key: 'students', kind: 'count' },
  ];
  const table: Row[] = [...byMonth]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, ...m, students: m.newStudents + m.returningStudents }));
  return { kind: 'newReturning', ...period, columns, rows: table, total: totalOf(columns, table, 'total') };
}
