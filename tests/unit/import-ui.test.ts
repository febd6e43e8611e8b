/**
 * The Import screen's pure parts: how a picked file becomes the API's base64
 * (byte for byte, also past the slice size where a naive conversion would
 * overflow the call stack), which files are refused before sending, and how a
 * draft becomes the preview/commit input — in particular that only the
 * duplicate decisions a person changed are sent, so the commit follows the
 * same policy the preview showed for every other row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportMatch, ImportPreview } from '../../src-shared/api/imports-methods';
import { bytesToBase64, extensionOf, maxFileBytes, refusalOf } from '../../src-renderer/features/import/file';
import { commitInput, previewInput, type ImportDraft } from '../../src-renderer/features/import/store';

describe('bytesToBase64', () => {
  it('agrees with Node for any bytes, including inputs longer than one slice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a windows-1250 sheet byte for byte', () => {
    const bytes = new Uint8Array([0x4e, 0xe9, 0x76, 0x3b, 0xd5, 0x73, 0x73, 0x7a, 0x65, 0x73, 0x65, 0x6e, 0x0d, 0x0a]);
    expect([...Buffer.from(bytesToBase64(bytes), 'base64')]).toEqual([...bytes]);
  });
});

describe('refusalOf', () => {
  it('refuses what cannot be a sheet, an empty file and an oversized one', () => {
    expect(refusalOf({ name: 'photo.jpg', size: 10 })).toBe('extension');
    expect(refusalOf({ name: 'no-extension', size: 10 })).toBe('extension');
    expect(refusalOf({ name: 'üres.csv', size: 0 })).toBe('empty');
    expect(refusalOf({ name: 'huge.xlsx', size: maxFileBytes + 1 })).toBe('tooLarge');
  });

  it('lets every sheet format through, whatever the case of its extension', () => {
    for (const name of ['a.csv', 'b.TSV', 'c.txt', 'd.Xlsx', 'e.xls', 'f.xlsm', 'g.ods', '学员名单.CSV']) {
      expect(refusalOf({ name, size: 100 })).toBeNull();
    }
    expect(extensionOf('Jelentkezők 2024.XLSX')).toBe('xlsx');
  });
});

const match = (row: number, action: ImportMatch['action'], inWhere: ImportMatch['in'] = 'database'): ImportMatch => ({
  row,
  rowName: `Row ${row}`,
  clientId: `01900000-0000-7000-8000-00000000000${row}`,
  clientName: `Client ${row}`,
  by: 'email',
  in: inWhere,
  action,
});

function draftWith(change: Partial<ImportDraft> = {}): ImportDraft {
  return { file: { fileName: 'a.csv', sizeBytes: 3, contentBase64: 'YWJj' }, dateOrder: 'auto', mapping: {}, decisions: {}, ...change };
}

describe('previewInput and commitInput', () => {
  it('sends only what the person changed, with the engine defaults for the rest', () => {
    expect(previewInput(draftWith())).toEqual({
      fileName: 'a.csv',
      contentBase64: 'YWJj',
      options: { dateOrder: 'auto', duplicatePolicy: 'merge' },
    });
    expect(previewInput(draftWith({ sheet: 'Ősz', headerRow: 3, dateOrder: 'dmy', mapping: { 6: 'sourceChannel', 7: null } }))).toEqual({
      fileName: 'a.csv',
      contentBase64: 'YWJj',
      sheet: 'Ősz',
      mapping: [
        { column: 6, field: 'sourceChannel' },
        { column: 7, field: null },
      ],
      options: { dateOrder: 'dmy', duplicatePolicy: 'merge', headerRow: 3 },
    });
  });

  it('commits the same input as the preview plus the decisions that differ from the proposal', () => {
    const preview = { matches: [match(4, 'merge'), match(5, 'create'), match(9, 'merge', 'file')] } as ImportPreview;
    const draft = draftWith({ decisions: { 4: 'merge', 5: 'skip', 9: 'create' } });
    const input = commitInput(draft, preview);
    expect(input).toMatchObject(previewInput(draft));
    expect(input.decisions).toEqual([
      { row: 5, action: 'skip', clientId: match(5, 'create').clientId },
      { row: 9, action: 'create' },
    ]);
    expect(commitInput(draftWith(), preview).decisions).toBeUndefined();
  });
});
