/**
 * Exports of what imports and screens may hold (issue 14): an XLSX export writes
 * text past Excel's 32,767 characters cut, with a warning naming the column,
 * instead of failing the whole table; XLSX cells are typed text and carry no
 * formula apostrophe (a phone stays +36…), while CSV keeps its guard.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { xlsxCellChars } from '../../src-main/services/exports';
import { openTestWorkspace } from './helpers';

function sheetOf(contentBase64: string): Record<string, unknown>[] {
  const book = XLSX.read(Buffer.from(contentBase64, 'base64'), { type: 'buffer' });
  return XLSX.utils.sheet_to_json(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { raw: true });
}

describe('XLSX export of long and formula-like text', () => {
  it('cuts an extra of 1,000 imported columns to 32,767 characters with a warning; CSV keeps it whole', () => {
    const ws = openTestWorkspace();
    const header = ['Név', 'Telefon', ...Array.from({ length: 998 }, (_, i) => `Mező ${i + 1}`)];
    const row = ['Kovács Anna', '+36301234567', ...Array.from({ length: 998 }, (_, i) => `érték ${i} `.repeat(8))];
    ws.call('imports.commit', {
      fileName: 'wide.csv',
      contentBase64: Buffer.from(`${header.join(';')}\r\n${row.join(';')}\r\n`).toString('base64'),
    });
    const stored = (ws.db.sqlite.prepare('SELECT length(extra) AS n FROM clients').get() as { n: number }).n;
    expect(stored).toBeGreaterThan(xlsxCellChars);

    const xlsx = ws.call('exports.table', { table: 'clients', format: 'xlsx' });
    expect(xlsx.warnings).toEqual([
      { code: 'text_truncated', sheet: 'clients', column: 'extra', cells: 1, message: expect.stringContaining('clients.extra') as string },
    ]);
    const [client] = sheetOf(xlsx.contentBase64);
    expect(String(client?.['extra'])).toHaveLength(xlsxCellChars);

    const csv = ws.call('exports.table', { table: 'clients', format: 'csv' });
    expect(csv.warnings).toEqual([]);
    expect(Buffer.from(csv.contentBase64, 'base64').toString('utf8').length).toBeGreaterThan(stored);
  });

  it('writes a phone and a formula-like name as typed text in XLSX, with the apostrophe only in CSV', () => {
    const ws = openTestWorkspace();
    ws.call('clients.create', { displayName: '=HYPERLINK("x")', phone: '+36 30 123 4567' });
    const xlsx = ws.call('exports.table', { table: 'clients', format: 'xlsx' });
    expect(xlsx.warnings).toEqual([]);
    const [client] = sheetOf(xlsx.contentBase64);
    expect(client).toMatchObject({ phone: '+36301234567', display_name: '=HYPERLINK("x")' });
    const book = XLSX.read(Buffer.from(xlsx.contentBase64, 'base64'), { type: 'buffer', cellFormula: true });
    const cells = Object.values(book.Sheets['clients'] as XLSX.WorkSheet).filter(
      (c): c is XLSX.CellObject => typeof c === 'object' && c !== null && 't' in c,
    );
    expect(cells.some((c) => c.f !== undefined)).toBe(false);
    const csv = Buffer.from(ws.call('exports.table', { table: 'clients', format: 'csv' }).contentBase64, 'base64').toString('utf8');
    expect(csv).toContain(`'+36301234567`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('a client’s own data export cuts the same way and says so', () => {
    const ws = openTestWorkspace();
    const anna = ws.call('clients.create', { displayName: 'Anna', extra: { Long: 'y'.repeat(xlsxCellChars + 10) } });
    const dump = ws.call('exports.client', { clientId: anna.id });
    // the client's row, and the change log's record of what `extra` became
    expect(dump.xlsx.warnings.map((w) => [w.sheet, w.column, w.cells])).toEqual([
      ['clients', 'extra', 1],
      ['changes', 'value', 1],
    ]);
    expect(dump.json.warnings).toEqual([]);
  });
});
