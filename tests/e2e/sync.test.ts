/**
 * The Sync tab end to end: a real owner workspace with sync on, a second real
 * replica that joined through the folder and waits for approval, and a tampered
 * assistant app whose delete the owner refused. The owner opens Settings -> Sync in
 * Chromium through the bridge, sees the status, approves the new computer after the
 * safety-code dialog, syncs now, and reads the refusal in plain words — in English
 * and in Hungarian. Screenshots land in screenshots/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import { closeDatabase, openDatabase, type Db } from '../../src-main/db/connection';
import { applyChanges } from '../../src-main/changes/funnel';
import { systemClock } from '../../src-main/core/context';
import { createInvite, joinSync, setupSync, syncNow } from '../../src-main/sync';
import { diskFolder } from '../../src-main/sync/folder';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { writeLocal } from '../../src-main/db/connection';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { directCall, keysBeside } from '../integration/direct';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = join(projectRoot, 'screenshots');

let dir: string;
let workspace: Workspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let helper: Db;
let helperDevice: string;
let safety: string;
let syncFolder: ReturnType<typeof diskFolder>;
const consoleErrors: string[] = [];
const DARK_HU = 'Váltás sötét témára';

async function shot(name: string) {
  await page.mouse.move(5, 5);
  await page.waitForTimeout(250);
  await page.screenshot({
    path: join(screenshots, `sync-${name}.png`),
    fullPage: true,
    style: '.mantine-Notifications-root { display: none !important; }',
  });
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-sync-'));
  const folderPath = join(dir, 'Dropbox');
  mkdirSync(folderPath);
  const folder = diskFolder(folderPath);
  syncFolder = folder;
  workspace = openWorkspace(join(dir, 'school.db'), {
    ...keysBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napsugár Art Studio', currency: 'HUF', locale: 'en-GB', timeZone: 'Europe/Budapest' },
  });
  const owner = ownerActor(workspace.db);
  const call = (method: string, input: unknown) => {
    const result = directCall(workspace, owner, method, input);
    if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
    return result.value as { id: string; username: string };
  };
  setupSync(workspace.db, folder, systemClock, { passphrase: 'a long shared passphrase', userId: owner.userId });
  writeLocal(workspace.db.sqlite, 'sync.folder', folderPath);
  const client = call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
  const user = call('users.create', { username: 'eszter', displayName: 'Eszter', role: 'assistant', password: 'long enough password' });
  const { code } = createInvite(workspace.db, folder, { id: user.id, username: user.username, role: 'assistant' });
  helper = openDatabase(join(dir, 'helper.db'), keysBeside(join(dir, 'helper.db')));
  const joined = joinSync(helper, folder, systemClock, { code, passphrase: 'a long shared passphrase' });
  helperDevice = joined.deviceId;
  safety = joined.safetyCode;
  // A tampered assistant app deletes around its router; once approved, the owner must refuse it.
  applyChanges({ db: helper, clock: systemClock, actor: { userId: user.id, username: 'eszter', role: 'assistant' } }, [
    { op: 'delete', table: 'clients', id: client.id },
  ]);
  syncNow(helper, folder, systemClock);

  bridge = await startBridge({ workspace, rendererDir });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Budapest' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (helper) closeDatabase(helper);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Settings -> Sync', () => {
  it('approves a new computer after showing its safety code, syncs, and explains a refusal in plain words', async () => {
    await page.goto(bridge.url);
    await page.locator('[data-section="settings"]').click();
    await page.getByTestId('settings-tab-sync').click();
    await page.getByTestId('sync-tab').waitFor();
    const pending = page.getByTestId('sync-device').filter({ hasText: 'Waiting for approval' });
    await pending.waitFor();
    await expect.poll(() => pending.textContent()).toContain(safety);
    await shot('01-pending');

    await pending.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain(safety);
    await shot('02-approve-dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('sync-device').filter({ hasText: 'Approved' }).waitFor();

    await page.getByTestId('sync-now').click();
    const refusals = page.getByTestId('sync-rejections');
    await refusals.waitFor();
    expect(await refusals.textContent()).toContain('It tried to delete or restore a record, which its user’s role does not allow.');
    expect(workspace.db.sqlite.prepare('SELECT count(*) FROM clients WHERE deleted_at IS NULL').pluck().get()).toBe(1);
    expect(await page.getByTestId('sync-last').textContent()).not.toBe('never');
    await shot('03-refused');

    // The header shows the sync state anywhere in the app, the last sync on hover, and opens this tab.
    await page.locator('[data-section="clients"]').click();
    const indicator = page.getByTestId('sync-indicator');
    await expect.poll(() => indicator.getAttribute('data-state')).toBe('synced');
    await indicator.hover();
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.textContent()).toContain('Sync: up to date');
    expect(await tip.textContent()).toContain('last sync');
    await shot('05-indicator');
    await indicator.click();
    await page.getByTestId('sync-tab').waitFor();
    expect(helperDevice).toBeTruthy();
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('shows a wrong current passphrase under its field in the change-passphrase dialog', async () => {
    await page.goto(bridge.url);
    await page.locator('[data-section="settings"]').click();
    await page.getByTestId('settings-tab-sync').click();
    await page.getByTestId('sync-change-passphrase').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Current passphrase').fill('not the passphrase at all');
    await dialog.getByLabel('New passphrase').fill('a brand new passphrase');
    await dialog.getByLabel('Passphrase again').fill('a brand new passphrase');
    await dialog.getByTestId('sync-passphrase-save').click();
    const error = dialog.getByText('This is not the sync passphrase.');
    await error.waitFor();
    const currentId = await dialog.getByLabel('Current passphrase').getAttribute('aria-describedby');
    expect(currentId).toContain(await error.getAttribute('id'));
    await shot('05-change-passphrase-wrong');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('shows how strong a new passphrase is, and an erasure as pending until the other computer has applied it', async () => {
    await page.goto(bridge.url);
    await page.locator('[data-section="settings"]').click();
    await page.getByTestId('settings-tab-sync').click();
    await page.getByTestId('sync-change-passphrase').click();
    const dialog = page.getByRole('dialog');
    const strength = dialog.getByTestId('sync-passphrase-strength');
    await dialog.getByLabel('New passphrase').fill('too short');
    await expect.poll(() => strength.textContent()).toContain('at least 12 characters or four words');
    await dialog.getByLabel('New passphrase').fill('correct horse battery staple');
    await expect.poll(() => strength.textContent()).toMatch(/Strength: (good|strong)/);
    await shot('06-passphrase-strength');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const owner = ownerActor(workspace.db);
    const created = directCall(workspace, owner, 'clients.create', { firstName: 'Erik', lastName: 'Erased' });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const id = (created.value as { id: string }).id;
    // The helper has the client before it is erased.
    expect(directCall(workspace, owner, 'sync.now', {}).ok).toBe(true);
    syncNow(helper, syncFolder, systemClock);
    expect(helper.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(id)).toBe(1);
    expect(directCall(workspace, owner, 'clients.delete', { id }).ok).toBe(true);
    expect(directCall(workspace, owner, 'records.purge', { table: 'clients', id }).ok).toBe(true);

    await page.reload();
    await page.locator('[data-section="settings"]').click();
    await page.getByTestId('settings-tab-sync').click();
    const erasures = page.getByTestId('sync-erasures');
    await expect.poll(() => erasures.textContent()).toContain('not sent yet');
    await page.getByTestId('sync-now').click();
    await expect.poll(() => erasures.textContent()).toContain(helperDevice.slice(-12));
    await shot('07-erasure-pending');
    syncNow(helper, syncFolder, systemClock);
    expect(helper.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(id)).toBe(0);
    await page.getByTestId('sync-now').click();
    await erasures.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('says the same in Hungarian, and reads in the dark theme', async () => {
    const result = directCall(workspace, ownerActor(workspace.db), 'settings.update', { locale: 'hu-HU' });
    expect(result.ok).toBe(true);
    await page.reload();
    await page.locator('[data-section="settings"]').click();
    await page.getByTestId('settings-tab-sync').click();
    const refusals = page.getByTestId('sync-rejections');
    await refusals.waitFor();
    expect(await refusals.textContent()).toContain('Törölni vagy visszaállítani próbált egy rekordot');
    await page.getByRole('button', { name: DARK_HU }).click();
    await page.getByTestId('sync-device').filter({ hasText: 'Jóváhagyva' }).waitFor();
    await shot('04-hu-dark');
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
