/**
 * The owner's Teacher pay tab: a period's lessons given and pay owed per teacher,
 * lesson by lesson on demand, saved as CSV or XLSX by the main process (the same
 * file the report's numbers come from), and the rates that produce it. Shown
 * only to a role with `finance.read`; the router refuses everyone else anyway.
 */
import { ActionIcon, Alert, Button, Group, NumberInput, Select, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconDownload, IconTrash } from '@tabler/icons-react';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeacherPayLine } from '../../../src-shared/api/teacher-pay-methods';
import { todayIn } from '../../../src-shared/dates';
import { currencyExponent, toMinor } from '../../../src-shared/money';
import { payBases, type PayBasis } from '../../../src-shared/teacher-pay';
import { useApi, useQuery } from '../../api/context';
import { refusalText } from '../../shared/ConfirmDelete';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { useFormat, useSettings } from '../../shared/workspace';
import { base64ToBytes, saveBytes } from '../export';

const payTables = ['teacher_rates', 'lessons', 'attendance', 'teachers', 'programs', 'cohorts', 'enrollments'];

function TeacherRows({ line }: { line: TeacherPayLine }) {
  const { t } = useTranslation();
  const format = useFormat();
  const hours = (minutes: number) => new Intl.NumberFormat(format.locale, { maximumFractionDigits: 2 }).format(minutes / 60);
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <Table.Tr data-testid="pay-teacher">
        <Table.Td>
          <ActionIcon variant="subtle" size="sm" onClick={() => setOpen(!open)} aria-label={line.teacherName}>
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td fw={500}>{line.teacherName}</Table.Td>
        <Table.Td ta="right">{line.lessons}</Table.Td>
        <Table.Td ta="right">{hours(line.minutes)}</Table.Td>
        <Table.Td ta="right">{line.present}</Table.Td>
        <Table.Td ta="right" c={line.withoutRate > 0 ? 'orange' : undefined}>
          {line.withoutRate}
        </Table.Td>
        <Table.Td ta="right" fw={600}>
          {format.money(line.payMinor)}
        </Table.Td>
      </Table.Tr>
      {open &&
        line.details.map((d) => (
          <Table.Tr key={d.lessonId} c="dimmed">
            <Table.Td />
            <Table.Td>
              {format.date(d.on)} {d.startTime} · {d.programName} – {d.cohortName}
            </Table.Td>
            <Table.Td />
            <Table.Td ta="right">{hours(d.minutes)}</Table.Td>
            <Table.Td ta="right">{d.present}</Table.Td>
            <Table.Td ta="right">{d.basis ? t(`teacherPay.basis.${d.basis}`) : t('teacherPay.noRate')}</Table.Td>
            <Table.Td ta="right">{format.money(d.payMinor)}</Table.Td>
          </Table.Tr>
        ))}
    </Fragment>
  );
}

function Report({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const report = useQuery('teacherPay.report', { from, to }, { tables: payTables });
  if (report.error && !report.data) return <Alert color="red">{t(`errors.code.${report.error.code}`)}</Alert>;
  if (!report.data) return <Skeleton h={160} />;
  if (report.data.teachers.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('teacherPay.none')}
      </Text>
    );
  return (
    <Table data-testid="teacher-pay-report" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={32} />
          <Table.Th>{t('teacherPay.teacher')}</Table.Th>
          <Table.Th ta="right">{t('teacherPay.lessons')}</Table.Th>
          <Table.Th ta="right">{t('teacherPay.hours')}</Table.Th>
          <Table.Th ta="right">{t('teacherPay.present')}</Table.Th>
          <Table.Th ta="right">{t('teacherPay.withoutRate')}</Table.Th>
          <Table.Th ta="right">{t('teacherPay.pay')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.data.teachers.map((line) => (
          <TeacherRows key={line.teacherId} line={line} />
        ))}
        <Table.Tr>
          <Table.Td />
          <Table.Td fw={700}>{t('teacherPay.total')}</Table.Td>
          <Table.Td colSpan={4} />
          <Table.Td ta="right" fw={700} data-testid="teacher-pay-total">
            {format.money(report.data.totalPayMinor)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function RateForm() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const settings = useSettings();
  const teachers = useQuery('teachers.list', {}, { tables: ['teachers'] });
  const programs = useQuery('programs.list', {}, { tables: ['programs'] });
  const fresh = { teacherId: '', programId: '', basis: 'lesson' as PayBasis, amount: '' as number | string, validFrom: '' };
  const [draft, setDraft] = useState(fresh);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = typeof draft.amount === 'number' ? draft.amount : undefined;
    try {
      await api.call('teacherRates.save', {
        teacherId: draft.teacherId,
        programId: draft.programId || null,
        basis: draft.basis,
        amountMinor: draft.basis === 'revenue' ? 0 : amount === undefined ? 0 : toMinor(amount, format.currency),
        sharePercent: draft.basis === 'revenue' ? (amount ?? 0) : 0,
        validFrom: draft.validFrom || todayIn(settings.timeZone, new Date()),
      });
      notifications.show({ color: 'teal', message: t('teacherPay.rates.saved') });
      setDraft(fresh);
      setErrors({ fields: {}, form: null });
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'teacherPay', ['teacherId', 'programId', 'amountMinor', 'sharePercent', 'validFrom']));
    }
  };
  const revenue = draft.basis === 'revenue';
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="rate-form">
      <Group align="flex-start" gap="xs" wrap="wrap">
        <Select
          label={t('teacherPay.teacher')}
          data={(teachers.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={draft.teacherId || null}
          onChange={(id) => setDraft({ ...draft, teacherId: id ?? '' })}
          error={errors.fields['teacherId']}
          w={180}
          data-testid="rate-teacher"
        />
        <Select
          label={t('teacherPay.rates.program')}
          data={[
            { value: '', label: t('teacherPay.rates.anyProgram') },
            ...(programs.data ?? []).map((x) => ({ value: x.id, label: x.name })),
          ]}
          value={draft.programId}
          onChange={(id) => setDraft({ ...draft, programId: id ?? '' })}
          allowDeselect={false}
          w={180}
        />
        <Select
          label={t('teacherPay.basisLabel')}
          data={payBases.map((b) => ({ value: b, label: t(`teacherPay.basis.${b}`) }))}
          value={draft.basis}
          onChange={(b) => setDraft({ ...draft, basis: (b ?? 'lesson') as PayBasis })}
          allowDeselect={false}
          w={190}
          data-testid="rate-basis"
        />
        <NumberInput
          label={revenue ? t('teacherPay.rates.share') : t('teacherPay.rates.amount')}
          value={draft.amount}
          onChange={(amount) => setDraft({ ...draft, amount })}
          decimalScale={revenue ? 0 : currencyExponent(format.currency)}
          allowNegative={false}
          hideControls
          rightSectionWidth={48}
          rightSection={
            <Text size="xs" c="dimmed">
              {revenue ? '%' : format.currency}
            </Text>
          }
          error={revenue ? errors.fields['sharePercent'] : errors.fields['amountMinor']}
          w={140}
          data-testid="rate-amount"
        />
        <TextInput
          type="date"
          label={t('teacherPay.rates.validFrom')}
          value={draft.validFrom}
          onChange={(e) => setDraft({ ...draft, validFrom: e.currentTarget.value })}
          error={errors.fields['validFrom']}
        />
        <Button type="submit" mt={25} data-testid="rate-save">
          {t('teacherPay.rates.add')}
        </Button>
      </Group>
      {errors.form && (
        <Alert color="red" variant="light" mt="xs">
          {errors.form}
        </Alert>
      )}
    </form>
  );
}

