/**
 * Receipts and data quality end to end, through the real HTTP bridge and Debian's
 * Chromium, in Hungarian (and Chinese at the end):
 *  - the owner enters the school's receipt details (address, tax number, logo),
 *    issues a receipt for a Hungarian client's payment and one in Chinese for a
 *    Chinese client's, and saves each as PDF the way the app does it: the receipt
 *    page printed by Chromium (`page.pdf()` here, `printToPDF` in the app). Each
 *    PDF is opened in Chromium's own PDF viewer and photographed, so the PNG shows
 *    the PDF as a reader sees it, accents and Chinese characters included;
 *  - a voided receipt keeps its number and shows marked void;
 *  - the owner sees the scores and the planted duplicates, merges one pair side by
 *    side, and the merge is in the database;
 *  - the assistant signs in and sees the scores and duplicates, with no amount of
 *    money anywhere on the page.
 * Screenshots go to screenshots/quality-*.png and screenshots/receipt-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateGroup } from '../../src-shared/api/quality-methods';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import { plantDuplicates } from '../../src-main/demo/duplicates';
import { seedDemo } from '../../src-main/demo/seed-demo';
import type { Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { todayIn } from '../../src-shared/dates';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { contextOf, directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const ownerPassword = 'tulajdonos-jelszo-1';
const assistantPassword = 'asszisztens-jelszo';

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const payments: Record<'hu' | 'zh', string> = { hu: '', zh: '' };
const consoleErrors: string[] = [];

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const logo = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">
<circle cx="60" cy="60" r="56" fill="#f59f00"/><circle cx="60" cy="60" r="24" fill="#5c3c00"/></svg>`;

/** Opens a PDF in Chromium's own PDF viewer and photographs it: the PNG shows the PDF as a reader sees it. */
async function photoOfPdf(pdf: Buffer, name: string): Promise<void> {
  const file = join(screenshots, `receipt-${name}.pdf`);
  writeFileSync(file, pdf);
  const viewer = await browser.newPage({ viewport: { width: 1100, height: 820 } });
  await viewer.goto(`file://${file}`);
  await viewer.waitForTimeout(2500);
  await viewer.screenshot({ path: join(screenshots, `receipt-${name}-pdf.png`) });
  await viewer.close();
}

/** Prints the receipt page to PDF with Chromium, as the dialog's Save as PDF does, and photographs it. */
async function pdfAndPhoto(html: string, name: string): Promise<Buffer> {
  const printer = await context.newPage();
  await printer.setContent(html, { waitUntil: 'load' });
  const pdf = await printer.pdf({ preferCSSPageSize: true, printBackground: true });
  await printer.close();
  await photoOfPdf(pdf, name);
  return pdf;
}

async function openReceipt(paymentId: string) {
  await page.locator('nav [data-section="payments"]').click();
  const button = page.locator(`[data-row-id="${paymentId}"]`).getByTestId('payment-receipt');
  await button.waitFor();
  await button.click();
  await page.getByRole('dialog').waitFor();
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-quality-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  const ctx = contextOf(workspace, owner);
  seedDemo(ctx, { clients: 60, seed: 'quality-e2e' });
  const grouped = new Set(call<DuplicateGroup[]>('quality.duplicates', {}).flatMap((g) => g.clients.map((c) => c.id)));
  plantDuplicates(ctx, { count: 4, seed: 'quality-e2e', grouped });
  const today = todayIn('Europe/Budapest', new Date());
  const hu = call<{ id: string }>('clients.create', { firstName: 'Tünde', lastName: 'Árvíztűrő', email: 'tunde@example.hu' });
  const zh = call<{ id: string }>('clients.create', { firstName: '小明', lastName: '欧阳', email: 'xiaoming@example.cn' });
  payments.hu = call<{ id: string }>('payments.create', { clientId: hu.id, amountMinor: 4_250_000, paidOn: today, method: 'transfer' }).id;
  payments.zh = call<{ id: string }>('payments.create', { clientId: zh.id, amountMinor: 1_800_000, paidOn: today, method: 'card' }).id;
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU', timezoneId: 'Europe/Budapest' });
  page = await context.newPage();
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('receipts through the bridge', () => {
  it('lets the owner enter the receipt details, issue a receipt and save it as a PDF that shows Hungarian text', async () => {
    await page.goto(bridge.url);
    await page.locator('nav [data-section="payments"]').click();
    await page.getByTestId('receipt-details').click();
    const details = page.getByTestId('receipt-details-dialog');
    await details.getByTestId('receipt-address').fill('1052 Budapest, Váci utca 12.');
    await details.getByTestId('receipt-tax-id').fill('18123456-2-41');
    await details.locator('input[type="file"]').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(logo) });
    await details.locator('img').waitFor();
    await page.screenshot({ path: join(screenshots, 'receipt-01-details.png') });
    await details.getByTestId('receipt-details-save').click();
    await details.waitFor({ state: 'detached' });
    expect(call<{ taxId: string }>('receipts.details', {}).taxId).toBe('18123456-2-41');

    await openReceipt(payments.hu);
    await page.getByTestId('receipt-issue').click();
    const number = page.getByTestId('receipt-number');
    await number.waitFor();
    expect(await number.textContent()).toMatch(/^\d{4}-[A-Z2-9]{4}-0001$/);
    const frame = page.getByTestId('receipt-frame');
    await frame.waitFor();
    expect(await page.getByTestId('receipt-email').getAttribute('href')).toMatch(/^mailto:tunde@example\.hu\?subject=/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshots, 'receipt-02-dialog-hu.png') });

    const html = (await frame.getAttribute('srcdoc')) ?? '';
    expect(html).toContain('Árvíztűrő Tünde');
    expect(html).toContain('Adószám: 18123456-2-41');
    const pdf = await pdfAndPhoto(html, 'hu');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The app's File › Save as PDF… prints the whole window (printToPDF): with a receipt open, only the receipt.
    const windowPdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await photoOfPdf(windowPdf, 'hu-window');
    expect(windowPdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('prints a receipt in Chinese for a Chinese name', async () => {
    await page.keyboard.press('Escape');
    await openReceipt(payments.zh);
    await page.getByTestId('receipt-language').click();
    await page.getByRole('option', { name: 'kínai' }).click();
    await page.getByTestId('receipt-issue').click();
    await page.getByTestId('receipt-frame').waitFor();
    const html = (await page.getByTestId('receipt-frame').getAttribute('srcdoc')) ?? '';
    expect(html).toContain('收据');
    expect(html).toMatch(/欧阳 ?小明/);
    const pdf = await pdfAndPhoto(html, 'zh');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('voids a receipt: the number stays, marked void', async () => {
    await page.getByTestId('receipt-void-reason').fill('Hibás név');
    await page.getByTestId('receipt-void').click();
    await page.getByTestId('receipt-issue').waitFor();
    await page.getByRole('button', { name: 'Megnyitás' }).first().click();
    await page.getByTestId('receipt-number').waitFor();
    await expect.poll(async () => (await page.getByTestId('receipt-frame').getAttribute('srcdoc')) ?? '').toContain('作废');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshots, 'receipt-03-voided.png') });
    await page.keyboard.press('Escape');
  });
});

