/**
 * Restoring a backup made on another computer. Its file is encrypted with that
 * computer's key, so the dialog first asks for the recovery key shown when
 * Tanoda was set up there, and opens the backup with it (`backups.inspect`) to
 * name the school, its last change and how many clients it holds: the owner
 * recognises what they are about to put back before anything is replaced. Only
 * then does "Restore" call `backups.restore` with the same key; the current state
 * is backed up first, as with every restore.
 *
 * Every reason the key does not open the file (not a recovery key, a mistyped
 * character, another computer's key, a damaged file) is said under the field,
 * where the owner is looking. The key lives in this dialog's state only and is
 * forgotten when it closes; it is never put in a query cache or the address.
 */
import { Alert, Button, Group, Modal, Popover, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconLockOpen, IconRestore, IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupContents, ListedBackup } from '../../../src-shared/api/backups-methods';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useSession } from '../auth';
import { looksLikeRecoveryKey } from './recovery-input';
import { everyTable, useBackupFormat } from './shared';

const keyErrorCodes = [
  'required',
  'malformed',
  'checksum',
  'wrong_key',
  'needs_recovery_key',
  'damaged',
  'not_a_backup',
  'not_found',
  'own_backup',
];

function keyError(error: unknown, t: (key: string) => string): string {
  if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
  const code = error.fields[0]?.code;
  return code && keyErrorCodes.includes(code) ? t(`backups.recovery.errors.${code}`) : t(`errors.code.${error.code}`);
}

function Contents({ contents }: { contents: BackupContents }) {
  const { t } = useTranslation();
  const format = useBackupFormat();
  const rows: [string, string][] = [
    [t('backups.recovery.school'), contents.schoolName ?? t('backups.recovery.unnamed')],
    [t('backups.recovery.lastChange'), contents.lastChangeAt ? format.when(contents.lastChangeAt) : t('backups.recovery.noChanges')],
    [t('backups.recovery.clients'), new Intl.NumberFormat().format(contents.clients)],
  ];
  return (
    <Alert variant="light" color="teal" icon={<IconLockOpen size={18} />} title={t('backups.recovery.holds')} data-testid="backup-contents">
      <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td c="dimmed" pr="md" w="1%" style={{ whiteSpace: 'nowrap' }}>
                {label}
              </Table.Td>
              <Table.Td fw={600}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}

/**
 * A backup from another computer is never thinned away, so the owner who decides against restoring it
 * removes it here, after a second click that says it cannot be restored afterwards.
 */
function RemoveForeignBackup({ backup, onRemoved }: { backup: ListedBackup; onRemoved(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  const remove = async () => {
    setBusy(true);
    try {
      await api.call('backups.removeForeign', { id: backup.id });
      notifications.show({ color: 'teal', message: t('backups.recovery.removed') });
      api.changes.emit(['backups']);
      onRemoved();
    } catch (failure) {
      setFailed(keyError(failure, t));
      setBusy(false);
    }
  };

  return (
    <Popover width={300} position="top-start" withArrow shadow="md">
      <Popover.Target>
        <Button variant="subtle" color="red" px="xs" leftSection={<IconTrash size={16} />} data-testid="remove-foreign">
          {t('backups.recovery.remove')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm">{t('backups.recovery.removeQuestion')}</Text>
          {failed && (
            <Text size="sm" c="red">
              {failed}
            </Text>
          )}
          <Button color="red" size="xs" loading={busy} onClick={() => void remove()} data-testid="confirm-remove-foreign">
            {t('backups.recovery.removeConfirm')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function RecoveryRestoreForm({ backup, onClose }: { backup: ListedBackup; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { refresh } = useSession();
  const format = useBackupFormat();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [contents, setContents] = useState<BackupContents | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    setContents(null);
    if (!looksLikeRecoveryKey(recoveryKey)) {
      setFieldError(t(recoveryKey.trim() === '' ? 'backups.recovery.errors.required' : 'backups.recovery.errors.format'));
      return;
    }
    setBusy(true);
    setFieldError(null);
    try {
      setContents(await api.call('backups.inspect', { id: backup.id, recoveryKey }));
    } catch (failure) {
      setFieldError(keyError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    setBusy(true);
    try {
      const result = await api.call('backups.restore', { id: backup.id, recoveryKey });
      notifications.show({
        color: 'teal',
        title: t('backups.restore.doneTitle'),
        message: t('backups.recovery.done', {
          school: contents?.schoolName ?? t('backups.recovery.unnamed'),
          safety: format.when(result.safety.takenAt),
        }),
        autoClose: 10_000,
      });
      onClose();
      api.changes.emit(everyTable);
      refresh();
    } catch (failure) {
      setContents(null);
      setFieldError(keyError(failure, t));
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void (contents ? restore() : unlock());
      }}
    >
      <Stack gap="md">
        <Text size="sm">{t('backups.recovery.intro', { when: format.when(backup.takenAt), size: format.size(backup.bytes) })}</Text>
        <TextInput
          label={t('backups.recovery.label')}
          description={t('backups.recovery.description')}
          placeholder="XXXXX-XXXXX-XXXXX-…"
          leftSection={<IconKey size={16} />}
          value={recoveryKey}
          onChange={(event) => {
            setRecoveryKey(event.currentTarget.value);
            setContents(null);
            setFieldError(null);
          }}
          error={fieldError}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          data-autofocus
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          data-testid="recovery-key-input"
        />
        {contents && (
          <>
            <Contents contents={contents} />
            <Alert variant="light" color="blue" icon={<IconShieldCheck size={18} />}>
              {t('backups.recovery.replace')}
            </Alert>
          </>
        )}
        <Group justify="space-between">
          <RemoveForeignBackup backup={backup} onRemoved={onClose} />
          <Group gap="sm" ml="auto">
            <Button variant="default" onClick={onClose}>
              {t('backups.cancel')}
            </Button>
            {contents ? (
              <Button type="submit" color="red" loading={busy} leftSection={<IconRestore size={16} />} data-testid="confirm-restore">
                {t('backups.recovery.confirm')}
              </Button>
            ) : (
              <Button type="submit" loading={busy} leftSection={<IconLockOpen size={16} />} data-testid="unlock-backup">
                {t('backups.recovery.unlock')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function RecoveryRestoreDialog({ backup, onClose }: { backup: ListedBackup | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={backup !== null} onClose={onClose} title={t('backups.recovery.title')} centered size={680}>
      {backup && <RecoveryRestoreForm key={backup.id} backup={backup} onClose={onClose} />}
    </Modal>
  );
}
