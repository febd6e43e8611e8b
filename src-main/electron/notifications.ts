/**
 * Desktop reminders: one Electron notification when the app starts and one each
 * day at the school's reminder time (settings.reminder_time, in the school's time
 * zone), saying how many things wait on the Today screen; clicking it brings the
 * window forward on Today. Everything it says comes from the reminder engine, so
 * a day the app was closed is not lost — the next notification counts it. Kept
 * thin on purpose: the schedule is `nextReminderAt` (pure, unit-tested across DST
 * changes); this file only wires it to timers and Electron.
 */
import { Notification, type BrowserWindow } from 'electron';
import { getTodayCounts, nextReminderAt } from '../services/reminders';
import { systemActor } from '../services/context';
import { getSettings } from '../services/settings';
import type { Workspace } from '../workspace';

const words = {
  hu: { title: 'Tanoda – mai teendők', body: (n: number) => `${n} tétel vár a Ma képernyőn.` },
  zh: { title: 'Tanoda – 今日待办', body: (n: number) => `“今日”页面有 ${n} 项待办。` },
  en: { title: 'Tanoda – today', body: (n: number) => `${n} ${n === 1 ? 'thing waits' : 'things wait'} on the Today screen.` },
};

function wordsFor(locale: string) {
  const lower = locale.toLowerCase();
  return lower.startsWith('hu') ? words.hu : lower.startsWith('zh') ? words.zh : words.en;
}

/** Starts the notifications; returns the function that stops them. */
export function startReminderNotifications(workspace: Workspace, window: () => BrowserWindow | null): () => void {
  if (!Notification.isSupported()) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ctx = workspace.context(systemActor);

  const openToday = () => {
    const win = window();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    void win.webContents.executeJavaScript("location.hash = '#today'").catch(() => undefined);
  };

  const notify = () => {
    const settings = getSettings(ctx);
    const total = getTodayCounts(ctx, {}).total;
    if (total === 0) return;
    const text = wordsFor(settings.locale);
    const notification = new Notification({ title: text.title, body: text.body(total) });
    notification.on('click', openToday);
    notification.show();
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    const settings = getSettings(ctx);
    const now = workspace.clock.now();
    const delay = Math.max(1000, nextReminderAt(settings.reminderTime, settings.timeZone, now).getTime() - now.getTime());
    timer = setTimeout(
      () => {
        notify();
        schedule();
      },
      Math.min(delay, 2 ** 31 - 1),
    );
  };

  const unsubscribe = workspace.onChanged((tables) => {
    if (tables.includes('settings')) schedule();
  });
  setTimeout(notify, 5000);
  schedule();
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
