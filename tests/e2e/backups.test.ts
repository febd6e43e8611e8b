/**
 * A backup from another computer, restored in Debian's Chromium through the
 * real HTTP bridge. School A's backup file is copied into school B's backups
 * folder, as the owner would carry it over: the Backups tab lists it as from
 * another computer; a recovery key that does not open it is answered under the
 * field and changes nothing; the right one names school A and restores it, and
 * the Clients screen then shows school A's clients. The dialog is reached both
 * from the list and from the address the desktop sets when such a file is
 * opened from the file manager; afterwards the carried-in file is removed from
 * the folder. The dialog is photographed in English,
 * Hungarian and Chinese (screenshots/backups-*.png), and any console error
 * fails the test.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupsOverview } from '../../src-shared/api/backups-methods';
import { restoreBackupHash } from '../../src-shared/api/backups-methods';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { newDatabaseKey, recoveryKeyOf } from '../../src-main/db/keys';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');

let dir: string;
let schoolB: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let foreignId: string;
let recoveryKeyA: string;
const consoleErrors: string[] = [];

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function call<T>(workspace: Workspace, method: string, input: unknown): T {
  const result = directCall(workspace, ownerActor(workspace.db), method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

const lastNamesInB = () =>
  call<{ rows: { lastName: string }[] }>(schoolB, 'clients.list', {})
    .rows.map((row) => row.lastName)
    .sort();

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `backups-${name}.png`), animations: 'disabled' });
}

/** The error Mantine shows under an input, found through the input's aria-describedby. */
async function errorOf(input: Locator): Promise<string> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const texts: string[] = [];
  for (const id of describedBy.split(/\s+/).filter(Boolean)) {
    const el = page.locator(`[id="${id}"]`);
    if ((await el.count()) > 0) texts.push(spaces(await el.textContent()));
  }
  return texts.join(' | ');
}

async function switchLanguage(label: string) {
  await page.getByRole('banner').getByTestId('language-switch').click();
  await page.getByRole('option', { name: label }).click();
}

async function openBackupsTab() {
  await page.locator('nav button[data-section="settings"]').click();
  await page.getByTestId('settings-tab-backups').click();
  await page.getByTestId('backups-table').waitFor();
}

const foreignRow = () => page.getByTestId('backup-row').filter({ has: page.getByTestId('foreign-badge') });
const dialog = () => page.getByRole('dialog');
/** Every dialog gone: the modal and a confirmation popover inside it may close in either order. */
const dialogsClosed = () => expect.poll(() => page.getByRole('dialog').count()).toBe(0);
const keyInput = () => page.getByTestId('recovery-key-input');

