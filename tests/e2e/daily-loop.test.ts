/**
 * Issue 12's daily loop end to end, as a school owner does it in Chromium: a
 * price corrected in an Enrollments grid cell (and a refused discount shown at
 * the cell, saving nothing), a read-only cell that says why, the Edit panel with
 * every field, the plan re-made keeping a paid instalment (with its preview), a
 * refund from the client page and from the payments grid, the payment dialog
 * prefilled with what is due next, a child moved to another group with the paid
 * money carried over and then one undo that takes the move back, a follow-up set
 * from the client page, "New enrollment" from the client page with the client
 * chosen — and the same dialogs in Hungarian and Chinese. Each step leaves a
 * screenshot in screenshots/daily-loop-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { addDaysIso, todayIn } from '../../src-shared/dates';
import { toMinor } from '../../src-shared/money';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const huf = (major: number) => toMinor(major, 'HUF');
const today = todayIn('Europe/Budapest', new Date());

let dir: string;
let workspace: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const ids = {} as Record<'anna' | 'bela' | 'csilla' | 'annaE' | 'belaE' | 'csillaE' | 'morning' | 'evening', string>;

function db<M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M> {
  const result = directCall(workspace, { userId: null, username: 'seed', role: 'owner' }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as MethodOutput<M>;
}

async function shot(name: string) {
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(screenshots, `daily-loop-${name}.png`) });
}

const grid = () => page.getByTestId('enrollments-grid');
const cell = (rowId: string, column: string) => grid().locator(`[data-row-id="${rowId}"] [data-column="${column}"]`);
async function selectCell(rowId: string, column: string) {
  const target = cell(rowId, column);
  await target.waitFor();
  const box = await target.boundingBox();
  await target.click({ position: { x: (box?.width ?? 20) - 6, y: (box?.height ?? 20) / 2 } });
}

async function openClient(clientId: string) {
  await page.locator('nav [data-section="clients"]').click();
  const link = page.getByTestId('clients-grid').locator(`[data-row-id="${clientId}"] [data-column="name"] button`);
  // The section opens on the client last shown, or on the grid.
  await page.getByTestId('client-page').or(page.getByTestId('clients-grid')).first().waitFor();
  if ((await page.getByTestId('client-page').count()) > 0) await page.getByTestId('client-back').click();
  await link.click();
  await page.getByTestId('client-page').waitFor();
}

/** The "…" menu of one enrollment on the client page, then one of its items. */
async function enrollmentAction(enrollmentId: string, item: string) {
  await page.locator(`[data-enrollment-id="${enrollmentId}"]`).getByTestId('enrollment-menu').click();
  await page.getByTestId(item).click();
}

async function chooseLanguage(name: string) {
  await page.getByRole('banner').getByTestId('language-switch').click();
  await page.getByRole('option', { name }).click();
}

