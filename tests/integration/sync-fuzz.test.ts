/**
 * Property-based sync: 2–4 real replicas with skewed clocks make random edits —
 * the same field on two machines, delete against edit, restores, enrollments,
 * payments on both sides, plans changed and children moved to another group
 * (instalments.replan, enrollments.transfer) on several machines at once, now and
 * then a tampered assistant app deleting around its router, the
 * owner changing the sync passphrase or rotating the workspace key (revoking a
 * spare device) while the others are locked out until they enter it — and sync
 * through a simulated cloud folder that delays, reorders, duplicates, truncates,
 * renames to conflicted copies, lists partially and loses files. After
 * everything is delivered and a device has joined late from the owner's
 * snapshot, these properties must hold:
 *
 * 1. Convergence to the HLC oracle: every replica holds exactly what folding all
 *    accepted entries in HLC order gives (a tampered app: plus its own refused
 *    ones), its rows match its log, nothing is parked, the honest replicas' live
 *    rows are identical, and every replica has applied every file of every peer.
 * 2. Same verdicts everywhere: the refused transactions are exactly the tampered
 *    apps' forbidden writes (but those erased with their client before they left
 *    the machine), and every replica that did not write one recorded it.
 * 3. Idempotence: applying every file still in the folder and the snapshot again
 *    changes nothing (twice = once), and records no new verdict.
 * 4. Snapshot joiner agrees: the late joiner (snapshot + tail) equals the oracle
 *    like the replicas that replayed everything.
 *
 * Each property was seen failing when the code was broken on purpose (each
 * mutation reverted afterwards; the fixed seed found each within eight cases):
 * 1. merge.ts `columnWinners` keeping the smaller HLC of a batch
 *    (`entry.hlc < best.hlc`): replica 0's rows no longer match its log.
 *    publish.ts pruning below the devices one round's listing showed (issue 20):
 *    "files replica 2 has not applied" (and the regression case below fails).
 * 2. policy.ts without the `deleted_at` rule: nothing is refused while a
 *    forbidden delete was made.
 * 3. merge.ts `applyGroup` logging every entry of a group, not only those not
 *    yet logged (`fresh = entries`): applying everything again doubles the log.
 * 4. snapshot.ts leaving the tombstones (`deleted_at`) out of the snapshot: only
 *    the late joiner differs from the oracle.
 *
 * How many cases: SYNC_FUZZ_RUNS (default below: what fits in about two minutes
 * of this file alone on a 2-core machine); the seed is fixed (SYNC_FUZZ_SEED
 * overrides it); a failure prints its seed and path, and SYNC_FUZZ_SEED=<seed>
 * SYNC_FUZZ_PATH=<path> replays exactly that case and shrinks it. `npm run
 * test:deep` runs 2,000 cases from a random seed (scripts/sync-fuzz-deep.mjs).
 * Counterexamples found that way stay below as named regular tests.
 *
 * Purging is modelled (issue 15): the owner deletes and erases a client for good
 * while the others may still be editing it or paying for it offline; the erase
 * entries travel, every replica drops what arrives about the erased rows later,
 * and the properties above must hold with erasures in the mix (the oracle folds
 * what the logs hold, and an erasure leaves no entry of the record in any log).
 * Revoking a device that still writes is left out for the reason given at `step`.
 *
 * The key derivations run with a small cost here: the sync passphrase's through
 * the explicit test-only cost (TEST_KDF_COST), user passwords' scrypt through the
 * mock below. At the real cost they take a second or more each, several per case,
 * and what this test is about is merging, not the KDF (the real cost is measured
 * in tests/unit/sync-crypto.test.ts and used by the router-driven sync tests).
 */
