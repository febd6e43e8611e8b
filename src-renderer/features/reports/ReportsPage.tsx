/**
 * The Reports section, in tabs. The overview is where the owner picks a period
 * (this year unless told otherwise) and sees what came in per month with the
 * period's received, refunded and net cash and today's expected, outstanding and
 * overdue position — all read from `reports.revenue`, never summed here, so the
 * screen can only repeat what the main process computed. The other tabs are the
 * decision reports (ReportTableView: chart, table, export), sharing one period:
 * collected vs expected, what is owed by age, group fill, conversion, sources
 * and campaigns, and the printable monthly summary.
 *
 * Someone without `finance.read` gets the overview's calm note instead of money
 * and only the conversion tab besides — money tabs are not rendered, so nothing
 * is fetched that the main process would refuse anyway. Everyone sees record
 * counts and enrollments by status, which carry no money.
 */
import '@mantine/charts/styles.css';
import './print.css';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconLock, IconPrinter } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevenueReport } from '../../../src-shared/api/types';
import { useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat, useSettings } from '../../shared/workspace';
import { statusColor } from '../enrollments';
import { CampaignsPanel } from '../marketing';
import { MonthlySummary } from './MonthlySummary';
import { ReportTableView } from './ReportTableView';
import { monthLabel, periodOf, presets, schoolToday, type Period, type Preset } from './period';

const revenueTables = ['payments', 'enrollments', 'instalments', 'clients', 'settings'] as const;
const countTables = ['programs', 'cohorts', 'clients', 'enrollments', 'instalments', 'payments'] as const;

function StatCard({ id, label, hint, value, tone }: { id: string; label: string; hint: string; value: string; tone?: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={`report-${id}`}>
      <Text size="xs" tt="uppercase" fw={600} c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} mt={4} c={tone} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid="value">
        {value}
      </Text>
      <Text size="xs" c="dimmed" mt={2}>
        {hint}
      </Text>
    </Paper>
  );
}

function PeriodPicker({ period, onChange }: { period: Period & { preset: Preset }; onChange(next: Period & { preset: Preset }): void }) {
  const { t } = useTranslation();
  const { timeZone } = useSettings();
  const [draft, setDraft] = useState<Period>({ from: period.from, to: period.to });
  const [shownPeriod, setShownPeriod] = useState(period);
  if (shownPeriod !== period) {
    setShownPeriod(period);
    setDraft({ from: period.from, to: period.to });
  }
  const errors = {
    from: draft.from ? undefined : t('reports.period.required'),
    to: !draft.to ? t('reports.period.required') : draft.from && draft.to < draft.from ? t('reports.period.beforeFrom') : undefined,
  };

  const edit = (next: Period) => {
    setDraft(next);
    if (next.from && next.to && next.from <= next.to) onChange({ ...next, preset: 'custom' });
  };

  return (
    <Group align="flex-start" gap="md" wrap="wrap" data-testid="report-period">
      <SegmentedControl
        aria-label={t('reports.period.label')}
        value={period.preset}
        onChange={(value) => {
          const preset = value as Preset;
          if (preset === 'custom') onChange({ ...period, preset });
          else onChange({ ...periodOf(preset, schoolToday(timeZone)), preset });
        }}
        data={presets.map((preset) => ({ value: preset, label: t(`reports.period.${preset}`) }))}
      />
      <TextInput
        type="date"
        size="sm"
        w={210}
        aria-label={t('reports.period.from')}
        leftSection={<Text size="xs">{t('reports.period.from')}</Text>}
        leftSectionWidth={64}
        value={draft.from}
        error={errors.from}
        onChange={(e) => edit({ ...draft, from: e.currentTarget.value })}
      />
      <TextInput
        type="date"
        size="sm"
        w={210}
        aria-label={t('reports.period.to')}
        leftSection={<Text size="xs">{t('reports.period.to')}</Text>}
        leftSectionWidth={64}
        value={draft.to}
        error={errors.to}
        onChange={(e) => edit({ ...draft, to: e.currentTarget.value })}
      />
    </Group>
  );
}

