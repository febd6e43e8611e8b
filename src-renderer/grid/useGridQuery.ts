/**
 * The grid's query — quick search, sorting and column filters — and the ways a
 * person changes it. The search box is debounced (150 ms) apart from the query,
 * so typing stays instant while a grid over 100,000 clients asks the API once per
 * pause, not once per key.
 */
import { useEffect, useState } from 'react';
import { emptyQuery, isActiveFilter, toggleSort, type FilterValue, type GridQuery } from './model/query';

export function useGridQuery(initialQuery: Partial<GridQuery> | undefined, onQueryChange: ((query: GridQuery) => void) | undefined) {
  const [query, setQuery] = useState<GridQuery>({ ...emptyQuery, ...initialQuery });
  const [searchText, setSearchText] = useState(query.search);
  useEffect(() => onQueryChange?.(query), [onQueryChange, query]);
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery((old) => (old.search === searchText ? old : { ...old, search: searchText })), 150);
    return () => window.clearTimeout(timer);
  }, [searchText]);

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
    setSearchText(full.search);
    setQuery(full);
  };
  const activeFilters = Object.keys(query.filters).length;

  return { query, searchText, setSearchText, sortBy, filterBy, clearFilters, replaceQuery, activeFilters };
}

export type GridQueryState = ReturnType<typeof useGridQuery>;
