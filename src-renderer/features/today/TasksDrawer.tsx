/**
 * "All tasks": every open task from `tasks.list`, the ones not yet due and the
 * undated ones included (Today shows only what is due), optionally with the
 * done ones, each with its Edit and Delete. Opened from the Today tasks card;
 * the menu items here are the same the Today rows use, so a task is changed
 * the same way wherever it is found.
 */
import { ActionIcon, Drawer, Group, Menu, Stack, Switch, Text } from '@mantine/core';
import { IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-shared/api/today-methods';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { useTodayUi } from './store';

type TaskFields = Pick<Task, 'title' | 'dueOn' | 'notes'> & { taskId: string };

/** Edit and (for a role that may delete) Delete: menu items for a task, wherever it is listed. */
export function TaskMenuItems({ task }: { task: TaskFields }) {
  const { t } = useTranslation();
  const open = useTodayUi((s) => s.open);
  const canDelete = useCan('records.delete');
  return (
    <>
      <Menu.Item
        leftSection={<IconPencil size={14} />}
        onClick={() => open({ type: 'editTask', taskId: task.taskId, title: task.title, dueOn: task.dueOn, notes: task.notes })}
      >
        {t('today.tasks.edit')}
      </Menu.Item>
      {canDelete && (
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => open({ type: 'deleteTask', taskId: task.taskId, title: task.title })}
        >
          {t('today.tasks.delete')}
        </Menu.Item>
      )}
    </>
  );
}

function TaskRow({ task }: { task: Task }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canWrite = useCan('clients.write');
  return (
    <Group
      justify="space-between"
      gap="xs"
      wrap="nowrap"
      py={6}
      data-testid="all-tasks-item"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text fw={500} truncate td={task.doneAt ? 'line-through' : undefined}>
          {task.title}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {[task.dueOn ? format.date(task.dueOn) : t('today.noDate'), task.notes].filter(Boolean).join(' · ')}
        </Text>
      </div>
      {canWrite && (
        <Menu position="bottom-end" withinPortal zIndex={350}>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('today.actions.more', { name: task.title })}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <TaskMenuItems task={{ taskId: task.id, title: task.title, dueOn: task.dueOn, notes: task.notes }} />
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

export function TasksDrawer() {
  const { t } = useTranslation();
  const opened = useTodayUi((s) => s.allTasks);
  const show = useTodayUi((s) => s.showAllTasks);
  return (
    <Drawer opened={opened} onClose={() => show(false)} position="right" size="md" title={t('today.tasks.all')} data-testid="all-tasks">
      {opened && <TaskList />}
    </Drawer>
  );
}

function TaskList() {
  const { t } = useTranslation();
  const [includeDone, setIncludeDone] = useState(false);
  const tasks = useQuery('tasks.list', { includeDone }, { tables: ['tasks', 'clients'] });
  return (
    <Stack gap="sm">
      <Switch label={t('today.tasks.includeDone')} checked={includeDone} onChange={(e) => setIncludeDone(e.currentTarget.checked)} />
      {tasks.error && (
        <Text c="red" size="sm">
          {t(`errors.code.${tasks.error.code}`)}
        </Text>
      )}
      {tasks.data && tasks.data.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('today.tasks.none')}
        </Text>
      )}
      <Stack gap={0}>
        {(tasks.data ?? []).map((task) => (
          <TaskRow key={task.id} task={task} />
        ))}
      </Stack>
    </Stack>
  );
}