describe('data quality through the bridge', () => {
  it('shows the owner the scores and the duplicates, and merges one pair side by side', async () => {
    await page.locator('nav [data-section="quality"]').click();
    await page.getByTestId('quality-score-clients').waitFor();
    await page.screenshot({ path: join(screenshots, 'quality-01-score-hu.png'), fullPage: true });
    await page.getByTestId('quality-tab-duplicates').click();
    await page.getByTestId('duplicate-group').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'quality-02-duplicates-hu.png'), fullPage: true });
    const before = call<DuplicateGroup[]>('quality.duplicates', {}).length;
    await page.getByTestId('duplicate-compare').first().click();
    await page.getByTestId('merge-table').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshots, 'quality-03-merge-hu.png') });
    await page.getByTestId('merge-confirm').click();
    await page.getByTestId('merge-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => call<DuplicateGroup[]>('quality.duplicates', {}).length).toBe(before - 1);
    expect(workspace.db.sqlite.prepare('SELECT count(*) FROM clients WHERE merged_into_id IS NOT NULL').pluck().get()).toBe(1);

    await page.getByTestId('quality-tab-archive').click();
    await page.getByTestId('archive-months').fill('1');
    await page.getByTestId('archive-preview').click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(screenshots, 'quality-04-archive-hu.png'), fullPage: true });
  });

  it('shows the quality screen in Chinese', async () => {
    const result = directCall(workspace, owner, 'settings.update', { locale: 'zh-CN' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    await page.reload();
    await page.locator('nav [data-section="quality"]', { hasText: '数据质量' }).click();
    await page.getByTestId('quality-score-clients').waitFor();
    await page.screenshot({ path: join(screenshots, 'quality-05-score-zh.png'), fullPage: true });
    await page.getByTestId('quality-tab-duplicates').click();
    await page.getByTestId('duplicate-compare').first().click();
    await page.getByTestId('merge-table').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshots, 'quality-06-merge-zh.png') });
    await page.keyboard.press('Escape');
    const back = directCall(workspace, owner, 'settings.update', { locale: 'hu-HU' });
    if (!back.ok) throw new Error(JSON.stringify(back.error));
  });

  it('shows the assistant the scores and duplicates without any money', async () => {
    call('auth.setupOwner', { password: ownerPassword });
    call('users.create', { username: 'anna', displayName: 'Kiss Anna', role: 'assistant', password: assistantPassword });
    const assistantContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU' });
    const assistant = await assistantContext.newPage();
    await assistant.goto(bridge.url);
    const form = assistant.getByTestId('sign-in');
    await form.waitFor();
    const someoneElse = form.getByRole('button', { name: 'Valaki más' });
    if ((await someoneElse.count()) > 0) await someoneElse.click();
    await form.getByRole('textbox', { name: 'Bejelentkezési név' }).fill('anna');
    await form.getByLabel('Jelszó').fill(assistantPassword);
    await form.getByRole('button', { name: 'Bejelentkezés' }).click();
    await assistant.locator('nav [data-section="quality"]').click();
    await assistant.getByTestId('quality-score-clients').waitFor();
    await assistant.getByTestId('quality-tab-duplicates').click();
    await assistant.getByTestId('duplicate-group').first().waitFor();
    const text = (await assistant.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Ft\b|HUF/);
    await assistant.screenshot({ path: join(screenshots, 'quality-07-assistant-hu.png'), fullPage: true });
    await assistantContext.close();
    expect(consoleErrors).toEqual([]);
  });
});
