/**
 * Whom the folder says may write, read only from files the workspace's root key
 * signed: certificates (a device, its user and role, its public key) and
 * revocations (a device, and the last of its files still accepted). A
 * certificate or revocation that does not open under the root key certifies
 * nothing, so someone who has only the passphrase cannot make a device trusted
 * or untrusted by dropping a file into the folder. Join requests are read here
 * too: signed by the key they carry, which proves possession, they make a device
 * 'pending' and nothing of it is applied until the owner certifies it.
 *
 * The root key is not any device's signing key: it lives only in the owner's
 * key store and signs nothing but certificates and revocations, so a device key
 * that is stolen — an assistant's, or the owner device's own — signs that
 * device's files and nothing more; it cannot make another device trusted. The
 * owner's device has a certificate like every other (`certifyOwnerDevice`), and
 * every member checks the chain to the root public key it pinned when it joined
 * (the join code carries it). A workspace set up by an earlier version used the
 * owner device's key as the root; that key stays the root (members keep what
 * they pinned, certificates it signed stay valid) and the owner's device takes a
 * new signing key on upgrade (local-state.ts `separateRootKey`). Files in the
 * owner's directory therefore open under its certified key or under the root key
 * (`signersOf`): the root signed them before the upgrade, and whoever holds the
 * root key can certify any key anyway, so accepting it grants nothing more.
 */
import type { Role } from '../../src-shared/domain';
import { open, openSelfSigned } from './crypto';
import type { SyncFolder } from './folder';
import { readRootKeys, type SyncConfig, type SyncDb } from './local-state';
import { decode, deviceDir, keyRing, sealedFile } from './wire';

export interface Certificate {
  deviceId: string;
  userId: string | null;
  role: Role;
  publicKey: string;
}

export interface Revocation {
  deviceId: string;
  afterSeq: number;
  /** With rotation: the key epoch started when the device was cut off; it holds no key from this epoch on. */
  keyEpoch?: number;
}

export interface Trust {
  certs: Map<string, Certificate>;
  revoked: Map<string, number>;
  /** The owner device's own certificate was read this round (else its entry stands for the root key alone). */
  ownerCertified: boolean;
}

export interface JoinRequest {
  deviceId: string;
  publicKey: string;
  inviteId: string;
  userId: string;
  proof: string;
}

export function loadTrust(folder: SyncFolder, config: SyncConfig): Trust {
  const key = keyRing(config);
  const owner = deviceDir(config, config.ownerDeviceId);
  const certs = new Map<string, Certificate>([
    [config.ownerDeviceId, { deviceId: config.ownerDeviceId, userId: null, role: 'owner', publicKey: config.rootPublicKey }],
  ]);
  let ownerCertified = false;
  for (const name of folder.list(`${owner}/certs`)) {
    const data = /^[\w-]+\.tcc$/.test(name) ? folder.read(`${owner}/certs/${name}`) : null;
    if (!data) continue;
    try {
      const cert = decode<Certificate>(
        open(data, { kind: 'cert', workspace: config.workspaceId, device: config.ownerDeviceId }, key, config.rootPublicKey),
      );
      if (`${cert.deviceId}.tcc` !== name) continue;
      if (cert.deviceId === config.ownerDeviceId) {
        if (cert.role !== 'owner') continue;
        ownerCertified = true;
      }
      certs.set(cert.deviceId, cert);
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
  return { certs, revoked, ownerCertified };
}

/**
 * The keys a device's files may be signed with: its certified key; for the
 * owner's device also the root key (files from before the root was separated,
 * and a folder whose owner certificate this round could not read).
 */
export function signersOf(config: Pick<SyncConfig, 'ownerDeviceId' | 'rootPublicKey'>, cert: Certificate): string[] {
  return cert.deviceId === config.ownerDeviceId && cert.publicKey !== config.rootPublicKey
    ? [cert.publicKey, config.rootPublicKey]
    : [cert.publicKey];
}

/** The keys the owner device's files (snapshots, credentials, state) may be signed with, as this round's folder shows them. */
export function ownerSigners(folder: SyncFolder, config: SyncConfig): string[] {
  const owner = loadTrust(folder, config).certs.get(config.ownerDeviceId);
  return owner ? signersOf(config, owner) : [config.rootPublicKey];
}

/** The owner device's certificate, signed by the root key: it names the key that signs the owner device's files. */
function ownerCertificate(config: SyncConfig): Certificate {
  return { deviceId: config.ownerDeviceId, userId: null, role: 'owner', publicKey: config.keys.publicKey };
}

/**
 * On the owner's device: makes sure the folder holds its own certificate for
 * the key it signs with, before anything signed with that key is written (set-up,
 * and every round: a cloud may have lost the file, and a device upgraded from a
 * workspace whose root was its own key writes its first one here). Nothing to do
 * while the device's key is the root key itself.
 */
export function certifyOwnerDevice(db: SyncDb, folder: SyncFolder, config: SyncConfig): void {
  if (config.ownerDeviceId !== db.deviceId || config.keys.publicKey === config.rootPublicKey) return;
  const path = `${deviceDir(config, config.ownerDeviceId)}/certs/${config.ownerDeviceId}.tcc`;
  const data = folder.read(path);
  if (data) {
    try {
      const cert = decode<Certificate>(
        open(data, { kind: 'cert', workspace: config.workspaceId, device: config.ownerDeviceId }, keyRing(config), config.rootPublicKey),
      );
      if (cert.publicKey === config.keys.publicKey && cert.role === 'owner') return;
    } catch {
      // Damaged or not the root's: written again below.
    }
  }
  folder.write(path, sealedFile(config, 'cert', 0, ownerCertificate(config), db.deviceId, readRootKeys(db, config)));
}

export function readRequest(folder: SyncFolder, config: SyncConfig, device: string): JoinRequest | null {
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
