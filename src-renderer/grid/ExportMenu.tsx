/**
 * Export of the current view — the rows the filters and search let through, in
 * the visible columns and their order — to CSV or XLSX. Money columns go to XLSX as
 * numbers in major units, so a sum in Excel is a sum of amounts.
 */
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currencyExponent } from '../../src-shared/money';
import { useFormat } from '../shared/workspace';
import { downloadCsv, downloadXlsx } from './exporting';
import type { GridColumn } from './types';

interface Props<Row> {
  gridId: string;
  fileName: string;
  columns: readonly GridColumn<Row>[];
  all: () => Promise<Row[]>;
  textOf: (column: GridColumn<Row>, row: Row) => string;
}

function ExportMenuInner<Row>({ gridId, fileName, columns, all, textOf }: Props<Row>) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const run = async (kind: 'csv' | 'xlsx') => {
    setBusy(true);
    try {
      const rows = await all();
      const header = columns.map((c) => c.header);
      if (kind === 'csv') {
        downloadCsv([header, ...rows.map((row) => columns.map((c) => textOf(c, row)))], fileName, format.locale);
      } else {
        const exponent = currencyExponent(format.currency);
        const cell = (c: GridColumn<Row>, row: Row): string | number | null => {
          const value = c.value(row);
          if (typeof value === 'number')
            return c.editor?.kind === 'money' || (c.filter?.kind === 'amountRange' && c.filter.money) ? value / 10 ** exponent : value;
          return textOf(c, row);
        };
        const truncated = await downloadXlsx([header, ...rows.map((row) => columns.map((c) => cell(c, row)))], fileName, fileName);
        if (truncated > 0)
          notifications.show({ color: 'yellow', autoClose: false, message: t('grid.exportTruncated', { count: truncated }) });
      }
      notifications.show({ message: t('grid.exported', { count: rows.length }) });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} loading={busy} data-testid={`${gridId}-export`}>
          {t('grid.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('csv')} data-testid={`${gridId}-export-csv`}>
          {t('grid.exportCsv')}
        </Menu.Item>
        <Menu.Item onClick={() => void run('xlsx')} data-testid={`${gridId}-export-xlsx`}>
          {t('grid.exportXlsx')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Memoised, so the shell re-rendering for a keystroke or a new row count leaves the menu alone. */
export const ExportMenu = memo(ExportMenuInner) as typeof ExportMenuInner;
