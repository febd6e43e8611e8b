/**
 * The CSV writer for Excel: BOM first, the locale's separator, quoting, CRLF,
 * and formula-looking cells kept as text.
 */
import { describe, expect, it } from 'vitest';
import { BOM, csvSeparatorFor, toCsv } from '../../src-renderer/grid/model/csv';

describe('grid CSV', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const csv = toCsv(
      [
        ['Név', 'Összeg'],
        ['Kovács Anna', '12 000'],
      ],
      ';',
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}Név;Összeg\r\nKovács Anna;12 000\r\n`);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('uses ; where decimals are written with a comma, , elsewhere', () => {
    expect(csvSeparatorFor('hu-HU')).toBe(';');
    expect(csvSeparatorFor('de-DE')).toBe(';');
    expect(csvSeparatorFor('en-GB')).toBe(',');
    expect(csvSeparatorFor('zh-CN')).toBe(',');
  });

  it('quotes separators, quotes and line breaks, and defuses formulas', () => {
    expect(toCsv([['a,b', 'say "x"', 'two\nlines']], ',')).toBe(`${BOM}"a,b","say ""x""","two\nlines"\r\n`);
    expect(toCsv([['a,b']], ';')).toBe(`${BOM}a,b\r\n`);
    expect(toCsv([['=HYPERLINK("x")', '@SUM(A1)', '+36 30', '-12', '-12,5']], ';')).toBe(
      `${BOM}"'=HYPERLINK(""x"")";'@SUM(A1);'+36 30;-12;-12,5\r\n`,
    );
  });
});
