/**
 * Three owner actions end to end, in Debian's Chromium through the real HTTP
 * bridge on an English-speaking school: choosing another folder for backups
 * (with the API's refusals — a cloud sync folder, a relative path — shown under
 * the field, and "Use the default folder" going back), deleting a program (the
 * refusal while it still has cohorts shown in the confirmation), and deleting a
 * cohort from its page (the refusal while people are actively enrolled, then a
 * delete that lands back on the Cohorts list). Every outcome is checked in the
 * database as well as on the screen, and any console error fails the test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import type { Actor } from '../../src-main/core/context';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const ids: Record<string, string> = {};

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function deletedAt(table: 'programs' | 'cohorts', id: string): string | null {
  return (workspace.db.sqlite.prepare(`SELECT deleted_at AS d FROM ${table} WHERE id = ?`).get(id) as { d: string | null }).d;
}

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `owner-${name}.png`), fullPage: true });
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

function seedSchool() {
  const piano = call<{ id: string }>('programs.create', { name: 'Piano for beginners', kind: 'course' });
  const guitar = call<{ id: string }>('programs.create', { name: 'Guitar workshop', kind: 'workshop' });
  const spring = call<{ id: string }>('cohorts.create', {
    programId: piano.id,
    name: 'Spring evenings',
    startOn: '2026-03-20',
    status: 'open',
  });
  const summer = call<{ id: string }>('cohorts.create', {
    programId: piano.id,
    name: 'Summer camp',
    startOn: '2026-07-06',
    status: 'planned',
  });
  const client = call<{ id: string }>('clients.create', { firstName: 'Dana', lastName: 'Adams' });
  call('enrollments.create', { clientId: client.id, cohortId: spring.id, status: 'confirmed' });
  Object.assign(ids, { piano: piano.id, guitar: guitar.id, spring: spring.id, summer: summer.id });
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Harbor Music School', currency: 'USD', locale: 'en-US', timeZone: 'America/New_York' },
  });
  owner = ownerActor(workspace.db);
  seedSchool();
  call('onboarding.update', { wizardOutcome: 'skipped', checklistDismissed: true });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'America/New_York' });
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
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('owner actions through the HTTP bridge', () => {
  it('chooses another backups folder, refusing a cloud sync folder and a relative path beside the field', async () => {
    await page.locator('nav button[data-section="settings"]').click();
    await page.getByTestId('settings-tab-backups').click();
    const form = page.getByTestId('backup-folder-form');
    const input = form.getByRole('textbox', { name: 'Keep backups in' });
    const save = form.getByRole('button', { name: 'Save folder' });
    const folderOf = () => call<{ folder: string; folderIsDefault: boolean }>('backups.list', {});

    await input.fill(join(dir, 'Dropbox', 'school'));
    await save.click();
    expect(await errorOf(input)).toContain('This is a cloud sync folder');
    await shot('01-backups-folder-refused');
    expect(folderOf().folderIsDefault).toBe(true);

    await input.fill('school-backups');
    await save.click();
    expect(await errorOf(input)).toContain('Give the full path of the folder');
    expect(folderOf().folderIsDefault).toBe(true);

    const chosen = join(dir, 'elsewhere', 'backups');
    await input.fill(chosen);
    await save.click();
    await expect.poll(() => folderOf().folder).toBe(chosen);
    expect(existsSync(chosen)).toBe(true);
    await page.getByText(`Folder: ${chosen}`).waitFor();
    expect(await input.getAttribute('aria-invalid')).not.toBe('true');

    await form.getByRole('button', { name: 'Use the default folder' }).click();
    await expect.poll(() => folderOf().folderIsDefault).toBe(true);
    await page.getByText(`Folder: ${join(dir, 'backups')}`).waitFor();
  });

  it('deletes a program after a confirmation naming it, and shows the refusal while it has cohorts', async () => {
    await page.locator('nav button[data-section="programs"]').click();
    await page.getByRole('button', { name: 'Edit Piano for beginners' }).click();
    await page.getByRole('dialog', { name: 'Edit program' }).getByTestId('delete-program').click();
    let confirm = page.getByRole('dialog', { name: 'Delete program' });
    await confirm.getByText('Delete the program “Piano for beginners”?').waitFor();
    await confirm.getByTestId('confirm-delete-program').click();
    expect(spaces(await confirm.getByTestId('program-delete-error').textContent())).toContain('This program still has cohorts');
    await shot('02-program-delete-refused');
    expect(deletedAt('programs', ids.piano as string)).toBeNull();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Edit Guitar workshop' }).click();
    await page.getByRole('dialog', { name: 'Edit program' }).getByTestId('delete-program').click();
    confirm = page.getByRole('dialog', { name: 'Delete program' });
    await confirm.getByText('Delete the program “Guitar workshop”?').waitFor();
    await confirm.getByTestId('confirm-delete-program').click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => deletedAt('programs', ids.guitar as string)).not.toBeNull();
    await expect.poll(() => page.getByTestId('program-row').filter({ hasText: 'Guitar workshop' }).count()).toBe(0);
    expect(await page.getByTestId('program-row').filter({ hasText: 'Piano for beginners' }).count()).toBe(1);
  });

  it('deletes a cohort from its page and lands on the Cohorts list, refusing one with active enrollments', async () => {
    await page.locator('nav button[data-section="cohorts"]').click();
    await page.getByTestId('cohort-row').filter({ hasText: 'Spring evenings' }).getByRole('button').first().click();
    await page.getByTestId('cohort-page').waitFor();
    await page.getByTestId('delete-cohort').click();
    let confirm = page.getByRole('dialog', { name: 'Delete cohort' });
    await confirm.getByText('Delete the cohort “Spring evenings”?').waitFor();
    await confirm.getByTestId('confirm-delete-cohort').click();
    expect(spaces(await confirm.getByTestId('cohort-delete-error').textContent())).toContain(
      'People are still actively enrolled in this cohort',
    );
    await shot('03-cohort-delete-refused');
    expect(deletedAt('cohorts', ids.spring as string)).toBeNull();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('All cohorts').click();

    await page.getByTestId('cohort-row').filter({ hasText: 'Summer camp' }).getByRole('button').first().click();
    await page.getByTestId('cohort-page').waitFor();
    await page.getByTestId('delete-cohort').click();
    confirm = page.getByRole('dialog', { name: 'Delete cohort' });
    await confirm.getByText('Delete the cohort “Summer camp”?').waitFor();
    await confirm.getByTestId('confirm-delete-cohort').click();
    await page.getByTestId('cohort-page').waitFor({ state: 'detached' });
    await page.getByTestId('cohort-row').filter({ hasText: 'Spring evenings' }).waitFor();
    await expect.poll(() => deletedAt('cohorts', ids.summer as string)).not.toBeNull();
    await expect.poll(() => page.getByTestId('cohort-row').filter({ hasText: 'Summer camp' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
