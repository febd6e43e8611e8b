/**
 * The sync state in the app header, shown only once sync is set up on this
 * computer: synced, syncing, changes pending, or a problem (a missing folder, a
 * cloned copy, a clock far ahead). Hovering tells the last sync time; clicking
 * opens Settings -> Sync, where the details and "Sync now" are. It polls the
 * status on a timer because syncs also run in the background without any write
 * from this window.
 */
import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { IconCloudCheck, IconCloudExclamation, IconCloudUp, IconRefresh } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatusView } from '../../../src-shared/api/sync-methods';
import { useQuery } from '../../api/context';
import { openSettingsTab } from '../../stores/settings';
import { useSyncUi } from './store';

const refreshMs = 15_000;

export type SyncState = 'synced' | 'syncing' | 'pending' | 'problem';

export function syncStateOf(status: SyncStatusView, syncing: boolean): SyncState {
  if (syncing) return 'syncing';
  if (status.lastError || status.clockAhead.length > 0) return 'problem';
  if (status.pendingOut > 0 || status.parked > 0 || !status.lastSyncAt) return 'pending';
  return 'synced';
}

const look = {
  synced: { color: 'teal', Icon: IconCloudCheck },
  syncing: { color: 'blue', Icon: IconRefresh },
  pending: { color: 'yellow', Icon: IconCloudUp },
  problem: { color: 'red', Icon: IconCloudExclamation },
} as const;

export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const status = useQuery('sync.status', {}, { tables: ['changes', 'sync'] });
  const syncing = useSyncUi((s) => s.syncing);
  const { refetch } = status;
  useEffect(() => {
    const timer = setInterval(refetch, refreshMs);
    return () => clearInterval(timer);
  }, [refetch]);
  // A sync this window ran has just ended: show its outcome now rather than at the next poll.
  useEffect(() => {
    if (!syncing) refetch();
  }, [syncing, refetch]);

  const data = status.data;
  if (!data?.enabled) return null;
  const state = syncStateOf(data, syncing);
  const { color, Icon } = look[state];
  const last = data.lastSyncAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(data.lastSyncAt))
    : t('sync.status.never');
  const label = t(`sync.indicator.${state}`, { count: data.pendingOut + data.parked });
  return (
    <Tooltip label={`${label} · ${t('sync.indicator.last', { when: last })}`}>
      <Indicator color={color} size={9} offset={4} processing={state === 'syncing'} disabled={state === 'synced'}>
        <ActionIcon
          variant="light"
          color={color}
          size="lg"
          aria-label={label}
          onClick={() => openSettingsTab('sync')}
          data-testid="sync-indicator"
          data-state={state}
        >
          <Icon size={18} stroke={1.6} />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
