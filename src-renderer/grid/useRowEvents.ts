/**
 * Selection and opening with the mouse: a click moves the cursor (Shift+click
 * extends the selection from its anchor), a double click edits an editable cell or
 * opens the row. Rows are memoised, so they receive one object that never changes
 * and calls the latest handlers through a ref; passing fresh handlers would
 * re-render every row in view on each keystroke.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import type { CellEditing } from './useCellEditing';

export interface RowEvents<Row> {
  mouseDown: (index: number, col: number, shift: boolean, editingHere: boolean) => void;
  doubleClickCell: (col: number) => boolean;
  doubleClickRow: (row: Row) => void;
}

export function useRowEvents<Row>(editing: CellEditing<Row>, focusGrid: () => void, onOpenRow: ((row: Row) => void) | undefined) {
  const { cursor, setCursor } = editing;
  const latest = useRef<RowEvents<Row>>({
    mouseDown: () => {},
    doubleClickCell: () => false,
    doubleClickRow: () => {},
  });
  const handlers: RowEvents<Row> = {
    mouseDown: (index, col, shift, editingHere) => {
      if (editingHere) return;
      if (cursor.editing) void editing.commit({ ...cursor, editing: false });
      focusGrid();
      editing.setCellError(null);
      setCursor(
        shift
          ? { row: index, col, anchor: cursor.anchor ?? { row: cursor.row, col: cursor.col }, editing: false }
          : { row: index, col, anchor: null, editing: false },
      );
    },
    doubleClickCell: (col) => {
      if (!editing.editable(col)) return false;
      editing.startEdit();
      return true;
    },
    doubleClickRow: (row) => {
      if (onOpenRow && !editing.editable(cursor.col)) onOpenRow(row);
    },
  };
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  return useMemo<RowEvents<Row>>(
    () => ({
      mouseDown: (index, col, shift, editingHere) => latest.current.mouseDown(index, col, shift, editingHere),
      doubleClickCell: (col) => latest.current.doubleClickCell(col),
      doubleClickRow: (row) => latest.current.doubleClickRow(row),
    }),
    [],
  );
}
