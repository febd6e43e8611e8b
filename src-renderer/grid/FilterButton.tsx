/**
 * A column's filter, opened from the funnel icon in its header: contains-text,
 * a multi-select of statuses, a date range or an amount range (typed in major
 * units, compared in minor units). The icon is filled while the filter is on, so
 * a filtered grid never looks like the whole list.
 */
import { ActionIcon, Button, Checkbox, Group, Popover, Stack, TextInput } from '@mantine/core';
import { IconFilter, IconFilterFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isActiveFilter, type FilterValue } from './model/query';
import { minorToEditText, parseNumberText } from './model/values';
import type { GridColumn, GridFilter } from './types';

interface Props<Row> {
  column: GridColumn<Row>;
  filter: GridFilter;
  value: FilterValue | undefined;
  onChange: (value: FilterValue | undefined) => void;
  exponent: number;
}

function toNumber(text: string, money: boolean, exponent: number): number | undefined {
  const n = parseNumberText(text);
  if (n === null || Number.isNaN(n)) return undefined;
  return money ? Math.round(n * 10 ** exponent) : n;
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
          {filter.kind === 'text' && (
            <TextInput
              size="xs"
              label={t('grid.filterContains')}
              value={text}
              autoFocus
              onChange={(e) => {
                setText(e.currentTarget.value);
                apply({ kind: 'text', text: e.currentTarget.value });
              }}
            />
          )}
          {filter.kind === 'in' && (
            <Checkbox.Group
              value={value?.kind === 'in' ? value.values : []}
              onChange={(values) => apply({ kind: 'in', values })}
              label={column.header}
            >
              <Stack gap={6} mt={4}>
                {filter.options.map((o) => (
                  <Checkbox key={o.value} size="xs" value={o.value} label={o.label} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          {filter.kind === 'dateRange' && (
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
          )}
          {filter.kind === 'amountRange' && (
            <Group gap="xs" wrap="nowrap">
              <TextInput
                size="xs"
                w={100}
                label={t('grid.filterMin')}
                value={min}
                inputMode="decimal"
                onChange={(e) => {
                  setMin(e.currentTarget.value);
                  apply({
                    kind: 'amountRange',
                    min: toNumber(e.currentTarget.value, money, exponent),
                    max: toNumber(max, money, exponent),
                  });
                }}
                data-testid={`filter-${column.id}-min`}
              />
              <TextInput
                size="xs"
                w={100}
                label={t('grid.filterMax')}
                value={max}
                inputMode="decimal"
                onChange={(e) => {
                  setMax(e.currentTarget.value);
                  apply({
                    kind: 'amountRange',
                    min: toNumber(min, money, exponent),
                    max: toNumber(e.currentTarget.value, money, exponent),
                  });
                }}
                data-testid={`filter-${column.id}-max`}
              />
            </Group>
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
