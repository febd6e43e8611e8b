/**
 * Prepaid packages, make-ups and teacher pay end to end in Chromium through the
 * HTTP bridge, in Hungarian with a look in Chinese: roll call takes a lesson off
 * a client's package and Today's packages card warns that it is running low; the
 * warning opens the client's page, where a second package is sold with its
 * payment; an excused absence is booked into another group's lesson from the
 * roll call, and that lesson's roll call shows the guest as a make-up; the
 * owner sets a teacher's rate and reads the pay report. The client's timeline
 * tells the sale and a freeze ended early and then taken back on the package
 * card; a booked make-up is cancelled from the make-up dialog and from the guest
 * lesson's roll call, giving the credit back. The card and the timeline are
 * looked at in Hungarian, Chinese and English. Each step is checked in
 * the database as well as on the screen; any console error fails the run. Both
 * clocks stand at Tuesday 10 March 2026, 10:00 in Budapest.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonView, RollCall } from '../../src-shared/api/lessons-methods';
import type { PackageView } from '../../src-shared/api/packages-methods';
import type { TeacherPayReport } from '../../src-shared/api/teacher-pay-methods';
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
const ids = { teacher: '', groupA: '', groupB: '', anna: '', annaEnrollment: '', bence: '', benceEnrollment: '', package: '' };

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function shot(name: string) {
  for (const close of await page.locator('.mantine-Notification-root .mantine-Notification-closeButton').all()) await close.click();
  await expect.poll(() => page.locator('.mantine-Notification-root').count()).toBe(0);
  await page.mouse.move(1270, 890);
  // Dialogs fade in: wait for the running transitions (not the endless loading shimmer) so the picture shows them in place.
  await page.locator('body').evaluate((el) => {
    type Running = { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null };
    const running = (el as unknown as { ownerDocument: { getAnimations(): Running[] } }).ownerDocument.getAnimations();
    return Promise.all(running.filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: join(screenshots, `packages-${name}.png`), fullPage: true });
}

async function chooseLanguage(name: string) {
  await page.getByRole('banner').getByTestId('language-switch').click();
  await page.getByRole('option', { name }).click();
}

function lessonOn(cohortId: string, day: string): LessonView {
  const lessons = call<LessonView[]>('lessons.list', { from: day, to: day, cohortId });
  return lessons[0] as LessonView;
}

function packagesOf(clientId: string): PackageView[] {
  return call<PackageView[]>('packages.list', { clientId });
}

function seedSchool() {
  ids.teacher = call<{ id: string }>('teachers.create', { name: 'Kovács Éva' }).id;
  const other = call<{ id: string }>('teachers.create', { name: 'Nagy Péter' }).id;
  const program = call<{ id: string }>('programs.create', { name: 'Angol A1', color: '#228be6', lessonMinutes: 90 });
  const group = (name: string, weekday: number, teacherId: string) =>
    call<{ id: string }>('cohorts.create', {
      programId: program.id,
      name,
      teacherId,
      startOn: '2026-03-02',
      endOn: '2026-05-29',
      capacity: 6,
      schedule: [{ weekday, startTime: '17:00', minutes: 90 }],
      status: 'running',
    }).id;
  ids.groupA = group('Keddi csoport', 2, ids.teacher);
  ids.groupB = group('Csütörtöki csoport', 4, other);
  call('lessons.generate', { cohortIds: [ids.groupA, ids.groupB] });
  for (const [firstName, key] of [
    ['Anna', 'anna'],
    ['Bence', 'bence'],
  ] as const) {
    const client = call<{ id: string }>('clients.create', { firstName, lastName: firstName === 'Anna' ? 'Kiss' : 'Tóth' });
    const enrollment = call<{ id: string }>('enrollments.create', {
      clientId: client.id,
      programId: program.id,
      cohortId: ids.groupA,
      status: 'confirmed',
    });
    ids[key] = client.id;
    ids[`${key}Enrollment`] = enrollment.id;
  }
  ids.package = call<PackageView>('packages.sell', {
    holderClientId: ids.anna,
    enrollmentId: ids.annaEnrollment,
    unit: 'lessons',
    quantity: 3,
    priceMinor: 1_800_000, // 18 000 Ft
    startsOn: '2026-03-01',
    expiresOn: '2026-05-31',
    payment: { method: 'cash' },
  }).id;
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-packages-'));
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

describe('packages, make-ups and teacher pay in the browser', () => {
  it('takes a lesson off the package at roll call, and Today warns that it is running low', async () => {
    await page.goto(bridge.url);
    const alerts = page.getByTestId('package-alerts');
    await alerts.waitFor();
    expect(spaces(await alerts.textContent())).toContain('Egy bérlet sem fogy el');

    await page.locator('nav button[data-section="lessons"]').click();
    await page.getByTestId('calendar-week').locator('[data-day="2026-03-10"]').getByTestId('lesson-card').click();
    const dialog = page.getByRole('dialog', { name: 'Óra' });
    const rows = dialog.getByTestId('roll-call-row');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.first().focus();
    await page.keyboard.press('p'); // Kiss Anna: present
    await page.keyboard.press('e'); // Tóth Bence: excused
    await dialog.getByTestId('roll-call-save').click();
    await expect.poll(() => packagesOf(ids.anna)[0]?.remaining).toBe(2);
    const saved = call<RollCall>('lessons.rollCall', { id: lessonOn(ids.groupA, '2026-03-10').id });
    expect(saved.students.map((s) => s.state)).toEqual(['present', 'excused']);
    await page.keyboard.press('Escape');

    await page.locator('nav button[data-section="today"]').click();
    const alert = alerts.getByTestId('package-alert');
    await expect.poll(async () => spaces(await alert.first().textContent())).toContain('Kiss Anna');
    expect(spaces(await alert.first().textContent())).toContain('Még 2 alkalom');
    // The owner also reads what the school owes in lessons paid for: 2 of 3 lessons of 18 000 Ft.
    expect(spaces(await alerts.getByTestId('package-liability').textContent())).toMatch(/12\s?000\s?Ft \(2 alkalom\)/);
    await shot('01-today-low-hu');
  });

  it('opens the client from the warning, shows the balance and sells another package with its payment', async () => {
    await page.getByTestId('package-alerts').getByRole('button', { name: 'Kiss Anna' }).click();
    const card = page.getByTestId('packages-card');
    await card.waitFor();
    expect(spaces(await card.getByTestId('package-balance').first().textContent())).toContain('Még 2 alkalom / 3');
    await card.getByTestId('sell-package-open').click();
    const form = page.getByRole('dialog', { name: 'Bérlet eladása' });
    await form.getByTestId('package-quantity').fill('10');
    await form.getByTestId('package-price').fill('55000');
    await form.getByTestId('package-expires').fill('2026-02-01');
    await form.getByTestId('sell-package-save').click();
    // An end before the start is refused beside the field, in Hungarian.
    await expect.poll(async () => spaces(await form.textContent())).toContain('A vége a kezdete előtt van');
    await shot('02-sell-error-hu');
    await form.getByTestId('package-expires').fill('2026-06-30');
    await form.getByTestId('sell-package-save').click();
    await form.waitFor({ state: 'detached' });
    const packages = packagesOf(ids.anna);
    expect(packages).toHaveLength(2);
    const sold = packages.find((p) => p.id !== ids.package) as PackageView;
    expect(sold).toMatchObject({ quantity: 10, priceMinor: 5_500_000, remaining: 10, expiresOn: '2026-06-30' });
    const payment = workspace.db.sqlite.prepare('SELECT amount_minor FROM payments WHERE id = ?').pluck().get(sold.paymentId);
    expect(payment).toBe(5_500_000);
    await expect.poll(() => card.getByTestId('package-row').count()).toBe(2);
    await shot('03-client-packages-hu');
  });

  it('tells the sale on the timeline, and ends a freeze early and takes it back from the package card', async () => {
    const timeline = page.getByTestId('client-activities');
    await expect.poll(async () => spaces(await timeline.textContent())).toContain('Bérlet eladva: Angol A1 (Keddi csoport) · 10 alkalom');
    const card = page.getByTestId('packages-card');
    const newest = card.getByTestId('package-row').first();
    await newest.getByRole('button', { name: 'Bérletek' }).click();
    await page.getByRole('menuitem', { name: 'Szüneteltetés' }).click();
    const form = page.getByRole('dialog', { name: 'A bérlet szüneteltetése' });
    await form.getByLabel('Kezdete').fill('2026-03-09');
    await form.getByLabel('Vége').fill('2026-03-20');
    await form.getByRole('button', { name: 'Szüneteltetés' }).click();
    await form.waitFor({ state: 'detached' });
    const freeze = newest.getByTestId('package-freeze');
    await expect.poll(() => freeze.count()).toBe(1);
    expect(spaces(await newest.textContent())).toContain('szünetel');
    await freeze.getByTestId('freeze-end').click();
    const sold = () => packagesOf(ids.anna).find((p) => p.id !== ids.package) as PackageView;
    await expect.poll(() => sold().freezes.map((f) => [f.startsOn, f.endsOn])).toEqual([['2026-03-09', '2026-03-09']]);
    expect(sold()).toMatchObject({ frozenNow: false, usableUntil: '2026-07-01' });
    await expect.poll(async () => spaces(await timeline.textContent())).toContain('Szüneteltetés korábban befejezve');
    await expect.poll(() => freeze.getByTestId('freeze-end').count()).toBe(0);
    await shot('03b-freeze-ended-hu');
    await freeze.getByTestId('freeze-remove').click();
    await expect.poll(() => sold().freezes).toEqual([]);
    expect(sold().usableUntil).toBe('2026-06-30');
    await expect.poll(() => freeze.count()).toBe(0);
    await expect.poll(async () => spaces(await timeline.textContent())).toContain('Szüneteltetés eltávolítva');
    await shot('03c-card-timeline-hu');
  });

  it('books the excused absence into another group’s lesson, where roll call shows the guest', async () => {
    await page.locator('nav button[data-section="lessons"]').click();
    const week = page.getByTestId('calendar-week');
    await week.locator('[data-day="2026-03-10"]').getByTestId('lesson-card').click();
    const lessonDialog = page.getByRole('dialog', { name: 'Óra' });
    await lessonDialog.getByTestId('roll-call-makeup').click();
    const options = page.getByTestId('makeup-options');
    await options.waitFor();
    expect(spaces(await options.textContent())).toContain('Felhasználható pótórák: 1');
    const lessons = options.getByTestId('makeup-lesson');
    await expect.poll(() => lessons.count()).toBeGreaterThan(0);
    expect(spaces(await lessons.first().textContent())).toContain('Csütörtöki csoport');
    expect(spaces(await lessons.first().textContent())).toContain('6 szabad hely');
    await shot('04-makeup-options-hu');
    await lessons.first().getByRole('button', { name: 'Foglalás' }).click();
    await options.waitFor({ state: 'detached' });
    const guestLesson = lessonOn(ids.groupB, '2026-03-12');
    const roll = call<RollCall>('lessons.rollCall', { id: guestLesson.id });
    expect(roll.students.map((s) => [s.clientName, s.state])).toEqual([['Tóth Bence', 'makeup']]);
    await page.keyboard.press('Escape');
    await lessonDialog.waitFor({ state: 'detached' });

    await week.locator('[data-day="2026-03-12"]').getByTestId('lesson-card').click();
    const guestDialog = page.getByRole('dialog', { name: 'Óra' });
    const guest = guestDialog.getByTestId('roll-call-row');
    await expect.poll(() => guest.count()).toBe(1);
    expect(spaces(await guest.textContent())).toContain('Tóth Bence');
    expect(await guest.locator('input[type="radio"]:checked').getAttribute('value')).toBe('makeup');
    await shot('05-guest-roll-call-hu');
    await page.keyboard.press('Escape');
    await guestDialog.waitFor({ state: 'detached' });
  });

  it('cancels a booked make-up from the make-up dialog and from the guest lesson’s roll call, giving the credit back', async () => {
    const openCredits = () => call<{ open: number }>('makeups.options', { enrollmentId: ids.benceEnrollment }).open;
    const guestLesson = lessonOn(ids.groupB, '2026-03-12');
    const guests = () => call<RollCall>('lessons.rollCall', { id: guestLesson.id }).students.length;
    expect(openCredits()).toBe(0);
    const week = page.getByTestId('calendar-week');
    await week.locator('[data-day="2026-03-10"]').getByTestId('lesson-card').click();
    const lessonDialog = page.getByRole('dialog', { name: 'Óra' });
    await lessonDialog.getByTestId('roll-call-makeup').click();
    const booked = page.getByTestId('makeup-booked');
    await expect.poll(async () => spaces(await booked.textContent())).toContain('Csütörtöki csoport');
    expect(spaces(await booked.textContent())).toContain('Lefoglalt pótórák');
    await shot('05b-makeup-booked-hu');
    await booked.getByTestId('makeup-cancel').click();
    await expect.poll(openCredits).toBe(1);
    expect(guests()).toBe(0);
    await expect.poll(async () => spaces(await page.getByTestId('makeup-options').textContent())).toContain('Felhasználható pótórák: 1');
    await expect.poll(() => booked.count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('makeup-options').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await lessonDialog.waitFor({ state: 'detached' });

    // Booked again, and cancelled this time from the guest lesson's own roll call.
    call('makeups.book', { enrollmentId: ids.benceEnrollment, lessonId: guestLesson.id });
    await week.locator('[data-day="2026-03-12"]').getByTestId('lesson-card').click();
    const guestDialog = page.getByRole('dialog', { name: 'Óra' });
    await guestDialog.getByTestId('roll-call-makeup-cancel').click();
    await expect.poll(guests).toBe(0);
    expect(openCredits()).toBe(1);
    await expect.poll(async () => spaces(await guestDialog.textContent())).toContain('Ebbe a csoportba még senki sem iratkozott be');
    await page.keyboard.press('Escape');
    await guestDialog.waitFor({ state: 'detached' });
  });

  it('sets a teacher’s rate and reads the pay report', async () => {
    await page.getByTestId('teacher-pay-tab').click();
    const panel = page.getByTestId('teacher-pay');
    await panel.waitFor();
    const form = panel.getByTestId('rate-form');
    await form.getByLabel('Tanár').click();
    await page.getByRole('option', { name: 'Kovács Éva' }).click();
    await form.getByTestId('rate-amount').fill('8000');
    await form.getByLabel('Érvényes ettől').fill('2026-03-01');
    await form.getByTestId('rate-save').click();
    await expect.poll(() => call<{ id: string }[]>('teacherRates.list', {}).length).toBe(1);
    const report = panel.getByTestId('teacher-pay-report');
    await expect.poll(async () => spaces(await report.textContent())).toContain('Kovács Éva');
    // 3 and 10 March given so far at 8 000 Ft; Nagy Péter's lesson of 5 March has no rate yet.
    const expected = call<TeacherPayReport>('teacherPay.report', { from: '2026-03-01', to: '2026-03-10' });
    expect(expected.teachers.map((t) => [t.teacherName, t.lessons, t.withoutRate, t.payMinor])).toEqual([
      ['Kovács Éva', 2, 0, 1_600_000],
      ['Nagy Péter', 1, 1, 0],
    ]);
    // The report refetches when the rate's table is reported changed: wait for it rather than read it at once.
    await expect.poll(async () => spaces(await panel.getByTestId('teacher-pay-total').textContent())).toMatch(/16\s?000\s?Ft/);
    await panel.getByTestId('pay-teacher').first().getByRole('button').click();
    await expect.poll(async () => spaces(await report.textContent())).toContain('Keddi csoport');
    await shot('06-teacher-pay-hu');
    // The rules the balances and credits are worked out by, beside the calendar.
    await page.getByRole('tab', { name: 'Naptár' }).click();
    await page.getByTestId('lesson-rules-open').click();
    const rules = page.getByTestId('lesson-rules');
    await rules.getByLabel('Pótórák száma jelentkezésenként (félévente)').fill('3');
    await rules.getByRole('button', { name: 'Mentés' }).click();
    await rules.waitFor({ state: 'detached' });
    expect(call<{ makeupsPerTerm: number }>('lessonRules.get', {}).makeupsPerTerm).toBe(3);
    await page.getByTestId('lesson-rules-open').click();
    await page.getByTestId('lesson-rules').waitFor();
    await shot('06b-rules-hu');
    await page.keyboard.press('Escape');
    await page.getByTestId('lesson-rules').waitFor({ state: 'detached' });
    await page.getByTestId('teacher-pay-tab').click();
  });

  it('reads Teacher pay, Today and the client’s packages in Chinese', async () => {
    await chooseLanguage('简体中文');
    await page.getByRole('tab', { name: '教师课酬' }).waitFor();
    await expect.poll(async () => spaces(await page.getByTestId('teacher-pay').textContent())).toContain('应付课酬');
    await shot('07-teacher-pay-zh');
    await page.locator('nav button[data-section="today"]').click();
    await expect.poll(async () => spaces(await page.getByTestId('package-alerts').textContent())).toContain('剩余 2 课时');
    await shot('08-today-zh');
    await page.getByTestId('package-alerts').getByRole('button', { name: 'Kiss Anna' }).click();
    const card = page.getByTestId('packages-card');
    await expect.poll(async () => spaces(await card.textContent())).toContain('剩余 10 课时 / 10');
    await expect.poll(async () => spaces(await page.getByTestId('client-activities').textContent())).toContain('课时包已售出');
    expect(spaces(await page.getByTestId('client-activities').textContent())).toContain('冻结已移除');
    await shot('08b-card-timeline-zh');
    await card.getByTestId('client-makeup-open').click();
    const options = page.getByTestId('makeup-options');
    await expect.poll(async () => spaces(await options.textContent())).toContain('没有可用的补课');
    await shot('09-client-makeup-zh');
    await page.keyboard.press('Escape');
    await options.waitFor({ state: 'detached' });
    await card.getByTestId('sell-package-open').click();
    await page.getByRole('dialog', { name: '出售课时包' }).getByTestId('sell-package-save').waitFor();
    await shot('10-sell-zh');
    await page.keyboard.press('Escape');
    await chooseLanguage('English');
    const timeline = page.getByTestId('client-activities');
    await expect.poll(async () => spaces(await timeline.textContent())).toContain('Package sold: Angol A1 (Keddi csoport) · 10 lessons');
    expect(spaces(await timeline.textContent())).toContain('Freeze ended early');
    await shot('11-card-timeline-en');
    expect(consoleErrors).toEqual([]);
  });
});
