/**
 * The child process of tests/integration/crash.test.ts: writes through the real
 * funnel, in many small transactions, until it is killed. Transaction `i` adds
 * a client named `crash-<i>`, three activities for it and then updates the
 * client's notes to `done-<i>` — several tables and an update of a row written
 * in the same transaction, so a torn transaction would show. It prints `ready`
 * once the database is open, so the parent can also kill it mid-start.
 */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { applyPragmas, keyForFile, openKeyed, readLocal } from '../../src-main/db/connection';
import { fileKeyStore } from '../../src-main/db/keys';
import { applyChanges, newId } from '../../src-main/changes/funnel';
import * as schema from '../../src-main/db/schema';
import { systemClock, type ServiceContext } from '../../src-main/core/context';

const [file, startText, ownerId] = process.argv.slice(2);
if (!file || !startText || !ownerId) throw new Error('usage: crash-writer FILE START OWNER_ID');
const keyFile = process.env['TANODA_KEY_FILE'];
if (!keyFile) throw new Error('crash-writer needs TANODA_KEY_FILE');
const { key } = keyForFile(fileKeyStore(keyFile), file);
const sqlite = openKeyed(file, key);
applyPragmas(sqlite);
const db = {
  sqlite,
  orm: drizzle({ client: sqlite, schema }),
  file,
  key,
  deviceId: readLocal(sqlite, 'device_id') ?? 'crash-device',
  secrets: null,
};
const ctx: ServiceContext = { db, clock: systemClock, actor: { userId: ownerId, username: 'owner', role: 'owner' } };
process.stdout.write('ready\n');
for (let i = Number(startText); ; i++) {
  const clientId = newId(ctx);
  applyChanges(ctx, [
    {
      op: 'insert',
      table: 'clients',
      id: clientId,
      values: { firstName: `crash-${i}`, lastName: 'x'.repeat(200), displayName: `crash-${i}`, notes: `writing-${i}` },
    },
    ...[1, 2, 3].map((n) => ({
      op: 'insert' as const,
      table: 'activities' as const,
      values: { clientId, kind: 'note', summary: `crash-${i}-${n}`, occurredAt: new Date().toISOString() },
    })),
    { op: 'update', table: 'clients', id: clientId, values: { notes: `done-${i}` } },
  ]);
}