/** Opens the foreign backup's dialog from the list, tries a wrong key, then the right one, photographing both. */
async function tryKeysAndShoot(language: string, wrongKeyText: string) {
  await openBackupsTab();
  await foreignRow().getByRole('button').click();
  await keyInput().fill(recoveryKeyOf(newDatabaseKey()));
  await page.getByTestId('unlock-backup').click();
  expect(await errorOf(keyInput())).toContain(wrongKeyText);
  await shot(`${language}-1-wrong-key`);
  await keyInput().fill(recoveryKeyA);
  await page.getByTestId('unlock-backup').click();
  await expect.poll(async () => spaces(await page.getByTestId('backup-contents').textContent())).toContain('Oakwood Music School');
  await page.getByTestId('confirm-restore').waitFor();
  await shot(`${language}-2-unlocked`);
  // The dialog's field, what the backup holds and its buttons stay inside the dialog's box.
  const box = await dialog().boundingBox();
  for (const part of [
    keyInput(),
    page.getByTestId('backup-contents'),
    page.getByTestId('confirm-restore'),
    dialog().getByRole('button', { name: /./ }).first(),
  ]) {
    const inner = await part.boundingBox();
    expect(box && inner && inner.x >= box.x && inner.x + inner.width <= box.x + box.width + 0.5).toBe(true);
  }
  await page.keyboard.press('Escape');
  await dialogsClosed();
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-backups-'));

  // School A, on "another computer": its own folder and key file, two clients, one backup.
  const fileA = join(dir, 'a', 'school.db');
  mkdirSync(join(dir, 'a'));
  const schoolA = openWorkspace(fileA, {
    key: keyBeside(fileA),
    initIfEmpty: { schoolName: 'Oakwood Music School', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' },
  });
  call(schoolA, 'clients.create', { firstName: 'Amelia', lastName: 'Archer' });
  call(schoolA, 'clients.create', { firstName: 'Arthur', lastName: 'Ashby' });
  const backupA = (await schoolA.invoke({ actor: ownerActor(schoolA.db) }, 'backups.create', {})) as { ok: true; value: BackupInfo };
  const folderA = call<BackupsOverview>(schoolA, 'backups.list', {}).folder;
  recoveryKeyA = recoveryKeyOf(schoolA.db.key);
  schoolA.close();

  // School B, this computer, served by the bridge; A's backup file is copied into B's backups folder.
  const fileB = join(dir, 'b', 'school.db');
  mkdirSync(join(dir, 'b'));
  schoolB = openWorkspace(fileB, {
    key: keyBeside(fileB),
    initIfEmpty: { schoolName: 'Birch Dance Studio', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' },
  });
  call(schoolB, 'clients.create', { firstName: 'Bella', lastName: 'Birch' });
  call(schoolB, 'onboarding.update', { wizardOutcome: 'skipped', checklistDismissed: true });
  await schoolB.invoke({ actor: ownerActor(schoolB.db) }, 'backups.create', {});
  const folderB = call<BackupsOverview>(schoolB, 'backups.list', {}).folder;
  foreignId = backupA.value.id;
  copyFileSync(join(folderA, foreignId), join(folderB, foreignId));

  bridge = await startBridge({ workspace: schoolB, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(bridge.url);
  await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  schoolB?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a backup from another computer, restored with its recovery key', () => {
  it('is listed as from another computer, and a key that does not open it is answered beside the field', async () => {
    await openBackupsTab();
    expect(await foreignRow().count()).toBe(1);
    expect(spaces(await foreignRow().textContent())).toContain('Other computer');
    await shot('en-0-list');

    await foreignRow().getByRole('button', { name: 'Restore…' }).click();
    await keyInput().fill('ABCDE-12345');
    await page.getByTestId('unlock-backup').click();
    expect(await errorOf(keyInput())).toContain('This is not a recovery key');
    await page.keyboard.press('Escape');
    await dialogsClosed();

    await tryKeysAndShoot('en', 'This recovery key does not open this backup');
    expect(lastNamesInB()).toEqual(['Birch']);
    expect(call<{ schoolName: string }>(schoolB, 'settings.get', {}).schoolName).toBe('Birch Dance Studio');
  });

  it('reads the same in Hungarian and Chinese', async () => {
    await page.locator('nav button[data-section="today"]').click();
    await switchLanguage('Magyar');
    await tryKeysAndShoot('hu', 'Ez a helyreállítási kulcs nem nyitja ezt a mentést');
    await page.locator('nav button[data-section="today"]').click();
    await switchLanguage('简体中文');
    await tryKeysAndShoot('zh', '此恢复密钥无法打开该备份');
    await page.locator('nav button[data-section="today"]').click();
    await switchLanguage('English');
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    expect(lastNamesInB()).toEqual(['Birch']);
  });

  it('restores school A from the address the desktop opens, and the Clients screen shows its clients', async () => {
    await page.evaluate(`location.hash = ${JSON.stringify(restoreBackupHash(foreignId))}`);
    await keyInput().waitFor();
    expect(spaces(await dialog().textContent())).toContain('Restore a backup from another computer');
    await keyInput().fill(recoveryKeyA.toLowerCase());
    await page.getByTestId('unlock-backup').click();
    await page.getByTestId('backup-contents').waitFor();
    expect(spaces(await page.getByTestId('backup-contents').textContent())).toMatch(/Oakwood Music School.*Clients\s*2/);
    await page.getByTestId('confirm-restore').click();
    await dialogsClosed();
    await expect.poll(lastNamesInB).toEqual(['Archer', 'Ashby']);
    expect(call<{ schoolName: string }>(schoolB, 'settings.get', {}).schoolName).toBe('Oakwood Music School');

    await page.locator('nav button[data-section="clients"]').click();
    await page.getByText('Archer').first().waitFor();
    await page.getByText('Ashby').first().waitFor();
    expect(await page.getByText('Birch', { exact: true }).count()).toBe(0);
    await shot('en-3-restored-clients');
  });

  it('removes the carried-in backup from the folder once it is not wanted any more', async () => {
    await openBackupsTab();
    await foreignRow().getByRole('button', { name: 'Restore…' }).click();
    await page.getByTestId('remove-foreign').click();
    await page.getByText('It cannot be restored afterwards.').waitFor();
    await shot('en-4-remove');
    await page.getByTestId('confirm-remove-foreign').click();
    await dialogsClosed();
    await expect.poll(() => foreignRow().count()).toBe(0);
    expect(call<BackupsOverview>(schoolB, 'backups.list', {}).backups.map((backup) => backup.id)).not.toContain(foreignId);
    expect(consoleErrors).toEqual([]);
  });
});
