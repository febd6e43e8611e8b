/**
 * The data grid every list uses: a spreadsheet-fast table over rows the screen
 * holds or over pages loaded from the API, so 100,000 clients scroll as smoothly
 * as 50 programs. Only the rows in view are in the DOM (TanStack Virtual); the
 * column model — order, visibility, widths, resizing — is TanStack Table's, and
 * what a person arranges is remembered per grid. Behaviour that can be stated
 * without a browser (key handling, TSV, paste validation, CSV, filters) lives in
 * ./model and is unit-tested; this component wires it to the DOM and the API.
 * It is a shell: the column layout, query, cursor and editing, keys, mouse,
 * clipboard, toolbar, header and virtualised body are named pieces in this
 * folder, each holding its own state, so each can be read on one screen.
 *
 * An edit is sent to the API as it is; when the API refuses it, the message
 * appears at the cell in the user's language and the editor stays open with the
 * typed text, so nothing is saved and nothing typed is lost.
 */
import { Box } from '@mantine/core';
import type { RowData } from '@tanstack/react-table';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currencyExponent } from '../../src-shared/money';
import { useFormat } from '../shared/workspace';
import classes from './Grid.module.css';
import { GridBody } from './GridBody';
import { GridHeader } from './GridHeader';
import { GridToolbar } from './GridToolbar';
import { moveColumn } from './model/layout';
import type { CellValue, GridQuery } from './model/query';
import { PasteDialog } from './PasteDialog';
import type { BuiltInView, GridColumn, GridPaste, GridSource, GridViewConfig } from './types';
import { clearGridIntent, peekGridIntent } from './intent';
import { useCellEditing } from './useCellEditing';
import { useClipboard } from './useClipboard';
import { useColumnLayout, type ColumnLayoutState } from './useColumnLayout';
import { useGridKeyboard } from './useGridKeyboard';
import { useGridQuery, type GridQueryState } from './useGridQuery';
import { useGridRows } from './useGridRows';
import { useGridViewport } from './useGridViewport';
import { useRowEvents } from './useRowEvents';

export interface GridProps<Row, PasteInput = unknown> {
  /** Names the grid for remembered layouts and saved views: "clients", "payments"... */
  gridId: string;
  columns: readonly GridColumn<Row>[];
  source: GridSource<Row>;
  rowId: (row: Row) => string;
  /** A test id on each row with data, for tests that find a row by its text. */
  rowTestId?: string;
  /** Saves one edited cell; throw the API's error to show it at the cell. */
  onEdit?: (row: Row, column: GridColumn<Row>, value: unknown) => Promise<void>;
  /** Enables Ctrl+V of spreadsheet rows. */
  paste?: GridPaste<PasteInput>;
  /** Shift+Enter or a double click on a row that is not being edited. */
  onOpenRow?: (row: Row) => void;
  builtInViews?: readonly BuiltInView[];
  /** Whether saved views are offered (needs the views API). */
  savedViews?: boolean;
  initialQuery?: Partial<GridQuery>;
  onQueryChange?: (query: GridQuery) => void;
  /** Translation namespace for field errors: `<ns>.errors.<field>.<code>`. */
  errorNamespace?: string;
  /** File name (without extension) for exports. */
  exportName?: string;
  /** Whether the Export menu is offered (default true): false where the role may not take the rows away (payments without finance.read). */
  exportable?: boolean;
  /** Extra controls at the right of the toolbar. */
  toolbar?: ReactNode;
  /** A row of totals under the grid, keyed by column id. */
  footer?: Partial<Record<string, ReactNode>>;
  emptyState?: ReactNode;
  height?: number | string;
  rowHeight?: number;
}

/** The query a "see all" link asked for (grid/intent.ts), else the screen's own initial query; read once. */
function useOpeningQuery(gridId: string, initialQuery: Partial<GridQuery> | undefined): Partial<GridQuery> | undefined {
  const [opening] = useState(() => peekGridIntent(gridId) ?? initialQuery);
  useEffect(() => clearGridIntent(gridId), [gridId]);
  return opening;
}

/**
 * A function that keeps its identity across renders and calls the latest one
 * given, for the memoised header and menus: the shell re-renders on every
 * keystroke and row count, and a fresh handler would re-render them too.
 */
function useStableHandler<Args extends unknown[]>(handler: (...args: Args) => void): (...args: Args) => void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}

/** What the toolbar's views menu and the header do, as handlers that keep their identity. */
function useShellHandlers<Row extends RowData>(gridQuery: GridQueryState, columnLayout: ColumnLayoutState<Row>) {
  const { layout, setLayout } = columnLayout;
  return {
    applyView: useStableHandler((config: GridViewConfig) => {
      gridQuery.replaceQuery(config.query);
      columnLayout.applyViewLayout(config);
    }),
    onSort: useStableHandler(gridQuery.sortBy),
    onFilter: useStableHandler(gridQuery.filterBy),
    onMove: useStableHandler((dragged: string, target: string) =>
      setLayout({ ...layout, order: moveColumn(layout.order, dragged, target) }),
    ),
  };
}

