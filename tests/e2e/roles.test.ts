/**
 * Roles end to end, the way the owner and the assistant meet them: a seeded
 * demo school whose owner has set a password, an assistant account made
 * through the API, the real HTTP bridge with per-tab sign-in sessions, and
 * Debian's Chromium in Hungarian.
 *
 * "No money totals for the assistant" is checked without knowing any screen's
 * layout: every amount written in the school's currency anywhere on a section
 * must be a value that belongs to one record — a price, an instalment, a
 * payment, one enrollment's or one client's balance — read from the database.
 * An amount that is none of these is a sum across records, which the
 * assistant's role must not see. The owner walks the same sections and does
 * see the owner-only tabs, the deleted records with Restore and erasure, and
 * (once the screens that carry them exist) totals. A wrong password is refused
 * in the interface language. Screenshots go to screenshots/auth-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src-shared/money';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import { seedDemo } from '../../src-main/demo/seed-demo';
import type { Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { contextOf, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const currency = 'HUF';
const locale = 'hu-HU';
const ownerPassword = 'napraforgo-tulaj-2026';
const assistantPassword = 'asszisztens-jelszo';

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
const consoleErrors: string[] = [];
/** Every amount that belongs to a single record, as the interface writes it. */
const recordAmounts = new Set<string>();
let deletedClient: { id: string; name: string };

/** The little of a DOM element these checks read inside the page (the node tsconfig has no DOM types). */
interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
/** Runs inside the page, so it takes the attribute name as an argument rather than from a closure. */
const attributeOf = (elements: unknown[], name: string) => elements.map((el) => (el as PageElement).getAttribute(name) ?? '');

const spaces = (text: string | null | undefined) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

