/**
 * A column's filter, opened from the funnel icon in its header: contains-text,
 * a multi-select of statuses, a date range or an amount range (typed in major
 * units, compared in minor units). The icon is filled while the filter is on, so
 * a filtered grid never looks like the whole list. The fields of each kind are
 * in FilterFields; the typed texts stay here because the button outlives its
 * popover, so a reopened filter shows what was typed, not a reformatted number.
 */
import { ActionIcon, Button, Group, Popover, Stack } from '@mantine/core';
import { IconFilter, IconFilterFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AmountRangeFilterFields, DateRangeFilterFields, OptionsFilterField, TextFilterField } from './FilterFields';
import { isActiveFilter, type FilterValue } from './model/query';
import { minorToEditText } from './model/values';
import type { GridColumn, GridFilter } from './types';

interface Props<Row> {
  column: GridColumn<Row>;
  filter: GridFilter;
  value: FilterValue | undefined;
  onChange: (value: FilterValue | undefined) => void;
  exponent: number;
}

export function FilterButton<Row>({ column, filter, value, onChange, exponent }: Props<Row>) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const active = isActiveFilter(value);
  const money = filter.kind === 'amountRange' && (filter.money ?? false);
  const [text, setText] = useState(value?.kind === 'text' ? value.text : '');
  const [min, setMin] = useState(
    value?.kind === 'amountRange' && value.min !== undefined ? (money ? minorToEditText(value.min, exponent) : String(value.min)) : '',
  );
  const [max, setMax] = useState(
    value?.kind === 'amountRange' && value.max !== undefined ? (money ? minorToEditText(value.max, exponent) : String(value.max)) : '',
  );

  const apply = (next: FilterValue | undefined) => onChange(next);

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <ActionIcon
          size="xs"
          variant={active ? 'light' : 'subtle'}
          color={active ? undefined : 'gray'}
          aria-label={t('grid.filter', { column: column.header })}
          onClick={() => setOpened((o) => !o)}
          data-testid={`filter-${column.id}`}
        >
          {active ? <IconFilterFilled size={12} /> : <IconFilter size={12} />}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown onKeyDown={(e) => e.stopPropagation()}>
        <Stack gap="xs" miw={200}>
          {filter.kind === 'text' && <TextFilterField text={text} onText={setText} apply={apply} />}
          {filter.kind === 'in' && <OptionsFilterField label={column.header} options={filter.options} value={value} apply={apply} />}
          {filter.kind === 'dateRange' && <DateRangeFilterFields value={value} apply={apply} />}
          {filter.kind === 'amountRange' && (
            <AmountRangeFilterFields
              columnId={column.id}
              min={min}
              max={max}
              onMin={setMin}
              onMax={setMax}
              money={money}
              exponent={exponent}
              apply={apply}
            />
          )}
          <Group justify="flex-end">
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              onClick={() => {
                setText('');
                setMin('');
                setMax('');
                apply(undefined);
                setOpened(false);
              }}
            >
              {t('grid.clear')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
