/**
 * Sync through a shared folder: publishing this device's change entries as sealed,
 * immutable files, and applying other devices' files through the merge.
 *
 * Folder layout under `tanoda/<workspace>/`:
 *  - `workspace.json` — ids, scrypt salt, the passphrase-wrapped workspace key of
 *    the current key epoch, the older epochs' keys sealed under it, and the owner's
 *    root public key; no school data. Devices remember the passphrase-derived key,
 *    so a wrapping they can no longer open tells them the passphrase was changed.
 *  - `devices/<device>/<seq 10 digits>-<sha256 prefix 16>.tcf` — change files, each
 *    a batch of the device's own entries (by `changes.seq`). The name is checked
 *    against the content hash, so a truncated or swapped file is recognised before
 *    it is opened; names a cloud service invented (conflicted copies, " (1)",
 *    temporary names) do not match the pattern and are ignored.
 *  - `devices/<device>/state.tcs` — what the device has applied from each peer
 *    (acknowledgements, last seen); `request.tcq` — a joining device's request.
 *  - `devices/<owner>/certs/`, `revocations/`, `snapshots/` — owner-signed.
 *
 * A peer's files are applied strictly in sequence, each verified completely
 * (hash, signature against the owner-certified key, header, decryption, entry
 * shapes, the author's role) before one transaction merges it and advances that
 * peer's applied sequence — so a file is applied whole or not at all, a gap
 * waits for the late file, and a missing file is never read as a deletion.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../../src-shared/domain';
import { AppError, invalid, notFound } from '../../../src-shared/errors';
import { readLocal, writeLocal } from '../../db/connection';
import { entryProblem, mergeEntries, type RemoteEntry } from '../../db/merge';
import type { Clock } from '../context';
import {
  EnvelopeError,
  newDeviceKeys,
  newKdfParams,
  newWorkspaceKey,
  open,
  openSelfSigned,
  safetyCode,
  seal,
  sha256Hex,
  passphraseKey,
  unwrapWith,
  unwrapWorkspaceKey,
  unwrapWorkspaceKeyWith,
  wrapWith,
  wrapWorkspaceKey,
  type DeviceKeys,
  type EnvelopeKind,
  type KdfParams,
  type WrappedKey,
} from './crypto';
import type { SyncFolder } from './folder';
import { refusal } from './policy';

export interface SyncDb {
  sqlite: Database.Database;
  deviceId: string;
}

interface SyncConfig {
  workspaceId: string;
  workspaceKey: string;
  keys: DeviceKeys;
  rootPublicKey: string;
  ownerDeviceId: string;
  role: Role;
  userId: string | null;
  /** The epoch of `workspaceKey`; absent = 0. */
  keyEpoch?: number;
  /** Keys of earlier epochs (epoch -> base64), kept to read files sealed before a rotation. */
  pastKeys?: Record<string, string>;
}

interface WorkspaceFile {
  format: 1;
  workspaceId: string;
  ownerDeviceId: string;
  rootPublicKey: string;
  kdf: KdfParams;
  wrappedKey: WrappedKey;
  keyEpoch?: number;
  /** JSON {epoch: key} of every earlier epoch, sealed under the current workspace key. */
  pastKeys?: WrappedKey;
}

/** The passphrase-derived key this device last unwrapped workspace.json with (local state only). */
interface StoredKek {
  salt: string;
  key: string;
}

interface PublishedFile {
  seq: number;
  from: number;
  to: number;
  /** Every name this device wrote for the sequence (a re-published file gets a new one: fresh nonce, new hash). */
  names: string[];
}

export interface Certificate {
  deviceId: string;
  userId: string | null;
  role: Role;
  publicKey: string;
}

interface Revocation {
  deviceId: string;
  afterSeq: number;
  /** With rotation: the key epoch started when the device was cut off; it holds no key from this epoch on. */
  keyEpoch?: number;
}

interface Invite {
  inviteId: string;
  userId: string;
  username: string;
  role: Role;
  /** The code's secret; kept only in this owner's local state, never in the folder. */
  secret: string;
  usedBy: string | null;
}

export interface SyncReport {
  sent: number;
  received: number;
  applied: number;
  rejected: number;
  parked: number;
}

const CHANGE_FILE = /^(\d{10})-([0-9a-f]{16})\.tcf$/;
const SNAPSHOT_FILE = /^(\d{10})-([0-9a-f]{16})\.tcs$/;
const ENTRIES_PER_FILE = 20_000;
/** How far ahead of this machine's clock another device's changes may be stamped before they wait. */
export const MAX_CLOCK_AHEAD_MS = 6 * 3_600_000;

const base = (config: Pick<SyncConfig, 'workspaceId'>) => `tanoda/${config.workspaceId}`;
const deviceDir = (config: Pick<SyncConfig, 'workspaceId'>, device: string) => `${base(config)}/devices/${device}`;

function syncError(message: string, code = 'sync'): AppError {
  return new AppError('CONFLICT', message, [{ path: [], code, message }]);
}

export function readConfig(db: SyncDb): SyncConfig | null {
  const text = readLocal(db.sqlite, 'sync.config');
  return text ? (JSON.parse(text) as SyncConfig) : null;
}

function requireConfig(db: SyncDb): SyncConfig {
  const config = readConfig(db);
  if (!config) throw syncError('Sync is not set up on this device', 'not_set_up');
  return config;
}

function readJson<T>(db: SyncDb, key: string, fallback: T): T {
  const text = readLocal(db.sqlite, key);
  return text ? (JSON.parse(text) as T) : fallback;
}

function writeJson(db: SyncDb, key: string, value: unknown): void {
  writeLocal(db.sqlite, key, JSON.stringify(value));
}

function encode(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'));
}

