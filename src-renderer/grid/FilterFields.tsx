/**
 * The fields inside a column's filter popover, one component per kind of filter:
 * contains-text, a multi-select of options, a date range and an amount range. They
 * hold no state of their own; the typed texts stay in FilterButton, which outlives
 * the popover, so closing and reopening a filter shows exactly what was typed.
 */
import { Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FilterValue } from './model/query';
import { parseNumberText } from './model/values';
import type { GridOption } from './types';

type Apply = (next: FilterValue | undefined) => void;

export function TextFilterField(props: { text: string; onText: (text: string) => void; apply: Apply }) {
  const { t } = useTranslation();
  return (
    <TextInput
      size="xs"
      label={t('grid.filterContains')}
      value={props.text}
      autoFocus
      onChange={(e) => {
        props.onText(e.currentTarget.value);
        props.apply({ kind: 'text', text: e.currentTarget.value });
      }}
    />
  );
}

export function OptionsFilterField(props: { label: string; options: readonly GridOption[]; value: FilterValue | undefined; apply: Apply }) {
  return (
    <Checkbox.Group
      value={props.value?.kind === 'in' ? props.value.values : []}
      onChange={(values) => props.apply({ kind: 'in', values })}
      label={props.label}
    >
      <Stack gap={6} mt={4}>
        {props.options.map((o) => (
          <Checkbox key={o.value} size="xs" value={o.value} label={o.label} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

export function DateRangeFilterFields({ value, apply }: { value: FilterValue | undefined; apply: Apply }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        size="xs"
        type="date"
        label={t('grid.filterFrom')}
        value={value?.kind === 'dateRange' ? (value.from ?? '') : ''}
        onChange={(e) =>
          apply({
            kind: 'dateRange',
            from: e.currentTarget.value || undefined,
            to: value?.kind === 'dateRange' ? value.to : undefined,
          })
        }
      />
      <TextInput
        size="xs"
        type="date"
        label={t('grid.filterTo')}
        value={value?.kind === 'dateRange' ? (value.to ?? '') : ''}
        onChange={(e) =>
          apply({
            kind: 'dateRange',
            from: value?.kind === 'dateRange' ? value.from : undefined,
            to: e.currentTarget.value || undefined,
          })
        }
      />
    </Group>
  );
}

function toNumber(text: string, money: boolean, exponent: number): number | undefined {
  const n = parseNumberText(text);
  if (n === null || Number.isNaN(n)) return undefined;
  return money ? Math.round(n * 10 ** exponent) : n;
}

interface AmountRangeProps {
  columnId: string;
  min: string;
  max: string;
  onMin: (text: string) => void;
  onMax: (text: string) => void;
  /** Typed in major units, compared in minor units. */
  money: boolean;
  exponent: number;
  apply: Apply;
}

export function AmountRangeFilterFields({ columnId, min, max, onMin, onMax, money, exponent, apply }: AmountRangeProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        size="xs"
        w={100}
        label={t('grid.filterMin')}
        value={min}
        inputMode="decimal"
        onChange={(e) => {
          onMin(e.currentTarget.value);
          apply({
            kind: 'amountRange',
            min: toNumber(e.currentTarget.value, money, exponent),
            max: toNumber(max, money, exponent),
          });
        }}
        data-testid={`filter-${columnId}-min`}
      />
      <TextInput
        size="xs"
        w={100}
        label={t('grid.filterMax')}
        value={max}
        inputMode="decimal"
        onChange={(e) => {
          onMax(e.currentTarget.value);
          apply({
            kind: 'amountRange',
            min: toNumber(min, money, exponent),
            max: toNumber(e.currentTarget.value, money, exponent),
          });
        }}
        data-testid={`filter-${columnId}-max`}
      />
    </Group>
  );
}
