/**
 * Automatic sync while the app is open: on a timer, and shortly after the shared
 * folder changes (another machine's files arriving through the cloud client).
 * Bursts of file events are debounced into one run, runs never overlap, and a
 * failed run (folder unplugged, a cloned copy detected) is reported and retried
 * on the next tick rather than stopping the app. The work itself is injected, so
 * the host decides how a run reaches the router and who is told about changes.
 */
import { watch, type FSWatcher } from 'node:fs';

export interface SyncSchedulerOptions {
  /** One sync; throws (or rejects) when it cannot run. */
  run(): void | Promise<void>;
  /** The folder to watch, or null while sync is off. */
  folder(): string | null;
  /** File events to ignore (this device's own writes), by path relative to the folder. */
  ignore?(name: string): boolean;
  intervalMs?: number;
  debounceMs?: number;
  onError?(error: unknown): void;
}

export interface SyncScheduler {
  /** Ask for a sync soon (after the debounce). */
  kick(): void;
  stop(): void;
}

export function startSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const debounce = options.debounceMs ?? 2_000;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let watcher: FSWatcher | null = null;
  let watched: string | null = null;

  let running = false;

  const runNow = async () => {
    pending = null;
    if (!options.folder()) return;
    // Runs never overlap: files that arrive during a run are picked up by one more run after it.
    if (running) return kick();
    running = true;
    try {
      await options.run();
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
    rewatch();
  };

  const kick = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void runNow(), debounce);
  };

  function rewatch(): void {
    const folder = options.folder();
    if (folder === watched) return;
    watcher?.close();
    watcher = null;
    watched = folder;
    if (!folder) return;
    try {
      watcher = watch(folder, { recursive: true }, (_event, name) => {
        // Temporary names and this device's own files are written by our own runs; only others' arrivals matter.
        if (typeof name === 'string' && (name.includes('.tmp-') || options.ignore?.(name))) return;
        kick();
      });
      watcher.on('error', (error) => options.onError?.(error));
    } catch (error) {
      options.onError?.(error);
    }
  }

  const timer = setInterval(kick, options.intervalMs ?? 60_000);
  rewatch();
  kick();
  return {
    kick,
    stop: () => {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      watcher?.close();
    },
  };
}
