/**
 * Every path that writes meets the rules a person meets by hand: the price rule
 * (`prices.write`, which the owner's "assistant may change prices" toggle takes
 * away) and the delete rule (`records.delete`, and `payments.void` for money). One
 * place decides (src-main/services/rights.ts over changes/write-rules.ts); here
 * each path is tried as the assistant — import, undo, paste (the clients grid's
 * bulk upsert) and the cells of the enrollments grid — and a refused call must
 * leave the database exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { requireWriteRights } from '../../src-main/services/rights';
import { databaseDump, openTestWorkspace, type TestWorkspace } from './helpers';

function school(): { ws: TestWorkspace; assistant: Actor; programId: string; cohortId: string } {
  const ws = openTestWorkspace();
  const program = ws.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 100_000 });
  const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Hétfő esti', startOn: '2026-04-01' });
  const user = ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant', password: 'jelszo1234' });
  return { ws, assistant: { userId: user.id, username: 'asszisztens', role: 'assistant' }, programId: program.id, cohortId: cohort.id };
}

const csv = (text: string) => Buffer.from(text).toString('base64');

describe('import', () => {
  it('keeps a sheet’s price and instalments as extra, with a warning, when the role may not set prices; sets them when it may', () => {
    const { ws, assistant } = school();
    const file = csv('Név;Tanfolyam;Csoport;Tandíj;Részletek\nKiss Anna;Angol A1;Hétfő esti;90 000;3\n');
    ws.call('settings.update', { assistantCanEditPrices: false });
    const preview = ws.call('imports.preview', { fileName: 'a.csv', contentBase64: file }, assistant);
    expect(preview.rows[0]?.partial).toBe(true);
    const refused = ws.call('imports.commit', { fileName: 'a.csv', contentBase64: file }, assistant);
    expect(refused.errors.map((e) => [e.code, e.severity])).toEqual([
      ['price_not_allowed', 'partial'],
      ['price_not_allowed', 'partial'],
    ]);
    const enrollment = ws.db.sqlite.prepare('SELECT agreed_price_minor AS price FROM enrollments').get() as { price: number };
    expect(enrollment.price).toBe(100_000);
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM instalments').pluck().get()).toBe(0);
    const extra = ws.db.sqlite.prepare("SELECT extra FROM clients WHERE display_name LIKE '%Anna%'").pluck().get() as string;
    expect(JSON.parse(extra)).toEqual({ Price: '9000000' });

    ws.call('settings.update', { assistantCanEditPrices: true });
    const other = csv('Név;Tanfolyam;Csoport;Tandíj;Részletek\nNagy Béla;Angol A1;Hétfő esti;90 000;3\n');
    const allowed = ws.call('imports.commit', { fileName: 'b.csv', contentBase64: other }, assistant);
    expect(allowed.errors).toEqual([]);
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM instalments').pluck().get()).toBe(3);
  });

  it('never deletes for the assistant: undoing an import (a soft delete of what it made) is the owner’s', () => {
    const { ws, assistant } = school();
    const batch = ws.call('imports.commit', { fileName: 'a.csv', contentBase64: csv('Név\nKiss Anna\n') }, assistant);
    const before = databaseDump(ws);
    expect(ws.fail('imports.undo', { batchId: batch.batchId }, assistant)).toMatchObject({ code: 'FORBIDDEN' });
    expect(databaseDump(ws)).toEqual(before);
    expect(ws.call('imports.undo', { batchId: batch.batchId }).batchId).toBe(batch.batchId);
  });
});

describe('undo', () => {
  it('refuses the assistant’s undo of their own new client (a soft delete) and writes nothing; the owner’s own undo deletes', () => {
    const { ws, assistant } = school();
    const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss' }, assistant);
    const before = databaseDump(ws);
    expect(ws.fail('history.undo', {}, assistant)).toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ path: ['tx'], code: 'records.delete' }],
    });
    expect(databaseDump(ws)).toEqual(before);
    expect(ws.call('clients.get', { id: client.id }).deletedAt).toBeNull();

    const own = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy' });
    ws.call('history.undo', {});
    expect(ws.db.sqlite.prepare('SELECT deleted_at FROM clients WHERE id = ?').pluck().get(own.id)).not.toBeNull();
  });

  it('refuses the assistant’s undo of their own payment (a void) and writes nothing', () => {
    const { ws, assistant } = school();
    const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss' });
    const payment = ws.call('payments.create', { clientId: client.id, amountMinor: 5_000 }, assistant);
    const before = databaseDump(ws);
    expect(ws.fail('history.undo', {}, assistant)).toMatchObject({
      code: 'FORBIDDEN',
      fields: expect.arrayContaining([{ path: ['tx', 'voidedAt'], code: 'payments.void', message: 'forbidden' }]),
    });
    expect(databaseDump(ws)).toEqual(before);
    expect(ws.db.sqlite.prepare('SELECT voided_at FROM payments WHERE id = ?').pluck().get(payment.id)).toBeNull();
  });

  it('puts a price back only for a role that may set prices now, and undoes an ordinary edit for anyone', () => {
    const { ws, assistant, cohortId } = school();
    const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kiss' });
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId });
    ws.call('enrollments.update', { id: enrollment.id, agreedPriceMinor: 80_000 }, assistant);
    ws.call('settings.update', { assistantCanEditPrices: false });
    const before = databaseDump(ws);
    expect(ws.fail('history.undo', {}, assistant)).toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ path: ['tx', 'agreedPriceMinor'], code: 'prices.write' }],
    });
    expect(databaseDump(ws)).toEqual(before);
    ws.call('settings.update', { assistantCanEditPrices: true });
    ws.call('history.undo', {}, assistant);
    expect(ws.call('enrollments.get', { id: enrollment.id }).agreedPriceMinor).toBe(100_000);

    ws.call('clients.update', { id: client.id, notes: 'hív vissza' }, assistant);
    ws.call('history.undo', {}, assistant);
    expect(ws.call('clients.get', { id: client.id }).notes).toBeNull();
  });
});

describe('paste and bulk upsert', () => {
  it('lets the assistant paste clients, and neither deletes nor brings back a deleted client through a pasted row', () => {
    const { ws, assistant } = school();
    const gone = ws.call('clients.create', { firstName: 'Régi', lastName: 'Ügyfél' });
    ws.call('clients.delete', { id: gone.id });
    const pasted = ws.call('clients.bulkUpsert', { rows: [{ firstName: 'Anna', lastName: 'Kiss' }, { firstName: 'Béla' }] }, assistant);
    expect(pasted).toMatchObject({ created: 2, updated: 0 });
    const before = databaseDump(ws);
    const refused = ws.fail('clients.bulkUpsert', { rows: [{ firstName: 'Cili' }, { id: gone.id, firstName: 'Régi' }] }, assistant);
    expect(refused.fields?.[0]?.path.slice(0, 2)).toEqual(['rows', 1]);
    expect(databaseDump(ws)).toEqual(before);
    expect(ws.db.sqlite.prepare('SELECT deleted_at FROM clients WHERE id = ?').pluck().get(gone.id)).not.toBeNull();
  });

  it('judges composed writes by the same rule: a delete or a void needs the capability, whatever path composed it', () => {
    const { ws, assistant } = school();
    const client = ws.call('clients.create', { firstName: 'Anna' });
    const ctx = { db: ws.db, actor: assistant };
    const rowsPath = (index: number) => ['rows', index];
    expect(() =>
      requireWriteRights(ctx, [{ op: 'update', table: 'clients', id: client.id, values: { notes: 'x' } }], rowsPath),
    ).not.toThrow();
    expect(() => requireWriteRights(ctx, [{ op: 'delete', table: 'clients', id: client.id }], rowsPath)).toThrow(/may not delete records/);
    expect(() =>
      requireWriteRights(ctx, [{ op: 'update', table: 'payments', id: 'p', values: { voidedAt: '2026-03-10T09:00:00Z' } }], rowsPath),
    ).toThrow(/may not void payments/);
    ws.call('settings.update', { assistantCanEditPrices: false });
    expect(() =>
      requireWriteRights(ctx, [{ op: 'update', table: 'enrollments', id: 'e', values: { agreedPriceMinor: 1 } }], rowsPath),
    ).toThrow(/may not set prices/);
    expect(() =>
      requireWriteRights({ db: ws.db, actor: ws.owner }, [{ op: 'delete', table: 'clients', id: client.id }], rowsPath),
    ).not.toThrow();
  });

  it('refuses a price typed or pasted into the enrollments grid when the role may not set prices, writing nothing', () => {
    const { ws, assistant, cohortId } = school();
    const client = ws.call('clients.create', { firstName: 'Anna' });
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId });
    ws.call('settings.update', { assistantCanEditPrices: false });
    const before = databaseDump(ws);
    expect(ws.fail('enrollments.update', { id: enrollment.id, agreedPriceMinor: 1 }, assistant)).toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ path: ['agreedPriceMinor'], code: 'prices.write' }],
    });
    expect(databaseDump(ws)).toEqual(before);
    expect(ws.fail('enrollments.delete', { id: enrollment.id }, assistant)).toMatchObject({ code: 'FORBIDDEN' });
    expect(databaseDump(ws)).toEqual(before);
  });
});
