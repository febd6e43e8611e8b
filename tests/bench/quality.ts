/**
 * The data-quality benchmark: a 10,000-client demo school (seed-demo) gets 40
 * duplicates planted the ways people type a client twice (src-main/demo/duplicates.ts),
 * then the duplicates finder (`quality.duplicates`), the score (`quality.score`) and
 * the archive preview (`quality.archivePreview`) are timed through the router as
 * the owner. The finder blocks on indexed keys instead of comparing every pair, so
 * it should answer well under a second; the lines say how long it took and
 * whether every planted copy was found. Times only; nothing here asserts a time
 * (tests/integration/quality-planted.test.ts asserts what is found).
 *
 * `npm run bench` calls `qualityBenchLines()`; `npx tsx tests/bench/quality.ts`
 * runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace } from '../../src-main/api/workspace';
import { fixedClock } from '../../src-main/core/context';
import { plantDuplicates } from '../../src-main/demo/duplicates';
import { seedDemo } from '../../src-main/demo/seed-demo';
import type { DuplicateGroup } from '../../src-shared/api/quality-methods';
import { contextOf, directCallIn, keyBeside } from '../integration/direct';

const clientCount = 10_000;
const plantedCount = 40;

function timed<T>(runs: number, fn: () => T): { value: T; p50: number; max: number } {
  let value = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { value, p50: samples[Math.floor(samples.length / 2)] as number, max: samples[samples.length - 1] as number };
}

export function qualityBenchLines(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-quality-bench-'));
  const file = join(dir, 'school.db');
  const workspace = openWorkspace(file, {
    key: keyBeside(file),
    clock: fixedClock('2026-03-10T08:00:00Z'),
    initIfEmpty: { schoolName: 'Bench school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  try {
    const ctx = contextOf(workspace, ownerActor(workspace.db));
    const call = <T>(method: string, input: unknown): T => {
      const result = directCallIn(ctx, method, input);
      if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    seedDemo(ctx, { clients: clientCount, seed: 'quality-bench' });
    const before = call<DuplicateGroup[]>('quality.duplicates', {});
    const grouped = new Set(before.flatMap((g) => g.clients.map((c) => c.id)));
    const planted = plantDuplicates(ctx, { count: plantedCount, seed: 'quality-bench', grouped });
    const finder = timed(5, () => call<DuplicateGroup[]>('quality.duplicates', {}));
    const groupOf = new Map(finder.value.flatMap((g) => g.clients.map((c) => [c.id, g.key] as const)));
    const found = planted.filter(
      (p) => groupOf.get(p.originalId) !== undefined && groupOf.get(p.originalId) === groupOf.get(p.duplicateId),
    );
    const score = timed(3, () => call('quality.score', {}));
    const archive = timed(3, () => call<{ clients: unknown[] }>('quality.archivePreview', { months: 12 }));
    const total = workspace.db.sqlite.prepare('SELECT count(*) FROM clients').pluck().get() as number;
    const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
    return [
      '## Data quality',
      '',
      `A demo school of ${total.toLocaleString('en-US')} clients with ${planted.length} planted duplicates (${[...new Set(planted.map((p) => p.variant))].join(', ')}); ${before.length} groups the demo itself already holds.`,
      '',
      '| measurement | p50 | max |',
      '|---|---:|---:|',
      `| quality.duplicates: ${finder.value.length} groups, ${found.length} of ${planted.length} planted found | ${fmt(finder.p50)} | ${fmt(finder.max)} |`,
      `| quality.score: clients and enrollments | ${fmt(score.p50)} | ${fmt(score.max)} |`,
      `| quality.archivePreview: idle 12 months (${archive.value.clients.length} clients) | ${fmt(archive.p50)} | ${fmt(archive.max)} |`,
      '',
    ];
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(qualityBenchLines().join('\n'));
