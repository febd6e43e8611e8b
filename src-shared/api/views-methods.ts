/**
 * Saved grid views: a named filter, sort and column layout for one grid ("Thinking —
 * call back" over enrollments, "Overdue" over clients). A view is a person's way of
 * looking at the data, not the data, so every signed-in role may keep views; the
 * config is stored as the grid wrote it and read back through the grid's own
 * sanitiser, which is why the contract only bounds its size.
 */
import { z } from 'zod';
import { byId, idSchema, type MethodSpec, read, write } from './spec';
import type { RowMeta } from './types';

export interface SavedView extends RowMeta {
  grid: string;
  name: string;
  config: Record<string, unknown>;
  /** Whose view; null when shared with everyone. */
  userId: string | null;
  position: number;
}

const gridName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Use a grid name like clients');

export const viewsMethods = {
  'views.list': read<SavedView[]>()(
    'workspace.read',
    z.object({ grid: gridName }),
    'Saved views of a grid: mine and the shared ones, in order.',
  ),
  'views.save': write<SavedView>()(
    'workspace.read',
    z.object({
      id: idSchema.optional(),
      grid: gridName,
      name: z.string().trim().min(1, 'required').max(100),
      config: z.record(z.string(), z.unknown()).refine((c) => JSON.stringify(c).length <= 20_000, 'This view is too large to save'),
      shared: z.boolean().default(false),
    }),
    'Save a grid view under a name (a new one, or replace the view with this id).',
  ),
  'views.delete': write<{ id: string }>()('workspace.read', byId, 'Delete a saved view (your own; the owner may delete shared ones).'),
} as const satisfies Record<string, MethodSpec>;
