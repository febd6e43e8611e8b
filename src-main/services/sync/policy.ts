/**
 * What a device may write, judged from the files alone. A replica applies another
 * device's entries only if the author's role (from the owner-signed device
 * certificate) allows them; the same rule runs on every replica and depends only
 * on the entries and the certificate, so all replicas reach the same verdict.
 * The unit judged is one transaction (one user action): it is accepted or refused
 * whole, never half. The router already refuses these actions on the author's own
 * machine, so a refusal here means a tampered or outdated app — it is recorded and
 * shown in sync status, not silently dropped.
 */
import type { Role } from '../../../src-shared/domain';
import { capabilitiesOf, type Capability } from '../../../src-shared/capabilities';
import { appendOnlyTables } from '../../db/schema';
import type { RemoteEntry } from '../../db/merge';

/** Columns fixed once a row exists: a later entry for them is an edit of money or history. */
const fixedColumns: Record<string, readonly string[]> = {
  payments: ['client_id', 'amount_minor', 'paid_on'],
  instalments: ['enrollment_id'],
  enrollments: ['client_id'],
};

const privilegedUserColumns = new Set(['role', 'active', 'username']);

export function refusal(role: Role, tx: readonly RemoteEntry[]): string | null {
  const can = capabilitiesOf(role);
  const need = (capability: Capability, what: string) => (can.has(capability) ? null : what);
  const created = new Set(tx.filter((e) => e.column === 'created_at').map((e) => `${e.table}\u0000${e.rowId}`));
  for (const entry of tx) {
    const isNew = created.has(`${entry.table}\u0000${entry.rowId}`);
    let problem: string | null = null;
    if (entry.table === 'settings') problem = need('workspace.manage', 'settings_change');
    else if (entry.column === 'deleted_at') problem = need('records.delete', 'delete');
    else if (entry.table === 'users' && (isNew || privilegedUserColumns.has(entry.column))) problem = need('users.manage', 'users_change');
    if (!problem && !isNew && entry.column !== 'updated_at' && entry.column !== 'deleted_at') {
      if (appendOnlyTables.has(entry.table as never) || fixedColumns[entry.table]?.includes(entry.column)) problem = 'append_only_edit';
    }
    if (problem) return problem;
  }
  return null;
}
