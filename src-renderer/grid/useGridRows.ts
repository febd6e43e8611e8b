/**
 * Where the grid's rows come from. A grid over rows the screen already holds
 * filters and sorts them in memory; a grid with a loader asks the API for pages of
 * 50 rows (a screenful and a half: the first rows of a search come back sooner
 * than with bigger pages) as they scroll into view, so 100,000 clients cost only
 * the pages that were actually seen. A stale answer (to an older query) is
 * dropped, never shown.
 *
 * Scrolling a long list fast must not leave the rows blank or make a frame wait:
 * - at most two pages are asked for at a time: the ones in view and those the
 *   scrolling is heading for (model/paging.ts), and a page no longer wanted when a
 *   request slot frees up is not asked for;
 * - the last 120 pages seen are kept (the least recently wanted go first), so
 *   scrolling back costs nothing;
 * - a page's arrival re-renders the rows only (through `subscribe`), not the
 *   toolbar and header around them;
 * - a new query keeps the old rows on screen until its first answer arrives. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useApi } from '../api/context';
import { MAX_LEAD_FRAMES, PAGE_SIZE, pagesWanted } from './model/paging';
import { applyQuery, type CellValue, type GridQuery } from './model/query';
import type { GridColumn, GridSource } from './types';

/** Requests in flight at once: the API answers one at a time, so more would only queue the ones in view behind guesses. */
const MAX_IN_FLIGHT = 2;
/** Pages kept in memory (6,000 rows). */
const KEPT_PAGES = 120;

export interface GridRows<Row> {
  total: number;
  /** The row at an index, or undefined while its page is loading. */
  rowAt(index: number): Row | undefined;
  /** Asks for the pages that cover these indexes (and those the scrolling heads for). */
  ensure(start: number, end: number): void;
  /** Every row of the current query (for export), loaded if need be. */
  all(): Promise<Row[]>;
  /**
   * Starts loading the first pages of a query about to be shown, before the grid
   * renders it (the search box calls this when its pause is over), so the request
   * is on its way while React renders; the render then finds it under way.
   */
  prefetch(query: GridQuery): void;
  /** Calls back when loaded rows or the loading state change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** A number that changes whenever `rowAt` may answer differently. */
  version(): number;
  loading(): boolean;
}

type PageLoad<Row> = (offset: number, limit: number) => Promise<{ rows: Row[]; total: number }>;

/**
 * The loader grid's pages and requests, outside React state so a page's arrival
 * re-renders only the components subscribed to it.
 */
class PageStore<Row> {
  pages = new Map<number, Row[]>();
  stale = new Map<number, Row[]>();
  private inFlight = new Set<number>();
  /** Pages the API refused for this query: not asked again until the query or the data changes. */
  private failed = new Set<number>();
  private wanted: number[] = [];
  private generation = 0;
  /** The query and data version the pages belong to. */
  private key = '';
  revision = 0;
  busy: boolean;
  /** The rows in view, as the body last reported them. */
  private view = { start: 0, end: 40 };
  /** Running averages: how long an answer takes, and how often the view asks while scrolling. */
  private answerMs = 0;
  private frameMs = 16;
  private lastAsk = 0;
  private total = 0;
  private load: PageLoad<Row> | null = null;
  private onTotal: (total: number) => void = () => {};
  private listeners = new Set<() => void>();

