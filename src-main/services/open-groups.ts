/**
 * The open-groups feed: the cohorts a school marked "published", written as a
 * self-contained `open-groups.html` (inline CSS, no scripts, no outside requests,
 * every name HTML-escaped) and `open-groups.json`, into a folder the owner chose —
 * typically the public part of their cloud or website folder, so the school's
 * site lists open groups without anyone copying them by hand.
 *
 * The folder is a fact about this machine, not the school, so it lives in
 * `local_state` and never syncs. Files are replaced atomically (written beside
 * the target, then renamed over it): a web server or sync client reading the
 * folder sees the old page or the new one, never half of one. The workspace calls
 * `refreshOpenGroups` after every committed change to the tables the feed shows.
 */
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { OpenGroupsStatus } from '../../src-shared/api/today-methods';
import type { ScheduleSlot } from '../../src-shared/api/types';
import { seatTakingStatuses } from '../../src-shared/domain';
import { invalid } from '../../src-shared/errors';
import { formatMoney } from '../../src-shared/money';
import { todayIn } from '../../src-shared/dates';
import { readLocal, writeLocal, type Db } from '../db/connection';
import type { Clock, ServiceContext } from '../core/context';
import { getSettings } from './settings';

export const folderKey = 'open_groups_folder';
const publishedKey = 'open_groups_published_at';
const errorKey = 'open_groups_error';

/** Tables whose change can alter the feed. */
export const feedTables: ReadonlySet<string> = new Set(['cohorts', 'programs', 'enrollments', 'settings', 'clients', 'teachers', 'rooms']);

export interface OpenGroup {
  id: string;
  program: string;
  programDescription: string | null;
  name: string;
  startOn: string | null;
  endOn: string | null;
  schedule: ScheduleSlot[];
  teacher: string | null;
  room: string | null;
  capacity: number | null;
  seatsLeft: number | null;
  priceMinor: number | null;
  price: string | null;
  status: string;
}

export interface OpenGroupsFeed {
  schoolName: string;
  language: string;
  currency: string;
  generatedAt: string;
  groups: OpenGroup[];
}

interface Words {
  title: string;
  intro: string;
  starts: string;
  ends: string;
  schedule: string;
  seatsLeft: (n: number) => string;
  full: string;
  price: string;
  teacher: string;
  none: string;
  updated: string;
  minutes: string;
}

const words: Record<'hu' | 'zh' | 'en', Words> = {
  hu: {
    title: 'Induló csoportok',
    intro: 'Csoportjaink, amelyekbe még lehet jelentkezni.',
    starts: 'Kezdés',
    ends: 'Vége',
    schedule: 'Időpont',
    seatsLeft: (n) => `${n} szabad hely`,
    full: 'Betelt – várólistára lehet jelentkezni',
    price: 'Ár',
    teacher: 'Oktató',
    none: 'Jelenleg nincs induló csoport.',
    updated: 'Frissítve',
    minutes: 'perc',
  },
  zh: {
    title: '开放报名的班级',
    intro: '以下班级目前仍可报名。',
    starts: '开课',
    ends: '结课',
    schedule: '上课时间',
    seatsLeft: (n) => `剩余 ${n} 个名额`,
    full: '已满，可登记候补',
    price: '价格',
    teacher: '老师',
    none: '目前没有开放报名的班级。',
    updated: '更新于',
    minutes: '分钟',
  },
  en: {
    title: 'Open groups',
    intro: 'Groups you can still join.',
    starts: 'Starts',
    ends: 'Ends',
    schedule: 'When',
    seatsLeft: (n) => `${n} ${n === 1 ? 'seat' : 'seats'} left`,
    full: 'Full – join the waiting list',
    price: 'Price',
    teacher: 'Teacher',
    none: 'There are no open groups at the moment.',
    updated: 'Updated',
    minutes: 'min',
  },
};

