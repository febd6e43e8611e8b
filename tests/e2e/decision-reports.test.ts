/**
 * The decision reports end to end: a seeded demo school with a campaign and
 * source channels, an owner with a password and an assistant account, the real
 * HTTP bridge and Debian's Chromium in Hungarian.
 *
 * - The assistant sees none of the money reports: only the overview (counts and
 *   the calm owner-only note) and the conversion tab, and no amount in the
 *   school's currency anywhere on the Reports screen.
 * - The owner's collected-vs-expected total on screen is exactly what
 *   `reports.money` answers; the CSV export downloads with Hungarian headers.
 * - The owner prints the monthly summary to PDF the way a browser does
 *   (Chromium's page.pdf() with the print stylesheet), in Hungarian and in
 *   Chinese; each PDF is one A4 page, opened in Chromium's own PDF viewer and
 *   saved as PNG (screenshots/decisions-summary-*.png) to be looked at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTable } from '../../src-shared/api/reports-methods';
import { formatMoney } from '../../src-shared/money';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import { seedDemo } from '../../src-main/demo/seed-demo';
import type { Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { contextOf, directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const currency = 'HUF';
const locale = 'hu-HU';
const ownerPassword = 'tulajdonos-jelszo-1';
const assistantPassword = 'asszisztens-jelszo-1';

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
const consoleErrors: string[] = [];

/** The `data-testid` of each element (run in the page). */
const testIdsOf = (elements: unknown[]) =>
  elements.map((el) => (el as { getAttribute(name: string): string | null }).getAttribute('data-testid') ?? '');

const spaces = (text: string | null | undefined) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(bridge.url);
  const form = page.getByTestId('sign-in');
  await form.waitFor();
  const remembered = form.getByTestId('remembered-user').filter({ hasText: username });
  if ((await remembered.count()) > 0) await remembered.click();
  else {
    const someoneElse = form.getByRole('button', { name: 'Valaki más' });
    if ((await someoneElse.count()) > 0) await someoneElse.click();
    await form.getByRole('textbox', { name: 'Bejelentkezési név' }).fill(username);
  }
  await form.getByLabel('Jelszó').fill(password);
  await form.getByRole('button', { name: 'Bejelentkezés' }).click();
  await page.getByTestId('school-name').waitFor();
}

async function openReports(page: Page) {
  await page.locator('nav [data-section="reports"]').click();
  await page.getByTestId('report-tabs').waitFor();
}

