/**
 * Where a sheet's people are: which row is the header, and which rows below it
 * are not people at all. Sheets come as people make them — a title above the
 * header; a vendor's template with a row of field keys, a row of required/optional
 * marks and the real labels in a third row, then an example row "delete before
 * upload"; a label cell "Pupils:" over a plain list of names; a totals line at
 * the bottom. Each of these is recognised here, and a row left out always leaves
 * its reason (an issue with severity `skipped`), so nobody disappears silently
 * and no example becomes a person.
 */
import type { ImportColumn, ImportIssueCode } from '../../../src-shared/api/imports-methods';
import { normaliseEmail, parseDateText, parseDecimal } from '../../../src-shared/import/values';
import { fold, isExampleKey, isTemplateFlag, isTotalsKey, matchHeader } from '../../../src-shared/import/vocabulary';
import { cellText, isBlank } from './cells';
import type { Cell } from './read';

export interface HeaderChoice {
  /** 0-based index of the header row. */
  index: number;
  /** True when a later row of labels was preferred over an earlier row of field keys. */
  labelsChosen: boolean;
}

const headerScan = 30;

function knownHeaders(row: readonly Cell[]): number {
  return row.map(cellText).filter((t) => t !== '' && matchHeader(t) !== null).length;
}

/** A header holds words, not values: no e-mail, number or date in any of its cells. */
function looksLikeLabels(row: readonly Cell[]): boolean {
  return row.every((cell) => {
    if (cell === null || cell === undefined) return true;
    if (typeof cell !== 'string') return false;
    const text = cellText(cell);
    return normaliseEmail(text) === null && parseDecimal(text, 'en') === null && parseDateText(text, 'dmy', false) === null;
  });
}

const endsLikeLabel = (text: string) => /[:：]$/u.test(text);

/**
 * The header is the row among the first 30 that names the most known fields; when
 * one or two rows right below it name as many (a template's labels under its keys
 * and required marks), the last of them, the one nearest the data. With no row of
 * two cells, a label cell ("Pupils:") over a list is the header; failing all that,
 * the first row with anything in it.
 */
export function detectHeaderRow(rows: readonly Cell[][]): HeaderChoice {
  let best = { index: -1, score: 0, known: 0 };
  const limit = Math.min(rows.length, headerScan);
  for (let r = 0; r < limit; r++) {
    const row = rows[r] ?? [];
    const texts = row.map(cellText).filter((t) => t !== '');
    if (texts.length < 2) continue;
    const known = knownHeaders(row);
    const textual = row.filter((c) => typeof c === 'string' && cellText(c) !== '' && parseDecimal(c, 'en') === null).length;
    const score = known * 3 + textual;
    if (score > best.score) best = { index: r, score, known };
  }
  if (best.index >= 0) {
    let chosen = best.index;
    for (let r = best.index + 1; r <= best.index + 2 && r < limit; r++) {
      const row = rows[r] ?? [];
      const known = knownHeaders(row);
      if (known >= 2 && known >= best.known - 1 && looksLikeLabels(row)) chosen = r;
    }
    return { index: chosen, labelsChosen: chosen !== best.index };
  }
  for (let r = 0; r < limit; r++) {
    const text = (rows[r] ?? []).map(cellText).find((t) => t !== '');
    if (text !== undefined && (endsLikeLabel(text) || matchHeader(text) !== null) && !isBlank(rows[r + 1]))
      return { index: r, labelsChosen: false };
  }
  const first = rows.findIndex((row) => !isBlank(row));
  return { index: first < 0 ? 0 : first, labelsChosen: false };
}

export interface LeftOut {
  code: ImportIssueCode;
  message: string;
}

const nameFields = new Set(['fullName', 'firstName', 'lastName']);
const fieldKey = /^[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+$/;

/**
 * One row's cells folded (vocabulary's `fold`), each at most once: the checks below
 * look at the same cells again and again.
 */
class FoldedRow {
  private readonly keys: (string | undefined)[] = [];

  constructor(private readonly cells: readonly Cell[]) {}

  at(index: number): string {
    return (this.keys[index] ??= fold(cellText(this.cells[index])));
  }
}

/** A totals line says so in one of its first three cells or in a name column. */
function isTotalsRow(row: FoldedRow, columns: readonly ImportColumn[]): boolean {
  for (let i = 0; i < columns.length && i < 3; i++) if (isTotalsKey(row.at((columns[i] as ImportColumn).index))) return true;
  return columns.some((c) => c.field !== null && nameFields.has(c.field) && isTotalsKey(row.at(c.index)));
}

/** The header's cells folded, once per sheet (null where a header cell is empty), and how many are not empty. */
const foldedHeaders = new WeakMap<readonly Cell[], { keys: (string | null)[]; filled: number }>();

function headerKeys(header: readonly Cell[]): { keys: (string | null)[]; filled: number } {
  let folded = foldedHeaders.get(header);
  if (folded === undefined) {
    const keys = header.map((h) => (cellText(h) === '' ? null : fold(cellText(h))));
    folded = { keys, filled: keys.filter((key) => key !== null).length };
    foldedHeaders.set(header, folded);
  }
  return folded;
}

/**
 * A row of the template itself: required/optional marks, field keys, or the header
 * written again (all but at most one of its texts, and at least two, equal to the
 * header's cells; the comparison stops once that can no longer hold).
 */
function isTemplateRow(texts: readonly string[], row: FoldedRow, header: readonly Cell[]): boolean {
  if (texts.length < 2) return false;
  if (texts.every(isTemplateFlag)) return true;
  if (texts.every((t) => fieldKey.test(t))) return true;
  const { keys, filled } = headerKeys(header);
  const needed = Math.max(2, texts.length - 1);
  let left = filled;
  let same = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === null || key === undefined) continue;
    left--;
    if (key === row.at(i)) same++;
    else if (same + left < needed) return false;
  }
  return same >= needed;
}

/** Why a non-blank data row is not a person, or null when it may be one. */
export function leftOutReason(cells: readonly Cell[], columns: readonly ImportColumn[], header: readonly Cell[]): LeftOut | null {
  const folded = new FoldedRow(cells);
  if (isTotalsRow(folded, columns)) return { code: 'totals_row', message: 'A totals row, not a client: left out' };
  const texts = cells.map(cellText).filter((t) => t !== '');
  if (isTemplateRow(texts, folded, header)) {
    return {
      code: 'template_row',
      message: 'A row of the template (field keys, required marks or the header again), not a person: left out',
    };
  }
  if (texts.length === 1 && endsLikeLabel(texts[0] as string)) {
    return { code: 'label_row', message: `A label ("${texts[0]}"), not a person: left out` };
  }
  const example = columns.some((c) => isExampleKey(folded.at(c.index), c.field !== null && nameFields.has(c.field)));
  if (example) return { code: 'example_row', message: 'An example or instruction row of the template, not a person: left out' };
  return null;
}
