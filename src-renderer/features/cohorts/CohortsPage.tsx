/**
 * The Cohorts section: the list of groups (program, start, schedule, teacher,
 * room, seats taken of capacity, status, and — for those who may see money —
 * the expected revenue, each enrollment's price weighted by how likely its
 * status is to pay), or one cohort's page when one is open. An empty list says
 * what to do next, naming the school's own first program.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CohortSummary } from '../../../src-shared/api/types';
import { todayIn } from '../../../src-shared/dates';
import { statusWeight, type EnrollmentStatus } from '../../../src-shared/domain';
import { useQuery } from '../../api/context';
import { useCan } from '../../app/permissions';
import { useFormat, useSettings } from '../../app/workspace';
import { CohortEditor } from './CohortEditor';
import { CohortPage } from './CohortPage';
import { cohortWarnings, scheduleText } from './schedule';
import { useCohortsUi } from './store';

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function CohortList({ cohorts }: { cohorts: CohortSummary[] | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const settings = useSettings();
  const seesFinance = useCan('finance.read');
  const canCatalog = useCan('catalog.write');
  const { show, openCreate } = useCohortsUi();
  const [programFilter, setProgramFilter] = useState<string | null>(null);
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });
  // Only people who may see money totals need every enrollment's price; others ask for none.
  const enrollments = useQuery('enrollments.list', seesFinance ? {} : { status: ['transferred'], cohortId: 'none' }, {
    tables: ['enrollments'],
  });
  const today = todayIn(settings.timeZone, new Date());

  const expected = useMemo(() => {
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

  const rows = (cohorts ?? []).filter((c) => !programFilter || c.programId === programFilter);
  const firstProgram = programs.data?.[0];

  let body: ReactNode;
  if (!cohorts) {
    body = (
      <Stack gap="xs" p="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  } else if (rows.length === 0) {
    const program = programs.data?.find((p) => p.id === programFilter) ?? firstProgram;
    body = (
      <EmptyState
        variant="light"
        icon={<IconUsersGroup size={28} stroke={1.5} />}
        title={program ? t('cohorts.emptyTitleFor', { name: program.name }) : t('cohorts.emptyTitle')}
        description={program ? t('cohorts.emptyDescription') : t('cohorts.emptyNoPrograms')}
        py={48}
        data-testid="cohorts-empty"
      >
        {program && canCatalog && (
          <EmptyState.Actions>
            <Button leftSection={<IconPlus size={16} />} onClick={() => openCreate(program.id)}>
              {t('cohorts.add')}
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  } else {
    body = (
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
              {seesFinance && <Table.Th ta="right">{t('cohorts.columns.expected')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((cohort) => {
              const warnings = cohortWarnings(cohort, today, settings.startSoonDays);
              return (
                <Table.Tr key={cohort.id} data-testid="cohort-row">
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
                  {seesFinance && (
                    <Table.Td ta="right" style={numeric}>
                      {format.money(expected.get(cohort.id) ?? 0)}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Title order={2}>{t('cohorts.title')}</Title>
          <Text c="dimmed" mt={4}>
            {t('cohorts.subtitle')}
          </Text>
        </div>
        <Group gap="md" align="flex-end">
          <Select
            aria-label={t('cohorts.filterProgram')}
            placeholder={t('cohorts.allPrograms')}
            data={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={programFilter}
            onChange={setProgramFilter}
            clearable
            w={220}
            comboboxProps={{ withinPortal: true }}
          />
          {canCatalog && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => openCreate(programFilter ?? undefined)} data-testid="new-cohort">
              {t('cohorts.add')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder radius="md">
        {body}
      </Paper>
    </Stack>
  );
}

export function CohortsPage() {
  const { t } = useTranslation();
  const openId = useCohortsUi((s) => s.openId);
  const cohorts = useQuery('cohorts.list', {}, { tables: ['cohorts', 'programs', 'teachers', 'rooms', 'enrollments', 'clients'] });
  return (
    <>
      {cohorts.error && !cohorts.data ? (
        <Alert color="red" variant="light" title={t('cohorts.loadFailed')}>
          {t(`errors.code.${cohorts.error.code}`)}
        </Alert>
      ) : openId ? (
        <CohortPage id={openId} />
      ) : (
        <CohortList cohorts={cohorts.data} />
      )}
      <CohortEditor cohorts={cohorts.data ?? []} />
    </>
  );
}
