/**
 * The scrolling part of the grid: only the rows in view (plus a margin) exist in
 * the DOM, so 100,000 clients scroll like 50. It is a component of its own, apart
 * from the grid's shell, because the virtualiser re-renders on every scroll and
 * only the body should; it lends the shell a handle to scroll to a row.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useReducer, type ReactNode } from 'react';
import classes from './Grid.module.css';
import { GridRow, type CellEditorProps } from './GridRow';
import { selectionRange, type GridCursor } from './model/keyboard';
import type { GridColumn } from './types';
import type { CellError } from './useCellEditing';
import type { RowEvents } from './useRowEvents';

interface GridBodyProps<Row> {
  viewport: React.RefObject<HTMLDivElement | null>;
  scrollHandle: React.RefObject<(index: number) => void>;
  total: number;
  rowAt: (index: number) => Row | undefined;
  ensure: (start: number, end: number) => void;
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
  children?: ReactNode;
}

/** The scrolling part: only the rows in view (plus a margin) exist in the DOM. */
export function GridBody<Row>(props: GridBodyProps<Row>) {
  const { viewport, total, rowAt, ensure, cursor, cellError } = props;
  // The virtualiser hands back fresh functions every render by design; the body is a
  // component of its own so only it re-renders, and nothing memoised receives them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => viewport.current,
    estimateSize: () => props.rowHeight,
    overscan: 10,
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
  useEffect(() => {
    ensure(firstIndex, lastIndex);
  }, [ensure, firstIndex, lastIndex, total]);
  const range = cursor.anchor ? selectionRange(cursor) : null;
  return (
    <div className={classes.body} style={{ height: virtualizer.getTotalSize(), width: props.totalWidth }}>
      {items.map((item) => {
        const onCursorRow = cursor.row === item.index;
        const selected = range && item.index >= range.top && item.index <= range.bottom ? range : null;
        const error = cellError && cellError.row === item.index ? cellError : null;
        return (
          <GridRow<Row>
            key={item.key}
            index={item.index}
            top={item.start}
            height={item.size}
            row={rowAt(item.index)}
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
      {props.children}
    </div>
  );
}
