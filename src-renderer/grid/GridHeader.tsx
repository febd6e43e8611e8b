/**
 * The header row: one cell per visible column with its sort button and order
 * badge, its filter and its resize handle, and drag-and-drop to reorder columns.
 * The drag state is the header's own (which column is dragged, which one it is
 * over), so dragging re-renders the header and never the rows.
 */
import { Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { RowData } from '@tanstack/react-table';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterButton } from './FilterButton';
import classes from './Grid.module.css';
import type { FilterValue, GridQuery } from './model/query';
import type { GridColumn } from './types';
import type { GridHeader as GridHeaderModel } from './useColumnLayout';

interface Props<Row extends RowData> {
  headers: readonly GridHeaderModel<Row>[];
  byId: ReadonlyMap<string, GridColumn<Row>>;
  totalWidth: number;
  /** The query's sorting and filters, not the whole query: a new search leaves both, and so the header, as they were. */
  sorting: GridQuery['sorting'];
  filters: GridQuery['filters'];
  exponent: number;
  onSort: (id: string, additive: boolean) => void;
  onFilter: (id: string, filter: FilterValue | undefined) => void;
  /** Moves the dragged column to where the other one is. */
  onMove: (dragged: string, target: string) => void;
}

function GridHeaderInner<Row extends RowData>(props: Props<Row>) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);
  const endDrag = () => {
    setDragging(null);
    setDragOver(null);
  };
  return (
    <div className={classes.header} role="row" style={{ width: props.totalWidth }}>
      {props.headers.map((header) => {
        const column = props.byId.get(header.column.id);
        if (!column) return null;
        return (
          <div
            key={header.id}
            className={classes.headerCell}
            style={{ width: header.getSize(), justifyContent: column.align === 'right' ? 'flex-end' : undefined }}
            role="columnheader"
            aria-sort={sortOf(props.sorting, column.id).aria}
            data-column={column.id}
            data-dragover={dragOver === column.id}
            draggable
            onDragStart={(e) => {
              setDragging(column.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!dragging) return;
              e.preventDefault();
              setDragOver(column.id);
            }}
            onDragLeave={() => setDragOver(null)}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging && dragging !== column.id) props.onMove(dragging, column.id);
              endDrag();
            }}
            onDragEnd={endDrag}
          >
            <HeaderCellContent<Row>
              header={header}
              column={column}
              sorting={props.sorting}
              filters={props.filters}
              exponent={props.exponent}
              onSort={props.onSort}
              onFilter={props.onFilter}
            />
          </div>
        );
      })}
    </div>
  );
}

/**
 * Memoised: the header changes with the sorting, filters and column layout, not with a
 * keystroke in the search box or a page of rows arriving, which re-render the shell.
 */
export const GridHeader = memo(GridHeaderInner) as typeof GridHeaderInner;

function sortOf(sorting: GridQuery['sorting'], id: string) {
  const index = sorting.findIndex((s) => s.id === id);
  const sort = sorting[index];
  return { sort, index, aria: sort ? (sort.desc ? ('descending' as const) : ('ascending' as const)) : undefined };
}

/** Inside one header cell: the label (a sort button when sortable), the sort arrow, the filter, the resize handle. */
function HeaderCellContent<Row extends RowData>(
  props: Pick<Props<Row>, 'sorting' | 'filters' | 'exponent' | 'onSort' | 'onFilter'> & {
    header: GridHeaderModel<Row>;
    column: GridColumn<Row>;
  },
) {
  const { header, column, sorting, filters } = props;
  const { t } = useTranslation();
  const { sort, index: sortIndex } = sortOf(sorting, column.id);
  return (
    <>
      {column.sortable ? (
        <button
          type="button"
          className={classes.headerLabel}
          title={t('grid.sortHint')}
          onClick={(e) => props.onSort(column.id, e.shiftKey)}
          data-testid={`sort-${column.id}`}
        >
          {column.header}
        </button>
      ) : (
        <span className={classes.headerLabel} style={{ cursor: 'default' }}>
          {column.header}
        </span>
      )}
      {sort && (
        <Group gap={0} wrap="nowrap" aria-label={sort.desc ? t('grid.sortedDesc') : t('grid.sortedAsc')}>
          {sort.desc ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />}
          {sorting.length > 1 && (
            <Text span size="10px" fw={700}>
              {sortIndex + 1}
            </Text>
          )}
        </Group>
      )}
      {column.filter && (
        <FilterButton
          column={column}
          filter={column.filter}
          value={filters[column.id]}
          onChange={(f) => props.onFilter(column.id, f)}
          exponent={props.exponent}
        />
      )}
      <div
        className={classes.resizer}
        data-resizing={header.column.getIsResizing()}
        onMouseDown={header.getResizeHandler()}
        onTouchStart={header.getResizeHandler()}
        onDoubleClick={() => header.column.resetSize()}
        onDragStart={(e) => e.preventDefault()}
        draggable={false}
        role="separator"
        aria-label={t('grid.resize')}
      />
    </>
  );
}
