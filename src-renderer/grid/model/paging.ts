/**
 * Which pages of a long list to ask the API for while it scrolls. Pure, so the
 * choice can be tested without a browser; useGridRows.ts does the asking.
 */

/** Rows per page asked for. */
export const PAGE_SIZE = 50;
/** How many frames of the current scrolling speed to fetch ahead. */
export const AHEAD_FRAMES = 4;
/**
 * The furthest ahead a fast scroll's pages are asked for, in frames: as far as an
 * answer takes (on a busy machine several times AHEAD_FRAMES), so the page asked
 * for is where the view is when it arrives rather than already passed; capped
 * because a scroll seldom keeps its speed much longer than a quarter second.
 */
export const MAX_LEAD_FRAMES = 15;

/**
 * The pages to ask for, most urgent first: those covering [start, end] and those
 * where the view will be in the next few frames if the scrolling keeps its speed
 * (`previousStart` is where the view began a frame ago). A slow scroll thus asks
 * for the next page or two; a fast one for the pages it will land on, not the ones
 * it jumps over. `lead` is how many frames an answer takes: the view will have
 * left the pages nearer than that before they arrive, so when the view jumps
 * further than its length each frame, the pages `lead` frames ahead come first.
 */
export function pagesWanted(start: number, end: number, previousStart: number, total: number, lead = 0): number[] {
  const pages: number[] = [];
  const add = (from: number, to: number, ahead: boolean) => {
    for (let page = Math.floor(Math.max(0, from) / PAGE_SIZE); page <= Math.floor(to / PAGE_SIZE); page++) {
      if ((!ahead || page * PAGE_SIZE < total) && !pages.includes(page)) pages.push(page);
    }
  };
  const moved = start - previousStart;
  const span = end - start + 1;
  // At least a view's length ahead, so a slow scroll finds the next rows loaded.
  const stride = Math.sign(moved) * Math.max(Math.abs(moved), span);
  const jumping = Math.abs(moved) > span && lead > 0;
  if (jumping)
    for (let frame = lead; frame <= Math.max(lead, AHEAD_FRAMES); frame++) add(start + frame * stride, end + frame * stride, true);
  add(start, end, false);
  if (moved === 0 || end < start) return pages;
  for (let frame = 1; frame <= AHEAD_FRAMES; frame++) add(start + frame * stride, end + frame * stride, true);
  return pages;
}
