/**
 * The way back from "Snooze" and "Dismiss": an Undo in the notice that follows
 * the click, and a "Hidden" list in the page header holding every reminder
 * hidden here since the page opened, each with "Bring back" (`reminders.restore`).
 * The API offers no list of hidden reminders, so the list is the page's own
 * memory of what it hid; that is enough to take back a click on the wrong row,
 * which is what people need it for. A refusal is shown where the person acted.
 */
import { Anchor, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderKey } from '../../../src-shared/api/today-methods';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useTodayUi, type HiddenReminder } from './store';

/** Restores a hidden reminder and forgets it; answers the refusal in the user's language, or null. */
export function useRestoreReminder() {
  const { t } = useTranslation();
  const api = useApi();
  const unhide = useTodayUi((s) => s.unhide);
  return async (reminder: ReminderKey): Promise<string | null> => {
    try {
      await api.call('reminders.restore', { kind: reminder.kind, subjectId: reminder.subjectId });
      unhide(reminder);
      notifications.show({ color: 'teal', message: t('today.hidden.restored') });
      return null;
    } catch (error) {
      return error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error);
    }
  };
}

/** The notice after a snooze or dismissal, with an Undo that brings the reminder back. */
export function useHiddenNotice() {
  const { t } = useTranslation();
  const hide = useTodayUi((s) => s.hide);
  const restore = useRestoreReminder();
  return (entry: HiddenReminder) => {
    hide(entry);
    const id = `hidden-${entry.reminder.kind}-${entry.reminder.subjectId}`;
    const undo = async () => {
      const refusal = await restore(entry.reminder);
      notifications.hide(id);
      if (refusal) notifications.show({ color: 'red', message: refusal });
    };
    notifications.show({
      id,
      color: 'gray',
      message: (
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm">{t(`today.${entry.how}`)}</Text>
          <Anchor component="button" type="button" size="sm" onClick={() => void undo()} data-testid="reminder-undo">
            {t('today.hidden.undo')}
          </Anchor>
        </Group>
      ),
    });
  };
}

function HiddenRow({ entry }: { entry: HiddenReminder }) {
  const { t } = useTranslation();
  const restore = useRestoreReminder();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const bringBack = async () => {
    setBusy(true);
    setRefusal(await restore(entry.reminder));
    setBusy(false);
  };
  return (
    <Stack gap={2} data-testid="hidden-reminder">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {entry.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`today.${entry.how}`)}
          </Text>
        </div>
        <Button size="compact-xs" variant="light" loading={busy} onClick={() => void bringBack()}>
          {t('today.hidden.restore')}
        </Button>
      </Group>
      {refusal && (
        <Text size="xs" c="red">
          {refusal}
        </Text>
      )}
    </Stack>
  );
}

/** The header button listing what was hidden here; absent until something is. */
export function HiddenRemindersButton() {
  const { t } = useTranslation();
  const hidden = useTodayUi((s) => s.hidden);
  const canWrite = useCan('clients.write');
  if (!canWrite || hidden.length === 0) return null;
  return (
    <Popover position="bottom-end" width={320} withinPortal shadow="md">
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconEyeOff size={14} />} data-testid="hidden-reminders">
          {t('today.hidden.button', { count: hidden.length })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('today.hidden.hint')}
          </Text>
          {hidden.map((entry) => (
            <HiddenRow key={`${entry.reminder.kind}:${entry.reminder.subjectId}`} entry={entry} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