function RevenueChart({ report }: { report: RevenueReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const spansYears = report.byMonth.length > 0 && report.byMonth[0]!.month.slice(0, 4) !== report.byMonth.at(-1)!.month.slice(0, 4);
  const data = useMemo(
    () =>
      report.byMonth.map((m) => ({
        month: monthLabel(m.month, format.locale, spansYears),
        received: m.receivedMinor,
      })),
    [report.byMonth, format.locale, spansYears],
  );
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('reports.money.chartTitle')}</Title>
        {report.receivedMinor === 0 && (
          <Text size="sm" c="dimmed">
            {t('reports.money.noPayments')}
          </Text>
        )}
      </Group>
      <div role="img" aria-label={t('reports.money.chartLabel')} data-testid="revenue-chart">
        <BarChart
          h={280}
          data={data}
          dataKey="month"
          series={[{ name: 'received', label: t('reports.money.series'), color: 'teal.6' }]}
          valueFormatter={format.money}
          yAxisProps={{ width: 110 }}
          tickLine="y"
          maxBarWidth={44}
        />
      </div>
      <VisuallyHidden>
        <Table>
          <Table.Caption>{t('reports.money.chartTitle')}</Table.Caption>
          <Table.Tbody>
            {report.byMonth.map((m, i) => (
              <Table.Tr key={m.month}>
                <Table.Th>{data[i]?.month}</Table.Th>
                <Table.Td>{format.money(m.receivedMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Paper>
  );
}

function MoneyReport() {
  const { t } = useTranslation();
  const format = useFormat();
  const { timeZone } = useSettings();
  const [period, setPeriod] = useState<Period & { preset: Preset }>(() => ({ ...periodOf('thisYear', schoolToday(timeZone)), preset: 'thisYear' }));
  const revenue = useQuery('reports.revenue', { from: period.from, to: period.to }, { tables: revenueTables });
  const report = revenue.data;

  let body;
  if (revenue.error && !report) {
    body = (
      <Alert color="red" variant="light" title={t('reports.money.loadFailed')}>
        {t(`errors.code.${revenue.error.code}`)}
      </Alert>
    );
  } else if (!report) {
    body = (
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, md: 3 }}>
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Skeleton key={i} h={92} radius="md" />
          ))}
        </SimpleGrid>
        <Skeleton h={320} radius="md" />
      </Stack>
    );
  } else {
    body = (
      <Stack gap="md" data-testid="money-report">
        <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md">
          <StatCard
            id="received"
            label={t('reports.money.received')}
            hint={t('reports.money.receivedHint')}
            value={format.money(report.receivedMinor)}
          />
          <StatCard
            id="refunded"
            label={t('reports.money.refunded')}
            hint={t('reports.money.refundedHint')}
            value={format.money(report.refundedMinor)}
          />
          <StatCard
            id="net"
            label={t('reports.money.net')}
            hint={t('reports.money.netHint')}
            value={format.money(report.receivedMinor - report.refundedMinor)}
          />
          <StatCard
            id="expected"
            label={t('reports.money.expected')}
            hint={t('reports.money.expectedHint')}
            value={format.money(report.expectedMinor)}
          />
          <StatCard
            id="outstanding"
            label={t('reports.money.outstanding')}
            hint={t('reports.money.outstandingHint')}
            value={format.money(report.outstandingMinor)}
          />
          <StatCard
            id="overdue"
            label={t('reports.money.overdue')}
            hint={t('reports.money.overdueHint')}
            value={format.money(report.overdueMinor)}
            tone={report.overdueMinor > 0 ? 'red' : undefined}
          />
        </SimpleGrid>
        <RevenueChart report={report} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Title order={3}>{t('reports.money.title')}</Title>
        <PeriodPicker period={period} onChange={setPeriod} />
      </Group>
      {body}
    </Stack>
  );
}

function OwnerOnlyNote() {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color="gray" radius="md" icon={<IconLock size={18} stroke={1.6} />} title={t('reports.ownerOnly.title')} data-testid="reports-owner-only">
      {t('reports.ownerOnly.body')}
    </Alert>
  );
}

