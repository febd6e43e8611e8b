/**
 * The programs screen end to end, the way a person uses it: a real workspace
 * file, the real HTTP bridge serving the built renderer, and Debian's Chromium
 * with a fresh profile. It creates a program through the form, reloads to prove
 * it was stored (and that the token survived the reload without staying in the
 * address bar), submits invalid values and expects the API's errors beside the
 * right fields in the interface language, then switches language and theme.
 * Any console error — a CSP violation included — fails the test.
 *
 * Screenshots land in screenshots/ (gitignored) for a human to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** A text or number input by its label (the accessible name leaves out Mantine's aria-hidden required mark). */
function field(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('textbox', { name: label, exact: true });
}

/** The error Mantine shows under an input, found through the input's aria-describedby. */
async function errorOf(input: Locator): Promise<string> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const texts: string[] = [];
  for (const id of ids.split(/\s+/).filter(Boolean)) {
    const el = page.locator(`[id="${id}"]`);
    if ((await el.count()) > 0) texts.push(spaces(await el.textContent()));
  }
  return texts.join(' | ');
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  // A school past its first run: these tests start on Today, not on the set-up wizard (onboarding.test.ts has that).
  directCall(workspace, { userId: null, username: 'test', role: 'owner' }, 'onboarding.update', {
    wizardOutcome: 'skipped',
    checklistDismissed: true,
  });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'hu-HU', timezoneId: 'Europe/Budapest' });
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

describe('programs screen through the HTTP bridge', () => {
  it('opens in the workspace language with the token taken out of the address bar', async () => {
    await page.goto(bridge.url);
    await page.getByRole('heading', { name: 'Ma', exact: true }).waitFor();
    await page.locator('nav [data-section="programs"]').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Programok' }).count()).toBe(1);
    expect(page.url()).not.toContain('token');
    expect(await page.getByTestId('school-name').textContent()).toBe('Napraforgó Nyelviskola');
    expect(await page.locator('html').getAttribute('lang')).toBe('hu');
    await page.getByText('Még nincs program').waitFor();
    await shot('01-programs-empty-hu');
  });

  it('creates a program through the form and still lists it after a reload', async () => {
    await page.getByRole('button', { name: 'Új program' }).first().click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'Név').fill('Angol kezdőknek');
    await field(dialog, 'Alapár').fill('120000');
    await field(dialog, 'Létszám').fill('8');
    await field(dialog, 'Órák száma').fill('12');
    await field(dialog, 'Egy óra hossza (perc)').fill('90');
    await field(dialog, 'Leírás').fill('Heti kétszer, kis csoportban.');
    await shot('02-program-form-hu');
    await dialog.getByRole('button', { name: 'Program létrehozása' }).click();
    await dialog.waitFor({ state: 'detached' });

    const stored = directCall(workspace, { userId: null, username: 'test', role: 'owner' }, 'programs.list', {});
    expect(stored.ok && (stored.value as { name: string; defaultPriceMinor: number }[])).toMatchObject([
      { name: 'Angol kezdőknek', defaultPriceMinor: toMinor(120_000, 'HUF') },
    ]);

    await page.reload();
    const row = page.getByTestId('program-row').filter({ hasText: 'Angol kezdőknek' });
    await row.waitFor();
    expect(page.url()).not.toContain('token');
    const text = spaces(await row.textContent());
    expect(text).toContain(spaces(formatMoney(toMinor(120_000, 'HUF'), 'HUF', 'hu-HU')));
    expect(text).toContain('Tanfolyam');
    expect(text).toContain('8 fő');
    expect(text).toContain('12 × 90 perc');
    await shot('03-programs-listed-hu');
  });

  it('shows the API validation errors next to their fields, in Hungarian, and changes nothing', async () => {
    await page.getByRole('button', { name: 'Angol kezdőknek szerkesztése' }).click();
    const dialog = page.getByRole('dialog');
    const name = field(dialog, 'Név');
    const minutes = field(dialog, 'Egy óra hossza (perc)');
    await name.fill('   ');
    await minutes.fill('2');
    await dialog.getByRole('button', { name: 'Mentés' }).click();

    expect(await errorOf(name)).toContain('Adjon nevet a programnak');
    expect(await errorOf(minutes)).toContain('Legalább 5 perc');
    expect(await field(dialog, 'Órák száma').getAttribute('aria-invalid')).not.toBe('true');
    await shot('04-program-form-errors-hu');

    const stored = directCall(workspace, { userId: null, username: 'test', role: 'owner' }, 'programs.list', {});
    expect(stored.ok && (stored.value as { name: string; lessonMinutes: number }[])).toMatchObject([
      { name: 'Angol kezdőknek', lessonMinutes: 90 },
    ]);

    await minutes.fill('60');
    expect(await minutes.getAttribute('aria-invalid')).not.toBe('true');
    await dialog.getByRole('button', { name: 'Mégse' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it("follows a language switch (this person only: settings.locale stays the school's) and the dark theme", async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Programs' }).waitFor();
    const settings = directCall(workspace, { userId: null, username: 'test', role: 'owner' }, 'settings.get', {});
    expect(settings.ok && (settings.value as { locale: string }).locale).toBe('hu-HU');

    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await page
      .getByRole('dialog')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.getByRole('button', { name: 'New program' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Create program' }).click();
    expect(await errorOf(field(dialog, 'Name'))).toContain('Give the program a name');
    await shot('05-program-form-errors-en-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.mouse.move(1200, 780);
    await shot('06-programs-en-dark');

    await page.getByRole('button', { name: 'Today' }).click();
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await shot('07-today-en-dark');

    await page.getByRole('button', { name: 'Switch to the light theme' }).click();
    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: '简体中文' }).click();
    await page.getByRole('button', { name: '课程项目' }).click();
    await page.getByRole('heading', { name: '课程项目' }).waitFor();
    await page.mouse.move(1200, 780);
    await shot('08-programs-zh');
  });

  it('logged no console errors (CSP violations included)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
