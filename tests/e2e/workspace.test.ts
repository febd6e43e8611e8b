/**
 * The workspace end to end, as a new school would first use it: real Chromium,
 * the real HTTP bridge serving the built renderer, a fresh workspace file. It
 * creates a program and a cohort through their forms, enrolls a new client with
 * a 3-instalment plan and a first payment through the New-enrollment dialog,
 * records a second payment on the client's page (the Record-payment dialog) and
 * reads the balance there and in the cohort roster, sees the duplicate warning
 * when the same person is typed in again, moves people on the status board by dragging,
 * filters the enrollments grid to "Thinking — call back", undoes the last move
 * with Ctrl+Z, finds a client through the command palette, and switches the
 * language to Hungarian and Chinese. Each step is checked against the database
 * through the router, not only on screen. Screenshots of every main screen, in
 * light and dark, go to screenshots/workspace-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName, MethodOutput } from '../../src-shared/api/contract';
import { addDaysIso, todayIn } from '../../src-shared/dates';
import { formatMoney, toMinor } from '../../src-shared/money';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');

let dir: string;
let workspace: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const today = todayIn('Europe/Budapest', new Date());
const startOn = addDaysIso(today, 7);
const huf = (major: number) => formatMoney(toMinor(major, 'HUF'), 'HUF', 'en-GB');
const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function db<M extends MethodName>(method: M, input: unknown = {}): MethodOutput<M> {
  const result = directCall(workspace, { userId: null, username: 'test', role: 'owner' }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as MethodOutput<M>;
}

async function shot(name: string) {
  // Toasts of earlier steps would cover the screen being pictured (hovering them keeps them open, so the mouse moves away).
  await page.mouse.move(5, 5);
  await page.waitForTimeout(250);
  await page.screenshot({
    path: join(screenshots, `workspace-${name}.png`),
    fullPage: true,
    style: '.mantine-Notifications-root { display: none !important; }',
  });
}

function input(scope: Page | Locator, label: string): Locator {
  // The accessible name leaves out Mantine's aria-hidden required mark; date inputs have no textbox role.
  return scope
    .getByRole('textbox', { name: label, exact: true })
    .or(scope.getByLabel(label, { exact: true }))
    .first();
}

async function choose(scope: Page | Locator, label: string, option: string | RegExp) {
  await input(scope, label).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Presses a button from the keyboard: a notification toast may lie over its corner, and keyboard use is part of the test. */
async function press(button: Locator) {
  await button.focus();
  await page.keyboard.press('Enter');
}

