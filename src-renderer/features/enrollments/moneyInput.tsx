/**
 * Money as the New-enrollment dialog types it: amounts are entered in major units
 * with the locale's own separators ("12 000,50" in Hungarian) and sent in minor
 * units. Every money field of the dialog takes its props from here, so the price,
 * the discount, the instalment rows and the first payment cannot disagree on
 * separators, decimals or the currency shown beside them.
 */
import { Text } from '@mantine/core';
import { currencyExponent, toMinor } from '../../../src-shared/money';
import { useFormat } from '../../shared/workspace';

/** What a Mantine NumberInput holds: a number, or the text while it is empty or half typed. */
export type NumberField = number | string;

/** Minor units of a typed amount; undefined when empty, the typed text when it is not a number (the API names the problem). */
export function major(value: NumberField, currency: string): number | undefined {
  if (typeof value === 'number') return toMinor(value, currency);
  return value.trim() === '' ? undefined : (value as unknown as number);
}

function separatorsOf(locale: string): { thousandSeparator: string; decimalSeparator: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/** The props every money NumberInput of the dialog spreads. */
export function useMoneyInputProps() {
  const format = useFormat();
  return {
    ...separatorsOf(format.locale),
    decimalScale: currencyExponent(format.currency),
    allowNegative: false,
    hideControls: true,
    rightSection: (
      <Text size="xs" c="dimmed">
        {format.currency}
      </Text>
    ),
    rightSectionWidth: 48,
  };
}
