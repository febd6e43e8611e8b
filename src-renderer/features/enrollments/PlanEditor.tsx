/**
 * "Change the plan": the instalments of an enrollment re-planned later without
 * losing what is paid — N equal ones from a date for what is left, or the rows
 * edited by hand (a date or amount changed, an unpaid one added or removed; a
 * paid one cannot be removed, and says so). Before anything is saved the dialog
 * shows, row by row, what happens to the money already on each instalment
 * (`instalments.previewReplan`, the same arithmetic the save runs), so the
 * owner sees "kept", "reduced" or "removed" before pressing Save.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import type { EnrollmentDetail } from '../../../src-shared/api/types';
import { currencyExponent } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useFormat } from '../../shared/workspace';
import { PlanPreviewTable, planErrorText } from './PlanPreviewTable';
import { major, useMoneyInputProps, type NumberField } from './moneyInput';

type Mode = 'equal' | 'rows';
interface Row {
  id?: string;
  dueOn: string;
  amount: NumberField;
  paidMinor: number;
}

const planTables = ['enrollments', 'instalments', 'payments', 'payment_allocations'];

export function PlanEditor({ enrollmentId, onClose }: { enrollmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery('enrollments.get', { id: enrollmentId }, { tables: planTables });
  return (
    <Modal opened onClose={onClose} size="xl" title={t('enrollments.change.planTitle')} data-testid="plan-editor">
      {detail.data ? <PlanForm key={detail.data.id} enrollment={detail.data} onClose={onClose} /> : <Text c="dimmed">…</Text>}
    </Modal>
  );
}

function usePlanDraft(enrollment: EnrollmentDetail) {
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const instalments = enrollment.balance.instalments;
  const [mode, setMode] = useState<Mode>(instalments.length > 0 ? 'rows' : 'equal');
  const [count, setCount] = useState<NumberField>(3);
  const [firstDueOn, setFirstDueOn] = useState(instalments.find((i) => i.outstandingMinor > 0)?.dueOn ?? enrollment.cohortStartOn ?? '');
  const [rows, setRows] = useState<Row[]>(() =>
    instalments.map((i) => ({ id: i.id, dueOn: i.dueOn, amount: i.amountMinor / 10 ** exponent, paidMinor: i.paidMinor })),
  );
  const input: MethodInput<'instalments.replan'> =
    mode === 'equal'
      ? { mode, enrollmentId: enrollment.id, count: count as number, firstDueOn, everyMonths: 1 }
      : {
          mode,
          enrollmentId: enrollment.id,
          rows: rows.map((r) => ({
            ...(r.id ? { id: r.id } : {}),
            dueOn: r.dueOn,
            amountMinor: major(r.amount, format.currency) as number,
          })),
        };
  const setRow = (index: number, change: Partial<Row>) => setRows((r) => r.map((x, j) => (j === index ? { ...x, ...change } : x)));
  const addRow = () => setRows((r) => [...r, { dueOn: r[r.length - 1]?.dueOn ?? firstDueOn, amount: '', paidMinor: 0 }]);
  const removeRow = (index: number) => setRows((r) => r.filter((_, j) => j !== index));
  return { mode, setMode, count, setCount, firstDueOn, setFirstDueOn, rows, setRow, addRow, removeRow, input };
}

function PlanForm({ enrollment, onClose }: { enrollment: EnrollmentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const plan = usePlanDraft(enrollment);
  const preview = useQuery('instalments.previewReplan', plan.input, { tables: planTables });
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setSaveError(null);
    try {
      await api.call('instalments.replan', plan.input);
      notifications.show({ color: 'teal', message: t('enrollments.change.planSaved') });
      onClose();
    } catch (error) {
      setSaveError(error instanceof ApiError ? planErrorText(t, error) : String(error));
    } finally {
      setBusy(false);
    }
  };
  const previewError = preview.error && !preview.loading ? planErrorText(t, preview.error) : null;
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={plan.mode}
        onChange={(v) => plan.setMode(v as Mode)}
        data={[
          { value: 'rows', label: t('enrollments.change.planRows') },
          { value: 'equal', label: t('enrollments.change.planEqual') },
        ]}
        data-testid="plan-mode"
      />
      {plan.mode === 'equal' ? <EqualFields plan={plan} /> : <RowFields plan={plan} />}
      <Text size="sm" fw={600}>
        {t('enrollments.change.previewTitle')}
      </Text>
      {previewError ? (
        <Alert color="orange" data-testid="plan-preview-error">
          {previewError}
        </Alert>
      ) : preview.data ? (
        <PlanPreviewTable preview={preview.data} />
      ) : null}
      {saveError && <Alert color="red">{saveError}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('enrollments.change.cancel')}
        </Button>
        <Button onClick={() => void save()} loading={busy} disabled={!!previewError} data-testid="plan-save">
          {t('enrollments.change.savePlan')}
        </Button>
      </Group>
    </Stack>
  );
}

type Plan = ReturnType<typeof usePlanDraft>;

function EqualFields({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={2}>
      <NumberInput
        label={t('enrollments.change.count')}
        min={1}
        max={60}
        allowDecimal={false}
        value={plan.count}
        onChange={plan.setCount}
        data-testid="plan-count"
      />
      <TextInput
        type="date"
        label={t('enrollments.change.firstDueOn')}
        value={plan.firstDueOn}
        onChange={(e) => plan.setFirstDueOn(e.currentTarget.value)}
        data-testid="plan-first-due"
      />
    </SimpleGrid>
  );
}

function RowFields({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const format = useFormat();
  const moneyProps = useMoneyInputProps();
  return (
    <Stack gap={6} data-testid="plan-rows">
      {plan.rows.map((row, i) => (
        <Group key={row.id ?? `new-${i}`} gap="xs" wrap="nowrap" data-testid="plan-row">
          <TextInput
            type="date"
            size="xs"
            aria-label={t('enrollments.change.dueOn')}
            value={row.dueOn}
            onChange={(e) => plan.setRow(i, { dueOn: e.currentTarget.value })}
          />
          <NumberInput
            {...moneyProps}
            size="xs"
            aria-label={t('enrollments.change.amount')}
            value={row.amount}
            onChange={(v) => plan.setRow(i, { amount: v })}
            data-testid="plan-row-amount"
          />
          <Text size="xs" c="dimmed" w={140}>
            {row.paidMinor > 0 ? t('enrollments.change.paidOn', { amount: format.money(row.paidMinor) }) : ''}
          </Text>
          <Tooltip label={row.paidMinor > 0 ? t('enrollments.change.cannotRemovePaid') : t('enrollments.change.removeRow')}>
            <span>
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={row.paidMinor > 0}
                onClick={() => plan.removeRow(i)}
                aria-label={t('enrollments.change.removeRow')}
                data-testid="plan-row-remove"
              >
                <IconTrash size={14} />
              </ActionIcon>
            </span>
          </Tooltip>
        </Group>
      ))}
      <Button
        size="xs"
        variant="subtle"
        leftSection={<IconPlus size={14} />}
        onClick={plan.addRow}
        w="fit-content"
        data-testid="plan-add-row"
      >
        {t('enrollments.change.addRow')}
      </Button>
    </Stack>
  );
}
