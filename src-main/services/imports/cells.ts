/**
 * A sheet cell as text, the one reading every stage of the import shares (layout,
 * column mapping, row reading), kept in its own module so those stages can each
 * use it without importing one another.
 */
import type { Cell } from './read';

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e9) / 1e9);
  if (typeof cell === 'object') return cell.date;
  // trim() removes a leading byte-order mark (U+FEFF) with the other white space.
  return cell.trim();
}

export const isBlank = (row: readonly Cell[] | undefined) => !row || row.every((c) => cellText(c) === '');
