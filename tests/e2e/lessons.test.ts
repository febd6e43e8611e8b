/**
 * Lessons end to end in Chromium through the HTTP bridge, in Hungarian (with a
 * look in Chinese and English): a weekly cohort's lessons generated from its
 * schedule in the Lessons section, shown on the week and month calendars with
 * the spring break left out and a double booking marked; a lesson's time
 * changed with the clash shown before saving; roll call taken from the
 * keyboard and saved; the same lesson's roll call reachable from Today's "next
 * lessons" card; the mark on the client's timeline; and a schedule edit whose
 * effect on the lessons yet to come, double bookings included, shows before Save. Each step is checked in
 * the database as well as on the screen; any console error fails the run.
 * Both the server's and the browser's clocks stand at Tuesday 10 March 2026,
 * 10:00 in Budapest.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonView, RollCall } from '../../src-shared/api/lessons-methods';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const now = '2026-03-10T09:00:00Z';

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const ids = { cohort: '', evening: '', teacher: '', anna: '', enrollments: [] as string[] };

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function shot(name: string) {
  // Notices of earlier steps would cover the screen: close them first.
  for (const close of await page.locator('.mantine-Notification-root .mantine-Notification-closeButton').all()) await close.click();
  await expect.poll(() => page.locator('.mantine-Notification-root').count()).toBe(0);
  await page.mouse.move(1270, 890);
  await page.screenshot({ path: join(screenshots, `lessons-${name}.png`), fullPage: true });
}

async function chooseLanguage(name: string) {
  await page.getByRole('banner').getByTestId('language-switch').click();
  await page.getByRole('option', { name }).click();
}

function cohortLessons(cohortId: string): LessonView[] {
  return call<LessonView[]>('lessons.list', { from: '2026-01-01', to: '2026-12-31', cohortId });
}

function seedSchool() {
  ids.teacher = call<{ id: string }>('teachers.create', { name: 'Kovács Éva' }).id;
  const room = call<{ id: string }>('rooms.create', { name: 'Kék terem' });
  const program = call<{ id: string }>('programs.create', { name: 'Angol A1', color: '#228be6', lessonMinutes: 90 });
  const other = call<{ id: string }>('programs.create', { name: 'Német A2', color: '#e8590c' });
  ids.cohort = call<{ id: string }>('cohorts.create', {
    programId: program.id,
    name: 'Keddi-csütörtöki csoport',
    teacherId: ids.teacher,
    roomId: room.id,
    startOn: '2026-03-03',
    endOn: '2026-05-28',
    schedule: [
      { weekday: 2, startTime: '17:00', minutes: 90 },
      { weekday: 4, startTime: '17:00', minutes: 90 },
    ],
    status: 'running',
  }).id;
  // Another group of the same teacher on Thursday evenings, already on the calendar: it overlaps Thursday's lesson.
  ids.evening = call<{ id: string }>('cohorts.create', {
    programId: other.id,
    name: 'Csütörtök esti német',
    teacherId: ids.teacher,
    startOn: '2026-03-05',
    endOn: '2026-03-26',
    schedule: [{ weekday: 4, startTime: '18:00', minutes: 60 }],
    status: 'running',
  }).id;
  call('lessons.generate', { cohortIds: [ids.evening] });
  call('closures.create', { name: 'Tavaszi szünet', startsOn: '2026-04-02', endsOn: '2026-04-07' });
  for (const [firstName, lastName] of [
    ['Anna', 'Kiss'],
    ['Bence', 'Tóth'],
    ['Csilla', 'Varga'],
  ] as const) {
    const client = call<{ id: string }>('clients.create', { firstName, lastName });
    if (firstName === 'Anna') ids.anna = client.id;
    ids.enrollments.push(
      call<{ id: string }>('enrollments.create', { clientId: client.id, programId: program.id, cohortId: ids.cohort, status: 'confirmed' })
        .id,
    );
  }
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-lessons-'));
  const file = join(dir, 'school.db');
  workspace = openWorkspace(file, {
    key: keyBeside(file),
    clock: fixedClock(now),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  seedSchool();
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 950 }, locale: 'hu-HU', timezoneId: 'Europe/Budapest' });
  page = await context.newPage();
  await page.clock.setFixedTime(new Date(now));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('lessons and roll call in the browser', () => {
  it('generates a weekly cohort’s lessons and shows them on the week and month calendars', async () => {
    await page.goto(bridge.url);
    await page.locator('nav button[data-section="lessons"]').click();
    await page.getByRole('heading', { name: 'Órák', exact: true }).waitFor();
    expect(cohortLessons(ids.cohort)).toEqual([]);

    await page.getByTestId('generate-open').click();
    const dialog = page.getByRole('dialog', { name: 'Órák létrehozása az órarendből' });
    await dialog.getByLabel('Csoport').click();
    await page.getByRole('option', { name: 'Angol A1 – Keddi-csütörtöki csoport' }).click();
    const preview = dialog.getByTestId('generate-preview');
    // 13 weeks of Tuesdays and Thursdays from 3 March to 28 May, less the spring break's Thursday and Tuesday.
    await expect.poll(async () => spaces(await preview.textContent())).toContain('24 új, 0 módosul, 0 törlődik, 0 marad');
    expect(spaces(await dialog.getByTestId('conflicts').textContent())).toContain('Kovács Éva ekkor ezt is tanítja: Csütörtök esti német');
    await shot('01-generate-preview-hu');
    await dialog.getByTestId('generate-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    const lessons = cohortLessons(ids.cohort);
    expect(lessons).toHaveLength(24);
    expect(lessons.some((l) => l.startsOn >= '2026-04-02' && l.startsOn <= '2026-04-07')).toBe(false);

    const week = page.getByTestId('calendar-week');
    const tuesday = week.locator('[data-day="2026-03-10"]');
    await expect.poll(async () => spaces(await tuesday.textContent())).toContain('Keddi-csütörtöki csoport');
    expect(spaces(await tuesday.textContent())).toContain('17:00–18:30');
    const thursday = week.locator('[data-day="2026-03-12"]');
    expect(await thursday.getByTestId('lesson-card').count()).toBe(2);
    expect(await thursday.getByTestId('lesson-conflict').count()).toBe(2);
    expect(spaces(await page.getByTestId('calendar-period').textContent())).toContain('2026');
    await shot('02-week-hu');

    await page.getByRole('main').getByText('Hónap', { exact: true }).click();
    const month = page.getByTestId('calendar-month');
    await month.waitFor();
    expect(await month.locator('[data-day="2026-03-31"]').getByTestId('lesson-card').count()).toBe(1);
    await page.getByRole('main').getByRole('button', { name: 'Következő' }).click();
    await expect.poll(async () => spaces(await page.getByTestId('calendar-period').textContent())).toContain('április');
    expect(spaces(await month.locator('[data-day="2026-04-02"]').textContent())).toContain('Tavaszi szünet');
    expect(await month.locator('[data-day="2026-04-02"]').getByTestId('lesson-card').count()).toBe(0);
    await shot('03-month-hu');
    await page.getByRole('main').getByRole('button', { name: 'Ma', exact: true }).click();
    await page.getByRole('main').getByText('Hét', { exact: true }).click();
    await week.waitFor();
  });

  it('shows a double booking while a lesson is being moved, before it is saved', async () => {
    const week = page.getByTestId('calendar-week');
    const tuesdayLesson = week.locator('[data-day="2026-03-10"]').getByTestId('lesson-card');
    await tuesdayLesson.click();
    const lessonDialog = page.getByRole('dialog', { name: 'Óra' });
    await lessonDialog.getByRole('button', { name: 'Óra módosítása' }).click();
    const form = page.getByRole('dialog', { name: 'Óra módosítása' });
    await form.getByLabel('Nap').fill('2026-03-12');
    await expect.poll(async () => spaces(await form.getByTestId('conflicts').textContent())).toContain('Csütörtök esti német');
    await shot('04-move-conflict-hu');
    await form.getByLabel('Nap').fill('2026-03-11');
    await form.getByTestId('no-conflicts').waitFor();
    await form.getByTestId('lesson-save').click();
    await form.waitFor({ state: 'detached' });
    const moved = cohortLessons(ids.cohort).find((l) => l.startsOn === '2026-03-11') as LessonView;
    expect(moved).toMatchObject({ moved: true, startTime: '17:00' });
    await expect.poll(async () => spaces(await week.locator('[data-day="2026-03-11"]').textContent())).toContain('Áthelyezve');
  });

  it('takes roll call from the keyboard and saves it', async () => {
    const week = page.getByTestId('calendar-week');
    await week.locator('[data-day="2026-03-11"]').getByTestId('lesson-card').click();
    const dialog = page.getByRole('dialog', { name: 'Óra' });
    const rows = dialog.getByTestId('roll-call-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(spaces(await dialog.textContent())).toContain('Még nincs rögzítve');
    // The register opens with its first person in focus: the keys work at once.
    await expect
      .poll(() => rows.first().evaluate((el) => (el as unknown as { matches(selector: string): boolean }).matches(':focus')))
      .toBe(true);
    await page.keyboard.press('a'); // Kiss Anna: absent, focus moves on
    await page.keyboard.press('l'); // Tóth Bence: late
    await shot('05-roll-call-hu');
    await rows.nth(2).focus(); // the screenshot closed the notices: back to the register, on Varga Csilla
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    const lesson = cohortLessons(ids.cohort).find((l) => l.startsOn === '2026-03-11') as LessonView;
    const saved = call<RollCall>('lessons.rollCall', { id: lesson.id });
    expect(saved.students.map((s) => [s.clientName, s.state])).toEqual([
      ['Kiss Anna', 'absent'],
      ['Tóth Bence', 'late'],
      ['Varga Csilla', 'present'],
    ]);
    const logged = workspace.db.sqlite
      .prepare("SELECT count(*) FROM changes WHERE table_name = 'attendance' AND \"column\" = 'state'")
      .pluck()
      .get();
    expect(logged).toBe(3);
    await expect.poll(async () => spaces(await week.locator('[data-day="2026-03-11"]').textContent())).toContain('3');
  });

  it('offers the next lesson’s roll call on Today, and shows the mark on the client’s timeline', async () => {
    await page.locator('nav button[data-section="today"]').click();
    const card = page.getByTestId('next-lessons');
    await card.getByTestId('next-lesson').first().waitFor();
    expect(spaces(await card.getByTestId('next-lesson').first().textContent())).toContain('Keddi-csütörtöki csoport');
    await card.getByRole('button', { name: 'Jelenlét' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('roll-call-row').count()).toBe(3);
    await dialog.getByRole('button', { name: 'Mindenki jelen' }).click();
    await shot('06-today-roll-call-hu');
    await dialog.getByTestId('roll-call-save').click();
    await dialog.waitFor({ state: 'detached' });
    const next = call<LessonView[]>('lessons.upcoming', { limit: 1 })[0] as LessonView;
    expect(next.marked).toBe(3);

    await page.locator('nav button[data-section="clients"]').click();
    await page.getByTestId('clients-grid').locator(`[data-row-id="${ids.anna}"] [data-column="name"] button`).click();
    await page.getByTestId('client-page').waitFor();
    const timeline = page.getByTestId('client-activities');
    await expect.poll(async () => spaces(await timeline.textContent())).toContain('Hiányzott');
    expect(spaces(await timeline.textContent())).toContain('Angol A1 (Keddi-csütörtöki csoport) · 2026-03-11 17:00: Hiányzott');
    await shot('07-client-timeline-hu');
  });

  it('previews what a schedule edit does to the lessons yet to come, double bookings included, before saving it', async () => {
    await page.locator('nav button[data-section="cohorts"]').click();
    await page.getByTestId('cohort-row').filter({ hasText: 'Keddi-csütörtöki csoport' }).getByRole('button').first().click();
    const cohortPage = page.getByTestId('cohort-page');
    await cohortPage.getByRole('button', { name: 'Szerkesztés' }).click();
    const dialog = page.getByRole('dialog');
    // Thursdays move from 17:00 to 17:30: the eleven Thursdays yet to come are made again, and still clash with the evening German.
    await dialog.getByLabel('Kezdés ideje', { exact: true }).nth(1).fill('17:30');
    const preview = dialog.getByTestId('cohort-lessons-preview');
    await expect.poll(async () => spaces(await preview.textContent())).toContain('11 új, 0 módosul, 11 törlődik');
    expect(spaces(await preview.textContent())).toContain('Kovács Éva ekkor ezt is tanítja: Csütörtök esti német');
    await shot('11-cohort-edit-preview-hu');
    await dialog.getByTestId('cohort-save').click();
    await dialog.waitFor({ state: 'detached' });
    const lessons = cohortLessons(ids.cohort);
    const thursdays = lessons.filter((l) => new Date(`${l.startsOn}T12:00:00Z`).getUTCDay() === 4);
    expect(thursdays.map((l) => `${l.startsOn} ${l.startTime}`).slice(0, 3)).toEqual([
      '2026-03-05 17:00',
      '2026-03-12 17:30',
      '2026-03-19 17:30',
    ]);
    // The lesson moved by hand, with its roll call, is where it was.
    expect(lessons.find((l) => l.startsOn === '2026-03-11')).toMatchObject({ moved: true, marked: 3 });
  });

  it('reads the same calendar in Chinese and English', async () => {
    await chooseLanguage('简体中文');
    await page.locator('nav button[data-section="lessons"]').click();
    await page.getByRole('main').getByRole('button', { name: '今天', exact: true }).click();
    await page.getByRole('heading', { name: '课程表', exact: true }).waitFor();
    await page.getByTestId('calendar-week').locator('[data-day="2026-03-12"]').getByTestId('lesson-card').first().click();
    const dialog = page.getByRole('dialog', { name: '课次' });
    await dialog.getByTestId('roll-call-row').first().waitFor();
    expect(spaces(await dialog.textContent())).toContain('时间冲突');
    await shot('08-lesson-zh');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await shot('09-week-zh');
    await chooseLanguage('English');
    await page.getByRole('heading', { name: 'Lessons', exact: true }).waitFor();
    expect(spaces(await page.getByTestId('calendar-week').textContent())).toContain('Double-booked');
    await shot('10-week-en');
    expect(consoleErrors).toEqual([]);
  });
});
