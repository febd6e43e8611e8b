/**
 * Help where the question comes, end to end: a small demo school behind the
 * HTTP bridge in Debian's Chromium. On every section, in English, Hungarian and
 * Chinese, the header's "?" opens the drawer titled for that section with its
 * own how-to (the words checked against the help catalog, so no screen can
 * fall back to another's text or to English); the shortcut sheet lists the
 * grid's keys; F1 and ? open the drawer from the keyboard, while a ? typed into
 * a field stays in the field. Any console error fails.
 *
 * Screenshots land in screenshots/help-*.png for a human to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { seedDemo } from '../../src-main/demo/seed-demo';
import { catalogs as help } from '../../src-renderer/features/help/i18n';
import en from '../../src-renderer/i18n/locales/en';
import hu from '../../src-renderer/i18n/locales/hu';
import zh from '../../src-renderer/i18n/locales/zh';
import { localeOfLanguage, type Language } from '../../src-renderer/i18n/languages';
import { contextOf, directCall, keyBeside } from '../integration/direct';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';

const screenshots = join(projectRoot, 'screenshots');
const common = { en, hu, zh };
const owner = { userId: null, username: 'test', role: 'owner' } as const;

let dir: string;
let workspace: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

async function shot(name: string) {
  await page.mouse.move(5, 890);
  // The drawer slides in: wait for its transition to end so the picture shows it in place.
  await page
    .locator('.mantine-Drawer-content')
    .evaluate((el) =>
      Promise.all((el as unknown as { getAnimations(): { finished: Promise<unknown> }[] }).getAnimations().map((a) => a.finished)),
    );
  await page.screenshot({ path: join(screenshots, `help-${name}.png`) });
}

async function useLanguage(language: Language) {
  const result = directCall(workspace, owner, 'settings.update', { locale: localeOfLanguage[language] });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  await page.reload();
  await page.locator('nav [data-section="today"]', { hasText: common[language].nav.today }).waitFor();
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-help-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'en-GB', timeZone: 'Europe/Budapest' },
  });
  seedDemo(contextOf(workspace, owner), { clients: 30, seed: 'help' });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Budapest' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(bridge.url);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shotOf: Partial<Record<Language, string>> = { en: 'clients', hu: 'cohorts', zh: 'today' };

describe.each(['en', 'hu', 'zh'] as const)('help in %s', (language) => {
  const words = help[language];
  const nav = common[language].nav;

  it('opens on every screen with that screen’s own how-to', async () => {
    await useLanguage(language);
    // Every section the sidebar offers, so a new screen without help fails here.
    const sections = (await page
      .locator('nav [data-section]')
      .evaluateAll((els) =>
        els.map((el) => (el as unknown as { getAttribute(name: string): string | null }).getAttribute('data-section')),
      )) as (keyof typeof words.sections)[];
    expect(sections).toHaveLength(Object.keys(words.sections).length);
    for (const section of sections) {
      expect(words.sections[section], section).toBeDefined();
      await page.locator(`nav [data-section="${section}"]`).click();
      await page.getByTestId('help-button').click();
      const drawer = page.getByTestId('help-drawer');
      const title = words.title.replace('{{section}}', nav[section]);
      await drawer.getByRole('heading', { name: title, exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      const body = drawer.getByTestId('help-screen');
      await body.getByText(words.sections[section].intro, { exact: true }).waitFor();
      expect(await body.getByRole('listitem').allTextContents()).toEqual([
        ...words.sections[section].steps,
        ...words.sections[section].tips,
      ]);
      if (shotOf[language] === section) await shot(`${section}-${language}`);
      await page.keyboard.press('Escape');
      await body.waitFor({ state: 'detached' });
    }
  });

  it('lists the keyboard shortcuts, opened with ? and F1', async () => {
    await page.locator('nav [data-section="clients"]').click();
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('?');
    const sheet = page.getByTestId('help-shortcuts');
    await sheet.waitFor();
    for (const group of Object.values(words.shortcuts.groups)) await sheet.getByRole('heading', { name: group }).waitFor();
    await sheet.getByText(words.shortcuts.keys.paste, { exact: true }).waitFor();
    await sheet.getByText(words.shortcuts.keys.palette, { exact: true }).waitFor();
    expect(await sheet.getByRole('row').count()).toBe(26);
    await shot(`shortcuts-${language}`);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    await page.keyboard.press('F1');
    await page.getByTestId('help-screen').getByText(words.sections.clients.intro, { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('help-screen').waitFor({ state: 'detached' });
  });
});

describe('the ? key while typing', () => {
  it('stays in the field it was typed into', async () => {
    await page.locator('nav [data-section="clients"]').click();
    const search = page.getByTestId('clients-search');
    await search.click();
    await page.keyboard.type('?');
    expect(await search.inputValue()).toBe('?');
    expect(await page.getByTestId('help-shortcuts').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
