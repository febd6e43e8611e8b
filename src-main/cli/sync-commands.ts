/**
 * The CLI's `sync` command (issue 6), joined into cli/index.ts's command table by one
 * spread: `tanoda sync <setup|invite|join|devices|approve|revoke|passphrase|unlock|now|status>`.
 * Everything except `join` goes through the router, so a script gets the same
 * capability checks and typed errors as the Settings -> Sync tab. `join` creates
 * the database of a new machine, so it runs before any workspace exists.
 *
 * On a device that joined as another user, commands act as that user by default
 * (not as the workspace owner, which is the CLI's default elsewhere): the device's
 * certificate names its user, and acting as someone else would only produce
 * changes the other replicas refuse.
 */
import { existsSync } from 'node:fs';
import type { SyncDevice, SyncReport, SyncStatusView } from '../../src-shared/api/sync-methods';
import { AppError } from '../../src-shared/errors';
import { closeDatabase, openDatabase } from '../db/connection';
import { systemClock } from '../core/context';
import { joinSyncFolder } from '../sync';
import { callApi, databaseKeyFor, print, withWorkspace, type Command } from './common';
import { passphraseReader, refuseArgvPassphrase } from './passphrase';

function required(values: Record<string, unknown>, option: string): string {
  const value = values[option];
  if (typeof value !== 'string' || value === '')
    throw new AppError('VALIDATION', `--${option} is required`, [{ path: [option], code: 'required', message: `Give --${option}` }]);
  return value;
}

function call<T>(db: string, as: unknown, method: string, input: unknown): Promise<T> {
  return withWorkspace(db, (workspace) => callApi<T>(workspace, as, method, input));
}

function deviceId(positionals: string[]): string {
  const id = positionals[1];
  if (!id || positionals.length > 2)
    throw new AppError('VALIDATION', 'Give exactly one device id', [
      { path: ['deviceId'], code: 'required', message: 'Give one device id' },
    ]);
  return id;
}

function deviceTable(devices: SyncDevice[]): string {
  return devices
    .map(
      (d) =>
        `${d.deviceId}  ${d.status.padEnd(10)} ${(d.role ?? '-').padEnd(9)} ${(d.user ?? '-').padEnd(16)} ${d.safetyCode ?? ''}  last seen ${d.lastSeenAt ?? 'never'}`,
    )
    .join('\n');
}

const show = (json: boolean, value: unknown, text: string) => print(json ? JSON.stringify(value) : text);

