/**
 * The Today lists about people: follow-ups to call back, people thinking it over
 * with no call-back day (flagged so no lead is forgotten), birthdays to greet and
 * the school's own tasks (each editable from its menu, all of them in a drawer). Each is a named list over the shared ListSection, so
 * the page reads as the list of lists it shows, and each list reads its own
 * permissions and opens its own dialogs.
 */
import { Box, Button, Checkbox, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCake, IconChecklist, IconHourglass, IconListDetails, IconPhoneCall, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TodayLists } from '../../../src-shared/api/today-methods';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { openGridWith } from '../../grid';
import { useUiStore } from '../../stores/ui';
import { useFormat } from '../../shared/workspace';
import { ListRow, ListSection, ReminderMenu } from './ListSection';
import { useTodayUi } from './store';
import { TaskMenuItems } from './TasksDrawer';

/** Opens the Enrollments grid on the people thinking it over, earliest call-back first (empty days last). */
function useSeeThinking() {
  const openSection = useUiStore((s) => s.openSection);
  return () => {
    openGridWith('enrollments', {
      search: '',
      sorting: [{ id: 'followUp', desc: false }],
      filters: { status: { kind: 'in', values: ['thinking'] } },
    });
    openSection('enrollments');
  };
}

export function FollowUpsList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useTodayUi((s) => s.open);
  const canEnroll = useCan('enrollments.write');
  const seeThinking = useSeeThinking();
  return (
    <ListSection
      id="follow-ups"
      title={t('today.lists.followUps')}
      icon={IconPhoneCall}
      color="blue"
      items={today.followUps}
      count={today.counts.followUps}
      empty={t('today.empty.followUps')}
      seeAll={seeThinking}
    >
      {(item) => (
        <ListRow
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
          <ReminderMenu reminder={item} name={item.clientName} asOf={today.asOf} />
        </ListRow>
      )}
    </ListSection>
  );
}

/** Thinking it over with no call-back day: set one (with a note of the talk) right here. */
export function NoCallBackList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const open = useTodayUi((s) => s.open);
  const canEnroll = useCan('enrollments.write');
  const seeThinking = useSeeThinking();
  return (
    <ListSection
      id="no-call-back"
      title={t('today.lists.noCallBack')}
      icon={IconHourglass}
      color="yellow"
      items={today.noCallBack}
      count={today.counts.noCallBack}
      empty={t('today.empty.noCallBack')}
      seeAll={seeThinking}
    >
      {(item) => (
        <ListRow
          testId="no-call-back-item"
          title={item.clientName}
          detail={`${t(`labels.enrollmentStatus.${item.status}`)} · ${item.programName}${item.cohortName ? ` – ${item.cohortName}` : ''}${item.phone ? ` · ${item.phone}` : ''}`}
        >
          {canEnroll && (
            <Button
              size="compact-xs"
              variant="light"
              color="yellow"
              leftSection={<IconPhoneCall size={14} />}
              onClick={() => open({ type: 'call', enrollmentId: item.enrollmentId, clientName: item.clientName, status: item.status })}
            >
              {t('today.actions.setCallBack')}
            </Button>
          )}
          <ReminderMenu reminder={item} name={item.clientName} asOf={today.asOf} />
        </ListRow>
      )}
    </ListSection>
  );
}

export function BirthdaysList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = useTodayUi((s) => s.open);
  const canWrite = useCan('clients.write');
  return (
    <ListSection
      id="birthdays"
      title={t('today.lists.birthdays')}
      icon={IconCake}
      color="pink"
      items={today.birthdays}
      empty={t('today.empty.birthdays')}
    >
      {(b) => (
        <ListRow testId="birthday-item" title={b.clientName} detail={t('today.turns', { count: b.turns, date: format.date(b.on) })}>
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
          <ReminderMenu reminder={b} name={b.clientName} asOf={today.asOf} />
        </ListRow>
      )}
    </ListSection>
  );
}

export function TasksList({ today }: { today: TodayLists }) {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const open = useTodayUi((s) => s.open);
  const showAllTasks = useTodayUi((s) => s.showAllTasks);
  const canWrite = useCan('clients.write');
  const completeTask = async (taskId: string) => {
    try {
      await api.call('tasks.complete', { id: taskId, done: true });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };
  return (
    <ListSection
      id="tasks"
      title={t('today.lists.tasks')}
      icon={IconChecklist}
      color="indigo"
      items={today.tasks}
      empty={t('today.empty.tasks')}
      action={
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconListDetails size={14} />}
            onClick={() => showAllTasks(true)}
            data-testid="today-tasks-all"
          >
            {t('today.tasks.all')}
          </Button>
          {canWrite && (
            <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => open({ type: 'task' })}>
              {t('today.tasks.add')}
            </Button>
          )}
        </Group>
      }
    >
      {(task) => (
        <Group py={8} gap="sm" wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid="task-item">
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
          <ReminderMenu reminder={task} name={task.title} asOf={today.asOf} extra={<TaskMenuItems task={task} />} />
        </Group>
      )}
    </ListSection>
  );
}
