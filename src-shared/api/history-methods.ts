/**
 * Undo through the change log. `history.recent` lists the acting user's latest
 * actions (one per change-log transaction) for an Undo menu; `history.undo`
 * reverts the newest one not yet undone. Both are scoped to the caller: undo
 * never reverts what someone else did, and it refuses when someone else has since
 * changed the same fields rather than silently overwrite their work.
 */
import { z } from 'zod';
import { type MethodSpec, read, write } from './spec';

export interface HistoryAction {
  tx: string;
  at: string;
  /** Tables the action wrote, first the one it was mainly about. */
  tables: string[];
  /** What happened to the main row: a new row, an edit, a delete or a restore. */
  kind: 'insert' | 'update' | 'delete' | 'restore';
  /** The main table and row, for a description like "New enrollment". */
  table: string;
  rowId: string;
  /**
   * The record's name as people know it, for "New client: Anna Kovács": a client's
   * display name; for an enrollment, its status history, instalments, payments and
   * timeline entries, the client's name and the program (group); a group, program,
   * teacher, room, task or template by its name. Null when the row has none (or is gone).
   */
  name: string | null;
  /** The columns an edit changed (empty for inserts). */
  columns: string[];
  undone: boolean;
}

export interface UndoResult {
  undone: HistoryAction;
  /** The transaction of the undo itself (undo is a change like any other). */
  tx: string;
}

export const historyMethods = {
  'history.recent': read<HistoryAction[]>()(
    'clients.read',
    z.object({ limit: z.number().int().min(1).max(50).default(10) }).default({ limit: 10 }),
    'Your most recent actions, newest first, with whether each was undone.',
  ),
  'history.undo': write<UndoResult>()(
    'clients.write',
    z.object({ tx: z.string().min(1).max(64).optional() }).default({}),
    'Undo your most recent action that is not yet undone (or the given one when it is still your latest).',
  ),
} as const satisfies Record<string, MethodSpec>;
