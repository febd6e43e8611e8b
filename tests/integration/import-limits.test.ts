/**
 * The importer within its limits (issue 14): a zip bomb, a lying zip, a sheet of
 * billions of repeated cells and a CSV 10,000 columns wide are refused with a
 * stable code and nothing written; a megabyte cell is left out with an error on
 * its row and column while the rest of the row is imported; a workbook is read
 * only as far as the sheet chosen. Every hostile file is generated here
 * (./hostile-files.ts). How long these take lives in `npm run bench`; how much
 * memory they take is import-memory.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/api/contract';
import { importLimits } from '../../src-shared/api/imports-methods';
import { databaseDump, openTestWorkspace, type TestWorkspace } from './helpers';
import { honestBombWorkbook, longCellCsv, lyingBombWorkbook, odsRepeatBomb, wideCsv, workbookParts, zipOf, pupils } from './hostile-files';

function refusal(ws: TestWorkspace, fileName: string, bytes: Buffer, extra: Record<string, unknown> = {}) {
  const before = databaseDump(ws);
  const codes: string[] = [];
  for (const method of ['imports.preview', 'imports.commit'] as const) {
    const error = ws.fail(method, { fileName, contentBase64: bytes.toString('base64'), ...extra });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[0]?.path).toEqual(['file']);
    codes.push(error.fields?.[0]?.code ?? '');
  }
  expect(databaseDump(ws)).toEqual(before);
  return { codes, message: ws.fail('imports.preview', { fileName, contentBase64: bytes.toString('base64'), ...extra }).message };
}

describe('hostile workbooks are refused before they are inflated', () => {
  it('a 1 GB part declared honestly in the zip directory: file_expands, nothing written', () => {
    const ws = openTestWorkspace();
    const file = honestBombWorkbook();
    expect(file.length).toBeLessThan(3 * 1024 * 1024);
    const { codes, message } = refusal(ws, 'bomb.xlsx', file);
    expect(codes).toEqual(['file_expands', 'file_expands']);
    expect(message).toMatch(/expands \d{3,}-fold to 1024 MB/);
  });

  it('a sheet that declares 4 KB and inflates to a gigabyte stops at 4 KB: file_expands', () => {
    const ws = openTestWorkspace();
    const { codes, message } = refusal(ws, 'liar.xlsx', lyingBombWorkbook());
    expect(codes).toEqual(['file_expands', 'file_expands']);
    expect(message).toMatch(/expands past the 0\.0 MB it declares/);
  });

  it('an ODS whose one cell repeats over a million rows and 16,384 columns: file_expands', () => {
    const ws = openTestWorkspace();
    const { codes, message } = refusal(ws, 'repeats.ods', odsRepeatBomb());
    expect(codes).toEqual(['file_expands', 'file_expands']);
    expect(message).toMatch(/more than the 1,500,000/);
  });

  it('a workbook is read only as far as the sheet chosen: a bomb in the second sheet stops only a read of that sheet', () => {
    const ws = openTestWorkspace();
    const file = lyingBombWorkbook({ second: true });
    const preview = ws.call('imports.preview', { fileName: 'two.xlsx', contentBase64: file.toString('base64') });
    expect(preview.sheets).toEqual(['Pupils', 'Archive']);
    expect(preview.sheet).toBe('Pupils');
    expect(preview.totalRows).toBe(2);
    const result = ws.call('imports.commit', { fileName: 'two.xlsx', contentBase64: file.toString('base64'), sheet: 'Pupils' });
    expect(result.records.clients).toBe(2);
    expect(refusal(ws, 'two.xlsx', file, { sheet: 'Archive' }).codes).toEqual(['file_expands', 'file_expands']);
  });

  it('a zip that is no spreadsheet, and one whose directory points past its end, are refused as such', () => {
    const ws = openTestWorkspace();
    const notSheet = zipOf(workbookParts({ Pupils: pupils }).filter((p) => p.name !== '[Content_Types].xml'));
    expect(refusal(ws, 'archive.xlsx', notSheet).codes).toEqual(['file_format', 'file_format']);
    const broken = Buffer.from(zipOf(workbookParts({ Pupils: pupils })));
    broken.writeUInt32LE(broken.length + 1000, broken.length - 6);
    expect(refusal(ws, 'broken.xlsx', broken).codes).toEqual(['file_corrupt', 'file_corrupt']);
  });
});

describe('columns and cells within what the API takes', () => {
  it('a CSV of 10,000 columns is refused (too_many_columns), nothing written', () => {
    const ws = openTestWorkspace();
    const { codes, message } = refusal(ws, 'wide.csv', wideCsv(10_000));
    expect(codes).toEqual(['too_many_columns', 'too_many_columns']);
    expect(message).toContain('10,000 columns; at most 1,000');
  });

  it('a sheet of exactly the column limit imports, and every column is kept', () => {
    const ws = openTestWorkspace();
    const result = ws.call('imports.commit', { fileName: 'wide.csv', contentBase64: wideCsv(importLimits.columns, 1).toString('base64') });
    expect(result.records.clients).toBe(1);
    const extra = ws.db.sqlite.prepare('SELECT extra FROM clients WHERE import_batch_id = ?').get(result.batchId) as { extra: string };
    expect(Object.keys(JSON.parse(extra.extra) as object)).toHaveLength(importLimits.columns - 2);
  });

  it('a 5 MB cell is left out with an error on its row and column; the row and the rest of the file are imported', () => {
    const ws = openTestWorkspace();
    const file = longCellCsv().toString('base64');
    const preview = ws.call('imports.preview', { fileName: 'long.csv', contentBase64: file });
    const long = preview.issues.filter((i) => i.code === 'cell_too_long');
    expect(long.map((i) => [i.row, i.header, i.severity])).toEqual([
      [3, 'Notes', 'partial'],
      [3, 'Remark', 'partial'],
    ]);
    expect(preview.rows.find((r) => r.row === 3)?.partial).toBe(true);
    const result = ws.call('imports.commit', { fileName: 'long.csv', contentBase64: file });
    expect(result.records.clients).toBe(2);
    expect(result.errors.filter((e) => e.code === 'cell_too_long')).toHaveLength(2);
    const longest = ws.db.sqlite
      .prepare("SELECT max(length(coalesce(notes, '')) + length(coalesce(extra, ''))) AS n FROM clients WHERE import_batch_id = ?")
      .get(result.batchId) as { n: number };
    expect(longest.n).toBeLessThan(1000);
  });

  it('the cell limit is what the API lets a client’s notes hold', () => {
    const notes = contract['clients.create'].input.shape.notes;
    expect(notes.safeParse('x'.repeat(importLimits.cellChars)).success).toBe(true);
    expect(notes.safeParse('x'.repeat(importLimits.cellChars + 1)).success).toBe(false);
  });

  it('a mapping may not name a column past the limit', () => {
    const ws = openTestWorkspace();
    const error = ws.fail('imports.preview', {
      fileName: 'a.csv',
      contentBase64: wideCsv(3, 1).toString('base64'),
      mapping: [{ column: importLimits.columns, field: 'notes' }],
    });
    expect(error.code).toBe('VALIDATION');
  });
});
