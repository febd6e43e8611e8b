/**
 * The one page a school's monthly meeting reads (`reports.monthlySummary`): the
 * month's money, today's outstanding and overdue with their age, new enquiries,
 * confirmations and losses, new and returning students, sources, groups and
 * reasons lost. It is laid out to fit one A4 page; Print / PDF prints it through
 * the browser's or Electron's own print path with print.css, so Hungarian and
 * Chinese text come out in the system's fonts without a PDF library carrying a
 * CJK font of its own.
 */
import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthlySummary as Summary } from '../../../src-shared/api/reports-methods';
import { useQuery } from '../../api/context';
import { useListWord } from '../marketing';
import { useFormat, useSettings } from '../../shared/workspace';
import { schoolToday } from './period';

/** Rows each small table shows, so the page stays one page; the full reports hold every row. */
const summaryRows = 8;

function Figure({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div data-testid={`summary-${id}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid="value">
        {value}
      </Text>
    </div>
  );
}

function MoneyBlock({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p="sm" className="report-block">
      <Title order={5} mb="xs">
        {t('decisions.summary.money')}
      </Title>
      <SimpleGrid cols={5} spacing="xs">
        <Figure id="collected" label={t('decisions.summary.collected')} value={format.money(summary.collectedMinor)} />
        <Figure id="refunded" label={t('decisions.summary.refunded')} value={format.money(summary.refundedMinor)} />
        <Figure id="due" label={t('decisions.summary.due')} value={format.money(summary.dueInMonthMinor)} />
        <Figure id="outstanding" label={t('decisions.summary.outstanding')} value={format.money(summary.outstandingMinor)} />
        <Figure id="overdue" label={t('decisions.summary.overdue')} value={format.money(summary.overdueMinor)} />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs" fw={600}>
        {t('decisions.summary.ageing')}
      </Text>
      <SimpleGrid cols={4} spacing="xs">
        <Figure id="d0" label={t('decisions.col.days0to30Minor')} value={format.money(summary.ageing.days0to30Minor)} />
        <Figure id="d31" label={t('decisions.col.days31to60Minor')} value={format.money(summary.ageing.days31to60Minor)} />
        <Figure id="d61" label={t('decisions.col.days61to90Minor')} value={format.money(summary.ageing.days61to90Minor)} />
        <Figure id="d90" label={t('decisions.col.days90plusMinor')} value={format.money(summary.ageing.days90plusMinor)} />
      </SimpleGrid>
    </Paper>
  );
}

function PeopleBlock({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p="sm" className="report-block">
      <Title order={5} mb="xs">
        {t('decisions.summary.people')}
      </Title>
      <SimpleGrid cols={5} spacing="xs">
        <Figure id="new-enrollments" label={t('decisions.summary.newEnrollments')} value={format.integer(summary.newEnrollments)} />
        <Figure id="confirmed" label={t('decisions.summary.confirmed')} value={format.integer(summary.confirmedInMonth)} />
        <Figure id="lost" label={t('decisions.summary.lost')} value={format.integer(summary.lostInMonth)} />
        <Figure id="new-students" label={t('decisions.summary.newStudents')} value={format.integer(summary.newStudents)} />
        <Figure id="returning-students" label={t('decisions.summary.returningStudents')} value={format.integer(summary.returningStudents)} />
      </SimpleGrid>
    </Paper>
  );
}

function SmallTable({ title, head, rows }: { title: string; head: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" className="report-block">
      <Title order={5} mb={4}>
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('decisions.summary.none')}
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={2} style={{ fontVariantNumeric: 'tabular-nums' }}>
          <Table.Thead>
            <Table.Tr>
              {head.map((h, i) => (
                <Table.Th key={h} ta={i === 0 ? undefined : 'right'}>
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, r) => (
              <Table.Tr key={r}>
                {row.map((cell, i) => (
                  <Table.Td key={i} ta={i === 0 ? undefined : 'right'}>
                    {cell}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function SummaryPage({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const word = useListWord();
  const monthName = new Intl.DateTimeFormat(format.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${summary.month}-15T12:00:00Z`));
  const seats = (c: Summary['cohorts'][number]) => (c.capacity ? `${c.seatsTaken} / ${c.capacity}` : String(c.seatsTaken));
  return (
    <Stack gap="sm" className="summary-page" data-testid="monthly-summary">
      <div>
        <Title order={3}>{t('decisions.summary.heading', { school: summary.schoolName, month: monthName })}</Title>
        <Text size="sm" c="dimmed">
          {t('decisions.summary.asOf', { date: format.date(summary.asOf) })}
        </Text>
      </div>
      <MoneyBlock summary={summary} />
      <PeopleBlock summary={summary} />
      <SimpleGrid cols={2} spacing="sm">
        <SmallTable
          title={t('decisions.summary.channels')}
          head={[t('decisions.col.channel'), t('decisions.col.enrollments'), t('decisions.col.confirmed'), t('decisions.col.collectedMinor')]}
          rows={summary.channels.slice(0, summaryRows).map((c) => [word('channel', c.channel), format.integer(c.enrollments), format.integer(c.confirmed), format.money(c.collectedMinor)])}
        />
        <SmallTable
          title={t('decisions.summary.reasons')}
          head={[t('decisions.col.reason'), t('decisions.col.count')]}
          rows={summary.lostReasons.slice(0, summaryRows).map((r) => [word('reason', r.reason), format.integer(r.count)])}
        />
      </SimpleGrid>
      <SmallTable
        title={t('decisions.summary.cohorts')}
        head={[t('decisions.col.cohort'), t('decisions.col.program'), t('decisions.col.seatsTaken'), t('decisions.col.weightedMinor')]}
        rows={summary.cohorts.slice(0, summaryRows).map((c) => [c.name, c.programName, seats(c), format.money(c.weightedMinor)])}
      />
    </Stack>
  );
}

export function MonthlySummary() {
  const { t } = useTranslation();
  const { timeZone } = useSettings();
  const [month, setMonth] = useState(() => schoolToday(timeZone).slice(0, 7));
  const summary = useQuery('reports.monthlySummary', { month }, { tables: ['payments', 'instalments', 'enrollments', 'clients', 'cohorts', 'campaigns', 'settings'] });
  return (
    <Stack gap="md">
      <Group justify="space-between" data-print-hide>
        <TextInput
          type="month"
          label={t('decisions.summary.month')}
          value={month}
          onChange={(e) => /^\d{4}-\d{2}$/.test(e.currentTarget.value) && setMonth(e.currentTarget.value)}
          w={200}
          data-testid="summary-month"
        />
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} data-testid="summary-print">
          {t('decisions.print')}
        </Button>
      </Group>
      {summary.data && <SummaryPage summary={summary.data} />}
    </Stack>
  );
}
