/**
 * Handlers of the audit methods (src-shared/api/audit-methods.ts). After a
 * purge's transaction commits, the workspace host VACUUMs (which cannot run
 * inside a transaction) and rebuilds the client search index.
 */
import type { auditMethods } from '../../src-shared/api/audit-methods';
import * as audit from '../services/audit';
import type { Handlers } from './router';

export const auditHandlers = {
  'audit.record': audit.recordHistory,
  'audit.log': audit.auditLog,
  'audit.deleted': audit.deletedRecords,
  'audit.restore': audit.restoreRecord,
  'records.purge': audit.purge,
} satisfies Pick<Handlers, keyof typeof auditMethods>;
