/**
 * Changing things after the fact, end to end in Chromium through the HTTP
 * bridge, in Hungarian: a task edited and deleted from Today (its own menu and
 * the "All tasks" drawer, which lists tasks not yet due), a dismissed reminder
 * brought back (Undo in the notice, then the header's "Hidden" list, which
 * survives a reload of the page), and an
 * enrollment deleted from the Edit panel and from its row menu after a
 * confirmation that names the client and the program. Each step is checked in
 * the database as well as on the screen; any console error fails the run.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const ids = { annaName: '', thinking: '', drawing: '', dueTask: '', laterTask: '' };

const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

function seedSchool() {
  const program = call<{ id: string }>('programs.create', { name: 'Angol A1', defaultPriceMinor: 12_000_000 });
  const drawing = call<{ id: string }>('programs.create', { name: 'Rajz', defaultPriceMinor: 6_000_000 });
  const anna = call<{ id: string; displayName: string }>('clients.create', { firstName: 'Anna', lastName: 'Kiss' });
  ids.annaName = anna.displayName;
  ids.thinking = call<{ id: string }>('enrollments.create', {
    clientId: anna.id,
    programId: program.id,
    status: 'thinking',
    followUpOn: '2026-03-09',
  }).id;
  ids.drawing = call<{ id: string }>('enrollments.create', { clientId: anna.id, programId: drawing.id, status: 'inquiry' }).id;
  ids.dueTask = call<{ id: string }>('tasks.create', { title: 'Terem bérleti díja', dueOn: '2026-03-10' }).id;
  ids.laterTask = call<{ id: string }>('tasks.create', { title: 'Tankönyvek rendelése', dueOn: '2026-03-25' }).id;
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-tasks-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    clock: fixedClock('2026-03-10T09:00:00Z'),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  seedSchool();
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

interface TaskRow {
  id: string;
  title: string;
  dueOn: string | null;
  notes: string | null;
}

describe('changing tasks, reminders and enrollments after the fact', () => {
  it('edits a task from its menu on Today', async () => {
    await page.goto(bridge.url);
    const tasks = page.getByTestId('today-tasks');
    await tasks.getByTestId('task-item').first().waitFor();
    await tasks.getByRole('button', { name: 'További műveletek: Terem bérleti díja' }).click();
    await page.getByRole('menuitem', { name: 'Szerkesztés' }).click();
    const dialog = page.getByRole('dialog', { name: 'Feladat szerkesztése' });
    const title = dialog.getByLabel('Feladat');
    await title.fill('');
    await dialog.getByRole('button', { name: 'Mentés' }).click();
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(spaces(await dialog.textContent())).toContain('Kötelező');
    expect(call<TaskRow[]>('tasks.list', {}).find((t) => t.id === ids.dueTask)?.title).toBe('Terem bérleti díja');

    await title.fill('Terembérlés egyeztetése');
    await dialog.getByLabel('Megjegyzés').fill('A gondnokkal, délután');
    await dialog.getByRole('button', { name: 'Mentés' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => spaces(await tasks.textContent())).toContain('Terembérlés egyeztetése');
    const saved = call<TaskRow[]>('tasks.list', {}).find((t) => t.id === ids.dueTask);
    expect(saved).toMatchObject({ title: 'Terembérlés egyeztetése', notes: 'A gondnokkal, délután', dueOn: '2026-03-10' });
  });

  it('lists tasks not yet due in "All tasks" and deletes one after a confirmation naming it', async () => {
    await page.getByTestId('today-tasks-all').click();
    const drawer = page.getByTestId('all-tasks');
    const rows = drawer.getByTestId('all-tasks-item');
    await expect.poll(() => rows.count()).toBe(2);
    expect(spaces(await drawer.textContent())).toContain('Tankönyvek rendelése');
    await drawer.getByRole('button', { name: 'További műveletek: Tankönyvek rendelése' }).click();
    await page.getByRole('menuitem', { name: 'Törlés' }).click();
    const confirm = page.getByRole('dialog', { name: 'Törli ezt a feladatot?' });
    expect(spaces(await confirm.textContent())).toContain('„Tankönyvek rendelése”');
    await confirm.getByRole('button', { name: 'Törlés' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(call<TaskRow[]>('tasks.list', {}).map((t) => t.id)).toEqual([ids.dueTask]);
    await page.keyboard.press('Escape');
    await drawer.getByTestId('all-tasks-item').first().waitFor({ state: 'detached' });
  });

  it('adds a task with a note through the same form the edit uses, due today unless changed', async () => {
    const tasks = page.getByTestId('today-tasks');
    await tasks.getByRole('button', { name: 'Feladat hozzáadása' }).click();
    const dialog = page.getByRole('dialog', { name: 'Új feladat' });
    const title = dialog.getByLabel('Feladat');
    await dialog.getByRole('button', { name: 'Feladat hozzáadása' }).click();
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(spaces(await dialog.textContent())).toContain('Kötelező');
    await title.fill('Szülői értekezlet szervezése');
    await dialog.getByLabel('Megjegyzés').fill('A nagyteremben');
    mkdirSync(join(projectRoot, 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(projectRoot, 'screenshots', 'today-task-add.png') });
    await dialog.getByRole('button', { name: 'Feladat hozzáadása' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => spaces(await tasks.textContent())).toContain('Szülői értekezlet szervezése');
    const added = call<TaskRow[]>('tasks.list', {}).find((t) => t.title === 'Szülői értekezlet szervezése');
    expect(added).toMatchObject({ notes: 'A nagyteremben', dueOn: '2026-03-10' });
  });

  it('brings back a dismissed reminder with Undo, and from the "Hidden" list', async () => {
    const followUps = page.getByTestId('today-follow-ups').getByTestId('follow-up-item');
    const dismiss = async () => {
      await page
        .getByTestId('today-follow-ups')
        .getByRole('button', { name: `További műveletek: ${ids.annaName}` })
        .click();
      await page.getByRole('menuitem', { name: 'Elvetés' }).click();
      await expect.poll(() => followUps.count()).toBe(0);
    };
    await followUps.first().waitFor();
    await dismiss();
    await page.getByTestId('reminder-undo').click();
    await expect.poll(() => followUps.count()).toBe(1);

    await dismiss();
    await expect.poll(async () => spaces(await page.getByTestId('hidden-reminders').textContent())).toBe('Elrejtve (1)');
    // The list is the database's, not the page's memory: it is still there after a reload.
    await page.reload();
    await page.getByTestId('today-follow-ups').waitFor();
    expect(await followUps.count()).toBe(0);
    await page.getByTestId('hidden-reminders').click();
    const hidden = page.getByTestId('hidden-reminder');
    await hidden.waitFor();
    const row = spaces(await hidden.textContent());
    expect(row).toContain(ids.annaName);
    expect(row).toContain('Visszahívás · Angol A1');
    expect(row).toContain('Elvetve: 2026.');
    await hidden.getByRole('button', { name: 'Visszahozás' }).click();
    await expect.poll(() => followUps.count()).toBe(1);
    await page.getByTestId('hidden-reminders').waitFor({ state: 'detached' });
  });

  it('deletes an enrollment from the Edit panel, after a confirmation naming client and program', async () => {
    await page.locator('nav [data-section="enrollments"]').click();
    const row = (id: string) => page.getByTestId('enrollments-grid').locator(`[data-row-id="${id}"]`);
    await row(ids.drawing).waitFor();
    await row(ids.drawing).getByTestId('enrollment-menu').click();
    await page.getByTestId('menu-edit').click();
    await page.getByTestId('enrollment-editor').getByTestId('edit-delete').click();
    const confirm = page.getByRole('dialog', { name: 'Törli ezt a jelentkezést?' });
    await expect
      .poll(async () => spaces(await confirm.textContent()))
      .toContain(`${ids.annaName} jelentkezése a(z) Rajz programra törlődik.`);
    await confirm.getByTestId('enrollment-delete-confirm').click();
    await page.getByTestId('enrollment-editor').waitFor({ state: 'detached' });
    await row(ids.drawing).waitFor({ state: 'detached' });
    expect(directCall(workspace, owner, 'enrollments.get', { id: ids.drawing }).ok).toBe(false);

    await row(ids.thinking).getByTestId('enrollment-menu').click();
    await page.getByTestId('menu-delete').click();
    await expect.poll(async () => spaces(await confirm.textContent())).toContain('Angol A1');
    await confirm.getByTestId('enrollment-delete-confirm').click();
    await row(ids.thinking).waitFor({ state: 'detached' });
    expect(directCall(workspace, owner, 'enrollments.get', { id: ids.thinking }).ok).toBe(false);
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
