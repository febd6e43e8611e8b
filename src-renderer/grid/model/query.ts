/**
 * What the grid asks for: a quick search, sort rules and per-column filters.
 * The grid keeps this one model whatever its rows come from; a server-backed
 * grid hands it to a function that turns it into its API input (so sorting and
 * filtering 100,000 clients happens in SQL), while a grid over rows it already
 * holds applies it here, in the same order, so both behave alike.
 */

export interface SortRule {
  id: string;
  desc: boolean;
}

export type FilterValue =
  | { kind: 'text'; text: string }
  | { kind: 'in'; values: string[] }
  | { kind: 'dateRange'; from?: string | undefined; to?: string | undefined }
  | { kind: 'amountRange'; min?: number | undefined; max?: number | undefined };

export type FilterKind = FilterValue['kind'];

export interface GridQuery {
  search: string;
  sorting: SortRule[];
  filters: Record<string, FilterValue>;
}

export const emptyQuery: GridQuery = { search: '', sorting: [], filters: {} };

/**
 * A header click: alone it sorts by that column (ascending, then descending,
 * then not at all); with Shift it adds the column to the rules or flips it.
 */
export function toggleSort(sorting: readonly SortRule[], id: string, additive: boolean, maxRules = 4): SortRule[] {
  const current = sorting.find((s) => s.id === id);
  if (!additive) {
    if (!current) return [{ id, desc: false }];
    if (!current.desc) return [{ id, desc: true }];
    return [];
  }
  if (!current) return [...sorting, { id, desc: false }].slice(-maxRules);
  if (!current.desc) return sorting.map((s) => (s.id === id ? { id, desc: true } : s));
  return sorting.filter((s) => s.id !== id);
}

/** A filter that would let every row through counts as no filter (and is dropped from saved views). */
export function isActiveFilter(filter: FilterValue | undefined): filter is FilterValue {
  if (!filter) return false;
  switch (filter.kind) {
    case 'text':
      return filter.text.trim() !== '';
    case 'in':
      return filter.values.length > 0;
    case 'dateRange':
      return !!filter.from || !!filter.to;
    case 'amountRange':
      return filter.min !== undefined || filter.max !== undefined;
  }
}

export function setFilter(query: GridQuery, id: string, filter: FilterValue | undefined): GridQuery {
  const filters = { ...query.filters };
  if (isActiveFilter(filter)) filters[id] = filter;
  else delete filters[id];
  return { ...query, filters };
}

export type CellValue = string | number | boolean | null | undefined | readonly string[];

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchesFilter(value: CellValue, filter: FilterValue): boolean {
  switch (filter.kind) {
    case 'text': {
      const needle = fold(filter.text.trim());
      const hay = Array.isArray(value) ? value.join(' ') : value === null || value === undefined ? '' : String(value);
      return fold(hay).includes(needle);
    }
    case 'in': {
      const values = Array.isArray(value) ? value : [value === null || value === undefined ? '' : String(value)];
      return values.some((v) => filter.values.includes(v));
    }
    case 'dateRange': {
      if (typeof value !== 'string' || value === '') return false;
      const day = value.slice(0, 10);
      return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
    }
    case 'amountRange': {
      if (typeof value !== 'number') return false;
      return (filter.min === undefined || value >= filter.min) && (filter.max === undefined || value <= filter.max);
    }
  }
}

function compareValues(a: CellValue, b: CellValue, collator: Intl.Collator): number {
  const empty = (v: CellValue) => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const text = (v: CellValue) => (Array.isArray(v) ? v.join(', ') : String(v));
  return collator.compare(text(a), text(b));
}

/** Filters, searches and sorts rows held in memory; `valueOf` reads a column's raw value. */
export function applyQuery<Row>(
  rows: readonly Row[],
  query: GridQuery,
  valueOf: (row: Row, columnId: string) => CellValue,
  searchable: readonly string[],
  locale = 'en',
): Row[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const filters = Object.entries(query.filters).filter(([, f]) => isActiveFilter(f));
  const search = fold(query.search.trim());
  const kept = rows.filter((row) => {
    for (const [id, filter] of filters) if (!matchesFilter(valueOf(row, id), filter)) return false;
    if (search === '') return true;
    return searchable.some((id) => {
      const value = valueOf(row, id);
      return value !== null && value !== undefined && fold(Array.isArray(value) ? value.join(' ') : String(value)).includes(search);
    });
  });
  if (query.sorting.length === 0) return kept;
  return kept
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      for (const rule of query.sorting) {
        const order = compareValues(valueOf(x.row, rule.id), valueOf(y.row, rule.id), collator);
        if (order !== 0) return rule.desc ? -order : order;
      }
      return x.index - y.index;
    })
    .map((x) => x.row);
}