function Counts() {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useQuery('reports.stats', {}, { tables: countTables });
  if (stats.error && !stats.data) {
    return (
      <Alert color="red" variant="light" title={t('reports.counts.loadFailed')}>
        {t(`errors.code.${stats.error.code}`)}
      </Alert>
    );
  }
  const kinds = ['clients', 'enrollments', 'programs', 'cohorts', 'payments'] as const;
  return (
    <Paper withBorder radius="md" p="md" data-testid="report-counts">
      <Title order={4} mb="sm">
        {t('reports.counts.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
        {kinds.map((kind) => (
          <div key={kind} data-testid={`count-${kind}`}>
            <Text size="xs" c="dimmed">
              {t(`reports.counts.${kind}`)}
            </Text>
            {stats.data ? (
              <Text size="lg" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="value">
                {format.integer(stats.data[kind])}
              </Text>
            ) : (
              <Skeleton h={24} w={60} mt={4} />
            )}
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function Funnel() {
  const { t } = useTranslation();
  const format = useFormat();
  const funnel = useQuery('reports.enrollmentFunnel', {}, { tables: ['enrollments'] });
  const rows = funnel.data ?? [];
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Paper withBorder radius="md" p="md" data-testid="report-funnel">
      <Title order={4} mb="sm">
        {t('reports.funnel.title')}
      </Title>
      {funnel.error && !funnel.data ? (
        <Text c="red" size="sm">
          {t(`errors.code.${funnel.error.code}`)}
        </Text>
      ) : !funnel.data ? (
        <Stack gap="xs">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={20} />
          ))}
        </Stack>
      ) : total === 0 ? (
        <Text c="dimmed" size="sm">
          {t('reports.funnel.empty')}
        </Text>
      ) : (
        <Stack gap={10}>
          {rows.map((row) => (
            <Group key={row.status} gap="sm" wrap="nowrap" data-testid={`funnel-${row.status}`}>
              <Badge color={statusColor[row.status]} variant="light" radius="sm" w={130} style={{ flexShrink: 0 }}>
                {t(`enrollments.status.${row.status}`)}
              </Badge>
              <Progress
                value={(row.count / total) * 100}
                color={statusColor[row.status]}
                size="lg"
                radius="sm"
                style={{ flex: 1 }}
                aria-label={t('reports.funnel.share', { percent: percent.format(row.count / total) })}
              />
              <Text size="sm" fw={600} w={56} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="value">
                {format.integer(row.count)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

type Tab = 'overview' | 'money' | 'owed' | 'cohorts' | 'funnel' | 'campaigns' | 'summary';
const moneyTabs: readonly Tab[] = ['money', 'owed', 'cohorts', 'campaigns', 'summary'];

/** The period every decision tab shares, with the print button that puts the open tab on paper (or in a PDF). */
function PeriodBar({ period, onChange }: { period: Period & { preset: Preset }; onChange(next: Period & { preset: Preset }): void }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start" data-print-hide>
      <PeriodPicker period={period} onChange={onChange} />
      <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="report-print">
        {t('decisions.print')}
      </Button>
    </Group>
  );
}

const colors = { net: 'teal.6', expected: 'gray.5', cost: 'red.5', d0: 'yellow.5', d31: 'orange.5', d61: 'orange.8', d90: 'red.7' };

function MoneyTabs({ period }: { period: Period }) {
  return (
    <>
      <Tabs.Panel value="money">
        <Stack gap="md">
          <ReportTableView money kind="collectedByMonth" period={period} chart={{ index: 'month', series: [{ key: 'netMinor', color: colors.net }, { key: 'expectedMinor', color: colors.expected }] }} />
          <ReportTableView money kind="collectedByProgram" period={period} chart={{ index: 'program', series: [{ key: 'netMinor', color: colors.net }, { key: 'expectedMinor', color: colors.expected }], limit: 12 }} />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="owed">
        <Stack gap="md">
          {(['ageingByFamily', 'ageingByClient'] as const).map((kind) => (
            <ReportTableView
              key={kind}
              money
              kind={kind}
              period={period}
              chart={{
                index: 'name',
                stacked: true,
                limit: 12,
                series: [
                  { key: 'days0to30Minor', color: colors.d0 },
                  { key: 'days31to60Minor', color: colors.d31 },
                  { key: 'days61to90Minor', color: colors.d61 },
                  { key: 'days90plusMinor', color: colors.d90 },
                ],
              }}
            />
          ))}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="cohorts">
        <ReportTableView money kind="cohortFill" period={period} chart={{ index: 'cohort', series: [{ key: 'seatsTaken', color: colors.net }, { key: 'capacity', color: colors.expected }], limit: 16 }} />
      </Tabs.Panel>
      <Tabs.Panel value="campaigns">
        <Stack gap="md">
          <ReportTableView money kind="campaignReturn" period={period} chart={{ index: 'campaign', series: [{ key: 'collectedMinor', color: colors.net }, { key: 'costMinor', color: colors.cost }] }} />
          <ReportTableView money kind="channelReturn" period={period} chart={{ index: 'channel', series: [{ key: 'collectedMinor', color: colors.net }, { key: 'costMinor', color: colors.cost }] }} />
          <CampaignsPanel />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="summary">
        <MonthlySummary />
      </Tabs.Panel>
    </>
  );
}

function FunnelTab({ period }: { period: Period }) {
  const stages = [
    { key: 'inquiry', color: 'gray.5' },
    { key: 'thinking', color: 'yellow.5' },
    { key: 'trial', color: 'cyan.5' },
    { key: 'confirmed', color: 'teal.6' },
  ];
  return (
    <Stack gap="md">
      <ReportTableView money={false} kind="conversionBySource" period={period} chart={{ index: 'channel', series: stages }} />
      <ReportTableView money={false} kind="conversionByStaff" period={period} chart={{ index: 'staff', series: stages }} />
      <ReportTableView money={false} kind="lostReasons" period={period} chart={{ index: 'reason', series: [{ key: 'count', color: 'red.5' }] }} />
      <ReportTableView
        money={false}
        kind="newReturning"
        period={period}
        chart={{ index: 'month', stacked: true, series: [{ key: 'newStudents', color: 'teal.6' }, { key: 'returningStudents', color: 'indigo.5' }] }}
      />
    </Stack>
  );
}

export function ReportsPage() {
  const { t } = useTranslation();
  const canSeeMoney = useCan('finance.read');
  const { timeZone } = useSettings();
  const [tab, setTab] = useState<Tab>('overview');
  const [period, setPeriod] = useState<Period & { preset: Preset }>(() => ({ ...periodOf('thisYear', schoolToday(timeZone)), preset: 'thisYear' }));
  const tabs: Tab[] = ['overview', 'money', 'owed', 'cohorts', 'funnel', 'campaigns', 'summary'].filter((id) => canSeeMoney || !moneyTabs.includes(id as Tab)) as Tab[];
  const span = { from: period.from, to: period.to };
  return (
    <Stack gap="lg" maw={1100}>
      <div data-print-hide>
        <Title order={2}>{t('reports.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('reports.subtitle')}
        </Text>
      </div>
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false} data-testid="report-tabs">
        <Tabs.List mb="md" data-print-hide>
          {tabs.map((id) => (
            <Tabs.Tab key={id} value={id} data-testid={`report-tab-${id}`}>
              {t(`decisions.tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tab !== 'overview' && tab !== 'summary' && (
          <Stack mb="md">
            <PeriodBar period={period} onChange={setPeriod} />
          </Stack>
        )}
        <Tabs.Panel value="overview">
          <Stack gap="lg">
            {canSeeMoney ? <MoneyReport /> : <OwnerOnlyNote />}
            <Counts />
            <Funnel />
          </Stack>
        </Tabs.Panel>
        {canSeeMoney && <MoneyTabs period={span} />}
        <Tabs.Panel value="funnel">
          <FunnelTab period={span} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
