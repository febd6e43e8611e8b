/**
 * One cohort's page: what it is (program, dates, schedule, teacher, room, seats,
 * price), the warnings that need action, the roster with each person's status,
 * agreed price, paid, balance and next instalment, and the status board. The
 * money columns appear only for roles that may see payments; the service leaves
 * them empty for the others anyway.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconCopy, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { todayIn } from '../../../src-shared/dates';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../app/permissions';
import { useFormat, useSettings } from '../../app/workspace';
import { useUiStore } from '../../stores/ui';
import { useClientsUi } from '../clients';
import { openEnrollDialog } from '../enroll';
import { StatusSelect } from '../enrollments';
import { cohortWarnings, scheduleText } from './schedule';
import { StatusBoard } from './StatusBoard';
import { useCohortsUi } from './store';

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
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

export function CohortPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const settings = useSettings();
  const seesMoney = useCan('payments.read');
  const canCatalog = useCan('catalog.write');
  const canEnroll = useCan('enrollments.write');
  const { show, openEdit } = useCohortsUi();
  const detail = useQuery(
    'cohorts.get',
    { id },
    { tables: ['cohorts', 'enrollments', 'clients', 'payments', 'instalments', 'programs', 'teachers', 'rooms', 'payment_allocations'] },
  );

  if (detail.error && !detail.data) {
    return (
      <Stack>
        <Anchor component="button" onClick={() => show(null)}>
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('cohorts.back')}
          </Group>
        </Anchor>
        <Alert color="red" variant="light">
          {t(`errors.code.${detail.error.code}`)}
        </Alert>
      </Stack>
    );
  }
  if (!detail.data) return <Skeleton h={240} />;
  const cohort = detail.data;
  const warnings = cohortWarnings(cohort, todayIn(settings.timeZone, new Date()), settings.startSoonDays);

  const duplicate = async () => {
    try {
      const next = await api.call('cohorts.duplicate', { id: cohort.id });
      notifications.show({ color: 'teal', message: t('cohorts.duplicated', { name: next.name }) });
      show(next.id);
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };

  return (
    <Stack gap="lg" data-testid="cohort-page">
      <Anchor component="button" size="sm" onClick={() => show(null)} w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('cohorts.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div>
          <Group gap="sm">
            <Title order={2}>{cohort.name}</Title>
            <Badge variant="light">{t(`cohorts.statuses.${cohort.status}`)}</Badge>
            {cohort.published && (
              <Badge variant="outline" color="teal">
                {t('cohorts.published')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" mt={4}>
            {cohort.programName}
          </Text>
        </div>
        <Group gap="sm">
          {canCatalog && (
            <>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => openEdit(cohort.id)}>
                {t('cohorts.edit')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconCopy size={16} />}
                onClick={() => void duplicate()}
                data-testid="duplicate-cohort"
              >
                {t('cohorts.duplicate')}
              </Button>
            </>
          )}
          {canEnroll && (
            <Button
              leftSection={<IconUserPlus size={16} />}
              onClick={() => openEnrollDialog({ cohortId: cohort.id })}
              data-testid="cohort-enroll"
            >
              {t('enroll.open')}
            </Button>
          )}
        </Group>
      </Group>

      {warnings.map((w) => (
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
      ))}

      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="lg">
          <Fact label={t('cohorts.columns.dates')}>
            {cohort.startOn ? format.date(cohort.startOn) : '—'}
            {cohort.endOn ? ` – ${format.date(cohort.endOn)}` : ''}
          </Fact>
          <Fact label={t('cohorts.columns.schedule')}>
            {cohort.schedule.length > 0 ? scheduleText(cohort.schedule, format.locale) : '—'}
          </Fact>
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

      <Stack gap="xs">
        <Title order={4}>{t('cohorts.roster')}</Title>
        <Paper withBorder radius="md">
          {cohort.roster.length === 0 ? (
            <Text c="dimmed" p="lg" ta="center">
              {t('cohorts.emptyRoster')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing={6} horizontalSpacing="md" highlightOnHover data-testid="roster-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('enrollments.columns.client')}</Table.Th>
                    <Table.Th>{t('enrollments.columns.status')}</Table.Th>
                    <Table.Th ta="right">{t('enrollments.columns.agreedPrice')}</Table.Th>
                    {seesMoney && (
                      <>
                        <Table.Th ta="right">{t('enrollments.columns.paid')}</Table.Th>
                        <Table.Th ta="right">{t('enrollments.columns.balance')}</Table.Th>
                        <Table.Th>{t('cohorts.nextInstalment')}</Table.Th>
                      </>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {cohort.roster.map((row) => (
                    <Table.Tr key={row.enrollmentId} data-testid="roster-row">
                      <Table.Td>
                        <Anchor
                          component="button"
                          size="sm"
                          fw={500}
                          display="block"
                          onClick={() => {
                            useClientsUi.getState().openClient(row.clientId);
                            useUiStore.getState().openSection('clients');
                          }}
                          data-testid="roster-client"
                        >
                          {row.clientName}
                        </Anchor>
                        {row.phone && (
                          <Anchor href={`tel:${row.phone}`} size="xs" c="dimmed">
                            {row.phone}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <StatusSelect id={row.enrollmentId} name={row.clientName} status={row.status} />
                      </Table.Td>
                      <Table.Td ta="right" style={numeric}>
                        {format.money(row.agreedPriceMinor - row.discountMinor)}
                      </Table.Td>
                      {seesMoney && (
                        <>
                          <Table.Td ta="right" style={numeric}>
                            {format.money(row.paidMinor)}
                          </Table.Td>
                          <Table.Td
                            ta="right"
                            style={numeric}
                            c={row.balanceMinor > 0 ? 'orange' : undefined}
                            fw={600}
                            data-testid="roster-balance"
                          >
                            {format.money(row.balanceMinor)}
                          </Table.Td>
                          <Table.Td style={numeric}>
                            {row.nextDue ? (
                              <Text size="sm" c={row.nextDue.state === 'overdue' ? 'red' : undefined}>
                                {format.date(row.nextDue.dueOn)} · {format.money(row.nextDue.outstandingMinor)}
                              </Text>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                        </>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      </Stack>

      <Stack gap="xs">
        <Title order={4}>{t('cohorts.board.title')}</Title>
        <StatusBoard roster={cohort.roster} />
      </Stack>
    </Stack>
  );
}
