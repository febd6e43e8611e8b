/**
 * A grid's column layout — order, hidden columns, widths — remembered per grid in
 * localStorage. What is read back is checked against the grid's columns today: a
 * column that no longer exists is dropped and a new one is shown at the end, so an
 * old saved layout can never hide a new column or break the grid after an update.
 */

export interface ColumnLayout {
  order: string[];
  hidden: string[];
  sizes: Record<string, number>;
}

export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 800;

export function defaultLayout(columnIds: readonly string[], hiddenByDefault: readonly string[] = []): ColumnLayout {
  return { order: [...columnIds], hidden: hiddenByDefault.filter((id) => columnIds.includes(id)), sizes: {} };
}

/** Reconciles a stored layout (any shape) with the grid's current columns. */
export function sanitizeLayout(stored: unknown, columnIds: readonly string[], hiddenByDefault: readonly string[] = []): ColumnLayout {
  const base = defaultLayout(columnIds, hiddenByDefault);
  if (typeof stored !== 'object' || stored === null) return base;
  const s = stored as Partial<Record<keyof ColumnLayout, unknown>>;
  const known = new Set(columnIds);
  const order = Array.isArray(s.order) ? s.order.filter((id): id is string => typeof id === 'string' && known.has(id)) : [];
  const seen = new Set(order);
  const merged = [...new Set(order), ...columnIds.filter((id) => !seen.has(id))];
  const hidden = Array.isArray(s.hidden) ? s.hidden.filter((id): id is string => typeof id === 'string' && known.has(id)) : base.hidden;
  const sizes: Record<string, number> = {};
  if (typeof s.sizes === 'object' && s.sizes !== null) {
    for (const [id, width] of Object.entries(s.sizes as Record<string, unknown>)) {
      if (known.has(id) && typeof width === 'number' && Number.isFinite(width))
        sizes[id] = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
    }
  }
  // Never hide every column: a grid with none left could not be fixed from the grid.
  return { order: merged, hidden: hidden.length >= columnIds.length ? [] : hidden, sizes };
}

/** Moves one column before another (drag in the column menu or header). */
export function moveColumn(order: readonly string[], id: string, beforeId: string | null): string[] {
  const rest = order.filter((c) => c !== id);
  const at = beforeId === null ? rest.length : rest.indexOf(beforeId);
  rest.splice(at < 0 ? rest.length : at, 0, id);
  return rest;
}

const storageKey = (gridId: string) => `tanoda.grid.${gridId}.layout`;

export function loadLayout(
  storage: Pick<Storage, 'getItem'> | undefined,
  gridId: string,
  columnIds: readonly string[],
  hiddenByDefault: readonly string[] = [],
): ColumnLayout {
  try {
    const text = storage?.getItem(storageKey(gridId));
    return sanitizeLayout(text ? (JSON.parse(text) as unknown) : null, columnIds, hiddenByDefault);
  } catch {
    return defaultLayout(columnIds, hiddenByDefault);
  }
}

export function saveLayout(storage: Pick<Storage, 'setItem'> | undefined, gridId: string, layout: ColumnLayout): void {
  try {
    storage?.setItem(storageKey(gridId), JSON.stringify(layout));
  } catch {
    // A full or disabled storage only costs the remembered layout.
  }
}
