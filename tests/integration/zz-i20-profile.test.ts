// TEMPORARY (issue 20 profiling) — removed before finishing.
import { it, vi } from 'vitest';
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scryptSync = (password: import('node:crypto').BinaryLike, salt: import('node:crypto').BinaryLike, keylen: number) =>
    real.scryptSync(password, salt, keylen, { N: 1024, r: 1, p: 1 });
  return { ...real, default: { ...real, scryptSync }, scryptSync };
});
import { syncNow } from '../../src-main/sync';
import { diskFolder } from '../../src-main/sync/folder';
import { tempDir } from './helpers';
import { joinReplica, ownerReplica } from './sync-helpers';

it('profile', () => {
  const folder = diskFolder(tempDir());
  const mem = new Map<string, Buffer>();
  const memFolder = {
    list: (dir: string) => { const p = `${dir}/`; const s = new Set<string>(); for (const k of mem.keys()) if (k.startsWith(p)) s.add(k.slice(p.length).split('/')[0] as string); return [...s]; },
    read: (p: string) => mem.get(p) ?? null, write: (p: string, d: Buffer) => void mem.set(p, d), remove: (p: string) => void mem.delete(p),
  };
  void folder;
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    const lap = (what: string) => { const n = performance.now(); console.log(what, (n - t).toFixed(0), 'ms'); t = n; };
    const owner = ownerReplica(memFolder);
    lap('owner');
    const a = joinReplica(owner, memFolder, { username: 'a' + k, role: 'assistant' });
    lap('join');
    for (const name of ['Anna', 'Béla', 'Csilla', 'Dénes']) owner.call('clients.create', { firstName: name });
    lap('4 creates');
    for (let i = 0; i < 10; i++) { syncNow(owner.db, memFolder, owner.clock, { snapshotEvery: 3 }); syncNow(a.db, memFolder, a.clock, { snapshotEvery: 3 }); }
    lap('20 syncs');
    for (let i = 0; i < 20; i++) a.call('clients.update', { id: owner.call('clients.list', {}).rows[0]!.id, notes: String(i) });
    lap('20 edits');
  }
});
