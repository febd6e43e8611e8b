/**
 * Handlers of the sync methods (src-shared/api/sync-methods.ts): thin calls into
 * sync, which owns the folder, the keys and the merge.
 */
import type { syncMethods } from '../../src-shared/api/sync-methods';
import { approve, changeSyncPassphrase, devices, inviteUser, revoke, setUpSync, status, syncHere, unlock } from '../sync';
import type { Handlers } from './router';

export const syncHandlers = {
  'sync.status': (ctx) => status(ctx.db),
  'sync.setup': (ctx, input) => setUpSync(ctx, input),
  'sync.invite': (ctx, input) => inviteUser(ctx, input.username),
  'sync.devices': (ctx) => devices(ctx),
  'sync.approve': (ctx, input) => approve(ctx, input.deviceId),
  'sync.revoke': (ctx, input) => revoke(ctx, input.deviceId, input.newPassphrase),
  'sync.changePassphrase': (ctx, input) => changeSyncPassphrase(ctx, input),
  'sync.unlock': (ctx, input) => unlock(ctx, input.passphrase),
  'sync.now': (ctx) => syncHere(ctx),
} satisfies Pick<Handlers, keyof typeof syncMethods>;
