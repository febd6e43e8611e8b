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
 *
 * A backup copied into the folder from another computer is listed as such: this
 * computer's key does not open it, so its "Restore…" opens the dialog that asks
 * for its recovery key (RecoveryRestoreDialog). The desktop opens that dialog
 * too when such a file is opened from the file manager (restore-request.ts).
 */
import { Alert, Badge, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconDeviceDesktopShare, IconHistory, IconRestore, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, ListedBackup } from '../../../src-shared/api/backups-methods';
import { useApi, useQuery } from '../../api/context';
import { useSession } from '../auth';
import { BackupFolderForm } from './BackupFolderForm';
import { RecoveryRestoreDialog } from './RecoveryRestoreDialog';
import { useRestoreRequest } from './restore-request';
import { errorText, everyTable, useBackupFormat } from './shared';

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

/** The listed backups, newest first; one from another computer says so instead of "Checked". */
function BackupsTable({ backups, onRestore }: { backups: ListedBackup[]; onRestore(backup: ListedBackup): void }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  return (
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
          {backups.map((backup) => (
            <Table.Tr key={backup.id} data-testid="backup-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.when(backup.takenAt)}</Table.Td>
              <Table.Td>{t(`backups.reasons.${backup.reason}`)}</Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {format.size(backup.bytes)}
              </Table.Td>
              <Table.Td>
                {backup.needsRecoveryKey ? (
                  <Tooltip label={t('backups.recovery.badgeHint')} multiline w={280}>
                    <Badge
                      variant="light"
                      color="orange"
                      // The label is never cut short: the column widens for it instead.
                      styles={{ label: { overflow: 'visible' } }}
                      leftSection={<IconDeviceDesktopShare size={12} />}
                      data-testid="foreign-badge"
                    >
                      {t('backups.recovery.badge')}
                    </Badge>
                  </Tooltip>
                ) : (
                  <Tooltip label={t('backups.verifiedHint')} multiline w={280}>
                    <Badge variant="light" color="teal" leftSection={<IconShieldCheck size={12} />}>
                      {t('backups.verified')}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="light" leftSection={<IconRestore size={14} />} onClick={() => onRestore(backup)}>
                  {t(backup.needsRecoveryKey ? 'backups.recovery.action' : 'backups.restore.action')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The backup the desktop handed over (restore-request.ts), once the list holds it: it was copied into the
 * folder just now, so a list fetched before is asked for again, once; an id the folder does not hold is dropped.
 */
function useHandedOverBackup(listed: ListedBackup[] | undefined, refetch: () => void) {
  const requested = useRestoreRequest((state) => state.id);
  const clear = useRestoreRequest((state) => state.clear);
  const refetchedFor = useRef<string | null>(null);
  const backup = (requested && listed?.find((b) => b.id === requested)) || null;
  useEffect(() => {
    if (!requested || !listed || backup) return;
    if (refetchedFor.current === requested) clear();
    else {
      refetchedFor.current = requested;
      refetch();
    }
  }, [requested, listed, backup, clear, refetch]);
  return { backup, clear };
}

export function BackupsTab() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useBackupFormat();
  const overview = useQuery('backups.list', {}, { tables: ['backups'] });
  const [creating, setCreating] = useState(false);
  const [chosen, setChosen] = useState<ListedBackup | null>(null);
  const handedOver = useHandedOverBackup(overview.data?.backups, overview.refetch);
  const restoring = chosen ?? handedOver.backup;
  const closeRestore = () => {
    setChosen(null);
    handedOver.clear();
  };

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
    body = <BackupsTable backups={overview.data.backups} onRestore={setChosen} />;
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
      <Group gap="xs" c="dimmed" wrap="nowrap" align="flex-start">
        <IconDeviceDesktopShare size={16} stroke={1.6} style={{ flexShrink: 0 }} />
        <Text size="xs">{t('backups.recovery.hint')}</Text>
      </Group>
      <RestoreDialog backup={restoring && !restoring.needsRecoveryKey ? restoring : null} onClose={closeRestore} />
      <RecoveryRestoreDialog backup={restoring?.needsRecoveryKey ? restoring : null} onClose={closeRestore} />
    </Stack>
  );
}
