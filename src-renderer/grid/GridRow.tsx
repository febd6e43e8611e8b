/**
 * One row of the grid and the in-place cell editor. A row is memoised and
 * receives only plain values (its cursor column, its selected span, its error),
 * so scrolling renders only the rows that come into view and moving the cursor
 * re-renders two rows, not every row on screen.
 */
import { memo, type KeyboardEvent } from 'react';
import { textOf } from './cellText';
import classes from './Grid.module.css';
import type { GridColumn } from './types';
import type { RowEvents } from './useRowEvents';

/** What the row under the cursor needs to show the editor. */
export interface CellEditorProps {
  draft: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  inputRef: React.RefObject<HTMLInputElement | HTMLSelectElement | null>;
}

interface GridRowProps<Row> {
  index: number;
  top: number;
  height: number;
  row: Row | undefined;
  rowId: (row: Row) => string;
  /** A test id on every row with data (`program-row`), so a test can find a row by its text. */
  rowTestId?: string | undefined;
  columns: readonly GridColumn<Row>[];
  widths: readonly number[];
  totalWidth: number;
  cursorCol: number | null;
  selLeft: number | null;
  selRight: number | null;
  errorCol: number | null;
  errorMessage: string | null;
  editor: CellEditorProps | null;
  events: RowEvents<Row>;
}

/** The column index of the cell an event happened in, or -1 (the row's own padding). */
function columnOf(target: EventTarget): number {
  const cell = target instanceof Element ? target.closest('[aria-colindex]') : null;
  return cell ? Number(cell.getAttribute('aria-colindex')) - 1 : -1;
}

/**
 * One row; memoised so scrolling renders only the rows that come into view. A fast
 * scroll draws a few hundred cells a frame, so a cell is as little as it can be: no
 * handlers of its own (the row handles the mouse for its cells) and the cursor
 * and selection attributes only where they are true.
 */
function GridRowInner<Row>(props: GridRowProps<Row>) {
  const { index, row, columns, widths, cursorCol, selLeft, selRight, errorCol, errorMessage, editor, events } = props;
  if (row === undefined && cursorCol === null && selLeft === null && errorCol === null) {
    return <BlankRow index={index} top={props.top} height={props.height} totalWidth={props.totalWidth} />;
  }
  return (
    <div
      className={classes.row}
      role="row"
      aria-rowindex={index + 2}
      style={{ top: props.top, height: props.height, width: props.totalWidth }}
      data-row-id={row === undefined ? undefined : props.rowId(row)}
      data-testid={row === undefined ? undefined : props.rowTestId}
      onMouseDown={(e) => {
        const col = columnOf(e.target);
        if (col < 0 || (cursorCol === col && editor !== null)) return;
        e.preventDefault();
        events.mouseDown(index, col, e.shiftKey, false);
      }}
      onDoubleClick={(e) => {
        const col = columnOf(e.target);
        if (col >= 0 && events.doubleClickCell(col)) return;
        if (row !== undefined) events.doubleClickRow(row);
      }}
    >
      {columns.map((column, col) => {
        const isCursor = cursorCol === col;
        const selected = selLeft !== null && selRight !== null && col >= selLeft && col <= selRight;
        const editing = isCursor && editor !== null;
        const error = errorCol === col ? errorMessage : null;
        return (
          <div
            key={column.id}
            className={classes.cell}
            role="gridcell"
            aria-colindex={col + 1}
            aria-selected={isCursor || selected}
            aria-invalid={error ? true : undefined}
            data-column={column.id}
            data-align={column.align}
            data-cursor={isCursor || undefined}
            data-selected={selected || undefined}
            data-invalid={error ? true : undefined}
            style={{ width: widths[col] }}
          >
            {editing && editor && row !== undefined ? (
              <CellEditor
                column={column}
                value={editor.draft}
                onChange={editor.onChange}
                onKeyDown={editor.onKeyDown}
                inputRef={editor.inputRef}
                label={column.header}
                invalid={!!error}
              />
            ) : row === undefined ? (
              <span className={classes.placeholder} />
            ) : column.render ? (
              column.render(row)
            ) : (
              <span>{textOf(column, row)}</span>
            )}
            {error && (
              <div className={classes.cellError} role="alert" data-testid="cell-error">
                {error}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

export const GridRow = memo(GridRowInner) as typeof GridRowInner;

/**
 * A row whose page is still on its way, with nothing under the cursor or
 * selected: one element whose background draws the placeholder bars, no cells.
 * A fast scroll across a long list shows mostly these, and a frame of them costs
 * a few attribute changes instead of a cell and a bar per column; the cells come
 * with the data. A row the cursor or the selection is on keeps its cells, so they
 * stay outlined while the page loads.
 */
function BlankRow(props: { index: number; top: number; height: number; totalWidth: number }) {
  return (
    <div
      className={`${classes.row} ${classes.blankRow}`}
      role="row"
      aria-rowindex={props.index + 2}
      aria-busy
      style={{ top: props.top, height: props.height, width: props.totalWidth }}
    />
  );
}

function CellEditor<Row>(props: {
  column: GridColumn<Row>;
  value: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  inputRef: React.RefObject<HTMLInputElement | HTMLSelectElement | null>;
  label: string;
  invalid: boolean;
}) {
  const { column, value, onChange, onKeyDown, inputRef, label, invalid } = props;
  const common = {
    className: classes.editor,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    onKeyDown,
    onMouseDown: (e: React.MouseEvent) => e.stopPropagation(),
    'data-testid': 'cell-editor',
  };
  if (column.editor?.kind === 'select') {
    return (
      <select
        {...common}
        ref={inputRef as React.RefObject<HTMLSelectElement>}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {column.editor.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      ref={inputRef as React.RefObject<HTMLInputElement>}
      type={column.editor?.kind === 'date' ? 'date' : 'text'}
      inputMode={column.editor?.kind === 'money' || column.editor?.kind === 'number' ? 'decimal' : undefined}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