async function call<T>(method: string, input: unknown, actor: Actor = owner): Promise<T> {
  const result = await workspace.invoke({ actor }, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

function allow(minor: number | null | undefined) {
  if (minor === null || minor === undefined) return;
  for (const value of [minor, -minor]) recordAmounts.add(spaces(formatMoney(value, currency, locale)));
}

/** Every money value that belongs to one record: prices, instalments, payments, and per-enrollment and per-client balances. */
async function collectRecordAmounts() {
  const sqlite = workspace.db.sqlite;
  const columns: [string, string][] = [
    ['programs', 'default_price_minor'],
    ['cohorts', 'price_minor'],
    ['enrollments', 'agreed_price_minor'],
    ['enrollments', 'discount_minor'],
    ['enrollments', 'agreed_price_minor - discount_minor'],
    ['instalments', 'amount_minor'],
    ['payments', 'amount_minor'],
    ['settings', 'low_balance_minor'],
  ];
  for (const [table, expression] of columns) {
    for (const row of sqlite.prepare(`SELECT ${expression} AS v FROM ${table}`).all() as { v: number | null }[]) allow(row.v);
  }
  allow(0);
  const clients = await call<{ rows: { balanceMinor: number; overdueMinor: number }[] }>('clients.list', { limit: 100_000 });
  for (const client of clients.rows) {
    allow(client.balanceMinor);
    allow(client.overdueMinor);
  }
  const enrollments = sqlite.prepare('SELECT id FROM enrollments WHERE deleted_at IS NULL').all() as { id: string }[];
  for (const { id } of enrollments) {
    // The enrollment as its page reads it: the balance and the instalments with their states.
    const { balance } = await call<{
      balance: Record<string, unknown> & { instalments: { amountMinor: number; paidMinor: number; outstandingMinor: number }[] };
    }>('enrollments.get', { id });
    for (const [key, value] of Object.entries(balance)) if (key.endsWith('Minor') && typeof value === 'number') allow(value);
    for (const instalment of balance.instalments) {
      allow(instalment.paidMinor);
      allow(instalment.outstandingMinor);
    }
  }
  for (const row of (await call<{ overdue: Record<string, unknown>[] }>('today.get', {})).overdue) {
    for (const [key, value] of Object.entries(row)) if (key.endsWith('Minor') && typeof value === 'number') allow(value);
  }
}

/** Amounts written in the school's currency in a piece of page text, each with the words around it (for the failure message). */
function amountsIn(text: string): { amount: string; context: string }[] {
  // Hungarian leaves four-digit amounts ungrouped (7400 Ft), so a match must start where a number starts.
  const pattern = /(?<![\d.,])[-−]?\d+(?:[ \u00a0\u202f.]\d{3})*(?:,\d+)?[ \u00a0\u202f]?Ft/g;
  return [...text.matchAll(pattern)].map((m) => ({
    amount: spaces(m[0].replace('−', '-')),
    context: spaces(text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 10)),
  }));
}

const deleteWords = /(^|[\s„"])(törl|töröl|megsemmisít|delete|erase|remove)|删除|清除/i;
const notDeleting = /szűrő|filter|筛选|keresés/i;

interface SectionReading {
  section: string;
  /** The section shows the "coming soon" placeholder instead of a screen. */
  comingSoon: boolean;
  /** Amounts on screen that belong to no single record: totals. */
  totals: string[];
  /** Every amount on screen, with the words around it. */
  amounts: string[];
  deleteActions: string[];
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.mantine-Skeleton-root, .mantine-Loader-root')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

async function readScreen(page: Page, section: string): Promise<SectionReading> {
  await settle(page);
  const text = (await page.locator('body').innerText()) ?? '';
  const found = amountsIn(text);
  const totals = found.filter(({ amount }) => !recordAmounts.has(amount)).map(({ amount, context }) => `${amount} in “${context}”`);
  const amounts = found.map(({ amount, context }) => `${amount} in “${context}”`);
  const labels = await page
    .locator('button:visible, [role="menuitem"]:visible, a:visible')
    .evaluateAll((elements: unknown[]) =>
      elements.map((el) => `${(el as PageElement).getAttribute('aria-label') ?? ''} ${(el as PageElement).textContent ?? ''}`.trim()),
    );
  const deleteActions = labels.filter((label) => deleteWords.test(label) && !notDeleting.test(label));
  const comingSoon = (await page.locator('main').getByText('Hamarosan', { exact: true }).count()) > 0;
  return { section, comingSoon, totals, amounts, deleteActions };
}

/** Opens every section (and every Settings tab) and reads what is on screen. */
async function walkSections(page: Page, who: string): Promise<SectionReading[]> {
  const readings: SectionReading[] = [];
  const sectionIds = [...new Set(await page.locator('nav button[data-section]').evaluateAll(attributeOf, 'data-section'))].filter(Boolean);
  expect(sectionIds.length).toBeGreaterThan(3);
  for (const id of sectionIds) {
    await page.locator(`nav button[data-section="${id}"]`).click();
    readings.push(await readScreen(page, id));
    if (id === 'today' || id === 'reports') await page.screenshot({ path: join(screenshots, `auth-${who}-${id}.png`), fullPage: true });
    if (id === 'settings') {
      const tabs = await page.locator('[data-testid^="settings-tab-"]').evaluateAll(attributeOf, 'data-testid');
      for (const tab of tabs) {
        await page.getByTestId(tab).click();
        readings.push(await readScreen(page, `${id}/${tab.replace('settings-tab-', '')}`));
      }
    }
  }
  return readings;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  const form = page.getByTestId('sign-in');
  await form.waitFor();
  const remembered = form.getByTestId('remembered-user').filter({ hasText: username });
  if ((await remembered.count()) > 0) await remembered.click();
  else {
    const someoneElse = form.getByRole('button', { name: 'Valaki más' });
    if ((await someoneElse.count()) > 0) await someoneElse.click();
    await form.getByRole('textbox', { name: 'Bejelentkezési név' }).fill(username);
  }
  await form.getByLabel('Jelszó').fill(password);
  await form.getByRole('button', { name: 'Bejelentkezés' }).click();
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-roles-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency, locale, timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  seedDemo(contextOf(workspace, owner), { clients: 24, seed: 'roles' });
  await call('auth.setupOwner', { password: ownerPassword });
  await call('users.create', { username: 'anna', displayName: 'Kiss Anna', role: 'assistant', password: assistantPassword });
  const victim = workspace.db.sqlite
    .prepare('SELECT id, display_name AS name FROM clients WHERE deleted_at IS NULL ORDER BY display_name LIMIT 1')
    .get() as {
    id: string;
    name: string;
  };
  await call('clients.delete', { id: victim.id });
  deletedClient = victim;
  await collectRecordAmounts();

  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  workspace?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the assistant and the owner in Chromium through the bridge', () => {
  it('refuses a wrong password in the interface language and stays on the sign-in screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale, timezoneId: 'Europe/Budapest' });
    const page = await newPage(context);
    await page.goto(bridge.url);
    await page.getByTestId('sign-in').waitFor();
    await page.screenshot({ path: join(screenshots, 'auth-01-sign-in.png'), fullPage: true });
    await signIn(page, 'anna', 'nem-ez-a-jelszo');
    const form = page.getByTestId('sign-in');
    await form.getByText('Hibás bejelentkezési név vagy jelszó.', { exact: true }).waitFor();
    expect(await form.getByLabel('Jelszó').inputValue()).toBe('');
    expect(await form.getByRole('textbox', { name: 'Bejelentkezési név' }).inputValue()).toBe('anna');
    expect(await page.getByTestId('school-name').count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'auth-02-wrong-password.png'), fullPage: true });
    await context.close();
  });

  it('shows the assistant no money totals and no delete actions on any section', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale, timezoneId: 'Europe/Budapest' });
    const page = await newPage(context);
    await page.goto(bridge.url);
    await signIn(page, 'anna', assistantPassword);
    await page.getByTestId('school-name').waitFor();
    expect(spaces(await page.getByTestId('user-role').textContent())).toBe('Asszisztens');

    const readings = await walkSections(page, 'assistant');
    expect(readings.filter((r) => r.totals.length > 0)).toEqual([]);
    expect(readings.filter((r) => r.deleteActions.length > 0)).toEqual([]);
    // The screens that list many clients show the assistant no amount at all: who and when,
    // and a person's amount only on that person's page.
    const acrossClients = ['today', 'clients', 'enrollments', 'payments'];
    expect(readings.filter((r) => acrossClients.includes(r.section) && r.amounts.length > 0).map((r) => [r.section, r.amounts])).toEqual(
      [],
    );
    expect(readings.map((r) => r.section)).toEqual(expect.arrayContaining(acrossClients));
    await page.locator('nav button[data-section="payments"]').click();
    await page.getByTestId('payments-record').waitFor();
    expect(await page.getByTestId('payments-export').count()).toBe(0);

    await page.locator('nav button[data-section="settings"]').click();
    const tabs = await page.locator('[data-testid^="settings-tab-"]').evaluateAll(attributeOf, 'data-testid');
    expect(tabs).toContain('settings-tab-account');
    expect(tabs).not.toContain('settings-tab-users');
    expect(tabs).not.toContain('settings-tab-backups');
    expect(tabs).not.toContain('settings-tab-audit');
    await page.getByTestId('settings-tab-account').click();
    await page.screenshot({ path: join(screenshots, 'auth-03-assistant-settings.png'), fullPage: true });

    // The main process refuses what the screens hide, on this very session.
    const refused = await page.evaluate(async () => {
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      const token = storage.getItem('tanoda.bridgeToken') ?? '';
      const session = storage.getItem('tanoda.bridgeSession') ?? '';
      const response = await fetch('/api/reports.revenue', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Tanoda-Session': session },
        body: '{}',
      });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await context.close();
  });

  it('shows the owner the owner-only tabs, totals where the screens carry them, and restores a deleted client in one click', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale, timezoneId: 'Europe/Budapest' });
    const page = await newPage(context);
    await page.goto(bridge.url);
    await signIn(page, 'owner', ownerPassword);
    await page.getByTestId('school-name').waitFor();
    expect(spaces(await page.getByTestId('user-role').textContent())).toBe('Tulajdonos');

    const readings = await walkSections(page, 'owner');
    // Today lists single records (it carries no totals by design); Reports is where the owner sees them, once it is built.
    const reports = readings.find((r) => r.section === 'reports');
    if (reports && !reports.comingSoon) expect(reports.totals).not.toEqual([]);
    expect(readings.flatMap((r) => r.deleteActions)).not.toEqual([]);

    await page.locator('nav button[data-section="settings"]').click();
    for (const tab of ['users', 'backups', 'audit', 'account']) await page.getByTestId(`settings-tab-${tab}`).waitFor();

    await page.locator('nav button[data-section="payments"]').click();
    await page.getByTestId('payments-export').waitFor();

    await page.locator('nav button[data-section="settings"]').click();
    await page.getByTestId('settings-tab-users').click();
    await page.getByTestId('user-row').filter({ hasText: 'Kiss Anna' }).waitFor();
    // The Users screen says what the assistant role protects against, and what it leaves to encryption.
    const protects = spaces(await page.getByTestId('role-protects').innerText());
    expect(protects).toContain('bevétel');
    expect(protects).toContain('titkosítása');
    await page.screenshot({ path: join(screenshots, 'auth-04-owner-users.png'), fullPage: true });

    await page.getByTestId('settings-tab-audit').click();
    const deleted = page.getByTestId('deleted-records');
    await deleted.getByText(deletedClient.name).waitFor();
    const purge = deleted.getByRole('button', { name: `„${deletedClient.name}” végleges megsemmisítése` });
    expect(await purge.count()).toBe(1);
    await page.getByTestId('audit-entry').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'auth-05-owner-audit.png') });
    await deleted.getByRole('button', { name: 'Visszaállítás' }).first().click();
    await expect
      .poll(
        () =>
          (workspace.db.sqlite.prepare('SELECT deleted_at AS d FROM clients WHERE id = ?').get(deletedClient.id) as { d: string | null }).d,
      )
      .toBeNull();

    await page.getByTestId('settings-tab-backups').click();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-row').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'auth-06-owner-backups.png'), fullPage: true });

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Zárolás most' }).click();
    await page.getByTestId('lock-screen').waitFor();
    expect(await page.getByTestId('school-name').count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'auth-07-locked.png'), fullPage: true });
    await page.getByTestId('lock-screen').getByLabel('Jelszó').fill(ownerPassword);
    await page.getByRole('button', { name: 'Feloldás' }).click();
    await page.getByTestId('school-name').waitFor();
    await context.close();
  });

  it('logged no console errors (CSP violations included)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
