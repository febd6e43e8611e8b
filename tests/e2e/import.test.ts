/**
 * The Import screen end to end, the way a school brings in its old sheet: a
 * real workspace file, the HTTP bridge serving the built renderer, and Debian's
 * Chromium. A Hungarian CSV saved by Excel on Windows (windows-1250, `;`, a
 * title row above the header, a blank row and a totals row) is uploaded
 * through the file input; the screen must show what it detected, let one
 * column's mapping be changed, show the duplicate of an existing client as a
 * choice, and after confirmation report the right counts. The clients are then
 * checked through the API, the import is undone from the report and they are
 * checked gone — while the client who existed before stays. A damaged workbook
 * must be refused with a Hungarian message, and the Export menu must hand over
 * a CSV that starts with a UTF-8 byte-order mark. A school register (a class
 * column and no program column, siblings on one phone, a row typed twice, a
 * template's example row, accounting words, a row that can be imported only in
 * part) must say before the import what will not be created and why, and the
 * report must name each merge and undo one of them alone. Any console error fails.
 *
 * Screenshots land in screenshots/import-*.png for a human to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { type Browser, type BrowserContext, type FileChooser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const fixtures = join(projectRoot, 'tests', 'fixtures', 'ui');

let dir: string;
let rendererDir: string;
let workspace: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
/** File dialogs the page opened; listening from the start keeps Chromium's dialog interception on before any key is pressed. */
const fileChoosers: FileChooser[] = [];

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function shot(name: string) {
  await page.mouse.move(5, 890);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(screenshots, `import-${name}.png`), fullPage: true });
}

