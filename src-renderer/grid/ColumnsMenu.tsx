/**
 * Show, hide and reorder columns from a menu (headers can also be dragged and
 * their edges pulled to resize). At least one column always stays visible.
 */
import { ActionIcon, Button, Checkbox, Divider, Group, Popover, Stack, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconColumns3 } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnLayout } from './model/layout';
import type { GridColumn } from './types';

interface Props<Row> {
  columns: readonly GridColumn<Row>[];
  layout: ColumnLayout;
  onChange: (layout: ColumnLayout) => void;
  onReset: () => void;
}

function ColumnsMenuInner<Row>({ columns, layout, onChange, onReset }: Props<Row>) {
  const { t } = useTranslation();
  const byId = new Map(columns.map((c) => [c.id, c]));
  const move = (index: number, delta: number) => {
    const order = [...layout.order];
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    [order[index], order[target]] = [order[target] as string, order[index] as string];
    onChange({ ...layout, order });
  };
  const shown = layout.order.length - layout.hidden.length;
  return (
    <Popover position="bottom-start" shadow="md" withinPortal>
      <Popover.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns3 size={14} />}>
          {t('grid.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4} miw={220}>
          {layout.order.map((id, index) => {
            const column = byId.get(id);
            if (!column) return null;
            const hidden = layout.hidden.includes(id);
            return (
              <Group key={id} gap={4} wrap="nowrap" justify="space-between">
                <Checkbox
                  size="xs"
                  label={column.header}
                  checked={!hidden}
                  disabled={!hidden && shown <= 1}
                  onChange={() => onChange({ ...layout, hidden: hidden ? layout.hidden.filter((h) => h !== id) : [...layout.hidden, id] })}
                />
                <Group gap={0} wrap="nowrap">
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    aria-label={`${t('grid.moveLeft')}: ${column.header}`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <IconChevronLeft size={12} />
                  </ActionIcon>
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    aria-label={`${t('grid.moveRight')}: ${column.header}`}
                    disabled={index === layout.order.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <IconChevronRight size={12} />
                  </ActionIcon>
                </Group>
              </Group>
            );
          })}
          <Divider my={4} />
          <Text
            size="xs"
            c="teal"
            component="button"
            style={{ background: 'none', border: 0, cursor: 'pointer', textAlign: 'left' }}
            onClick={onReset}
          >
            {t('grid.resetColumns')}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** Memoised, so the shell re-rendering for a keystroke or a new row count leaves the menu alone. */
export const ColumnsMenu = memo(ColumnsMenuInner) as typeof ColumnsMenuInner;
