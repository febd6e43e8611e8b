/**
 * Who belongs to the workspace, and how a device gets in or is cut off. The owner
 * turns sync on and becomes the root of trust; invites a user with a one-time
 * code; the new device joins from the owner's latest snapshot and leaves a
 * signed request; the owner approves it after the two people compared its safety
 * code (a certificate signed by the workspace's root key, which is not the owner
 * device's signing key: trust.ts), or revokes a device (a revocation, with a
 * new key epoch when asked). The code's secret never enters the folder or the
 * database — only the owner's key store and the code handed to the user — so a request that proves
 * the secret came from the person who was given the code, and a device's key is
 * trusted only after the owner has seen its safety code, never because a file
 * appeared in the folder.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { SyncDevice } from '../../src-shared/api/sync-methods';
import type { Role } from '../../src-shared/domain';
import { AppError, invalid, notFound } from '../../src-shared/errors';
import { adoptTombstones } from '../changes/erasure';
import { mergeEntries } from '../changes/merge';
import type { Clock } from '../core/context';
import { checkPassphraseStrength } from '../../src-shared/passphrase';
import { newDeviceKeys, newKdfParams, newWorkspaceKey, safetyCode, wrapWorkspaceKeyWith, type KdfCost } from './crypto';
import type { SyncFolder } from './folder';
import {
  deriveKek,
  openPastKeys,
  rotateWorkspaceKey,
  storeKek,
  unwrapWithPassphrase,
  writeWorkspaceFile,
  type WorkspaceFile,
} from './keys';
import {
  appliedSeqOf,
  readInvites,
  readJson,
  readRootKeys,
  readSettings,
  requireConfig,
  requireOwnerDevice,
  syncError,
  writeConfig,
  writeInvites,
  writeJson,
  type Invite,
  type SyncConfig,
  type SyncDb,
} from './local-state';
import { ACKNOWLEDGERS_KEY, publish, readState } from './publish';
import { latestSnapshot, writeSnapshot } from './snapshot';
import { receiveCredentials, writeCredentials } from './credentials';
import { certifyOwnerDevice, loadTrust, readRequest, type Certificate, type JoinRequest, type Revocation } from './trust';
import { base, deviceDir, sealedFile } from './wire';

/** What a join code carries: workspace, invite, secret, user, username, role, owner device, owner's root key. */
interface InviteCode {
  w: string;
  i: string;
  s: string;
  u: string;
  n: string;
  r: Role;
  o: string;
  k: string;
}

const CODE_PREFIX = 'TANODA1-';

export interface SetupInput {
  passphrase: string;
  userId: string | null;
  /** Tests only: a small derivation cost (production always wraps at KDF_COST). */
  testKdfCost?: KdfCost;
}

/**
 * The owner turns sync on: a workspace key, a root key (kept only in this
 * device's key store) and this device's own signing key certified by it,
 * workspace.json and a first snapshot.
 */
export function setupSync(db: SyncDb, folder: SyncFolder, clock: Clock, input: SetupInput): { workspaceId: string; deviceId: string } {
  if (readSettings(db)) throw syncError('Sync is already set up on this device', 'already_set_up');
  checkPassphraseStrength(input.passphrase, ['passphrase']);
  const workspaceId = uuidv7({ msecs: clock.now().getTime() });
  const workspaceKey = newWorkspaceKey();
  const root = newDeviceKeys();
  const keys = newDeviceKeys();
  const kdf = newKdfParams(input.testKdfCost);
  const kek = deriveKek(input.passphrase, kdf);
  const file: WorkspaceFile = {
    format: 1,
    workspaceId,
    ownerDeviceId: db.deviceId,
    rootPublicKey: root.publicKey,
    kdf,
    wrappedKey: wrapWorkspaceKeyWith(workspaceKey, kek, workspaceId),
  };
  const config: SyncConfig = {
    workspaceId,
    workspaceKey: workspaceKey.toString('base64'),
    keys,
    rootPublicKey: root.publicKey,
    ownerDeviceId: db.deviceId,
    role: 'owner',
    userId: input.userId,
  };
  writeWorkspaceFile(folder, config, file);
  writeConfig(db, config, { rootPrivateKey: root.privateKey });
  storeKek(db, kek, kdf);
  certifyOwnerDevice(db, folder, config);
  publish(db, folder, config);
  writeSnapshot(db, folder, config);
  return { workspaceId, deviceId: db.deviceId };
}

export function createInvite(db: SyncDb, folder: SyncFolder, user: { id: string; username: string; role: Role }): { code: string } {
  const config = requireConfig(db);
  if (config.role !== 'owner') throw new AppError('FORBIDDEN', 'Only the owner can invite a device');
  const secret = randomBytes(24).toString('base64url');
  const invite: Invite = {
    inviteId: randomBytes(9).toString('base64url'),
    userId: user.id,
    username: user.username,
    role: user.role,
    secret,
    usedBy: null,
  };
  writeInvites(db, [...readInvites(db), invite]);
  // The invited user's password hash, for that user's new machine only (sealed under the code's secret).
  if (config.ownerDeviceId === db.deviceId) writeCredentials(db, folder, config, invite);
  publish(db, folder, config);
  writeSnapshot(db, folder, config);
  const code: InviteCode = {
    w: config.workspaceId,
    i: invite.inviteId,
    s: secret,
    u: user.id,
    n: user.username,
    r: user.role,
    o: config.ownerDeviceId,
    k: config.rootPublicKey,
  };
  return { code: CODE_PREFIX + Buffer.from(JSON.stringify(code)).toString('base64url') };
}

