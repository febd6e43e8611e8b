/**
 * The clients grid in Chromium over a 100,000-client school: how long until the
 * first rows show, how smooth scrolling is (p95 of the frame-to-frame time while
 * the grid is scrolled programmatically, one step per frame, and how many of those
 * frames showed a row in view still without its data: such a frame counts in the
 * p95 like any other, and is reported as well so that a fast frame drawing
 * placeholders is not taken for a good one), and how long a
 * quick search takes from the keystroke to the new rows on screen. The same three
 * numbers are measured in the same browser for a plain, non-virtualised HTML table
 * of 1,000 rows — what a simple screen would do — so the ratios say whether the
 * virtualised grid over a hundred times more rows keeps up.
 *
 * Everything runs through the HTTP bridge and the built renderer, the way the
 * end-to-end tests do. Timings are taken inside the page (performance.now and
 * requestAnimationFrame), so the test driver's own latency is not counted. The
 * search figure includes the grid's 150 ms typing debounce, reported separately.
 * Run by `npm run bench` after the API benchmark; `tsx tests/bench/grid.ts FILE`
 * runs it alone against an existing workspace file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Page } from 'playwright-core';
import { launchChromium } from '../e2e/harness';
import { startBridge } from '../../src-main/bridge/server';
import { openWorkspace } from '../../src-main/api/workspace';
import { ensureRendererBuilt } from '../e2e/renderer-build';
import { keyBeside } from '../integration/direct';
import { recordFigure } from './targets';

const root = resolve(import.meta.dirname, '../..');
const SEARCH_DEBOUNCE_MS = 150;
const SCROLL_FRAMES = 240;

/**
 * The few browser APIs the in-page code uses. This file compiles against Node's
 * library (no DOM), so page functions take them from `globalThis` under this type.
 */
interface PageNode {
  style: { top: string };
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  textContent: string | null;
  innerHTML: string;
  value: string;
  click(): void;
  scrollTo(options: { top: number }): void;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): Iterable<PageNode>;
  dispatchEvent(event: Event): boolean;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageNode | null; getElementById(id: string): PageNode | null };
  requestAnimationFrame(callback: (now: number) => void): number;
  rows: string[][];
  render: (query: string) => void;
}