/** Prints the open page to an A4 PDF as a browser does, then opens it in Chromium's PDF viewer and saves what it shows. */
async function pdfToPng(page: Page, name: string): Promise<Buffer> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const viewer = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await viewer.goto(`${pathToFileURL(file).href}#toolbar=0&view=FitH`);
  await viewer.waitForTimeout(1500);
  await viewer.screenshot({ path: join(screenshots, `decisions-summary-${name}.png`) });
  await viewer.close();
  return pdf;
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-decisions-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency, locale, timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  seedDemo(contextOf(workspace, owner), { clients: 30, seed: 'decisions' });
  const campaign = call<{ id: string }>('campaigns.create', {
    name: 'Tavaszi nyílt nap',
    kind: 'open_day',
    channel: 'open_day',
    startsOn: call<{ from: string }>('reports.money', { kind: 'collectedByMonth' }).from,
    costMinor: 5_000_000,
  });
  const enrollments = workspace.db.sqlite
    .prepare('SELECT id FROM enrollments WHERE deleted_at IS NULL ORDER BY id LIMIT 12')
    .pluck()
    .all() as string[];
  const channels = ['website', 'referral', 'open_day', 'social'];
  enrollments.forEach((id, i) => {
    const channel = channels[i % channels.length] as string;
    call('enrollments.update', { id, sourceChannel: channel, ...(channel === 'open_day' ? { campaignId: campaign.id } : {}) });
  });
  call('auth.setupOwner', { password: ownerPassword });
  call('users.create', { username: 'anna', displayName: 'Kiss Anna', role: 'assistant', password: assistantPassword });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('decision reports through the HTTP bridge', () => {
  it('shows the assistant none of the money reports', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Budapest' });
    const page = await newPage(context);
    await signIn(page, 'anna', assistantPassword);
    await openReports(page);
    const tabs = await page.locator('[data-testid^="report-tab-"]').evaluateAll(testIdsOf);
    expect(tabs).toEqual(['report-tab-overview', 'report-tab-funnel']);
    await page.getByTestId('reports-owner-only').waitFor();
    await page.getByTestId('report-tab-funnel').click();
    await page.getByTestId('table-conversionBySource').waitFor();
    await page.getByTestId('table-newReturning').waitFor();
    const text = spaces(await page.locator('main').textContent());
    expect(text).toContain('Konverzió forrásonként');
    expect(text).not.toMatch(/Ft\b/);
    await page.screenshot({ path: join(screenshots, 'decisions-assistant-funnel.png'), fullPage: true });
    await context.close();
  });

  it('shows the owner collected against expected exactly as reports.money answers, and exports it as CSV', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale,
      timezoneId: 'Europe/Budapest',
      acceptDownloads: true,
    });
    const page = await newPage(context);
    await signIn(page, 'owner', ownerPassword);
    await openReports(page);
    await page.getByTestId('report-tab-money').click();
    const table = page.getByTestId('table-collectedByMonth');
    await table.waitFor();
    const report = call<ReportTable>('reports.money', { kind: 'collectedByMonth' });
    const net = spaces(formatMoney(report.total?.['netMinor'] as number, currency, locale));
    await expect.poll(async () => spaces(await table.getByTestId('total-row').locator('[data-col="netMinor"]').textContent())).toBe(net);
    await page.getByTestId('chart-collectedByMonth').locator('.recharts-surface').waitFor();
    await page.screenshot({ path: join(screenshots, 'decisions-owner-collected.png'), fullPage: true });

    await page.getByTestId('export-collectedByMonth').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()]);
    const csv = readFileSync(await download.path()).toString('utf8');
    expect(csv.startsWith('\uFEFFHónap,Befolyt (HUF),Visszafizetve (HUF),Nettó (HUF),Várt (HUF)')).toBe(true);

    await page.getByTestId('report-tab-owed').click();
    await page.getByTestId('table-ageingByFamily').waitFor();
    await page.screenshot({ path: join(screenshots, 'decisions-owner-owed.png'), fullPage: true });
    await page.getByTestId('report-tab-campaigns').click();
    await page.getByTestId('table-campaignReturn').waitFor();
    await page.getByTestId('campaigns-panel').getByText('Tavaszi nyílt nap').waitFor();
    await page.screenshot({ path: join(screenshots, 'decisions-owner-campaigns.png'), fullPage: true });

    // A campaign added, and deleted, on the screen.
    const named = (name: string) => call<{ name: string; costMinor: number | null }[]>('campaigns.list', {}).find((c) => c.name === name);
    await page.getByTestId('campaign-add').click();
    await page.getByTestId('campaign-name').fill('Őszi börze');
    await page.getByTestId('campaign-cost').fill('25000');
    await page.screenshot({ path: join(screenshots, 'decisions-campaign-editor.png') });
    await page.getByTestId('campaign-save').click();
    await page.getByTestId('campaigns-panel').getByText('Őszi börze').waitFor();
    expect(named('Őszi börze')).toMatchObject({ costMinor: 2_500_000 });
    await page.getByTestId('campaigns-panel').getByText('Őszi börze').click();
    await page.getByTestId('campaign-delete').click();
    await expect.poll(() => named('Őszi börze')).toBeUndefined();
    await context.close();
  });

  it('prints the monthly summary to a one-page PDF in Hungarian and in Chinese', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Budapest' });
    const page = await newPage(context);
    await signIn(page, 'owner', ownerPassword);
    await openReports(page);
    await page.getByTestId('report-tab-summary').click();
    const summary = page.getByTestId('monthly-summary');
    await summary.waitFor();
    const month = await page.getByTestId('summary-month').inputValue();
    const expected = call<{ collectedMinor: number; outstandingMinor: number }>('reports.monthlySummary', { month });
    expect(spaces(await page.getByTestId('summary-collected').getByTestId('value').textContent())).toBe(
      spaces(formatMoney(expected.collectedMinor, currency, locale)),
    );
    expect(spaces(await page.getByTestId('summary-outstanding').getByTestId('value').textContent())).toBe(
      spaces(formatMoney(expected.outstandingMinor, currency, locale)),
    );
    await page.screenshot({ path: join(screenshots, 'decisions-summary-screen-hu.png'), fullPage: true });
    const hungarian = await pdfToPng(page, 'hu');
    expect(pageCount(hungarian)).toBe(1);

    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: '简体中文' }).click();
    await page.getByText('月度总结', { exact: true }).first().waitFor();
    await summary.getByText('收支').waitFor();
    const chinese = await pdfToPng(page, 'zh');
    expect(pageCount(chinese)).toBe(1);
    await page.getByTestId('report-tab-owed').click();
    await page.getByTestId('table-ageingByFamily').getByText('合计').waitFor();
    await page.screenshot({ path: join(screenshots, 'decisions-owner-owed-zh.png'), fullPage: true });
    await context.close();
  });

  it('keeps the school’s lists in Settings: a required field set there is asked for when a client is edited', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Budapest' });
    const page = await newPage(context);
    await signIn(page, 'owner', ownerPassword);
    await page.locator('nav [data-section="clients"]').click();
    const firstRow = page.getByTestId('clients-grid').locator('[data-row-id]').first();
    await firstRow.waitFor();
    const client = (await firstRow.getAttribute('data-row-id')) as string;
    call('clients.update', { id: client, birthDate: null });

    await page.locator('nav [data-section="settings"]').click();
    await page.getByTestId('settings-tab-lists').click();
    await page.getByTestId('lists-tab').waitFor();
    await page.getByTestId('required-birthDate').click();
    await page.getByTestId('lists-save').click();
    await expect.poll(() => call<{ requiredClientFields: string[] }>('schoolLists.get', {}).requiredClientFields).toEqual(['birthDate']);
    await page.screenshot({ path: join(screenshots, 'decisions-settings-lists.png'), fullPage: true });

    await page.locator('nav [data-section="clients"]').click();
    await firstRow.locator('[data-column="name"] button').click();
    await page.getByTestId('client-edit').click();
    await page.locator('form textarea').first().fill('A születési dátum még hiányzik');
    await page.getByTestId('client-save').click();
    await page.getByText('Az iskola kötelezővé tette: töltse ki').waitFor();
    await page.screenshot({ path: join(screenshots, 'decisions-required-field.png'), fullPage: true });
    call('schoolLists.update', { requiredClientFields: [] });
    await context.close();
    expect(consoleErrors).toEqual([]);
  });
});
