/**
 * The Cohorts section's grid: one row per group with its program, start,
 * schedule, teacher, room, seats (with a warning icon when it is over capacity
 * or short of its minimum near the start), status and — for those who may see
 * money — the expected revenue: each enrollment's price weighted by how likely
 * its status is to pay, computed once per list, not per row. It is the shared
 * grid (sort, filter, views, export, the pinned name column), so a school with
 * years of groups finds this term's; it opens on the open and running ones.
 */
import { Anchor, Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortSummary } from '../../../src-shared/api/types';
import { todayIn } from '../../../src-shared/dates';
import { cohortStatuses, statusWeight, type EnrollmentStatus } from '../../../src-shared/domain';
import { useQuery } from '../../api/context';
import { Grid, type BuiltInView, type GridColumn, type GridQuery } from '../../grid';
import { useFormat, useSettings } from '../../shared/workspace';
import { cohortWarnings, scheduleText } from './schedule';
import { useCohortsUi } from './store';

/** Expected revenue per cohort id; only people who may see money totals ask for every enrollment's price. */
export function useExpectedRevenue(seesFinance: boolean): ReadonlyMap<string, number> {
  const enrollments = useQuery('enrollments.list', seesFinance ? {} : { status: ['transferred'], cohortId: 'none' }, {
    tables: ['enrollments'],
  });
  return useMemo(() => {
    const sums = new Map<string, number>();
    for (const e of enrollments.data ?? []) {
      if (!e.cohortId) continue;
      sums.set(
        e.cohortId,
        (sums.get(e.cohortId) ?? 0) +
          Math.round(((e.agreedPriceMinor ?? 0) - (e.discountMinor ?? 0)) * statusWeight[e.status as EnrollmentStatus]),
      );
    }
    return sums;
  }, [enrollments.data]);
}

interface Props {
  rows: readonly CohortSummary[];
  /** Expected revenue per cohort, or null when this role may not see money. */
  expected: ReadonlyMap<string, number> | null;
}

/**
 * What the grid opens on: the current groups — planned, open or running —
 * soonest start first. Finished and cancelled ones wait in "All groups"; a group
 * just created (planned) must never vanish from the list it was created in.
 */
export const currentGroups: Partial<GridQuery> = {
  search: '',
  sorting: [{ id: 'start', desc: false }],
  filters: { status: { kind: 'in', values: ['planned', 'open', 'running'] } },
};

function useCohortViews(): BuiltInView[] {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        id: 'current',
        name: t('cohorts.views.current'),
        config: {
          query: { ...currentGroups, search: '', sorting: [{ id: 'start', desc: false }], filters: currentGroups.filters ?? {} },
        },
      },
      {
        id: 'planned',
        name: t('cohorts.views.planned'),
        config: {
          query: { search: '', sorting: [{ id: 'start', desc: false }], filters: { status: { kind: 'in', values: ['planned'] } } },
        },
      },
      { id: 'all', name: t('cohorts.views.all'), config: { query: { search: '', sorting: [{ id: 'start', desc: true }], filters: {} } } },
    ],
    [t],
  );
}

export function CohortsTable({ rows, expected }: Props) {
  const columns = useCohortColumns(rows, expected);
  const views = useCohortViews();
  const show = useCohortsUi((s) => s.show);
  return (
    <Grid<CohortSummary>
      gridId="cohorts"
      columns={columns}
      source={{ kind: 'rows', rows }}
      rowId={(c) => c.id}
      rowTestId="cohort-row"
      onOpenRow={(c) => show(c.id)}
      builtInViews={views}
      savedViews
      initialQuery={currentGroups}
      exportName="cohorts"
      height="calc(100dvh - 260px)"
    />
  );
}

const statusColor = (status: string) =>
  status === 'cancelled' ? 'red' : status === 'finished' ? 'gray' : status === 'running' ? 'teal' : 'blue';

