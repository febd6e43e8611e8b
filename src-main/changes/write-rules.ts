/**
 * Which capability each write of a synced table needs, in the terms of
 * src-shared/capabilities.ts. One table answers for every path that writes: the
 * sync policy judges other devices' change entries with it, and undo judges the
 * writes that would revert an action with it, so an inverse can never do what the
 * same person could not do by hand (an assistant's undo of their own new client
 * would soft-delete it: `records.delete`; of their own payment would void it:
 * `payments.void`). Kept apart from any actor or setting: it says what a write
 * needs, and the caller checks whether the one writing holds it.
 */
import type { Capability } from '../../src-shared/capabilities';
import type { SyncedTableName } from '../db/schema';
import { columnsOf, type Write } from './funnel';

/** The capability needed to create or edit a row of each synced table. */
export const tableCapability: Record<SyncedTableName, Capability> = {
  settings: 'workspace.manage',
  users: 'users.manage',
  programs: 'catalog.write',
  teachers: 'catalog.write',
  rooms: 'catalog.write',
  cohorts: 'catalog.write',
  lessons: 'catalog.write',
  attendance: 'enrollments.write',
  clients: 'clients.write',
  activities: 'clients.write',
  tasks: 'clients.write',
  reminder_states: 'clients.write',
  message_templates: 'clients.write',
  enrollments: 'enrollments.write',
  enrollment_status_history: 'enrollments.write',
  instalments: 'prices.write',
  payments: 'payments.write',
  payment_allocations: 'payments.write',
  import_batches: 'data.import',
  import_mappings: 'data.import',
  saved_views: 'workspace.read',
  closures: 'catalog.write',
  receipts: 'payments.write',
  campaigns: 'catalog.write',
  // Lessons area: the assistant sells and pauses packages; teachers' pay rates are the owner's.
  packages: 'payments.write',
  package_freezes: 'payments.write',
  teacher_rates: 'workspace.manage',
};

/** Columns that need more than their table does: a price, a discount, a void. */
export const columnCapability: Partial<Record<SyncedTableName, Record<string, Capability>>> = {
  enrollments: { agreed_price_minor: 'prices.write', discount_minor: 'prices.write' },
  payments: { voided_at: 'payments.void', void_reason: 'payments.void' },
  receipts: { voided_at: 'payments.void', void_reason: 'payments.void' },
};

/**
 * Tables whose rows are taken back by those who write them rather than by `records.delete`:
 * a booked make-up (an attendance row) is cancelled by whoever may book one, and since roll
 * call corrects a mark with a newer row anyway, taking a mark back gives no more than that.
 */
export const deleteCapability: Partial<Record<SyncedTableName, Capability>> = { attendance: 'enrollments.write' };

/** The capability writing `column` (a database column name) of `table` needs; a soft delete or restore needs `records.delete`. */
export function capabilityForColumn(table: SyncedTableName, column: string): Capability {
  if (column === 'deleted_at') return deleteCapability[table] ?? 'records.delete';
  return columnCapability[table]?.[column] ?? tableCapability[table] ?? 'workspace.manage';
}

/** One capability a write needs, and the column (camelCase) that needs it, or null for the row as a whole. */
export interface NeededRight {
  capability: Capability;
  field: string | null;
}

/**
 * Every capability one funnel write needs: a delete or restore needs
 * `records.delete`; an insert or update needs its table's capability and, per
 * column it sets, that column's (a price: `prices.write`, a void: `payments.void`).
 */
export function rightsForWrite(write: Write): NeededRight[] {
  if (write.op === 'delete' || write.op === 'restore')
    return [{ capability: deleteCapability[write.table] ?? 'records.delete', field: null }];
  const needed: NeededRight[] = [{ capability: tableCapability[write.table], field: null }];
  const columns = columnsOf(write.table);
  for (const [prop, value] of Object.entries(write.values)) {
    if (value === undefined) continue;
    const name = columns.get(prop)?.name ?? prop;
    const capability = capabilityForColumn(write.table, name);
    if (capability !== needed[0]?.capability) needed.push({ capability, field: prop });
  }
  return needed;
}
