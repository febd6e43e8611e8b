/**
 * Where the grid's rows come from. A grid over rows the screen already holds
 * filters and sorts them in memory; a grid with a loader asks the API for pages of
 * 200 rows as they scroll into view and keeps them until the query changes or one
 * of its tables is reported changed, so 100,000 clients cost only the pages that
 * were actually seen. A stale answer (to an older query) is dropped, never shown.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../api/context';
import { applyQuery, type CellValue, type GridQuery } from './model/query';
import type { GridColumn, GridSource } from './types';

export const PAGE_SIZE = 200;

export interface GridRows<Row> {
  total: number;
  loading: boolean;
  /** The row at an index, or undefined while its page is loading. */
  rowAt(index: number): Row | undefined;
  /** Asks for the pages that cover these indexes. */
  ensure(start: number, end: number): void;
  /** Every row of the current query (for export), loaded if need be. */
  all(): Promise<Row[]>;
}

export function useGridRows<Row>(
  source: GridSource<Row>,
  columns: readonly GridColumn<Row>[],
  query: GridQuery,
  locale: string,
): GridRows<Row> {
  const api = useApi();
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const valueOf = useCallback((row: Row, id: string): CellValue => byId.get(id)?.value(row), [byId]);
  const searchable = useMemo(() => columns.filter((c) => c.searchable).map((c) => c.id), [columns]);

  const localRows = useMemo(
    () => (source.kind === 'rows' ? applyQuery(source.rows, query, valueOf, searchable, locale) : []),
    [source, query, valueOf, searchable, locale],
  );

  const loader = source.kind === 'loader' ? source : null;
  const queryKey = JSON.stringify(query);
  const [version, setVersion] = useState(0);
  const generation = `${queryKey}#${version}`;
  const pages = useRef(new Map<number, Row[]>());
  const pending = useRef(new Set<number>());
  const stale = useRef(new Map<number, Row[]>());
  const currentGeneration = useRef('');
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState(0);
  const [loading, setLoading] = useState(loader !== null);
  const loadRef = useRef(loader?.load);
  useLayoutEffect(() => {
    loadRef.current = loader?.load;
  });

  const fetchPage = useCallback(
    (page: number) => {
      const load = loadRef.current;
      if (!load || pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      const asked = currentGeneration.current;
      setLoading(true);
      load(JSON.parse(queryKey) as GridQuery, page * PAGE_SIZE, PAGE_SIZE)
        .then((answer) => {
          if (currentGeneration.current !== asked) return;
          pending.current.delete(page);
          pages.current.set(page, answer.rows);
          stale.current = new Map();
          setTotal(answer.total);
          setLoaded((n) => n + 1);
          setLoading(pending.current.size > 0);
        })
        .catch(() => {
          if (currentGeneration.current !== asked) return;
          pending.current.delete(page);
          setLoading(pending.current.size > 0);
        });
    },
    [queryKey],
  );

  // A new query or a reported change starts over from the first page; pages are
  // replaced only when the new answer arrives, so the rows do not blink.
  const visible = useRef<[number, number]>([0, 40]);
  useEffect(() => {
    if (!loader) return;
    currentGeneration.current = generation;
    stale.current = pages.current;
    pages.current = new Map();
    pending.current = new Set();
    const [start, end] = visible.current;
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor(Math.max(start, end) / PAGE_SIZE);
    for (let p = first; p <= last; p++) fetchPage(p);
    if (first !== 0) fetchPage(0);
  }, [generation, loader !== null, fetchPage]); // eslint-disable-line react-hooks/exhaustive-deps

  const tablesKey = loader?.tables.join(',') ?? '';
  useEffect(() => {
    if (!tablesKey) return;
    const watched = new Set(tablesKey.split(','));
    return api.changes.subscribe((tables) => {
      if (tables.some((t) => watched.has(t))) setVersion((v) => v + 1);
    });
  }, [api, tablesKey]);

  const ensure = useCallback(
    (start: number, end: number) => {
      visible.current = [start, end];
      if (!loader) return;
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) fetchPage(p);
    },
    [loader, fetchPage],
  );

  const all = useCallback(async (): Promise<Row[]> => {
    if (!loader) return localRows;
    const rows: Row[] = [];
    const chunk = 5000;
    let count = Infinity;
    for (let offset = 0; offset < count; offset += chunk) {
      const answer = await loader.load(JSON.parse(queryKey) as GridQuery, offset, chunk);
      count = answer.total;
      rows.push(...answer.rows);
      if (answer.rows.length === 0) break;
    }
    return rows;
  }, [loader, localRows, queryKey]);

  void loaded;
  if (!loader) {
    return {
      total: localRows.length,
      loading: source.kind === 'rows' ? (source.loading ?? false) : false,
      rowAt: (i) => localRows[i],
      ensure,
      all,
    };
  }
  return {
    total,
    loading,
    rowAt: (i) => (pages.current.get(Math.floor(i / PAGE_SIZE)) ?? stale.current.get(Math.floor(i / PAGE_SIZE)))?.[i % PAGE_SIZE],
    ensure,
    all,
  };
}
