/**
 * The grid's query — quick search, sorting and column filters — and the ways a
 * person changes it. The search box is debounced (150 ms) apart from the query,
 * so typing stays instant while a grid over 100,000 clients asks the API once per
 * pause, not once per key. When the pause is over, `onSearch` hears the new query
 * before the grid renders it, so its rows can be asked for at once.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How long the search box waits after the last keystroke before asking for rows. */
const SEARCH_PAUSE_MS = 150;
import { emptyQuery, isActiveFilter, toggleSort, type FilterValue, type GridQuery } from './model/query';

export function useGridQuery(
  initialQuery: Partial<GridQuery> | undefined,
  onQueryChange: ((query: GridQuery) => void) | undefined,
  onSearch?: (query: GridQuery) => void,
) {
  const [query, setQuery] = useState<GridQuery>({ ...emptyQuery, ...initialQuery });
  const [searchText, setSearchText] = useState(query.search);
  const latest = useRef({ query, onSearch });
  useLayoutEffect(() => {
    latest.current = { query, onSearch };
  });
  useEffect(() => onQueryChange?.(query), [onQueryChange, query]);
  // The pause is timed from the keystroke itself, not from an effect after the
  // render it causes: on a busy screen that render is several milliseconds the
  // person would otherwise wait on top of the pause.
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const typeSearch = (text: string) => {
    setSearchText(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const old = latest.current.query;
      if (old.search === text) return;
      const next = { ...old, search: text };
      latest.current.onSearch?.(next);
      setQuery(next);
    }, SEARCH_PAUSE_MS);
  };

  const sortBy = (id: string, additive: boolean) => setQuery({ ...query, sorting: toggleSort(query.sorting, id, additive) });
  const filterBy = (id: string, filter: FilterValue | undefined) => {
    const filters = { ...query.filters };
    if (isActiveFilter(filter)) filters[id] = filter;
    else delete filters[id];
    setQuery({ ...query, filters });
  };
  const clearFilters = () => setQuery({ ...query, filters: {} });
  /** Replaces the whole query (a view was chosen), search box included. */
  const replaceQuery = (next: Partial<GridQuery>) => {
    const full = { ...emptyQuery, ...next };
    window.clearTimeout(timer.current);
    setSearchText(full.search);
    setQuery(full);
  };
  const activeFilters = Object.keys(query.filters).length;

  return { query, searchText, setSearchText: typeSearch, sortBy, filterBy, clearFilters, replaceQuery, activeFilters };
}

export type GridQueryState = ReturnType<typeof useGridQuery>;
