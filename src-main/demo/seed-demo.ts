/**
 * A believable school built from a seed, for demos, screenshots, manual testing
 * and the benchmarks: programs in the workspace's language, teachers, rooms,
 * cohorts a year back and a few months ahead, families (about three in ten
 * clients are children whose guardian is also a client), enrollments in every
 * status, instalment plans, payments that are on time, partial, late or missing,
 * and the calls and notes around them.
 *
 * The same seed and the same day give the same school, so a bug seen in a demo
 * can be seen again: every choice comes from a small PRNG of our own (random.ts),
 * never `Math.random`. Row ids are the only thing that differs between runs.
 *
 * Everything is written through the funnel (`applyChanges`), so the demo has the
 * change log a real school would have, in batches of a few thousand writes per
 * transaction: ten thousand clients take seconds. A database that already holds
 * clients is refused, so a demo can never be mixed into a school's real data.
 *
 * This file is the pipeline; each stage lives in the file named for what it makes:
 * school.ts (settings, chance, prices, the batched writer), catalog.ts (teachers,
 * rooms, programs, cohorts), people.ts (clients and families), enrollments.ts
 * (enrollments and their history) and money.ts (instalments and payments), with
 * the words in vocabulary.ts.
 */
import { AppError } from '../../src-shared/errors';
import type { ServiceContext } from '../core/context';
import { buildCatalog } from './catalog';
import { seedPeople } from './people';
import { openDemoSchool } from './school';

export { Random } from './random';

export interface SeedOptions {
  clients: number;
  seed?: string | number;
  /** Writes per funnel call (one transaction each). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  seed: string;
  today: string;
  programs: number;
  teachers: number;
  rooms: number;
  cohorts: number;
  clients: number;
  children: number;
  enrollments: number;
  instalments: number;
  payments: number;
  activities: number;
  /** Change-log entries (columns written) the seed added, as the log is read. */
  changes: number;
  /** Change-log rows (row writes) the seed added, as the log is stored. */
  changeLogRows: number;
  ms: number;
}

export function seedDemo(ctx: ServiceContext, options: SeedOptions): SeedResult {
  const started = performance.now();
  const total = Math.floor(options.clients);
  if (!Number.isFinite(total) || total < 1 || total > 2_000_000) {
    throw new AppError('VALIDATION', 'Give between 1 and 2,000,000 clients', [
      { path: ['clients'], code: 'out_of_range', message: 'Give between 1 and 2,000,000 clients' },
    ]);
  }
  if (hasClients(ctx)) {
    throw new AppError('CONFLICT', 'This database already holds clients: the demo is only seeded into an empty workspace', [
      { path: ['db'], code: 'not_empty', message: 'The database already holds clients' },
    ]);
  }
  const changesBefore = countChanges(ctx);
  const rowsBefore = countChangeLogRows(ctx);
  const { school, catalog, clients } = withLargeCache(ctx, () => {
    const school = openDemoSchool(ctx, options);
    const catalog = buildCatalog(school, total);
    const clients = seedPeople(school, catalog, total, options.onProgress);
    school.flush();
    return { school, catalog, clients };
  });

  const { counts } = school;
  return {
    seed: school.seed,
    today: school.today,
    programs: catalog.programs.length,
    teachers: catalog.teacherIds.length,
    rooms: catalog.roomIds.length,
    cohorts: catalog.programs.reduce((n, p) => n + p.cohorts.length, 0),
    clients,
    children: counts.children,
    enrollments: counts.enrollments,
    instalments: counts.instalments,
    payments: counts.payments,
    activities: counts.activities,
    changes: countChanges(ctx) - changesBefore,
    changeLogRows: countChangeLogRows(ctx) - rowsBefore,
    ms: performance.now() - started,
  };
}

/**
 * A batch's dirty pages stay in SQLite's cache until its commit: the demo is written
 * with a 256 MB cache (unless the connection's is larger), the connection's own after.
 */
function withLargeCache<T>(ctx: ServiceContext, work: () => T): T {
  const { sqlite } = ctx.db;
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = ${Math.min(cacheSize, -262_144)}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

function hasClients(ctx: ServiceContext): boolean {
  return ctx.db.sqlite.prepare('SELECT 1 FROM clients LIMIT 1').get() !== undefined;
}

function countChangeLogRows(ctx: ServiceContext): number {
  return ctx.db.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
}

function countChanges(ctx: ServiceContext): number {
  return (ctx.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
}
