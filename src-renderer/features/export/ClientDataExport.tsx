/**
 * "Everything we hold about this person" — the answer to a data-protection
 * request, one click from a client's page. `exports.client` gathers every row
 * about the client in the main process and returns it both as JSON (complete,
 * for the record) and as an XLSX workbook (one sheet per kind, for reading);
 * this menu only saves the one the person picks. Like the table export it is
 * hidden from roles without `data.export`.
 */
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBraces, IconFileSpreadsheet, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { base64ToBytes, saveBytes } from './download';

export function ClientDataExport({ clientId, size = 'sm' }: { clientId: string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  const api = useApi();
  const allowed = useCan('data.export');
  const [busy, setBusy] = useState(false);
  if (!allowed) return null;

  const run = async (format: 'json' | 'xlsx') => {
    setBusy(true);
    try {
      const answer = await api.call('exports.client', { clientId });
      const file = answer[format];
      saveBytes(file.fileName, base64ToBytes(file.contentBase64), file.mime);
      notifications.show({ color: 'teal', message: t('export.saved', { fileName: file.fileName }) });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      notifications.show({ color: 'red', title: t('export.failed'), message: t(`errors.code.${code}`) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button variant="default" size={size} leftSection={<IconShieldLock size={16} />} loading={busy} data-testid="export-client">
          {t('export.clientButton')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('export.clientMenuLabel')}</Menu.Label>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')}>
          {t('export.xlsx')}
        </Menu.Item>
        <Menu.Item leftSection={<IconBraces size={16} />} onClick={() => void run('json')}>
          {t('export.json')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