function decode<T>(payload: Buffer): T {
  return JSON.parse(inflateRawSync(payload).toString('utf8')) as T;
}

/** Entries travel as tuples: [hlc, tx, userId, table, rowId, column, value]. The device is the file's. */
type WireEntry = [string, string, string | null, string, string, string, string | null];

const toWire = (e: RemoteEntry): WireEntry => [e.hlc, e.tx, e.userId, e.table, e.rowId, e.column, e.value];

function fromWire(device: string, w: unknown): RemoteEntry | null {
  if (!Array.isArray(w) || w.length !== 7) return null;
  const [hlc, tx, userId, table, rowId, column, value] = w as unknown[];
  if (
    typeof hlc !== 'string' ||
    typeof tx !== 'string' ||
    typeof table !== 'string' ||
    typeof rowId !== 'string' ||
    typeof column !== 'string'
  )
    return null;
  if (userId !== null && typeof userId !== 'string') return null;
  if (value !== null && typeof value !== 'string') return null;
  return { hlc, tx, deviceId: device, userId: userId as string | null, table, rowId, column, value: value as string | null };
}

/** Readers hold every epoch's key they were given; writers always seal with the newest. */
function keyRing(config: SyncConfig): (epoch: number) => Buffer | null {
  return (epoch) => {
    if (epoch === (config.keyEpoch ?? 0)) return Buffer.from(config.workspaceKey, 'base64');
    const past = config.pastKeys?.[String(epoch)];
    return past ? Buffer.from(past, 'base64') : null;
  };
}

function sealedFile(config: SyncConfig, kind: EnvelopeKind, seq: number, payload: unknown, device: string): Buffer {
  return seal(
    { kind, workspace: config.workspaceId, device, seq, epoch: config.keyEpoch ?? 0 },
    encode(payload),
    Buffer.from(config.workspaceKey, 'base64'),
    config.keys,
  );
}

function writeContentNamed(folder: SyncFolder, dir: string, seq: number, data: Buffer, extension: string): string {
  const name = `${String(seq).padStart(10, '0')}-${sha256Hex(data).slice(0, 16)}.${extension}`;
  folder.write(`${dir}/${name}`, data);
  return name;
}

// ---------------------------------------------------------------- set-up and joining

export interface SetupInput {
  passphrase: string;
  userId: string | null;
}

/** The owner turns sync on: a workspace key, this device's keys as the root of trust, workspace.json and a first snapshot. */
export function setupSync(db: SyncDb, folder: SyncFolder, clock: Clock, input: SetupInput): { workspaceId: string; deviceId: string } {
  if (readConfig(db)) throw syncError('Sync is already set up on this device', 'already_set_up');
  if (input.passphrase.length < 10) throw invalid(['passphrase'], 'too_short', 'Use a passphrase of at least 10 characters');
  const workspaceId = uuidv7({ msecs: clock.now().getTime() });
  const workspaceKey = newWorkspaceKey();
  const keys = newDeviceKeys();
  const kdf = newKdfParams();
  const file: WorkspaceFile = {
    format: 1,
    workspaceId,
    ownerDeviceId: db.deviceId,
    rootPublicKey: keys.publicKey,
    kdf,
    wrappedKey: wrapWorkspaceKey(workspaceKey, input.passphrase, kdf, workspaceId),
  };
  const config: SyncConfig = {
    workspaceId,
    workspaceKey: workspaceKey.toString('base64'),
    keys,
    rootPublicKey: keys.publicKey,
    ownerDeviceId: db.deviceId,
    role: 'owner',
    userId: input.userId,
  };
  folder.write(`${base(config)}/workspace.json`, Buffer.from(JSON.stringify(file, null, 2)));
  writeJson(db, 'sync.config', config);
  storeKek(db, input.passphrase, kdf);
  publish(db, folder, config);
  writeSnapshot(db, folder, config);
  return { workspaceId, deviceId: db.deviceId };
}

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
  writeJson(db, 'sync.invites', [...readJson<Invite[]>(db, 'sync.invites', []), invite]);
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
  if (readConfig(db)) throw syncError('Sync is already set up on this device', 'already_set_up');
  const code = parseCode(input.code);
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
  const workspaceKey = unwrapWorkspaceKey(file.wrappedKey, input.passphrase, file.kdf, file.workspaceId);
  if (!workspaceKey) throw invalid(['passphrase'], 'wrong_passphrase', 'Wrong sync passphrase');
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
  };
  const snapshot = latestSnapshot(folder, config);
  if (!snapshot) throw syncError('The owner has not published a snapshot yet; ask the owner to run sync once', 'no_snapshot');
  db.sqlite.transaction(() => {
    mergeEntries(db.sqlite, db.deviceId, clock.now().getTime(), snapshot.entries);
    const setPeer = db.sqlite.prepare(
      'INSERT INTO sync_peers (device_id, applied_seq) VALUES (?, ?) ON CONFLICT(device_id) DO UPDATE SET applied_seq = excluded.applied_seq',
    );
    for (const [device, seq] of Object.entries(snapshot.covers)) setPeer.run(device, seq);
    writeJson(db, 'sync.config', config);
    storeKek(db, input.passphrase, file.kdf);
  })();
  const request = {
    deviceId: db.deviceId,
    publicKey: keys.publicKey,
    inviteId: code.i,
    userId: code.u,
    proof: requestProof(code.s, db.deviceId, keys.publicKey),
  };
  folder.write(`${deviceDir(config, db.deviceId)}/request.tcq`, sealedFile(config, 'request', 0, request, db.deviceId));
  return { deviceId: db.deviceId, safetyCode: safetyCode(keys.publicKey) };
}

// ---------------------------------------------------------------- trust

interface Trust {
  certs: Map<string, Certificate>;
  revoked: Map<string, number>;
}

