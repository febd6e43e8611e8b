/**
 * The first run end to end, as a new owner meets it: an empty workspace (made
 * the way the app's first start makes one, in English and euros), the HTTP
 * bridge serving the built renderer, and Debian's Chromium playing a Hungarian
 * laptop. The wizard must open in Hungarian with Hungary, forints, hu-HU and
 * Budapest already chosen and show their formats; it saves the school, lets the
 * password wait with the warning, and "Import my sheet" leads to the Import
 * screen, where a Hungarian Excel CSV goes in. Today's checklist then shows what
 * the import did, ticks live as the owner adds a teacher, a password and a
 * backup, and stays away once hidden; the wizard never comes back. Two more
 * schools take the other roads: a Chinese laptop builds the demo school, an
 * English one skips the set-up. Before the wizard, each first start shows the
 * recovery key of the key it just made, once, until the owner confirms writing
 * it down. Any console error fails.
 *
 * Screenshots land in screenshots/onboarding-*.png for a human to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';
import { recoveryKeyOf } from '../../src-main/db/keys';

const screenshots = join(projectRoot, 'screenshots');
const fixtures = join(projectRoot, 'tests', 'fixtures', 'import');

interface School {
  dir: string;
  workspace: Workspace;
  bridge: Bridge;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

let rendererDir: string;
let browser: Browser;
const schools: School[] = [];

/** A fresh workspace as the app's first start makes it, and a browser tab on a machine of `locale` in `timezoneId`. */
async function openSchool(locale: string, timezoneId: string): Promise<School> {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-onboarding-'));
  // The app's first start: its keychain has just made the key (newKey), so the recovery key is to be shown.
  const workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    newKey: true,
    initIfEmpty: { schoolName: 'My school', currency: 'EUR', locale: 'en-GB', timeZone: 'UTC' },
  });
  const bridge = await startBridge({ workspace, rendererDir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const school = { dir, workspace, bridge, context, page, errors };
  schools.push(school);
  return school;
}

function call<M extends MethodName>(school: School, method: M, input: MethodInput<M>): MethodOutput<M> {
  const result = directCall(school.workspace, { userId: null, username: 'test', role: 'owner' }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as MethodOutput<M>;
}

/** The first screen of a first start: the recovery key, once; Continue waits for "I have written it down". */
async function writeDownRecoveryKey(school: School, name: string) {
  const { page } = school;
  await page.getByTestId('recovery-key-screen').waitFor();
  expect(await page.getByTestId('recovery-key').textContent()).toBe(recoveryKeyOf(school.workspace.db.key));
  expect(await page.getByTestId('recovery-key-continue').isDisabled()).toBe(true);
  await shot(page, name);
  await page.getByTestId('recovery-key-written').check();
  await page.getByTestId('recovery-key-continue').click();
  await page.getByTestId('recovery-key-screen').waitFor({ state: 'detached' });
  const offer = await school.workspace.invoke({ actor: { userId: null, username: 'test', role: 'owner' } }, 'backups.recoveryKey', {});
  expect(offer).toMatchObject({ ok: true, value: { recoveryKey: null } });
}

async function shot(page: Page, name: string) {
  await page.mouse.move(5, 890);
  await page.screenshot({ path: join(screenshots, `onboarding-${name}.png`), fullPage: true });
}

async function doneSteps(page: Page): Promise<string[]> {
  const rows = page.getByTestId('setup-checklist').locator('[data-done="true"]');
  return (
    await rows.evaluateAll((els) =>
      els.map((el) => (el as unknown as { getAttribute(name: string): string | null }).getAttribute('data-testid')),
    )
  ).map((id) => String(id).replace('setup-step-', ''));
}

beforeAll(async () => {
  rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const school of schools) {
    await school.context.close();
    await school.bridge.close();
    school.workspace.close();
    rmSync(school.dir, { recursive: true, force: true });
  }
  await browser?.close();
});

describe('a Hungarian owner’s first run, from an empty profile to an imported sheet', () => {
  let hu: School;
  beforeAll(async () => {
    hu = await openSchool('hu-HU', 'Europe/Budapest');
  });

  it('opens on the wizard in the machine’s language and saves the school with Hungary’s formats', async () => {
    const { page } = hu;
    await page.goto(hu.bridge.url);
    await writeDownRecoveryKey(hu, '00-recovery-key-hu');
    await page.getByRole('heading', { name: 'Üdvözli a Tanoda' }).waitFor();
    const name = page.getByTestId('wizard-school-name');
    expect(await name.inputValue()).toBe('My school');
    await name.fill('');
    await page.getByTestId('wizard-next').click();
    await page.getByText('Adjon nevet az iskolának').waitFor();
    await name.fill('Napsugár Nyelviskola');
    await shot(page, '01-school-hu');
    await page.getByTestId('wizard-next').click();

    await page.getByTestId('format-preview').waitFor();
    expect(await page.getByTestId('wizard-country').inputValue()).toBe('Magyarország');
    expect(await page.getByTestId('wizard-currency').inputValue()).toMatch(/^HUF · /);
    expect(await page.getByTestId('wizard-locale').inputValue()).toMatch(/hu-HU$/);
    expect(await page.getByTestId('wizard-time-zone').inputValue()).toBe('Europe/Budapest');
    expect(await page.getByTestId('sample-money').textContent()).toMatch(/^12\s345(,67)?\sFt$/);
    expect(await page.getByTestId('sample-phone').textContent()).toMatch(/^06 \d0 \d{3} \d{4}$/);
    expect(await page.getByTestId('sample-date').textContent()).toMatch(/^\d{4}\. [a-zá-ű]+ \d{1,2}\., [a-zá-ű]+,? \d{1,2}:\d{2}$/);
    await shot(page, '02-place-hu');
    await page.getByTestId('wizard-next').click();

    await page.getByText('Amíg ez nem történik meg, bárki, aki ezen a gépen megnyitja a Tanodát', { exact: false }).waitFor();
    expect(call(hu, 'settings.get', {})).toMatchObject({
      schoolName: 'Napsugár Nyelviskola',
      country: 'HU',
      currency: 'HUF',
      locale: 'hu-HU',
      timeZone: 'Europe/Budapest',
      wizardOutcome: null,
    });
    await shot(page, '03-password-hu');
    await page.getByRole('button', { name: 'Emlékeztessen később' }).click();
  });

  it('leads “Import my sheet” to the Import screen, where the sheet goes in', async () => {
    const { page } = hu;
    await page.getByText('Hogyan szeretne kezdeni?').waitFor();
    await shot(page, '04-start-hu');
    await page.getByTestId('start-import').click();
    await page.getByRole('heading', { name: 'Importálás', level: 2 }).waitFor();
    expect(await page.getByTestId('first-run-wizard').count()).toBe(0);
    expect(await page.getByTestId('recovery-key-screen').count()).toBe(0);
    expect(await page.getByTestId('school-name').textContent()).toBe('Napsugár Nyelviskola');
    expect(call(hu, 'settings.get', {}).wizardOutcome).toBe('import');

    await page.getByTestId('import-file-input').setInputFiles(join(fixtures, 'hu-1250-semicolon.csv'));
    await page.getByTestId('import-review').waitFor();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor();
    await shot(page, '05-imported-hu');
    expect(call(hu, 'imports.list', {})).toHaveLength(1);
    expect(call(hu, 'clients.list', { limit: 100 }).rows.map((c) => c.displayName)).toContain('Kovács Anna');
  });

  it('shows on Today what the import did, and ticks the steps as the owner does them', async () => {
    const { page } = hu;
    await page.locator('nav [data-section="today"]').click();
    const checklist = page.getByTestId('setup-checklist');
    await checklist.waitFor();
    expect(await doneSteps(page)).toEqual(['program', 'cohort', 'enrollment', 'payment', 'import']);
    expect(await page.getByTestId('setup-progress').textContent()).toBe('10 lépésből 5 kész');
    await shot(page, '06-checklist-hu');

    // A teacher, through the step's own link.
    await page.getByTestId('setup-step-teacher').getByRole('button', { name: 'Tanárok' }).click();
    await page.getByTestId('add-teachers').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Név').fill('Kiss Éva');
    await dialog.getByRole('button', { name: 'Mentés' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('nav [data-section="today"]').click();
    await page.getByTestId('setup-step-teacher').and(page.locator('[data-done="true"]')).waitFor();

    // The password, from the checklist: the step ticks while Today is open.
    await page.getByTestId('setup-step-password').getByRole('button', { name: 'Jelszó beállítása' }).click();
    const password = page.getByRole('dialog');
    await password.getByRole('heading', { name: 'A tulajdonos jelszava' }).waitFor();
    await password.locator('input[type="password"]').nth(0).fill('napsugar-2026');
    await password.locator('input[type="password"]').nth(1).fill('napsugar-2026');
    await password.getByRole('button', { name: 'Jelszó beállítása' }).click();
    await password.waitFor({ state: 'detached' });
    await page.getByTestId('setup-step-password').and(page.locator('[data-done="true"]')).waitFor();

    // A backup taken by hand.
    await page.getByTestId('setup-step-backups').getByRole('button', { name: 'Biztonsági mentések' }).click();
    await page.getByTestId('backup-now').click();
    await page.getByText('A mentés elkészült', { exact: false }).first().waitFor();
    await page.locator('nav [data-section="today"]').click();
    await page.getByTestId('setup-step-backups').and(page.locator('[data-done="true"]')).waitFor();
    expect(await doneSteps(page)).toEqual(['password', 'program', 'teacher', 'cohort', 'enrollment', 'payment', 'import', 'backups']);
    expect(await page.getByTestId('setup-progress').textContent()).toBe('10 lépésből 8 kész');
    await shot(page, '07-checklist-ticked-hu');
  });

  it('hides the checklist when asked, and neither it nor the wizard comes back', async () => {
    const { page } = hu;
    await page.getByTestId('setup-checklist').getByRole('button', { name: 'Lista elrejtése' }).click();
    await page.getByTestId('setup-checklist').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: 'Ma', exact: true }).waitFor();
    expect(await page.getByTestId('setup-checklist').count()).toBe(0);
    expect(await page.getByTestId('first-run-wizard').count()).toBe(0);
    expect(await page.getByTestId('recovery-key-screen').count()).toBe(0);
    expect(call(hu, 'settings.get', {})).toMatchObject({ wizardOutcome: 'import', checklistDismissed: true });
    expect(hu.errors).toEqual([]);
  });
});

describe('other roads', () => {
  it('builds the demo school for a Chinese owner', async () => {
    const zh = await openSchool('zh-CN', 'Asia/Shanghai');
    const { page } = zh;
    await page.goto(zh.bridge.url);
    await writeDownRecoveryKey(zh, '00-recovery-key-zh');
    await page.getByRole('heading', { name: '欢迎使用 Tanoda' }).waitFor();
    await page.getByTestId('wizard-school-name').fill('向日葵语言学校');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('format-preview').waitFor();
    expect(await page.getByTestId('wizard-currency').inputValue()).toMatch(/^CNY · /);
    expect(await page.getByTestId('wizard-time-zone').inputValue()).toBe('Asia/Shanghai');
    expect(await page.getByTestId('sample-money').textContent()).toBe('¥12,345.67');
    await shot(page, '11-place-zh');
    await page.getByTestId('wizard-next').click();
    await page.getByRole('button', { name: '稍后提醒我' }).click();
    await shot(page, '12-start-zh');
    await page.getByTestId('start-demo').click();
    await page.getByRole('heading', { name: '今日', exact: true }).waitFor({ timeout: 60_000 });
    await page.getByTestId('setup-checklist').waitFor();
    expect(await doneSteps(page)).toEqual(['program', 'teacher', 'cohort', 'enrollment', 'payment']);
    expect(call(zh, 'clients.list', { limit: 1 }).total).toBe(300);
    expect(call(zh, 'settings.get', {})).toMatchObject({ schoolName: '向日葵语言学校', currency: 'CNY', wizardOutcome: 'demo' });
    await shot(page, '13-demo-today-zh');
    await page.reload();
    await page.getByRole('heading', { name: '今日', exact: true }).waitFor();
    expect(await page.getByTestId('first-run-wizard').count()).toBe(0);
    expect(await page.getByTestId('recovery-key-screen').count()).toBe(0);
    expect(zh.errors).toEqual([]);
  });

  it('lets an English owner skip the set-up, and the wizard stays skipped', async () => {
    const en = await openSchool('en-GB', 'Europe/London');
    const { page } = en;
    await page.goto(en.bridge.url);
    await writeDownRecoveryKey(en, '00-recovery-key-en');
    await page.getByRole('heading', { name: 'Welcome to Tanoda' }).waitFor();
    await shot(page, '21-school-en');
    await page.getByTestId('wizard-skip').click();
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await page.getByTestId('setup-checklist').waitFor();
    expect(await doneSteps(page)).toEqual([]);
    expect(await page.getByTestId('setup-progress').textContent()).toBe('0 of 10 done');
    await shot(page, '22-skipped-today-en');
    await page.reload();
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    expect(await page.getByTestId('first-run-wizard').count()).toBe(0);
    expect(await page.getByTestId('recovery-key-screen').count()).toBe(0);
    expect(call(en, 'settings.get', {})).toMatchObject({ schoolName: 'My school', wizardOutcome: 'skipped' });
    expect(en.errors).toEqual([]);
  });
});
