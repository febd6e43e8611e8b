/**
 * The automatic sync loop on a real folder: a file arriving from another machine
 * starts a run, this device's own writes do not (or every run would start the
 * next), a failing run is reported and does not stop the loop, and nothing runs
 * while sync is off.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSyncScheduler } from '../../src-main/sync/scheduler';
import { tempDir } from './helpers';

describe('sync scheduler', () => {
  it('runs when another device’s file arrives, ignores its own writes, survives a failing run', async () => {
    const folder = tempDir();
    mkdirSync(join(folder, 'devices', 'me'), { recursive: true });
    mkdirSync(join(folder, 'devices', 'peer'), { recursive: true });
    let runs = 0;
    let fail = true;
    const errors: unknown[] = [];
    const scheduler = startSyncScheduler({
      run: () => {
        runs++;
        if (fail) throw new Error('folder unplugged');
      },
      folder: () => folder,
      ignore: (name) => name.includes('me'),
      intervalMs: 3_600_000,
      debounceMs: 20,
      onError: (error) => errors.push(error),
    });
    try {
      await vi.waitFor(() => expect(runs).toBe(1));
      expect(errors).toHaveLength(1);
      fail = false;
      writeFileSync(join(folder, 'devices', 'peer', '0000000001-aaaa.tcf'), 'x');
      await vi.waitFor(() => expect(runs).toBe(2));
      writeFileSync(join(folder, 'devices', 'me', 'state.tcs'), 'x');
      // Give the watcher ample chance to (wrongly) fire on our own write.
      await new Promise((done) => setTimeout(done, 300));
      expect(runs).toBe(2);
      writeFileSync(join(folder, 'devices', 'peer', '0000000002-bbbb.tcf'), 'y');
      await vi.waitFor(() => expect(runs).toBe(3));
      expect(errors).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
  });

  it('does nothing while sync is off', async () => {
    let runs = 0;
    const scheduler = startSyncScheduler({ run: () => void runs++, folder: () => null, debounceMs: 1 });
    await new Promise((done) => setTimeout(done, 30));
    scheduler.stop();
    expect(runs).toBe(0);
  });
});
