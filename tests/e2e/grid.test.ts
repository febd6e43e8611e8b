/**
 * The data grid in real Chromium through the HTTP bridge, over the Clients
 * screen: an invalid e-mail typed into a cell is refused with the message at the
 * cell and nothing saved, the fixed value is saved; the keyboard moves the cursor
 * like a spreadsheet; three rows pasted from a sheet are previewed and then saved
 * as one change; two-column sort, a column filter, and a CSV export that starts
 * with the byte-order mark Excel needs. Any console error fails the test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import type { Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
let owner: Actor;

let dir: string;
let workspace: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

function call<M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M> {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as MethodOutput<M>;
}

const grid = () => page.getByTestId('clients-grid');
const cell = (rowId: string, column: string) => grid().locator(`[data-row-id="${rowId}"] [data-column="${column}"]`);
/** Clicks a cell near its right edge, away from any link inside it. */
async function select(rowId: string, column: string) {
  const target = cell(rowId, column);
  const box = await target.boundingBox();
  await target.click({ position: { x: (box?.width ?? 20) - 6, y: (box?.height ?? 20) / 2 } });
}
const cursorCell = () => grid().locator('[role="gridcell"][data-cursor="true"]');

async function cursorAt(): Promise<{ row: string | null; column: string | null }> {
  const el = cursorCell();
  await el.waitFor();
  const row = await el.locator('xpath=..').getAttribute('aria-rowindex');
  return { row, column: await el.getAttribute('data-column') };
}

/**
 * Browser APIs used by code that runs in the page. This file compiles against
 * Node's library (no DOM), so that code takes them from `globalThis` under this type.
 */
interface PageApi {
  DataTransfer: new () => { setData(type: string, text: string): void };
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => Event;
  navigator: { clipboard: { readText(): Promise<string> } };
}
interface PageElement {
  style: { top: string };
  querySelector(selector: string): { textContent: string | null } | null;
  dispatchEvent(event: Event): boolean;
}

