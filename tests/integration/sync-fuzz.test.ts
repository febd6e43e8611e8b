/**
 * Property-based sync: 2–4 real replicas with skewed clocks make random edits —
 * the same field on two machines, delete against edit, payments on both sides,
 * now and then a tampered assistant app deleting around its router — and sync
 * through a simulated cloud folder that delays, reorders, duplicates, truncates,
 * renames to conflicted copies, lists partially and loses files. After everything
 * is delivered, every replica must hold exactly what an oracle gets by folding
 * all accepted entries in HLC order, refuse the same transactions, and a late
 * joiner starting from a snapshot must end up the same (snapshot + tail = full
 * replay). Re-applying every file changes nothing (twice = once).
 *
 * The seed is fixed; SYNC_FUZZ_RUNS raises the run count for a nightly job.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChanges, logDrift } from '../../src-main/changes/changelog';
import { applyChanges } from '../../src-main/changes/funnel';
import { syncNow, syncStatus } from '../../src-main/sync';
import type { SyncFolder } from '../../src-main/sync/folder';
import { joinReplica, liveRows, ownerReplica, type Replica } from './sync-helpers';

const RUNS = Number(process.env['SYNC_FUZZ_RUNS'] ?? 8);

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
  | { kind: 'pay'; replica: number; client: number; amount: number }
  | { kind: 'forbiddenDelete'; replica: number; client: number }
  | { kind: 'tick'; replica: number; ms: number }
  | { kind: 'sync'; replica: number };

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
    }),
    fc.record({ kind: fc.constant('forbiddenDelete' as const), replica: fc.integer({ min: 1, max: replicas - 1 }), client: fc.nat(20) }),
    fc.record({ kind: fc.constant('tick' as const), replica: fc.nat(replicas - 1), ms: fc.integer({ min: 0, max: 120_000 }) }),
    fc.record({ kind: fc.constant('sync' as const), replica: fc.nat(replicas - 1) }),
    fc.record({ kind: fc.constant('sync' as const), replica: fc.nat(replicas - 1) }),
  );

const phones = { a: '+36301111111', b: '+36302222222', c: '+36303333333', d: '+36304444444' } as const;

function clientIds(replica: Replica): string[] {
  return replica.db.sqlite.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as string[];
}

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
      if (id) attempt(() => replica.call('clients.restore', { id }));
      return;
    case 'pay':
      if (id) attempt(() => replica.call('payments.create', { clientId: id, amountMinor: o.amount }));
      return;
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

function oracle(replicas: Replica[], excluded: Set<string>) {
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
      if (!excluded.has(e.tx)) union.set(`${e.hlc}|${e.t}|${e.id}|${e.c}`, e);
  const rows = new Map<string, Record<string, unknown>>();
  for (const e of [...union.values()].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0))) {
    const k = `${e.t}|${e.id}`;
    const row = rows.get(k) ?? { id: e.id };
    row[e.c] = e.v === null ? null : JSON.parse(e.v);
    rows.set(k, row);
  }
  return rows;
}

function folded(replica: Replica) {
  const rows = new Map<string, Record<string, unknown>>();
  for (const [table, byId] of foldChanges(replica.db.sqlite)) for (const [id, row] of byId) rows.set(`${table}|${id}`, row);
  return rows;
}

function converge(replicas: Replica[], folder: SyncFolder): void {
  for (let round = 0; round < 4; round++) for (const replica of replicas) syncNow(replica.db, folder, replica.clock, { snapshotEvery: 3 });
}

describe('sync converges under an unreliable cloud folder (property)', () => {
  it('every replica equals the HLC-order oracle, refuses the same things, and a snapshot joiner agrees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            skews: fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: n, maxLength: n }),
            ops: fc.array(op(n), { minLength: 20, maxLength: 60 }),
            seed: fc.integer(),
          }),
        ),
        ({ n, skews, ops, seed }) => {
          const cloud = new UnreliableCloud(prng(seed));
          const owner = ownerReplica(cloud.direct);
          const replicas: Replica[] = [owner];
          for (let i = 1; i < n; i++) {
            const start = new Date(owner.clock.now().getTime() + (skews[i] ?? 0)).toISOString();
            replicas.push(joinReplica(owner, cloud.direct, { username: `helper${i}`, role: 'assistant', now: start }));
          }
          // A few shared clients first, so that random edits on different machines meet on the same rows.
          for (const name of ['Anna', 'Béla', 'Csilla', 'Dénes']) owner.call('clients.create', { firstName: name });
          converge(replicas, cloud.direct);
          const forbidden = new Map<string, Replica>();
          for (const o of ops) {
            const replica = replicas[o.replica] as Replica;
            if (o.kind === 'sync') syncNow(replica.db, cloud.view, replica.clock, { snapshotEvery: 3 });
            else run(replica, o, forbidden);
            for (const r of replicas) r.clock.advance(1000);
          }

          cloud.settle();
          converge(replicas, cloud.direct);
          // A late joiner starts from the owner's snapshot and follows the tail.
          const late = joinReplica(owner, cloud.direct, { username: 'late', role: 'assistant' });
          converge([...replicas, late], cloud.direct);
          const all = [...replicas, late];

          const refused = new Set<string>();
          for (const r of all) for (const rej of syncStatus(r.db).rejections) if (rej.tx) refused.add(rej.tx);
          expect([...refused].sort()).toEqual([...forbidden.keys()].sort());
          // Same verdicts: each refused transaction is refused by every replica that did not write it
          // (the late joiner started from a snapshot that already left them out).
          for (const r of replicas) {
            const mine = new Set(
              r.db.sqlite.prepare('SELECT DISTINCT tx FROM changes WHERE device_id = ?').pluck().all(r.db.deviceId) as string[],
            );
            const seen = new Set(syncStatus(r.db).rejections.map((x) => x.tx));
            for (const tx of refused) if (!mine.has(tx)) expect(seen.has(tx)).toBe(true);
          }

          const expected = oracle(all, refused);
          const tamperedApps = new Set(forbidden.values());
          const honest = all.filter((r) => !tamperedApps.has(r));
          for (const r of honest) {
            expect(logDrift(r.db.sqlite)).toEqual([]);
            expect(folded(r)).toEqual(expected);
            expect(r.db.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get()).toBe(0);
          }
          for (const r of honest.slice(1)) expect(liveRows(r.db)).toEqual(liveRows(owner.db));

          // Twice = once: forget every peer's applied sequence and apply all files again.
          const before = owner.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get();
          owner.db.sqlite.prepare('UPDATE sync_peers SET applied_seq = 0').run();
          owner.db.sqlite.prepare('DELETE FROM sync_rejections').run();
          syncNow(owner.db, cloud.direct, owner.clock);
          expect(owner.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(before);
          expect(folded(owner)).toEqual(expected);
        },
      ),
      {
        numRuns: RUNS,
        seed: Number(process.env['SYNC_FUZZ_SEED'] ?? 20260310),
        endOnFailure: !process.env['SYNC_FUZZ_PATH'],
        ...(process.env['SYNC_FUZZ_PATH'] ? { path: process.env['SYNC_FUZZ_PATH'], verbose: 1 } : {}),
      },
    );
  }, 600_000);
});