function liveEnrollments(clientId: string) {
  return db('enrollments.list', { clientId });
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-daily-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Sunflower Language School', currency: 'HUF', locale: 'en-GB', timeZone: 'Europe/Budapest' },
  });
  const program = db('programs.create', { name: 'English A1', defaultPriceMinor: huf(90_000) });
  const startOn = addDaysIso(today, 10);
  ids.morning = db('cohorts.create', { programId: program.id, name: 'Morning group', startOn, status: 'open' }).id;
  ids.evening = db('cohorts.create', {
    programId: program.id,
    name: 'Evening group',
    startOn,
    status: 'open',
    priceMinor: huf(100_000),
  }).id;
  const firstDue = addDaysIso(today, -40);
  const person = (firstName: string, lastName: string, status: 'confirmed' | 'thinking') => {
    const client = db('clients.create', { firstName, lastName });
    const enrollment = db('enrollments.create', { clientId: client.id, cohortId: ids.morning, status });
    return { client: client.id, enrollment: enrollment.id };
  };
  const anna = person('Anna', 'Kovács', 'confirmed');
  const bela = person('Béla', 'Nagy', 'thinking');
  const csilla = person('Csilla', 'Tóth', 'confirmed');
  Object.assign(ids, { anna: anna.client, annaE: anna.enrollment, bela: bela.client, belaE: bela.enrollment });
  Object.assign(ids, { csilla: csilla.client, csillaE: csilla.enrollment });
  for (const e of [anna.enrollment, csilla.enrollment])
    db('instalments.plan', { enrollmentId: e, count: 3, firstDueOn: firstDue, everyMonths: 1 });
  db('payments.create', {
    clientId: anna.client,
    enrollmentId: anna.enrollment,
    amountMinor: huf(30_000),
    paidOn: firstDue,
    method: 'cash',
  });
  db('payments.create', {
    clientId: csilla.client,
    enrollmentId: csilla.enrollment,
    amountMinor: huf(45_000),
    paidOn: firstDue,
    method: 'cash',
  });

  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Budapest' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(bridge.url);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the daily loop: change anything later, where it is seen', () => {
  it('edits a price in a grid cell; a refused discount shows at the cell and saves nothing', async () => {
    await page.locator('nav [data-section="enrollments"]').click();
    await cell(ids.annaE, 'agreedPrice').waitFor();
    await selectCell(ids.annaE, 'agreedPrice');
    await page.keyboard.type('95000');
    await page.keyboard.press('Enter');
    await expect.poll(() => db('enrollments.get', { id: ids.annaE }).agreedPriceMinor).toBe(huf(95_000));

    await selectCell(ids.annaE, 'discount');
    await page.keyboard.type('200000');
    await page.keyboard.press('Enter');
    const error = cell(ids.annaE, 'discount').getByTestId('cell-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('The discount is larger than the price');
    expect(db('enrollments.get', { id: ids.annaE }).discountMinor).toBe(0);
    await shot('01-grid-cell-refused');
    await page.keyboard.press('Escape');
  });

  it('says why a cell cannot be typed into', async () => {
    await selectCell(ids.annaE, 'balance');
    await page.keyboard.type('1');
    await page.getByText('The balance is the price minus what is paid').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshots, 'daily-loop-02-grid-read-only.png') });
  });

  it('edits a price, source and notify-before in the Edit panel opened from the grid', async () => {
    await cell(ids.annaE, 'actions').getByTestId('enrollment-menu').click();
    await page.getByTestId('menu-edit').click();
    const panel = page.getByTestId('enrollment-editor');
    await panel.getByTestId('edit-price').fill('92000');
    await panel.getByTestId('edit-source').fill('Facebook');
    await panel.getByTestId('edit-notify').fill('7');
    await shot('03-edit-panel');
    await panel.getByTestId('edit-save').click();
    await expect
      .poll(() => {
        const e = db('enrollments.get', { id: ids.annaE });
        return [e.agreedPriceMinor, e.source, e.notifyBeforeDays];
      })
      .toEqual([huf(92_000), 'Facebook', 7]);
    await panel.waitFor({ state: 'detached' });
  });

  it('opens the payment dialog prefilled with the next amount due and the balance', async () => {
    await openClient(ids.anna);
    await page.getByTestId('client-record-payment').click();
    const dialog = page.getByTestId('record-payment-dialog');
    await expect.poll(() => dialog.getByTestId('payment-amount').inputValue()).toBe('30000');
    expect(await dialog.getByTestId('payment-balance').textContent()).toContain('Balance');
    await shot('04-payment-prefilled');
    await dialog.getByTestId('payment-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => db('enrollments.get', { id: ids.annaE }).balance.paidMinor).toBe(huf(60_000));
  });

  it('re-plans the instalments keeping the paid ones, with a preview first', async () => {
    await enrollmentAction(ids.annaE, 'menu-plan');
    const dialog = page.getByTestId('plan-editor');
    await dialog.getByText('N equal from a date').click();
    await dialog.getByTestId('plan-count').fill('4');
    await dialog.getByTestId('plan-first-due').fill(addDaysIso(today, 30));
    const preview = dialog.getByTestId('plan-preview');
    await expect.poll(() => preview.locator('[data-change="unchanged"]').count()).toBe(2);
    expect(await preview.locator('[data-change="added"]').count()).toBe(4);
    await shot('05-replan-preview');
    await dialog.getByTestId('plan-save').click();
    await dialog.waitFor({ state: 'detached' });
    const plan = db('enrollments.get', { id: ids.annaE }).balance.instalments;
    expect(plan).toHaveLength(6);
    expect(plan.filter((i) => i.state === 'paid').map((i) => i.amountMinor)).toEqual([huf(30_000), huf(30_000)]);
    expect(plan.reduce((sum, i) => sum + i.amountMinor, 0)).toBe(huf(92_000));
  });

  it('refunds from the client page and from the payments grid', async () => {
    await page.getByTestId('client-refund').click();
    const dialog = page.getByTestId('refund-dialog');
    await dialog.getByTestId('refund-amount').fill('5000');
    await shot('06-refund-client-page');
    await dialog.getByTestId('refund-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => db('clients.get', { id: ids.anna }).payments.some((p) => p.amountMinor === -huf(5_000))).toBe(true);

    await page.locator('nav [data-section="payments"]').click();
    const csillaPayment = db('clients.get', { id: ids.csilla }).payments[0]!;
    await page.getByTestId('payments-grid').locator(`[data-row-id="${csillaPayment.id}"]`).getByTestId('payment-refund').click();
    const fromGrid = page.getByTestId('refund-dialog');
    expect(await fromGrid.getByTestId('refund-amount').inputValue()).toBe('45000');
    await fromGrid.getByTestId('refund-amount').fill('1000');
    await fromGrid.getByTestId('refund-save').click();
    await fromGrid.waitFor({ state: 'detached' });
    await expect.poll(() => db('clients.get', { id: ids.csilla }).payments.some((p) => p.amountMinor === -huf(1_000))).toBe(true);
    await shot('07-refund-payments-grid');
  });

  it('moves a child to another group with the balance carried over, and one undo takes it back', async () => {
    await openClient(ids.csilla);
    await enrollmentAction(ids.csillaE, 'menu-move');
    const dialog = page.getByTestId('transfer-dialog');
    await dialog.getByTestId('transfer-cohort').click();
    await page.getByRole('option', { name: 'English A1 · Evening group' }).click();
    await dialog.getByTestId('transfer-list-price').check();
    const preview = dialog.getByTestId('transfer-preview');
    await preview.getByText('The new price is').waitFor();
    await shot('08-transfer-preview');
    await dialog.getByTestId('transfer-save').click();
    await dialog.waitFor({ state: 'detached' });
    const moved = liveEnrollments(ids.csilla);
    expect(moved.map((e) => e.status).sort()).toEqual(['confirmed', 'transferred']);
    const next = moved.find((e) => e.status === 'confirmed')!;
    expect(next.cohortId).toBe(ids.evening);
    const balance = db('enrollments.get', { id: next.id }).balance;
    expect(balance.paidMinor).toBe(huf(44_000));
    expect(balance.balanceMinor).toBe(huf(56_000));
    await page.locator(`[data-enrollment-id="${next.id}"]`).waitFor();
    await shot('09-transferred');

    await page.getByTestId('undo-button').click();
    await expect.poll(() => liveEnrollments(ids.csilla).map((e) => [e.id, e.status])).toEqual([[ids.csillaE, 'confirmed']]);
    expect(db('enrollments.get', { id: ids.csillaE }).cohortId).toBe(ids.morning);
    await shot('10-transfer-undone');
  });

  it('sets a follow-up date with a note from the client page', async () => {
    await openClient(ids.bela);
    await page.getByTestId('client-set-follow-up').click();
    const dialog = page.getByTestId('follow-up-dialog');
    const on = addDaysIso(today, 3);
    await dialog.getByTestId('follow-up-date').fill(on);
    await dialog.getByTestId('follow-up-note').fill('Ask about the evening group');
    await shot('11-follow-up');
    await dialog.getByTestId('follow-up-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => db('enrollments.get', { id: ids.belaE }).followUpOn).toBe(on);
    expect(db('activities.list', { clientId: ids.bela }).some((a) => a.summary.includes('Ask about the evening group'))).toBe(true);
  });

  it('opens "New enrollment" from the client page with the client chosen', async () => {
    await page.getByTestId('client-enroll').click();
    const dialog = page.getByTestId('enroll-dialog');
    await dialog.getByTestId('enroll-form').waitFor();
    await expect
      .poll(async () =>
        (await dialog.locator('input').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).join('|'),
      )
      .toContain('Béla');
    await shot('12-enroll-from-client');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('enroll-form').waitFor({ state: 'hidden' });
  });

  it('shows the same dialogs in Hungarian and Chinese', async () => {
    await chooseLanguage('Magyar');
    await openClient(ids.anna);
    await enrollmentAction(ids.annaE, 'menu-edit');
    await page.getByTestId('enrollment-editor').getByText('Jelentkezés szerkesztése', { exact: false }).first().waitFor();
    await shot('13-edit-panel-hu');
    await page.keyboard.press('Escape');
    await enrollmentAction(ids.annaE, 'menu-plan');
    await page.getByTestId('plan-editor').getByText('Mi történik a már befizetett pénzzel').waitFor();
    await shot('14-replan-hu');
    await page.keyboard.press('Escape');

    await chooseLanguage('简体中文');
    await openClient(ids.csilla);
    await enrollmentAction(ids.csillaE, 'menu-move');
    await page.getByTestId('transfer-dialog').getByText('新班级').waitFor();
    await shot('15-transfer-zh');
    await page.keyboard.press('Escape');
    await page.getByTestId('client-record-payment').click();
    await page.getByTestId('record-payment-dialog').getByText('余额', { exact: false }).waitFor();
    await shot('16-payment-zh');
    await page.keyboard.press('Escape');
    await chooseLanguage('English');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
