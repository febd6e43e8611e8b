/**
 * The data grid every list uses: a spreadsheet-fast table over rows the screen
 * holds or over pages loaded from the API, so 100,000 clients scroll as smoothly
 * as 50 programs. Only the rows in view are in the DOM (TanStack Virtual); the
 * column model — order, visibility, widths, resizing — is TanStack Table's, and
 * what a person arranges is remembered per grid. Behaviour that can be stated
 * without a browser (key handling, TSV, paste validation, CSV, filters) lives in
 * ./model and is unit-tested; this component wires it to the DOM and the API.
 *
 * An edit is sent to the API as it is; when the API refuses it, the message
 * appears at the cell in the user's language and the editor stays open with the
 * typed text, so nothing is saved and nothing typed is lost.
 */
import { ActionIcon, Box, Group, Loader, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconSearch, IconX } from '@tabler/icons-react';
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
  type RowData,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { currencyExponent } from '../../src-shared/money';
import { ApiError } from '../api/client';
import { useFormat } from '../app/workspace';
import { ColumnsMenu } from './ColumnsMenu';
import { ExportMenu } from './ExportMenu';
import { FilterButton } from './FilterButton';
import classes from './Grid.module.css';
import { navigate, selectionRange, startCursor, type GridCursor } from './model/keyboard';
import { defaultLayout, loadLayout, moveColumn, saveLayout, type ColumnLayout } from './model/layout';
import { columnOfField } from './model/paste';
import { emptyQuery, isActiveFilter, toggleSort, type CellValue, type FilterValue, type GridQuery } from './model/query';
import { parseTsv, toTsv } from './model/tsv';
import { minorToEditText, parseDateText, parseMoneyText, parseNumberText } from './model/values';
import { PasteDialog } from './PasteDialog';
import type { BuiltInView, GridColumn, GridPaste, GridSource, GridViewConfig } from './types';
import { useGridRows } from './useGridRows';
import { ViewsMenu } from './ViewsMenu';

export interface GridProps<Row, PasteInput = unknown> {
  /** Names the grid for remembered layouts and saved views: "clients", "payments"... */
  gridId: string;
  columns: readonly GridColumn<Row>[];
  source: GridSource<Row>;
  rowId: (row: Row) => string;
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
  /** Extra controls at the right of the toolbar. */
  toolbar?: ReactNode;
  /** A row of totals under the grid, keyed by column id. */
  footer?: Partial<Record<string, ReactNode>>;
  emptyState?: ReactNode;
  height?: number | string;
  rowHeight?: number;
}

const features = tableFeatures({ columnOrderingFeature, columnSizingFeature, columnResizingFeature, columnVisibilityFeature });
const noRows: never[] = [];

const resolve = <T,>(updater: Updater<T>, old: T): T => (typeof updater === 'function' ? (updater as (o: T) => T)(old) : updater);

