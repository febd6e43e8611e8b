/**
 * The instalment plan of a new enrollment: none, N equal monthly instalments from
 * a date (with a preview of the dates and amounts before saving), or rows typed by
 * hand. The first due date follows the group's start until someone types one, and
 * an even split lands on whole currency units when the total allows it, so the
 * preview shows exactly what the workspace will write.
 */
import { ActionIcon, Button, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import { monthlyDates } from '../../../src-shared/dates';
import { currencyExponent, splitEvenly } from '../../../src-shared/money';
import { useFormat } from '../../shared/workspace';
import { major, useMoneyInputProps, type NumberField } from './moneyInput';
import type { EnrollErrors } from './useEnrollErrors';

type PlanKind = 'none' | 'even' | 'custom';
type PlanRow = { dueOn: string; amount: NumberField };

/** The plan's state; `startOn` is the chosen group's start, `totalMinor` what an even plan splits. */
export function useInstalmentPlan(today: string, startOn: string | null | undefined, totalMinor: number) {
  const format = useFormat();
  const [kind, setKind] = useState<PlanKind>('none');
  const [count, setCount] = useState<NumberField>(3);
  const [typedFirstDueOn, setFirstDueOn] = useState<string | null>(null);
  const [rows, setRows] = useState<PlanRow[]>([{ dueOn: today, amount: '' }]);
  const firstDueOn = typedFirstDueOn ?? (startOn && startOn > today ? startOn : today);

  const evenPreview = useMemo(() => {
    const n = typeof count === 'number' ? count : Number.NaN;
    if (
      !Number.isInteger(n) ||
      n < 1 ||
      n > 60 ||
      !Number.isInteger(totalMinor) ||
      totalMinor <= 0 ||
      !/^\d{4}-\d{2}-\d{2}$/.test(firstDueOn)
    )
      return [];
    const unit = 10 ** currencyExponent(format.currency);
    const amounts = splitEvenly(totalMinor, n, totalMinor % unit === 0 ? unit : 1);
    return monthlyDates(firstDueOn, n).map((dueOn, i) => ({ dueOn, amountMinor: amounts[i] ?? 0 }));
  }, [count, totalMinor, firstDueOn, format.currency]);

  const setRow = (index: number, change: Partial<PlanRow>) => setRows((r) => r.map((x, j) => (j === index ? { ...x, ...change } : x)));
  const removeRow = (index: number) => setRows((r) => r.filter((_, j) => j !== index));
  const addRow = () => setRows((r) => [...r, { dueOn: r[r.length - 1]?.dueOn ?? today, amount: '' }]);

  /** The plan part of the enroll call. */
  const toInput = (): MethodInput<'enrollments.enroll'>['plan'] =>
    kind === 'even'
      ? { kind: 'even', count: count as number, firstDueOn }
      : kind === 'custom'
        ? { kind: 'custom', rows: rows.map((r) => ({ dueOn: r.dueOn, amountMinor: major(r.amount, format.currency) as number })) }
        : { kind: 'none' };

  return {
    kind,
    setKind,
    even: { count, setCount, firstDueOn, setFirstDueOn, evenPreview },
    custom: { rows, setRow, removeRow, addRow },
    toInput,
  };
}

type InstalmentPlan = ReturnType<typeof useInstalmentPlan>;

export function PlanSection({ plan, errors, canPrice }: { plan: InstalmentPlan; errors: EnrollErrors; canPrice: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Group justify="space-between" align="center">
        <Text fw={600}>{t('enroll.plan')}</Text>
        <SegmentedControl
          size="xs"
          value={plan.kind}
          onChange={(v) => {
            plan.setKind(v as PlanKind);
            errors.clear('plan.totalMinor', 'plan.rows');
          }}
          disabled={!canPrice}
          data={[
            { value: 'none', label: t('enroll.planNone') },
            { value: 'even', label: t('enroll.planEven') },
            { value: 'custom', label: t('enroll.planCustom') },
          ]}
          data-testid="plan-kind"
        />
      </Group>
      {plan.kind === 'even' && <EvenPlanFields even={plan.even} err={errors.err} />}
      {plan.kind === 'custom' && <CustomPlanRows custom={plan.custom} err={errors.err} />}
    </>
  );
}

function EvenPlanFields({ even, err }: { even: InstalmentPlan['even']; err: EnrollErrors['err'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <NumberInput
          label={t('enroll.count')}
          value={even.count}
          onChange={even.setCount}
          min={1}
          max={60}
          allowDecimal={false}
          allowNegative={false}
          error={err('plan.count')}
          name="count"
        />
        <TextInput
          label={t('enroll.firstDueOn')}
          type="date"
          value={even.firstDueOn}
          onChange={(e) => even.setFirstDueOn(e.currentTarget.value)}
          error={err('plan.firstDueOn')}
          name="firstDueOn"
        />
      </SimpleGrid>
      {err('plan.totalMinor') && (
        <Text c="red" size="sm">
          {err('plan.totalMinor')}
        </Text>
      )}
      {even.evenPreview.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="plan-preview">
          {even.evenPreview.map((p) => `${format.date(p.dueOn)}: ${format.money(p.amountMinor)}`).join(' · ')}
        </Text>
      )}
    </Stack>
  );
}

function CustomPlanRows({ custom, err }: { custom: InstalmentPlan['custom']; err: EnrollErrors['err'] }) {
  const { t } = useTranslation();
  const moneyProps = useMoneyInputProps();
  const { rows } = custom;
  return (
    <Stack gap="xs">
      {rows.map((row, i) => (
        <Group key={i} gap="sm" align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={t('enroll.dueOn')}
            type="date"
            value={row.dueOn}
            onChange={(e) => custom.setRow(i, { dueOn: e.currentTarget.value })}
            error={err(`plan.rows.${i}.dueOn`)}
            style={{ flex: 1 }}
          />
          <NumberInput
            aria-label={t('enroll.amount')}
            value={row.amount}
            onChange={(v) => custom.setRow(i, { amount: v })}
            error={err(`plan.rows.${i}.amountMinor`)}
            style={{ flex: 1 }}
            {...moneyProps}
          />
          <Tooltip label={t('enroll.removeRow')}>
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              aria-label={t('enroll.removeRow')}
              onClick={() => custom.removeRow(i)}
              disabled={rows.length === 1}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      {err('plan.rows') && (
        <Text c="red" size="sm">
          {err('plan.rows')}
        </Text>
      )}
      <Button variant="subtle" size="xs" w="fit-content" leftSection={<IconPlus size={14} />} onClick={custom.addRow}>
        {t('enroll.addRow')}
      </Button>
    </Stack>
  );
}