function languageOf(locale: string): 'hu' | 'zh' | 'en' {
  const lower = locale.toLowerCase();
  return lower.startsWith('hu') ? 'hu' : lower.startsWith('zh') ? 'zh' : 'en';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Published cohorts that are still ahead or running, in start order. */
export function buildFeed(ctx: Pick<ServiceContext, 'db'>, now: Date): OpenGroupsFeed {
  const settings = getSettings(ctx);
  const today = todayIn(settings.timeZone, now);
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT h.id, p.name AS program, p.description AS programDescription, h.name, h.start_on AS startOn, h.end_on AS endOn, h.schedule,
              t.name AS teacher, r.name AS room, h.capacity, coalesce(h.price_minor, p.default_price_minor) AS priceMinor, h.status,
              (SELECT count(*) FROM enrollments e JOIN clients c ON c.id = e.client_id AND c.deleted_at IS NULL
                WHERE e.cohort_id = h.id AND e.deleted_at IS NULL AND e.status IN (SELECT value FROM json_each(?))) AS taken
       FROM cohorts h JOIN programs p ON p.id = h.program_id AND p.deleted_at IS NULL
       LEFT JOIN teachers t ON t.id = h.teacher_id LEFT JOIN rooms r ON r.id = h.room_id
       WHERE h.deleted_at IS NULL AND h.published = 1 AND h.status IN ('planned', 'open', 'running')
         AND (h.end_on IS NULL OR h.end_on >= ?)
       ORDER BY h.start_on IS NULL, h.start_on, p.name, h.name, h.id`,
    )
    .all(JSON.stringify(seatTakingStatuses), today) as (Omit<OpenGroup, 'schedule' | 'seatsLeft' | 'price'> & {
    schedule: string;
    taken: number;
  })[];
  const groups = rows.map(({ taken, schedule, ...row }) => ({
    ...row,
    schedule: JSON.parse(schedule) as ScheduleSlot[],
    seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - taken),
    price: row.priceMinor === null ? null : formatMoney(row.priceMinor, settings.currency, settings.locale),
  }));
  return {
    schoolName: settings.schoolName,
    language: languageOf(settings.locale),
    currency: settings.currency,
    generatedAt: now.toISOString(),
    groups,
  };
}

const css = `
:root{color-scheme:light dark;--fg:#1f2933;--muted:#5f6b7a;--bg:#f6f7f9;--card:#fff;--line:#e3e6ea;--accent:#1c7ed6}
@media (prefers-color-scheme:dark){:root{--fg:#e9ecef;--muted:#a4adb8;--bg:#1a1b1e;--card:#25262b;--line:#373a40;--accent:#4dabf7}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:960px;margin:0 auto;padding:24px 16px 48px}
h1{margin:0 0 4px;font-size:1.75rem}
.intro{margin:0 0 24px;color:var(--muted)}
.groups{display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));padding:0;margin:0;list-style:none}
.group{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 18px}
.group h2{margin:0;font-size:1.15rem}
.cohort{margin:2px 0 12px;color:var(--muted)}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:0}
dt{color:var(--muted)}
dd{margin:0}
.seats{display:inline-block;margin-top:12px;padding:2px 10px;border-radius:999px;background:color-mix(in srgb,var(--accent) 14%,transparent);color:var(--accent);font-weight:600;font-size:.9rem}
.seats.full{background:color-mix(in srgb,#e03131 14%,transparent);color:#e03131}
.none{color:var(--muted)}
footer{margin-top:32px;color:var(--muted);font-size:.85rem}`;

/** The page: one card per group. Every text from the database goes through `escapeHtml`. */
export function renderFeedHtml(feed: OpenGroupsFeed, locale: string, timeZone = 'UTC'): string {
  const w = words[feed.language as keyof typeof words] ?? words.en;
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  const formatDay = (d: string) => escapeHtml(day.format(new Date(`${d}T12:00:00Z`)));
  const slot = (s: ScheduleSlot) =>
    `${escapeHtml(weekday.format(new Date(Date.UTC(2024, 0, s.weekday, 12))))} ${escapeHtml(s.startTime)} (${s.minutes} ${escapeHtml(w.minutes)})`;
  const cards = feed.groups.map((g) => {
    const rows: string[] = [];
    if (g.startOn) rows.push(`<dt>${escapeHtml(w.starts)}</dt><dd>${formatDay(g.startOn)}</dd>`);
    if (g.endOn) rows.push(`<dt>${escapeHtml(w.ends)}</dt><dd>${formatDay(g.endOn)}</dd>`);
    if (g.schedule.length > 0) rows.push(`<dt>${escapeHtml(w.schedule)}</dt><dd>${g.schedule.map(slot).join('<br>')}</dd>`);
    if (g.teacher) rows.push(`<dt>${escapeHtml(w.teacher)}</dt><dd>${escapeHtml(g.teacher)}</dd>`);
    if (g.price) rows.push(`<dt>${escapeHtml(w.price)}</dt><dd>${escapeHtml(g.price)}</dd>`);
    const seats =
      g.seatsLeft === null
        ? ''
        : g.seatsLeft > 0
          ? `<span class="seats">${escapeHtml(w.seatsLeft(g.seatsLeft))}</span>`
          : `<span class="seats full">${escapeHtml(w.full)}</span>`;
    return `<li class="group"><h2>${escapeHtml(g.program)}</h2><p class="cohort">${escapeHtml(g.name)}</p>${rows.length > 0 ? `<dl>${rows.join('')}</dl>` : ''}${seats}</li>`;
  });
  const updated = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(feed.generatedAt));
  const htmlLang = feed.language === 'zh' ? 'zh-CN' : feed.language;
  return [
    '<!DOCTYPE html>',
    `<html lang="${htmlLang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${w.title} – ${feed.schoolName}`)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(w.title)}</h1>`,
    `<p class="intro">${escapeHtml(feed.schoolName)} · ${escapeHtml(w.intro)}</p>`,
    cards.length > 0 ? `<ul class="groups">${cards.join('')}</ul>` : `<p class="none">${escapeHtml(w.none)}</p>`,
    `<footer>${escapeHtml(w.updated)}: ${escapeHtml(updated)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function writeAtomically(folder: string, name: string, content: string): void {
  const target = join(folder, name);
  const temporary = join(folder, `.${name}.${process.pid}.tmp`);
  writeFileSync(temporary, content, 'utf8');
  renameSync(temporary, target);
}

export function openGroupsStatus(db: Db, now: Date): OpenGroupsStatus {
  return {
    folder: readLocal(db.sqlite, folderKey) || null,
    lastPublishedAt: readLocal(db.sqlite, publishedKey) ?? null,
    lastError: readLocal(db.sqlite, errorKey) || null,
    cohortCount: buildFeed({ db }, now).groups.length,
  };
}

/** Writes both files into the configured folder; without a folder it does nothing. */
export function publishOpenGroups(db: Db, clock: Clock): OpenGroupsStatus {
  const folder = readLocal(db.sqlite, folderKey);
  const now = clock.now();
  if (!folder) return openGroupsStatus(db, now);
  const settings = getSettings({ db });
  const feed = buildFeed({ db }, now);
  try {
    mkdirSync(folder, { recursive: true });
    writeAtomically(folder, 'open-groups.json', `${JSON.stringify(feed, null, 2)}\n`);
    writeAtomically(folder, 'open-groups.html', renderFeedHtml(feed, settings.locale, settings.timeZone));
    writeLocal(db.sqlite, publishedKey, now.toISOString());
    writeLocal(db.sqlite, errorKey, '');
  } catch (error) {
    writeLocal(db.sqlite, errorKey, error instanceof Error ? error.message : String(error));
    throw invalid(['folder'], 'not_writable', `The open-groups feed could not be written to ${folder}`);
  }
  return openGroupsStatus(db, now);
}

export function configureOpenGroups(ctx: ServiceContext, input: { folder: string | null }): OpenGroupsStatus {
  if (input.folder === null) {
    writeLocal(ctx.db.sqlite, folderKey, '');
    return openGroupsStatus(ctx.db, ctx.clock.now());
  }
  if (!isAbsolute(input.folder)) throw invalid(['folder'], 'not_absolute', 'Choose a full folder path');
  try {
    if (!statSync(input.folder).isDirectory()) throw invalid(['folder'], 'not_a_folder', 'This is a file, not a folder');
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw invalid(['folder'], 'no_such_folder', 'There is no such folder');
  }
  writeLocal(ctx.db.sqlite, folderKey, input.folder);
  return publishOpenGroups(ctx.db, ctx.clock);
}

/** The workspace's post-commit hook: republish when a table the feed shows has changed. */
export function refreshOpenGroups(db: Db, clock: Clock, tables: readonly string[]): void {
  if (!tables.some((t) => feedTables.has(t))) return;
  if (!readLocal(db.sqlite, folderKey)) return;
  publishOpenGroups(db, clock);
}
