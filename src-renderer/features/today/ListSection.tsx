/**
 * The pieces every list on the Today page is built from: the card (title, icon,
 * count badge, an optional action, the empty text), one row per item with its
 * actions at the right, and the menu that snoozes or dismisses a reminder. Every
 * list uses the same card and row, so the lists look alike, keep the same test
 * ids and change together; a list only says which items it shows and how.
 * A card shows its first ten items and the whole count: at 5,000 clients the
 * page used to be 59,000 px tall and took seconds to draw. "See all" opens the
 * grid that holds the whole list, filtered; a list with no grid of its own
 * unfolds in place.
 */
import { ActionIcon, Anchor, Badge, Box, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, type Icon } from '@tabler/icons-react';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderKey } from '../../../src-shared/api/today-methods';
import { addDaysIso } from '../../../src-shared/dates';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useHiddenNotice } from './HiddenReminders';

interface ListSectionProps<Item> {
  id: string;
  title: string;
  icon: Icon;
  color: string;
  empty: string;
  action?: ReactNode;
  items: readonly Item[];
  /** Defaults to the number of items; the invites list counts people, not groups. */
  count?: number;
  /** One item as it shows in the list. */
  children: (item: Item) => ReactNode;
  /** Opens the grid holding the whole list, filtered; without it "see all" unfolds the card. */
  seeAll?: () => void;
}

/** Items a card shows before "see all". */
export const cardLimit = 10;

/** One list of the Today page: a card with its count, and its items or its empty text. */
export function ListSection<Item extends { subjectId: string }>(props: ListSectionProps<Item>) {
  const { id, title, icon: CardIcon, color, items, seeAll } = props;
  const { t } = useTranslation();
  const [unfolded, setUnfolded] = useState(false);
  const count = props.count ?? items.length;
  const shown = unfolded ? items : items.slice(0, cardLimit);
  const more = count > shown.length;
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
        {props.action}
      </Group>
      {count === 0 ? (
        <Text c="dimmed" size="sm">
          {props.empty}
        </Text>
      ) : (
        <Stack gap={0}>
          {shown.map((item) => (
            <Fragment key={item.subjectId}>{props.children(item)}</Fragment>
          ))}
          {more && (seeAll || shown.length < items.length) && (
            <Group justify="space-between" pt={8} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <Text size="xs" c="dimmed">
                {t('today.shownOf', { shown: shown.length, count })}
              </Text>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={seeAll ?? (() => setUnfolded(true))}
                data-testid={`today-${id}-see-all`}
              >
                {t('today.seeAll', { count })}
              </Anchor>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** One item: what it is and why it is listed on the left, its actions on the right. */
export function ListRow({
  testId,
  title,
  detail,
  children,
}: {
  testId: string;
  title: ReactNode;
  detail: ReactNode;
  children?: ReactNode;
}) {
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

/**
 * Snooze (a day, three days, a week) or dismiss a reminder, with an Undo after;
 * only for people who may write. `extra` puts an item's own actions (a task's
 * Edit and Delete) at the top of the same menu.
 */
export function ReminderMenu({ reminder, name, asOf, extra }: { reminder: ReminderKey; name: string; asOf: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  const api = useApi();
  const canWrite = useCan('clients.write');
  const notice = useHiddenNotice();
  if (!canWrite) return null;
  const key: ReminderKey = { kind: reminder.kind, subjectId: reminder.subjectId };
  const act = async (call: Promise<unknown>, how: 'snoozed' | 'dismissed') => {
    try {
      await call;
      notice({ reminder: key, how });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof ApiError ? t(`errors.code.${error.code}`) : String(error) });
    }
  };
  const snooze = (days: number) => void act(api.call('reminders.snooze', { ...key, until: addDaysIso(asOf, days) }), 'snoozed');
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('today.actions.more', { name })}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {extra}
        {extra && <Menu.Divider />}
        <Menu.Item onClick={() => snooze(1)}>{t('today.actions.snoozeTomorrow')}</Menu.Item>
        <Menu.Item onClick={() => snooze(3)}>{t('today.actions.snoozeThreeDays')}</Menu.Item>
        <Menu.Item onClick={() => snooze(7)}>{t('today.actions.snoozeWeek')}</Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => void act(api.call('reminders.dismiss', key), 'dismissed')}>
          {t('today.actions.dismiss')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
