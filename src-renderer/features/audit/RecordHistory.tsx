/**
 * A record's history, for its own page: every change newest first — who made
 * it, when, from which device — with each field's value before and after. When
 * the record is deleted, the owner gets a one-click Restore at the top (the
 * main process checks the right again). Embed it anywhere as
 * `<RecordHistory table="clients" id={client.id} />`; it refetches by itself
 * when that table changes.
 */
import { Alert, Badge, Button, Group, Skeleton, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-shared/api/audit-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { ChangeList } from './ChangeList';
import { useDeviceName } from './devices';

const kindIcon = { insert: IconPlus, update: IconEdit, delete: IconTrash, restore: IconRestore } as const;
const kindColor = { insert: 'teal', update: 'blue', delete: 'red', restore: 'grape' } as const;

export function EntryByline({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deviceName = useDeviceName(entry.deviceId);
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" fw={500}>
        {entry.userName ?? t('audit.system')}
      </Text>
      <Text size="xs" c="dimmed">
        {format.date(new Date(entry.at), 'medium')}{' '}
        {new Intl.DateTimeFormat(format.locale, { timeStyle: 'short' }).format(new Date(entry.at))}
      </Text>
      <Tooltip label={t('audit.deviceHint', { device: entry.deviceId })}>
        <Badge size="xs" variant="outline" color="gray" tt="none">
          {deviceName}
        </Badge>
      </Tooltip>
    </Group>
  );
}

export function RestoreButton({ table, id, size = 'xs' }: { table: string; id: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const restore = async () => {
    setBusy(true);
    try {
      const restored = await api.call('audit.restore', { table, id });
      notifications.show({ color: 'teal', message: t('audit.restored', { label: restored.label }) });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      notifications.show({ color: 'red', message: t([`audit.restoreErrors.${code}`, `errors.code.${code}`]) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} variant="light" color="grape" leftSection={<IconRestore size={14} />} loading={busy} onClick={() => void restore()}>
      {t('audit.restore')}
    </Button>
  );
}

export function RecordHistory({ table, id }: { table: string; id: string }) {
  const { t } = useTranslation();
  const canRestore = useCan('records.delete');
  const history = useQuery('audit.record', { table, id }, { tables: [table, 'changes'] });

  if (history.error && !history.data) {
    return (
      <Alert color="red" variant="light" title={t('audit.loadFailed')}>
        {t(`errors.code.${history.error.code}`)}
      </Alert>
    );
  }
  if (!history.data) {
    return (
      <Stack gap="xs">
        {[0, 1].map((i) => (
          <Skeleton key={i} h={40} />
        ))}
      </Stack>
    );
  }
  const entries = history.data;
  if (entries.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('audit.noHistory')}
      </Text>
    );
  }
  const deleted = entries[0]?.kind === 'delete';

  return (
    <Stack gap="md" data-testid="record-history">
      {deleted && (
        <Alert color="red" variant="light" icon={<IconTrash size={18} />}>
          <Group justify="space-between" gap="sm">
            <Text size="sm">{t('audit.isDeleted')}</Text>
            {canRestore && <RestoreButton table={table} id={id} />}
          </Group>
        </Alert>
      )}
      <Timeline bulletSize={24} lineWidth={2}>
        {entries.map((entry) => {
          const Icon = kindIcon[entry.kind];
          return (
            <Timeline.Item
              key={`${entry.tx}:${entry.rowId}`}
              bullet={<Icon size={13} stroke={2} />}
              color={kindColor[entry.kind]}
              title={t(`audit.kinds.${entry.kind}`)}
            >
              <Stack gap={4} mt={2}>
                <EntryByline entry={entry} />
                <ChangeList entry={entry} />
              </Stack>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}
