/**
 * Undo in the header: a button that reverts your latest action, a menu of your
 * recent actions (undone ones struck through), and Ctrl/Cmd+Z anywhere outside a
 * text field (inside one, the key keeps undoing typing, as people expect). The
 * work happens in the workspace (`history.undo`), which refuses with a clear
 * message when someone else has changed the same thing since.
 */
import { ActionIcon, Group, Menu, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryAction } from '../../../src-shared/api/history-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';

const watched = [
  'clients',
  'enrollments',
  'payments',
  'instalments',
  'cohorts',
  'programs',
  'teachers',
  'rooms',
  'settings',
  'activities',
  'enrollment_status_history',
  'tasks',
  'saved_views',
];

export function useActionLabel(): (action: HistoryAction) => string {
  const { t } = useTranslation();
  return (action) => {
    const what = t([`undo.tables.${action.table}`, 'undo.tables.other']);
    return t(`undo.kinds.${action.kind}`, { what });
  };
}

export function UndoControl() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const can = useCan('clients.write');
  const label = useActionLabel();
  const [busy, setBusy] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const recent = useQuery('history.recent', { limit: 8 }, { tables: watched });
  const next = recent.data?.find((a) => !a.undone);

  const undo = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const result = await api.call('history.undo', {});
      notifications.show({ color: 'teal', message: t('undo.done', { what: label(result.undone) }) });
    } catch (error) {
      const code = error instanceof ApiError ? (error.fields[0]?.code ?? error.code) : 'INTERNAL';
      notifications.show({
        color: 'orange',
        title: t('undo.failed'),
        message: t([`undo.errors.${code}`, `errors.code.${error instanceof ApiError ? error.code : 'INTERNAL'}`]),
      });
    } finally {
      setBusy(false);
    }
  };

  useHotkeys([['mod+Z', () => void undo()]], ['INPUT', 'TEXTAREA', 'SELECT']);

  if (!can) return null;
  return (
    <Group gap={0} wrap="nowrap">
      <Tooltip label={next ? t('undo.buttonWhat', { what: label(next) }) : t('undo.nothing')}>
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => void undo()}
          loading={busy}
          disabled={!next}
          aria-label={t('undo.button')}
          style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
          data-testid="undo-button"
        >
          <IconArrowBackUp size={18} stroke={1.6} />
        </ActionIcon>
      </Tooltip>
      <Menu position="bottom-end" opened={menuOpen} onChange={setMenuOpen} withinPortal width={300}>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size="lg"
            w={22}
            miw={22}
            aria-label={t('undo.recent')}
            style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: 0 }}
          >
            <IconChevronDown size={14} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('undo.recent')}</Menu.Label>
          {(recent.data ?? []).length === 0 && <Menu.Item disabled>{t('undo.nothing')}</Menu.Item>}
          {(recent.data ?? []).map((action) => (
            <Menu.Item key={action.tx} disabled={action.undone || action.tx !== next?.tx} onClick={() => void undo()}>
              <Text size="sm" td={action.undone ? 'line-through' : undefined}>
                {label(action)}
              </Text>
              <Text size="xs" c="dimmed">
                {format.date(action.at, 'short')}{' '}
                {new Date(action.at).toLocaleTimeString(format.locale, { hour: '2-digit', minute: '2-digit' })}
              </Text>
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