interface Figures {
  rows: number;
  firstRowsMs: number;
  scrollP50Ms: number;
  scrollP95Ms: number;
  scrollMaxMs: number;
  /** Frames that showed at least one row in view without its data (a placeholder). */
  blankFrames: number;
  searchMs: number[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

/**
 * Scrolls an element one step per animation frame and returns the frame-to-frame
 * times, and how many frames showed a row in view still without its data (a grid
 * row with `aria-rowindex` but no `data-row-id`, told from its `top` so that
 * checking forces no layout; the plain table has none).
 */
async function scrollFrames(page: Page, selector: string, frames: number): Promise<{ deltas: number[]; blank: number }> {
  return page.evaluate(
    ({ selector, frames }) =>
      new Promise<{ deltas: number[]; blank: number }>((done) => {
        const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
        const el = document.querySelector(selector) as PageNode;
        const step = Math.max(1, Math.floor((el.scrollHeight - el.clientHeight) / frames));
        const deltas: number[] = [];
        let blank = 0;
        let last = performance.now();
        let n = 0;
        const showsBlank = () => {
          const top = el.scrollTop;
          for (const row of el.querySelectorAll('[role="row"][aria-rowindex]')) {
            const y = parseFloat(row.style.top);
            if (!row.hasAttribute('data-row-id') && y + 34 > top && y < top + el.clientHeight) return true;
          }
          return false;
        };
        const tick = (now: number) => {
          deltas.push(now - last);
          last = now;
          if (n >= 2 && showsBlank()) blank++;
          el.scrollTop += step;
          if (++n < frames) requestAnimationFrame(tick);
          else done({ deltas: deltas.slice(2), blank });
        };
        requestAnimationFrame(tick);
      }),
    { selector, frames },
  );
}

async function measureGrid(page: Page, url: string, queries: string[]): Promise<Figures> {
  await page.goto(url);
  // Start elsewhere so opening Clients mounts the grid from nothing.
  await page.locator('[data-section="programs"]').click({ timeout: 300_000 });
  await page.locator('main').getByRole('heading').first().waitFor({ timeout: 300_000 });
  await page.waitForTimeout(500);
  const firstRowsMs = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
        const started = performance.now();
        (document.querySelector('[data-section="clients"]') as PageNode).click();
        const check = () => {
          if (document.querySelector('[data-testid="clients-grid"] [data-row-id]')) done(performance.now() - started);
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  const rows = Number(((await page.getByTestId('clients-count').textContent()) ?? '').replace(/\D/g, ''));
  const { deltas, blank } = await scrollFrames(page, '[data-testid="clients-grid"]', SCROLL_FRAMES);
  await page.getByTestId('clients-grid').evaluate((el) => (el as unknown as PageNode).scrollTo({ top: 0 }));

  const searchMs: number[] = [];
  for (const query of queries) {
    searchMs.push(
      await page.evaluate(
        (query) =>
          new Promise<number>((done) => {
            const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
            const input = document.querySelector('[data-testid="clients-search"]') as PageNode;
            const count = document.querySelector('[data-testid="clients-count"]') as PageNode;
            const before = count.textContent;
            const firstRow = () => document.querySelector('[data-testid="clients-grid"] [data-row-id]')?.getAttribute('data-row-id');
            const rowBefore = firstRow();
            // React tracks the input's value; the prototype's setter makes the change look typed.
            const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input) as object, 'value')?.set;
            const started = performance.now();
            setter?.call(input, query);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            const check = () => {
              if (count.textContent !== before || (firstRow() !== rowBefore && firstRow())) done(performance.now() - started);
              else if (performance.now() - started > 10_000) done(Number.NaN);
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
        query,
      ),
    );
  }
  return {
    rows,
    firstRowsMs,
    scrollP50Ms: percentile(deltas, 50),
    scrollP95Ms: percentile(deltas, 95),
    scrollMaxMs: Math.max(...deltas),
    blankFrames: blank,
    searchMs,
  };
}

/** The reference: every one of 1,000 rows in a plain <table>, filtered by re-rendering it. */
async function measurePlainTable(page: Page, rows: string[][], queries: string[]): Promise<Figures> {
  await page.goto('about:blank');
  await page.evaluate('globalThis.__name = (fn) => fn;');
  await page.setContent(
    '<!doctype html><html><body style="margin:0;font:14px system-ui"><input id="q"><div id="box" style="height:700px;overflow:auto"></div></body></html>',
  );
  const firstRowsMs = await page.evaluate(
    (rows) =>
      new Promise<number>((done) => {
        const w = globalThis as unknown as PageGlobals;
        const { document, requestAnimationFrame } = w;
        w.rows = rows;
        const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
        w.render = (q: string) => {
          const needle = q.toLowerCase();
          const shown = needle ? w.rows.filter((r) => r.some((c) => c.toLowerCase().includes(needle))) : w.rows;
          (document.getElementById('box') as PageNode).innerHTML =
            `<table style="border-collapse:collapse">${shown.map((r) => `<tr>${r.map((c) => `<td style="border:1px solid #ddd;padding:6px 10px;white-space:nowrap">${escape(c)}</td>`).join('')}</tr>`).join('')}</table>`;
        };
        const started = performance.now();
        w.render('');
        requestAnimationFrame(() => done(performance.now() - started));
      }),
    rows,
  );
  const { deltas, blank } = await scrollFrames(page, '#box', SCROLL_FRAMES);
  const searchMs: number[] = [];
  for (const query of queries) {
    searchMs.push(
      await page.evaluate(
        (query) =>
          new Promise<number>((done) => {
            const { render, requestAnimationFrame } = globalThis as unknown as PageGlobals;
            const started = performance.now();
            render(query);
            requestAnimationFrame(() => done(performance.now() - started));
          }),
        query,
      ),
    );
  }
  return {
    rows: rows.length,
    firstRowsMs,
    scrollP50Ms: percentile(deltas, 50),
    scrollP95Ms: percentile(deltas, 95),
    scrollMaxMs: Math.max(...deltas),
    blankFrames: blank,
    searchMs,
  };
}

export async function runGridBench(file: string): Promise<void> {
  const rendererDir = await ensureRendererBuilt();
  const workspace = openWorkspace(file, { key: keyBeside(file) });
  const sample = workspace.db.sqlite
    .prepare('SELECT display_name, phone, email, tags, created_at FROM clients WHERE deleted_at IS NULL ORDER BY display_name LIMIT 1000')
    .all() as { display_name: string; phone: string | null; email: string | null; tags: string; created_at: string }[];
  const plainRows = sample.map((c) => [c.display_name, c.phone ?? '', c.email ?? '', c.tags, c.created_at.slice(0, 10)]);
  const queries = ['kov', 'nagy anna', 'smith', 'lili', 'horv'];
  const bridge = await startBridge({ workspace, rendererDir });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'hu-HU', timezoneId: 'Europe/Budapest' });
    // tsx keeps function names with a `__name` helper that the page does not have.
    await context.addInitScript('globalThis.__name = (fn) => fn;');
    const grid = await measureGrid(await context.newPage(), bridge.url, queries);
    const plain = await measurePlainTable(await context.newPage(), plainRows, queries);
    const ms = (v: number) => (Number.isNaN(v) ? '–' : `${v.toFixed(1)} ms`);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const searchGrid = percentile(grid.searchMs, 50);
    const searchPlain = percentile(plain.searchMs, 50);
    recordFigure('gridFirstRowsMs', grid.firstRowsMs);
    recordFigure('gridScrollP95Ms', grid.scrollP95Ms);
    recordFigure('gridBlankFrames', grid.blankFrames);
    recordFigure('searchKeystrokeMs', searchGrid - SEARCH_DEBOUNCE_MS);
    const lines = [
      `## Clients grid in Chromium — ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Virtualised grid over ${grid.rows.toLocaleString('en-US')} clients (paged from clients.list through the HTTP bridge) against a plain HTML table holding all of ${plain.rows.toLocaleString('en-US')} rows. Scrolling: ${SCROLL_FRAMES} frames, one programmatic step per frame across the whole list. Search: ${queries.map((q) => `\`${q}\``).join(', ')}, median; the grid's figure includes its ${SEARCH_DEBOUNCE_MS} ms typing debounce.`,
      '',
      `| measurement | grid, ${grid.rows.toLocaleString('en-US')} rows | plain table, ${plain.rows.toLocaleString('en-US')} rows | grid ÷ plain |`,
      '|---|---:|---:|---:|',
      `| time to first rows | ${ms(grid.firstRowsMs)} | ${ms(plain.firstRowsMs)} | ${ratio(grid.firstRowsMs, plain.firstRowsMs)} |`,
      `| scroll frame time p50 | ${ms(grid.scrollP50Ms)} | ${ms(plain.scrollP50Ms)} | ${ratio(grid.scrollP50Ms, plain.scrollP50Ms)} |`,
      `| scroll frame time p95 | ${ms(grid.scrollP95Ms)} | ${ms(plain.scrollP95Ms)} | ${ratio(grid.scrollP95Ms, plain.scrollP95Ms)} |`,
      `| scroll frame time max | ${ms(grid.scrollMaxMs)} | ${ms(plain.scrollMaxMs)} | ${ratio(grid.scrollMaxMs, plain.scrollMaxMs)} |`,
      `| frames showing a row in view without its data | ${grid.blankFrames} of ${SCROLL_FRAMES - 2} | ${plain.blankFrames} of ${SCROLL_FRAMES - 2} | – |`,
      `| quick search, keystroke to rows (median) | ${ms(searchGrid)} | ${ms(searchPlain)} | ${ratio(searchGrid, searchPlain)} |`,
      `| quick search without the debounce | ${ms(searchGrid - SEARCH_DEBOUNCE_MS)} | ${ms(searchPlain)} | ${ratio(searchGrid - SEARCH_DEBOUNCE_MS, searchPlain)} |`,
      '',
    ];
    const report = lines.join('\n');
    console.log(`\n${report}`);
    const out = join(root, 'reports', `bench-grid-${new Date().toISOString().slice(0, 10)}`);
    mkdirSync(join(root, 'reports'), { recursive: true });
    writeFileSync(`${out}.md`, report);
    writeFileSync(
      `${out}.json`,
      JSON.stringify({ grid, plain, queries, scrollFrames: SCROLL_FRAMES, searchDebounceMs: SEARCH_DEBOUNCE_MS }, null, 2),
    );
    console.log(`Written to ${out}.md and .json`);
  } finally {
    await browser.close();
    await bridge.close();
    workspace.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'grid.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: tsx tests/bench/grid.ts WORKSPACE.db');
  await runGridBench(file);
}
