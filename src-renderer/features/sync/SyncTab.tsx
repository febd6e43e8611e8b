/**
 * The Sync tab: is this computer in step with the others, and if not, why — in
 * plain words. Everyone sees the status and can sync now; the owner also turns
 * sync on, makes join codes, approves a new computer after comparing its safety
 * code, and removes computers. Refused changes are listed with what the other
 * computer tried to do, because a refusal is the one thing sync must never hide.
 * The status is re-read every few seconds while the tab is open, since the
 * automatic sync runs in the background without a call from this screen. The
 * status, problems and refusals are panels in SyncStatusPanels.
 */
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCloudLock, IconKey, IconLock, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDevice } from '../../../src-shared/api/sync-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { PassphraseStrength } from './PassphraseStrength';
import { ErasuresPanel, RejectionsPanel, SyncProblems, SyncStatusPanel } from './SyncStatusPanels';
import { errorText, useWhen } from './syncText';
import { useCapabilities } from '../../shared/permissions';

const refreshMs = 5_000;

function fieldErrors(error: unknown, t: (key: string | string[]) => string, known: string[]): Record<string, string> {
  const path = error instanceof ApiError ? String(error.fields[0]?.path[0] ?? 'form') : 'form';
  return { [known.includes(path) ? path : 'form']: errorText(error, t) };
}