  constructor(busy: boolean) {
    this.busy = busy;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Tells the subscribers; `rows` when what `rowAt` answers may have changed (not only the loading state). */
  private notify(rows: boolean) {
    if (rows) this.revision++;
    for (const listener of this.listeners) listener();
  }

  rowAt(index: number): Row | undefined {
    const page = Math.floor(index / PAGE_SIZE);
    return (this.pages.get(page) ?? this.stale.get(page))?.[index % PAGE_SIZE];
  }

  /** The current query's page loader, and where a changed total goes. */
  configure(load: PageLoad<Row> | null, onTotal: (total: number) => void) {
    this.load = load;
    this.onTotal = onTotal;
  }

  /**
   * Starts over for a new query or changed data, from the pages in view (and the
   * first); the old pages stay on screen until the first new answer arrives.
   */
  restart(key: string) {
    if (key === this.key) return;
    this.key = key;
    this.generation++;
    if (this.pages.size > 0) this.stale = this.pages;
    this.pages = new Map();
    this.inFlight = new Set();
    this.failed = new Set();
    const { start, end } = this.view;
    this.wanted = [...pagesWanted(start, end, start, 0), 0];
    this.pump();
  }

  /** The body reports the rows in view (once a frame while scrolling). */
  ask(start: number, end: number) {
    const previous = this.view.start;
    this.view = { start, end };
    if (!this.load) return;
    const now = performance.now();
    // A frame is the time between two asks while scrolling (a pause is not a frame).
    const since = now - this.lastAsk;
    if (since < 100) this.frameMs = this.frameMs * 0.8 + since * 0.2;
    this.lastAsk = now;
    const lead = Math.min(MAX_LEAD_FRAMES, Math.ceil(this.answerMs / Math.max(this.frameMs, 1)));
    this.wanted = pagesWanted(start, end, previous, this.total, lead);
    this.touch(this.wanted);
    this.pump();
  }

  /** Marks pages as just wanted (most recent last), and forgets the least recently wanted beyond the limit. */
  private touch(pages: readonly number[]) {
    for (const page of pages) {
      const rows = this.pages.get(page);
      if (rows) {
        this.pages.delete(page);
        this.pages.set(page, rows);
      }
    }
    for (const page of this.pages.keys()) {
      if (this.pages.size <= KEPT_PAGES) break;
      this.pages.delete(page);
    }
  }

  /** Whether a page holds any of the rows the body last reported drawing. */
  private inView(page: number) {
    return page * PAGE_SIZE <= this.view.end && (page + 1) * PAGE_SIZE > this.view.start;
  }

  /** Starts requests for wanted pages while a slot is free. */
  private pump() {
    const load = this.load;
    if (!load) return;
    while (this.inFlight.size < MAX_IN_FLIGHT) {
      const page = this.wanted.find((p) => !this.pages.has(p) && !this.inFlight.has(p) && !this.failed.has(p));
      if (page === undefined) break;
      this.inFlight.add(page);
      const asked = this.generation;
      const sent = performance.now();
      load(page * PAGE_SIZE, PAGE_SIZE)
        .then((answer) => this.settle(asked, page, sent, answer))
        .catch(() => this.settle(asked, page, sent, null));
    }
    const busy = this.inFlight.size > 0;
    if (busy !== this.busy) {
      this.busy = busy;
      this.notify(false);
    }
  }

  private settle(asked: number, page: number, sent: number, answer: { rows: Row[]; total: number } | null) {
    if (this.generation !== asked) return;
    this.inFlight.delete(page);
    this.answerMs = this.answerMs * 0.7 + (performance.now() - sent) * 0.3;
    // Only a page the view shows changes what the body draws; one the scroll has
    // already passed (or not reached) is kept without re-rendering anything.
    let shown = false;
    if (answer) {
      shown = this.pages.size === 0 || this.inView(page);
      if (this.pages.size === 0) this.stale = new Map();
      this.pages.set(page, answer.rows);
      this.touch(this.wanted);
      if (answer.total !== this.total) {
        shown = true;
        this.total = answer.total;
        this.onTotal(answer.total);
      }
    } else this.failed.add(page);
    const busy = this.inFlight.size > 0;
    if (shown || busy !== this.busy) {
      this.busy = busy;
      this.notify(shown);
    }
    this.pump();
  }
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
  const [changed, setChanged] = useState(0);
  const [store] = useState(() => new PageStore<Row>(source.kind === 'loader'));
  const [total, setTotal] = useState(0);
  const loadPage = useMemo<PageLoad<Row> | null>(
    () => (loader ? (offset, limit) => loader.load(JSON.parse(queryKey) as GridQuery, offset, limit) : null),
    [loader, queryKey],
  );

  // Layout effects: the new query's pages are asked for before the screen is painted.
  useLayoutEffect(() => store.configure(loadPage, setTotal), [store, loadPage]);
  const isLoader = loader !== null;
  useLayoutEffect(() => {
    if (isLoader) store.restart(`${queryKey}#${changed}`);
  }, [store, queryKey, changed, isLoader]);
  const prefetch = useCallback(
    (next: GridQuery) => {
      if (!loader) return;
      store.configure((offset, limit) => loader.load(next, offset, limit), setTotal);
      store.restart(`${JSON.stringify(next)}#${changed}`);
    },
    [loader, store, changed],
  );

  const tablesKey = loader?.tables.join(',') ?? '';
  useEffect(() => {
    if (!tablesKey) return;
    const watched = new Set(tablesKey.split(','));
    return api.changes.subscribe((tables) => {
      if (tables.some((t) => watched.has(t))) setChanged((v) => v + 1);
    });
  }, [api, tablesKey]);

  const ensure = useCallback((start: number, end: number) => store.ask(start, end), [store]);

  const all = useCallback(async (): Promise<Row[]> => {
    if (!loadPage) return localRows;
    const rows: Row[] = [];
    const chunk = 5000;
    let count = Infinity;
    for (let offset = 0; offset < count; offset += chunk) {
      const answer = await loadPage(offset, chunk);
      count = answer.total;
      rows.push(...answer.rows);
      if (answer.rows.length === 0) break;
    }
    return rows;
  }, [loadPage, localRows]);

  const localLoading = source.kind === 'rows' ? (source.loading ?? false) : false;
  return useMemo<GridRows<Row>>(
    () =>
      loader
        ? {
            total,
            rowAt: (i) => store.rowAt(i),
            ensure,
            all,
            prefetch,
            subscribe: store.subscribe,
            version: () => store.revision,
            loading: () => store.busy,
          }
        : {
            total: localRows.length,
            rowAt: (i) => localRows[i],
            ensure,
            all,
            prefetch,
            subscribe: store.subscribe,
            version: () => localRows.length,
            loading: () => localLoading,
          },
    [loader, total, store, ensure, all, prefetch, localRows, localLoading],
  );
}