export function Grid<Row extends RowData, PasteInput = unknown>(props: GridProps<Row, PasteInput>) {
  const { gridId, columns, paste, onOpenRow } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const rowHeight = props.rowHeight ?? 34;
  const columnLayout = useColumnLayout(gridId, columns);
  const { visible, widths, totalWidth } = columnLayout;
  // The rows come after the query they load, so the search box reaches them through a ref.
  const prefetchRows = useRef<(query: GridQuery) => void>(() => {});
  const gridQuery = useGridQuery(useOpeningQuery(gridId, props.initialQuery), props.onQueryChange, (next) => prefetchRows.current(next));
  const { query, activeFilters } = gridQuery;
  const rows = useGridRows(props.source, columns, query, format.locale);
  useLayoutEffect(() => void (prefetchRows.current = rows.prefetch));
  const { viewport, scrollToRow, scrollToCell, focusGrid, dims } = useGridViewport(widths, rowHeight);
  const editing = useCellEditing({
    rows,
    columns: visible,
    onEdit: props.onEdit,
    exponent,
    errorNamespace: props.errorNamespace,
    focusGrid,
    scrollToCell,
  });
  const { cursor } = editing;
  const keys = useGridKeyboard({ viewport, rows, columns: visible, editing, dims, scrollToCell, onOpenRow });
  const rowEvents = useRowEvents(editing, focusGrid, onOpenRow);
  const clipboard = useClipboard(cursor, rows, visible, !!paste);

  const { applyView, onSort, onFilter, onMove } = useShellHandlers(gridQuery, columnLayout);
  const emptyMessage = activeFilters > 0 || query.search ? t('grid.emptyFiltered') : (props.emptyState ?? t('grid.empty'));

  return (
    <Box>
      <GridToolbar<Row>
        gridId={gridId}
        columns={columns}
        rows={rows}
        query={gridQuery}
        layout={columnLayout}
        views={{ builtIn: props.builtInViews, saved: props.savedViews, onApply: applyView }}
        exportName={props.exportName}
        exportable={props.exportable ?? true}
        saving={editing.saving}
        onLeaveSearch={focusGrid}
      >
        {props.toolbar}
      </GridToolbar>

      <div
        ref={viewport}
        className={classes.viewport}
        style={{ height: props.height ?? 'calc(100dvh - 190px)' }}
        role="grid"
        aria-rowcount={rows.total + 1}
        aria-colcount={visible.length}
        aria-multiselectable
        tabIndex={0}
        onKeyDown={keys.onGridKey}
        onCopy={clipboard.onCopy}
        onPaste={clipboard.onPaste}
        data-testid={`${gridId}-grid`}
      >
        <GridHeader<Row>
          headers={columnLayout.headers}
          byId={columnLayout.byId}
          totalWidth={totalWidth}
          sorting={query.sorting}
          filters={query.filters}
          exponent={exponent}
          onSort={onSort}
          onFilter={onFilter}
          onMove={onMove}
        />

        <GridBody<Row>
          viewport={viewport}
          scrollHandle={scrollToRow}
          rows={rows}
          rowHeight={rowHeight}
          rowId={props.rowId}
          rowTestId={props.rowTestId}
          columns={visible}
          widths={widths}
          totalWidth={totalWidth}
          cursor={cursor}
          cellError={editing.cellError}
          editor={
            cursor.editing
              ? { draft: editing.draft, onChange: editing.setDraft, onKeyDown: keys.onEditorKey, inputRef: editing.editorRef }
              : null
          }
          events={rowEvents}
          empty={<div className={classes.empty}>{emptyMessage}</div>}
        />

        {props.footer && (
          <GridFooter
            gridId={gridId}
            footer={props.footer}
            columns={visible}
            widths={widths}
            totalWidth={totalWidth}
            rowHeight={rowHeight}
          />
        )}
      </div>

      {paste && clipboard.pasteMatrix && (
        <PasteDialog
          matrix={clipboard.pasteMatrix}
          columns={visible.slice(cursor.col).filter((c) => c.editor || c.parse)}
          allColumns={columns}
          paste={paste}
          errorNamespace={props.errorNamespace}
          onClose={() => {
            clipboard.closePaste();
            focusGrid();
          }}
        />
      )}
    </Box>
  );
}

/** The row of totals under the grid, one cell per visible column. */
function GridFooter<Row>(props: {
  gridId: string;
  footer: Partial<Record<string, ReactNode>>;
  columns: readonly GridColumn<Row>[];
  widths: readonly number[];
  totalWidth: number;
  rowHeight: number;
}) {
  return (
    <div className={classes.footer} role="row" style={{ width: props.totalWidth }} data-testid={`${props.gridId}-footer`}>
      {props.columns.map((column, col) => (
        <div
          key={column.id}
          className={classes.cell}
          data-align={column.align}
          style={{ width: props.widths[col], height: props.rowHeight }}
        >
          {props.footer[column.id] ?? null}
        </div>
      ))}
    </div>
  );
}

export type { CellValue };