function ChangePassphrase() {
  const { t } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const close = () => {
    setOpen(false);
    setCurrent('');
    setNext('');
    setAgain('');
    setErrors({});
  };
  const submit = async () => {
    if (next !== again) return setErrors({ again: t('sync.setup.mismatch') });
    setBusy(true);
    setErrors({});
    try {
      await api.call('sync.changePassphrase', { current, next });
      notifications.show({ color: 'teal', message: t('sync.passphrase.changed') });
      close();
    } catch (error) {
      setErrors(fieldErrors(error, t, ['current', 'next']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="default" leftSection={<IconKey size={16} />} onClick={() => setOpen(true)} data-testid="sync-change-passphrase">
        {t('sync.passphrase.change')}
      </Button>
      <Modal opened={open} onClose={close} title={t('sync.passphrase.change')} data-testid="sync-passphrase-dialog">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('sync.passphrase.hint')}
          </Text>
          <PasswordInput
            label={t('sync.passphrase.current')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors['current']}
            data-testid="sync-passphrase-current"
          />
          <PasswordInput
            label={t('sync.passphrase.next')}
            description={t('sync.setup.passphraseHint')}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors['next']}
            data-testid="sync-passphrase-next"
          />
          <PassphraseStrength passphrase={next} />
          <PasswordInput
            label={t('sync.setup.confirm')}
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={errors['again']}
            data-testid="sync-passphrase-again"
          />
          {errors['form'] && (
            <Alert color="red" variant="light">
              {errors['form']}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('sync.passphrase.cancel')}
            </Button>
            <Button loading={busy} onClick={() => void submit()} data-testid="sync-passphrase-save">
              {t('sync.passphrase.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function UnlockCallout({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      await api.call('sync.unlock', { passphrase });
      notifications.show({ color: 'teal', message: t('sync.unlock.done') });
      setPassphrase('');
      onDone();
    } catch (error) {
      setErrors(fieldErrors(error, t, ['passphrase']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert color="orange" variant="light" icon={<IconLock size={18} />} title={t('sync.unlock.title')} data-testid="sync-unlock">
      <Stack gap="sm" maw={480}>
        <Text size="sm">{t('sync.unlock.hint')}</Text>
        <PasswordInput
          label={t('sync.unlock.passphrase')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          error={errors['passphrase'] ?? errors['form']}
          data-testid="sync-unlock-passphrase"
        />
        <Group>
          <Button loading={busy} onClick={() => void submit()} data-testid="sync-unlock-submit">
            {t('sync.unlock.action')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function SetupForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (passphrase !== again) return setErrors({ confirm: t('sync.setup.mismatch') });
    setBusy(true);
    setErrors({});
    try {
      await api.call('sync.setup', { folder, passphrase });
      notifications.show({ color: 'teal', message: t('sync.setup.done') });
      onDone();
    } catch (error) {
      const path = error instanceof ApiError ? String(error.fields[0]?.path[0] ?? 'form') : 'form';
      setErrors({ [path]: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md" maw={560}>
        <Title order={4}>{t('sync.setup.title')}</Title>
        <TextInput
          label={t('sync.setup.folder')}
          description={t('sync.setup.folderHint')}
          value={folder}
          onChange={(e) => setFolder(e.currentTarget.value)}
          error={errors['folder']}
          data-testid="sync-folder"
        />
        <PasswordInput
          label={t('sync.setup.passphrase')}
          description={t('sync.setup.passphraseHint')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          error={errors['passphrase']}
          data-testid="sync-passphrase"
        />
        <PassphraseStrength passphrase={passphrase} />
        <PasswordInput
          label={t('sync.setup.confirm')}
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={errors['confirm']}
        />
        {errors['form'] && (
          <Alert color="red" variant="light">
            {errors['form']}
          </Alert>
        )}
        <Group>
          <Button leftSection={<IconCloudLock size={16} />} loading={busy} onClick={() => void submit()} data-testid="sync-setup">
            {t('sync.setup.action')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DevicesPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const when = useWhen();
  const devices = useQuery('sync.devices', {}, { tables: ['sync'] });
  const { refetch } = devices;
  useEffect(() => {
    const timer = setInterval(refetch, refreshMs);
    return () => clearInterval(timer);
  }, [refetch]);
  const [approving, setApproving] = useState<SyncDevice | null>(null);
  const [revoking, setRevoking] = useState<SyncDevice | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (method: 'sync.approve' | 'sync.revoke', device: SyncDevice) => {
    setBusy(true);
    try {
      await api.call(method, { deviceId: device.deviceId });
      devices.refetch();
      setApproving(null);
      setRevoking(null);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  const color: Record<SyncDevice['status'], string> = {
    this_device: 'blue',
    owner: 'grape',
    approved: 'teal',
    pending: 'yellow',
    revoked: 'gray',
  };
  return (
    <Paper withBorder radius="md">
      <Title order={4} p="md" pb={0}>
        {t('sync.devices.title')}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="sync-devices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.devices.user')}</Table.Th>
              <Table.Th>{t('sync.devices.role')}</Table.Th>
              <Table.Th>{t('sync.devices.status')}</Table.Th>
              <Table.Th>{t('sync.devices.safetyCode')}</Table.Th>
              <Table.Th>{t('sync.devices.lastSeen')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(devices.data ?? []).map((device) => (
              <Table.Tr key={device.deviceId} data-testid="sync-device">
                <Table.Td>
                  <Text size="sm">{device.user ?? '—'}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {device.deviceId.slice(-12)}
                  </Text>
                </Table.Td>
                <Table.Td>{device.role ? t(`sync.roles.${device.role}`) : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge variant="light" color={color[device.status]} styles={{ label: { overflow: 'visible' } }}>
                    {t(`sync.devices.states.${device.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {device.safetyCode ?? '—'}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{device.status === 'this_device' ? '—' : when(device.lastSeenAt)}</Table.Td>
                <Table.Td ta="right">
                  {device.status === 'pending' && (
                    <Button size="xs" onClick={() => setApproving(device)}>
                      {t('sync.devices.approve')}
                    </Button>
                  )}
                  {(device.status === 'approved' || device.status === 'pending') && (
                    <Button size="xs" variant="subtle" color="red" ml="xs" onClick={() => setRevoking(device)}>
                      {t('sync.devices.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={approving !== null} onClose={() => setApproving(null)} title={t('sync.devices.approveTitle')} centered>
        <Stack>
          <Text size="sm">{t('sync.devices.approveQuestion')}</Text>
          <Code block fz="xl" ta="center">
            {approving?.safetyCode}
          </Code>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setApproving(null)}>
              {t('sync.devices.cancel')}
            </Button>
            <Button loading={busy} onClick={() => approving && void act('sync.approve', approving)}>
              {t('sync.devices.approve')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('sync.devices.revokeTitle')} centered>
        <Stack>
          <Text size="sm">{t('sync.devices.revokeQuestion')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('sync.devices.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => revoking && void act('sync.revoke', revoking)}>
              {t('sync.devices.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function InvitePanel() {
  const { t } = useTranslation();
  const api = useApi();
  const users = useQuery('users.list', {}, { tables: ['users'] });
  const [username, setUsername] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const invite = async () => {
    if (!username) return;
    setBusy(true);
    try {
      setCode((await api.call('sync.invite', { username })).code);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={4}>{t('sync.invite.title')}</Title>
        <Group align="flex-end">
          <Select
            label={t('sync.invite.user')}
            data={(users.data ?? []).filter((u) => u.active).map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` }))}
            value={username}
            onChange={setUsername}
            w={280}
            data-testid="sync-invite-user"
          />
          <Button leftSection={<IconUserPlus size={16} />} disabled={!username} loading={busy} onClick={() => void invite()}>
            {t('sync.invite.action')}
          </Button>
        </Group>
        {code && (
          <Stack gap={4}>
            <Text size="sm">{t('sync.invite.code')}</Text>
            <Code block style={{ wordBreak: 'break-all' }} data-testid="sync-invite-code">
              {code}
            </Code>
            <CopyButton value={code}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" w="fit-content" onClick={copy}>
                  {copied ? t('sync.invite.copied') : t('sync.invite.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

export function SyncTab() {
  const { t } = useTranslation();
  const owner = useCapabilities().has('workspace.manage');
  const status = useQuery('sync.status', {}, { tables: ['changes', 'sync'] });
  const { refetch } = status;
  useEffect(() => {
    const timer = setInterval(refetch, refreshMs);
    return () => clearInterval(timer);
  }, [refetch]);

  const data = status.data;
  return (
    <Stack gap="lg" data-testid="sync-tab">
      <div>
        <Title order={3}>{t('sync.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={680}>
          {t('sync.subtitle')}
        </Text>
      </div>
      {data && !data.enabled && (owner ? <SetupForm onDone={refetch} /> : <Alert variant="light">{t('sync.offAssistant')}</Alert>)}
      {data?.enabled && (
        <>
          {data.lastError === 'passphrase_changed' && <UnlockCallout onDone={refetch} />}
          <SyncProblems status={data} />
          <SyncStatusPanel status={data} onSynced={refetch} />
          {owner && data.role === 'owner' && (
            <Group>
              <ChangePassphrase />
            </Group>
          )}
          {owner && <DevicesPanel />}
          {owner && <InvitePanel />}
          <ErasuresPanel erasures={data.erasuresPending} />
          <RejectionsPanel rejections={data.rejections} />
        </>
      )}
    </Stack>
  );
}
