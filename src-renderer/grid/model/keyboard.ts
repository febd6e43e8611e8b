/**
 * Keyboard movement in the grid as a pure reducer: given where the cursor is, the
 * grid's size and one key press, it answers where the cursor goes and what the
 * grid should do (start editing, commit, cancel, copy...). Keeping this out of the
 * component lets the spreadsheet habits people bring from Excel — Tab wraps to the
 * next row, Enter commits and moves down, typing replaces the cell — be tested
 * one key at a time, and keeps the component free of index arithmetic.
 */

export interface CellPos {
  row: number;
  col: number;
}

export interface GridCursor extends CellPos {
  /** The other corner of a rectangular selection; null when only the cursor cell is selected. */
  anchor: CellPos | null;
  editing: boolean;
}

export interface GridDims {
  rows: number;
  cols: number;
  /** How many rows a PageUp/PageDown moves. */
  pageRows: number;
}

export interface KeyPress {
  key: string;
  shift?: boolean;
  ctrl?: boolean;
  alt?: boolean;
}

export type GridAction = 'none' | 'edit' | 'commit' | 'cancel' | 'typeToEdit' | 'open';

export interface NavResult {
  cursor: GridCursor;
  action: GridAction;
  /** The character that starts a type-to-edit. */
  seed?: string;
  /** True when the key was the grid's to handle (the browser default should be prevented). */
  handled: boolean;
}

export const startCursor: GridCursor = { row: 0, col: 0, anchor: null, editing: false };

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

function moveTo(cursor: GridCursor, dims: GridDims, row: number, col: number, extend: boolean): GridCursor {
  const next = { row: clamp(row, 0, Math.max(0, dims.rows - 1)), col: clamp(col, 0, Math.max(0, dims.cols - 1)) };
  const anchor = extend ? (cursor.anchor ?? { row: cursor.row, col: cursor.col }) : null;
  return { ...next, anchor, editing: false };
}

/** Tab order: right along the row, then to the first cell of the next row (and back for Shift+Tab). */
function tabFrom(cursor: GridCursor, dims: GridDims, back: boolean): GridCursor {
  let { row, col } = cursor;
  if (back) {
    if (col > 0) col -= 1;
    else if (row > 0) {
      row -= 1;
      col = dims.cols - 1;
    }
  } else if (col < dims.cols - 1) col += 1;
  else if (row < dims.rows - 1) {
    row += 1;
    col = 0;
  }
  return moveTo(cursor, dims, row, col, false);
}

const isPrintable = (press: KeyPress) => press.key.length === 1 && !press.ctrl && !press.alt;

export function navigate(cursor: GridCursor, press: KeyPress, dims: GridDims): NavResult {
  const done = (next: GridCursor, action: GridAction = 'none', seed?: string): NavResult => ({
    cursor: next,
    action,
    handled: true,
    ...(seed === undefined ? {} : { seed }),
  });
  const pass: NavResult = { cursor, action: 'none', handled: false };
  if (dims.rows === 0 || dims.cols === 0) return pass;
  const shift = press.shift ?? false;

  if (cursor.editing) {
    switch (press.key) {
      case 'Enter':
        return done(moveTo(cursor, dims, shift ? cursor.row - 1 : cursor.row + 1, cursor.col, false), 'commit');
      case 'Tab':
        return done(tabFrom(cursor, dims, shift), 'commit');
      case 'Escape':
        return done({ ...cursor, editing: false }, 'cancel');
      default:
        return pass;
    }
  }

  switch (press.key) {
    case 'ArrowUp':
      return done(moveTo(cursor, dims, press.ctrl ? 0 : cursor.row - 1, cursor.col, shift));
    case 'ArrowDown':
      return done(moveTo(cursor, dims, press.ctrl ? dims.rows - 1 : cursor.row + 1, cursor.col, shift));
    case 'ArrowLeft':
      return done(moveTo(cursor, dims, cursor.row, press.ctrl ? 0 : cursor.col - 1, shift));
    case 'ArrowRight':
      return done(moveTo(cursor, dims, cursor.row, press.ctrl ? dims.cols - 1 : cursor.col + 1, shift));
    case 'Home':
      return done(moveTo(cursor, dims, press.ctrl ? 0 : cursor.row, 0, shift));
    case 'End':
      return done(moveTo(cursor, dims, press.ctrl ? dims.rows - 1 : cursor.row, dims.cols - 1, shift));
    case 'PageUp':
      return done(moveTo(cursor, dims, cursor.row - dims.pageRows, cursor.col, shift));
    case 'PageDown':
      return done(moveTo(cursor, dims, cursor.row + dims.pageRows, cursor.col, shift));
    case 'Tab':
      return done(tabFrom(cursor, dims, shift));
    case 'Enter':
      return shift ? done(cursor, 'open') : done({ ...cursor, anchor: null, editing: true }, 'edit');
    case 'F2':
      return done({ ...cursor, anchor: null, editing: true }, 'edit');
    case 'Escape':
      return cursor.anchor ? done({ ...cursor, anchor: null }) : pass;
    default:
      if (isPrintable(press)) return done({ ...cursor, anchor: null, editing: true }, 'typeToEdit', press.key);
      return pass;
  }
}

/** The selected rectangle, corners ordered. */
export function selectionRange(cursor: GridCursor): { top: number; bottom: number; left: number; right: number } {
  const anchor = cursor.anchor ?? cursor;
  return {
    top: Math.min(anchor.row, cursor.row),
    bottom: Math.max(anchor.row, cursor.row),
    left: Math.min(anchor.col, cursor.col),
    right: Math.max(anchor.col, cursor.col),
  };
}

export function inSelection(cursor: GridCursor, row: number, col: number): boolean {
  const r = selectionRange(cursor);
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}
