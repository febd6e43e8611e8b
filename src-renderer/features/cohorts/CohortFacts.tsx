/**
 * What a cohort is, at a glance, on its page: dates, schedule, teacher, room,
 * seats (with the minimum to run) and price, and above them the warnings that
 * need action (more people than seats, too few to run close to the start). The
 * facts read the cohort only, so the same summary shows however the page loaded.
 */
import { Alert, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortSummary } from '../../../src-shared/api/types';
import { useFormat } from '../../shared/workspace';
import { scheduleText, type CohortWarning } from './schedule';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.4}>
        {label}
      </Text>
      <Text size="sm" mt={2}>
        {children}
      </Text>
    </div>
  );
}

export function CohortFacts({ cohort }: { cohort: CohortSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="lg">
        <Fact label={t('cohorts.columns.dates')}>
          {cohort.startOn ? format.date(cohort.startOn) : '—'}
          {cohort.endOn ? ` – ${format.date(cohort.endOn)}` : ''}
        </Fact>
        <Fact label={t('cohorts.columns.schedule')}>{cohort.schedule.length > 0 ? scheduleText(cohort.schedule, format.locale) : '—'}</Fact>
        <Fact label={t('cohorts.columns.teacher')}>{cohort.teacherName ?? '—'}</Fact>
        <Fact label={t('cohorts.columns.room')}>{cohort.roomName ?? '—'}</Fact>
        <Fact label={t('cohorts.columns.seats')}>
          {cohort.capacity === null
            ? format.integer(cohort.seatsTaken)
            : `${format.integer(cohort.seatsTaken)} / ${format.integer(cohort.capacity)}`}
          {cohort.minimumToRun !== null ? ` · ${t('cohorts.minimumShort', { count: cohort.minimumToRun })}` : ''}
        </Fact>
        <Fact label={t('cohorts.columns.price')}>
          {cohort.effectivePriceMinor === null ? '—' : format.money(cohort.effectivePriceMinor)}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

export function CohortWarnings({ warnings }: { warnings: readonly CohortWarning[] }) {
  const { t } = useTranslation();
  return warnings.map((w) => (
    <Alert
      key={w.kind}
      color={w.kind === 'over' ? 'red' : 'orange'}
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      data-testid={`cohort-warning-${w.kind}`}
    >
      {w.kind === 'over'
        ? t('cohorts.warnings.over', { seats: w.seats, capacity: w.capacity })
        : t('cohorts.warnings.under', { seats: w.seats, minimum: w.minimum, count: w.days })}
    </Alert>
  ));
}