import type * as NodeCrypto from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { foldChanges, logDrift } from '../../src-main/changes/changelog';
import { closeDatabase } from '../../src-main/db/connection';
import { applyChanges } from '../../src-main/changes/funnel';
import { mergeEntries } from '../../src-main/changes/merge';
import { readConfig, revokeDevice, syncNow, syncStatus } from '../../src-main/sync';
import type { SyncFolder } from '../../src-main/sync/folder';
import { changePassphrase, unlockSync } from '../../src-main/sync/keys';
import { appliedSeqOf } from '../../src-main/sync/local-state';
import { publishedSeq } from '../../src-main/sync/publish';
import { latestSnapshot } from '../../src-main/sync/snapshot';
import { CHANGE_FILE, deviceDir } from '../../src-main/sync/wire';
import { joinReplica, liveRows, ownerReplica, PASSPHRASE, passwordHashes, TEST_KDF_COST, type Replica } from './sync-helpers';

// Throwaway databases: on a RAM disk where there is one, so thousands of cases do not wait on fsync.
if (existsSync('/dev/shm')) vi.stubEnv('TMPDIR', '/dev/shm');
afterAll(() => vi.unstubAllEnvs());

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof NodeCrypto>();
  const scryptSync: typeof real.scryptSync = (password, salt, keylen) => real.scryptSync(password, salt, keylen, { N: 1024, r: 1, p: 1 });
  return { ...real, default: { ...real, scryptSync }, scryptSync };
});

/** About two minutes of this file alone on the 2-core build machine (200 cases: about 0.55 s of CPU each). */
const DEFAULT_RUNS = 200;
const RUNS = Number(process.env['SYNC_FUZZ_RUNS'] || DEFAULT_RUNS);
const SEED = Number(process.env['SYNC_FUZZ_SEED'] || 20260310);
const REPLAY_PATH = process.env['SYNC_FUZZ_PATH'] || undefined;

/** A deterministic pseudo-random stream from a seed (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The cloud: one store, writes that arrive late (and in any order), sometimes
 * never, sometimes twice under a conflicted-copy name; listings that miss files;
 * reads that come back truncated or empty. `settle()` switches the faults off and
 * delivers everything still in flight, as a cloud eventually does.
 */
class UnreliableCloud {
  readonly store = new Map<string, Buffer>();
  private inFlight: { path: string; data: Buffer }[] = [];
  faulty = true;
  constructor(private readonly random: () => number) {}

  private deliverSome(): void {
    const keep: typeof this.inFlight = [];
    for (const item of this.inFlight) {
      if (!this.faulty || this.random() < 0.5) this.store.set(item.path, item.data);
      else keep.push(item);
    }
    this.inFlight = keep;
  }

  settle(): void {
    this.faulty = false;
    this.deliverSome();
  }

  /** The reliable view (the owner's own machine writing set-up files, a person copying a code). */
  readonly direct: SyncFolder = {
    list: (dir) => this.names(dir),
    read: (path) => this.store.get(path) ?? null,
    write: (path, data) => void this.store.set(path, data),
    remove: (path) => void this.store.delete(path),
  };

  private names(dir: string): string[] {
    const prefix = `${dir}/`;
    const names = new Set<string>();
    for (const path of this.store.keys()) if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0] as string);
    return [...names];
  }

  readonly view: SyncFolder = {
    list: (dir) => {
      this.deliverSome();
      return this.names(dir).filter(() => !this.faulty || this.random() > 0.15);
    },
    read: (path) => {
      const data = this.store.get(path);
      if (!data || !this.faulty) return data ?? null;
      const roll = this.random();
      if (roll < 0.05) return Buffer.alloc(0);
      if (roll < 0.12) return data.subarray(0, Math.floor(data.length * this.random()));
      return data;
    },
    write: (path, data) => {
      if (!this.faulty) return void this.store.set(path, data);
      const roll = this.random();
      if (roll < 0.08) return; // lost on the way
      this.inFlight.push({ path, data });
      if (roll < 0.2) this.inFlight.push({ path: path.replace(/\.(\w+)$/, ' (conflicted copy 2026-03-10).$1'), data });
      else if (roll < 0.3) this.inFlight.push({ path: path.replace(/\.(\w+)$/, ' (1).$1'), data: data.subarray(0, data.length >> 1) });
      this.inFlight.sort(() => this.random() - 0.5);
    },
    remove: (path) => void this.store.delete(path),
  };
}

