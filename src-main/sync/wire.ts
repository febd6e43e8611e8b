/**
 * The sync folder's wire format: where each file lives, how it is named, and how
 * a payload becomes a sealed file (crypto.ts's envelope around deflated JSON).
 *
 * Folder layout under `tanoda/<workspace>/`:
 *  - `workspace.json` — ids, the passphrase KDF's parameters (checked before use), the passphrase-wrapped workspace key of
 *    the current key epoch, the older epochs' keys sealed under it, and the owner's
 *    root public key; no school data (keys.ts).
 *  - `devices/<device>/<seq 10 digits>-<sha256 prefix 16>.tcf` — change files, each
 *    a batch of the device's own entries (by `changes.seq`). The name is checked
 *    against the content hash, so a truncated or swapped file is recognised before
 *    it is opened; names a cloud service invented (conflicted copies, " (1)",
 *    temporary names) do not match the pattern and are ignored.
 *  - `devices/<device>/state.tcs` — what the device has applied from each peer
 *    (acknowledgements, last seen; the owner's also the latest snapshot's coverage
 *    and every device pruning waits for); `request.tcq` — a joining device's request.
 *  - `devices/<owner>/certs/`, `revocations/` — signed by the workspace's root key (the owner device's own
 *    certificate among them); `snapshots/`, `credentials/` — signed by the owner device's certified key.
 *
 * Every writer seals through `sealedFile` and names through `writeContentNamed`,
 * and every reader picks keys through `keyRing`, so the bytes a device writes are
 * the bytes every other device expects; a second, slightly different framing in
 * one corner would make files that only their writer can open.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RemoteEntry } from '../changes/merge';
import { seal, sha256Hex, type DeviceKeys, type EnvelopeKind } from './crypto';
import type { SyncFolder } from './folder';
import type { SyncConfig } from './local-state';

export const CHANGE_FILE = /^(\d{10})-([0-9a-f]{16})\.tcf$/;
export const SNAPSHOT_FILE = /^(\d{10})-([0-9a-f]{16})\.tcs$/;

export const base = (config: Pick<SyncConfig, 'workspaceId'>) => `tanoda/${config.workspaceId}`;
export const deviceDir = (config: Pick<SyncConfig, 'workspaceId'>, device: string) => `${base(config)}/devices/${device}`;

export function encode(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'));
}

export function decode<T>(payload: Buffer): T {
  return JSON.parse(inflateRawSync(payload).toString('utf8')) as T;
}

/** Entries travel as tuples: [hlc, tx, userId, table, rowId, column, value]. The device is the file's. */
export type WireEntry = [string, string, string | null, string, string, string, string | null];

export const toWire = (e: RemoteEntry): WireEntry => [e.hlc, e.tx, e.userId, e.table, e.rowId, e.column, e.value];

export function fromWire(device: string, w: unknown): RemoteEntry | null {
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

/** Whether a content-named file (`<seq>-<hash>.<ext>`) holds the bytes its name promises. */
export function hashMatchesName(data: Buffer, name: string): boolean {
  return sha256Hex(data).slice(0, 16) === name.slice(11, 27);
}

/** Readers hold every epoch's key they were given; writers always seal with the newest. */
export function keyRing(config: SyncConfig): (epoch: number) => Buffer | null {
  return (epoch) => {
    if (epoch === (config.keyEpoch ?? 0)) return Buffer.from(config.workspaceKey, 'base64');
    const past = config.pastKeys?.[String(epoch)];
    return past ? Buffer.from(past, 'base64') : null;
  };
}

/** Sealed with the current workspace key and signed by this device's key, or by the root key for certificates and revocations. */
export function sealedFile(
  config: SyncConfig,
  kind: EnvelopeKind,
  seq: number,
  payload: unknown,
  device: string,
  signer: DeviceKeys = config.keys,
): Buffer {
  return seal(
    { kind, workspace: config.workspaceId, device, seq, epoch: config.keyEpoch ?? 0 },
    encode(payload),
    Buffer.from(config.workspaceKey, 'base64'),
    signer,
  );
}

export function writeContentNamed(folder: SyncFolder, dir: string, seq: number, data: Buffer, extension: string): string {
  const name = `${String(seq).padStart(10, '0')}-${sha256Hex(data).slice(0, 16)}.${extension}`;
  folder.write(`${dir}/${name}`, data);
  return name;
}