function parseCode(code: string): InviteCode {
  const trimmed = code.trim();
  try {
    if (!trimmed.startsWith(CODE_PREFIX)) throw new Error('prefix');
    const parsed = JSON.parse(Buffer.from(trimmed.slice(CODE_PREFIX.length), 'base64url').toString('utf8')) as InviteCode;
    if (typeof parsed.w !== 'string' || typeof parsed.k !== 'string' || typeof parsed.s !== 'string') throw new Error('shape');
    return parsed;
  } catch {
    throw invalid(['code'], 'bad_code', 'This is not a Tanoda join code; copy it again from the owner');
  }
}

const requestProof = (secret: string, deviceId: string, publicKey: string) =>
  createHmac('sha256', secret).update(`${deviceId}\u0000${publicKey}`).digest('base64');

/** workspace.json of the workspace the code names, checked against the owner's key the code pins, and its key. */
function openInvitedWorkspace(
  folder: SyncFolder,
  code: InviteCode,
  passphrase: string,
): { file: WorkspaceFile; workspaceKey: Buffer; kek: Buffer } {
  const raw = folder.read(`tanoda/${code.w}/workspace.json`);
  if (!raw)
    throw invalid(
      ['folder'],
      'no_workspace',
      'This folder holds no Tanoda workspace for this code; choose the shared folder the owner uses',
    );
  const file = JSON.parse(raw.toString('utf8')) as WorkspaceFile;
  if (file.workspaceId !== code.w || file.rootPublicKey !== code.k || file.ownerDeviceId !== code.o)
    throw invalid(['folder'], 'workspace_mismatch', 'The workspace in this folder is not the one the code was made for');
  const opened = unwrapWithPassphrase(file, passphrase);
  if (!opened) throw invalid(['passphrase'], 'wrong_passphrase', 'Wrong sync passphrase');
  return { file, workspaceKey: opened.key, kek: opened.kek };
}

/**
 * A new device joins: checks the folder belongs to the invited workspace (the
 * owner's key is pinned by the code), unwraps the workspace key with the
 * passphrase, starts from the owner's latest snapshot and leaves a signed request
 * for the owner to approve. `db` is a fresh, migrated, empty database.
 */
export function joinSync(
  db: SyncDb,
  folder: SyncFolder,
  clock: Clock,
  input: { code: string; passphrase: string },
): { deviceId: string; safetyCode: string } {
  if (readSettings(db)) throw syncError('Sync is already set up on this device', 'already_set_up');
  const code = parseCode(input.code);
  const { file, workspaceKey, kek } = openInvitedWorkspace(folder, code, input.passphrase);
  const keys = newDeviceKeys();
  const config: SyncConfig = {
    workspaceId: file.workspaceId,
    workspaceKey: workspaceKey.toString('base64'),
    keys,
    rootPublicKey: file.rootPublicKey,
    ownerDeviceId: file.ownerDeviceId,
    role: code.r,
    userId: code.u,
    keyEpoch: file.keyEpoch ?? 0,
    pastKeys: openPastKeys(file, workspaceKey),
    inviteId: code.i,
    credentialSecret: code.s,
  };
  const snapshot = latestSnapshot(folder, config);
  if (!snapshot) throw syncError('The owner has not published a snapshot yet; ask the owner to run sync once', 'no_snapshot');
  db.sqlite.transaction(() => {
    mergeEntries(db.sqlite, db.deviceId, clock.now().getTime(), snapshot.entries);
    adoptTombstones(db.sqlite, snapshot.erased);
    const setPeer = db.sqlite.prepare(
      'INSERT INTO sync_peers (device_id, applied_seq) VALUES (?, ?) ON CONFLICT(device_id) DO UPDATE SET applied_seq = excluded.applied_seq',
    );
    for (const [device, seq] of Object.entries(snapshot.covers)) setPeer.run(device, seq);
    writeConfig(db, config);
    storeKek(db, kek, file.kdf);
    // This user's own password hash (and no one else's): they can sign in here at once.
    receiveCredentials(db, folder, config, clock.now().getTime());
  })();
  const request: JoinRequest = {
    deviceId: db.deviceId,
    publicKey: keys.publicKey,
    inviteId: code.i,
    userId: code.u,
    proof: requestProof(code.s, db.deviceId, keys.publicKey),
  };
  folder.write(`${deviceDir(config, db.deviceId)}/request.tcq`, sealedFile(config, 'request', 0, request, db.deviceId));
  return { deviceId: db.deviceId, safetyCode: safetyCode(keys.publicKey) };
}

