/**
 * Handlers of the backups methods (src-shared/api/backups-methods.ts). Listing
 * and choosing the folder are ordinary calls. Taking and restoring a backup
 * manage the database file itself, so their specs say `transaction: 'none'`
 * and the router hands them the workspace's files (api/workspace.ts), after
 * exactly the same checks as every other call. The recovery key lives with the
 * workspace's key, not in the database, so it also comes through the files.
 * A recovery key typed for a backup from another computer is read here into the
 * key it stands for and handed on; it is never kept.
 */
import type { backupsMethods } from '../../src-shared/api/backups-methods';
import { parseRecoveryKey } from '../db/keys';
import { backupsOverview, describeBackup, removeForeignBackup, setBackupsFolder } from '../upkeep/backups';
import type { Handlers } from './router';

export const backupsHandlers = {
  'backups.list': (ctx) => backupsOverview(ctx.db),
  'backups.create': (_ctx, _input, files) => files.backup('manual'),
  'backups.restore': (_ctx, input, files) =>
    input.recoveryKey === undefined ? files.restore(input.id) : files.restore(input.id, parseRecoveryKey(input.recoveryKey)),
  'backups.inspect': (ctx, input) => describeBackup(ctx.db, input.id, parseRecoveryKey(input.recoveryKey)),
  'backups.removeForeign': (ctx, input) => {
    removeForeignBackup(ctx.db, input.id);
    return backupsOverview(ctx.db);
  },
  'backups.recoveryKey': (_ctx, _input, files) => Promise.resolve({ recoveryKey: files.recoveryKey() }),
  'backups.recoveryKeySaved': (_ctx, _input, files) => {
    files.recoveryKeySaved();
    return Promise.resolve({ recoveryKey: null });
  },
  'backups.setFolder': (ctx, input) => {
    setBackupsFolder(ctx.db, input.folder);
    return backupsOverview(ctx.db);
  },
} satisfies Pick<Handlers, keyof typeof backupsMethods>;