function Rates() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const rates = useQuery('teacherRates.list', {}, { tables: ['teacher_rates', 'teachers', 'programs'] });
  const remove = async (id: string) => {
    try {
      await api.call('teacherRates.delete', { id });
      notifications.show({ color: 'teal', message: t('teacherPay.rates.deleted') });
    } catch (e) {
      notifications.show({ color: 'red', message: refusalText(t)(e) });
    }
  };
  return (
    <Stack gap="xs">
      <Title order={4}>{t('teacherPay.rates.title')}</Title>
      {rates.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('teacherPay.rates.none')}
        </Text>
      )}
      {(rates.data ?? []).length > 0 && (
        <Table data-testid="rates">
          <Table.Tbody>
            {(rates.data ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.teacherName}</Table.Td>
                <Table.Td>{r.programName ?? t('teacherPay.rates.anyProgram')}</Table.Td>
                <Table.Td>
                  {r.basis === 'revenue' ? `${r.sharePercent}%` : format.money(r.amountMinor)} {t(`teacherPay.basis.${r.basis}`)}
                </Table.Td>
                <Table.Td>{format.date(r.validFrom)}</Table.Td>
                <Table.Td w={40}>
                  <ActionIcon variant="subtle" color="red" onClick={() => void remove(r.id)} aria-label={t('teacherPay.rates.delete')}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RateForm />
    </Stack>
  );
}

export function TeacherPayPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const today = todayIn(settings.timeZone, new Date());
  const [period, setPeriod] = useState({ from: `${today.slice(0, 7)}-01`, to: today });
  const save = async (format: 'csv' | 'xlsx') => {
    try {
      const file = await api.call('teacherPay.export', { ...period, format });
      saveBytes(file.fileName, base64ToBytes(file.contentBase64), file.mime);
      notifications.show({ color: 'teal', message: t('teacherPay.exported', { fileName: file.fileName }) });
    } catch (e) {
      notifications.show({ color: 'red', message: refusalText(t)(e) });
    }
  };
  const valid = period.from !== '' && period.to !== '' && period.from <= period.to;
  return (
    <Stack gap="md" data-testid="teacher-pay">
      <Text size="sm" c="dimmed">
        {t('teacherPay.hint')}
      </Text>
      <Group align="flex-end" justify="space-between">
        <Group gap="xs">
          <TextInput
            type="date"
            label={t('teacherPay.from')}
            value={period.from}
            onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('teacherPay.to')}
            value={period.to}
            onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })}
          />
        </Group>
        <Group gap="xs">
          <Button variant="default" size="xs" leftSection={<IconDownload size={14} />} onClick={() => void save('csv')} disabled={!valid}>
            {t('teacherPay.exportCsv')}
          </Button>
          <Button variant="default" size="xs" leftSection={<IconDownload size={14} />} onClick={() => void save('xlsx')} disabled={!valid}>
            {t('teacherPay.exportXlsx')}
          </Button>
        </Group>
      </Group>
      {valid && <Report from={period.from} to={period.to} />}
      <Rates />
    </Stack>
  );
}
