/**
 * The audit trail and data-protection erasure, both readings of the change log.
 * `audit.record` is a record's history (for its page); `audit.log` the owner's
 * global log, filterable by user, date and table; `audit.deleted` lists what can
 * be brought back with `audit.restore` or erased for good with `records.purge`.
 * One entry is one change-log transaction on one row, with each column's value
 * before and after, so "who changed the price, when, from which machine" is one
 * line. Password hashes are never shown, not even as before/after.
 */
import { z } from 'zod';
import { idSchema, isoDate, type MethodSpec, read, write } from './spec';

export interface AuditColumnChange {
  column: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  tx: string;
  /** ISO UTC time of the change (from its hybrid logical clock). */
  at: string;
  userId: string | null;
  /** The user's display name at the time of reading; null for the system or an unknown user. */
  userName: string | null;
  deviceId: string;
  table: string;
  rowId: string;
  kind: 'insert' | 'update' | 'delete' | 'restore';
  changes: AuditColumnChange[];
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface DeletedRecord {
  table: string;
  id: string;
  /** A human label (a client's name, a program's name…). */
  label: string;
  deletedAt: string;
  deletedBy: string | null;
}

export interface PurgeResult {
  table: string;
  id: string;
  /** Rows erased per table, the record itself included. */
  erased: Record<string, number>;
  /** `changes` entries erased. */
  changesErased: number;
}

const tableName = z.string().regex(/^[a-z_]{2,40}$/, 'Unknown table');

export const auditMethods = {
  'audit.record': read<AuditEntry[]>()(
    'clients.read',
    z.object({ table: tableName, id: idSchema }),
    'The history of one record, newest first: who changed what, when, from which device. Settings and accounts only for the owner.',
  ),
  'audit.log': read<AuditPage>()(
    'audit.read',
    z.object({
      userId: idSchema.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      table: tableName.optional(),
      limit: z.number().int().min(1).max(500).default(100),
      cursor: z.string().max(200).optional(),
    }),
    'Every change in the workspace, newest first, filterable by user, date and table.',
  ),
  'audit.deleted': read<DeletedRecord[]>()(
    'audit.read',
    z.object({ table: tableName.optional(), limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }),
    'Soft-deleted records, newest deletion first, for restore or purge.',
  ),
  'audit.restore': write<DeletedRecord>()('records.delete', z.object({ table: tableName, id: idSchema }), 'Bring back a deleted record.'),
  'records.purge': write<PurgeResult>()(
    'records.purge',
    z.object({ table: tableName, id: idSchema }),
    'Erase a deleted record for good with what hangs off it, its history and search entries (for data-protection requests).',
    { afterCommit: 'compact' },
  ),
} as const satisfies Record<string, MethodSpec>;