type Op =
  | { kind: 'create'; replica: number; name: string }
  | { kind: 'edit'; replica: number; client: number; field: 'notes' | 'phone' | 'firstName'; value: string }
  | { kind: 'delete'; replica: number; client: number }
  | { kind: 'restore'; replica: number; client: number }
  /** A payment, toward one of the client's enrollments when it has any. */
  | { kind: 'pay'; replica: number; client: number; amount: number; enrollment?: number }
  | { kind: 'enroll'; replica: number; client: number; cohort: number }
  /** A new plan of equal instalments that keeps what is paid (instalments.replan). */
  | { kind: 'replan'; replica: number; enrollment: number; count: number }
  /** The child moves to a group (enrollments.transfer): payments re-pointed, the plan carried over. */
  | { kind: 'transfer'; replica: number; enrollment: number; cohort: number }
  | { kind: 'forbiddenDelete'; replica: number; client: number }
  /** The owner deletes a client and erases it for good (records.purge). */
  | { kind: 'purge'; replica: number; client: number }
  | { kind: 'tick'; replica: number; ms: number }
  | { kind: 'sync'; replica: number }
  /** The owner changes the sync passphrase (same key, new wrapping): the others sync on and are asked for it. */
  | { kind: 'passphrase' }
  /** The owner revokes the spare device with a new key epoch: the others stop until they enter the new passphrase. */
  | { kind: 'rotate' }
  /** Someone types the current passphrase into a replica (`sync unlock`). */
  | { kind: 'unlock'; replica: number };

interface Scenario {
  n: number;
  skews: number[];
  ops: Op[];
  /** The cloud's own randomness. */
  seed: number;
}

const edit = (replicas: number): fc.Arbitrary<Op> =>
  fc.record({
    kind: fc.constant('edit' as const),
    replica: fc.nat(replicas - 1),
    client: fc.nat(20),
    field: fc.constantFrom('notes' as const, 'phone' as const, 'firstName' as const),
    value: fc.constantFrom('a', 'b', 'c', 'd'),
  });

const op = (replicas: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { arbitrary: edit(replicas), weight: 4 },
    fc.record({
      kind: fc.constant('create' as const),
      replica: fc.nat(replicas - 1),
      name: fc.constantFrom('Anna', 'Béla', '小明', 'Zoé'),
    }),
    fc.record({ kind: fc.constant('delete' as const), replica: fc.constant(0), client: fc.nat(20) }),
    fc.record({ kind: fc.constant('restore' as const), replica: fc.constant(0), client: fc.nat(20) }),
    fc.record({
      kind: fc.constant('pay' as const),
      replica: fc.nat(replicas - 1),
      client: fc.nat(20),
      amount: fc.integer({ min: 1, max: 90000 }),
      enrollment: fc.nat(20),
    }),
    fc.record({ kind: fc.constant('enroll' as const), replica: fc.nat(replicas - 1), client: fc.nat(20), cohort: fc.nat(1) }),
    fc.record({
      kind: fc.constant('replan' as const),
      replica: fc.nat(replicas - 1),
      enrollment: fc.nat(20),
      count: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({ kind: fc.constant('transfer' as const), replica: fc.nat(replicas - 1), enrollment: fc.nat(20), cohort: fc.nat(1) }),
    fc.record({ kind: fc.constant('forbiddenDelete' as const), replica: fc.integer({ min: 1, max: replicas - 1 }), client: fc.nat(20) }),
    fc.record({ kind: fc.constant('purge' as const), replica: fc.constant(0), client: fc.nat(20) }),
    fc.record({ kind: fc.constant('tick' as const), replica: fc.nat(replicas - 1), ms: fc.integer({ min: 0, max: 120_000 }) }),
    fc.record({ kind: fc.constant('sync' as const), replica: fc.nat(replicas - 1) }),
    fc.record({ kind: fc.constant('sync' as const), replica: fc.nat(replicas - 1) }),
    { arbitrary: fc.constantFrom({ kind: 'passphrase' as const }, { kind: 'rotate' as const }), weight: 1 },
    fc.record({ kind: fc.constant('unlock' as const), replica: fc.nat(replicas - 1) }),
  );

const scenario: fc.Arbitrary<Scenario> = fc.integer({ min: 2, max: 4 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    skews: fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: n, maxLength: n }),
    ops: fc.array(op(n), { minLength: 20, maxLength: 60 }),
    seed: fc.integer(),
  }),
);

