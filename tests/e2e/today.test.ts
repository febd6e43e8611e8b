/**
 * The Today screen end to end: a Hungarian school with a fixed "today"
 * (10 March 2026 in Budapest) served by the real HTTP bridge to Debian's
 * Chromium. It checks that the right lists show, that logging a call moves the
 * follow-up (and that a past date is refused beside its field, in Hungarian),
 * that recording a payment clears an overdue instalment, that a payment reminder
 * renders in Hungarian and in Chinese with the right dates and money, and it
 * screenshots the published open-groups page on a phone-sized and a desktop
 * screen. Any console error fails the test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src-shared/money';
import { startBridge, type Bridge } from '../../src-main/bridge/server';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { directCall, keyBeside } from '../integration/direct';

const screenshots = join(projectRoot, 'screenshots');

let dir: string;
let feedDir: string;
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

async function shot(name: string, target: Page = page) {
  await target.screenshot({ path: join(screenshots, `today-${name}.png`), fullPage: true });
}

function seedSchool() {
  const program = call<{ id: string }>('programs.create', {
    name: 'Angol A1',
    defaultPriceMinor: 12_000_000,
    description: 'Kezdő angol felnőtteknek, kis csoportban.',
  });
  const spring = call<{ id: string }>('cohorts.create', {
    programId: program.id,
    name: 'Tavaszi esti csoport',
    startOn: '2026-03-16',
    endOn: '2026-06-12',
    capacity: 8,
    minimumToRun: 3,
    status: 'open',
    published: true,
    schedule: [
      { weekday: 2, startTime: '17:30', minutes: 90 },
      { weekday: 4, startTime: '17:30', minutes: 90 },
    ],
  });
  const drawing = call<{ id: string }>('programs.create', { name: 'Rajz <gyerekeknek>', defaultPriceMinor: 6_000_000 });
  call('cohorts.create', {
    programId: drawing.id,
    name: 'Szombat délelőtt',
    startOn: '2026-04-11',
    capacity: 6,
    status: 'planned',
    published: true,
    schedule: [{ weekday: 6, startTime: '10:00', minutes: 60 }],
  });
  call('cohorts.create', { programId: drawing.id, name: 'Belső próbacsoport', startOn: '2026-04-12', status: 'planned', published: false });

  const anna = call<{ id: string; displayName: string }>('clients.create', {
    firstName: 'Anna',
    lastName: 'Kiss',
    phone: '+36 30 123 4567',
  });
  const bela = call<{ id: string; displayName: string }>('clients.create', {
    firstName: 'Béla',
    lastName: 'Nagy',
    email: 'nagy.bela@example.hu',
    phone: '+36 20 765 4321',
  });
  const chen = call<{ id: string; displayName: string }>('clients.create', {
    firstName: '静',
    lastName: '陈',
    phone: '+8613812345678',
    birthDate: '2012-03-12',
  });
  ids.anna = anna.id;
  ids.bela = bela.id;
  ids.annaName = anna.displayName;
  ids.belaName = bela.displayName;
  ids.chenName = chen.displayName;
  ids.thinking = call<{ id: string }>('enrollments.create', {
    clientId: anna.id,
    programId: program.id,
    status: 'thinking',
    followUpOn: '2026-03-09',
  }).id;
  ids.confirmed = call<{ id: string }>('enrollments.create', {
    clientId: bela.id,
    cohortId: spring.id,
    status: 'confirmed',
    notifyBeforeDays: 7,
  }).id;
  call('instalments.plan', { enrollmentId: ids.confirmed, count: 3, firstDueOn: '2026-02-01' });
  call('enrollments.create', { clientId: chen.id, programId: program.id, status: 'inquiry' });
  call('tasks.create', { title: 'Terem bérleti díjának egyeztetése', dueOn: '2026-03-10' });
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-today-'));
  feedDir = join(dir, 'public');
  mkdirSync(feedDir);
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

describe('Today through the HTTP bridge', () => {
  it('opens on Today with the right lists and a badge in the sidebar', async () => {
    await page.goto(bridge.url);
    await page.getByRole('heading', { name: 'Ma', exact: true }).waitFor();
    const followUps = page.getByTestId('today-follow-ups').getByTestId('follow-up-item');
    await followUps.first().waitFor();
    expect(spaces(await followUps.textContent())).toContain(ids.annaName);
    expect(await page.getByTestId('today-overdue').getByTestId('instalment-item').count()).toBe(2);
    expect(spaces(await page.getByTestId('today-overdue').textContent())).toContain('37 napja lejárt');
    expect(spaces(await page.getByTestId('today-cohort-starts').textContent())).toContain(ids.belaName);
    expect(spaces(await page.getByTestId('today-invites').textContent())).toContain(ids.chenName);
    expect(spaces(await page.getByTestId('today-cohort-health').textContent())).toContain('A minimum alatt');
    expect(spaces(await page.getByTestId('today-birthdays').textContent())).toContain('14 éves lesz');
    expect(spaces(await page.getByTestId('today-tasks').textContent())).toContain('Terem bérleti díjának egyeztetése');
    const counts = call<{ total: number }>('today.counts', {});
    expect(await page.getByTestId('today-badge').textContent()).toBe(String(counts.total));
    await page.mouse.move(1270, 890);
    await shot('01-lists-hu');
  });

  it('logging a call refuses a past date beside the field, then moves the follow-up', async () => {
    await page.getByTestId('follow-up-item').getByRole('button', { name: 'Hívás rögzítése' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mi hangzott el').fill('Még gondolkodik, jövő héten visszahívjuk.');
    const next = dialog.getByLabel('Következő visszahívás');
    await next.fill('2026-03-10');
    await dialog.getByRole('button', { name: 'Mentés' }).click();
    await expect.poll(() => next.getAttribute('aria-invalid')).toBe('true');
    expect(spaces(await dialog.textContent())).toContain('Válasszon a mainál későbbi napot');
    expect(call<{ kind: string }[]>('activities.list', { clientId: ids.anna }).filter((a) => a.kind === 'call')).toEqual([]);
    await shot('02-call-error-hu');

    await next.fill('2026-03-17');
    await dialog.getByRole('button', { name: 'Mentés' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('today-follow-ups').getByText('Ma senkit nem kell visszahívni.').waitFor();
    expect(call<{ followUpOn: string }>('enrollments.get', { id: ids.thinking }).followUpOn).toBe('2026-03-17');
    expect(call<{ kind: string; summary: string }[]>('activities.list', { clientId: ids.anna })[0]).toMatchObject({
      kind: 'call',
      summary: 'Még gondolkodik, jövő héten visszahívjuk.',
    });
  });

  it('recording a payment clears the overdue instalment it pays', async () => {
    const overdue = page.getByTestId('today-overdue').getByTestId('instalment-item');
    await overdue.first().getByRole('button', { name: 'Befizetés rögzítése' }).click();
    // The same dialog as on the client page: prefilled with what is left of the instalment, dated the school's day.
    const dialog = page.getByTestId('record-payment-dialog');
    await expect.poll(() => dialog.getByTestId('payment-amount').inputValue()).toBe('40000');
    expect(await dialog.getByLabel('Dátum').inputValue()).toBe('2026-03-10');
    await shot('03-payment-hu');
    await dialog.getByTestId('payment-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => overdue.count()).toBe(1);
    expect(spaces(await overdue.textContent())).toContain('9 napja lejárt');
    expect(call<{ payments: { amountMinor: number }[] }>('clients.get', { id: ids.bela }).payments.map((p) => p.amountMinor)).toEqual([
      4_000_000,
    ]);
  });

  it('renders the payment reminder in Hungarian and in Chinese with the right date and money, and logs it', async () => {
    await page.getByTestId('today-overdue').getByRole('button', { name: 'Emlékeztető küldése' }).click();
    const dialog = page.getByRole('dialog');
    const body = page.getByTestId('message-body');
    await body.waitFor();
    const hu = spaces(await body.textContent());
    expect(hu).toContain(`Kedves ${ids.belaName}!`);
    expect(hu).toContain(spaces(formatMoney(4_000_000, 'HUF', 'hu-HU')));
    expect(hu).toContain('2026. március 1.');
    expect(hu).toContain('(9 napja)');
    expect(spaces(await page.getByTestId('message-subject').textContent())).toBe('Fizetési emlékeztető – Angol A1');
    const mailto = await dialog.getByRole('link', { name: 'E-mail' }).getAttribute('href');
    expect(mailto).toMatch(/^mailto:nagy\.bela@example\.hu\?subject=/);
    await shot('04-message-hu');

    await dialog.getByText('简体中文').click();
    await expect.poll(async () => spaces(await body.textContent())).toContain('2026年3月1日');
    const zh = spaces(await body.textContent());
    expect(zh).toContain(spaces(formatMoney(4_000_000, 'HUF', 'zh-CN')));
    expect(zh).toContain('已逾期 9 天');
    expect(spaces(await page.getByTestId('message-subject').textContent())).toBe('付款提醒：Angol A1');
    await shot('05-message-zh');

    await page.getByRole('button', { name: /elküldöttnek jelölése/ }).click();
    await page.getByTestId('message-body').waitFor({ state: 'detached' });
    const logged = call<{ kind: string; summary: string }[]>('activities.list', { clientId: ids.bela }).find((a) => a.kind === 'message');
    expect(logged?.summary).toContain('2026年3月1日');
  });

  it('publishes the open-groups page: only published groups, escaped, readable on a phone', async () => {
    call('openGroups.configure', { folder: feedDir });
    const html = readFileSync(join(feedDir, 'open-groups.html'), 'utf8');
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(pathToFileURL(join(feedDir, 'open-groups.html')).href);
    expect(await phone.locator('script').count()).toBe(0);
    expect(await phone.locator('li.group').count()).toBe(2);
    const text = spaces(await phone.locator('main').textContent());
    expect(text).toContain('Rajz <gyerekeknek>');
    expect(text).toContain('7 szabad hely');
    expect(text).not.toContain('Belső próbacsoport');
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    // The browser's own parser agrees with the markup: serialising what it parsed loses no element.
    const parsedElements = await phone.evaluate(
      `new DOMParser().parseFromString(${JSON.stringify(html)}, 'text/html').querySelectorAll('*').length`,
    );
    expect(parsedElements).toBe((html.match(/<[a-z][a-z0-9]*/gi) ?? []).length);
    await shot('06-open-groups-phone', phone);
    await phone.setViewportSize({ width: 1100, height: 700 });
    await shot('07-open-groups-desktop', phone);
    await phone.close();
  });

  it('edits templates in the settings tab and refuses an unknown merge field beside the text, in Hungarian', async () => {
    await page.locator('nav [data-section="settings"]').click();
    await page.getByRole('tab', { name: 'Emlékeztetők és sablonok' }).click();
    const table = page.getByTestId('templates-table');
    await table.waitFor();
    expect(await table.locator('tr').count()).toBe(15);
    await page.getByRole('button', { name: 'Új sablon' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Név').fill('Órarend-változás');
    const body = dialog.getByLabel('Szöveg');
    await body.fill('Kedves {frstName}! ');
    await dialog.getByRole('button', { name: 'Mentés' }).click();
    await expect.poll(() => body.getAttribute('aria-invalid')).toBe('true');
    expect(spaces(await dialog.textContent())).toContain('Ismeretlen mező');
    await shot('08-template-error-hu');
    await body.fill('Kedves ');
    await dialog.getByRole('button', { name: '{firstName}' }).click();
    expect(await body.inputValue()).toBe('Kedves {firstName}');
    await dialog.getByRole('button', { name: 'Mentés' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => table.locator('tr').count()).toBe(16);
    await page.mouse.move(1270, 890);
    await shot('09-templates-tab-hu');
  });

  it('logged no console errors (CSP violations included)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
