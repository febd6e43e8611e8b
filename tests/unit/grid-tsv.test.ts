/**
 * TSV both ways, as spreadsheets put cells on the clipboard: quoting of tabs,
 * line breaks and quotes, Windows line ends, trailing empty rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../src-renderer/grid/model/tsv';

describe('grid TSV', () => {
  it('writes cells separated by tabs and rows by CRLF, quoting what needs it', () => {
    expect(
      toTsv([
        ['Anna', '+36 30'],
        ['Bence', 'line one\nline two'],
      ]),
    ).toBe('Anna\t+36 30\r\nBence\t"line one\nline two"');
    expect(toTsv([['say "hi"', 'a\tb']])).toBe('"say ""hi"""\t"a\tb"');
  });

  it('reads what Excel puts on the clipboard', () => {
    expect(parseTsv('Name\tPhone\r\nAnna\t06 30\r\nBence\t\r\n')).toEqual([
      ['Name', 'Phone'],
      ['Anna', '06 30'],
      ['Bence', ''],
    ]);
    expect(parseTsv('Anna\t"multi\nline ""note"""\tx\n')).toEqual([['Anna', 'multi\nline "note"', 'x']]);
    expect(parseTsv('a\tb\n\n\t\n')).toEqual([['a', 'b']]);
    expect(parseTsv('"not closed\tx')).toEqual([['"not closed', 'x']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('round-trips any block of cells', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\t', '\n', '"', '1', '中') });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(cellText, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (width, rows) => {
          const block = rows.map((r) => r.slice(0, width));
          // A block whose last row is all blank loses that row, as in a spreadsheet paste.
          fc.pre(!(block[block.length - 1] as string[]).every((c) => c.trim() === ''));
          expect(parseTsv(toTsv(block))).toEqual(block);
        },
      ),
    );
  });
});
