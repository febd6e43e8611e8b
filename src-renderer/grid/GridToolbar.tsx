/**
 * The bar above the grid: quick search, views, columns, export and the clear-filters
 * link on the left; the loading spinner, the row count and the screen's own controls
 * on the right. It only displays what the grid's hooks hold and reports what was
 * asked, so the search box and menus never keep a second copy of the query.
 */
import { ActionIcon, Group, Loader, Text, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import type { RowData } from '@tanstack/react-table';
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../shared/workspace';
import { textOf } from './cellText';
import { ColumnsMenu } from './ColumnsMenu';
import { ExportMenu } from './ExportMenu';
import type { BuiltInView, GridColumn, GridViewConfig } from './types';
import type { ColumnLayoutState } from './useColumnLayout';
import type { GridQueryState } from './useGridQuery';
import type { GridRows } from './useGridRows';
import { ViewsMenu } from './ViewsMenu';

interface Props<Row extends RowData> {
  gridId: string;
  columns: readonly GridColumn<Row>[];
  rows: GridRows<Row>;
  query: GridQueryState;
  layout: Pick<ColumnLayoutState<Row>, 'layout' | 'setLayout' | 'resetLayout' | 'visible'>;
  views: { builtIn: readonly BuiltInView[] | undefined; saved: boolean | undefined; onApply: (config: GridViewConfig) => void };
  exportName: string | undefined;
  exportable: boolean;
  saving: boolean;
  /** ArrowDown or Enter in the search box hands the keyboard to the grid. */
  onLeaveSearch: () => void;
  children?: ReactNode;
}

const noViews: readonly BuiltInView[] = [];

export function GridToolbar<Row extends RowData>(props: Props<Row>) {
  const { gridId, rows, query, views } = props;
  const { layout, setLayout, resetLayout, visible } = props.layout;
  const { t } = useTranslation();
  const format = useFormat();
  // The same object while the query and layout stand, so the memoised views menu is left alone.
  const current = useMemo(
    () => ({ query: query.query, order: layout.order, hidden: layout.hidden }),
    [query.query, layout.order, layout.hidden],
  );
  return (
    <Group gap="xs" mb="xs" wrap="nowrap" justify="space-between">
      <Group gap="xs" wrap="nowrap">
        <SearchBox gridId={gridId} text={query.searchText} onChange={query.setSearchText} onLeave={props.onLeaveSearch} />
        {(views.builtIn?.length || views.saved) && (
          <ViewsMenu
            gridId={gridId}
            builtIn={views.builtIn ?? noViews}
            saved={views.saved ?? false}
            current={current}
            onApply={views.onApply}
          />
        )}
        <ColumnsMenu columns={props.columns} layout={layout} onChange={setLayout} onReset={resetLayout} />
        {props.exportable && (
          <ExportMenu gridId={gridId} fileName={props.exportName ?? gridId} columns={visible} all={rows.all} textOf={textOf} />
        )}
        {query.activeFilters > 0 && (
          <Text
            size="xs"
            c="teal"
            component="button"
            style={{ background: 'none', border: 0, cursor: 'pointer' }}
            onClick={query.clearFilters}
          >
            {t('grid.clearFilters')} ({query.activeFilters})
          </Text>
        )}
      </Group>
      <Group gap="xs" wrap="nowrap">
        <LoadingMark rows={rows} saving={props.saving} />
        <Text size="xs" c="dimmed" data-testid={`${gridId}-count`} style={{ whiteSpace: 'nowrap' }}>
          {t('grid.rows', { count: rows.total, formatted: format.integer(rows.total) })}
        </Text>
        {props.children}
      </Group>
    </Group>
  );
}

/** The spinner while pages load or an edit saves; it subscribes to the rows itself, so a page arriving redraws only it. */
function LoadingMark<Row>(props: { rows: GridRows<Row>; saving: boolean }) {
  const loading = useSyncExternalStore(props.rows.subscribe, props.rows.loading);
  return loading || props.saving ? <Loader size="xs" /> : null;
}

/** The quick search; ArrowDown or Enter hands the keyboard to the grid. */
function SearchBox(props: { gridId: string; text: string; onChange: (text: string) => void; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <TextInput
      size="xs"
      w={260}
      leftSection={<IconSearch size={14} />}
      placeholder={t('grid.searchPlaceholder')}
      aria-label={t('grid.search')}
      value={props.text}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'Enter') {
          e.preventDefault();
          props.onLeave();
        }
      }}
      rightSection={
        props.text ? (
          <ActionIcon size="xs" variant="subtle" color="gray" aria-label={t('grid.clear')} onClick={() => props.onChange('')}>
            <IconX size={12} />
          </ActionIcon>
        ) : null
      }
      data-testid={`${props.gridId}-search`}
    />
  );
}
