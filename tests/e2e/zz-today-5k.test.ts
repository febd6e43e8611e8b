// Temporary: Today on a 5,000-client demo school (not committed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startBridge } from '../../src-main/bridge/server';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace } from '../../src-main/api/workspace';
import { seedDemo } from '../../src-main/demo/seed-demo';
import { ensureRendererBuilt, projectRoot } from './renderer-build';
import { launchChromium } from './harness';
import { contextOf } from '../integration/direct';

const dir = mkdtempSync(join(tmpdir(), 'tanoda-5k-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('Today at 5,000 clients', async () => {
  const rendererDir = await ensureRendererBuilt();
  mkdirSync(join(projectRoot, 'screenshots'), { recursive: true });
  const workspace = openWorkspace(join(dir, 's.db'), {
    initIfEmpty: { schoolName: 'Demo', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  const t0 = performance.now();
  seedDemo(contextOf(workspace, ownerActor(workspace.db)), { clients: 5000, seed: 'today5k' });
  console.log('seeded', Math.round(performance.now() - t0), 'ms');
  const bridge = await startBridge({ workspace, rendererDir });
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hu-HU' })).newPage();
  const start = performance.now();
  await page.goto(bridge.url);
  await page.getByTestId('today-follow-ups').waitFor();
  const ms = Math.round(performance.now() - start);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log('TODAY5K', JSON.stringify({ ms, height }));
  await page.screenshot({ path: join(projectRoot, 'screenshots', 'daily-13-today-5000-clients.png'), fullPage: true });
  await browser.close();
  await bridge.close();
  workspace.close();
  expect(height).toBeLessThan(8000);
}, 300_000);