/** Dispatches a paste of `text` on the grid, as the browser does for Ctrl+V from a spreadsheet. */
async function pasteIntoGrid(text: string) {
  await grid().evaluate((el, text) => {
    const { DataTransfer, ClipboardEvent } = globalThis as unknown as PageApi;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    (el as unknown as PageElement).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function visibleNames(): Promise<string[]> {
  return grid()
    .locator('[role="row"][data-row-id]')
    .evaluateAll((rows) =>
      rows
        .map((r) => r as unknown as PageElement)
        .map((r) => ({ top: parseFloat(r.style.top), name: r.querySelector('[data-column="name"]')?.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.name),
    );
}

const names = [
  'Kovács Anna',
  'Szabó Bence',
  'Nagy Csilla',
  'Tóth Dániel',
  'Horváth Eszter',
  'Kiss Ferenc',
  'Varga Gréta',
  'Molnár Hanna',
  'Balogh Ivett',
  'Farkas János',
];
const ids: Record<string, string> = {};

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-grid-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Sunflower Language School', currency: 'HUF', locale: 'en-GB', timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  names.forEach((name, i) => {
    const [lastName, firstName] = name.split(' ');
    const client = call('clients.create', {
      firstName,
      lastName,
      displayName: name,
      email: `${(firstName ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@example.com`,
      phone: `+3630${String(1_000_000 + i * 1111).padStart(7, '0')}`,
      tags: i % 2 === 0 ? ['evening'] : ['morning'],
    });
    ids[name] = client.id;
  });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1400, height: 860 },
    locale: 'en-GB',
    timezoneId: 'Europe/Budapest',
    acceptDownloads: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(bridge.url).origin });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(bridge.url);
  await page.locator('nav [data-section="clients"]').click();
  await cell(ids['Kovács Anna'] as string, 'name').waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the data grid over clients', () => {
  it('shows the clients with formatted phones and mail links', async () => {
    expect(await page.getByTestId('clients-count').textContent()).toBe('10 rows');
    const phone = cell(ids['Kovács Anna'] as string, 'phone').locator('a');
    expect(await phone.getAttribute('href')).toBe('tel:+36301000000');
    expect(await phone.textContent()).toMatch(/^\+36 30 100 0000$/);
    expect(
      await cell(ids['Kovács Anna'] as string, 'email')
        .locator('a')
        .getAttribute('href'),
    ).toBe('mailto:anna@example.com');
    await page.screenshot({ path: join(screenshots, 'clients-grid-light.png') });
  });

  it('refuses an invalid e-mail at the cell, saves nothing, then saves the fixed one', async () => {
    const id = ids['Szabó Bence'] as string;
    const email = cell(id, 'email');
    await select(id, 'email');
    await page.keyboard.press('Enter');
    const editor = email.getByTestId('cell-editor');
    await editor.fill('bence-at-example');
    await page.keyboard.press('Enter');
    const error = email.getByTestId('cell-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Not a valid e-mail address');
    expect(await editor.inputValue()).toBe('bence-at-example');
    await page.screenshot({ path: join(screenshots, 'clients-grid-cell-error.png') });
    expect(call('clients.get', { id }).email).toBe('bence@example.com');

    await editor.fill('bence.szabo@example.com');
    await page.keyboard.press('Enter');
    await error.waitFor({ state: 'detached' });
    await expect.poll(() => call('clients.get', { id }).email).toBe('bence.szabo@example.com');
    await expect.poll(() => email.textContent()).toBe('bence.szabo@example.com');
    // Enter committed and moved the cursor one row down, like a spreadsheet.
    expect((await cursorAt()).column).toBe('email');
  });

  it('moves the cursor with arrows, Tab, Home/End and PageDown, and Esc cancels an edit', async () => {
    await select(ids['Balogh Ivett'] as string, 'name');
    expect(await cursorAt()).toEqual({ row: '2', column: 'name' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await cursorAt()).toEqual({ row: '4', column: 'name' });
    await page.keyboard.press('ArrowRight');
    expect((await cursorAt()).column).toBe('phone');
    await page.keyboard.press('Tab');
    expect((await cursorAt()).column).toBe('email');
    await page.keyboard.press('Shift+Tab');
    expect((await cursorAt()).column).toBe('phone');
    await page.keyboard.press('End');
    expect((await cursorAt()).column).toBe('created');
    await page.keyboard.press('Home');
    expect((await cursorAt()).column).toBe('name');
    await page.keyboard.press('PageDown');
    expect((await cursorAt()).row).toBe('11');
    await page.keyboard.press('Control+Home');
    expect(await cursorAt()).toEqual({ row: '2', column: 'name' });

    // Typing starts an edit with the typed character; Esc leaves the value as it was.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('x');
    const editor = cursorCell().getByTestId('cell-editor');
    expect(await editor.inputValue()).toBe('x');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(call('clients.get', { id: ids['Balogh Ivett'] as string }).email).toBe('ivett@example.com');
  });

  it('copies a selection as TSV with Ctrl+C', async () => {
    await select(ids['Balogh Ivett'] as string, 'name');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Control+c');
    const copied = await page.evaluate(() => (globalThis as unknown as PageApi).navigator.clipboard.readText());
    expect(copied.split('\r\n')).toEqual([
      'Balogh Ivett\t+36 30 100 8888\tivett@example.com',
      'Farkas János\t+36 30 100 9999\tjanos@example.com',
    ]);
  });

  it('previews three pasted rows and saves them as one change', async () => {
    const before = workspace.db.sqlite.prepare('SELECT count(DISTINCT tx) AS n FROM changes').get() as { n: number };
    await select(ids['Balogh Ivett'] as string, 'name');
    const tsv =
      'Name\tPhone\tE-mail\r\nPapp Olga\t+36 30 555 1234\tolga@example.com\r\nLakatos Péter\t+36 20 444 5678\tpeter@example.com\r\nMészáros Réka\t\treka@example.com\r\n';
    await pasteIntoGrid(tsv);
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('paste-preview').waitFor();
    expect(await dialog.getByText('The first row was read as column headers.').count()).toBe(1);
    expect(await dialog.locator('tbody tr[data-valid="true"]').count()).toBe(3);
    await page.screenshot({ path: join(screenshots, 'clients-grid-paste-preview.png') });
    await dialog.getByTestId('paste-apply').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('clients-count').textContent()).toBe('13 rows');
    const added = call('clients.list', { query: 'Papp' }).rows[0];
    expect(added).toMatchObject({ displayName: 'Papp Olga', phone: '+36305551234', email: 'olga@example.com' });
    const after = workspace.db.sqlite.prepare('SELECT count(DISTINCT tx) AS n FROM changes').get() as { n: number };
    expect(after.n - before.n).toBe(1);
  });

  it('shows a pasted row the API schema refuses in the preview and saves nothing', async () => {
    await pasteIntoGrid('Rossz Rita\t\tnot-an-email');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('paste-preview').waitFor();
    expect(await dialog.locator('tbody tr[data-valid="false"]').textContent()).toContain('Not a valid e-mail address');
    expect(await dialog.getByTestId('paste-apply').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(call('clients.list', { query: 'Rossz' }).total).toBe(0);
  });

  it('sorts by two columns with Shift+click', async () => {
    await page.getByTestId('sort-email').click();
    await expect.poll(async () => (await visibleNames())[0]).toBe('Kovács Anna');
    await page.getByTestId('sort-email').click();
    await expect.poll(async () => (await visibleNames())[0]).toBe('Mészáros Réka');
    await page.getByTestId('sort-name').click({ modifiers: ['Shift'] });
    expect(await grid().locator('[role="columnheader"][data-column="email"]').getAttribute('aria-sort')).toBe('descending');
    expect(await grid().locator('[role="columnheader"][data-column="name"]').getAttribute('aria-sort')).toBe('ascending');
    const expected = call('clients.list', {
      sort: [
        { field: 'email', desc: true },
        { field: 'displayName', desc: false },
      ],
    }).rows.map((r) => r.displayName);
    await expect.poll(visibleNames).toEqual(expected);
    await page.getByTestId('sort-email').click();
    await page.getByTestId('sort-email').click();
    await page.getByTestId('sort-email').click();
  });

  it('filters a column and finds by quick search', async () => {
    await page.getByTestId('filter-tags').click();
    await page.getByLabel('Contains').fill('morning');
    await expect.poll(() => page.getByTestId('clients-count').textContent()).toBe('5 rows');
    await page.screenshot({ path: join(screenshots, 'clients-grid-filtered.png') });
    await page.keyboard.press('Escape');
    await page.getByText(/Clear filters/).click();
    await expect.poll(() => page.getByTestId('clients-count').textContent()).toBe('13 rows');
    await page.getByTestId('clients-search').fill('mesz');
    await expect.poll(visibleNames).toEqual(['Mészáros Réka']);
    await page.getByTestId('clients-search').fill('');
    await expect.poll(() => page.getByTestId('clients-count').textContent()).toBe('13 rows');
  });

  it('exports the view as CSV with a BOM and the locale separator', async () => {
    await page.getByTestId('clients-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('clients-export-csv').click()]);
    const file = join(dir, 'export.csv');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]?.startsWith('Name,Phone,E-mail')).toBe(true);
    expect(lines.filter(Boolean)).toHaveLength(14);
    // A leading + would make Excel read the phone as a formula; the apostrophe keeps it text.
    expect(lines.some((l) => l.startsWith("Kovács Anna,'+36 30 100 0000,anna@example.com"))).toBe(true);
  });

  it('exports the view as an XLSX workbook', async () => {
    await page.getByTestId('clients-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('clients-export-xlsx').click()]);
    const file = join(dir, 'export.xlsx');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    // An XLSX file is a ZIP package holding the workbook parts.
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);
    expect(download.suggestedFilename()).toBe('Clients.xlsx');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
