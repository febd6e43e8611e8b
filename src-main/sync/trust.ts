/**
 * Whom the folder says may write, read only from files the owner's root key
 * signed: certificates (a device, its user and role, its public key) and
 * revocations (a device, and the last of its files still accepted). A
 * certificate or revocation that does not open under the root key certifies
 * nothing, so someone who has only the passphrase cannot make a device trusted
 * or untrusted by dropping a file into the folder. Join requests are read here
 * too: signed by the key they carry, which proves possession, they make a device
 * 'pending' and nothing of it is applied until the owner certifies it.
 */
import type { Role } from '../../src-shared/domain';
import { open, openSelfSigned } from './crypto';
import type { SyncFolder } from './folder';
import type { SyncConfig } from './local-state';
import { decode, deviceDir, keyRing } from './wire';

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