async function enrollmentsOf(name: string) {
  return db('enrollments.grid', { query: name }).rows;
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-workspace-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napsugár Art Studio', currency: 'HUF', locale: 'en-GB', timeZone: 'Europe/Budapest' },
  });
  // A school past its first run: these tests start on Today, not on the set-up wizard (onboarding.test.ts has that).
  directCall(workspace, { userId: null, username: 'test', role: 'owner' }, 'onboarding.update', {
    wizardOutcome: 'skipped',
    checklistDismissed: true,
  });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'en-GB', timezoneId: 'Europe/Budapest' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the workspace, as a new school uses it', () => {
  it('creates a program and meets an empty cohort list that names it', async () => {
    await page.goto(bridge.url);
    await page.locator('[data-section="programs"]').click();
    await page.getByRole('heading', { name: 'Programs' }).waitFor();
    await page.getByRole('button', { name: 'New program' }).first().click();
    const dialog = page.getByRole('dialog');
    await input(dialog, 'Name').fill('Ceramics');
    await input(dialog, 'Default price').fill('90000');
    await input(dialog, 'Default capacity').fill('6');
    await dialog.getByRole('button', { name: 'Create program' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(db('programs.list')).toMatchObject([{ name: 'Ceramics', defaultPriceMinor: toMinor(90_000, 'HUF') }]);

    await page.locator('[data-section="cohorts"]').click();
    await page.getByText('No cohorts yet — create the first group of Ceramics').waitFor();
    await shot('01-cohorts-empty');
  });

  it('opens a cohort with a weekly schedule through the form', async () => {
    await page.getByTestId('cohorts-empty').getByRole('button', { name: 'New cohort' }).click();
    const dialog = page.getByRole('dialog');
    await input(dialog, 'Starts on').fill(startOn);
    await input(dialog, 'Ends on').fill(addDaysIso(startOn, 84));
    await dialog.getByRole('button', { name: 'Add a weekly lesson' }).click();
    await input(dialog, 'Minimum to run').fill('4');
    await shot('02-cohort-form');
    await press(dialog.getByRole('button', { name: 'Create cohort' }));
    await dialog.waitFor({ state: 'detached' });
    const [cohort] = db('cohorts.list');
    expect(cohort).toMatchObject({
      programName: 'Ceramics',
      startOn,
      capacity: 6,
      minimumToRun: 4,
      schedule: [{ weekday: 1, startTime: '17:00', minutes: 90 }],
    });
    await page.getByTestId('cohort-row').first().waitFor();
    await shot('03-cohorts-list');
  });

  it('enrolls a new client with a 3-instalment plan and a first payment in one dialog', async () => {
    await page.getByTestId('cohort-row').getByRole('button').first().click();
    await page.getByTestId('cohort-page').waitFor();
    await page.getByTestId('cohort-warning-under').waitFor();
    await page.getByTestId('cohort-enroll').click();
    const dialog = page.getByRole('dialog');
    await input(dialog, 'Last name').fill('Kovács');
    await input(dialog, 'First name').fill('Anna');
    await input(dialog, 'Phone').fill('+36 30 123 4567');
    await input(dialog, 'E-mail').fill('anna@example.hu');
    await choose(dialog, 'Status', 'Confirmed');
    await expect.poll(() => input(dialog, 'Agreed price').inputValue()).toBe('90,000');
    await dialog.getByText('Equal instalments').click();
    await input(dialog, 'Number of instalments').fill('3');
    await dialog.getByTestId('plan-preview').waitFor();
    await input(dialog, 'First payment').fill('30000');
    await shot('04-enroll-dialog');
    await press(dialog.getByTestId('enroll-submit'));
    await dialog.waitFor({ state: 'detached' });

    const [anna] = await enrollmentsOf('Kovács');
    expect(anna).toMatchObject({
      clientName: 'Anna Kovács',
      status: 'confirmed',
      agreedPriceMinor: toMinor(90_000, 'HUF'),
      paidMinor: toMinor(30_000, 'HUF'),
    });
    const instalments = db('enrollments.get', { id: anna?.id }).balance.instalments;
    expect(instalments.map((i) => i.amountMinor)).toEqual([30_000, 30_000, 30_000].map((v) => toMinor(v, 'HUF')));
    expect(instalments[0]?.dueOn).toBe(startOn);

    const row = page.getByTestId('roster-row').filter({ hasText: 'Anna Kovács' });
    await expect.poll(async () => spaces(await row.getByTestId('roster-balance').textContent())).toBe(spaces(huf(60_000)));
  });

  it('records a payment on the client page and sees the balance there and in the roster', async () => {
    await page.getByTestId('roster-client').filter({ hasText: 'Anna Kovács' }).click();
    await page.getByTestId('client-page').waitFor();
    const balance = page.getByTestId('client-balance');
    await expect.poll(async () => spaces(await balance.textContent())).toContain(spaces(huf(60_000)));
    await page.getByTestId('client-record-payment').click();
    const dialog = page.getByTestId('record-payment-dialog');
    await dialog.getByTestId('payment-amount').fill('20000');
    await shot('05-client-record-payment');
    await press(dialog.getByTestId('payment-save'));
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => spaces(await balance.textContent())).toContain(spaces(huf(40_000)));
    expect((await enrollmentsOf('Kovács'))[0]).toMatchObject({ paidMinor: toMinor(50_000, 'HUF'), balanceMinor: toMinor(40_000, 'HUF') });
    await shot('06-client-page');

    await page.locator('[data-section="cohorts"]').click();
    const row = page.getByTestId('roster-row').filter({ hasText: 'Anna Kovács' });
    await expect.poll(async () => spaces(await row.getByTestId('roster-balance').textContent())).toBe(spaces(huf(40_000)));
  });

  it('warns about a client already on file while typing, and enrolls two more people', async () => {
    await page.getByTestId('cohort-enroll').click();
    let dialog = page.getByRole('dialog');
    await input(dialog, 'Phone').fill('+36301234567');
    const warning = dialog.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(spaces(await warning.textContent())).toContain('Anna Kovács');
    await shot('07-enroll-duplicate-warning');
    await input(dialog, 'Phone').fill('');
    await input(dialog, 'Last name').fill('Nagy');
    await input(dialog, 'First name').fill('Béla');
    await choose(dialog, 'Status', 'Thinking');
    await press(dialog.getByTestId('enroll-submit'));
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('cohort-enroll').click();
    dialog = page.getByRole('dialog');
    await input(dialog, 'Last name').fill('Tóth');
    await input(dialog, 'First name').fill('Éva');
    await press(dialog.getByTestId('enroll-submit'));
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('board-card').nth(2).waitFor();
    expect((await enrollmentsOf('Tóth'))[0]?.status).toBe('inquiry');
  });

  it('moves people on the status board by dragging, and the history records it', async () => {
    const eva = (await enrollmentsOf('Tóth'))[0]!;
    const card = page.locator(`[data-enrollment="${eva.id}"]`);
    await card.dragTo(page.getByTestId('board-column-thinking'));
    await expect.poll(async () => (await enrollmentsOf('Tóth'))[0]?.status).toBe('thinking');
    await page.getByTestId('board-column-thinking').locator(`[data-enrollment="${eva.id}"]`).waitFor();
    expect(db('enrollments.get', { id: eva.id }).history.map((h) => h.toStatus)).toEqual(['inquiry', 'thinking']);
    await shot('08-cohort-page-board');
  });

  it('filters the enrollments grid to “Thinking — call back”', async () => {
    await page.locator('[data-section="enrollments"]').click();
    const grid = page.getByTestId('enrollments-grid');
    await grid.getByText('Anna Kovács').waitFor();
    await shot('09-enrollments-grid');
    await page.getByTestId('enrollments-views').click();
    await page.getByTestId('view-thinking').click();
    await expect
      .poll(async () => (await grid.locator('[role="row"][data-row-id]').allTextContents()).map(spaces).sort())
      .toEqual([expect.stringContaining('Béla Nagy'), expect.stringContaining('Éva Tóth')]);
    await shot('10-enrollments-thinking');
  });

  it('undoes the last action with Ctrl+Z', async () => {
    await page.locator('body').click({ position: { x: 5, y: 840 } });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await enrollmentsOf('Tóth'))[0]?.status).toBe('inquiry');
    const grid = page.getByTestId('enrollments-grid');
    await expect
      .poll(async () => (await grid.locator('[role="row"][data-row-id]').allTextContents()).map(spaces))
      .toEqual([expect.stringContaining('Béla Nagy')]);
    const eva = (await enrollmentsOf('Tóth'))[0]!;
    expect(db('enrollments.get', { id: eva.id }).history.map((h) => h.toStatus)).toEqual(['inquiry']);
  });

  it('finds a client through the command palette (Ctrl+K)', async () => {
    await page.keyboard.press('Control+k');
    const search = page.getByTestId('palette-search');
    await search.waitFor();
    await search.fill('Kov');
    await page.getByText('Anna Kovács').last().waitFor();
    await shot('11-command-palette');
    await page.keyboard.press('Escape');
  });

  it('looks deliberate in the dark theme', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Switch to the dark theme' }).click();
    await page.getByTestId('enrollments-grid').getByText('Béla Nagy').waitFor();
    await shot('12-enrollments-dark');
    await page.locator('[data-section="cohorts"]').click();
    await page.getByTestId('cohort-page').waitFor();
    await shot('13-cohort-page-dark');
    await page.locator('[data-section="settings"]').click();
    await page.getByTestId('school-form').waitFor();
    await shot('14-settings-school-dark');
    await page.getByRole('banner').getByRole('button', { name: 'Switch to the light theme' }).click();
  });

  it('switches the language to Hungarian and Chinese', async () => {
    await page.getByRole('banner').getByTestId('language-switch').click();
    await page.getByRole('option', { name: 'Magyar' }).click();
    await page.getByRole('heading', { name: 'Iskolaprofil' }).waitFor();
    expect(db('settings.get').locale).toBe('en-GB'); // the interface language is this person's, not the school's
    await page.locator('[data-section="cohorts"]').click();
    await page.getByRole('heading', { name: 'Névsor' }).waitFor();
    await shot('15-cohort-page-hu');
    await page.locator('[data-section="enrollments"]').click();
    await page.getByRole('heading', { name: 'Jelentkezések' }).waitFor();

    await page.getByRole('banner').getByTestId('language-switch').click();
    await page.getByRole('option', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '报名' }).waitFor();
    expect(db('settings.get').locale).toBe('en-GB');
    await shot('16-enrollments-zh');
    await page.getByTestId('header-enroll').click();
    await page.getByRole('dialog').getByText('新报名', { exact: true }).first().waitFor();
    await shot('17-enroll-dialog-zh');
    await page.keyboard.press('Escape');
  });

  it('moves a card from the keyboard menu and duplicates the cohort for next month', async () => {
    await page.locator('[data-section="cohorts"]').click();
    const bela = (await enrollmentsOf('Nagy'))[0]!;
    const card = page.locator(`[data-enrollment="${bela.id}"]`);
    await card.getByTestId('board-move').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: '试听' }).click();
    await expect.poll(async () => (await enrollmentsOf('Nagy'))[0]?.status).toBe('trial');
    await page.getByTestId('board-column-trial').locator(`[data-enrollment="${bela.id}"]`).waitFor();

    await page.getByTestId('duplicate-cohort').click();
    await expect.poll(() => db('cohorts.list').length).toBe(2);
    const next = db('cohorts.list').find((c) => c.startOn !== startOn)!;
    expect(next).toMatchObject({
      programName: 'Ceramics',
      capacity: 6,
      minimumToRun: 4,
      status: 'planned',
      schedule: [{ weekday: 1, startTime: '17:00', minutes: 90 }],
    });
    await page.getByRole('heading', { name: next.name }).waitFor();
    await page.getByText('还没有人报名').waitFor();
    await shot('18-duplicated-cohort-zh');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
