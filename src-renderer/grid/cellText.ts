/**
 * How one cell's value becomes text and back: the text shown and copied, the text
 * an editor opens with, and the API value an edited text turns into. They sit
 * together, apart from any component, because the copy, the editor and the row
 * must agree on them; a money cell that opened as "12000" but was copied as
 * "120.00" would teach people to distrust the grid.
 */
import { minorToEditText, parseDateText, parseMoneyText, parseNumberText } from './model/values';
import type { GridColumn } from './types';

/** The cell as text, for the row, copy and CSV. */
export function textOf<Row>(column: GridColumn<Row>, row: Row): string {
  if (column.text) return column.text(row);
  const value = column.value(row);
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The text an editor opens with: money in major units, in the currency's exponent. */
export function editTextOf<Row>(column: GridColumn<Row>, row: Row, exponent: number): string {
  const value = column.value(row);
  if (column.editor?.kind === 'money') return minorToEditText(typeof value === 'number' ? value : null, exponent);
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** What an edited text is sent to the API as; unreadable numbers go as typed, so the API names the problem. */
export function toApiValue<Row>(column: GridColumn<Row>, text: string, exponent: number): unknown {
  if (column.parse) return column.parse(text);
  switch (column.editor?.kind) {
    case 'money':
      return parseMoneyText(text, exponent);
    case 'number': {
      const n = parseNumberText(text);
      return n === null ? null : Number.isNaN(n) ? text : n;
    }
    case 'date':
      return parseDateText(text);
    default:
      return text.trim() === '' ? null : text.trim();
  }
}
