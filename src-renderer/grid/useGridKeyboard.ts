/**
 * The grid's keys, wired to the DOM: the viewport's keys move the cursor, select,
 * open a row or start an edit; the editor's keys (Enter, Tab, Escape) commit or
 * cancel and move on. What each key means is decided by the pure `navigate` in
 * ./model/keyboard, which is unit-tested; this hook only applies its answer, so
 * the spreadsheet feel can be checked without a browser.
 */
import type { KeyboardEvent, RefObject } from 'react';
import { navigate } from './model/keyboard';
import type { GridColumn } from './types';
import type { CellEditing } from './useCellEditing';
import type { GridRows } from './useGridRows';
import type { GridDims } from './useGridViewport';

interface Options<Row> {
  viewport: RefObject<HTMLDivElement | null>;
  rows: GridRows<Row>;
  columns: readonly GridColumn<Row>[];
  editing: CellEditing<Row>;
  dims: (rows: number, cols: number) => GridDims;
  scrollToCell: (row: number, col: number) => void;
  onOpenRow: ((row: Row) => void) | undefined;
}

export function useGridKeyboard<Row>({ viewport, rows, columns, editing, dims, scrollToCell, onOpenRow }: Options<Row>) {
  const { cursor, setCursor } = editing;
  const size = () => dims(rows.total, columns.length);

  const onEditorKey = (event: KeyboardEvent<HTMLElement>) => {
    if (!['Enter', 'Tab', 'Escape'].includes(event.key)) {
      event.stopPropagation();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const result = navigate(cursor, { key: event.key, shift: event.shiftKey }, size());
    if (result.action === 'commit') void editing.commit(result.cursor);
    else if (result.action === 'cancel') editing.cancelEdit();
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== viewport.current) return;
    if ((event.ctrlKey || event.metaKey) && ['c', 'v', 'x', 'a', 'z', 'k', 'y'].includes(event.key.toLowerCase())) {
      if (event.key.toLowerCase() === 'a') {
        event.preventDefault();
        setCursor({ row: rows.total - 1, col: columns.length - 1, anchor: { row: 0, col: 0 }, editing: false });
      }
      return;
    }
    const result = navigate(
      cursor,
      { key: event.key, shift: event.shiftKey, ctrl: event.ctrlKey || event.metaKey, alt: event.altKey },
      size(),
    );
    if (!result.handled) return;
    if (result.action === 'edit' || result.action === 'typeToEdit') {
      if (editing.startEdit(result.seed)) event.preventDefault();
      return;
    }
    event.preventDefault();
    if (result.action === 'open') {
      const row = rows.rowAt(cursor.row);
      if (row !== undefined) onOpenRow?.(row);
      return;
    }
    setCursor(result.cursor);
    editing.setCellError(null);
    scrollToCell(result.cursor.row, result.cursor.col);
  };

  return { onGridKey, onEditorKey };
}
