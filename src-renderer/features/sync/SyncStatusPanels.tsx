/**
 * The parts of the Sync tab everyone sees once sync is on: what is wrong (the last
 * sync problem, computers whose clock runs ahead), the status with "Sync now",
 * and the changes other computers made that this one refused — listed with what
 * was tried, because a refusal is the one thing sync must never hide. "Sync now"
 * keeps its own busy state and also tells the header's sync indicator. Erasures
 * this computer made are listed as pending until every other computer has
 * applied them: an owner who erased someone's data on request must be able to
 * see when that is true everywhere, not only here.
 */
import { Alert, Button, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconClockExclamation, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../src-shared/api/sync-methods';
import { useApi } from '../../api/context';
import { useSyncUi } from './store';
import { errorText, useWhen } from './syncText';

/** The last sync problem (except a changed passphrase, which has its own callout) and clocks running ahead. */
export function SyncProblems({ status }: { status: SyncStatusView }) {
  const { t } = useTranslation();
  return (
    <>
      {status.lastError && status.lastError !== 'passphrase_changed' && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('sync.problems.title')}
          data-testid="sync-problem"
        >
          {t([`sync.problems.${status.lastError}`, 'errors.code.INTERNAL'])}
        </Alert>
      )}
      {status.clockAhead.map((skew) => (
        <Alert key={skew.deviceId} color="orange" variant="light" icon={<IconClockExclamation size={18} />} data-testid="sync-clock-ahead">
          {t('sync.problems.clockAhead', {
            device: skew.deviceId.slice(-12),
            hours: new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(skew.aheadMs / 3_600_000),
          })}
        </Alert>
      ))}
    </>
  );
}

function Figure({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** Last sync, changes waiting to go out, changes parked, this computer's role, the folder, and "Sync now". */
export function SyncStatusPanel({ status, onSynced }: { status: SyncStatusView; onSynced: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const when = useWhen();
  const [syncing, setSyncingHere] = useState(false);
  const setShared = useSyncUi((s) => s.setSyncing);
  const setSyncing = (on: boolean) => {
    setSyncingHere(on);
    setShared(on);
  };

  const syncNow = async () => {
    setSyncing(true);
    try {
      const report = await api.call('sync.now', {});
      if (report.problem) notifications.show({ color: 'red', message: t(`sync.problems.${report.problem}`) });
      else notifications.show({ color: report.rejected > 0 ? 'orange' : 'teal', message: t('sync.status.report', { ...report }) });
      onSynced();
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error, t) });
      onSynced();
    } finally {
      setSyncing(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg">
          <Figure label={t('sync.status.lastSync')} testId="sync-last">
            {when(status.lastSyncAt)}
          </Figure>
          <Figure label={t('sync.status.pendingOut')}>{new Intl.NumberFormat().format(status.pendingOut)}</Figure>
          <Figure label={t('sync.status.parked')}>{new Intl.NumberFormat().format(status.parked)}</Figure>
          <Figure label={t('sync.status.role')}>{status.role ? t(`sync.roles.${status.role}`) : '—'}</Figure>
        </SimpleGrid>
        <Button leftSection={<IconRefresh size={16} />} loading={syncing} onClick={() => void syncNow()} data-testid="sync-now">
          {t('sync.status.syncNow')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="md" style={{ wordBreak: 'break-all' }}>
        {t('sync.status.folder')}: {status.folder}
      </Text>
    </Paper>
  );
}

export function RejectionsPanel({ rejections }: { rejections: SyncStatusView['rejections'] }) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4}>{t('sync.rejections.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('sync.rejections.hint')}
      </Text>
      {rejections.length === 0 ? (
        <Text size="sm">{t('sync.rejections.empty')}</Text>
      ) : (
        <Table data-testid="sync-rejections">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.rejections.when')}</Table.Th>
              <Table.Th>{t('sync.rejections.device')}</Table.Th>
              <Table.Th>{t('sync.rejections.what')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rejections.map((r, i) => (
              <Table.Tr key={`${r.deviceId}-${r.fileSeq ?? ''}-${r.tx ?? ''}-${i}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(r.at)}</Table.Td>
                <Table.Td ff="monospace">{r.deviceId.slice(-12)}</Table.Td>
                <Table.Td>{t(`sync.rejections.reasons.${r.reason}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** Erasures made here that some computer has not applied yet; nothing is shown once there are none. */
export function ErasuresPanel({ erasures }: { erasures: SyncStatusView['erasuresPending'] }) {
  const { t } = useTranslation();
  const when = useWhen();
  if (erasures.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="sync-erasures">
      <Title order={4}>{t('sync.erasures.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('sync.erasures.hint')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sync.erasures.when')}</Table.Th>
            <Table.Th>{t('sync.erasures.waiting')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {erasures.map((e) => (
            <Table.Tr key={e.rowId}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(e.erasedAt)}</Table.Td>
              <Table.Td ff="monospace">{e.sent ? e.waitingFor.map((d) => d.slice(-12)).join(', ') : t('sync.erasures.notSent')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
