/**
 * Paste validation: pasted rows become API inputs through the very schema the API
 * uses, header rows are recognised, problems land on their row and column, and
 * the API's bulk errors map back to the same places. Also the text parsing of
 * numbers, money and dates typed into cells, and the remembered column layout.
 */
import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/api/contract';
import { sanitizeLayout, moveColumn, loadLayout, saveLayout } from '../../src-renderer/grid/model/layout';
import { bulkErrorsToRows, columnOfField, planPaste, type PasteColumn } from '../../src-renderer/grid/model/paste';
import { parseTsv } from '../../src-renderer/grid/model/tsv';
import { minorToEditText, parseDateText, parseMoneyText, parseNumberText } from '../../src-renderer/grid/model/values';

const columns: PasteColumn[] = [
  { id: 'name', header: 'Name', field: 'displayName' },
  { id: 'phone', header: 'Phone' },
  { id: 'email', header: 'E-mail' },
  {
    id: 'tags',
    header: 'Tags',
    parse: (t) =>
      t
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
  },
];
const schema = contract['clients.create'].input;

describe('grid paste', () => {
  it('maps cells to the columns from the cursor and validates each row with the API schema', () => {
    const plan = planPaste(
      parseTsv('Anna\t+36 30 123 4567\tANNA@example.com\tevening, adult\r\nBence\t\tnot-an-email\t\r\n'),
      columns,
      schema,
    );
    expect(plan.headerSkipped).toBe(false);
    expect(plan.valid).toBe(1);
    expect(plan.invalid).toBe(1);
    expect(plan.rows[0]?.input).toMatchObject({
      displayName: 'Anna',
      phone: '+36 30 123 4567',
      email: 'anna@example.com',
      tags: ['evening', 'adult'],
    });
    expect(plan.rows[1]).toMatchObject({ input: null, problems: [{ columnId: 'email', code: 'invalid_format' }] });
    expect(plan.rows[1]?.cells).toEqual({ name: 'Bence', phone: '', email: 'not-an-email', tags: '' });
  });

  it('recognises a header row and maps by header names in any order, ignoring unknown columns', () => {
    const plan = planPaste(parseTsv('E-mail\tShoe size\tname\nolga@example.com\t38\tPapp Olga\n'), columns, schema);
    expect(plan.headerSkipped).toBe(true);
    expect(plan.columns.map((c) => c.id)).toEqual(['email', 'name']);
    expect(plan.rows).toHaveLength(1);
    expect(plan.rows[0]?.input).toMatchObject({ displayName: 'Papp Olga', email: 'olga@example.com' });
  });

  it('adds fixed fields and reports a row the schema refuses as a whole', () => {
    const plan = planPaste([['', '', 'x@example.com']], columns, schema, (v) => ({ ...v, tags: 'not a list' }));
    expect(plan.rows[0]?.input).toBeNull();
    expect(plan.rows[0]?.problems).toEqual([expect.objectContaining({ columnId: null, code: 'invalid_type' })]);
  });

  it('maps the API bulk errors and single-record errors back to rows and columns', () => {
    const byRow = bulkErrorsToRows(
      [
        { path: ['rows', 2, 'phone'], code: 'invalid_phone', message: 'x' },
        { path: ['rows', 2, 'email'], code: 'invalid_format', message: 'y' },
        { path: ['rows', 0], code: 'not_found', message: 'z' },
        { path: ['other'], code: 'x', message: 'w' },
      ],
      columns,
    );
    expect(byRow.get(2)?.map((p) => p.columnId)).toEqual(['phone', 'email']);
    expect(byRow.get(0)).toEqual([{ columnId: null, code: 'not_found', message: 'z' }]);
    expect(byRow.size).toBe(2);
    expect(columnOfField([{ path: ['displayName'], code: 'required', message: '' }], columns)?.columnId).toBe('name');
    expect(columnOfField([], columns)).toBeNull();
  });
});

describe('cell text to API values', () => {
  it('reads numbers in the ways locales write them', () => {
    expect(parseNumberText('12 000')).toBe(12000);
    expect(parseNumberText('12\u00a0000,50')).toBe(12000.5);
    expect(parseNumberText('12,000.50')).toBe(12000.5);
    expect(parseNumberText('1.234.567')).toBe(1234567);
    expect(parseNumberText('12,5')).toBe(12.5);
    expect(parseNumberText('')).toBeNull();
    expect(parseNumberText('abc')).toBeNaN();
  });

  it('turns money into minor units and back, passing unreadable text on for the API to refuse', () => {
    expect(parseMoneyText('120 000', 2)).toBe(12_000_000);
    expect(parseMoneyText('19,99', 2)).toBe(1999);
    expect(parseMoneyText('5000', 0)).toBe(5000);
    expect(parseMoneyText('ten', 2)).toBe('ten');
    expect(minorToEditText(1999, 2)).toBe('19.99');
    expect(minorToEditText(12_000_000, 2)).toBe('120000');
    expect(minorToEditText(null, 2)).toBe('');
  });

  it('reads dates in ISO, Hungarian and day-first forms', () => {
    expect(parseDateText('2026-9-1')).toBe('2026-09-01');
    expect(parseDateText('2026. 09. 01.')).toBe('2026-09-01');
    expect(parseDateText('01/09/2026')).toBe('2026-09-01');
    expect(parseDateText('soon')).toBe('soon');
    expect(parseDateText(' ')).toBeNull();
  });
});

describe('remembered column layout', () => {
  const ids = ['name', 'phone', 'email', 'balance'];
  it('keeps known columns, appends new ones and never hides them all', () => {
    expect(
      sanitizeLayout({ order: ['email', 'gone', 'name'], hidden: ['phone', 'gone'], sizes: { name: 5000, gone: 10, email: 'x' } }, ids),
    ).toEqual({
      order: ['email', 'name', 'phone', 'balance'],
      hidden: ['phone'],
      sizes: { name: 800 },
    });
    expect(sanitizeLayout({ hidden: ids }, ids).hidden).toEqual([]);
    expect(sanitizeLayout('garbage', ids, ['balance'])).toEqual({ order: ids, hidden: ['balance'], sizes: {} });
  });

  it('moves a column before another and survives a storage round trip', () => {
    expect(moveColumn(ids, 'balance', 'phone')).toEqual(['name', 'balance', 'phone', 'email']);
    expect(moveColumn(ids, 'name', null)).toEqual(['phone', 'email', 'balance', 'name']);
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveLayout(storage, 'clients', { order: ['email', 'name', 'phone', 'balance'], hidden: ['phone'], sizes: { email: 300 } });
    expect(loadLayout(storage, 'clients', ids)).toEqual({
      order: ['email', 'name', 'phone', 'balance'],
      hidden: ['phone'],
      sizes: { email: 300 },
    });
    expect(loadLayout(storage, 'payments', ids)).toEqual({ order: ids, hidden: [], sizes: {} });
  });
});
