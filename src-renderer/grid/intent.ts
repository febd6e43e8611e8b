/**
 * "See all" links into a grid: another screen (Today's cards) asks a grid to
 * open with a given query — the enrollments thinking it over with no call-back
 * day, the clients who owe — and the grid takes that query once, when it next
 * mounts, instead of its remembered one. Kept in the grid, below every feature,
 * so the screen that links and the screen that shows never import each other.
 */
import type { GridQuery } from './model/query';

const pending = new Map<string, Partial<GridQuery>>();

/** The next mount of grid `gridId` opens with `query`. */
export function openGridWith(gridId: string, query: Partial<GridQuery>): void {
  pending.set(gridId, query);
}

/** The query another screen asked this grid to open with (read while mounting; React may mount twice). */
export function peekGridIntent(gridId: string): Partial<GridQuery> | undefined {
  return pending.get(gridId);
}

/** Forgets the request once the grid has opened with it, so the next visit shows the remembered query. */
export function clearGridIntent(gridId: string): void {
  pending.delete(gridId);
}