function call<M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M> {
  const result = directCall(workspace, { userId: null, username: 'test', role: 'owner' }, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as MethodOutput<M>;
}

function clientsByName(): Map<string, MethodOutput<'clients.list'>['rows'][number]> {
  return new Map(call('clients.list', { limit: 1000 }).rows.map((c) => [c.displayName, c]));
}

async function countIn(testId: string): Promise<string> {
  return spaces(await page.getByTestId(testId).getByTestId('report-count').textContent());
}

beforeAll(async () => {
  rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-import-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  call('clients.create', { firstName: 'Péter', lastName: 'Nagy', displayName: 'Nagy Péter', email: 'nagy.peter@example.hu' });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'hu-HU',
    timezoneId: 'Europe/Budapest',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('filechooser', (chooser) => fileChoosers.push(chooser));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('import screen through the HTTP bridge', () => {
  it('opens on an empty state that teaches the next step', async () => {
    await page.goto(bridge.url);
    await page.getByRole('button', { name: 'Importálás' }).click();
    await page.getByRole('heading', { name: 'Importálás', level: 2 }).waitFor();
    await page.getByText('Húzza ide az Excel- vagy CSV-fájlt — semmi sem kerül mentésre, amíg jóvá nem hagyja').waitFor();
    await page.getByText('Még nem importált semmit.', { exact: false }).waitFor();
    await shot('01-empty-hu');

    await page.getByTestId('import-drop').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => fileChoosers.length, { timeout: 10_000 }).toBe(1);
    expect(fileChoosers[0]!.isMultiple()).toBe(false);
  });

  it('refuses a damaged workbook with a Hungarian message and writes nothing', async () => {
    await page.getByTestId('import-file-input').setInputFiles(join(fixtures, 'serult.xlsx'));
    const alert = page.getByTestId('file-error');
    await alert.waitFor();
    expect(spaces(await alert.textContent())).toMatch(/Ez a fájl nem importálható/);
    expect(spaces(await alert.textContent())).not.toMatch(/[A-Z][a-z]+ [a-z]+ (is|was|could) /);
    await shot('02-refused-hu');
    expect(call('imports.list', {})).toEqual([]);
  });

  it('shows what it detected, the mapping, the duplicate and the per-cell problems', async () => {
    await page.getByTestId('import-file-input').setInputFiles(join(fixtures, 'jelentkezok-1250.csv'));
    await page.getByTestId('import-review').waitFor();
    expect((await page.getByTestId('detected-encoding').textContent())?.toLowerCase()).toMatch(/1250/);
    expect(await page.getByTestId('detected-delimiter').textContent()).toContain(';');
    expect(await page.getByTestId('mapping-row').count()).toBe(8);

    const match = page.getByTestId('match-row');
    expect(await match.count()).toBe(1);
    expect(spaces(await match.textContent())).toContain('Nagy Péter');
    expect(await page.getByTestId('problem').filter({ hasText: 'Nem érvényes e-mail-cím' }).count()).toBe(1);
    expect(await page.getByTestId('preview-grid').locator('[data-problem~="invalid_email"]').count()).toBe(1);
    await shot('03-review-hu');
  });

  it('lets one column be mapped by hand and asks the engine again', async () => {
    const row = page.getByTestId('mapping-row').filter({ hasText: 'Hol látott minket' });
    const select = page.getByLabel('A(z) „Hol látott minket” oszlop importálása mint', { exact: true }).and(page.locator('input'));
    await select.click();
    await page.getByRole('option', { name: 'Honnan hallott rólunk', exact: true }).click();
    await row.locator('[data-testid="mapping-confidence"][data-level="chosen"]').waitFor();
    expect(await select.inputValue()).toBe('Honnan hallott rólunk');
    await page.getByRole('radio', { name: 'Összevonás' }).check({ force: true });
    await shot('04-mapping-changed-hu');
  });

  it('imports on confirmation and reports the counts', async () => {
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor();
    expect(await countIn('report-created')).toBe('3');
    expect(await countIn('report-updated')).toBe('1');
    expect(await countIn('report-skipped')).toBe('1');
    await page.getByTestId('report-clients').getByRole('button', { name: 'Kovács Anna megnyitása' }).waitFor();
    await shot('05-report-hu');

    const clients = clientsByName();
    expect(clients.get('Kovács Anna')).toMatchObject({ email: 'anna.kovacs@example.hu', phone: '+36301234567', sourceChannel: 'Facebook' });
    expect(clients.get('Tóth Gergő')).toMatchObject({ email: 'gergo.toth@example.hu', phone: '+3612345678' });
    expect(clients.get('Szabó Éva')?.email ?? null).toBeNull();
    expect(clients.has('Összesen')).toBe(false);
    expect([...clients.keys()].filter((name) => name === 'Nagy Péter')).toHaveLength(1);
  });

  it('links each imported client to its page, and the report is still there on the way back', async () => {
    await page.getByRole('button', { name: 'Kovács Anna megnyitása' }).click();
    await page.locator('[data-section="clients"][aria-current="page"]').waitFor();
    await page.getByText('anna.kovacs@example.hu').first().waitFor();
    await shot('06-client-opened-hu');
    await page.locator('[data-section="import"]').click();
    await page.getByTestId('import-report').waitFor();
    expect(await countIn('report-created')).toBe('3');
  });

  it('undoes the import from the report after a confirmation', async () => {
    await page.getByRole('button', { name: 'Importálás visszavonása' }).click();
    const dialog = page.getByTestId('undo-dialog');
    await dialog.waitFor();
    await shot('07-undo-confirm-hu');
    await dialog.getByRole('button', { name: 'Visszavonás' }).click();
    await page.getByTestId('report-undone').waitFor();
    await dialog.waitFor({ state: 'detached' });
    const links = page.getByTestId('report-clients').getByRole('button');
    expect(await links.allTextContents()).toEqual(['Nagy Péter']);

    const clients = clientsByName();
    expect([...clients.keys()].sort()).toEqual(['Nagy Péter']);
    const history = page.getByTestId('history-row');
    await history.first().filter({ hasText: 'Visszavonva' }).waitFor();
    await shot('08-undone-hu');
  });

  it('exports the clients as CSV with a UTF-8 byte-order mark', async () => {
    await page.getByTestId('export-clients').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()]);
    const path = join(dir, 'export.csv');
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Nagy Péter');
  });

  it('lets the sheet of a workbook be chosen', async () => {
    const workbook = XLSX.utils.book_new();
    const sheet = (rows: string[][]) => XLSX.utils.aoa_to_sheet([['Név', 'E-mail', 'Tanfolyam'], ...rows]);
    XLSX.utils.book_append_sheet(workbook, sheet([['Fekete Lili', 'lili@example.hu', 'Rajz']]), 'Tavasz');
    XLSX.utils.book_append_sheet(
      workbook,
      sheet([
        ['Fehér Bence', 'bence@example.hu', 'Rajz'],
        ['Kiss Dóra', 'dora@example.hu', 'Kerámia'],
        ['Varga Máté', 'mate@example.hu', 'Kerámia'],
      ]),
      'Ősz',
    );
    const path = join(dir, 'csoportok.xlsx');
    writeFileSync(path, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    await page.getByRole('button', { name: 'Másik fájl importálása' }).click();
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-review').waitFor();
    expect(await page.getByTestId('detected-format').textContent()).toBe('XLSX');
    expect(await page.getByTestId('preview-row').allTextContents()).toEqual([expect.stringContaining('Fekete Lili')]);
    await page.getByLabel('Munkalap', { exact: true }).and(page.locator('input')).click();
    await page.getByRole('option', { name: 'Ősz' }).click();
    await expect.poll(() => page.getByTestId('preview-row').count(), { timeout: 10_000 }).toBe(3);
    expect(spaces(await page.getByTestId('preview-grid').textContent())).toContain('Varga Máté');
    await shot('09-workbook-sheet-hu');
    await page.getByRole('button', { name: 'Másik fájl választása' }).click();
    await page.getByTestId('import-drop').waitFor();
    expect(clientsByName().has('Varga Máté')).toBe(false);
  });

  it('a register: says what will not be created and why, and shows the partly imported row as such', async () => {
    const sheet = [
      'Név;Osztály;Mobil;Szülő neve;Előírás;Befizetve;Hátralék',
      'Példa Péter (törölje ezt a sort);1.A;06 30 000 0000;Példa Szülő;1000;0;1000',
      'Fodor Anna;4.A;06 30 555 0101;Fodor Gábor;40 000;10 000;30 000',
      'Fodor Bence;2.B;06 30 555 0101;Fodor Gábor;40 000;;40 000',
      'Fodor Anna;4.A;06 30 555 0101;Fodor Gábor;40 000;10 000;30 000',
      'Kardos Lilla;;06 20 555 0202;;25 000;5 000;',
    ].join('\r\n');
    const path = join(dir, 'osztalynevsor.csv');
    writeFileSync(path, sheet, 'utf8');
    await page.getByTestId('import-file-input').setInputFiles(path);
    await page.getByTestId('import-review').waitFor();
    const notes = page.getByTestId('layout-notes');
    expect(spaces(await notes.textContent())).toContain('Nincs program oszlop');
    const notCreated = page.getByTestId('not-created-line');
    expect(await notCreated.count()).toBe(2);
    expect(spaces(await notCreated.nth(0).textContent())).toMatch(/1 sor kimarad.*példa.*sorok: 2/i);
    expect(spaces(await notCreated.nth(1).textContent())).toMatch(/1 sor csak részben.*sorok: 6/);
    const partly = page.locator('[data-testid="preview-row"][data-row="6"]');
    expect(await partly.getAttribute('data-partial')).toBe('true');
    expect(spaces(await partly.textContent())).toContain('Új, részben');
    expect(await page.locator('[data-testid="match-row"][data-row="5"]').count()).toBe(1);
    await shot('13-register-review-hu');
  });

  it('names every merge in the report and undoes one of them alone', async () => {
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-report').waitFor();
    const merges = page.getByTestId('report-merge');
    await expect.poll(() => merges.count(), { timeout: 10_000 }).toBe(2);
    expect(spaces(await merges.nth(0).textContent())).toMatch(/4.*Fodor Gábor.*gondviselő.*Fodor Gábor \(3\. sor\).*azonos teljes név/);
    expect(spaces(await merges.nth(1).textContent())).toMatch(/5.*Fodor Anna.*Fodor Anna \(3\. sor\).*azonos sor/);
    const severities = await page
      .getByTestId('report-error')
      .evaluateAll((rows) =>
        rows.map((r) => (r as unknown as { getAttribute(name: string): string | null }).getAttribute('data-severity')),
      );
    expect(severities).toEqual(expect.arrayContaining(['skipped', 'partial', 'warning']));
    const fodor = clientsByName();
    expect(fodor.get('Fodor Anna')).toBeDefined();
    expect(fodor.get('Fodor Bence')).toBeDefined();
    expect(fodor.has('Példa Péter (törölje ezt a sort)')).toBe(false);
    await shot('14-register-report-hu');

    await page.getByRole('button', { name: 'A(z) 4. sor (Fodor Gábor) összevonásának visszavonása' }).click();
    const dialog = page.getByTestId('undo-merge-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Szétválasztás' }).click();
    await dialog.waitFor({ state: 'detached' });
    await merges.nth(0).getByTestId('merge-separated').waitFor();
    const guardians = call('clients.list', { limit: 1000 }).rows.filter((c) => c.displayName === 'Fodor Gábor');
    expect(guardians).toHaveLength(2);
    await shot('15-merge-undone-hu');
    await page.getByRole('button', { name: 'Másik fájl importálása' }).click();
    await page.getByTestId('import-drop').waitFor();
  });

  it('reads in English and Chinese, light and dark', async () => {
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
    await page.getByTestId('import-file-input').waitFor({ state: 'attached' });
    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Import', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await page.getByTestId('import-file-input').setInputFiles(join(fixtures, 'jelentkezok-1250.csv'));
    await page.getByTestId('import-review').waitFor();
    await page.getByText('Possible duplicates').waitFor();
    await shot('10-review-en-dark');

    await page.getByRole('button', { name: 'Switch to the light theme' }).click();
    await page.getByTestId('language-switch').click();
    await page.getByRole('option', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '导入', level: 2 }).waitFor();
    await page.getByText('可能的重复').waitFor();
    await shot('11-review-zh');
  });

  it('offers an assistant the import but neither the export nor the undo (the owner sees both)', async () => {
    const contentBase64 = readFileSync(join(fixtures, 'jelentkezok-1250.csv')).toString('base64');
    call('imports.commit', {
      fileName: 'jelentkezok-1250.csv',
      contentBase64,
      options: { dateOrder: 'auto', duplicatePolicy: 'merge' },
      dryRun: false,
    });
    await page.reload();
    await page.locator('[data-section="import"]').click();
    await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId('history-undo').count()).toBe(2);
    expect(await page.getByTestId('export-clients').count()).toBe(1);

    const assistant = call('users.create', { username: 'kata', displayName: 'Kiss Kata', role: 'assistant', password: 'hosszú-jelszó-42' });
    const assistantBridge = await startBridge({
      workspace,
      rendererDir,
      actor: { userId: assistant.id, username: 'kata', role: 'assistant' },
    });
    const assistantContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'hu-HU',
      timezoneId: 'Europe/Budapest',
    });
    try {
      const assistantPage = await assistantContext.newPage();
      assistantPage.on('pageerror', (error) => consoleErrors.push(error.message));
      await assistantPage.goto(assistantBridge.url);
      await assistantPage.locator('[data-section="import"]').click();
      await assistantPage.getByTestId('import-drop').waitFor();
      await expect.poll(() => assistantPage.getByTestId('history-row').count(), { timeout: 10_000 }).toBe(3);
      expect(await assistantPage.getByTestId('export-clients').count()).toBe(0);
      expect(await assistantPage.getByTestId('history-undo').count()).toBe(0);
      await assistantPage.mouse.move(5, 890);
      await assistantPage.screenshot({ path: join(screenshots, 'import-12-assistant-zh.png'), fullPage: true });
    } finally {
      await assistantContext.close();
      await assistantBridge.close();
    }
  });

  it('logged no console errors (CSP violations included)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
