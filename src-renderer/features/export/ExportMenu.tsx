/**
 * The one "Export" button every list or grid can carry: a small menu with CSV
 * (UTF-8 with a byte-order mark, so Excel on any Windows locale opens accents
 * and Chinese correctly) and XLSX. The file is built by `exports.table` in the
 * main process — the same code the CLI's `export` runs — and saved through a
 * download link, so a screen never assembles its own CSV that could drift from
 * what the CLI writes.
 *
 * It renders nothing for a role without `data.export`: an assistant is not
 * offered what the router would refuse anyway.
 */
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { base64ToBytes, saveBytes } from './download';

export type ExportTable = MethodInput<'exports.table'>['table'];
export type ExportFormat = 'csv' | 'xlsx';

export interface ExportMenuProps {
  /** The table (or view) to export, as `exports.table` names it. */
  table: ExportTable;
  /** Shown as the button's accessible name suffix, e.g. the section's title. */
  label?: string;
  size?: 'xs' | 'sm' | 'md';
}

export function ExportMenu({ table, label, size = 'sm' }: ExportMenuProps) {
  const { t } = useTranslation();
  const api = useApi();
  const allowed = useCan('data.export');
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  if (!allowed) return null;

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const file = await api.call('exports.table', { table, format });
      saveBytes(file.fileName, base64ToBytes(file.contentBase64), file.mime);
      notifications.show({ color: 'teal', message: t('export.saved', { fileName: file.fileName }) });
      for (const warning of file.warnings)
        notifications.show({
          color: 'yellow',
          autoClose: false,
          message: t('export.truncated', { count: warning.cells, column: warning.column }),
        });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      notifications.show({ color: 'red', title: t('export.failed'), message: t(`errors.code.${code}`) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          size={size}
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy !== null}
          aria-label={label ? t('export.buttonLabel', { what: label }) : undefined}
          data-testid={`export-${table}`}
        >
          {t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('export.menuLabel')}</Menu.Label>
        <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => void run('csv')}>
          {t('export.csv')}
        </Menu.Item>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void run('xlsx')}>
          {t('export.xlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
