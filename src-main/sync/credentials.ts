/**
 * Password hashes travel only to the machines of the user they belong to. A
 * hash in a shared change file or snapshot could be read by every member of the
 * workspace and attacked offline (the owner's hash on the assistant's laptop is
 * the owner's password a few GPU-days later), so `users.password_hash` entries
 * never go into those files (publish.ts and snapshot.ts leave them out).
 *
 * Instead the owner's root device writes, per invitation, a credentials file
 * (`devices/<owner>/credentials/<inviteId>.tcp`): sealed and signed like every
 * file, and inside that sealed again under a key derived from the invitation's
 * secret — which only the owner's device and the person given the join code
 * ever hold. It carries the newest password-hash entry of that invitation's user
 * and nothing else. The joining machine reads it right after the snapshot (so
 * its user can sign in at once) and on every sync round (a password the owner
 * reset arrives); the owner rewrites it whenever that user's hash changes, and
 * removes it when the device is revoked.
 *
 * A password changed on the assistant's own machine stays on that machine. A
 * machine that received other users' hashes before this rule (an older version)
 * forgets them on its next sync round.
 */
import { createHmac } from 'node:crypto';
import { mergeEntries, type RemoteEntry } from '../changes/merge';
import { keyOf } from '../changes/log-codec';
import { open, unwrapWith, wrapWith, type WrappedKey } from './crypto';
import type { SyncFolder } from './folder';
import { readInvites, readJson, writeJson, type SyncConfig, type SyncDb } from './local-state';
import { ownerSigners, type Trust } from './trust';
import { decode, deviceDir, keyRing, sealedFile } from './wire';

/** The one column that never goes into a shared file. */
export const HASH_TABLE = 'users';
export const HASH_COLUMN = 'password_hash';

/** SQL condition (on `changes`) that leaves password-hash entries out. */
export const NOT_A_PASSWORD_HASH = `NOT (table_name = '${HASH_TABLE}' AND "column" = '${HASH_COLUMN}')`;

interface CredentialsPayload {
  inviteId: string;
  wrapped: WrappedKey;
}

/** The invitation's own channel: a key only its secret gives (owner's key store, and the join code). */
export function credentialKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('tanoda-credentials').digest();
}

const context = (workspaceId: string, inviteId: string) => `tanoda-credentials\u0000${workspaceId}\u0000${inviteId}`;
const pathOf = (config: SyncConfig, inviteId: string) => `${deviceDir(config, config.ownerDeviceId)}/credentials/${inviteId}.tcp`;

function newestHash(db: SyncDb, userId: string): RemoteEntry | null {
  return (
    (db.sqlite
      .prepare(
        `SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value
           FROM changes WHERE table_name = ? AND row_id = ? AND "column" = ? ORDER BY hlc DESC LIMIT 1`,
      )
      .get(HASH_TABLE, userId, HASH_COLUMN) as RemoteEntry | undefined) ?? null
  );
}

/** Owner's root device: writes the credentials file of an invitation when its user's hash is not the one sent last. */
export function writeCredentials(
  db: SyncDb,
  folder: SyncFolder,
  config: SyncConfig,
  invite: { inviteId: string; userId: string; secret: string },
): void {
  const sent = readJson<Record<string, string>>(db, 'sync.credentialsSent', {});
  const entry = newestHash(db, invite.userId);
  const stamp = entry?.hlc ?? 'none';
  if (sent[invite.inviteId] === stamp && folder.read(pathOf(config, invite.inviteId))) return;
  const entries = entry ? [entry] : [];
  const wrapped = wrapWith(
    Buffer.from(JSON.stringify(entries)),
    credentialKey(invite.secret),
    context(config.workspaceId, invite.inviteId),
  );
  const payload: CredentialsPayload = { inviteId: invite.inviteId, wrapped };
  folder.write(pathOf(config, invite.inviteId), sealedFile(config, 'credentials', 0, payload, db.deviceId));
  writeJson(db, 'sync.credentialsSent', { ...sent, [invite.inviteId]: stamp });
}

/** Owner's root device, every round: each invitation's file follows its user's hash; a revoked device's goes. */
export function distributeCredentials(db: SyncDb, folder: SyncFolder, config: SyncConfig, trust: Trust): void {
  for (const invite of readInvites(db)) {
    if (invite.usedBy !== null && trust.revoked.has(invite.usedBy)) folder.remove(pathOf(config, invite.inviteId));
    else writeCredentials(db, folder, config, invite);
  }
}

/**
 * A joined device: merges its own user's newest password hash from its
 * invitation's file (nothing when there is none yet or it cannot be opened: the
 * next round tries again). Only an entry for this device's user is taken.
 */
export function receiveCredentials(db: SyncDb, folder: SyncFolder, config: SyncConfig, nowMillis: number): number {
  if (!config.inviteId || !config.credentialSecret || !config.userId) return 0;
  const data = folder.read(pathOf(config, config.inviteId));
  if (!data) return 0;
  let entries: RemoteEntry[];
  try {
    const payload = decode<CredentialsPayload>(
      open(
        data,
        { kind: 'credentials', workspace: config.workspaceId, device: config.ownerDeviceId },
        keyRing(config),
        ownerSigners(folder, config),
      ),
    );
    const plain = unwrapWith(payload.wrapped, credentialKey(config.credentialSecret), context(config.workspaceId, config.inviteId));
    if (!plain) return 0;
    entries = (JSON.parse(plain.toString('utf8')) as RemoteEntry[]).filter(
      (e) => e.table === HASH_TABLE && e.column === HASH_COLUMN && e.rowId === config.userId && typeof e.hlc === 'string',
    );
  } catch {
    return 0;
  }
  return entries.length > 0 ? mergeEntries(db.sqlite, db.deviceId, nowMillis, entries).applied : 0;
}

/**
 * A device that is not the owner's root keeps only its own user's password hash:
 * any other user's (received from an older version, which shared them all) is
 * cleared from the row and from the log together, so the log still replays.
 */
export function forgetOtherHashes(db: SyncDb, config: SyncConfig): void {
  if (config.ownerDeviceId === db.deviceId) return;
  const own = config.userId ?? '';
  db.sqlite.transaction(() => {
    db.sqlite.prepare('UPDATE users SET password_hash = NULL WHERE id <> ? AND password_hash IS NOT NULL').run(own);
    // The hash leaves each logged write of those users; a write that set nothing else goes.
    const path = `$."${keyOf(db.sqlite, HASH_TABLE, HASH_COLUMN)}"`;
    db.sqlite
      .prepare(
        `UPDATE change_log SET "values" = json_remove("values", @path),
                previous = CASE WHEN json_remove(previous, @path) = '{}' THEN NULL ELSE json_remove(previous, @path) END
          WHERE table_name = @table AND row_id <> @own AND "values" -> @path IS NOT NULL`,
      )
      .run({ path, table: HASH_TABLE, own });
    db.sqlite.prepare(`DELETE FROM change_log WHERE table_name = ? AND "values" = '{}'`).run(HASH_TABLE);
  })();
}