function loadTrust(folder: SyncFolder, config: SyncConfig): Trust {
  const key = keyRing(config);
  const owner = deviceDir(config, config.ownerDeviceId);
  const certs = new Map<string, Certificate>([
    [config.ownerDeviceId, { deviceId: config.ownerDeviceId, userId: null, role: 'owner', publicKey: config.rootPublicKey }],
  ]);
  for (const name of folder.list(`${owner}/certs`)) {
    const data = /^[\w-]+\.tcc$/.test(name) ? folder.read(`${owner}/certs/${name}`) : null;
    if (!data) continue;
    try {
      const cert = decode<Certificate>(
        open(data, { kind: 'cert', workspace: config.workspaceId, device: config.ownerDeviceId }, key, config.rootPublicKey),
      );
      if (`${cert.deviceId}.tcc` === name && cert.deviceId !== config.ownerDeviceId) certs.set(cert.deviceId, cert);
    } catch {
      // A damaged or forged certificate certifies nothing; the genuine one is rewritten by the owner.
    }
  }
  const revoked = new Map<string, number>();
  for (const name of folder.list(`${owner}/revocations`)) {
    const data = /^[\w-]+\.tcr$/.test(name) ? folder.read(`${owner}/revocations/${name}`) : null;
    if (!data) continue;
    try {
      const revocation = decode<Revocation>(
        open(data, { kind: 'revocation', workspace: config.workspaceId, device: config.ownerDeviceId }, key, config.rootPublicKey),
      );
      if (`${revocation.deviceId}.tcr` === name) revoked.set(revocation.deviceId, revocation.afterSeq);
    } catch {
      // as above
    }
  }
  return { certs, revoked };
}

interface JoinRequest {
  deviceId: string;
  publicKey: string;
  inviteId: string;
  userId: string;
  proof: string;
}

function readRequest(folder: SyncFolder, config: SyncConfig, device: string): JoinRequest | null {
  const data = folder.read(`${deviceDir(config, device)}/request.tcq`);
  if (!data) return null;
  try {
    // The request is signed by the key it carries: decrypting proves workspace membership, the signature possession of the key.
    const body = decode<JoinRequest>(
      openSelfSigned(
        data,
        { kind: 'request', workspace: config.workspaceId, device },
        keyRing(config),
        (plain) => decode<JoinRequest>(plain).publicKey,
      ),
    );
    return body.deviceId === device ? body : null;
  } catch {
    return null;
  }
}

export interface DeviceInfo {
  deviceId: string;
  user: string | null;
  userId: string | null;
  role: Role | null;
  status: 'this_device' | 'owner' | 'approved' | 'pending' | 'revoked';
  safetyCode: string | null;
  appliedSeq: number;
  lastSeenAt: string | null;
}

