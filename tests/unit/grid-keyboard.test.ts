/**
 * The grid's keyboard reducer, one key at a time: spreadsheet movement, Tab
 * wrapping, editing keys, type-to-edit and selection by Shift.
 */
import { describe, expect, it } from 'vitest';
import { inSelection, navigate, selectionRange, startCursor, type GridCursor, type KeyPress } from '../../src-renderer/grid/model/keyboard';

const dims = { rows: 100, cols: 5, pageRows: 10 };
const at = (row: number, col: number, extra: Partial<GridCursor> = {}): GridCursor => ({
  row,
  col,
  anchor: null,
  editing: false,
  ...extra,
});
const press = (cursor: GridCursor, key: string, mods: Omit<KeyPress, 'key'> = {}) => navigate(cursor, { key, ...mods }, dims);

describe('grid keyboard', () => {
  it('moves with arrows and stops at the edges', () => {
    expect(press(at(0, 0), 'ArrowDown').cursor).toEqual(at(1, 0));
    expect(press(at(0, 0), 'ArrowUp').cursor).toEqual(at(0, 0));
    expect(press(at(0, 4), 'ArrowRight').cursor).toEqual(at(0, 4));
    expect(press(at(5, 2), 'ArrowLeft').cursor).toEqual(at(5, 1));
    expect(press(at(5, 2), 'ArrowDown', { ctrl: true }).cursor).toEqual(at(99, 2));
  });

  it('wraps Tab to the next row and Shift+Tab to the previous', () => {
    expect(press(at(3, 4), 'Tab').cursor).toEqual(at(4, 0));
    expect(press(at(3, 0), 'Tab', { shift: true }).cursor).toEqual(at(2, 4));
    expect(press(at(99, 4), 'Tab').cursor).toEqual(at(99, 4));
  });

  it('jumps with Home/End, Ctrl+Home/End and PageUp/PageDown', () => {
    expect(press(at(7, 3), 'Home').cursor).toEqual(at(7, 0));
    expect(press(at(7, 1), 'End').cursor).toEqual(at(7, 4));
    expect(press(at(7, 3), 'Home', { ctrl: true }).cursor).toEqual(at(0, 0));
    expect(press(at(7, 3), 'End', { ctrl: true }).cursor).toEqual(at(99, 4));
    expect(press(at(7, 3), 'PageDown').cursor).toEqual(at(17, 3));
    expect(press(at(95, 3), 'PageDown').cursor).toEqual(at(99, 3));
    expect(press(at(4, 3), 'PageUp').cursor).toEqual(at(0, 3));
  });

  it('starts editing with Enter or F2 and by typing a character', () => {
    expect(press(at(2, 2), 'Enter')).toMatchObject({ action: 'edit', cursor: at(2, 2, { editing: true }) });
    expect(press(at(2, 2), 'F2').action).toBe('edit');
    expect(press(at(2, 2), 'k')).toMatchObject({ action: 'typeToEdit', seed: 'k', cursor: { editing: true } });
    expect(press(at(2, 2), 'c', { ctrl: true }).handled).toBe(false);
    expect(press(at(2, 2), 'Shift').handled).toBe(false);
  });

  it('commits with Enter (moving down) or Tab (moving right) and cancels with Escape', () => {
    const editing = at(2, 2, { editing: true });
    expect(press(editing, 'Enter')).toMatchObject({ action: 'commit', cursor: at(3, 2) });
    expect(press(editing, 'Enter', { shift: true })).toMatchObject({ action: 'commit', cursor: at(1, 2) });
    expect(press(editing, 'Tab')).toMatchObject({ action: 'commit', cursor: at(2, 3) });
    expect(press(editing, 'Escape')).toMatchObject({ action: 'cancel', cursor: at(2, 2) });
    // While editing, arrows and letters belong to the input.
    expect(press(editing, 'ArrowLeft').handled).toBe(false);
    expect(press(editing, 'a').handled).toBe(false);
  });

  it('extends a selection with Shift and clears it with Escape', () => {
    let cursor = press(at(2, 1), 'ArrowDown', { shift: true }).cursor;
    cursor = press(cursor, 'ArrowRight', { shift: true }).cursor;
    expect(cursor).toEqual({ row: 3, col: 2, anchor: { row: 2, col: 1 }, editing: false });
    expect(selectionRange(cursor)).toEqual({ top: 2, bottom: 3, left: 1, right: 2 });
    expect(inSelection(cursor, 2, 2)).toBe(true);
    expect(inSelection(cursor, 4, 2)).toBe(false);
    expect(press(cursor, 'Escape').cursor.anchor).toBeNull();
    expect(press(cursor, 'ArrowDown').cursor.anchor).toBeNull();
  });

  it('opens the row with Shift+Enter and does nothing in an empty grid', () => {
    expect(press(at(1, 1), 'Enter', { shift: true }).action).toBe('open');
    expect(navigate(startCursor, { key: 'ArrowDown' }, { rows: 0, cols: 3, pageRows: 10 }).handled).toBe(false);
  });
});