function useCohortColumns(rows: readonly CohortSummary[], expected: ReadonlyMap<string, number> | null): GridColumn<CohortSummary>[] {
  const { t } = useTranslation();
  const format = useFormat();
  const show = useCohortsUi((s) => s.show);
  const options = (values: (string | null)[]) =>
    [...new Set(values.filter((v): v is string => !!v))].sort().map((v) => ({ value: v, label: v }));
  return useMemo(() => {
    const list: GridColumn<CohortSummary>[] = [
      {
        id: 'name',
        header: t('cohorts.columns.name'),
        width: 240,
        value: (c) => c.name,
        render: (c) => (
          <Anchor component="button" fw={500} size="sm" onClick={() => show(c.id)} ta="left">
            {c.name}
          </Anchor>
        ),
        sortable: true,
        searchable: true,
        filter: { kind: 'text' },
      },
      {
        id: 'program',
        header: t('cohorts.columns.program'),
        width: 180,
        value: (c) => c.programName,
        sortable: true,
        searchable: true,
        filter: { kind: 'in', options: options(rows.map((c) => c.programName)) },
      },
      {
        id: 'start',
        header: t('cohorts.columns.start'),
        width: 120,
        value: (c) => c.startOn,
        text: (c) => (c.startOn ? format.date(c.startOn) : ''),
        sortable: true,
        filter: { kind: 'dateRange' },
      },
      {
        id: 'schedule',
        header: t('cohorts.columns.schedule'),
        width: 200,
        value: (c) => (c.schedule.length > 0 ? scheduleText(c.schedule, format.locale) : ''),
      },
      {
        id: 'teacher',
        header: t('cohorts.columns.teacher'),
        width: 150,
        value: (c) => c.teacherName,
        sortable: true,
        searchable: true,
        filter: { kind: 'in', options: options(rows.map((c) => c.teacherName)) },
      },
      {
        id: 'room',
        header: t('cohorts.columns.room'),
        width: 120,
        value: (c) => c.roomName,
        sortable: true,
        filter: { kind: 'in', options: options(rows.map((c) => c.roomName)) },
      },
      {
        id: 'seats',
        header: t('cohorts.columns.seats'),
        width: 110,
        align: 'right',
        value: (c) => c.seatsTaken,
        text: (c) =>
          c.capacity === null ? format.integer(c.seatsTaken) : `${format.integer(c.seatsTaken)} / ${format.integer(c.capacity)}`,
        render: (c) => <Seats cohort={c} />,
        sortable: true,
      },
      {
        id: 'status',
        header: t('cohorts.columns.status'),
        width: 150,
        value: (c) => c.status,
        text: (c) => t(`labels.cohortStatus.${c.status}`),
        render: (c) => (
          <Badge variant="light" color={statusColor(c.status)} style={{ overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
            {t(`labels.cohortStatus.${c.status}`)}
          </Badge>
        ),
        sortable: true,
        filter: { kind: 'in', options: cohortStatuses.map((s) => ({ value: s, label: t(`labels.cohortStatus.${s}`) })) },
      },
    ];
    if (expected) {
      list.push({
        id: 'expected',
        header: t('cohorts.columns.expected'),
        width: 150,
        align: 'right',
        value: (c) => expected.get(c.id) ?? 0,
        text: (c) => format.money(expected.get(c.id) ?? 0),
        sortable: true,
        filter: { kind: 'amountRange', money: true },
      });
    }
    return list;
  }, [t, format, show, rows, expected]);
}

/** Seats taken (of capacity), with a warning when the group is over capacity or short of its minimum near the start. */
function Seats({ cohort }: { cohort: CohortSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const warnings = cohortWarnings(cohort, todayIn(settings.timeZone, new Date()), settings.startSoonDays);
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      {warnings.length > 0 && (
        <Tooltip
          label={warnings
            .map((w) =>
              w.kind === 'over'
                ? t('cohorts.warnings.over', { seats: w.seats, capacity: w.capacity })
                : t('cohorts.warnings.under', { seats: w.seats, minimum: w.minimum, count: w.days }),
            )
            .join(' ')}
        >
          <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" aria-label={t('cohorts.warnings.label')} />
        </Tooltip>
      )}
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {cohort.capacity === null
          ? format.integer(cohort.seatsTaken)
          : `${format.integer(cohort.seatsTaken)} / ${format.integer(cohort.capacity)}`}
      </Text>
    </Group>
  );
}
