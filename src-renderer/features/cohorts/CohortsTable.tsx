/**
 * The table of the Cohorts section: one row per group with its start, schedule,
 * teacher, room, seats (with a warning icon when it is over capacity or short of
 * its minimum near the start), status and — for those who may see money — the
 * expected revenue: each enrollment's price weighted by how likely its status is
 * to pay. The expected sums are computed once per list, not per row.
 */
import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortSummary } from '../../../src-shared/api/types';
import { todayIn } from '../../../src-shared/dates';
import { statusWeight, type EnrollmentStatus } from '../../../src-shared/domain';
import { useQuery } from '../../api/context';
import { useFormat, useSettings } from '../../shared/workspace';
import { cohortWarnings, scheduleText } from './schedule';
import { useCohortsUi } from './store';

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

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
        (sums.get(e.cohortId) ?? 0) + Math.round((e.agreedPriceMinor - e.discountMinor) * statusWeight[e.status as EnrollmentStatus]),
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

export function CohortsTable({ rows, expected }: Props) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="cohorts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cohorts.columns.name')}</Table.Th>
            <Table.Th>{t('cohorts.columns.start')}</Table.Th>
            <Table.Th>{t('cohorts.columns.schedule')}</Table.Th>
            <Table.Th>{t('cohorts.columns.teacher')}</Table.Th>
            <Table.Th>{t('cohorts.columns.room')}</Table.Th>
            <Table.Th ta="right">{t('cohorts.columns.seats')}</Table.Th>
            <Table.Th>{t('cohorts.columns.status')}</Table.Th>
            {expected && <Table.Th ta="right">{t('cohorts.columns.expected')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((cohort) => (
            <CohortRow key={cohort.id} cohort={cohort} expectedMinor={expected ? (expected.get(cohort.id) ?? 0) : null} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CohortRow({ cohort, expectedMinor }: { cohort: CohortSummary; expectedMinor: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const show = useCohortsUi((s) => s.show);
  const warnings = cohortWarnings(cohort, todayIn(settings.timeZone, new Date()), settings.startSoonDays);
  return (
    <Table.Tr data-testid="cohort-row">
      <Table.Td>
        <Anchor component="button" fw={500} onClick={() => show(cohort.id)} ta="left">
          {cohort.name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {cohort.programName}
        </Text>
      </Table.Td>
      <Table.Td style={numeric}>{cohort.startOn ? format.date(cohort.startOn) : '—'}</Table.Td>
      <Table.Td>
        <Text size="sm">{cohort.schedule.length > 0 ? scheduleText(cohort.schedule, format.locale) : '—'}</Text>
      </Table.Td>
      <Table.Td>{cohort.teacherName ?? '—'}</Table.Td>
      <Table.Td>{cohort.roomName ?? '—'}</Table.Td>
      <Table.Td ta="right" style={numeric}>
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
          {cohort.capacity === null
            ? format.integer(cohort.seatsTaken)
            : `${format.integer(cohort.seatsTaken)} / ${format.integer(cohort.capacity)}`}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={cohort.status === 'cancelled' ? 'red' : cohort.status === 'finished' ? 'gray' : 'blue'}>
          {t(`cohorts.statuses.${cohort.status}`)}
        </Badge>
      </Table.Td>
      {expectedMinor !== null && (
        <Table.Td ta="right" style={numeric}>
          {format.money(expectedMinor)}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