const phones = { a: '+36301111111', b: '+36302222222', c: '+36303333333', d: '+36304444444' } as const;

function clientIds(replica: Replica): string[] {
  return replica.db.sqlite.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as string[];
}

/** The n-th (modulo) id of a table on this replica, or undefined when it has none. */
function nth(replica: Replica, sql: string, n: number, ...params: string[]): string | undefined {
  const ids = replica.db.sqlite
    .prepare(sql)
    .pluck()
    .all(...params) as string[];
  return ids[n % Math.max(ids.length, 1)];
}

/** The money operations: enrolling, paying, planning, moving a child; a refusal by the router is part of the scenario. */
function runMoney(replica: Replica, o: Op, attempt: (fn: () => unknown) => void): void {
  const cohortId = 'cohort' in o ? nth(replica, 'SELECT id FROM cohorts ORDER BY id', o.cohort) : undefined;
  const enrollmentId =
    'enrollment' in o && o.kind !== 'pay' ? nth(replica, 'SELECT id FROM enrollments ORDER BY id', o.enrollment) : undefined;
  const clientId = 'client' in o ? nth(replica, 'SELECT id FROM clients ORDER BY id', o.client) : undefined;
  if (o.kind === 'pay' && clientId) {
    const toward =
      o.enrollment === undefined
        ? undefined
        : nth(replica, 'SELECT id FROM enrollments WHERE client_id = ? ORDER BY id', o.enrollment, clientId);
    attempt(() => replica.call('payments.create', { clientId, amountMinor: o.amount, ...(toward ? { enrollmentId: toward } : {}) }));
  } else if (o.kind === 'enroll' && clientId && cohortId)
    attempt(() => replica.call('enrollments.create', { clientId, cohortId, status: 'confirmed' }));
  else if (o.kind === 'replan' && enrollmentId)
    attempt(() => replica.call('instalments.replan', { mode: 'equal', enrollmentId, count: o.count, firstDueOn: '2026-04-01' }));
  else if (o.kind === 'transfer' && enrollmentId && cohortId)
    attempt(() => replica.call('enrollments.transfer', { enrollmentId, cohortId }));
}

/** One user action on one replica (sync and key operations are the world's: see `step`). */
function run(replica: Replica, o: Op, forbidden: Map<string, Replica>): void {
  const ids = clientIds(replica);
  const id = 'client' in o ? ids[o.client % Math.max(ids.length, 1)] : undefined;
  const attempt = (fn: () => unknown) => {
    try {
      fn();
    } catch {
      // A refused edit (a deleted client, a forbidden role) is part of the scenario.
    }
  };
  switch (o.kind) {
    case 'create':
      return attempt(() => replica.call('clients.create', { firstName: o.name }));
    case 'edit':
      if (!id) return;
      return attempt(() =>
        replica.call('clients.update', { id, [o.field]: o.field === 'phone' ? phones[o.value as keyof typeof phones] : o.value }),
      );
    case 'delete':
      if (id) attempt(() => replica.call('clients.delete', { id }));
      return;
    case 'restore':
      if (id) attempt(() => replica.call('audit.restore', { table: 'clients', id }));
      return;
    case 'purge':
      if (!id) return;
      attempt(() => replica.call('clients.delete', { id }));
      return attempt(() => replica.call('records.purge', { table: 'clients', id }));
    case 'pay':
    case 'enroll':
    case 'replan':
    case 'transfer':
      return runMoney(replica, o, attempt);
    case 'forbiddenDelete':
      if (!id) return;
      // A tampered assistant app writing around its router; the other replicas must refuse it.
      return attempt(() => {
        const before = replica.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get();
        const { tx } = applyChanges({ db: replica.db, clock: replica.clock, actor: replica.actor }, [
          { op: 'delete', table: 'clients', id },
        ]);
        if (replica.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() !== before) forbidden.set(tx, replica);
      });
    case 'tick':
      return replica.clock.advance(o.ms);
  }
}

