/**
 * One decision report on screen: its title and what it counts, a chart of the
 * columns that tell the story (Mantine charts), the full table with its total,
 * and an export to CSV or XLSX built in the main process (`reports.moneyFile` /
 * `reports.peopleFile`, the export code the CLI uses) with the headers and words
 * of the reader's language. Money reports are fetched only where the role may
 * see them — the page does not mount them otherwise — and the main process
 * refuses them anyway.
 */
import { BarChart } from '@mantine/charts';
import { Alert, Button, Group, Menu, Paper, ScrollArea, Skeleton, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoneyReportKind, PeopleReportKind, ReportTable } from '../../../src-shared/api/reports-methods';
import { ApiError } from '../../api/client';
import { useApi, useQuery, type QueryState } from '../../api/context';
import { base64ToBytes, saveBytes } from '../export';
import { useFormat } from '../../shared/workspace';
import { useCellText, useFileWords } from './reportCells';

export interface ChartSpec {
  /** The column along the axis. */
  index: string;
  series: { key: string; color: string }[];
  stacked?: boolean;
  /** At most this many rows charted (the table holds them all). */
  limit?: number;
}

const watchedTables = ['payments', 'instalments', 'enrollments', 'clients', 'programs', 'cohorts', 'campaigns', 'settings'] as const;

type Props = { period: { from: string; to: string }; chart?: ChartSpec } & (
  | { money: true; kind: MoneyReportKind }
  | { money: false; kind: PeopleReportKind }
);

function ExportButton({ table, props }: { table: ReportTable; props: Props }) {
  const { t } = useTranslation();
  const api = useApi();
  const words = useFileWords();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    try {
      const input = { ...props.period, format, ...words(table) };
      const file = props.money
        ? await api.call('reports.moneyFile', { kind: props.kind, ...input })
        : await api.call('reports.peopleFile', { kind: props.kind, ...input });
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
        <Button variant="default" size="xs" leftSection={<IconDownload size={14} />} rightSection={<IconChevronDown size={12} />} loading={busy} data-print-hide data-testid={`export-${props.kind}`}>
          {t('decisions.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
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

function ReportChart({ table, chart }: { table: ReportTable; chart: ChartSpec }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useCellText(table);
  const indexColumn = table.columns.find((c) => c.key === chart.index);
  const isMoney = table.columns.find((c) => c.key === chart.series[0]?.key)?.kind === 'money';
  const data = useMemo(
    () =>
      table.rows.slice(0, chart.limit ?? 24).map((row) => ({
        ...row,
        [chart.index]: indexColumn ? text(indexColumn, row[chart.index] ?? null) : String(row[chart.index]),
      })),
    [table.rows, chart, indexColumn, text],
  );
  if (data.length === 0) return null;
  return (
    <div role="img" aria-label={t('decisions.chartLabel', { title: t(`decisions.report.${table.kind}.title`) })} data-testid={`chart-${table.kind}`}>
      <BarChart
        h={240}
        data={data}
        dataKey={chart.index}
        type={chart.stacked ? 'stacked' : 'default'}
        series={chart.series.map((s) => ({ name: s.key, label: t(`decisions.col.${s.key}`), color: s.color }))}
        valueFormatter={isMoney ? format.money : format.integer}
        yAxisProps={{ width: isMoney ? 110 : 40 }}
        withLegend
        tickLine="y"
        maxBarWidth={40}
      />
    </div>
  );
}

function ReportBody({ table, chart }: { table: ReportTable; chart?: ChartSpec | undefined }) {
  const { t } = useTranslation();
  const text = useCellText(table);
  if (table.rows.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('decisions.empty')}
      </Text>
    );
  }
  const numeric = (kind: string) => kind === 'money' || kind === 'count' || kind === 'percent';
  return (
    <>
      {chart && <ReportChart table={table} chart={chart} />}
      <ScrollArea type="auto" mt="sm">
        <Table striped withTableBorder fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`table-${table.kind}`}>
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((c) => (
                <Table.Th key={c.key} ta={numeric(c.kind) ? 'right' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {t(`decisions.col.${c.key}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row, i) => (
              <Table.Tr key={i}>
                {table.columns.map((c) => (
                  <Table.Td key={c.key} ta={numeric(c.kind) ? 'right' : undefined} style={{ whiteSpace: 'nowrap' }} data-col={c.key}>
                    {text(c, row[c.key] ?? null)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          {table.total && (
            <Table.Tfoot>
              <Table.Tr fw={700} data-testid="total-row">
                {table.columns.map((c) => (
                  <Table.Td key={c.key} ta={numeric(c.kind) ? 'right' : undefined} style={{ whiteSpace: 'nowrap' }} data-col={c.key}>
                    {text(c, table.total?.[c.key] ?? null)}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </ScrollArea>
    </>
  );
}

function ReportFrame({ props, query }: { props: Props; query: QueryState<ReportTable> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" data-testid={`report-${props.kind}`} className="report-block">
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <div>
          <Title order={4}>{t(`decisions.report.${props.kind}.title`)}</Title>
          <Text size="sm" c="dimmed">
            {t(`decisions.report.${props.kind}.hint`)}
          </Text>
        </div>
        {query.data && <ExportButton table={query.data} props={props} />}
      </Group>
      {query.error && !query.data ? (
        <Alert color="red" variant="light" title={t('decisions.loadFailed')}>
          {t(`errors.code.${query.error.code}`)}
        </Alert>
      ) : query.data ? (
        <ReportBody table={query.data} chart={props.chart} />
      ) : (
        <Skeleton h={200} radius="md" />
      )}
    </Paper>
  );
}

function MoneyReportView(props: Props & { money: true }) {
  const query = useQuery('reports.money', { kind: props.kind, ...props.period }, { tables: watchedTables });
  return <ReportFrame props={props} query={query} />;
}

function PeopleReportView(props: Props & { money: false }) {
  const query = useQuery('reports.people', { kind: props.kind, ...props.period }, { tables: watchedTables });
  return <ReportFrame props={props} query={query} />;
}

export function ReportTableView(props: Props) {
  return props.money ? <MoneyReportView {...props} /> : <PeopleReportView {...props} />;
}