export function listDevices(db: SyncDb, folder: SyncFolder): SyncDevice[] {
  const config = requireConfig(db);
  const trust = loadTrust(folder, config);
  const peers = new Map(
    (
      db.sqlite.prepare('SELECT device_id AS d, applied_seq AS s, last_seen_at AS t FROM sync_peers').all() as {
        d: string;
        s: number;
        t: string | null;
      }[]
    ).map((p) => [p.d, p]),
  );
  const usernames = new Map(
    (db.sqlite.prepare('SELECT id, username FROM users').all() as { id: string; username: string }[]).map((u) => [u.id, u.username]),
  );
  const devices: SyncDevice[] = [];
  for (const device of folder.list(`${base(config)}/devices`)) {
    if (!/^[\w-]+$/.test(device)) continue;
    const cert = trust.certs.get(device);
    const request = cert ? null : readRequest(folder, config, device);
    if (!cert && !request && device !== db.deviceId) continue;
    const userId = cert?.userId ?? request?.userId ?? (device === db.deviceId ? config.userId : null);
    const status: SyncDevice['status'] = trust.revoked.has(device)
      ? 'revoked'
      : device === db.deviceId
        ? 'this_device'
        : device === config.ownerDeviceId
          ? 'owner'
          : cert
            ? 'approved'
            : 'pending';
    const publicKey = cert?.publicKey ?? request?.publicKey ?? (device === db.deviceId ? config.keys.publicKey : null);
    devices.push({
      deviceId: device,
      userId,
      user: userId ? (usernames.get(userId) ?? null) : null,
      role: cert?.role ?? (device === db.deviceId ? config.role : null),
      status,
      safetyCode: publicKey ? safetyCode(publicKey) : null,
      appliedSeq: peers.get(device)?.s ?? 0,
      // Last seen = the newest signed state file the device wrote (it writes one on every sync), else when we last applied its files.
      lastSeenAt: (cert && device !== db.deviceId ? readState(folder, config, cert)?.at : undefined) ?? peers.get(device)?.t ?? null,
    });
  }
  return devices.sort((a, b) => a.deviceId.localeCompare(b.deviceId));
}

/** The owner approves a joining device after comparing its safety code: a certificate signed by the root key. */
export function approveDevice(db: SyncDb, folder: SyncFolder, deviceId: string): Certificate {
  const config = requireOwnerDevice(db, 'approve devices');
  const request = readRequest(folder, config, deviceId);
  if (!request) throw notFound('device', deviceId);
  const invites = readInvites(db);
  const invite = invites.find((i) => i.inviteId === request.inviteId);
  if (!invite) throw syncError('This device used a join code this owner never issued', 'unknown_invite');
  if (invite.usedBy && invite.usedBy !== deviceId) throw syncError('This join code was already used by another device', 'invite_used');
  if (!verifyProof(invite, request) || request.userId !== invite.userId)
    throw syncError('The join request does not match the code; invite the device again', 'bad_proof');
  const cert: Certificate = { deviceId, userId: invite.userId, role: invite.role, publicKey: request.publicKey };
  folder.write(
    `${deviceDir(config, db.deviceId)}/certs/${deviceId}.tcc`,
    sealedFile(config, 'cert', 0, cert, db.deviceId, readRootKeys(db, config)),
  );
  invite.usedBy = deviceId;
  writeInvites(db, invites);
  // From now on no device prunes a file this one has not applied, even in a round whose listing misses its certificate.
  writeJson(db, ACKNOWLEDGERS_KEY, [...new Set([...readJson<string[]>(db, ACKNOWLEDGERS_KEY, []), deviceId])].sort());
  return cert;
}

/** The request proves its sender holds the code: HMAC(code secret, device id, device key), kept by the owner's local invite. */
function verifyProof(invite: Invite, request: JoinRequest): boolean {
  const expected = Buffer.from(requestProof(invite.secret, request.deviceId, request.publicKey));
  const given = Buffer.from(request.proof);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Cuts a device off at what was applied of it; with `rotate`, also starts a new key epoch under a new passphrase. */
export function revokeDevice(
  db: SyncDb,
  folder: SyncFolder,
  deviceId: string,
  rotate?: { passphrase: string; /** Tests only: a small derivation cost. */ testKdfCost?: KdfCost },
): Revocation {
  let config = requireOwnerDevice(db, 'revoke devices');
  if (deviceId === db.deviceId) throw invalid(['deviceId'], 'self', 'The owner device cannot revoke itself');
  const applied = appliedSeqOf(db, deviceId);
  if (rotate) config = rotateWorkspaceKey(db, folder, config, rotate.passphrase, rotate.testKdfCost);
  const revocation: Revocation = { deviceId, afterSeq: applied, ...(rotate ? { keyEpoch: config.keyEpoch ?? 0 } : {}) };
  folder.write(
    `${deviceDir(config, db.deviceId)}/revocations/${deviceId}.tcr`,
    sealedFile(config, 'revocation', 0, revocation, db.deviceId, readRootKeys(db, config)),
  );
  return revocation;
}