/** Everything one case plays with: the cloud, the replicas, the current passphrase, and what was written around a router. */
interface World {
  cloud: UnreliableCloud;
  owner: Replica;
  replicas: Replica[];
  /** An idle device the owner revokes at each 'rotate' (it exists only in cases that rotate). */
  spare: Replica | null;
  passphrase: string;
  passphraseChanges: number;
  /** Forbidden transactions by the tampered app that wrote them. */
  forbidden: Map<string, Replica>;
  /** Every database the case opened, closed and removed when it ends (2,000 cases must not hold 8,000 files open). */
  opened: Replica[];
  /** Where each device that joined from a snapshot started: the peers' files that snapshot covered. */
  joinedAt: Map<Replica, Record<string, number>>;
}

/** Sync rounds until one moves nothing (at most six: a case that needs more is a failure the checks will show). */
function converge(replicas: Replica[], folder: SyncFolder): void {
  for (let round = 0; round < 6; round++) {
    let moved = 0;
    for (const replica of replicas) {
      const report = syncNow(replica.db, folder, replica.clock, { snapshotEvery: 3 });
      moved += report.sent + report.received + report.applied + report.rejected;
    }
    if (moved === 0) return;
  }
}

/** What a device that just joined has of each peer: what its snapshot covered. */
const startedFrom = (r: Replica): Record<string, number> =>
  Object.fromEntries(r.db.sqlite.prepare('SELECT device_id, applied_seq FROM sync_peers').raw().all() as [string, number][]);

function startWorld({ n, skews, ops, seed }: Scenario): World {
  const cloud = new UnreliableCloud(prng(seed));
  const owner = ownerReplica(cloud.direct);
  const replicas: Replica[] = [owner];
  const joinedAt = new Map<Replica, Record<string, number>>();
  for (let i = 1; i < n; i++) {
    const start = new Date(owner.clock.now().getTime() + (skews[i] ?? 0)).toISOString();
    const replica = joinReplica(owner, cloud.direct, { username: `helper${i}`, role: 'assistant', now: start });
    joinedAt.set(replica, startedFrom(replica));
    replicas.push(replica);
  }
  const spare = ops.some((o) => o.kind === 'rotate') ? joinReplica(owner, cloud.direct, { username: 'spare', role: 'assistant' }) : null;
  // A few shared clients first, so that random edits on different machines meet on the same rows.
  for (const name of ['Anna', 'Béla', 'Csilla', 'Dénes']) owner.call('clients.create', { firstName: name });
  if (ops.some((o) => o.kind === 'enroll')) {
    const program = owner.call('programs.create', { name: 'Angol', defaultPriceMinor: 120_000 });
    owner.call('cohorts.create', { programId: program.id, name: 'A', priceMinor: 120_000 });
    owner.call('cohorts.create', { programId: program.id, name: 'B', priceMinor: 150_000 });
  }
  converge(spare ? [...replicas, spare] : replicas, cloud.direct);
  const opened = spare ? [...replicas, spare] : [...replicas];
  return { cloud, owner, replicas, spare, passphrase: PASSPHRASE, passphraseChanges: 0, forbidden: new Map(), opened, joinedAt };
}

/**
 * One operation; the owner's own key files go to the folder directly, as its own
 * disk would hold them at once. 'rotate' revokes an idle spare, not a replica that
 * writes: a revocation refuses a device's files after those the owner had applied,
 * and a replica that applied a later one before the revocation reached it keeps
 * it — nothing takes applied entries back yet, so revoking a writing device can
 * diverge (seen: the owner without a client a second assistant keeps). That gap
 * is known and not modelled until revocation can roll back.
 */
