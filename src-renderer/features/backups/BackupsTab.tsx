/**
 * The Backups tab (owner only): the copies of the whole database on this
 * machine, newest first, with when and why each was taken, its size and that
 * it passed SQLite's integrity check (a copy is given a backup's name only
 * after the check, so every listed one passed). "Back up now" takes one more;
 * "Restore" puts one back, after a confirmation that says what happens to the
 * current state — it is backed up first, so a mistaken restore is undone by
 * restoring that copy. Above the list, the folder they are kept in, which the
 * owner may change (BackupFolderForm).
 *
 * A restore replaces the database underneath every open screen, and no change
 * log describes it, so afterwards every screen's data is announced as changed
 * and the session is asked for again (the restored copy may hold other users).
 */
import { Alert, Badge, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconHistory, IconRestore, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../src-shared/api/backups-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useSession } from '../auth';
import { BackupFolderForm } from './BackupFolderForm';

/** Every table a screen may show: after a restore all of them are stale. */
const everyTable = [
  'settings',
  'users',
  'programs',
  'teachers',
  'rooms',
  'cohorts',
  'clients',
  'enrollments',
  'enrollment_status_history',
  'instalments',
  'payments',
  'payment_allocations',
  'lessons',
  'attendance',
  'activities',
  'import_batches',
  'tasks',
  'reminder_states',
  'message_templates',
  'import_mappings',
  'saved_views',
  'changes',
];

function useBackupFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    when: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    size: (bytes: number) => {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: units[unit],
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }).format(value);
    },
  };
}

function errorText(error: unknown, t: (key: string | string[]) => string): string {
  if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
  return error.fields[0]
    ? t([`backups.errors.${error.fields[0].code}`, `errors.field.${error.fields[0].code}`])
    : t(`errors.code.${error.code}`);
}

function RestoreDialog({ backup, onClose }: { backup: BackupInfo | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { refresh } = useSession();
  const format = useBackupFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    if (!backup) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('backups.restore', { id: backup.id });
      notifications.show({
        color: 'teal',
        title: t('backups.restore.doneTitle'),
        message: t('backups.restore.done', { when: format.when(result.restored.takenAt), safety: format.when(result.safety.takenAt) }),
        autoClose: 10_000,
      });
      onClose();
      api.changes.emit(everyTable);
      refresh();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={backup !== null} onClose={onClose} title={t('backups.restore.title')} centered>
      {backup && (
        <Stack gap="md">
          <Text size="sm">{t('backups.restore.question', { when: format.when(backup.takenAt) })}</Text>
          <Alert variant="light" color="blue" icon={<IconShieldCheck size={18} />}>
            {t('backups.restore.safety')}
          </Alert>
          <Text size="sm" c="dimmed">
            {t('backups.restore.lost', { when: format.when(backup.takenAt) })}
          </Text>
          {error && (
            <Alert color="red" variant="light">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('backups.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy}
              leftSection={<IconRestore size={16} />}
              onClick={() => void restore()}
              data-testid="confirm-restore"
            >
              {t('backups.restore.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

export function BackupsTab() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useBackupFormat();
  const overview = useQuery('backups.list', {}, { tables: ['backups'] });
  const [creating, setCreating] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  const create = async () => {
    setCreating(true);
    try {
      const backup = await api.call('backups.create', {});
      notifications.show({ color: 'teal', message: t('backups.created', { size: format.size(backup.bytes) }) });
      overview.refetch();
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error, t) });
    } finally {
      setCreating(false);
    }
  };

  let body;
  if (overview.error && !overview.data) {
    body = (
      <Alert color="red" variant="light" title={t('backups.loadFailed')}>
        {t(`errors.code.${overview.error.code}`)}
      </Alert>
    );
  } else if (!overview.data) {
    body = (
      <Stack gap="xs" p="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={28} />
        ))}
      </Stack>
    );
  } else if (overview.data.backups.length === 0) {
    body = (
      <Text c="dimmed" p="lg" ta="center">
        {t('backups.empty')}
      </Text>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="backups-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backups.columns.takenAt')}</Table.Th>
              <Table.Th>{t('backups.columns.reason')}</Table.Th>
              <Table.Th ta="right">{t('backups.columns.size')}</Table.Th>
              <Table.Th>{t('backups.columns.check')}</Table.Th>
              <Table.Th w={120}>
                <VisuallyHidden>{t('backups.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {overview.data.backups.map((backup) => (
              <Table.Tr key={backup.id} data-testid="backup-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.when(backup.takenAt)}</Table.Td>
                <Table.Td>{t(`backups.reasons.${backup.reason}`)}</Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {format.size(backup.bytes)}
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t('backups.verifiedHint')} multiline w={280}>
                    <Badge variant="light" color="teal" leftSection={<IconShieldCheck size={12} />}>
                      {t('backups.verified')}
                    </Badge>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="light" leftSection={<IconRestore size={14} />} onClick={() => setRestoring(backup)}>
                    {t('backups.restore.action')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('backups.title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={620}>
            {t('backups.subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconDatabaseExport size={16} />} loading={creating} onClick={() => void create()} data-testid="backup-now">
          {t('backups.create')}
        </Button>
      </Group>
      {overview.data && (
        <BackupFolderForm
          key={`${overview.data.folderIsDefault ? 'default' : 'chosen'}:${overview.data.folder}`}
          overview={overview.data}
          onSaved={overview.refetch}
        />
      )}
      <Paper withBorder radius="md">
        {body}
      </Paper>
      <Group gap="xs" c="dimmed" wrap="nowrap" align="flex-start">
        <IconHistory size={16} stroke={1.6} style={{ flexShrink: 0 }} />
        <Text size="xs">{t('backups.schedule')}</Text>
      </Group>
      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />
    </Stack>
  );
}
