/**
 * Copy and paste on the grid. Ctrl+C copies the selection as tab-separated text,
 * which spreadsheets read as cells; Ctrl+V of spreadsheet rows opens the paste
 * preview rather than writing at once, because a pasted block is checked row by
 * row against the API schema before anything is saved.
 */
import { notifications } from '@mantine/notifications';
import { useState, type ClipboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { textOf } from './cellText';
import { selectionRange, type GridCursor } from './model/keyboard';
import { parseTsv, toTsv } from './model/tsv';
import type { GridColumn } from './types';
import type { GridRows } from './useGridRows';

export function useClipboard<Row>(cursor: GridCursor, rows: GridRows<Row>, columns: readonly GridColumn<Row>[], canPaste: boolean) {
  const { t } = useTranslation();
  const [pasteMatrix, setPasteMatrix] = useState<string[][] | null>(null);

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    if (cursor.editing) return;
    const range = selectionRange(cursor);
    const matrix: string[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const row = rows.rowAt(r);
      matrix.push(columns.slice(range.left, range.right + 1).map((c) => (row === undefined ? '' : textOf(c, row))));
    }
    event.clipboardData.setData('text/plain', toTsv(matrix));
    event.preventDefault();
    const count = matrix.length * (range.right - range.left + 1);
    notifications.show({ message: t('grid.copied', { count }), autoClose: 1500 });
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (cursor.editing) return;
    event.preventDefault();
    if (!canPaste) {
      notifications.show({ color: 'yellow', message: t('grid.pasteNotSupported') });
      return;
    }
    const matrix = parseTsv(event.clipboardData.getData('text/plain'));
    if (matrix.length > 0) setPasteMatrix(matrix);
  };

  return { pasteMatrix, closePaste: () => setPasteMatrix(null), onCopy, onPaste };
}
