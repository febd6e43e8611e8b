/**
 * What a change to the money plan does, shown before it is saved: each
 * instalment with its date and amount before and after, the money allocated to
 * it after the change and what happens to it (kept, edited, reduced, added,
 * carried, removed), then the enrollment's paid, balance and credit before and
 * after. The re-plan dialog and the move-to-another-group dialog both show a
 * `PlanPreview` from the API through this one table, so both speak alike.
 */
import { Alert, Badge, Group, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PlanPreview, PlanRowChange } from '../../../src-shared/api/enrollments-methods';
import type { ApiError } from '../../api/client';
import { useFormat } from '../../shared/workspace';

const changeColor: Record<PlanRowChange, string> = {
  unchanged: 'gray',
  edited: 'blue',
  reduced: 'yellow',
  added: 'teal',
  carried: 'indigo',
  removed: 'red',
};

/** An API refusal of a plan in words: the plan's own codes first, then the field's, then the error's. */
export function planErrorText(t: TFunction, error: ApiError): string {
  const field = error.fields[0];
  if (field) return t([`enrollments.change.errors.${field.code}`, `errors.field.${field.code}`, 'errors.field.invalid']);
  return t(`errors.code.${error.code}`, { defaultValue: error.message });
}

export function PlanPreviewTable({ preview }: { preview: PlanPreview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor);
  return (
    <div data-testid="plan-preview">
      <Table fz="xs" verticalSpacing={2} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('enrollments.change.dueOn')}</Table.Th>
            <Table.Th ta="right">{t('enrollments.change.before')}</Table.Th>
            <Table.Th ta="right">{t('enrollments.change.after')}</Table.Th>
            <Table.Th ta="right">{t('enrollments.change.paidAfter')}</Table.Th>
            <Table.Th>{t('enrollments.change.what')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((row, i) => (
            <Table.Tr key={row.id ?? `added-${i}`} data-testid="plan-preview-row" data-change={row.change}>
              <Table.Td>{format.date(row.dueOn)}</Table.Td>
              <Table.Td ta="right">{row.before ? `${money(row.before.amountMinor)} (${money(row.before.paidMinor)})` : '—'}</Table.Td>
              <Table.Td ta="right" td={row.change === 'removed' ? 'line-through' : undefined}>
                {money(row.amountMinor)}
              </Table.Td>
              <Table.Td ta="right">{money(row.paidMinor)}</Table.Td>
              <Table.Td>
                <Badge size="xs" variant="light" color={changeColor[row.change]}>
                  {t(`enrollments.change.rowChange.${row.change}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="lg" mt="xs" data-testid="plan-preview-totals">
        <Text size="xs">
          {t('enrollments.change.priceLine', { price: money(preview.priceMinor), planned: money(preview.plannedMinor) })}
        </Text>
        <Text size="xs">{t('enrollments.change.keptLine', { kept: money(preview.keptMinor) })}</Text>
        <Text size="xs">
          {t('enrollments.change.balanceLine', { before: money(preview.before.balanceMinor), after: money(preview.after.balanceMinor) })}
        </Text>
        {preview.after.creditMinor > 0 && (
          <Text size="xs" c="orange">
            {t('enrollments.change.creditLine', { credit: money(preview.after.creditMinor) })}
          </Text>
        )}
      </Group>
      {preview.unplannedMinor !== 0 && (
        <Alert color="yellow" mt="xs" p="xs">
          <Text size="xs">
            {preview.unplannedMinor > 0
              ? t('enrollments.change.unplanned', { amount: money(preview.unplannedMinor) })
              : t('enrollments.change.overplanned', { amount: money(-preview.unplannedMinor) })}
          </Text>
        </Alert>
      )}
    </div>
  );
}