export const syncCommands: Record<string, Command> = {
  sync: {
    usage: 'tanoda sync <setup|invite|join|devices|approve|revoke|passphrase|unlock|now|status> --db FILE [options]',
    summary: 'Sync this school between machines through a shared cloud folder, end-to-end encrypted.',
    details: `  sync setup --folder F                  turn sync on; this machine becomes the owner device
  sync invite --user USERNAME            a one-time join code for that user's new machine -> {code}
  sync join --folder F --code C          on the new machine: create the database (--db) from the
                                         owner's snapshot -> {deviceId, safetyCode}
  sync devices                           devices with user, role, status and safety code
  sync approve <deviceId>                after comparing the safety code shown on the new machine
  sync revoke <deviceId>                 its later files are refused everywhere
  sync revoke <deviceId> --rotate        also a new workspace key under a new passphrase: the
                                         revoked device cannot read anything written afterwards
  sync passphrase                        (owner) change the sync passphrase (current, then new)
  sync unlock                            on the other devices: enter the changed passphrase
  sync now                               send and receive -> {sent, received, applied, rejected, parked}
  sync status                            last sync, pending, refusals
Files in the folder are encrypted with the workspace key (unlocked by the passphrase,
which never goes into a code or a file) and signed by each device. The database file
itself is never put in the folder. --as USERNAME acts as another user of this machine.
Passphrases are asked for at a prompt that shows nothing (a new one twice), or read from
stdin one per line (change: current, then new); never from the command line. A sync
passphrase has at least 12 characters or four words.`,
    options: {
      folder: { type: 'string' },
      passphrase: { type: 'string' },
      code: { type: 'string' },
      user: { type: 'string' },
      as: { type: 'string' },
      rotate: { type: 'boolean' },
      current: { type: 'string' },
      new: { type: 'string' },
    },
    async run({ values, positionals, db, json }) {
      const sub = positionals[0];
      const as = values['as'];
      refuseArgvPassphrase(values);
      const passphrases = passphraseReader();
      switch (sub) {
        case 'setup': {
          const result = await call<{ workspaceId: string; deviceId: string }>(db, as, 'sync.setup', {
            folder: required(values, 'folder'),
            passphrase: await passphrases.read('New sync passphrase: ', { confirm: 'The same passphrase again: ' }),
          });
          show(json, result, `Sync is on. Workspace ${result.workspaceId}, this device ${result.deviceId}.`);
          return 0;
        }
        case 'invite': {
          const result = await call<{ code: string }>(db, as, 'sync.invite', { username: required(values, 'user') });
          show(json, result, `Join code (give the passphrase separately):\n${result.code}`);
          return 0;
        }
        case 'join': {
          if (existsSync(db))
            throw new AppError('CONFLICT', `${db} already exists; join creates a new database`, [
              { path: ['db'], code: 'exists', message: 'Choose a new file' },
            ]);
          const { key, secrets } = await databaseKeyFor(db);
          const database = openDatabase(db, { key, secrets });
          try {
            const result = joinSyncFolder(database, systemClock, {
              folder: required(values, 'folder'),
              code: required(values, 'code'),
              passphrase: await passphrases.read('Sync passphrase: '),
            });
            show(
              json,
              result,
              `Joined as device ${result.deviceId}.\nSafety code: ${result.safetyCode} — the owner compares it before approving.`,
            );
            return 0;
          } finally {
            closeDatabase(database);
          }
        }
        case 'devices': {
          const result = await call<SyncDevice[]>(db, as, 'sync.devices', {});
          show(json, result, deviceTable(result));
          return 0;
        }
        case 'approve': {
          const result = await call<SyncDevice[]>(db, as, 'sync.approve', { deviceId: deviceId(positionals) });
          show(json, result, deviceTable(result));
          return 0;
        }
        case 'revoke': {
          const input =
            values['rotate'] === true
              ? {
                  newPassphrase: await passphrases.read('New sync passphrase for the new key: ', {
                    confirm: 'The same passphrase again: ',
                    field: 'newPassphrase',
                  }),
                }
              : {};
          const result = await call<SyncDevice[]>(db, as, 'sync.revoke', { deviceId: deviceId(positionals), ...input });
          show(json, result, deviceTable(result));
          return 0;
        }
        case 'passphrase': {
          const result = await call<{ keyEpoch: number }>(db, as, 'sync.changePassphrase', {
            current: await passphrases.read('Current sync passphrase: ', { field: 'current' }),
            next: await passphrases.read('New sync passphrase: ', { confirm: 'The same passphrase again: ', field: 'next' }),
          });
          show(json, result, 'The sync passphrase is changed. Enter the new one on the other computers (tanoda sync unlock).');
          return 0;
        }
        case 'unlock': {
          const result = await call<{ keyEpoch: number }>(db, as, 'sync.unlock', {
            passphrase: await passphrases.read('The new sync passphrase: '),
          });
          show(json, result, 'The new sync passphrase is stored on this computer.');
          return 0;
        }
        case 'now': {
          const result = await call<SyncReport>(db, as, 'sync.now', {});
          if (result.problem === 'cloned')
            throw new AppError(
              'CONFLICT',
              'Another computer is using a copy of this computer’s data (same device id). Sync is stopped here: keep one copy, and join the other as a new device.',
              [{ path: [], code: 'cloned', message: 'Cloned app data' }],
            );
          show(
            json,
            result,
            `sent ${result.sent}, received ${result.received}, applied ${result.applied}, refused ${result.rejected}, waiting ${result.parked}`,
          );
          return 0;
        }
        case 'status': {
          const result = await call<SyncStatusView>(db, as, 'sync.status', {});
          show(
            json,
            result,
            result.enabled
              ? `Sync on (${result.role}), folder ${result.folder}\nlast sync ${result.lastSyncAt ?? 'never'}, to send ${result.pendingOut}, waiting ${result.parked}, refusals ${result.rejections.length}, erasures not yet everywhere ${result.erasuresPending.length}${result.lastError === 'passphrase_changed' ? '\nthe sync passphrase was changed: enter the new one (tanoda sync unlock)' : result.lastError ? `\nproblem: ${result.lastError}` : ''}`
              : 'Sync is off on this device.',
          );
          return 0;
        }
        default:
          throw new AppError(
            'VALIDATION',
            'Say what to do: setup, invite, join, devices, approve, revoke, passphrase, unlock, now or status',
            [{ path: ['command'], code: 'unknown_subcommand', message: 'Unknown sync command' }],
          );
      }
    },
  },
};