export function listDevices(db: SyncDb, folder: SyncFolder): DeviceInfo[] {
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
  const devices: DeviceInfo[] = [];
  for (const device of folder.list(`${base(config)}/devices`)) {
    if (!/^[\w-]+$/.test(device)) continue;
    const cert = trust.certs.get(device);
    const request = cert ? null : readRequest(folder, config, device);
    if (!cert && !request && device !== db.deviceId) continue;
    const userId = cert?.userId ?? request?.userId ?? (device === db.deviceId ? config.userId : null);
    const status: DeviceInfo['status'] = trust.revoked.has(device)
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

/** The owner approves a joining device after comparing its safety code: an owner-signed certificate. */
export function approveDevice(db: SyncDb, folder: SyncFolder, deviceId: string): Certificate {
  const config = requireConfig(db);
  if (config.role !== 'owner' || config.ownerDeviceId !== db.deviceId)
    throw new AppError('FORBIDDEN', 'Only the owner device can approve devices');
  const request = readRequest(folder, config, deviceId);
  if (!request) throw notFound('device', deviceId);
  const invites = readJson<Invite[]>(db, 'sync.invites', []);
  const invite = invites.find((i) => i.inviteId === request.inviteId);
  if (!invite) throw syncError('This device used a join code this owner never issued', 'unknown_invite');
  if (invite.usedBy && invite.usedBy !== deviceId) throw syncError('This join code was already used by another device', 'invite_used');
  if (!verifyProof(invite, request) || request.userId !== invite.userId)
    throw syncError('The join request does not match the code; invite the device again', 'bad_proof');
  const cert: Certificate = { deviceId, userId: invite.userId, role: invite.role, publicKey: request.publicKey };
  folder.write(`${deviceDir(config, db.deviceId)}/certs/${deviceId}.tcc`, sealedFile(config, 'cert', 0, cert, db.deviceId));
  invite.usedBy = deviceId;
  writeJson(db, 'sync.invites', invites);
  return cert;
}

/** The request proves its sender holds the code: HMAC(code secret, device id, device key), kept by the owner's local invite. */
function verifyProof(invite: Invite, request: JoinRequest): boolean {
  const expected = Buffer.from(requestProof(invite.secret, request.deviceId, request.publicKey));
  const given = Buffer.from(request.proof);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Cuts a device off at what was applied of it; with `rotate`, also starts a new key epoch under a new passphrase. */
export function revokeDevice(db: SyncDb, folder: SyncFolder, deviceId: string, rotate?: { passphrase: string }): Revocation {
  let config = requireOwnerDevice(db, 'revoke devices');
  if (deviceId === db.deviceId) throw invalid(['deviceId'], 'self', 'The owner device cannot revoke itself');
  const applied =
    (db.sqlite.prepare('SELECT applied_seq FROM sync_peers WHERE device_id = ?').pluck().get(deviceId) as number | undefined) ?? 0;
  if (rotate) config = rotateWorkspaceKey(db, folder, config, rotate.passphrase);
  const revocation: Revocation = { deviceId, afterSeq: applied, ...(rotate ? { keyEpoch: config.keyEpoch ?? 0 } : {}) };
  folder.write(
    `${deviceDir(config, db.deviceId)}/revocations/${deviceId}.tcr`,
    sealedFile(config, 'revocation', 0, revocation, db.deviceId),
  );
  return revocation;
}

// ---------------------------------------------------------------- passphrase and key epochs

const pastKeysContext = (workspaceId: string, epoch: number) => `tanoda-past-keys\u0000${workspaceId}\u0000${epoch}`;

function storeKek(db: SyncDb, passphrase: string, kdf: KdfParams): void {
  const kek: StoredKek = { salt: kdf.salt, key: passphraseKey(passphrase, kdf).toString('base64') };
  writeJson(db, 'sync.kek', kek);
}

function openPastKeys(file: WorkspaceFile, workspaceKey: Buffer): Record<string, string> {
  if (!file.pastKeys) return {};
  const plain = unwrapWith(file.pastKeys, workspaceKey, pastKeysContext(file.workspaceId, file.keyEpoch ?? 0));
  return plain ? (JSON.parse(plain.toString('utf8')) as Record<string, string>) : {};
}

/** workspace.json, when it is there and belongs to this device's workspace and owner. */
function readWorkspaceFile(folder: SyncFolder, config: SyncConfig): WorkspaceFile | null {
  const raw = folder.read(`${base(config)}/workspace.json`);
  if (!raw) return null;
  try {
    const file = JSON.parse(raw.toString('utf8')) as WorkspaceFile;
    const same =
      file.workspaceId === config.workspaceId && file.rootPublicKey === config.rootPublicKey && file.ownerDeviceId === config.ownerDeviceId;
    return same && file.kdf && file.wrappedKey ? file : null;
  } catch {
    return null;
  }
}

function writeWorkspaceFile(folder: SyncFolder, config: SyncConfig, file: WorkspaceFile): void {
  folder.write(`${base(config)}/workspace.json`, Buffer.from(JSON.stringify(file, null, 2)));
}

/** Takes a newer epoch's key as this device's writing key, keeping every older one for reading. */
function adoptKey(db: SyncDb, config: SyncConfig, file: WorkspaceFile, key: Buffer): void {
  const epoch = file.keyEpoch ?? 0;
  const current = config.keyEpoch ?? 0;
  if (epoch < current || (epoch === current && key.toString('base64') === config.workspaceKey)) return;
  const pastKeys = { ...config.pastKeys, ...openPastKeys(file, key) };
  if (epoch > current) pastKeys[String(current)] = config.workspaceKey;
  writeJson(db, 'sync.config', { ...config, workspaceKey: key.toString('base64'), keyEpoch: epoch, pastKeys } satisfies SyncConfig);
}

/**
 * Whether this device can still open workspace.json with the passphrase-derived key
 * it remembers: 'ok'; 'changed' when the passphrase was changed but the key epoch is
 * the one this device writes with (it keeps syncing and asks for the new passphrase);
 * 'locked' when a newer key epoch exists that it cannot open.
 */
export function checkPassphrase(db: SyncDb, folder: SyncFolder): 'ok' | 'changed' | 'locked' {
  const config = requireConfig(db);
  const file = readWorkspaceFile(folder, config);
  if (!file) return 'ok';
  const epoch = file.keyEpoch ?? 0;
  const current = config.keyEpoch ?? 0;
  if (epoch < current) return 'ok';
  const kek = readJson<StoredKek | null>(db, 'sync.kek', null);
  if (!kek) return epoch > current ? 'locked' : 'ok';
  const key = kek.salt === file.kdf.salt ? unwrapWorkspaceKeyWith(file.wrappedKey, Buffer.from(kek.key, 'base64'), file.workspaceId) : null;
  if (key) {
    adoptKey(db, config, file, key);
    return 'ok';
  }
  return epoch > current ? 'locked' : 'changed';
}

/** After the owner changed the passphrase: this device takes the new one (and any newer key it unlocks). */
export function unlockSync(db: SyncDb, folder: SyncFolder, passphrase: string): { keyEpoch: number } {
  const config = requireConfig(db);
  const file = readWorkspaceFile(folder, config);
  if (!file) throw syncError('workspace.json cannot be read in the sync folder; is the cloud drive connected?', 'no_workspace');
  const key = unwrapWorkspaceKey(file.wrappedKey, passphrase, file.kdf, file.workspaceId);
  if (!key) throw invalid(['passphrase'], 'wrong_passphrase', 'Wrong sync passphrase');
  adoptKey(db, config, file, key);
  storeKek(db, passphrase, file.kdf);
  if (readLocal(db.sqlite, 'sync.lastError') === 'passphrase_changed') writeLocal(db.sqlite, 'sync.lastError', '');
  return { keyEpoch: requireConfig(db).keyEpoch ?? 0 };
}

function requireOwnerDevice(db: SyncDb, what: string): SyncConfig {
  const config = requireConfig(db);
  if (config.role !== 'owner' || config.ownerDeviceId !== db.deviceId) throw new AppError('FORBIDDEN', `Only the owner device can ${what}`);
  return config;
}

function requireWorkspaceFile(folder: SyncFolder, config: SyncConfig): WorkspaceFile {
  const file = readWorkspaceFile(folder, config);
  if (!file) throw syncError('workspace.json cannot be read in the sync folder; is the cloud drive connected?', 'no_workspace');
  return file;
}

/** The owner re-wraps the same workspace key under a new passphrase (new salt); other devices are asked for it. */
export function changePassphrase(db: SyncDb, folder: SyncFolder, input: { current: string; next: string }): { keyEpoch: number } {
  const config = requireOwnerDevice(db, 'change the sync passphrase');
  const file = requireWorkspaceFile(folder, config);
  const key = unwrapWorkspaceKey(file.wrappedKey, input.current, file.kdf, file.workspaceId);
  if (!key) throw invalid(['current'], 'wrong_passphrase', 'Wrong sync passphrase');
  if (input.next === input.current) throw invalid(['next'], 'unchanged', 'The new passphrase is the same as the current one');
  const kdf = newKdfParams();
  writeWorkspaceFile(folder, config, { ...file, kdf, wrappedKey: wrapWorkspaceKey(key, input.next, kdf, file.workspaceId) });
  adoptKey(db, config, file, key);
  storeKek(db, input.next, kdf);
  return { keyEpoch: file.keyEpoch ?? 0 };
}

/**
 * A new workspace key (epoch + 1) under a new passphrase. Earlier keys travel
 * sealed under the new one, so a device entering the new passphrase reads old
 * files too; a device that does not learn the passphrase reads nothing written from now on.
 */
function rotateWorkspaceKey(db: SyncDb, folder: SyncFolder, config: SyncConfig, passphrase: string): SyncConfig {
  const file = requireWorkspaceFile(folder, config);
  const epoch = Math.max(file.keyEpoch ?? 0, config.keyEpoch ?? 0) + 1;
  const key = newWorkspaceKey();
  const pastKeys = { ...config.pastKeys, [String(config.keyEpoch ?? 0)]: config.workspaceKey };
  const kdf = newKdfParams();
  writeWorkspaceFile(folder, config, {
    ...file,
    kdf,
    keyEpoch: epoch,
    wrappedKey: wrapWorkspaceKey(key, passphrase, kdf, file.workspaceId),
    pastKeys: wrapWith(Buffer.from(JSON.stringify(pastKeys)), key, pastKeysContext(file.workspaceId, epoch)),
  });
  const next: SyncConfig = { ...config, workspaceKey: key.toString('base64'), keyEpoch: epoch, pastKeys };
  writeJson(db, 'sync.config', next);
  storeKek(db, passphrase, kdf);
  return next;
}

// ---------------------------------------------------------------- publishing

function ownEntries(db: SyncDb, from: number, to: number): { seq: number; entry: RemoteEntry }[] {
  const rows = db.sqlite
    .prepare(
      'SELECT seq, hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM changes WHERE seq > ? AND seq <= ? AND device_id = ? ORDER BY seq',
    )
    .all(from, to, db.deviceId) as (RemoteEntry & { seq: number })[];
  return rows.map(({ seq, ...entry }) => ({ seq, entry }));
}

/** Writes this device's unpublished entries as new files, and re-publishes any of its files that vanished. */
function publish(db: SyncDb, folder: SyncFolder, config: SyncConfig): number {
  const dir = deviceDir(config, db.deviceId);
  const published = readJson<PublishedFile[]>(db, 'sync.published', []);
  const present = new Set(folder.list(dir));
  const prunedThrough = Number(readLocal(db.sqlite, 'sync.prunedThrough') ?? '0');
  for (const file of published) {
    if (file.seq <= prunedThrough || file.names.some((name) => present.has(name))) continue;
    const entries = ownEntries(db, file.from, file.to).map((e) => toWire(e.entry));
    const name = writeContentNamed(
      folder,
      dir,
      file.seq,
      sealedFile(config, 'changes', file.seq, { from: file.from, to: file.to, entries }, db.deviceId),
      'tcf',
    );
    file.names.push(name);
  }
  let from = published.at(-1)?.to ?? 0;
  const maxSeq = (db.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck().get() as number) ?? 0;
  let sent = 0;
  const pending = ownEntries(db, from, maxSeq);
  let index = 0;
  while (index < pending.length) {
    let end = Math.min(index + ENTRIES_PER_FILE, pending.length);
    // Keep a user action in one file where possible, so a late file never splits one.
    while (end < pending.length && end > index + 1 && pending[end]?.entry.tx === pending[end - 1]?.entry.tx) end--;
    const slice = pending.slice(index, end);
    const seq = (published.at(-1)?.seq ?? 0) + 1;
    const to = (slice.at(-1) as { seq: number }).seq;
    const name = writeContentNamed(
      folder,
      dir,
      seq,
      sealedFile(config, 'changes', seq, { from, to, entries: slice.map((e) => toWire(e.entry)) }, db.deviceId),
      'tcf',
    );
    published.push({ seq, from, to, names: [name] });
    from = to;
    sent += slice.length;
    index = end;
  }
  writeJson(db, 'sync.published', published);
  return sent;
}

function publishedSeq(db: SyncDb): number {
  return readJson<PublishedFile[]>(db, 'sync.published', []).at(-1)?.seq ?? 0;
}

// ---------------------------------------------------------------- snapshots

interface SnapshotPayload {
  covers: Record<string, number>;
  entries: WireEntryWithDevice[];
}

type WireEntryWithDevice = [string, string, string, string | null, string, string, string, string | null];

/** The latest value of every column with its HLC, tombstones included, plus what is parked: a replica in one file. */
export function writeSnapshot(db: SyncDb, folder: SyncFolder, config: SyncConfig): string {
  const covers: Record<string, number> = { [db.deviceId]: publishedSeq(db) };
  for (const peer of db.sqlite.prepare('SELECT device_id AS d, applied_seq AS s FROM sync_peers').all() as { d: string; s: number }[])
    covers[peer.d] = peer.s;
  const entries: WireEntryWithDevice[] = [];
  const latest = db.sqlite
    .prepare(
      'SELECT max(hlc) AS hlc, tx, device_id, user_id, table_name, row_id, "column", value FROM changes GROUP BY table_name, row_id, "column"',
    )
    .raw()
    .iterate() as Iterable<WireEntryWithDevice>;
  for (const row of latest) entries.push(row);
  for (const row of db.sqlite
    .prepare('SELECT hlc, tx, device_id, user_id, table_name, row_id, "column", value FROM sync_parked')
    .raw()
    .iterate() as Iterable<WireEntryWithDevice>)
    entries.push(row);
  const seq = covers[db.deviceId] ?? 0;
  const payload: SnapshotPayload = { covers, entries };
  writeJson(db, 'sync.snapshotCovers', covers);
  return writeContentNamed(
    folder,
    `${deviceDir(config, db.deviceId)}/snapshots`,
    seq,
    sealedFile(config, 'snapshot', seq, payload, db.deviceId),
    'tcs',
  );
}

function latestSnapshot(folder: SyncFolder, config: SyncConfig): { covers: Record<string, number>; entries: RemoteEntry[] } | null {
  const dir = `${deviceDir(config, config.ownerDeviceId)}/snapshots`;
  const names = folder
    .list(dir)
    .filter((n) => SNAPSHOT_FILE.test(n))
    .sort()
    .reverse();
  for (const name of names) {
    const data = folder.read(`${dir}/${name}`);
    if (!data || !name.includes(`-${sha256Hex(data).slice(0, 16)}.`)) continue;
    try {
      const seq = Number(name.slice(0, 10));
      const payload = decode<SnapshotPayload>(
        open(
          data,
          { kind: 'snapshot', workspace: config.workspaceId, device: config.ownerDeviceId, seq },
          keyRing(config),
          config.rootPublicKey,
        ),
      );
      const entries = payload.entries.map(([hlc, tx, deviceId, userId, table, rowId, column, value]) => ({
        hlc,
        tx,
        deviceId,
        userId,
        table,
        rowId,
        column,
        value,
      }));
      return { covers: payload.covers, entries };
    } catch {
      continue;
    }
  }
  return null;
}

// ---------------------------------------------------------------- applying

function recordRejection(
  db: SyncDb,
  clock: Clock,
  device: string,
  fileSeq: number | null,
  tx: string | null,
  reason: string,
  detail: string | null,
): boolean {
  const exists = db.sqlite
    .prepare('SELECT 1 FROM sync_rejections WHERE device_id = ? AND file_seq IS ? AND tx IS ? AND reason = ?')
    .get(device, fileSeq, tx, reason);
  if (exists) return false;
  db.sqlite
    .prepare('INSERT INTO sync_rejections (device_id, file_seq, tx, reason, detail, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(device, fileSeq, tx, reason, detail, clock.now().toISOString());
  return true;
}

/** Opens one candidate change file completely, or says why not. */
function openChangeFile(
  folder: SyncFolder,
  config: SyncConfig,
  cert: Certificate,
  path: string,
  name: string,
  seq: number,
): RemoteEntry[] | EnvelopeError['reason'] | 'missing' {
  // 'key': sealed with an epoch this device holds no key for yet; it waits for the new passphrase.
  const data = folder.read(path);
  if (!data) return 'missing';
  if (sha256Hex(data).slice(0, 16) !== name.slice(11, 27)) return 'damaged';
  try {
    const plain = open(
      data,
      { kind: 'changes', workspace: config.workspaceId, device: cert.deviceId, seq },
      keyRing(config),
      cert.publicKey,
    );
    const payload = decode<{ entries: unknown[] }>(plain);
    const entries: RemoteEntry[] = [];
    for (const wire of payload.entries) {
      const entry = fromWire(cert.deviceId, wire);
      if (!entry || entryProblem(entry)) return 'header';
      entries.push(entry);
    }
    return entries;
  } catch (error) {
    return error instanceof EnvelopeError ? error.reason : 'damaged';
  }
}

/**
 * Looks for change files under this device's id that its records do not name.
 * One whose entries are exactly this device's own log for that range was written
 * by this device in a run whose bookkeeping was rolled back (the folder kept the
 * file, the database forgot it): it is adopted, so its sequence number is never
 * reused for different content. Anything else signed with this device's key was
 * written by a second machine running on a copy of this app's data.
 */
function checkOwnFolder(db: SyncDb, folder: SyncFolder, config: SyncConfig): void {
  const own = deviceDir(config, db.deviceId);
  const published = readJson<PublishedFile[]>(db, 'sync.published', []);
  const knownNames = new Set(published.flatMap((f) => f.names));
  const unknown = folder
    .list(own)
    .filter((name) => CHANGE_FILE.test(name) && !knownNames.has(name))
    .sort();
  let changed = false;
  for (const name of unknown) {
    const seq = Number(name.slice(0, 10));
    const data = folder.read(`${own}/${name}`);
    if (!data || sha256Hex(data).slice(0, 16) !== name.slice(11, 27)) continue;
    let payload: { from?: number; to?: number; entries: WireEntry[] };
    try {
      payload = decode(
        open(data, { kind: 'changes', workspace: config.workspaceId, device: db.deviceId, seq }, keyRing(config), config.keys.publicKey),
      );
    } catch {
      continue;
    }
    const from = payload.from ?? -1;
    const to = payload.to ?? -1;
    const mine = ownEntries(db, from, to).map((e) => JSON.stringify(toWire(e.entry)));
    const theirs = payload.entries.map((e) => JSON.stringify(e));
    const same = from >= 0 && mine.length === theirs.length && mine.every((entry, i) => entry === theirs[i]);
    const record = published.find((f) => f.seq === seq);
    const last = published.at(-1);
    if (same && record && record.from === from && record.to === to) record.names.push(name);
    else if (same && seq === (last?.seq ?? 0) + 1 && from === (last?.to ?? 0)) published.push({ seq, from, to, names: [name] });
    else {
      writeLocal(db.sqlite, 'sync.lastError', 'cloned');
      throw syncError(
        'Another computer is using a copy of this device’s data (same device id). Sync is stopped on this copy: keep one, and join the other as a new device.',
        'cloned',
      );
    }
    changed = true;
  }
  if (changed) writeJson(db, 'sync.published', published);
}

export interface SyncOptions {
  /** Write a fresh snapshot when this device is the owner and this many files arrived since the last one. */
  snapshotEvery?: number;
}

export function syncNow(db: SyncDb, folder: SyncFolder, clock: Clock, options: SyncOptions = {}): SyncReport {
  const passphrase = checkPassphrase(db, folder);
  const config = requireConfig(db);
  const report: SyncReport = { sent: 0, received: 0, applied: 0, rejected: 0, parked: 0 };
  if (passphrase === 'locked') {
    // A newer key epoch exists and this device cannot open it: writing under the old key
    // would hand new changes to whoever was cut off, so nothing moves until the new passphrase is entered.
    report.parked = db.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get() as number;
    writeLocal(db.sqlite, 'sync.lastError', 'passphrase_changed');
    return report;
  }
  checkOwnFolder(db, folder, config);

  report.sent = publish(db, folder, config);
  const trust = loadTrust(folder, config);
  const now = clock.now();
  const touchPeer = db.sqlite.prepare(
    'INSERT INTO sync_peers (device_id, applied_seq, last_seen_at) VALUES (?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET applied_seq = excluded.applied_seq, last_seen_at = excluded.last_seen_at',
  );
  let filesApplied = 0;
  const skewed = readJson<Record<string, number>>(db, 'sync.skewed', {});
  for (const device of folder.list(`${base(config)}/devices`)) {
    if (device === db.deviceId) continue;
    const cert = trust.certs.get(device);
    if (!cert) continue;
    const names = folder.list(`${base(config)}/devices/${device}`);
    const bySeq = new Map<number, string[]>();
    for (const name of names) {
      const match = CHANGE_FILE.exec(name);
      if (!match) continue;
      const seq = Number(match[1]);
      bySeq.set(seq, [...(bySeq.get(seq) ?? []), name]);
    }
    let applied =
      (db.sqlite.prepare('SELECT applied_seq FROM sync_peers WHERE device_id = ?').pluck().get(device) as number | undefined) ?? 0;
    const revokedAfter = trust.revoked.get(device);
    for (;;) {
      const seq = applied + 1;
      const candidates = bySeq.get(seq);
      if (!candidates) break;
      if (revokedAfter !== undefined && seq > revokedAfter) {
        for (const s of [...bySeq.keys()].filter((k) => k > revokedAfter))
          if (recordRejection(db, clock, device, s, null, 'revoked', null)) report.rejected++;
        break;
      }
      let entries: RemoteEntry[] | null = null;
      const problems: string[] = [];
      for (const name of candidates) {
        const result = openChangeFile(folder, config, cert, `${base(config)}/devices/${device}/${name}`, name, seq);
        if (Array.isArray(result)) {
          entries = result;
          break;
        }
        problems.push(result);
      }
      if (!entries) {
        // A forged or tampered file is refused and recorded; a damaged or missing one is simply retried later.
        for (const problem of problems)
          if (problem === 'signature' || problem === 'decrypt' || problem === 'header')
            if (
              recordRejection(
                db,
                clock,
                device,
                seq,
                null,
                problem === 'signature' ? 'bad_signature' : problem === 'decrypt' ? 'tampered' : 'wrong_place',
                null,
              )
            )
              report.rejected++;
        break;
      }
      const batch = entries;
      // A device whose clock runs far ahead would win every edit until real time caught up:
      // its files wait (quarantine) instead, and status names the device and how far ahead it is.
      const ahead = Math.max(...batch.map((e) => Number(e.hlc.slice(0, 15)))) - now.getTime();
      if (ahead > MAX_CLOCK_AHEAD_MS) {
        skewed[device] = ahead;
        break;
      }
      delete skewed[device];
      db.sqlite.transaction(() => {
        const byTx = new Map<string, RemoteEntry[]>();
        for (const entry of batch) byTx.set(entry.tx, [...(byTx.get(entry.tx) ?? []), entry]);
        const accepted: RemoteEntry[] = [];
        for (const [tx, txEntries] of byTx) {
          const reason = refusal(cert, txEntries);
          if (reason) {
            if (recordRejection(db, clock, device, seq, tx, reason, `${txEntries[0]?.table ?? ''}`)) report.rejected++;
          } else accepted.push(...txEntries);
        }
        const result = mergeEntries(db.sqlite, db.deviceId, now.getTime(), accepted);
        report.applied += result.applied;
        report.received += batch.length;
        touchPeer.run(device, seq, now.toISOString());
      })();
      applied = seq;
      filesApplied++;
    }
  }
  writeJson(db, 'sync.skewed', skewed);
  // Parked entries from earlier rounds may be unblocked by rows that arrived since: one more pass.
  report.applied += mergeEntries(db.sqlite, db.deviceId, now.getTime(), []).applied;
  report.parked = db.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get() as number;

  if (config.role === 'owner' && config.ownerDeviceId === db.deviceId && filesApplied + report.sent > 0) {
    const since = Number(readLocal(db.sqlite, 'sync.filesSinceSnapshot') ?? '0') + filesApplied + (report.sent > 0 ? 1 : 0);
    if (since >= (options.snapshotEvery ?? 50)) {
      writeSnapshot(db, folder, config);
      writeLocal(db.sqlite, 'sync.filesSinceSnapshot', '0');
    } else writeLocal(db.sqlite, 'sync.filesSinceSnapshot', String(since));
  }
  writeState(db, folder, config, now);
  pruneOwnFiles(db, folder);
  writeLocal(db.sqlite, 'sync.lastSync', now.toISOString());
  writeLocal(db.sqlite, 'sync.lastError', passphrase === 'changed' ? 'passphrase_changed' : '');
  return report;
}

interface DeviceState {
  publishedSeq: number;
  /** What this device has applied of each peer's files: its acknowledgements. */
  acks: Record<string, number>;
  /** The owner's latest snapshot covers these sequences (owner devices only). */
  snapshotCovers?: Record<string, number>;
  at: string;
}

function writeState(db: SyncDb, folder: SyncFolder, config: SyncConfig, now: Date): void {
  const acks: Record<string, number> = {};
  for (const peer of db.sqlite.prepare('SELECT device_id AS d, applied_seq AS s FROM sync_peers').all() as { d: string; s: number }[])
    acks[peer.d] = peer.s;
  const state: DeviceState = { publishedSeq: publishedSeq(db), acks, at: now.toISOString() };
  if (db.deviceId === config.ownerDeviceId) state.snapshotCovers = readJson<Record<string, number>>(db, 'sync.snapshotCovers', {});
  folder.write(`${deviceDir(config, db.deviceId)}/state.tcs`, sealedFile(config, 'state', 0, state, db.deviceId));
}

function readState(folder: SyncFolder, config: SyncConfig, cert: Certificate): DeviceState | null {
  const data = folder.read(`${deviceDir(config, cert.deviceId)}/state.tcs`);
  if (!data) return null;
  try {
    return decode<DeviceState>(
      open(data, { kind: 'state', workspace: config.workspaceId, device: cert.deviceId }, keyRing(config), cert.publicKey),
    );
  } catch {
    return null;
  }
}

/**
 * Compaction: removes this device's change files that nobody can need any more —
 * every other active (certified, not revoked) device has acknowledged them in its
 * signed state file, and the owner's latest snapshot covers them, so a device
 * joining later starts after them. A device without a readable state file holds
 * everything back. Returns how many files were removed.
 */
export function pruneOwnFiles(db: SyncDb, folder: SyncFolder): number {
  const config = requireConfig(db);
  const trust = loadTrust(folder, config);
  let bound = Number.POSITIVE_INFINITY;
  for (const cert of trust.certs.values()) {
    if (cert.deviceId === db.deviceId || trust.revoked.has(cert.deviceId)) continue;
    const state = readState(folder, config, cert);
    bound = Math.min(bound, state?.acks[db.deviceId] ?? 0);
  }
  // A device still waiting for approval already started from a snapshot and will need what follows it.
  for (const device of folder.list(`${base(config)}/devices`)) {
    if (trust.certs.has(device) || trust.revoked.has(device) || device === db.deviceId) continue;
    const request = readRequest(folder, config, device);
    if (!request) continue;
    const state = readState(folder, config, { deviceId: device, userId: request.userId, role: 'assistant', publicKey: request.publicKey });
    bound = Math.min(bound, state?.acks[db.deviceId] ?? 0);
  }
  const covers =
    db.deviceId === config.ownerDeviceId
      ? readJson<Record<string, number>>(db, 'sync.snapshotCovers', {})
      : (readState(folder, config, trust.certs.get(config.ownerDeviceId) as Certificate)?.snapshotCovers ?? {});
  bound = Math.min(bound, covers[db.deviceId] ?? 0);
  if (!Number.isFinite(bound) || bound <= 0) return 0;
  const published = readJson<PublishedFile[]>(db, 'sync.published', []);
  const prunedThrough = Number(readLocal(db.sqlite, 'sync.prunedThrough') ?? '0');
  let removed = 0;
  const dir = deviceDir(config, db.deviceId);
  for (const file of published) {
    if (file.seq > bound || file.seq <= prunedThrough) continue;
    for (const name of file.names) folder.remove(`${dir}/${name}`);
    removed++;
  }
  writeLocal(db.sqlite, 'sync.prunedThrough', String(Math.max(prunedThrough, bound)));
  return removed;
}

// ---------------------------------------------------------------- status

export interface SyncStatus {
  enabled: boolean;
  workspaceId: string | null;
  deviceId: string;
  role: Role | null;
  lastSyncAt: string | null;
  lastError: string | null;
  pendingOut: number;
  parked: number;
  rejections: { deviceId: string; fileSeq: number | null; tx: string | null; reason: string; at: string }[];
  /** Devices whose changes wait because their clock is ahead of this one's by more than the bound. */
  clockAhead: { deviceId: string; aheadMs: number }[];
}

export function syncStatus(db: SyncDb): SyncStatus {
  const config = readConfig(db);
  const published = readJson<PublishedFile[]>(db, 'sync.published', []);
  const lastTo = published.at(-1)?.to ?? 0;
  return {
    enabled: config !== null,
    workspaceId: config?.workspaceId ?? null,
    deviceId: db.deviceId,
    role: config?.role ?? null,
    lastSyncAt: readLocal(db.sqlite, 'sync.lastSync') ?? null,
    lastError: readLocal(db.sqlite, 'sync.lastError') || null,
    pendingOut: config
      ? (db.sqlite.prepare('SELECT count(*) FROM changes WHERE seq > ? AND device_id = ?').pluck().get(lastTo, db.deviceId) as number)
      : 0,
    parked: db.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get() as number,
    clockAhead: Object.entries(readJson<Record<string, number>>(db, 'sync.skewed', {})).map(([deviceId, aheadMs]) => ({
      deviceId,
      aheadMs,
    })),
    rejections: db.sqlite
      .prepare('SELECT device_id AS deviceId, file_seq AS fileSeq, tx, reason, at FROM sync_rejections ORDER BY id DESC LIMIT 100')
      .all() as SyncStatus['rejections'],
  };
}
