/**
 * The way back from "Snooze" and "Dismiss": an Undo in the notice that follows
 * the click, and a "Hidden" list in the page header holding every reminder that
 * is snoozed or dismissed (`reminders.hidden`), each with "Bring back"
 * (`reminders.restore`). The list is the API's, not the page's memory, so it
 * survives a reload and shows what was hidden on the other machine; it refetches
 * when reminder states (or what they are about) change, as the lists do. Each row
 * says what the reminder is about, its program or group and day, and how and when
 * it was hidden. A refusal is shown where the person acted.
 */
import { Anchor, Button, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HiddenReminderItem, ReminderKey } from '../../../src-shared/api/today-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { reminderTables } from './TodayBadge';

/** What the notice after a snooze or dismissal needs: the reminder, and which of the two it was. */
export interface HiddenNotice {
  reminder: ReminderKey;
  how: 'snoozed' | 'dismissed';
}

/** Restores a hidden reminder; answers the refusal in the user's language, or null. */
export function useRestoreReminder() {
  const { t } = useTranslation();
  const api = useApi();
  return async (reminder: ReminderKey): Promise<string | null> => {
    try {
      await api.call('reminders.restore', { kind: reminder.kind, subjectId: reminder.subjectId });
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
  const restore = useRestoreReminder();
  return (entry: HiddenNotice) => {
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

/** The line under a hidden reminder's name: its kind, program or group, day and amount, then how it was hidden. */
function useDescribe() {
  const { t } = useTranslation();
  const format = useFormat();
  return (item: HiddenReminderItem) => {
    const cohortOwn = item.cohortId !== null && item.clientId === null;
    const about = [
      t(`today.hidden.kinds.${item.kind}`),
      cohortOwn ? item.programName : [item.programName, item.cohortName].filter(Boolean).join(' · '),
      item.kind === 'task' ? item.clientName : null,
      item.dueOn ? format.date(item.dueOn) : null,
      item.amountMinor === undefined ? null : format.money(item.amountMinor),
    ].filter(Boolean);
    const how = item.snoozedUntil
      ? t('today.hidden.snoozedUntil', { date: format.date(item.snoozedUntil) })
      : t('today.hidden.dismissedOn', { date: format.date(item.dismissedAt ?? item.hiddenAt) });
    return { about: about.join(' · '), how };
  };
}

function HiddenRow({ item }: { item: HiddenReminderItem }) {
  const { t } = useTranslation();
  const restore = useRestoreReminder();
  const describe = useDescribe();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const bringBack = async () => {
    setBusy(true);
    setRefusal(await restore(item));
    setBusy(false);
  };
  const { about, how } = describe(item);
  return (
    <Stack gap={2} data-testid="hidden-reminder">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {item.name}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {about}
          </Text>
          <Text size="xs" c="dimmed">
            {how}
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

/** The header button listing every hidden reminder, newest first; absent while there is none. */
export function HiddenRemindersButton() {
  const canWrite = useCan('clients.write');
  // Only people who may bring a reminder back are shown the list (and ask for it).
  return canWrite ? <HiddenRemindersList /> : null;
}

function HiddenRemindersList() {
  const { t } = useTranslation();
  const hidden = useQuery('reminders.hidden', {}, { tables: reminderTables });
  const list = hidden.data;
  if (!list || list.total === 0) return null;
  return (
    <Popover position="bottom-end" width={360} withinPortal shadow="md">
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconEyeOff size={14} />} data-testid="hidden-reminders">
          {t('today.hidden.button', { count: list.total })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('today.hidden.hint')}
          </Text>
          <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
            <Stack gap="xs">
              {list.items.map((item) => (
                <HiddenRow key={`${item.kind}:${item.subjectId}`} item={item} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
          {list.total > list.items.length && (
            <Text size="xs" c="dimmed">
              {t('today.shownOf', { shown: list.items.length, count: list.total })}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
