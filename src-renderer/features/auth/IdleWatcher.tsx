/**
 * Lock after idleness. The main process owns the lock (it refuses calls from a
 * session idle longer than the workspace's `idle_lock_minutes`), so this window
 * tells it when a person is actually here: keyboard, pointer and wheel input is
 * reported with `auth.activity`, at most once every half minute so typing does
 * not become a stream of calls. The window also keeps its own clock and locks
 * itself when the time runs out, so a screen left open shows the lock screen
 * on time instead of waiting for the next click to discover it.
 */
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/context';
import { useSession } from './session';

const reportEveryMs = 30_000;
const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function IdleWatcher() {
  const api = useApi();
  const { status, update } = useSession();
  const minutes = status.idleLockMinutes;
  const lastInput = useRef(0);
  const lastReport = useRef(0);

  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    const limitMs = minutes * 60_000;
    lastInput.current = Date.now();
    lastReport.current = lastInput.current;

    const onInput = () => {
      const now = Date.now();
      lastInput.current = now;
      if (now - lastReport.current < reportEveryMs) return;
      lastReport.current = now;
      api.call('auth.activity', {}).then(
        (next) => {
          if (next.locked || !next.user) update(next);
        },
        () => undefined,
      );
    };
    for (const name of events) window.addEventListener(name, onInput, { passive: true, capture: true });

    const timer = window.setInterval(
      () => {
        if (Date.now() - lastInput.current < limitMs) return;
        api.call('auth.lock', {}).then(update, () => undefined);
      },
      Math.min(15_000, limitMs / 4),
    );

    return () => {
      for (const name of events) window.removeEventListener(name, onInput, { capture: true });
      window.clearInterval(timer);
    };
  }, [api, minutes, update]);

  return null;
}
