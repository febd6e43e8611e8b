/**
 * Client search entries made in one statement after a batch of new clients
 * (db/search.ts `deferringClientSearch`, used by the import and the demo seed)
 * instead of by the insert trigger: the index ends up exactly as the triggers
 * would have left it — also for clients changed or deleted in the same
 * transaction — the bookkeeping never outlives the transaction, and every
 * other path keeps indexing through the triggers.
 */
import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import { applyChanges, newId } from '../../src-main/changes/funnel';
import { mergeEntries, type RemoteEntry } from '../../src-main/changes/merge';
import { clientSearchDrift, deferringClientSearch } from '../../src-main/db/search';
import { openTestWorkspace, type TestWorkspace } from './helpers';

const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The display names of the clients the index finds for an FTS query, in name order. */
function found(ws: TestWorkspace, match: string): string[] {
  return ws.db.sqlite
    .prepare(
      'SELECT c.display_name FROM clients_fts f JOIN clients c ON c.rowid = f.rowid WHERE clients_fts MATCH ? ORDER BY c.display_name',
    )
    .pluck()
    .all(match) as string[];
}

const pending = (ws: TestWorkspace) => ws.db.sqlite.prepare('SELECT count(*) FROM client_search_pending').pluck().get() as number;

describe('deferred client search', () => {
  it('an import’s clients are found by search, and a client made afterwards is indexed by its trigger', () => {
    const ws = openTestWorkspace();
    const sheet = [
      'Név;Telefon;E-mail;Tanfolyam;Tandíj;Befizetve',
      'Kovács Anna;+36 30 123 4567;anna@example.hu;Angol A1;120 000;40 000',
      'Tóth Béla;+36 20 765 4321;bela@example.hu;Rajz;90 000;',
    ];
    const result = ws.call('imports.commit', { fileName: 'a.csv', contentBase64: csv(sheet.join('\r\n')) } as never) as {
      created: number;
    };
    expect(result.created).toBe(2);
    expect(ws.call('clients.list', { query: 'kovacs' }).rows.map((r) => r.displayName)).toEqual(['Kovács Anna']);
    expect(found(ws, '"3620"*')).toEqual(['Tóth Béla']);
    expect(found(ws, 'email : "bela"*')).toEqual(['Tóth Béla']);
    expect(pending(ws)).toBe(0);
    expect(clientSearchDrift(ws.db.sqlite)).toBe(0);
    // The rows written through the funnel's insert path replay from the log exactly.
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(1);
    expect(logDrift(ws.db.sqlite)).toEqual([]);

    ws.call('clients.create', { firstName: 'Cecília', lastName: 'Nagy' });
    expect(found(ws, '"cecilia"*')).toEqual(['Nagy Cecília']);
    expect(clientSearchDrift(ws.db.sqlite)).toBe(0);
  });

  it('indexes new clients as they are when the batch ends: renamed, deleted and nested batches included', () => {
    const ws = openTestWorkspace();
    const [kept, renamed, deleted] = [newId(ws.ctx), newId(ws.ctx), newId(ws.ctx)];
    deferringClientSearch(ws.db.sqlite, () => {
      applyChanges(ws.ctx, [
        { op: 'insert', table: 'clients', id: kept, values: { displayName: 'Kiss Ilona', firstName: 'Ilona', lastName: 'Kiss' } },
        { op: 'insert', table: 'clients', id: renamed, values: { displayName: 'Szabó Ede', firstName: 'Ede', lastName: 'Szabó' } },
        { op: 'insert', table: 'clients', id: deleted, values: { displayName: 'Farkas Ottó', firstName: 'Ottó', lastName: 'Farkas' } },
      ]);
      // Nested: the outer batch indexes what the inner one inserts.
      deferringClientSearch(ws.db.sqlite, () =>
        applyChanges(ws.ctx, [
          { op: 'insert', table: 'clients', values: { displayName: 'Varga Zsófia', firstName: 'Zsófia', lastName: 'Varga' } },
        ]),
      );
      expect(found(ws, '"kiss"*')).toEqual([]);
      applyChanges(ws.ctx, [
        { op: 'update', table: 'clients', id: renamed, values: { displayName: 'Molnár Ede', lastName: 'Molnár' } },
        { op: 'delete', table: 'clients', id: deleted },
      ]);
    });
    expect(found(ws, '"kiss"*')).toEqual(['Kiss Ilona']);
    expect(found(ws, '"szabo"*')).toEqual([]);
    expect(found(ws, '"molnar"*')).toEqual(['Molnár Ede']);
    expect(found(ws, '"farkas"*')).toEqual([]);
    expect(found(ws, '"zsofia"*')).toEqual(['Varga Zsófia']);
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM clients_fts').pluck().get()).toBe(3);
    expect(pending(ws)).toBe(0);
    expect(logDrift(ws.db.sqlite)).toEqual([]);
    expect(clientSearchDrift(ws.db.sqlite)).toBe(0);
  });

  it('a batch that fails leaves neither clients, entries nor bookkeeping behind', () => {
    const ws = openTestWorkspace();
    expect(() =>
      deferringClientSearch(ws.db.sqlite, () => {
        applyChanges(ws.ctx, [{ op: 'insert', table: 'clients', values: { displayName: 'Balogh Réka', firstName: 'Réka' } }]);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM clients').pluck().get()).toBe(0);
    expect(found(ws, '"balogh"*')).toEqual([]);
    expect(pending(ws)).toBe(0);
    ws.call('clients.create', { firstName: 'Réka', lastName: 'Balogh' });
    expect(found(ws, '"balogh"*')).toEqual(['Balogh Réka']);
  });

  it('clients another device wrote arrive in the index through a sync merge, a rename among them included', () => {
    const from = openTestWorkspace();
    const anna = from.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '+36301234567' }).id;
    from.call('clients.create', { firstName: 'Béla', lastName: 'Tóth', email: 'bela@example.hu' });
    from.call('clients.update', { id: anna, lastName: 'Kiss' });
    const entries = from.db.sqlite
      .prepare(
        'SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM changes ORDER BY seq',
      )
      .all() as RemoteEntry[];
    const to = openTestWorkspace();
    mergeEntries(to.db.sqlite, to.db.deviceId, Date.parse('2026-03-10T12:00:00Z'), entries);
    expect(found(to, '"kiss"*')).toEqual(['Kiss Anna']);
    expect(found(to, '"kovacs"*')).toEqual([]);
    expect(found(to, 'email : "bela"*')).toEqual(['Tóth Béla']);
    expect(pending(to)).toBe(0);
    expect(clientSearchDrift(to.db.sqlite)).toBe(0);
    // Béla came as one write and is logged by reference; Anna's two writes keep their values. The log reads back the same.
    const clientEntries = (db: TestWorkspace) =>
      (
        db.db.sqlite
          .prepare(
            `SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value
               FROM changes WHERE table_name = 'clients'`,
          )
          .all() as RemoteEntry[]
      )
        .map((e) => JSON.stringify(e))
        .sort();
    expect(clientEntries(to)).toEqual(clientEntries(from));
    expect(to.db.sqlite.prepare(`SELECT count(*) FROM change_log WHERE table_name = 'clients' AND "values" IS NULL`).pluck().get()).toBe(1);
    expect(logDrift(to.db.sqlite)).toEqual([]);
  });
});