function step(world: World, o: Op): void {
  const replica = world.replicas['replica' in o ? o.replica : 0] as Replica;
  const next = () => `${PASSPHRASE} ${++world.passphraseChanges}`;
  if (o.kind === 'sync') syncNow(replica.db, world.cloud.view, replica.clock, { snapshotEvery: 3 });
  else if (o.kind === 'unlock') unlockSync(replica.db, world.cloud.direct, world.passphrase);
  else if (o.kind === 'passphrase') {
    const passphrase = next();
    changePassphrase(world.owner.db, world.cloud.direct, { current: world.passphrase, next: passphrase }, TEST_KDF_COST);
    world.passphrase = passphrase;
  } else if (o.kind === 'rotate' && world.spare) {
    world.passphrase = next();
    revokeDevice(world.owner.db, world.cloud.direct, world.spare.db.deviceId, { passphrase: world.passphrase, testKdfCost: TEST_KDF_COST });
  } else run(replica, o, world.forbidden);
  for (const r of world.replicas) r.clock.advance(1000);
}

/** The cloud delivers everything, everyone enters the current passphrase and syncs, and a device joins late from the snapshot. */
function finish(world: World): Replica[] {
  world.cloud.settle();
  if (world.passphraseChanges > 0) for (const r of world.replicas.slice(1)) unlockSync(r.db, world.cloud.direct, world.passphrase);
  converge(world.replicas, world.cloud.direct);
  const late = joinReplica(world.owner, world.cloud.direct, { username: 'late', role: 'assistant', passphrase: world.passphrase });
  world.opened.push(late);
  world.joinedAt.set(late, startedFrom(late));
  const all = [...world.replicas, late];
  converge(all, world.cloud.direct);
  return all;
}

const ownTxs = (r: Replica) =>
  new Set(r.db.sqlite.prepare('SELECT DISTINCT tx FROM changes WHERE device_id = ?').pluck().all(r.db.deviceId) as string[]);

/** Property 2: the refused transactions are exactly the forbidden ones, and each replica that did not write one recorded it. */
function checkVerdicts(world: World, all: Replica[]): Set<string> {
  const refused = new Set<string>();
  for (const r of all) for (const rej of syncStatus(r.db).rejections) if (rej.tx) refused.add(rej.tx);
  expect(
    [...refused].filter((tx) => !world.forbidden.has(tx)),
    'the transactions refused anywhere are forbidden ones',
  ).toEqual([]);
  // A forbidden write about a client the owner erased before it left its machine was erased with the client: nothing to refuse.
  const neverSent = [...world.forbidden].filter(([tx]) => !refused.has(tx));
  for (const [tx, author] of neverSent) expect(ownTxs(author).has(tx), `forbidden ${tx} was neither refused nor erased`).toBe(false);
  // The late joiner started from a snapshot that already left them out.
  // One erased with its client may have been rewritten out of its author's files before every replica read it.
  const stillSent = [...refused].filter((tx) => {
    const author = world.forbidden.get(tx);
    return author !== undefined && ownTxs(author).has(tx);
  });
  for (const [index, r] of world.replicas.entries()) {
    const mine = ownTxs(r);
    const seen = new Set(syncStatus(r.db).rejections.map((x) => x.tx));
    for (const tx of stillSent) if (!mine.has(tx)) expect(seen.has(tx), `replica ${index} recorded the refusal of ${tx}`).toBe(true);
  }
  return refused;
}

type Rows = Map<string, Record<string, unknown>>;

/** Folds the union of the replicas' logs in HLC order, leaving out the excluded transactions. */
function oracle(replicas: Replica[], excluded: Set<string>): Rows {
  const union = new Map<string, { hlc: string; t: string; id: string; c: string; v: string | null }>();
  for (const replica of replicas)
    for (const e of replica.db.sqlite
      .prepare('SELECT hlc, tx, table_name AS t, row_id AS id, "column" AS c, value AS v FROM changes')
      .all() as {
      hlc: string;
      tx: string;
      t: string;
      id: string;
      c: string;
      v: string | null;
    }[])
      if (!excluded.has(e.tx) && !isPasswordHash(e.t, e.c)) union.set(`${e.hlc}|${e.t}|${e.id}|${e.c}`, e);
  const rows: Rows = new Map();
  for (const e of [...union.values()].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0))) {
    const k = `${e.t}|${e.id}`;
    const row = rows.get(k) ?? { id: e.id };
    row[e.c] = e.v === null ? null : JSON.parse(e.v);
    rows.set(k, row);
  }
  return rows;
}

