/**
 * The Reports section end to end as the owner meets it: a small seeded demo
 * school, the real HTTP bridge serving the built renderer, and Debian's
 * Chromium in Hungarian. Every total on screen must be exactly what
 * `reports.revenue` answers for the same period, written in the school's
 * currency and locale; the chart must have one bar slot per month of the
 * period; the counts and the enrollments-by-status list must match
 * `reports.stats` and `reports.enrollmentFunnel`. A period whose end is before
 * its start is refused beside the field in the interface language and leaves
 * the totals alone. Screenshots go to screenshots/reports-*.png, light and dark.
 * (The assistant's side — no amounts at all — is walked by tests/e2e/roles.test.ts.)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevenueReport, Stats } from '../../src-shared/api/types';
import { formatMoney } from '../../src-shared/money';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import { seedDemo } from '../../src-main/demo/seed-demo';
import type { Actor } from '../../src-main/core/context';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { contextOf, directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');
const currency = 'HUF';
const locale = 'hu-HU';

let dir: string;
let workspace: Workspace;
let owner: Actor;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

const spaces = (text: string | null | undefined) => (text ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const money = (minor: number) => spaces(formatMoney(minor, currency, locale));

function call<T>(method: string, input: unknown): T {
  const result = directCall(workspace, owner, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `reports-${name}.png`), fullPage: true });
}

async function cardValue(id: string): Promise<string> {
  return spaces(await page.getByTestId(`report-${id}`).getByTestId('value').textContent());
}

/** The totals on screen equal the API's answer for the same period. */
async function expectTotals(report: RevenueReport) {
  const expected = {
    received: money(report.receivedMinor),
    refunded: money(report.refundedMinor),
    net: money(report.receivedMinor - report.refundedMinor),
    expected: money(report.expectedMinor),
    outstanding: money(report.outstandingMinor),
    overdue: money(report.overdueMinor),
  };
  await expect.poll(() => cardValue('received')).toBe(expected.received);
  const shown: Record<string, string> = {};
  for (const id of Object.keys(expected)) shown[id] = await cardValue(id);
  expect(shown).toEqual(expected);
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-reports-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    key: keyBeside(join(dir, 'school.db')),
    initIfEmpty: { schoolName: 'Napraforgó Nyelviskola', currency, locale, timeZone: 'Europe/Budapest' },
  });
  owner = ownerActor(workspace.db);
  seedDemo(contextOf(workspace, owner), { clients: 30, seed: 'reports' });
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Budapest' });
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
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reports screen through the HTTP bridge', () => {
  it('shows the owner this year’s totals exactly as reports.revenue computes them, and a bar per month', async () => {
    const report = call<RevenueReport>('reports.revenue', {});
    expect(report.receivedMinor).toBeGreaterThan(0);
    expect(report.byMonth).toHaveLength(12);

    await page.goto(bridge.url);
    await page.locator('nav [data-section="reports"]').click();
    await page.getByRole('heading', { name: 'Kimutatások', level: 2 }).waitFor();
    await page.getByTestId('money-report').waitFor();
    await expectTotals(report);

    const chart = page.getByTestId('revenue-chart');
    await chart.locator('.recharts-surface').waitFor();
    await expect.poll(() => chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBe(12);
    const paidMonths = report.byMonth.filter((m) => m.receivedMinor > 0).length;
    await expect.poll(() => chart.locator('.recharts-bar-rectangle path').count()).toBe(paidMonths);
    // The month-by-month figures are there for a screen reader too, in the school's currency.
    const hiddenTable = spaces(await page.getByTestId('money-report').locator('table').textContent());
    for (const m of report.byMonth) expect(hiddenTable).toContain(money(m.receivedMinor));

    const stats = call<Stats>('reports.stats', {});
    for (const kind of ['clients', 'enrollments', 'programs', 'cohorts', 'payments'] as const) {
      const shown = spaces(await page.getByTestId(`count-${kind}`).getByTestId('value').textContent()).replace(/\s/g, '');
      expect(Number(shown), kind).toBe(stats[kind]);
    }
    const funnel = call<{ status: string; count: number }[]>('reports.enrollmentFunnel', {});
    expect(funnel.reduce((sum, row) => sum + row.count, 0)).toBe(stats.enrollments);
    for (const row of funnel) {
      expect(spaces(await page.getByTestId(`funnel-${row.status}`).getByTestId('value').textContent())).toBe(String(row.count));
    }
    await shot('owner-light');
  });

  it('answers another period with that period’s totals', async () => {
    await page.getByTestId('report-period').getByText('Tavaly', { exact: true }).click();
    const year = Number(call<RevenueReport>('reports.revenue', {}).from.slice(0, 4)) - 1;
    const lastYear = call<RevenueReport>('reports.revenue', { from: `${year}-01-01`, to: `${year}-12-31` });
    expect(await page.getByRole('textbox', { name: 'Kezdete' }).inputValue()).toBe(`${year}-01-01`);
    await expectTotals(lastYear);

    await page.getByRole('textbox', { name: 'Kezdete' }).fill(`${year}-03-01`);
    const spring = call<RevenueReport>('reports.revenue', { from: `${year}-03-01`, to: `${year}-12-31` });
    await expectTotals(spring);
    await expect.poll(() => page.getByTestId('revenue-chart').locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBe(10);
  });

  it('refuses an end before the start beside the field and keeps the last good totals', async () => {
    const year = Number(call<RevenueReport>('reports.revenue', {}).from.slice(0, 4)) - 1;
    const spring = call<RevenueReport>('reports.revenue', { from: `${year}-03-01`, to: `${year}-12-31` });
    const to = page.getByRole('textbox', { name: 'Vége' });
    await to.fill(`${year}-02-01`);
    await page.getByText('Az időszak vége korábbi, mint a kezdete').waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await expectTotals(spring);
    await shot('period-error');
  });

  it('looks right in the dark theme', async () => {
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    await page.reload();
    await page.locator('nav [data-section="reports"]').click();
    await page.getByTestId('money-report').waitFor();
    await page.getByTestId('revenue-chart').locator('.recharts-surface').waitFor();
    expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await expectTotals(call<RevenueReport>('reports.revenue', {}));
    await shot('owner-dark');
  });

  it('logged no console errors (CSP violations included)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
