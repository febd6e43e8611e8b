import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, pagesWanted } from '../../src-renderer/grid/model/paging';

/** The page of a row. */
const p = (row: number) => Math.floor(row / PAGE_SIZE);

describe('pagesWanted', () => {
  const total = 100_000;

  it('asks for the pages in view, and only those while the view stands still', () => {
    expect(pagesWanted(0, 30, 0, total)).toEqual([0]);
    expect(pagesWanted(PAGE_SIZE - 10, PAGE_SIZE + 20, PAGE_SIZE - 10, total)).toEqual([0, 1]);
  });

  it('adds the next pages in the direction of a slow scroll, a view length at least each frame', () => {
    // One row down with a view of 31 rows: four views ahead reach row 155.
    expect(pagesWanted(1, 31, 0, total)).toEqual([...new Set([p(1), p(31), p(62), p(93), p(124), p(155)])]);
    // One row up from row 500: four views up reach row 376.
    expect(pagesWanted(500, 530, 501, total)).toEqual([...new Set([p(500), p(530), p(469), p(438), p(407), p(376)])]);
  });

  it('asks first for the pages a fast scroll will be on when the answer arrives, not those it jumps over', () => {
    // 400 rows a frame, answers take two frames: the view at +800 first, then the view now, then the rest ahead.
    const pages = pagesWanted(10_000, 10_030, 9_600, total, 2);
    expect(pages.slice(0, 2)).toEqual([p(10_800), p(11_200)]);
    expect(pages.indexOf(p(10_000))).toBeGreaterThan(pages.indexOf(p(11_600)));
    expect(pages).toContain(p(10_400));
    // The rows between the frames' views are never asked for.
    expect(pages).not.toContain(p(10_200));
  });

  it('asks first for where a fast scroll will be when a slow answer arrives, past the usual four frames', () => {
    // 400 rows a frame, answers take ten frames: the view ten frames on comes first.
    const pages = pagesWanted(10_000, 10_030, 9_600, total, 10);
    expect(pages[0]).toBe(p(14_000));
    expect(pages).toContain(p(10_000));
    // Nothing between the view now and where it will be, beyond the usual few frames ahead.
    expect(pages).not.toContain(p(12_000));
  });

  it('never asks for pages past the end or before the start', () => {
    expect(pagesWanted(99_970, 99_999, 99_000, total, 2)).toEqual([p(99_999)]);
    expect(pagesWanted(0, 30, 900, total, 2)).toEqual([0]);
    // Before the total is known only the pages in view are asked for.
    expect(pagesWanted(0, 30, 0, 0)).toEqual([0]);
  });
});