/** Password hashes go only to their own user's machines (by design not the same everywhere): compared apart. */
const isPasswordHash = (table: string, column: string) => table === 'users' && column === 'password_hash';

function folded(replica: Replica): Rows {
  const rows: Rows = new Map();
  for (const [table, byId] of foldChanges(replica.db.sqlite))
    for (const [id, row] of byId) {
      const copy = { ...row };
      if (table === 'users') delete copy['password_hash'];
      rows.set(`${table}|${id}`, copy);
    }
  return rows;
}

/** Peers (the revoked spare aside) whose newest file this replica has not applied: it would wait at a gap. */
function filesNotApplied(all: Replica[], r: Replica): string[] {
  const missing: string[] = [];
  for (const [index, peer] of all.entries()) {
    if (peer === r) continue;
    const published = publishedSeq(peer.db);
    const applied = appliedSeqOf(r.db, peer.db.deviceId);
    if (applied < published) missing.push(`replica ${index}: applied ${applied} of ${published}`);
  }
  return missing;
}

/** Properties 1 and 4: every replica and the late joiner equal the oracle over what each accepted. */
function checkConvergence(world: World, all: Replica[], refused: Set<string>): void {
  const tampered = new Set(world.forbidden.values());
  for (const [index, r] of all.entries()) {
    // A tampered app keeps its own refused writes; everything else is the same set everywhere.
    const own = ownTxs(r);
    const expected = oracle(all, new Set([...refused].filter((tx) => !own.has(tx))));
    const name = index === all.length - 1 ? 'the late joiner' : `replica ${index}`;
    expect(filesNotApplied(all, r), `files ${name} has not applied`).toEqual([]);
    expect(logDrift(r.db.sqlite), `${name}: rows that differ from its log`).toEqual([]);
    expect(folded(r), `${name} against the oracle`).toEqual(expected);
    expect(r.db.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get(), `${name}: entries parked`).toBe(0);
    // A machine holds the password hash of the user certified for it, and no one else's.
    if (r !== world.owner) expect(passwordHashes(r.db), `${name}: password hashes`).toEqual([r.actor.username]);
  }
  const honest = all.filter((r) => !tampered.has(r));
  for (const r of honest.slice(1)) expect(liveRows(r.db)).toEqual(liveRows(world.owner.db));
}

/**
 * Property 3: every file still in the folder that the replica has applied, and the
 * owner's snapshot, applied again change nothing and add no verdict. A replica that
 * joined from a snapshot never applied the files it covers (it holds only their
 * newest values), so for it "again" starts where it started.
 */
function checkIdempotence(world: World, all: Replica[], r: Replica): void {
  const config = readConfig(r.db);
  if (!config) throw new Error('a replica without sync');
  const count = (table: string) => r.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  const before = { changes: count('changes'), rejections: count('sync_rejections'), rows: folded(r) };
  for (const peer of all) {
    const seqs = world.cloud.direct
      .list(deviceDir(config, peer.db.deviceId))
      .filter((name) => CHANGE_FILE.test(name))
      .map((name) => Number(name.slice(0, 10)));
    if (peer === r || seqs.length === 0) continue;
    const startedAfter = world.joinedAt.get(r)?.[peer.db.deviceId] ?? 0;
    r.db.sqlite
      .prepare('UPDATE sync_peers SET applied_seq = min(applied_seq, ?) WHERE device_id = ?')
      .run(Math.max(Math.min(...seqs) - 1, startedAfter), peer.db.deviceId);
  }
  const snapshot = latestSnapshot(world.cloud.direct, config);
  if (snapshot) mergeEntries(r.db.sqlite, r.db.deviceId, r.clock.now().getTime(), snapshot.entries);
  syncNow(r.db, world.cloud.direct, r.clock);
  const after = { changes: count('changes'), rejections: count('sync_rejections'), rows: folded(r) };
  expect(after, `${r === all.at(-1) ? 'the late joiner' : `replica ${all.indexOf(r)}`}: everything applied again`).toEqual(before);
}

