/**
 * The grid's column model: order, visibility and widths, held by TanStack Table
 * and remembered per grid in local storage. The hook hands back the visible
 * columns and their widths as arrays that stay the same object while the layout
 * is unchanged, because the memoised rows compare them and would otherwise all
 * re-render on every scroll.
 */
import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnOrderState,
  type ColumnSizingState,
  type ColumnVisibilityState,
  type Header,
  type RowData,
  type Updater,
} from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { defaultLayout, loadLayout, saveLayout, type ColumnLayout } from './model/layout';
import type { GridColumn, GridViewConfig } from './types';

const features = tableFeatures({ columnOrderingFeature, columnSizingFeature, columnResizingFeature, columnVisibilityFeature });
const noRows: never[] = [];

/** One column header as TanStack Table describes it (size, resize handler). */
export type GridHeader<Row extends RowData> = Header<typeof features, Row>;

const resolve = <T>(updater: Updater<T>, old: T): T => (typeof updater === 'function' ? (updater as (o: T) => T)(old) : updater);

export function useColumnLayout<Row extends RowData>(gridId: string, columns: readonly GridColumn<Row>[]) {
  const columnIds = useMemo(() => columns.map((c) => c.id), [columns]);
  const hiddenByDefault = useMemo(() => columns.filter((c) => c.hidden).map((c) => c.id), [columns]);
  const [layout, setLayout] = useState<ColumnLayout>(() => loadLayout(window.localStorage, gridId, columnIds, hiddenByDefault));
  useEffect(() => saveLayout(window.localStorage, gridId, layout), [gridId, layout]);

  const columnDefs = useMemo<ColumnDef<typeof features, Row>[]>(
    () => columns.map((c) => ({ id: c.id, header: c.header, size: c.width ?? 140, minSize: 48, maxSize: 800 })),
    [columns],
  );
  const visibility = useMemo<ColumnVisibilityState>(() => Object.fromEntries(layout.hidden.map((id) => [id, false])), [layout.hidden]);
  const table = useTable({
    features,
    columns: columnDefs,
    data: noRows as Row[],
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
    state: { columnOrder: layout.order, columnVisibility: visibility, columnSizing: layout.sizes },
    onColumnOrderChange: (u: Updater<ColumnOrderState>) => setLayout((old) => ({ ...old, order: resolve(u, old.order) })),
    onColumnVisibilityChange: (u: Updater<ColumnVisibilityState>) =>
      setLayout((old) => {
        const next = resolve(u, Object.fromEntries(old.hidden.map((id) => [id, false])) as ColumnVisibilityState);
        return {
          ...old,
          hidden: Object.entries(next)
            .filter(([, shown]) => !shown)
            .map(([id]) => id),
        };
      }),
    onColumnSizingChange: (u: Updater<ColumnSizingState>) => setLayout((old) => ({ ...old, sizes: resolve(u, old.sizes) })),
  });
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const leafColumns = table.getVisibleLeafColumns();
  // Stable arrays while the layout is unchanged, so memoised rows skip re-rendering while scrolling.
  const visibleKey = leafColumns.map((c) => c.id).join('|');
  const widthsKey = leafColumns.map((c) => c.getSize()).join('|');
  const visible = useMemo(
    () => visibleKey.split('|').flatMap((id) => (byId.has(id) ? [byId.get(id) as GridColumn<Row>] : [])),
    [visibleKey, byId],
  );
  const widths = useMemo(() => (widthsKey === '' ? [] : widthsKey.split('|').map(Number)), [widthsKey]);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const headers: GridHeader<Row>[] = table.getHeaderGroups()[0]?.headers ?? [];

  const resetLayout = useCallback(() => setLayout(defaultLayout(columnIds, hiddenByDefault)), [columnIds, hiddenByDefault]);
  /** A saved view's order (unknown ids dropped, new columns appended) and hidden columns, when it has them. */
  const applyViewLayout = (config: GridViewConfig) => {
    if (!config.order && !config.hidden) return;
    const known = config.order?.filter((id) => columnIds.includes(id));
    const order = known ? [...known, ...columnIds.filter((id) => !known.includes(id))] : layout.order;
    setLayout({ ...layout, order, hidden: config.hidden ?? layout.hidden });
  };

  return { layout, setLayout, resetLayout, applyViewLayout, byId, visible, widths, totalWidth, headers };
}

export type ColumnLayoutState<Row extends RowData> = ReturnType<typeof useColumnLayout<Row>>;
