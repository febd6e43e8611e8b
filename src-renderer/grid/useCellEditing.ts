/**
 * Editing one cell in place: the cursor (with the selection it anchors), the text
 * being typed, the save and the error at the cell. A refused save keeps the editor
 * open with the typed text and shows the API's message in the user's language, so
 * nothing is saved and nothing typed is lost. The cursor lives here because every
 * edit starts and ends by moving it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { editTextOf, toApiValue } from './cellText';
import { startCursor, type GridCursor } from './model/keyboard';
import { columnOfField } from './model/paste';
import type { GridColumn } from './types';
import type { GridRows } from './useGridRows';

export interface CellError {
  row: number;
  col: number;
  message: string;
}

interface Options<Row> {
  rows: GridRows<Row>;
  columns: readonly GridColumn<Row>[];
  onEdit: ((row: Row, column: GridColumn<Row>, value: unknown) => Promise<void>) | undefined;
  exponent: number;
  errorNamespace: string | undefined;
  focusGrid: () => void;
  scrollToCell: (row: number, col: number) => void;
}

export function useCellEditing<Row>({ rows, columns, onEdit, exponent, errorNamespace, focusGrid, scrollToCell }: Options<Row>) {
  const { t } = useTranslation();
  const [rawCursor, setCursor] = useState<GridCursor>(startCursor);
  // A cursor below the last row (the list shrank) sits on the last row.
  const cursor = useMemo(
    () => (rawCursor.row >= rows.total && rows.total > 0 ? { ...rawCursor, row: rows.total - 1, anchor: null, editing: false } : rawCursor),
    [rawCursor, rows.total],
  );
  const [draft, setDraft] = useState('');
  const [cellError, setCellError] = useState<CellError | null>(null);
  const [saving, setSaving] = useState(false);
  const editorRef = useRef<HTMLInputElement | HTMLSelectElement>(null);

  const editable = (col: number) => !!onEdit && !!columns[col]?.editor;

  const messageOf = (error: unknown, column: GridColumn<Row>): string => {
    if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
    const placed = columnOfField(error.fields, [
      { id: column.id, header: column.header, ...(column.field ? { field: column.field } : {}) },
    ]);
    if (!placed) return t(`errors.code.${error.code}`, { defaultValue: error.message });
    const field = String(placed.error.path[0] ?? column.field ?? column.id);
    const ns = errorNamespace;
    return t([...(ns ? [`${ns}.errors.${field}.${placed.error.code}`] : []), `errors.field.${placed.error.code}`, 'errors.field.invalid']);
  };

  const startEdit = (seed?: string) => {
    const column = columns[cursor.col];
    const row = rows.rowAt(cursor.row);
    if (!column || row === undefined || !editable(cursor.col)) return false;
    setDraft(seed ?? editTextOf(column, row, exponent));
    setCellError(null);
    setCursor((c) => ({ ...c, anchor: null, editing: true }));
    return true;
  };

  const commit = async (then: GridCursor) => {
    const column = columns[cursor.col];
    const row = rows.rowAt(cursor.row);
    if (!column || row === undefined || !onEdit) return;
    if (draft === editTextOf(column, row, exponent)) {
      setCursor(then);
      setCellError(null);
      focusGrid();
      return;
    }
    setSaving(true);
    try {
      await onEdit(row, column, toApiValue(column, draft, exponent));
      setCellError(null);
      setCursor(then);
      scrollToCell(then.row, then.col);
      focusGrid();
    } catch (error) {
      setCellError({ row: cursor.row, col: cursor.col, message: messageOf(error, column) });
      editorRef.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  const cancelEdit = () => {
    setCellError(null);
    setCursor((c) => ({ ...c, editing: false }));
    focusGrid();
  };

  useEffect(() => {
    if (cursor.editing) {
      editorRef.current?.focus();
      const input = editorRef.current;
      if (input instanceof HTMLInputElement && input.type === 'text') input.setSelectionRange(input.value.length, input.value.length);
    }
  }, [cursor.editing]);

  return { cursor, setCursor, draft, setDraft, cellError, setCellError, saving, editorRef, editable, startEdit, commit, cancelEdit };
}

export type CellEditing<Row> = ReturnType<typeof useCellEditing<Row>>;