/** One case, start to end; throws on the first property that does not hold. */
function scenarioHolds(s: Scenario): void {
  const world = startWorld(s);
  try {
    for (const o of s.ops) step(world, o);
    const all = finish(world);
    const refused = checkVerdicts(world, all);
    checkConvergence(world, all, refused);
    for (const r of all) checkIdempotence(world, all, r);
  } finally {
    for (const r of world.opened) {
      closeDatabase(r.db);
      rmSync(dirname(r.db.file), { recursive: true, force: true });
    }
  }
}

/**
 * Issue 20: seed 20260310, path "195", as fast-check shrank it. Replica 1 pruned
 * its first change file while replica 2 had not applied it: that round's listing
 * of the owner's certificates missed replica 2's, and the read of its join
 * request came back short, so replica 1 counted only the owner as a device its
 * files were for. Replica 2 then waited at the gap for ever — without replica
 * 1's payment, and (in the case as first found) without a record of the refusal
 * of replica 1's forbidden deletes.
 */
const ISSUE_20: Scenario = {
  n: 3,
  skews: [0, 0, 0],
  ops: [
    { kind: 'delete', replica: 0, client: 0 },
    { kind: 'edit', replica: 0, client: 0, field: 'notes', value: 'a' },
    { kind: 'create', replica: 0, name: 'Anna' },
    { kind: 'pay', replica: 1, client: 0, amount: 1 },
    { kind: 'sync', replica: 1 },
    { kind: 'edit', replica: 0, client: 0, field: 'notes', value: 'a' },
    { kind: 'sync', replica: 0 },
    { kind: 'edit', replica: 1, client: 0, field: 'notes', value: 'a' },
    { kind: 'sync', replica: 1 },
    { kind: 'edit', replica: 0, client: 0, field: 'notes', value: 'a' },
    { kind: 'forbiddenDelete', replica: 1, client: 0 },
    { kind: 'edit', replica: 0, client: 0, field: 'notes', value: 'a' },
    { kind: 'edit', replica: 0, client: 0, field: 'notes', value: 'a' },
    { kind: 'edit', replica: 0, client: 0, field: 'notes', value: 'a' },
    { kind: 'delete', replica: 0, client: 0 },
    { kind: 'forbiddenDelete', replica: 1, client: 0 },
    { kind: 'tick', replica: 0, ms: 0 },
    { kind: 'edit', replica: 0, client: 0, field: 'notes', value: 'a' },
    { kind: 'create', replica: 0, name: 'Anna' },
    { kind: 'tick', replica: 0, ms: 0 },
  ],
  seed: 17,
};

describe('sync converges under an unreliable cloud folder (property)', () => {
  it('issue 20: a listing that misses a certificate does not let a device prune files a peer has not applied', () => {
    scenarioHolds(ISSUE_20);
  });

  it(
    `every replica equals the HLC-order oracle, refuses the same things, twice = once, and a snapshot joiner agrees (${RUNS} cases, seed ${SEED})`,
    () => {
      const details = fc.check(fc.property(scenario, scenarioHolds), {
        numRuns: RUNS,
        seed: SEED,
        // Stop at the first failure to print its seed and path quickly; shrink when replaying one.
        endOnFailure: REPLAY_PATH === undefined,
        ...(REPLAY_PATH === undefined ? {} : { path: REPLAY_PATH }),
      });
      if (details.failed) {
        const replay = `SYNC_FUZZ_SEED=${details.seed} SYNC_FUZZ_PATH=${details.counterexamplePath ?? ''} npx vitest run tests/integration/sync-fuzz.test.ts`;
        console.error(`The sync property failed. Replay this case (and shrink it) with:\n  ${replay}`);
        const cause = details.errorInstance;
        const failure = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
        throw new Error(`${fc.defaultReportMessage(details)}\nFailed: ${failure}\nReplay (and shrink): ${replay}`, { cause });
      }
    },
    Math.max(600_000, RUNS * 10_000),
  );
});
