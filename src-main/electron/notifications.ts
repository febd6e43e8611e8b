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
import type { Settings } from '../../src-shared/api/types';
import type { MethodName, MethodOutput } from '../../src-shared/api/contract';
import { nextReminderAt } from '../services/reminders';
import { systemActor } from '../core/context';
import type { Workspace } from '../api/workspace';

const words = {
  hu: { title: 'Tanoda – mai teendők', body: (n: number) => `${n} tétel vár a Ma képernyőn.` },
  zh: { title: 'Tanoda – 今日待办', body: (n: number) => `“今日”页面有 ${n} 项待办。` },
  en: { title: 'Tanoda – today', body: (n: number) => `${n} ${n === 1 ? 'thing waits' : 'things wait'} on the Today screen.` },
};

function reportError(error: unknown): void {
  console.error('[tanoda] reminder notification failed', error);
}

function wordsFor(locale: string) {
  const lower = locale.toLowerCase();
  return lower.startsWith('hu') ? words.hu : lower.startsWith('zh') ? words.zh : words.en;
}

/** Starts the notifications; returns the function that stops them. */
export function startReminderNotifications(workspace: Workspace, window: () => BrowserWindow | null): () => void {
  if (!Notification.isSupported()) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Through the one door like every other host, as the system itself.
  const ask = async <M extends MethodName>(method: M): Promise<MethodOutput<M>> => {
    const result = await workspace.invoke({ actor: systemActor }, method, {});
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };

  const openToday = () => {
    const win = window();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    void win.webContents.executeJavaScript("location.hash = '#today'").catch(() => undefined);
  };

  const notify = async () => {
    const settings: Settings = await ask('settings.get');
    const total = (await ask('today.counts')).total;
    if (total === 0) return;
    const text = wordsFor(settings.locale);
    const notification = new Notification({ title: text.title, body: text.body(total) });
    notification.on('click', openToday);
    notification.show();
  };

  const schedule = async () => {
    if (timer) clearTimeout(timer);
    const settings = await ask('settings.get');
    const now = workspace.clock.now();
    const delay = Math.max(1000, nextReminderAt(settings.reminderTime, settings.timeZone, now).getTime() - now.getTime());
    timer = setTimeout(
      () => {
        void notify().catch(reportError);
        void schedule().catch(reportError);
      },
      Math.min(delay, 2 ** 31 - 1),
    );
  };

  const unsubscribe = workspace.onChanged((tables) => {
    if (tables.includes('settings')) void schedule().catch(reportError);
  });
  setTimeout(() => void notify().catch(reportError), 5000);
  void schedule().catch(reportError);
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
