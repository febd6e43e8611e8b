/**
 * The duplicates finder on a demo school with planted duplicates: a few thousand
 * clients from seed-demo, then copies of some of them typed the ways people type a
 * client twice (src-main/demo/duplicates.ts). The finder must link every copy to
 * its original and change nothing else: its groups after planting are its groups
 * before plus exactly one planted pair each. (How fast it is at 10,000 clients is
 * the bench's business: tests/bench/quality.ts.)
 */
import { describe, expect, it } from 'vitest';
import { plantDuplicates } from '../../src-main/demo/duplicates';
import { seedDemo } from '../../src-main/demo/seed-demo';
import { openTestWorkspace } from './helpers';

describe('quality.duplicates on a demo school', () => {
  it('finds exactly the planted duplicates besides what the demo already holds', () => {
    const ws = openTestWorkspace();
    seedDemo(ws.ctx, { clients: 4000, seed: 'planted' });
    const groupsOf = () => ws.call('quality.duplicates').map((g) => g.clients.map((c) => c.id).sort());
    const before = groupsOf();
    const planted = plantDuplicates(ws.ctx, { count: 40, seed: 'planted', grouped: new Set(before.flat()) });
    expect(planted).toHaveLength(40);
    expect(new Set(planted.map((p) => p.variant))).toEqual(new Set(['swapped', 'accents', 'doubled', 'guardian']));

    const after = groupsOf();
    const expected = [...before, ...planted.map((p) => [p.originalId, p.duplicateId].sort())];
    const canonical = (groups: string[][]) => groups.map((ids) => ids.join('+')).sort();
    expect(canonical(after)).toEqual(canonical(expected));
  });
});
