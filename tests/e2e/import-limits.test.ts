/**
 * The import screen refusing hostile files (issue 14), in the real renderer over
 * the HTTP bridge in Debian's Chromium: a zip-bomb workbook and a CSV of 10,000
 * columns, both generated here, are refused with the translated reason and its
 * stable code — in Hungarian, English and Chinese — and nothing is written.
 *
 * Screenshots land in screenshots/import-limits-*.png for a human to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { catalogs } from '../../src-renderer/features/import/i18n';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';
import { honestBombWorkbook, wideCsv } from '../integration/hostile-files';

const screenshots = join(projectRoot, 'screenshots');
let dir: string;
let workspace: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function count(method: 'imports.list' | 'clients.list'): number {
  const result = directCall(workspace, { userId: null, username: 'test', role: 'owner' }, method, {});
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const value = result.value as unknown[] | { rows: unknown[] };
  return Array.isArray(value) ? value.length : value.rows.length;
}

async function drop(name: string, mimeType: string, buffer: Buffer): Promise<string> {
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType, buffer });
  const alert = page.getByTestId('file-error');
  await alert.waitFor();
  return spaces(await alert.textContent());
}

async function language(option: string, heading: string): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-import-limits-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  // A school already in use (an empty one opens on the onboarding instead).
  const created = directCall(workspace, { userId: null, username: 'test', role: 'owner' }, 'clients.create', { displayName: 'Nagy Péter' });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU', timezoneId: 'Europe/Budapest' });
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

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('hostile files on the import screen', () => {
  it('a zip-bomb workbook: the Hungarian reason and its code, nothing written', async () => {
    await page.goto(bridge.url);
    await page.getByRole('button', { name: 'Importálás' }).click();
    await page.getByRole('heading', { name: 'Importálás', level: 2 }).waitFor();
    const text = await drop('bomba.xlsx', xlsxMime, honestBombWorkbook());
    expect(text).toContain(catalogs.hu.fileErrors.file_expands);
    expect(spaces(await page.getByTestId('file-error-code').textContent())).toBe('Kód: file_expands');
    await page.screenshot({ path: join(screenshots, 'import-limits-01-bomb-hu.png') });
    expect([count('imports.list'), count('clients.list')]).toEqual([0, 1]);
  });

  it('a CSV of 10,000 columns: the English reason and its code, nothing written', async () => {
    await language('English', 'Import');
    const text = await drop('wide.csv', 'text/csv', wideCsv(10_000));
    expect(text).toContain(catalogs.en.fileErrors.too_many_columns);
    expect(spaces(await page.getByTestId('file-error-code').textContent())).toBe('Code: too_many_columns');
    await page.screenshot({ path: join(screenshots, 'import-limits-02-wide-en.png') });
    expect([count('imports.list'), count('clients.list')]).toEqual([0, 1]);
  });

  it('both again in Chinese', async () => {
    await language('简体中文', '导入');
    expect(await drop('bomb.xlsx', xlsxMime, honestBombWorkbook())).toContain(catalogs.zh.fileErrors.file_expands);
    expect(await drop('wide.csv', 'text/csv', wideCsv(10_000))).toContain(catalogs.zh.fileErrors.too_many_columns);
    expect(spaces(await page.getByTestId('file-error-code').textContent())).toBe('代码：too_many_columns');
    await page.screenshot({ path: join(screenshots, 'import-limits-03-wide-zh.png') });
    expect([count('imports.list'), count('clients.list')]).toEqual([0, 1]);
  });

  it('logged no console errors (CSP violations included)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
