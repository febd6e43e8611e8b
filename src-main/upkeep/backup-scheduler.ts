/**
 * When automatic backups are taken: once at start, then every 30 minutes but
 * only if something was written since the last one (the change log's highest
 * sequence number moved), so an idle laptop does not fill its backups folder
 * with identical copies. The host calls `tick()` on a timer; the clock and the
 * work are injected, so a test can move a fixed clock and count the backups.
 * Ticks never overlap: a slow backup is not started twice.
 */
import type { BackupReason } from '../../src-shared/api/backups-methods';
import type { Clock } from '../core/context';

export interface BackupSchedulerOptions {
  clock: Clock;
  /** The change log's highest sequence number now. */
  changeMark(): number;
  takeBackup(reason: BackupReason): Promise<unknown>;
  intervalMs?: number;
  onError?(error: unknown): void;
}

export interface BackupScheduler {
  /** The backup at start (always taken). */
  start(): Promise<void>;
  /** Takes an interval backup when due and something changed; resolves to whether it did. */
  tick(): Promise<boolean>;
  /** A backup was taken by other means (before an import…): the interval counts from it. */
  noteBackup(): void;
}

export const defaultBackupIntervalMs = 30 * 60_000;

export function createBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const interval = options.intervalMs ?? defaultBackupIntervalMs;
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastMark = -1;
  let running = false;

  async function run(reason: BackupReason): Promise<boolean> {
    if (running) return false;
    running = true;
    const mark = options.changeMark();
    try {
      await options.takeBackup(reason);
      lastAt = options.clock.now().getTime();
      lastMark = mark;
      return true;
    } catch (error) {
      options.onError?.(error);
      return false;
    } finally {
      running = false;
    }
  }

  return {
    start: async () => {
      await run('start');
    },
    tick: async () => {
      if (options.clock.now().getTime() - lastAt < interval) return false;
      if (options.changeMark() === lastMark) return false;
      return run('interval');
    },
    noteBackup: () => {
      lastAt = options.clock.now().getTime();
      lastMark = options.changeMark();
    },
  };
}