function textOf<Row>(column: GridColumn<Row>, row: Row): string {
  if (column.text) return column.text(row);
  const value = column.value(row);
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function Grid<Row extends RowData, PasteInput = unknown>(props: GridProps<Row, PasteInput>) {
  const { gridId, columns, source, rowId, onEdit, paste, onOpenRow } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const rowHeight = props.rowHeight ?? 34;
  const columnIds = useMemo(() => columns.map((c) => c.id), [columns]);
  const hiddenByDefault = useMemo(() => columns.filter((c) => c.hidden).map((c) => c.id), [columns]);

  // ---- column layout (TanStack Table's column model, remembered per grid) ----
  const [layout, setLayoutState] = useState<ColumnLayout>(() => loadLayout(window.localStorage, gridId, columnIds, hiddenByDefault));
  const setLayout = setLayoutState;
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

  // ---- query ----
  const [query, setQueryState] = useState<GridQuery>({ ...emptyQuery, ...props.initialQuery });
  const [searchText, setSearchText] = useState(query.search);
  const setQuery = setQueryState;
  const onQueryChange = props.onQueryChange;
  useEffect(() => onQueryChange?.(query), [onQueryChange, query]);
  useEffect(() => {
    const timer = window.setTimeout(() => setQueryState((old) => (old.search === searchText ? old : { ...old, search: searchText })), 150);
    return () => window.clearTimeout(timer);
  }, [searchText]);

  const rows = useGridRows(source, columns, query, format.locale);

  // ---- virtual rows ----
  const viewport = useRef<HTMLDivElement>(null);
  // The virtualiser lives in GridBody, so a scroll re-renders the body alone; this handle scrolls it.
  const scrollToRow = useRef<(index: number) => void>(() => {});

  // ---- cursor, editing ----
  const [rawCursor, setCursor] = useState<GridCursor>(startCursor);
  // A cursor below the last row (the list shrank) sits on the last row.
  const cursor = useMemo(
    () => (rawCursor.row >= rows.total && rows.total > 0 ? { ...rawCursor, row: rows.total - 1, anchor: null, editing: false } : rawCursor),
    [rawCursor, rows.total],
  );
  const [draft, setDraft] = useState('');
  const [cellError, setCellError] = useState<{ row: number; col: number; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const editorRef = useRef<HTMLInputElement | HTMLSelectElement>(null);
  /** The grid's size for key handling, read when a key is pressed (the viewport's height is known then). */
  const dims = () => ({
    rows: rows.total,
    cols: visible.length,
    pageRows: Math.max(1, Math.floor((viewport.current?.clientHeight ?? 400) / rowHeight) - 2),
  });

  const scrollToCell = useCallback(
    (row: number, col: number) => {
      scrollToRow.current(row);
      const el = viewport.current;
      if (!el) return;
      const left = widths.slice(0, col).reduce((a, b) => a + b, 0);
      const right = left + (widths[col] ?? 0);
      if (left < el.scrollLeft) el.scrollLeft = left;
      else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    },
    [widths],
  );

  const editable = (col: number) => !!onEdit && !!visible[col]?.editor;

  const editText = (column: GridColumn<Row>, row: Row): string => {
    const value = column.value(row);
    if (column.editor?.kind === 'money') return minorToEditText(typeof value === 'number' ? value : null, exponent);
    if (value === null || value === undefined) return '';
    return Array.isArray(value) ? value.join(', ') : String(value);
  };

  const toApiValue = (column: GridColumn<Row>, text: string): unknown => {
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
  };

  const messageOf = (error: unknown, column: GridColumn<Row>): string => {
    if (!(error instanceof ApiError)) return t('errors.code.INTERNAL');
    const placed = columnOfField(error.fields, [
      { id: column.id, header: column.header, ...(column.field ? { field: column.field } : {}) },
    ]);
    if (!placed) return t(`errors.code.${error.code}`, { defaultValue: error.message });
    const field = String(placed.error.path[0] ?? column.field ?? column.id);
    const ns = props.errorNamespace;
    return t([...(ns ? [`${ns}.errors.${field}.${placed.error.code}`] : []), `errors.field.${placed.error.code}`, 'errors.field.invalid']);
  };

  const focusGrid = () => viewport.current?.focus({ preventScroll: true });

  const startEdit = (seed?: string) => {
    const column = visible[cursor.col];
    const row = rows.rowAt(cursor.row);
    if (!column || row === undefined || !editable(cursor.col)) return false;
    setDraft(seed ?? editText(column, row));
    setCellError(null);
    setCursor((c) => ({ ...c, anchor: null, editing: true }));
    return true;
  };

  const commit = async (then: GridCursor) => {
    const column = visible[cursor.col];
    const row = rows.rowAt(cursor.row);
    if (!column || row === undefined || !onEdit) return;
    const before = editText(column, row);
    if (draft === before) {
      setCursor(then);
      setCellError(null);
      focusGrid();
      return;
    }
    setSaving(true);
    try {
      await onEdit(row, column, toApiValue(column, draft));
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

  const onEditorKey = (event: KeyboardEvent<HTMLElement>) => {
    if (!['Enter', 'Tab', 'Escape'].includes(event.key)) {
      event.stopPropagation();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const result = navigate(cursor, { key: event.key, shift: event.shiftKey }, dims());
    if (result.action === 'commit') void commit(result.cursor);
    else if (result.action === 'cancel') cancelEdit();
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== viewport.current) return;
    if ((event.ctrlKey || event.metaKey) && ['c', 'v', 'x', 'a', 'z', 'k', 'y'].includes(event.key.toLowerCase())) {
      if (event.key.toLowerCase() === 'a') {
        event.preventDefault();
        setCursor({ row: rows.total - 1, col: visible.length - 1, anchor: { row: 0, col: 0 }, editing: false });
      }
      return;
    }
    const result = navigate(
      cursor,
      { key: event.key, shift: event.shiftKey, ctrl: event.ctrlKey || event.metaKey, alt: event.altKey },
      dims(),
    );
    if (!result.handled) return;
    if (result.action === 'edit' || result.action === 'typeToEdit') {
      if (startEdit(result.seed)) event.preventDefault();
      return;
    }
    event.preventDefault();
    if (result.action === 'open') {
      const row = rows.rowAt(cursor.row);
      if (row !== undefined) onOpenRow?.(row);
      return;
    }
    setCursor(result.cursor);
    setCellError(null);
    scrollToCell(result.cursor.row, result.cursor.col);
  };

  useEffect(() => {
    if (cursor.editing) {
      editorRef.current?.focus();
      const input = editorRef.current;
      if (input instanceof HTMLInputElement && input.type === 'text') input.setSelectionRange(input.value.length, input.value.length);
    }
  }, [cursor.editing]);

  // Rows are memoised; they call the latest handlers through one stable object.
  const latest = useRef({
    mouseDown: (_index: number, _col: number, _shift: boolean, _editingHere: boolean) => {},
    doubleClickCell: (_col: number) => false as boolean,
    doubleClickRow: (_row: Row) => {},
  });
  const handlers: typeof latest.current = {
    mouseDown: (index, col, shift, editingHere) => {
      if (editingHere) return;
      if (cursor.editing) void commit({ ...cursor, editing: false });
      focusGrid();
      setCellError(null);
      setCursor(
        shift
          ? { row: index, col, anchor: cursor.anchor ?? { row: cursor.row, col: cursor.col }, editing: false }
          : { row: index, col, anchor: null, editing: false },
      );
    },
    doubleClickCell: (col) => {
      if (!editable(col)) return false;
      startEdit();
      return true;
    },
    doubleClickRow: (row) => {
      if (onOpenRow && !editable(cursor.col)) onOpenRow(row);
    },
  };
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const rowEvents = useMemo<RowEvents<Row>>(
    () => ({
      mouseDown: (index, col, shift, editingHere) => latest.current.mouseDown(index, col, shift, editingHere),
      doubleClickCell: (col) => latest.current.doubleClickCell(col),
      doubleClickRow: (row) => latest.current.doubleClickRow(row),
    }),
    [],
  );

  // ---- copy and paste ----
  const [pasteMatrix, setPasteMatrix] = useState<string[][] | null>(null);

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    if (cursor.editing) return;
    const range = selectionRange(cursor);
    const matrix: string[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const row = rows.rowAt(r);
      matrix.push(visible.slice(range.left, range.right + 1).map((c) => (row === undefined ? '' : textOf(c, row))));
    }
    event.clipboardData.setData('text/plain', toTsv(matrix));
    event.preventDefault();
    const count = matrix.length * (range.right - range.left + 1);
    notifications.show({ message: t('grid.copied', { count }), autoClose: 1500 });
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (cursor.editing) return;
    event.preventDefault();
    if (!paste) {
      notifications.show({ color: 'yellow', message: t('grid.pasteNotSupported') });
      return;
    }
    const matrix = parseTsv(event.clipboardData.getData('text/plain'));
    if (matrix.length > 0) setPasteMatrix(matrix);
  };

  // ---- sort, filter, views ----
  const onHeaderClick = (id: string, additive: boolean) => setQuery({ ...query, sorting: toggleSort(query.sorting, id, additive) });
  const onFilter = (id: string, filter: FilterValue | undefined) => {
    const filters = { ...query.filters };
    if (isActiveFilter(filter)) filters[id] = filter;
    else delete filters[id];
    setQuery({ ...query, filters });
  };
  const applyView = (config: GridViewConfig) => {
    const next = { ...emptyQuery, ...config.query };
    setSearchText(next.search);
    setQuery(next);
    if (config.order || config.hidden) {
      setLayout({ ...layout, order: config.order ? loadOrder(config.order) : layout.order, hidden: config.hidden ?? layout.hidden });
    }
  };
  const loadOrder = (order: string[]) => {
    const known = order.filter((id) => columnIds.includes(id));
    return [...known, ...columnIds.filter((id) => !known.includes(id))];
  };
  const activeFilters = Object.keys(query.filters).length;

  // ---- header drag to reorder ----
  const [dragging, setDragging] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState<string | null>(null);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const footer = props.footer;

  return (
    <Box>
      <Group gap="xs" mb="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            w={260}
            leftSection={<IconSearch size={14} />}
            placeholder={t('grid.searchPlaceholder')}
            aria-label={t('grid.search')}
            value={searchText}
            onChange={(e) => setSearchText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                focusGrid();
              }
            }}
            rightSection={
              searchText ? (
                <ActionIcon size="xs" variant="subtle" color="gray" aria-label={t('grid.clear')} onClick={() => setSearchText('')}>
                  <IconX size={12} />
                </ActionIcon>
              ) : null
            }
            data-testid={`${gridId}-search`}
          />
          {(props.builtInViews?.length || props.savedViews) && (
            <ViewsMenu
              gridId={gridId}
              builtIn={props.builtInViews ?? []}
              saved={props.savedViews ?? false}
              current={{ query, order: layout.order, hidden: layout.hidden }}
              onApply={applyView}
            />
          )}
          <ColumnsMenu
            columns={columns}
            layout={layout}
            onChange={setLayout}
            onReset={() => setLayout(defaultLayout(columnIds, hiddenByDefault))}
          />
          <ExportMenu gridId={gridId} fileName={props.exportName ?? gridId} columns={visible} all={rows.all} textOf={textOf} />
          {activeFilters > 0 && (
            <Text
              size="xs"
              c="teal"
              component="button"
              style={{ background: 'none', border: 0, cursor: 'pointer' }}
              onClick={() => setQuery({ ...query, filters: {} })}
            >
              {t('grid.clearFilters')} ({activeFilters})
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {(rows.loading || saving) && <Loader size="xs" />}
          <Text size="xs" c="dimmed" data-testid={`${gridId}-count`} style={{ whiteSpace: 'nowrap' }}>
            {t('grid.rows', { count: rows.total, formatted: format.integer(rows.total) })}
          </Text>
          {props.toolbar}
        </Group>
      </Group>

      <div
        ref={viewport}
        className={classes.viewport}
        style={{ height: props.height ?? 'calc(100dvh - 190px)' }}
        role="grid"
        aria-rowcount={rows.total + 1}
        aria-colcount={visible.length}
        aria-multiselectable
        tabIndex={0}
        onKeyDown={onGridKey}
        onCopy={onCopy}
        onPaste={onPaste}
        data-testid={`${gridId}-grid`}
      >
        <div className={classes.header} role="row" style={{ width: totalWidth }}>
          {headers.map((header) => {
            const column = byId.get(header.column.id);
            if (!column) return null;
            const sortIndex = query.sorting.findIndex((s) => s.id === column.id);
            const sort = query.sorting[sortIndex];
            return (
              <div
                key={header.id}
                className={classes.headerCell}
                style={{ width: header.getSize(), justifyContent: column.align === 'right' ? 'flex-end' : undefined }}
                role="columnheader"
                aria-sort={sort ? (sort.desc ? 'descending' : 'ascending') : undefined}
                data-column={column.id}
                data-dragover={dragOver === column.id}
                draggable
                onDragStart={(e) => {
                  setDragging(column.id);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(e) => {
                  if (!dragging) return;
                  e.preventDefault();
                  setDragOver(column.id);
                }}
                onDragLeave={() => setDragOver(null)}
                onDrop={(e) => {
                  e.preventDefault();
                  if (dragging && dragging !== column.id) setLayout({ ...layout, order: moveColumn(layout.order, dragging, column.id) });
                  setDragging(null);
                  setDragOver(null);
                }}
                onDragEnd={() => {
                  setDragging(null);
                  setDragOver(null);
                }}
              >
                {column.sortable ? (
                  <button
                    type="button"
                    className={classes.headerLabel}
                    title={t('grid.sortHint')}
                    onClick={(e) => onHeaderClick(column.id, e.shiftKey)}
                    data-testid={`sort-${column.id}`}
                  >
                    {column.header}
                  </button>
                ) : (
                  <span className={classes.headerLabel} style={{ cursor: 'default' }}>
                    {column.header}
                  </span>
                )}
                {sort && (
                  <Group gap={0} wrap="nowrap" aria-label={sort.desc ? t('grid.sortedDesc') : t('grid.sortedAsc')}>
                    {sort.desc ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />}
                    {query.sorting.length > 1 && (
                      <Text span size="10px" fw={700}>
                        {sortIndex + 1}
                      </Text>
                    )}
                  </Group>
                )}
                {column.filter && (
                  <FilterButton
                    column={column}
                    filter={column.filter}
                    value={query.filters[column.id]}
                    onChange={(f) => onFilter(column.id, f)}
                    exponent={exponent}
                  />
                )}
                <div
                  className={classes.resizer}
                  data-resizing={header.column.getIsResizing()}
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                  onDoubleClick={() => header.column.resetSize()}
                  onDragStart={(e) => e.preventDefault()}
                  draggable={false}
                  role="separator"
                  aria-label={t('grid.resize')}
                />
              </div>
            );
          })}
        </div>

        <GridBody<Row>
          viewport={viewport}
          scrollHandle={scrollToRow}
          total={rows.total}
          rowAt={rows.rowAt}
          ensure={rows.ensure}
          rowHeight={rowHeight}
          rowId={rowId}
          columns={visible}
          widths={widths}
          totalWidth={totalWidth}
          cursor={cursor}
          cellError={cellError}
          editor={cursor.editing ? { draft, onChange: setDraft, onKeyDown: onEditorKey, inputRef: editorRef } : null}
          events={rowEvents}
        >
          {rows.total === 0 && !rows.loading && (
            <div className={classes.empty}>
              {activeFilters > 0 || query.search ? t('grid.emptyFiltered') : (props.emptyState ?? t('grid.empty'))}
            </div>
          )}
        </GridBody>

        {footer && (
          <div className={classes.footer} role="row" style={{ width: totalWidth }} data-testid={`${gridId}-footer`}>
            {visible.map((column, col) => (
              <div key={column.id} className={classes.cell} data-align={column.align} style={{ width: widths[col], height: rowHeight }}>
                {footer[column.id] ?? null}
              </div>
            ))}
          </div>
        )}
      </div>

      {paste && pasteMatrix && (
        <PasteDialog
          matrix={pasteMatrix}
          columns={visible.slice(cursor.col).filter((c) => c.editor || c.parse)}
          allColumns={columns}
          paste={paste}
          errorNamespace={props.errorNamespace}
          onClose={() => {
            setPasteMatrix(null);
            focusGrid();
          }}
        />
      )}
    </Box>
  );
}

interface GridBodyProps<Row> {
  viewport: React.RefObject<HTMLDivElement | null>;
  scrollHandle: React.RefObject<(index: number) => void>;
  total: number;
  rowAt: (index: number) => Row | undefined;
  ensure: (start: number, end: number) => void;
  rowHeight: number;
  rowId: (row: Row) => string;
  columns: readonly GridColumn<Row>[];
  widths: readonly number[];
  totalWidth: number;
  cursor: GridCursor;
  cellError: { row: number; col: number; message: string } | null;
  editor: GridRowProps<Row>['editor'];
  events: RowEvents<Row>;
  children?: ReactNode;
}

/** The scrolling part: only the rows in view (plus a margin) exist in the DOM. */
function GridBody<Row>(props: GridBodyProps<Row>) {
  const { viewport, total, rowAt, ensure, cursor, cellError } = props;
  // The virtualiser hands back fresh functions every render by design; the body is a
  // component of its own so only it re-renders, and nothing memoised receives them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => viewport.current,
    estimateSize: () => props.rowHeight,
    overscan: 10,
  });
  const scrollHandle = props.scrollHandle;
  useLayoutEffect(() => {
    scrollHandle.current = (index) => virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [scrollHandle, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    ensure(firstIndex, lastIndex);
  }, [ensure, firstIndex, lastIndex, total]);
  const range = cursor.anchor ? selectionRange(cursor) : null;
  return (
    <div className={classes.body} style={{ height: virtualizer.getTotalSize(), width: props.totalWidth }}>
      {items.map((item) => {
        const onCursorRow = cursor.row === item.index;
        const selected = range && item.index >= range.top && item.index <= range.bottom ? range : null;
        const error = cellError && cellError.row === item.index ? cellError : null;
        return (
          <GridRow<Row>
            key={item.key}
            index={item.index}
            top={item.start}
            height={item.size}
            row={rowAt(item.index)}
            rowId={props.rowId}
            columns={props.columns}
            widths={props.widths}
            totalWidth={props.totalWidth}
            cursorCol={onCursorRow ? cursor.col : null}
            selLeft={selected ? selected.left : null}
            selRight={selected ? selected.right : null}
            errorCol={error ? error.col : null}
            errorMessage={error ? error.message : null}
            editor={onCursorRow ? props.editor : null}
            events={props.events}
          />
        );
      })}
      {props.children}
    </div>
  );
}

interface RowEvents<Row> {
  mouseDown: (index: number, col: number, shift: boolean, editingHere: boolean) => void;
  doubleClickCell: (col: number) => boolean;
  doubleClickRow: (row: Row) => void;
}

interface GridRowProps<Row> {
  index: number;
  top: number;
  height: number;
  row: Row | undefined;
  rowId: (row: Row) => string;
  columns: readonly GridColumn<Row>[];
  widths: readonly number[];
  totalWidth: number;
  cursorCol: number | null;
  selLeft: number | null;
  selRight: number | null;
  errorCol: number | null;
  errorMessage: string | null;
  editor: {
    draft: string;
    onChange: (value: string) => void;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
    inputRef: React.RefObject<HTMLInputElement | HTMLSelectElement | null>;
  } | null;
  events: RowEvents<Row>;
}

/** One row; memoised so scrolling renders only the rows that come into view. */
function GridRowInner<Row>(props: GridRowProps<Row>) {
  const { index, row, columns, widths, cursorCol, selLeft, selRight, errorCol, errorMessage, editor, events } = props;
  return (
    <div
      className={classes.row}
      role="row"
      aria-rowindex={index + 2}
      style={{ top: props.top, height: props.height, width: props.totalWidth }}
      data-row-id={row === undefined ? undefined : props.rowId(row)}
      onDoubleClick={() => {
        if (row !== undefined) events.doubleClickRow(row);
      }}
    >
      {columns.map((column, col) => {
        const isCursor = cursorCol === col;
        const selected = selLeft !== null && selRight !== null && col >= selLeft && col <= selRight;
        const editing = isCursor && editor !== null;
        const error = errorCol === col ? errorMessage : null;
        return (
          <div
            key={column.id}
            className={classes.cell}
            role="gridcell"
            aria-colindex={col + 1}
            aria-selected={isCursor || selected}
            aria-invalid={error ? true : undefined}
            data-column={column.id}
            data-align={column.align}
            data-cursor={isCursor}
            data-selected={selected}
            data-invalid={error ? true : undefined}
            style={{ width: widths[col] }}
            onMouseDown={(e) => {
              if (editing) return;
              e.preventDefault();
              events.mouseDown(index, col, e.shiftKey, editing);
            }}
            onDoubleClick={(e) => {
              if (events.doubleClickCell(col)) e.stopPropagation();
            }}
          >
            {editing && editor && row !== undefined ? (
              <CellEditor
                column={column}
                value={editor.draft}
                onChange={editor.onChange}
                onKeyDown={editor.onKeyDown}
                inputRef={editor.inputRef}
                label={column.header}
                invalid={!!error}
              />
            ) : row === undefined ? (
              <span className={classes.placeholder} />
            ) : column.render ? (
              column.render(row)
            ) : (
              <span>{textOf(column, row)}</span>
            )}
            {error && (
              <div className={classes.cellError} role="alert" data-testid="cell-error">
                {error}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

const GridRow = memo(GridRowInner) as typeof GridRowInner;

function CellEditor<Row>(props: {
  column: GridColumn<Row>;
  value: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  inputRef: React.RefObject<HTMLInputElement | HTMLSelectElement | null>;
  label: string;
  invalid: boolean;
}) {
  const { column, value, onChange, onKeyDown, inputRef, label, invalid } = props;
  const common = {
    className: classes.editor,
    'aria-label': label,
    'aria-invalid': invalid || undefined,
    onKeyDown,
    onMouseDown: (e: React.MouseEvent) => e.stopPropagation(),
    'data-testid': 'cell-editor',
  };
  if (column.editor?.kind === 'select') {
    return (
      <select
        {...common}
        ref={inputRef as React.RefObject<HTMLSelectElement>}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {column.editor.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      ref={inputRef as React.RefObject<HTMLInputElement>}
      type={column.editor?.kind === 'date' ? 'date' : 'text'}
      inputMode={column.editor?.kind === 'money' || column.editor?.kind === 'number' ? 'decimal' : undefined}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

export type { CellValue };
