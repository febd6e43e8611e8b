/**
 * What a device may write, judged from the files alone. A replica applies another
 * device's entries only if they were written by the user the owner-signed device
 * certificate names and that user's certified role holds the capability each
 * touched table or column needs (the one table of changes/write-rules.ts, which
 * undo also judges its writes by, so the rule on the wire is the rule at home).
 * The verdict depends only on the entries and the certificate, never on local
 * state, so every replica reaches the same one. The unit judged is one
 * transaction (one user action): accepted or refused whole, never half. The
 * author's own router runs the same judgement before committing, so a refusal
 * here means a tampered or outdated app — it is recorded and shown in sync
 * status, not silently dropped.
 *
 * The owner's "assistant may edit prices" toggle is deliberately not judged here:
 * it is itself a synced setting, and a replica that has not yet received the
 * owner's latest toggle would reach a different verdict than one that has. It is
 * enforced by the author's router at the time of the edit.
 */
import type { Role } from '../../src-shared/domain';
import { capabilitiesOf, type Capability } from '../../src-shared/capabilities';
import { appendOnlyTables, type SyncedTableName } from '../db/schema';
import type { RemoteEntry } from '../changes/merge';
import { ERASE_TABLE } from '../changes/erasure';
import { capabilityForColumn } from '../changes/write-rules';

/** Who wrote a transaction, as the certificate says. A null user is the owner's root device, which certifies users itself. */
export interface Author {
  role: Role;
  userId: string | null;
}

/** Columns fixed once a row exists: a later entry for them is an edit of money or history. */
const fixedColumns: Record<string, readonly string[]> = {
  payments: ['client_id', 'amount_minor', 'paid_on'],
  instalments: ['enrollment_id'],
  enrollments: ['client_id'],
  receipts: ['payment_id', 'year', 'device_code', 'seq'],
};

/**
 * The clients a transaction merges or un-merges (it writes their `merged_into_id`):
 * a `client_id` moved to one of them is the merge's re-pointing, the one edit of a
 * fixed or append-only column accepted (changes/funnel.ts allows the same shape).
 */
function mergedClients(tx: readonly RemoteEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of tx) {
    if (entry.table !== 'clients' || entry.column !== 'merged_into_id') continue;
    ids.add(entry.rowId);
    const value: unknown = entry.value === null ? null : JSON.parse(entry.value);
    if (typeof value === 'string') ids.add(value);
  }
  return ids;
}

function isRepoint(entry: RemoteEntry, merged: ReadonlySet<string>): boolean {
  if (entry.column !== 'client_id' || entry.value === null) return false;
  const value: unknown = JSON.parse(entry.value);
  return typeof value === 'string' && merged.has(value);
}

/** A user may change these of their own row (password, display name) without users.manage; never these. */
const privilegedUserColumns = new Set(['role', 'active', 'username']);

/** The stable reason key status shows for a missing capability. */
const reasonFor: Partial<Record<Capability, string>> = {
  'records.delete': 'delete',
  'records.purge': 'delete',
  'workspace.manage': 'settings_change',
  'users.manage': 'users_change',
  'catalog.write': 'catalog_change',
  'prices.write': 'price_change',
  'payments.void': 'payment_void',
};

/** The capability one entry needs, or null when any certified role may write it. */
export function capabilityFor(entry: RemoteEntry, isNew: boolean): Capability | null {
  // An erase entry is a purge: only a role that may erase for good may send one.
  if (entry.table === ERASE_TABLE) return 'records.purge';
  const table = entry.table as SyncedTableName;
  if (
    entry.column !== 'deleted_at' &&
    table === 'users' &&
    !isNew &&
    entry.rowId === entry.userId &&
    !privilegedUserColumns.has(entry.column)
  )
    return null;
  return capabilityForColumn(table, entry.column);
}

export function refusal(author: Author, tx: readonly RemoteEntry[]): string | null {
  if (author.userId !== null && tx.some((e) => e.userId !== author.userId)) return 'wrong_author';
  const can = capabilitiesOf(author.role);
  const created = new Set(tx.filter((e) => e.column === 'created_at').map((e) => `${e.table}\u0000${e.rowId}`));
  const merged = mergedClients(tx);
  for (const entry of tx) {
    const isNew = created.has(`${entry.table}\u0000${entry.rowId}`);
    const capability = capabilityFor(entry, isNew);
    if (capability && !can.has(capability)) return reasonFor[capability] ?? 'not_allowed';
    if (!isNew && entry.column !== 'updated_at' && entry.column !== 'deleted_at' && !isRepoint(entry, merged)) {
      if (appendOnlyTables.has(entry.table as never) || fixedColumns[entry.table]?.includes(entry.column)) return 'append_only_edit';
    }
  }
  return null;
}
