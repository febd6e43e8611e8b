/**
 * The scrolling viewport the grid draws into, and the three things the rest of
 * the grid asks of it: bring a cell into view, take the keyboard focus back, and
 * tell how many rows a page is. The virtualiser itself lives in GridBody so a
 * scroll re-renders the body alone; it lends this hook a handle to scroll by row.
 */
import { useCallback, useRef } from 'react';

export interface GridDims {
  rows: number;
  cols: number;
  pageRows: number;
}

export function useGridViewport(widths: readonly number[], rowHeight: number) {
  const viewport = useRef<HTMLDivElement>(null);
  // The virtualiser lives in GridBody, so a scroll re-renders the body alone; this handle scrolls it.
  const scrollToRow = useRef<(index: number) => void>(() => {});

  const scrollToCell = useCallback(
    (row: number, col: number) => {
      scrollToRow.current(row);
      const el = viewport.current;
      if (!el) return;
      const left = widths.slice(0, col).reduce((a, b) => a + b, 0);
      const right = left + (widths[col] ?? 0);
      // The first column is pinned (Grid.module.css): a cell to its right is only visible past it.
      const pinned = col > 0 ? (widths[0] ?? 0) : 0;
      if (left - pinned < el.scrollLeft) el.scrollLeft = left - pinned;
      else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    },
    [widths],
  );

  const focusGrid = () => viewport.current?.focus({ preventScroll: true });

  /** The grid's size for key handling, read when a key is pressed (the viewport's height is known then). */
  const dims = (rows: number, cols: number): GridDims => ({
    rows,
    cols,
    pageRows: Math.max(1, Math.floor((viewport.current?.clientHeight ?? 400) / rowHeight) - 2),
  });

  return { viewport, scrollToRow, scrollToCell, focusGrid, dims };
}
