/**
 * The start page: every list the reminder engine computes for today, each item
 * actionable where it stands — log a call, record a payment, send a reminder,
 * invite the people waiting for a group, snooze or dismiss. The lists refetch
 * whenever a table they depend on changes, so an action taken here (or anywhere)
 * moves the item at once. Money is shown per client only; the engine leaves the
 * money lists empty for a role without `payments.read`.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCake,
  IconCalendarDue,
  IconCash,
  IconChecklist,
  IconDots,
  IconPhoneCall,
  IconPlus,
  IconSend,
  IconUserPlus,
  IconUsersGroup,
  IconWallet,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstalmentItem, ReminderKey, TodayLists } from '../../../src-shared/api/today-methods';
import { addDaysIso } from '../../../src-shared/dates';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../app/permissions';
import { useFormat } from '../../app/workspace';
import { CallDialog, PaymentDialog, TaskDialog } from './dialogs';
import { MessageDialog } from './MessageDialog';
import { reminderTables } from './TodayBadge';
import { useTodayUi } from './store';

function ListCard({
  id,
  title,
  icon: CardIcon,
  count,
  color,
  action,
  empty,
  children,
}: {
  id: string;
  title: string;
  icon: Icon;
  count: number;
  color: string;
  action?: ReactNode;
  empty: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={`today-${id}`}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <CardIcon size={18} stroke={1.6} color={`var(--mantine-color-${color}-6)`} />
          <Title order={4} fz="md">
            {title}
          </Title>
          <Badge variant="light" color={count > 0 ? color : 'gray'} size="sm">
            {count}
          </Badge>
        </Group>
        {action}
      </Group>
      {count === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Stack gap={0}>{children}</Stack>
      )}
    </Paper>
  );
}

function Row({ testId, title, detail, children }: { testId: string; title: ReactNode; detail: ReactNode; children?: ReactNode }) {
  return (
    <Group
      justify="space-between"
      py={8}
      wrap="wrap"
      gap="xs"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid={testId}
    >
      <Box miw={0} style={{ flex: '1 1 220px' }}>
        <Text fw={500} truncate>
          {title}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {detail}
        </Text>
      </Box>
      <Group gap={6} wrap="nowrap">
        {children}
      </Group>
    </Group>
  );
}

function ReminderMenu({ reminder, name, asOf }: { reminder: ReminderKey; name: string; asOf: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const canWrite = useCan('clients.write');
  if (!canWrite) return null;
  const act = async (call: Promise<unknown>, message: string) => {
    try {
      await call;
      notifications.show({ color: 'gray', message });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };
  const snooze = (days: number) =>
    void act(api.call('reminders.snooze', { ...reminder, until: addDaysIso(asOf, days) }), t('today.snoozed'));
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('today.actions.more', { name })}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => snooze(1)}>{t('today.actions.snoozeTomorrow')}</Menu.Item>
        <Menu.Item onClick={() => snooze(3)}>{t('today.actions.snoozeThreeDays')}</Menu.Item>
        <Menu.Item onClick={() => snooze(7)}>{t('today.actions.snoozeWeek')}</Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => void act(api.call('reminders.dismiss', reminder), t('today.dismissed'))}>
          {t('today.actions.dismiss')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function InstalmentRows({ items, asOf }: { items: InstalmentItem[]; asOf: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useTodayUi((s) => s.open);
  const canPay = useCan('payments.write');
  return (
    <>
      {items.map((item) => (
        <Row
          key={item.subjectId}
          testId="instalment-item"
          title={item.clientName}
          detail={`${format.money(item.outstandingMinor)} · ${format.date(item.dueOn)} · ${
            item.daysLate > 0
              ? t('today.daysLate', { count: item.daysLate })
              : item.daysUntil === 0
                ? t('today.dueToday')
                : t('today.dueIn', { count: item.daysUntil })
          } · ${item.programName}${item.cohortName ? ` – ${item.cohortName}` : ''}`}
        >
          {canPay && (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconCash size={14} />}
              onClick={() =>
                open({
                  type: 'payment',
                  clientId: item.clientId,
                  clientName: item.clientName,
                  enrollmentId: item.enrollmentId,
                  outstandingMinor: item.outstandingMinor,
                })
              }
            >
              {t('today.actions.recordPayment')}
            </Button>
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconSend size={14} />}
            onClick={() =>
              open({ type: 'message', target: { purpose: 'payment_reminder', enrollmentIds: [item.enrollmentId] }, reminders: {} })
            }
          >
            {t('today.actions.sendReminder')}
          </Button>
          <ReminderMenu reminder={item} name={item.clientName} asOf={asOf} />
        </Row>
      ))}
    </>
  );
}

function Lists({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const open = useTodayUi((s) => s.open);
  const canWrite = useCan('clients.write');
  const canEnroll = useCan('enrollments.write');
  const { asOf } = today;

  const completeTask = async (taskId: string) => {
    try {
      await api.call('tasks.complete', { id: taskId, done: true });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" verticalSpacing="lg">
      <ListCard
        id="follow-ups"
        title={t('today.lists.followUps')}
        icon={IconPhoneCall}
        color="blue"
        count={today.followUps.length}
        empty={t('today.empty.followUps')}
      >
        {today.followUps.map((item) => (
          <Row
            key={item.subjectId}
            testId="follow-up-item"
            title={item.clientName}
            detail={`${t(`today.status.${item.status}`)} · ${item.programName}${item.cohortName ? ` – ${item.cohortName}` : ''} · ${t('today.followUpSince', { date: format.date(item.followUpOn) })}${item.phone ? ` · ${item.phone}` : ''}`}
          >
            {canEnroll && (
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<IconPhoneCall size={14} />}
                onClick={() => open({ type: 'call', enrollmentId: item.enrollmentId, clientName: item.clientName, status: item.status })}
              >
                {t('today.actions.logCall')}
              </Button>
            )}
            <ReminderMenu reminder={item} name={item.clientName} asOf={asOf} />
          </Row>
        ))}
      </ListCard>

      {today.moneyVisible && (
        <ListCard
          id="overdue"
          title={t('today.lists.overdue')}
          icon={IconAlertTriangle}
          color="red"
          count={today.overdue.length}
          empty={t('today.empty.overdue')}
          action={
            today.overdue.length > 1 ? (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => open({ type: 'message', target: { purpose: 'payment_reminder', overdue: true }, reminders: {} })}
              >
                {t('today.actions.remindAll')}
              </Button>
            ) : undefined
          }
        >
          <InstalmentRows items={today.overdue} asOf={asOf} />
        </ListCard>
      )}

      {today.moneyVisible && (
        <ListCard
          id="due-soon"
          title={t('today.lists.dueSoon', { count: today.dueSoonDays })}
          icon={IconCalendarDue}
          color="orange"
          count={today.dueSoon.length}
          empty={t('today.empty.dueSoon')}
        >
          <InstalmentRows items={today.dueSoon} asOf={asOf} />
        </ListCard>
      )}

      <ListCard
        id="cohort-starts"
        title={t('today.lists.cohortStarts', { count: today.startSoonDays })}
        icon={IconUsersGroup}
        color="grape"
        count={today.cohortStarts.length}
        empty={t('today.empty.cohortStarts')}
      >
        {today.cohortStarts.map((c) => (
          <Box key={c.subjectId} data-testid="cohort-start-item">
            <Row
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
            </Row>
            {c.toNotify.map((p) => (
              <Text key={p.subjectId} size="xs" c="dimmed" pl="md" pb={4}>
                {p.clientName} · {t('today.toNotify', { count: p.notifyBeforeDays })}
              </Text>
            ))}
          </Box>
        ))}
      </ListCard>

      <ListCard
        id="invites"
        title={t('today.lists.invites')}
        icon={IconUserPlus}
        color="teal"
        count={today.counts.invites}
        empty={t('today.empty.invites')}
      >
        {today.invites.map((c) => (
          <Box key={c.subjectId} data-testid="invite-item">
            <Group
              justify="space-between"
              py={8}
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              wrap="wrap"
              gap="xs"
            >
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
            {c.interested.map((p) => (
              <Group key={p.subjectId} justify="space-between" pl="md" pb={6} wrap="nowrap">
                <Text size="sm" truncate>
                  {p.clientName}{' '}
                  <Text span size="xs" c="dimmed">
                    {t(`today.status.${p.status}`)}
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
          </Box>
        ))}
      </ListCard>

      <ListCard
        id="cohort-health"
        title={t('today.lists.cohortHealth')}
        icon={IconAlertTriangle}
        color="yellow"
        count={today.cohortHealth.length}
        empty={t('today.empty.cohortHealth')}
      >
        {today.cohortHealth.map((c) => (
          <Row
            key={c.subjectId}
            testId="cohort-health-item"
            title={`${c.programName} – ${c.cohortName}`}
            detail={`${
              c.problem === 'under_minimum'
                ? t('today.underMinimum', { taken: c.seatsTaken, minimum: c.minimumToRun ?? 0 })
                : t('today.overCapacity', { taken: c.seatsTaken, capacity: c.capacity ?? 0 })
            } · ${c.daysUntil === 0 ? t('today.startsToday') : t('today.startsIn', { date: format.date(c.startOn ?? asOf), count: c.daysUntil })}`}
          >
            <ReminderMenu reminder={c} name={c.cohortName} asOf={asOf} />
          </Row>
        ))}
      </ListCard>

      {today.moneyVisible && (
        <ListCard
          id="low-balance"
          title={t('today.lists.lowBalance')}
          icon={IconWallet}
          color="cyan"
          count={today.lowBalance.length}
          empty={t('today.empty.lowBalance')}
        >
          {today.lowBalance.map((c) => (
            <Row
              key={c.subjectId}
              testId="low-balance-item"
              title={c.clientName}
              detail={t('today.prepaidLeft', { amount: format.money(c.prepaidMinor), threshold: format.money(c.thresholdMinor) })}
            >
              <ReminderMenu reminder={c} name={c.clientName} asOf={asOf} />
            </Row>
          ))}
        </ListCard>
      )}

      <ListCard
        id="birthdays"
        title={t('today.lists.birthdays')}
        icon={IconCake}
        color="pink"
        count={today.birthdays.length}
        empty={t('today.empty.birthdays')}
      >
        {today.birthdays.map((b) => (
          <Row
            key={b.subjectId}
            testId="birthday-item"
            title={b.clientName}
            detail={t('today.turns', { count: b.turns, date: format.date(b.on) })}
          >
            {canWrite && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  open({
                    type: 'message',
                    target: { purpose: 'birthday', clientIds: [b.clientId] },
                    reminders: { [b.clientId]: { kind: 'birthday', subjectId: b.subjectId } },
                  })
                }
              >
                {t('today.actions.greet')}
              </Button>
            )}
            <ReminderMenu reminder={b} name={b.clientName} asOf={asOf} />
          </Row>
        ))}
      </ListCard>

      <ListCard
        id="tasks"
        title={t('today.lists.tasks')}
        icon={IconChecklist}
        color="indigo"
        count={today.tasks.length}
        empty={t('today.empty.tasks')}
        action={
          canWrite ? (
            <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => open({ type: 'task' })}>
              {t('today.tasks.add')}
            </Button>
          ) : undefined
        }
      >
        {today.tasks.map((task) => (
          <Group
            key={task.subjectId}
            py={8}
            gap="sm"
            wrap="nowrap"
            style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            data-testid="task-item"
          >
            <Checkbox
              aria-label={t('today.actions.done', { title: task.title })}
              disabled={!canWrite}
              onChange={() => void completeTask(task.taskId)}
              checked={false}
            />
            <Box miw={0} style={{ flex: 1 }}>
              <Text fw={500} truncate>
                {task.title}
              </Text>
              <Text size="xs" c={task.daysOverdue > 0 ? 'red' : 'dimmed'}>
                {[task.dueOn ? format.date(task.dueOn) : t('today.noDate'), task.clientName].filter(Boolean).join(' · ')}
              </Text>
            </Box>
            <ReminderMenu reminder={task} name={task.title} asOf={asOf} />
          </Group>
        ))}
      </ListCard>
    </SimpleGrid>
  );
}

export function TodayPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useQuery('today.get', {}, { tables: reminderTables });

  let body: ReactNode;
  if (today.error && !today.data) {
    body = (
      <Alert color="red" variant="light" title={t('today.loadFailed')}>
        {t(`errors.code.${today.error.code}`)}
      </Alert>
    );
  } else if (!today.data) {
    body = (
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={140} radius="md" />
        ))}
      </SimpleGrid>
    );
  } else {
    body = <Lists today={today.data} />;
  }

  const asOf = today.data?.asOf;
  return (
    <Stack gap="lg" maw={1280}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('today.title')}</Title>
          <Text c="dimmed" mt={4}>
            {asOf ? `${format.date(asOf, 'full')} · ` : ''}
            {t('today.subtitle')}
          </Text>
        </div>
        {today.data && today.data.counts.total === 0 && (
          <Badge size="lg" variant="light" color="teal">
            {t('today.allClear')}
          </Badge>
        )}
      </Group>
      {body}
      {asOf && (
        <>
          <CallDialog key={`call-${asOf}`} asOf={asOf} />
          <PaymentDialog key={`pay-${asOf}`} asOf={asOf} />
          <TaskDialog key={`task-${asOf}`} asOf={asOf} />
          <MessageDialog />
        </>
      )}
    </Stack>
  );
}
