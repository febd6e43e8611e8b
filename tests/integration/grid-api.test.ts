/**
 * The API behind the grids on a real SQLite file: clients.list filters, the
 * one-change bulk upsert (all rows or none, problems named by row), payments.page
 * with names, filters and a money total only for finance roles, and saved views
 * that belong to the person who saved them.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { openTestWorkspace } from './helpers';

const assistant = (userId: string): Actor => ({ userId, username: 'anna', role: 'assistant' });

function school() {
  const ws = openTestWorkspace();
  const program = ws.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 30_000_00 });
  const cohort = ws.call('cohorts.create', { programId: program.id, name: 'Tavasz', startOn: '2026-02-01' });
  const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', tags: ['esti'] });
  const bence = ws.call('clients.create', { firstName: 'Bence', lastName: 'Szabó' });
  const csilla = ws.call('clients.create', { firstName: 'Csilla', lastName: 'Nagy', tags: ['esti', 'felnőtt'] });
  const annaEnrollment = ws.call('enrollments.create', { clientId: anna.id, cohortId: cohort.id, status: 'confirmed' });
  ws.call('instalments.plan', { enrollmentId: annaEnrollment.id, count: 3, firstDueOn: '2026-02-01' });
  ws.call('enrollments.create', { clientId: bence.id, cohortId: cohort.id, status: 'thinking' });
  const paid = ws.call('payments.create', {
    clientId: anna.id,
    enrollmentId: annaEnrollment.id,
    amountMinor: 5_000_00,
    paidOn: '2026-02-02',
    method: 'card',
    reference: 'INV-7',
  });
  return { ws, anna, bence, csilla, annaEnrollment, paid };
}

describe('clients.list filters', () => {
  it('filters by enrollment status, tag, balance and overdue, with statuses on each row', () => {
    const { ws, anna, bence } = school();
    expect(ws.call('clients.list', { status: ['thinking'] }).rows.map((r) => r.id)).toEqual([bence.id]);
    const both = ws.call('clients.list', { status: ['thinking', 'confirmed'] });
    expect(both.total).toBe(2);
    expect(both.rows.find((r) => r.id === anna.id)?.enrollmentStatuses).toEqual(['confirmed']);
    expect(ws.call('clients.list', { tag: 'felnőtt' }).rows.map((r) => r.displayName)).toEqual(['Nagy Csilla']);
    const owing = ws.call('clients.list', { balanceMin: 1 });
    expect(owing).toMatchObject({ total: 1, rows: [{ id: anna.id, balanceMinor: 25_000_00 }] });
    expect(ws.call('clients.list', { overdueOnly: true }).rows.map((r) => r.id)).toEqual([anna.id]);
    expect(ws.call('clients.list', { balanceMax: 0 }).total).toBe(2);
    expect(ws.call('clients.list', { createdFrom: '2026-03-10', createdTo: '2026-03-10' }).total).toBe(3);
    expect(ws.call('clients.list', { createdTo: '2026-03-09' }).total).toBe(0);
  });

  it('refuses balance filters to a role that may not see money', () => {
    const { ws } = school();
    const teacher: Actor = { userId: null, username: 't', role: 'teacher' };
    expect(ws.fail('clients.list', { balanceMin: 1 }, teacher).code).toBe('FORBIDDEN');
    expect(ws.call('clients.list', { status: ['thinking'] }, teacher).total).toBe(1);
  });
});

describe('clients.bulkUpsert', () => {
  it('creates and edits many clients in one funnel transaction', () => {
    const { ws, bence } = school();
    const txBefore = (ws.db.sqlite.prepare('SELECT count(DISTINCT tx) AS n FROM changes').get() as { n: number }).n;
    const result = ws.call('clients.bulkUpsert', {
      rows: [
        { displayName: 'Papp Olga', phone: '06 30 555 1234' },
        { firstName: 'Péter', lastName: 'Lakatos', email: 'peter@example.com' },
        { id: bence.id, email: 'bence@example.com' },
      ],
    });
    expect(result).toMatchObject({ created: 2, updated: 1 });
    expect(ws.call('clients.get', { id: result.ids[0] as string }).phone).toBe('+36305551234');
    expect(ws.call('clients.get', { id: bence.id })).toMatchObject({ email: 'bence@example.com', displayName: 'Szabó Bence' });
    const txAfter = (ws.db.sqlite.prepare('SELECT count(DISTINCT tx) AS n FROM changes').get() as { n: number }).n;
    expect(txAfter - txBefore).toBe(1);
  });

  it('writes nothing when one row is refused and names the row and field', () => {
    const { ws } = school();
    const changes = () => (ws.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
    const before = changes();
    const error = ws.fail('clients.bulkUpsert', {
      rows: [{ displayName: 'Jó Józsi' }, { displayName: 'Rossz Rita', phone: 'hello' }, { email: 'x@example.com' }],
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.map((f) => [f.path, f.code])).toEqual([
      [['rows', 1, 'phone'], 'invalid_phone'],
      [['rows', 2, 'displayName'], 'required'],
    ]);
    expect(changes()).toBe(before);
    expect(ws.fail('clients.bulkUpsert', { rows: [{ displayName: 'A', email: 'nope' }] }).fields?.[0]?.path).toEqual(['rows', 0, 'email']);
  });
});

describe('payments.page', () => {
  it('lists payments with names, filters and sorts them, and totals only for finance roles', () => {
    const { ws, anna, bence, paid } = school();
    const second = ws.call('payments.create', { clientId: bence.id, amountMinor: 1_000_00, paidOn: '2026-03-01', method: 'cash' });
    ws.call('payments.void', { id: second.id, reason: 'recorded twice' });
    const page = ws.call('payments.page', {});
    expect(page.total).toBe(2);
    expect(page.sumMinor).toBe(5_000_00);
    expect(page.rows[0]).toMatchObject({ id: second.id, clientName: 'Szabó Bence', programName: null });
    expect(page.rows[1]).toMatchObject({
      id: paid.id,
      clientName: 'Kovács Anna',
      programName: 'Angol A1',
      cohortName: 'Tavasz',
      amountMinor: 5_000_00,
    });
    expect(ws.call('payments.page', { voided: 'exclude' }).rows.map((r) => r.id)).toEqual([paid.id]);
    expect(ws.call('payments.page', { voided: 'only' }).rows.map((r) => r.id)).toEqual([second.id]);
    expect(ws.call('payments.page', { methods: ['card'] }).total).toBe(1);
    expect(ws.call('payments.page', { query: 'INV-7' }).rows.map((r) => r.clientId)).toEqual([anna.id]);
    expect(ws.call('payments.page', { query: 'szab' }).total).toBe(1);
    expect(ws.call('payments.page', { amountMin: 2_000_00 }).total).toBe(1);
    expect(ws.call('payments.page', { from: '2026-02-15' }).total).toBe(1);
    expect(ws.call('payments.page', { sort: [{ field: 'clientName', desc: false }] }).rows.map((r) => r.clientName)).toEqual([
      'Kovács Anna',
      'Szabó Bence',
    ]);
    expect(ws.call('payments.page', { limit: 1, offset: 1 }).rows.map((r) => r.id)).toEqual([paid.id]);

    const helper = ws.call('users.create', { username: 'anna', displayName: 'Kiss Anna', role: 'assistant', password: 'titkos-jelszo-1' });
    const asAssistant = ws.call('payments.page', {}, assistant(helper.id));
    expect(asAssistant.total).toBe(2);
    expect(asAssistant.sumMinor).toBeNull();
  });
});

describe('saved views', () => {
  it('keeps each person’s views to themselves, shares shared ones, and lets only the owner change shared ones', () => {
    const { ws } = school();
    const helper = ws.call('users.create', { username: 'anna', displayName: 'Kiss Anna', role: 'assistant', password: 'titkos-jelszo-1' });
    const mine = ws.call(
      'views.save',
      {
        grid: 'clients',
        name: 'Esti csoport',
        config: { query: { search: '', sorting: [], filters: { tags: { kind: 'text', text: 'esti' } } } },
      },
      assistant(helper.id),
    );
    const shared = ws.call('views.save', { grid: 'clients', name: 'Tartozók', config: { query: { search: '' } }, shared: true });
    ws.call('views.save', { grid: 'payments', name: 'Kártyás', config: {} });

    expect(ws.call('views.list', { grid: 'clients' }, assistant(helper.id)).map((v) => v.name)).toEqual(['Esti csoport', 'Tartozók']);
    expect(ws.call('views.list', { grid: 'clients' }).map((v) => v.name)).toEqual(['Tartozók']);
    expect(ws.call('views.list', { grid: 'clients' }, assistant(helper.id))[0]?.config).toEqual(mine.config);

    expect(ws.fail('views.delete', { id: shared.id }, assistant(helper.id)).code).toBe('FORBIDDEN');
    expect(ws.fail('views.delete', { id: mine.id }).code).toBe('NOT_FOUND');
    const renamed = ws.call('views.save', { id: mine.id, grid: 'clients', name: 'Esti', config: {} }, assistant(helper.id));
    expect(renamed).toMatchObject({ id: mine.id, name: 'Esti', userId: helper.id });
    ws.call('views.delete', { id: mine.id }, assistant(helper.id));
    ws.call('views.delete', { id: shared.id });
    expect(ws.call('views.list', { grid: 'clients' }, assistant(helper.id))).toEqual([]);
    expect(ws.fail('views.save', { grid: 'Clients!', name: '', config: {} }).fields?.map((f) => f.path[0])).toEqual(['grid', 'name']);
  });
});

describe('clients.list sorted by balance', () => {
  it('pages through the same order a full sort gives: balance, then name, then id, in both directions', () => {
    const ws = openTestWorkspace();
    const names = [
      ['Anna', 'Kiss'],
      ['Béla', 'Nagy'],
      ['Anna', 'Kiss'],
      ['Csilla', 'Tóth'],
    ] as const;
    for (let i = 0; i < 45; i++) {
      const [firstName, lastName] = names[i % names.length] as readonly [string, string];
      const id = ws.call('clients.create', { firstName, lastName }).id;
      if (i % 3 !== 0)
        ws.call('payments.create', { clientId: id, amountMinor: (i % 4) * 1_000 + 1_000, paidOn: '2026-03-01', method: 'cash' });
    }
    const everyone = ws
      .call('clients.list', { limit: 100 })
      .rows.map((r) => ({ id: r.id, name: r.displayName, balance: r.balanceMinor ?? 0 }));
    for (const desc of [true, false]) {
      const expected = [...everyone]
        .sort(
          (a, b) => (a.balance - b.balance) * (desc ? -1 : 1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1),
        )
        .map((c) => c.id);
      const paged: string[] = [];
      for (let offset = 0; offset < 45; offset += 7)
        paged.push(...ws.call('clients.list', { sort: [{ field: 'balanceMinor', desc }], offset, limit: 7 }).rows.map((r) => r.id));
      expect(paged).toEqual(expected);
    }
  });
});
