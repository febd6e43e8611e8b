/**
 * The Clients and Payments screens end to end, in Hungarian, as the school's
 * owner uses them: a new client through the dialog, a client's page with the
 * guardian, children, enrollment history, instalments and balance; a payment
 * recorded there that changes the balance at once; a call logged in the timeline;
 * the contact edited in place with an invalid e-mail refused beside its field;
 * the payments grid with its total, a payment recorded from it and one voided with
 * a reason; and a client deleted after confirmation. Screenshots of both screens
 * in light and dark go to screenshots/clients-*.png and payments-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerActor } from '../../src-main/api/actors';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import type { Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { formatMoney } from '../../src-shared/money';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const huf = (minor: number) => formatMoney(minor, 'HUF', 'hu-HU');
const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
let parent: { id: string };
let child: { id: string };

function call<M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M> {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as MethodOutput<M>;
}

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

async function openSection(section: string) {
  await page.locator(`nav [data-section="${section}"]`).click();
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-clients-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  const program = call('programs.create', { name: 'Angol kezdőknek', defaultPriceMinor: 90_000_00 });
  const cohort = call('cohorts.create', { programId: program.id, name: 'Tavaszi csoport', startOn: '2026-02-02' });
  parent = call('clients.create', {
    firstName: 'Éva',
    lastName: 'Kovács',
    phone: '06 30 123 4567',
    email: 'eva.kovacs@example.com',
    tags: ['szülő'],
  });
  child = call('clients.create', { firstName: 'Lili', lastName: 'Kovács', guardianId: parent.id, birthDate: '2015-05-04' });
  const enrollment = call('enrollments.create', { clientId: child.id, cohortId: cohort.id, status: 'thinking' });
  call('enrollments.setStatus', { id: enrollment.id, status: 'confirmed', note: 'Telefonon megerősítette' });
  call('instalments.plan', { enrollmentId: enrollment.id, count: 3, firstDueOn: '2026-02-01' });
  for (const name of ['Nagy Péter', 'Szabó Anna', 'Tóth Márk']) call('clients.create', { displayName: name });

  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'hu-HU', timezoneId: 'Europe/Budapest' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(bridge.url);
  await openSection('clients');
  await page.getByRole('heading', { name: 'Ügyfelek', exact: true }).waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('clients and payments screens', () => {
  it('adds a client through the dialog, refusing a bad phone number beside its field', async () => {
    await page.getByTestId('clients-grid').locator('[data-row-id]').first().waitFor();
    expect(await page.getByTestId('clients-count').textContent()).toBe('5 sor');
    await shot('clients-grid-light');
    await page.getByTestId('client-new').click();
    const dialog = page.getByTestId('new-client-dialog');
    // A Hungarian school writes the family name first, and so do its name inputs, with the words every dialog uses.
    expect(spaces(await dialog.locator('label').first().textContent())).toBe('Vezetéknév');
    await dialog.getByRole('textbox', { name: 'Vezetéknév' }).fill('Varga');
    await dialog.getByRole('textbox', { name: 'Keresztnév' }).fill('Gréta');
    await dialog.getByRole('textbox', { name: 'Telefon' }).fill('12');
    await dialog.getByTestId('new-client-save').click();
    await dialog.getByText('Ez nem telefonszám', { exact: false }).waitFor();
    expect(call('clients.list', { query: 'Varga' }).total).toBe(0);
    await dialog.getByRole('textbox', { name: 'Telefon' }).fill('06 20 987 6543');
    await dialog.getByTestId('new-client-save').click();
    await page.getByTestId('client-page').waitFor();
    expect(await page.getByTestId('client-name').textContent()).toBe('Varga Gréta');
    expect(call('clients.list', { query: 'Varga' }).rows[0]?.phone).toBe('+36209876543');
    await page.getByTestId('client-back').click();
  });

  it('shows everything about a client on one page, with links between family members', async () => {
    await page.getByTestId('clients-grid').locator(`[data-row-id="${child.id}"] [data-column="name"] button`).click();
    const clientPage = page.getByTestId('client-page');
    await clientPage.waitFor();
    expect(await page.getByTestId('client-name').textContent()).toBe('Kovács Lili');
    const enrollment = spaces(await clientPage.getByTestId('client-enrollment').textContent());
    expect(enrollment).toContain('Angol kezdőknek · Tavaszi csoport');
    expect(enrollment).toContain('Beiratkozott');
    expect(enrollment).toContain('Állapotváltozások');
    expect(await clientPage.getByTestId('client-instalments').locator('tr').count()).toBe(3);
    const balance = spaces(await page.getByTestId('client-balance').textContent());
    expect(balance).toContain(spaces(huf(90_000_00)));
    await shot('clients-page-light');

    await clientPage.getByRole('button', { name: 'Kovács Éva' }).click();
    await expect.poll(() => page.getByTestId('client-name').textContent()).toBe('Kovács Éva');
    expect(await page.getByRole('link', { name: '06 30 123 4567' }).getAttribute('href')).toBe('tel:+36301234567');
    expect(await page.getByRole('link', { name: 'eva.kovacs@example.com' }).getAttribute('href')).toBe('mailto:eva.kovacs@example.com');
    expect(spaces(await page.getByTestId('client-family-balance').textContent())).toContain(spaces(huf(90_000_00)));
    await page.getByRole('button', { name: 'Kovács Lili' }).click();
    await expect.poll(() => page.getByTestId('client-name').textContent()).toBe('Kovács Lili');
  });

  it('records a payment from the client page and the balance changes at once', async () => {
    await page.getByTestId('client-record-payment').click();
    const dialog = page.getByTestId('record-payment-dialog');
    await dialog.getByTestId('payment-amount').fill('0');
    await dialog.getByTestId('payment-save').click();
    await dialog.getByText('Nullánál nagyobb összeget adjon meg').waitFor();
    await dialog.getByTestId('payment-amount').fill('30 000');
    await dialog.getByRole('textbox', { name: 'Hivatkozás' }).fill('NY-001');
    await dialog.getByTestId('payment-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => spaces(await page.getByTestId('client-balance').textContent())).toContain(spaces(huf(60_000_00)));
    expect(spaces(await page.getByTestId('client-payments').textContent())).toContain(spaces(huf(30_000_00)));
    expect(call('clients.get', { id: child.id }).balance.balanceMinor).toBe(60_000_00);
  });

  it('logs a call in the timeline', async () => {
    await page.getByTestId('activity-summary').fill('Felhívtam, jövő héten hozza a második részletet');
    await page.getByTestId('activity-add').click();
    await expect
      .poll(async () => spaces(await page.getByTestId('client-activities').textContent()))
      .toContain('Felhívtam, jövő héten hozza a második részletet');
    expect(call('activities.list', { clientId: child.id }).some((a) => a.kind === 'call')).toBe(true);
    const timeline = spaces(await page.getByTestId('client-activities').textContent());
    expect(timeline).toContain('Gondolkodik → Beiratkozott — Telefonon megerősítette');
    expect(timeline).not.toMatch(/\b(thinking|confirmed)\b/);

    // A long timeline opens with its newest 30 entries and a way to see every one (activities.list).
    for (let i = 1; i <= 30; i++) call('activities.create', { clientId: child.id, kind: 'note', summary: `Jegyzet ${i}` });
    await page.reload();
    await page.locator('nav [data-section="clients"]').click();
    await page.getByTestId('clients-grid').locator(`[data-row-id="${child.id}"] [data-column="name"] button`).click();
    const items = page.getByTestId('client-activities').getByTestId('client-activity');
    await expect.poll(() => items.count()).toBe(30);
    await page.getByTestId('activities-all').click();
    await expect.poll(() => items.count()).toBe(33);
    await page.getByTestId('activities-all').waitFor({ state: 'detached' });
  });

  it('edits the contact in place and shows an invalid e-mail beside the field', async () => {
    await page.getByTestId('client-edit').click();
    const email = page.getByRole('textbox', { name: 'E-mail' });
    await email.fill('lili-at-example');
    await page.getByTestId('client-save').click();
    await page.getByText('Érvénytelen e-mail-cím').waitFor();
    expect(call('clients.get', { id: child.id }).email).toBeNull();
    await shot('clients-page-edit-error-light');
    await email.fill('lili@example.com');
    await page.getByTestId('client-save').click();
    await expect.poll(() => call('clients.get', { id: child.id }).email).toBe('lili@example.com');
    await page.getByRole('link', { name: 'lili@example.com' }).waitFor();
  });

  it('lists payments in the payments grid with the total, records and voids a payment there', async () => {
    await openSection('payments');
    const grid = page.getByTestId('payments-grid');
    await grid.locator('[data-row-id]').first().waitFor();
    expect(spaces(await page.getByTestId('payments-total').textContent())).toBe(spaces(huf(30_000_00)));

    await page.getByTestId('payments-record').click();
    const dialog = page.getByTestId('record-payment-dialog');
    await dialog.getByTestId('payment-client').fill('Kovács L');
    await page.getByRole('option', { name: 'Kovács Lili' }).click();
    await dialog.getByTestId('payment-amount').fill('15 000');
    await dialog.getByTestId('payment-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => spaces(await page.getByTestId('payments-total').textContent())).toBe(spaces(huf(45_000_00)));
    expect(await page.getByTestId('payments-count').textContent()).toBe('2 sor');
    await shot('payments-grid-light');

    const first = grid.locator('[data-row-id]').first();
    const id = (await first.getAttribute('data-row-id')) as string;
    await first.getByRole('button', { name: 'Sztornó' }).click();
    const voidDialog = page.getByTestId('void-payment-dialog');
    await voidDialog.getByTestId('void-confirm').click();
    await voidDialog.getByText('Írja le, miért sztornózza').waitFor();
    await voidDialog.getByTestId('void-reason').fill('Kétszer rögzítve');
    await voidDialog.getByTestId('void-confirm').click();
    await voidDialog.waitFor({ state: 'detached' });
    await expect.poll(async () => spaces(await page.getByTestId('payments-total').textContent())).toBe(spaces(huf(30_000_00)));
    expect(spaces(await grid.locator(`[data-row-id="${id}"]`).textContent())).toContain('Sztornózva');
    expect(call('clients.get', { id: child.id }).balance.balanceMinor).toBe(60_000_00);
  });

  it('applies the built-in “Overdue” view to the clients grid', async () => {
    await openSection('clients');
    // The section remembers the open client; back to the list.
    await page.getByTestId('client-back').click();
    await page.getByTestId('clients-views').click();
    await page.getByTestId('view-overdue').click();
    await expect.poll(() => page.getByTestId('clients-count').textContent()).toBe('1 sor');
    expect(await page.getByTestId('clients-grid').locator('[data-row-id]').getAttribute('data-row-id')).toBe(child.id);
    await page.getByTestId('clients-views').click();
    await page.getByRole('menuitem', { name: 'Minden sor' }).click();
    await expect.poll(() => page.getByTestId('clients-count').textContent()).toBe('6 sor');
    await openSection('payments');
    await page.getByTestId('payments-grid').locator('[data-row-id]').first().waitFor();
  });

  it('opens the client from a payment and deletes a client after confirmation', async () => {
    await page.getByTestId('payments-grid').locator('[data-row-id] [data-column="client"] button').first().click();
    await expect.poll(() => page.getByTestId('client-name').textContent()).toBe('Kovács Lili');
    await page.getByTestId('client-back').click();
    const row = page.getByTestId('clients-grid').locator('[data-row-id]').filter({ hasText: 'Tóth Márk' });
    await row.locator('[data-column="name"] button').click();
    await page.getByRole('button', { name: 'Ügyfél törlése' }).click();
    await page.getByTestId('client-delete-confirm').click();
    await page.getByTestId('clients-grid').waitFor();
    await expect.poll(() => page.getByTestId('clients-count').textContent()).toBe('5 sor');
    expect(call('clients.list', { query: 'Tóth' }).total).toBe(0);
  });

  it('looks right in the dark theme', async () => {
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    await page.reload();
    await openSection('clients');
    await page.getByTestId('clients-grid').locator('[data-row-id]').first().waitFor();
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await shot('clients-grid-dark');
    await page.getByTestId('clients-grid').locator(`[data-row-id="${child.id}"] [data-column="name"] button`).click();
    await page.getByTestId('client-page').waitFor();
    await shot('clients-page-dark');
    await openSection('payments');
    await page.getByTestId('payments-grid').locator('[data-row-id]').first().waitFor();
    await shot('payments-grid-dark');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
