/**
 * The daily loop as a school owner lives it (issue 12, items 4-8), in Debian's
 * Chromium through the real HTTP bridge, on an en-US school (US dollars, month
 * before day) whose owner reads the interface in Hungarian or Chinese: a
 * call-back set from Today and shown there, the lead thinking it over with no
 * call-back day flagged, Today's cards capped at ten with "see all" into the
 * grid, "remind all" as one file, Programs and Cohorts on the shared grid
 * (opening on open and running groups, badges whole), "+ new teacher" inside
 * the cohort editor, the pinned name column, one word per status on the board,
 * the client page and the audit log, and a language switch that touches neither
 * the school's formats nor its audit log. Any console error fails the test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function shot(name: string, fullPage = true) {
  await page.mouse.move(1270, 890);
  await page.screenshot({ path: join(screenshots, `daily-${name}.png`), fullPage });
}

async function switchLanguage(label: string) {
  await page.getByRole('banner').getByTestId('language-switch').click();
  await page.getByRole('option', { name: label }).click();
}

function seedSchool() {
  const piano = call<{ id: string }>('programs.create', { name: 'Piano for beginners', kind: 'course', defaultPriceMinor: 120_000 });
  const open = call<{ id: string }>('cohorts.create', {
    programId: piano.id,
    name: 'Spring evenings',
    startOn: '2026-03-20',
    status: 'open',
  });
  call('cohorts.create', { programId: piano.id, name: 'Winter mornings', startOn: '2026-01-12', status: 'running' });
  call('cohorts.create', { programId: piano.id, name: 'Autumn 2025', startOn: '2025-09-08', status: 'finished' });
  call('cohorts.create', { programId: piano.id, name: 'Summer camp', startOn: '2026-07-06', status: 'planned' });
  ids.openCohort = open.id;
  for (let i = 0; i < 14; i++) {
    const client = call<{ id: string }>('clients.create', { firstName: `Lead${String(i).padStart(2, '0')}`, lastName: 'Adams' });
    call('enrollments.create', { clientId: client.id, programId: piano.id, status: 'thinking', followUpOn: '2026-03-05' });
  }
  const quiet = call<{ id: string; displayName: string }>('clients.create', {
    firstName: 'Quinn',
    lastName: 'Quiet',
    phone: '+1 212 555 0142',
  });
  ids.quietName = quiet.displayName;
  ids.quietEnrollment = call<{ id: string }>('enrollments.create', { clientId: quiet.id, programId: piano.id, status: 'thinking' }).id;
  for (let i = 0; i < 12; i++) {
    const payer = call<{ id: string }>('clients.create', {
      firstName: `Payer${String(i).padStart(2, '0')}`,
      lastName: 'Brown',
      email: `payer${i}@example.com`,
    });
    const enrollment = call<{ id: string }>('enrollments.create', { clientId: payer.id, cohortId: open.id, status: 'confirmed' });
    call('instalments.plan', { enrollmentId: enrollment.id, count: 2, firstDueOn: '2026-02-01' });
  }
  const dana = call<{ id: string; displayName: string }>('clients.create', { firstName: 'Dana', lastName: 'Declines' });
  ids.danaId = dana.id;
  ids.danaName = dana.displayName;
  ids.danaEnrollment = call<{ id: string }>('enrollments.create', { clientId: dana.id, cohortId: open.id, status: 'inquiry' }).id;
  call('enrollments.setStatus', { id: ids.danaEnrollment, status: 'declined' });
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-daily-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    clock: fixedClock('2026-03-10T15:00:00Z'),
    initIfEmpty: { schoolName: 'Harbor Music School', currency: 'USD', locale: 'en-US', timeZone: 'America/New_York' },
  });
  owner = ownerActor(workspace.db);
  seedSchool();
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
    acceptDownloads: true,
  });
  page = await context.newPage();
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

describe('the daily loop through the HTTP bridge', () => {
  it('caps each Today card at ten with its count and flags the lead with no call-back day', async () => {
    await page.goto(bridge.url);
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    const followUps = page.getByTestId('today-follow-ups');
    await followUps.getByTestId('follow-up-item').first().waitFor();
    expect(await followUps.getByTestId('follow-up-item').count()).toBe(10);
    expect(spaces(await followUps.textContent())).toContain('See all 14');
    expect(await page.getByTestId('today-overdue').getByTestId('instalment-item').count()).toBe(10);
    const flagged = page.getByTestId('today-no-call-back');
    expect(spaces(await flagged.textContent())).toContain(ids.quietName);
    // The page stays short: ten rows a card, not every reminder of the school.
    const height = await page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight,
    );
    expect(height).toBeLessThan(4000);
    await shot('01-today-capped-en');
  });

  it('sets a call-back with a note from Today, and Today shows it when its day comes', async () => {
    await page.getByTestId('no-call-back-item').getByRole('button', { name: 'Set call-back' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What was said').fill('Asked to call back after payday.');
    await dialog.locator('input[type="date"]').fill('2026-03-12');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('today-no-call-back').waitFor({ state: 'detached' });
    const later = call<{ followUps: { enrollmentId: string; followUpOn: string }[]; noCallBack: unknown[] }>('today.get', {
      asOf: '2026-03-12',
    });
    expect(later.followUps.find((f) => f.enrollmentId === ids.quietEnrollment)?.followUpOn).toBe('2026-03-12');
    expect(later.noCallBack).toHaveLength(0);
  });

  it('"remind all" renders every overdue person as one batch: one CSV, ten cards on screen', async () => {
    await page.getByTestId('today-overdue').getByRole('button', { name: 'Remind all' }).click();
    const dialog = page.getByTestId('message-dialog');
    await dialog.getByTestId('message-batch').waitFor();
    expect(await dialog.getByTestId('rendered-message').count()).toBeLessThanOrEqual(10);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('message-batch-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toContain('name,email,phone,subject,message');
    expect(lines.length - 1).toBeGreaterThanOrEqual(12);
    expect(csv).toContain('payer0@example.com');
    await shot('02-remind-all-batch');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('"see all" opens the Enrollments grid filtered to the people thinking it over', async () => {
    await page.getByTestId('today-follow-ups-see-all').click();
    const grid = page.getByTestId('enrollments-grid');
    await grid.waitFor();
    await expect.poll(async () => spaces(await grid.textContent())).toContain('Lead00');
    expect(spaces(await grid.textContent())).not.toContain('Payer00');
    await shot('03-see-all-enrollments');
  });

  it('shows Cohorts on the shared grid, opening on current groups (planned, open, running), badges whole', async () => {
    await page.locator('[data-section="cohorts"]').click();
    const grid = page.getByTestId('cohorts-grid');
    await grid.getByTestId('cohort-row').first().waitFor();
    const text = spaces(await grid.textContent());
    expect(text).toContain('Spring evenings');
    expect(text).toContain('Winter mornings');
    expect(text).toContain('Summer camp');
    expect(text).not.toContain('Autumn 2025');
    const truncated = await grid
      .locator('.mantine-Badge-root')
      .evaluateAll(
        (badges) =>
          (badges as unknown as { scrollWidth: number; clientWidth: number }[]).filter((b) => b.scrollWidth > b.clientWidth + 1).length,
      );
    expect(truncated).toBe(0);
    await page.getByTestId('cohorts-views').click();
    await page.getByRole('menuitem', { name: 'All groups' }).click();
    await expect.poll(async () => spaces(await grid.textContent())).toContain('Autumn 2025');
    await shot('04-cohorts-grid');
  });

  it('adds a teacher from inside the cohort editor picker', async () => {
    await page.getByTestId('new-cohort').click();
    const dialog = page.getByRole('dialog');
    const teacher = dialog.getByLabel('Teacher', { exact: true });
    await teacher.click();
    await teacher.fill('Eva Keys');
    await page.getByRole('option', { name: '+ New teacher “Eva Keys”' }).click();
    await expect.poll(() => call<{ name: string }[]>('teachers.list', {}).map((x) => x.name)).toContain('Eva Keys');
    await expect.poll(async () => teacher.inputValue()).toBe('Eva Keys');
    await shot('05-new-teacher-in-picker');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows Programs on the shared grid', async () => {
    await page.locator('[data-section="programs"]').click();
    const row = page.getByTestId('program-row').filter({ hasText: 'Piano for beginners' });
    await row.waitFor();
    expect(spaces(await row.textContent())).toContain('$1,200');
    expect(spaces(await row.textContent())).toContain('Course');
    expect(await page.getByTestId('programs-grid').count()).toBe(1);
  });

  it('keeps the name column pinned when Ctrl+End goes to the last column', async () => {
    await page.locator('[data-section="clients"]').click();
    const grid = page.getByTestId('clients-grid');
    // Click a plain cell near its right edge, away from the name's link (which opens the client).
    const start = grid.locator('[role="gridcell"]').nth(2);
    const startBox = await start.boundingBox();
    await start.click({ position: { x: (startBox?.width ?? 20) - 6, y: (startBox?.height ?? 20) / 2 } });
    await page.keyboard.press('Control+End');
    const cursor = grid.locator('[data-cursor="true"]');
    await cursor.waitFor();
    const row = cursor.locator('xpath=..');
    const first = await row.locator('[role="gridcell"]').first().boundingBox();
    const box = await grid.boundingBox();
    expect(first && box && first.x >= box.x - 1 && first.x < box.x + 40).toBe(true);
    expect((await row.locator('[role="gridcell"]').first().textContent())?.trim().length).toBeGreaterThan(0);
    await shot('06-clients-pinned-name');
  });

  it('switching the language changes neither the school locale, its money and dates, nor the audit log', async () => {
    const auditBefore = call<{ entries: unknown[] }>('audit.log', { table: 'settings' }).entries.length;
    await page.locator('[data-section="today"]').click();
    await switchLanguage('Magyar');
    await page.getByRole('heading', { name: 'Ma', exact: true }).waitFor();
    const settings = call<{ locale: string; currency: string }>('settings.get', {});
    expect(settings.locale).toBe('en-US');
    expect(call<{ entries: unknown[] }>('audit.log', { table: 'settings' }).entries.length).toBe(auditBefore);
    const overdue = spaces(await page.getByTestId('today-overdue').textContent());
    // Money and dates stay the school's (en-US: "$600", "Feb 1, 2026"), not Hungarian ones.
    expect(overdue).toContain('$600');
    expect(overdue).toContain('Feb 1, 2026');
    expect(overdue).not.toContain('US$');
    await shot('07-today-hu-on-en-us-school');
    await page.reload();
    await page.getByRole('heading', { name: 'Ma', exact: true }).waitFor();
    await switchLanguage('English');
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    expect(call<{ locale: string }>('settings.get', {}).locale).toBe('en-US');
  });

  it('uses one word for a status on the board, the client page and the audit log, in Hungarian and Chinese', async () => {
    await switchLanguage('Magyar');
    await page.locator('[data-section="cohorts"]').click();
    await page.getByTestId('cohort-row').filter({ hasText: 'Spring evenings' }).getByRole('button').first().click();
    await page.getByTestId('board-column-declined').waitFor();
    expect(spaces(await page.getByTestId('board-column-declined').textContent())).toContain('Nem kéri');
    await shot('08-board-hu');
    await page.locator('[data-section="clients"]').click();
    await page
      .getByTestId('clients-grid')
      .getByText(ids.danaName as string)
      .first()
      .dblclick();
    await page.getByText('Nem kéri').first().waitFor();
    expect(spaces(await page.locator('main').textContent())).not.toContain('Elutasította');
    await shot('09-client-page-hu');
    await page.locator('[data-section="settings"]').click();
    await page.getByTestId('settings-tab-audit').click();
    const log = page.getByTestId('audit-log');
    await log.waitFor();
    await expect.poll(async () => spaces(await log.textContent())).toContain('Nem kéri');
    expect(spaces(await log.textContent())).not.toMatch(/\bdeclined\b/);
    await shot('10-audit-hu', false);

    await switchLanguage('简体中文');
    await expect.poll(async () => spaces(await log.textContent())).toContain('已拒绝');
    await page.locator('[data-section="today"]').click();
    await page.getByRole('heading', { name: '今日', exact: true }).waitFor();
    await shot('11-today-zh');
    await page.locator('[data-section="programs"]').click();
    await page.getByTestId('programs-grid').getByText('课程').first().waitFor();
    await shot('12-programs-zh');
    expect(call<{ locale: string }>('settings.get', {}).locale).toBe('en-US');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
