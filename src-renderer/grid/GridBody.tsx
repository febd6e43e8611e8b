/**
 * The scrolling part of the grid: only the rows in view (plus a small margin)
 * exist in the DOM, so 100,000 clients scroll like 50. It is a component of its
 * own, apart from the grid's shell, because the virtualiser re-renders on every
 * scroll and only the body should; so does a page of rows arriving (it subscribes
 * to the rows itself). It lends the shell a handle to scroll to a row.
 *
 * A row's React key is its index modulo the number of rows that fit, so a row
 * that scrolls out hands its DOM nodes to the one scrolling in instead of both
 * being torn down and built; a row keeps its key while it stays in view.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useReducer, useSyncExternalStore, type ReactNode } from 'react';
import classes from './Grid.module.css';
import { GridRow, type CellEditorProps } from './GridRow';
import { selectionRange, type GridCursor } from './model/keyboard';
import type { GridColumn } from './types';
import type { CellError } from './useCellEditing';
import type { GridRows } from './useGridRows';
import type { RowEvents } from './useRowEvents';

interface GridBodyProps<Row> {
  viewport: React.RefObject<HTMLDivElement | null>;
  scrollHandle: React.RefObject<(index: number) => void>;
  rows: GridRows<Row>;
  rowHeight: number;
  rowId: (row: Row) => string;
  rowTestId?: string | undefined;
  columns: readonly GridColumn<Row>[];
  widths: readonly number[];
  totalWidth: number;
  cursor: GridCursor;
  cellError: CellError | null;
  editor: CellEditorProps | null;
  events: RowEvents<Row>;
  /** Shown when there are no rows and none are loading. */
  empty: ReactNode;
}

/** Rows drawn beyond the viewport on each side: enough for a wheel step, few enough that a fast scroll draws little. */
const OVERSCAN = 4;

/** The scrolling part: only the rows in view (plus a margin) exist in the DOM. */
export function GridBody<Row>(props: GridBodyProps<Row>) {
  const { viewport, rows, cursor, cellError } = props;
  const { total, ensure } = rows;
  useSyncExternalStore(rows.subscribe, rows.version);
  const loading = useSyncExternalStore(rows.subscribe, rows.loading);
  // The virtualiser hands back fresh functions every render by design; the body is a
  // component of its own so only it re-renders, and nothing memoised receives them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => viewport.current,
    estimateSize: () => props.rowHeight,
    overscan: OVERSCAN,
  });
  // The viewport's ref is attached after this body's first layout effects run, so the
  // virtualiser first sees no scroll element. A grid over rows it already holds has no
  // later render to pick the element up (a loader grid gets one when its page arrives),
  // and drew an empty body under "2 rows"; one render after mount lets it measure.
  const [, remeasure] = useReducer((n: number) => n + 1, 0);
  useEffect(() => remeasure(), []);
  const scrollHandle = props.scrollHandle;
  useLayoutEffect(() => {
    scrollHandle.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [scrollHandle, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  // Before the frame is painted, so the pages the scroll needs are asked for a frame sooner.
  useLayoutEffect(() => {
    ensure(firstIndex, lastIndex);
  }, [ensure, firstIndex, lastIndex, total]);
  const range = cursor.anchor ? selectionRange(cursor) : null;
  // As many keys as rows can be drawn at this height, so the count does not change
  // (and every row remount) when a scroll shows one partial row more or less.
  const fit = Math.ceil((virtualizer.scrollRect?.height ?? 0) / props.rowHeight) + 2 * OVERSCAN + 2;
  const slots = Math.max(1, items.length, fit);
  return (
    <div className={classes.body} style={{ height: virtualizer.getTotalSize(), width: props.totalWidth }}>
      {items.map((item) => {
        const onCursorRow = cursor.row === item.index;
        const selected = range && item.index >= range.top && item.index <= range.bottom ? range : null;
        const error = cellError && cellError.row === item.index ? cellError : null;
        return (
          <GridRow<Row>
            key={item.index % slots}
            index={item.index}
            top={item.start}
            height={item.size}
            row={rows.rowAt(item.index)}
            rowId={props.rowId}
            rowTestId={props.rowTestId}
            columns={props.columns}
            widths={props.widths}
            totalWidth={props.totalWidth}
            cursorCol={onCursorRow ? cursor.col : null}
            selLeft={selected ? selected.left : null}
            selRight={selected ? selected.right : null}
            errorCol={error ? error.col : null}
            errorMessage={error ? error.message : null}
            editor={onCursorRow ? props.editor : null}
            events={props.events}
          />
        );
      })}
      {total === 0 && !loading && props.empty}
    </div>
  );
}
