/**
 * Names for the computers in the audit trail. The log records a device id, and
 * history used to print it ("01a24920 gép"), which no one recognises; here this
 * machine reads as "this computer" and another one, when the owner may list the
 * sync devices, as "Anna's computer". The ids are fetched once per window (a
 * history shows dozens of entries, each naming its device), and the raw id
 * stays in the tooltip for support.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDevice } from '../../../src-shared/api/sync-methods';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';

interface KnownDevices {
  own: string | null;
  others: SyncDevice[];
}

let known: Promise<KnownDevices> | null = null;

/** The device's name in the reader's words. */
export function useDeviceName(deviceId: string): string {
  const { t } = useTranslation();
  const api = useApi();
  const canList = useCan('workspace.manage');
  const [devices, setDevices] = useState<KnownDevices | null>(null);
  useEffect(() => {
    known ??= (async () => {
      const own = await api.call('sync.status', {}).then(
        (s) => s.deviceId,
        () => null,
      );
      const others = canList ? await api.call('sync.devices', {}).catch(() => [] as SyncDevice[]) : [];
      return { own, others };
    })();
    let live = true;
    void known.then((d) => live && setDevices(d));
    return () => {
      live = false;
    };
  }, [api, canList]);
  if (devices?.own === deviceId) return t('audit.thisComputer');
  const user = devices?.others.find((d) => d.deviceId === deviceId)?.user;
  return user ? t('audit.computerOf', { user }) : t('audit.otherComputer');
}
