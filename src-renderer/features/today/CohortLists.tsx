/**
 * The Today lists about groups: groups starting soon (with the people to notify),
 * groups that could open for the people waiting (invites), and groups below their
 * minimum or over capacity. A group row lists its people underneath, so the
 * message for everyone and the one for a single person sit side by side.
 */
import { Box, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconSend, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CohortInviteItem, TodayLists } from '../../../src-shared/api/today-methods';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { ListRow, ListSection, ReminderMenu } from './ListSection';
import { useTodayUi } from './store';

export function CohortStartsList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useTodayUi((s) => s.open);
  const { asOf } = today;
  return (
    <ListSection
      id="cohort-starts"
      title={t('today.lists.cohortStarts', { count: today.startSoonDays })}
      icon={IconUsersGroup}
      color="grape"
      items={today.cohortStarts}
      empty={t('today.empty.cohortStarts')}
    >
      {(c) => (
        <Box data-testid="cohort-start-item">
          <ListRow
            testId="cohort-start-row"
            title={`${c.programName} – ${c.cohortName}`}
            detail={`${c.daysUntil === 0 ? t('today.startsToday') : t('today.startsIn', { date: format.date(c.startOn ?? asOf), count: c.daysUntil })} · ${
              c.capacity === null
                ? t('today.seatsNoCap', { taken: c.seatsTaken })
                : t('today.seats', { taken: c.seatsTaken, capacity: c.capacity })
            }`}
          >
            {c.toNotify.length > 0 && (
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<IconSend size={14} />}
                onClick={() =>
                  open({
                    type: 'message',
                    target: { purpose: 'cohort_start', enrollmentIds: c.toNotify.map((p) => p.enrollmentId), cohortId: c.cohortId },
                    reminders: Object.fromEntries(
                      c.toNotify.map((p) => [p.enrollmentId, { kind: 'cohort_start' as const, subjectId: p.subjectId }]),
                    ),
                  })
                }
              >
                {t('today.actions.notifyAll', { count: c.toNotify.length })}
              </Button>
            )}
            <ReminderMenu reminder={c} name={c.cohortName} asOf={asOf} />
          </ListRow>
          {c.toNotify.slice(0, peoplePerGroup).map((p) => (
            <Text key={p.subjectId} size="xs" c="dimmed" pl="md" pb={4}>
              {p.clientName} · {t('today.toNotify', { count: p.notifyBeforeDays })}
            </Text>
          ))}
          <MorePeople shown={Math.min(peoplePerGroup, c.toNotify.length)} count={c.toNotify.length} />
        </Box>
      )}
    </ListSection>
  );
}

export function InvitesList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  return (
    <ListSection
      id="invites"
      title={t('today.lists.invites')}
      icon={IconUserPlus}
      color="teal"
      items={today.invites}
      count={today.counts.invites}
      empty={t('today.empty.invites')}
    >
      {(c) => <InviteGroup group={c} asOf={today.asOf} />}
    </ListSection>
  );
}

/** One group people are waiting for: invite them all, or one by one. */
function InviteGroup({ group: c, asOf }: { group: CohortInviteItem; asOf: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useTodayUi((s) => s.open);
  const canWrite = useCan('clients.write');
  return (
    <Box data-testid="invite-item">
      <Group justify="space-between" py={8} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} wrap="wrap" gap="xs">
        <Box miw={0} style={{ flex: '1 1 220px' }}>
          <Text fw={600} truncate>
            {c.programName} – {c.cohortName}
          </Text>
          <Text size="xs" c="dimmed">
            {c.startOn
              ? t('today.startsIn', {
                  date: format.date(c.startOn),
                  count: Math.max(0, Math.round((Date.parse(c.startOn) - Date.parse(asOf)) / 86_400_000)),
                })
              : t('today.noDate')}
          </Text>
        </Box>
        {canWrite && c.interested.length > 1 && (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() =>
              open({
                type: 'message',
                target: {
                  purpose: 'new_cohort_invite',
                  enrollmentIds: c.interested.map((p) => p.enrollmentId),
                  cohortId: c.cohortId,
                },
                reminders: Object.fromEntries(
                  c.interested.map((p) => [p.enrollmentId, { kind: 'cohort_invite' as const, subjectId: p.subjectId }]),
                ),
              })
            }
          >
            {t('today.actions.inviteAll', { count: c.interested.length })}
          </Button>
        )}
      </Group>
      {c.interested.slice(0, peoplePerGroup).map((p) => (
        <Group key={p.subjectId} justify="space-between" pl="md" pb={6} wrap="nowrap">
          <Text size="sm" truncate>
            {p.clientName}{' '}
            <Text span size="xs" c="dimmed">
              {t(`labels.enrollmentStatus.${p.status}`)}
            </Text>
          </Text>
          <Group gap={6} wrap="nowrap">
            {canWrite && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  open({
                    type: 'message',
                    target: { purpose: 'new_cohort_invite', enrollmentIds: [p.enrollmentId], cohortId: c.cohortId },
                    reminders: { [p.enrollmentId]: { kind: 'cohort_invite', subjectId: p.subjectId } },
                  })
                }
              >
                {t('today.actions.invite')}
              </Button>
            )}
            <ReminderMenu reminder={{ kind: 'cohort_invite', subjectId: p.subjectId }} name={p.clientName} asOf={asOf} />
          </Group>
        </Group>
      ))}
      <MorePeople shown={Math.min(peoplePerGroup, c.interested.length)} count={c.interested.length} />
    </Box>
  );
}

/** People listed under one group; the group's "all" button reaches every one of them in one batch. */
const peoplePerGroup = 3;

/** "3 of 15": the rest of a group's people are reached through its "all" button, not listed one by one. */
function MorePeople({ shown, count }: { shown: number; count: number }) {
  const { t } = useTranslation();
  if (count <= shown) return null;
  return (
    <Text size="xs" c="dimmed" pl="md" pb={6}>
      {t('today.shownOf', { shown, count })}
    </Text>
  );
}

export function CohortHealthList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { asOf } = today;
  return (
    <ListSection
      id="cohort-health"
      title={t('today.lists.cohortHealth')}
      icon={IconAlertTriangle}
      color="yellow"
      items={today.cohortHealth}
      empty={t('today.empty.cohortHealth')}
    >
      {(c) => (
        <ListRow
          testId="cohort-health-item"
          title={`${c.programName} – ${c.cohortName}`}
          detail={`${
            c.problem === 'under_minimum'
              ? t('today.underMinimum', { taken: c.seatsTaken, minimum: c.minimumToRun ?? 0 })
              : t('today.overCapacity', { taken: c.seatsTaken, capacity: c.capacity ?? 0 })
          } · ${c.daysUntil === 0 ? t('today.startsToday') : t('today.startsIn', { date: format.date(c.startOn ?? asOf), count: c.daysUntil })}`}
        >
          <ReminderMenu reminder={c} name={c.cohortName} asOf={asOf} />
        </ListRow>
      )}
    </ListSection>
  );
}
