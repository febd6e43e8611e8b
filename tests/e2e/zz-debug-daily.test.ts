/**
 * The daily loop as a school owner lives it (issue 12, items 4-8), in Debian's
 * Chromium through the real HTTP bridge, on an en-US school (US dollars, month
 * before day) whose owner reads the interface in Hungarian or Chinese: a
 * call-back set from Today and shown there, the lead thinking it over with no
 * call-back day flagged, Today's cards capped at ten with "see all" into the
 * grid, "remind all" as one file, Programs and Cohorts on the shared grid
 * (opening on open and running groups, badges whole), "+ new teacher" inside
 * the cohort editor, the pinned name column, one word per status on the board,
 * the client page and the audit log, and a language switch that touches neither
 * the school's formats nor its audit log. Any console error fails the test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { directCall } from '../integration/direct';

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

async function shot(name: string) {
  await page.mouse.move(1270, 890);
  await page.screenshot({ path: join(screenshots, `daily-${name}.png`), fullPage: true });
}

async function switchLanguage(label: string) {
  await page.getByRole('banner').getByTestId('language-switch').click();
  await page.getByRole('option', { name: label }).click();
}

function seedSchool() {
  const piano = call<{ id: string }>('programs.create', { name: 'Piano for beginners', kind: 'course', defaultPriceMinor: 120_000 });
  const open = call<{ id: string }>('cohorts.create', {
    programId: piano.id,
    name: 'Spring evenings',
    startOn: '2026-03-20',
    status: 'open',
  });
  call('cohorts.create', { programId: piano.id, name: 'Winter mornings', startOn: '2026-01-12', status: 'running' });
  call('cohorts.create', { programId: piano.id, name: 'Autumn 2025', startOn: '2025-09-08', status: 'finished' });
  call('cohorts.create', { programId: piano.id, name: 'Summer camp', startOn: '2026-07-06', status: 'planned' });
  ids.openCohort = open.id;
  for (let i = 0; i < 14; i++) {
    const client = call<{ id: string }>('clients.create', { firstName: `Lead${String(i).padStart(2, '0')}`, lastName: 'Adams' });
    call('enrollments.create', { clientId: client.id, programId: piano.id, status: 'thinking', followUpOn: '2026-03-05' });
  }
  const quiet = call<{ id: string; displayName: string }>('clients.create', {
    firstName: 'Quinn',
    lastName: 'Quiet',
    phone: '+1 212 555 0142',
  });
  ids.quietName = quiet.displayName;
  ids.quietEnrollment = call<{ id: string }>('enrollments.create', { clientId: quiet.id, programId: piano.id, status: 'thinking' }).id;
  for (let i = 0; i < 12; i++) {
    const payer = call<{ id: string }>('clients.create', {
      firstName: `Payer${String(i).padStart(2, '0')}`,
      lastName: 'Brown',
      email: `payer${i}@example.com`,
    });
    const enrollment = call<{ id: string }>('enrollments.create', { clientId: payer.id, cohortId: open.id, status: 'confirmed' });
    call('instalments.plan', { enrollmentId: enrollment.id, count: 2, firstDueOn: '2026-02-01' });
  }
  const dana = call<{ id: string; displayName: string }>('clients.create', { firstName: 'Dana', lastName: 'Declines' });
  ids.danaId = dana.id;
  ids.danaName = dana.displayName;
  ids.danaEnrollment = call<{ id: string }>('enrollments.create', { clientId: dana.id, cohortId: open.id, status: 'inquiry' }).id;
  call('enrollments.setStatus', { id: ids.danaEnrollment, status: 'declined' });
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(screenshots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tanoda-e2e-daily-'));
  workspace = openWorkspace(join(dir, 'school.db'), {
    clock: fixedClock('2026-03-10T15:00:00Z'),
    initIfEmpty: { schoolName: 'Harbor Music School', currency: 'USD', locale: 'en-US', timeZone: 'America/New_York' },
  });
  owner = ownerActor(workspace.db);
  seedSchool();
  bridge = await startBridge({ workspace, rendererDir });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
    acceptDownloads: true,
  });
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

describe('debug', () => {
  it('dumps', async () => {
    await page.goto(bridge.url);
    await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    await page.locator('[data-section="cohorts"]').click();
    await page.waitForTimeout(2000);
    await page.screenshot({ path: '/tmp/dbg-cohorts.png' });
    const html = await page.locator('main').innerHTML();
    writeFileSync('/tmp/dbg-cohorts.html', html);
    await page.locator('[data-section="programs"]').click();
    await page.waitForTimeout(2000);
    await page.screenshot({ path: '/tmp/dbg-programs.png' });
    await page.locator('[data-section="clients"]').click();
    await page.waitForTimeout(2000);
    await page.screenshot({ path: '/tmp/dbg-clients.png' });
    console.log('ERRORS', JSON.stringify(consoleErrors));
  });
});
