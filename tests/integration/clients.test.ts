import { describe, expect, it } from 'vitest';
import { openTestWorkspace, type TestWorkspace } from './helpers';

function changeCount(ws: TestWorkspace): number {
  return (ws.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
}

describe('clients.create / update', () => {
  it('stores a Hungarian national number as E.164 and names family-first', () => {
    const ws = openTestWorkspace();
    const anna = ws.call('clients.create', {
      firstName: 'Anna',
      lastName: 'Kovács',
      phone: '06 30 123 4567',
      email: 'Anna@Example.HU',
      tags: ['felnőtt'],
      extra: { Megjegyzés: 'régi tábla' },
    });
    expect(anna.phone).toBe('+36301234567');
    expect(anna.displayName).toBe('Kovács Anna');
    expect(anna.email).toBe('anna@example.hu');
    expect(anna.tags).toEqual(['felnőtt']);
    expect(anna.extra).toEqual({ Megjegyzés: 'régi tábla' });
    const stored = ws.db.sqlite.prepare('SELECT tags, extra FROM clients WHERE id = ?').get(anna.id) as { tags: string; extra: string };
    expect(JSON.parse(stored.tags)).toEqual(['felnőtt']);
    expect(JSON.parse(stored.extra)).toEqual({ Megjegyzés: 'régi tábla' });
  });

  it('puts the given name first in an English workspace', () => {
    const ws = openTestWorkspace({ schoolName: 'Studio', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' });
    const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Smith', phone: '07400 123456' });
    expect(client.displayName).toBe('Anna Smith');
    expect(client.phone).toBe('+447400123456');
  });

  it('refuses a malformed phone or e-mail with the field path and writes nothing', () => {
    const ws = openTestWorkspace();
    const before = changeCount(ws);
    const badPhone = ws.fail('clients.create', { firstName: 'Anna', phone: '12-ab' });
    expect(badPhone.code).toBe('VALIDATION');
    expect(badPhone.fields?.[0]?.path).toEqual(['phone']);
    const badEmail = ws.fail('clients.create', { firstName: 'Anna', email: 'anna@' });
    expect(badEmail.code).toBe('VALIDATION');
    expect(badEmail.fields?.[0]?.path).toEqual(['email']);
    expect(changeCount(ws)).toBe(before);
    expect(ws.call('clients.list', {}).total).toBe(0);
  });

  it('needs some name', () => {
    const ws = openTestWorkspace();
    const error = ws.fail('clients.create', { email: 'x@example.com', firstName: '  ' });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[0]?.path).toEqual(['displayName']);
  });

  it('keeps a derived display name in step with the names, but not a typed one', () => {
    const ws = openTestWorkspace();
    const derived = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
    expect(ws.call('clients.update', { id: derived.id, lastName: 'Nagy' }).displayName).toBe('Nagy Anna');
    const typed = ws.call('clients.create', { firstName: 'Béla', lastName: 'Tóth', displayName: 'Béla bácsi' });
    expect(ws.call('clients.update', { id: typed.id, lastName: 'Szabó' }).displayName).toBe('Béla bácsi');
    const error = ws.fail('clients.update', { id: typed.id, phone: 'nope' });
    expect(error.fields?.[0]?.path).toEqual(['phone']);
  });
});

describe('guardians', () => {
  it('links children to a guardian and refuses self and cycles', () => {
    const ws = openTestWorkspace();
    const mother = ws.call('clients.create', { firstName: 'Éva', lastName: 'Kiss' });
    const child = ws.call('clients.create', { firstName: 'Bence', lastName: 'Kiss', guardianId: mother.id });
    const grandchild = ws.call('clients.create', { firstName: 'Kis', lastName: 'Kiss', guardianId: child.id });

    const missing = ws.fail('clients.create', { firstName: 'X', guardianId: 'no-such-client' });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: ['guardianId'] }] });

    const self = ws.fail('clients.update', { id: mother.id, guardianId: mother.id });
    expect(self).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['guardianId'], code: 'guardian_self' }] });
    const cycle = ws.fail('clients.update', { id: mother.id, guardianId: grandchild.id });
    expect(cycle).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['guardianId'], code: 'guardian_cycle' }] });

    const detail = ws.call('clients.get', { id: mother.id });
    expect(detail.children.map((c) => c.id)).toEqual([child.id]);
    expect(detail.guardian).toBeNull();
    const childDetail = ws.call('clients.get', { id: child.id });
    expect(childDetail.guardian?.id).toBe(mother.id);
    expect(childDetail.children.map((c) => c.id)).toEqual([grandchild.id]);
  });
});

describe('clients.list', () => {
  function seed(ws: TestWorkspace) {
    const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács', phone: '06 30 123 4567', email: 'anna@example.hu' });
    const bela = ws.call('clients.create', { firstName: 'Béla', lastName: 'Nagy', phone: '+36 1 234 5678' });
    const csilla = ws.call('clients.create', { firstName: 'Csilla', lastName: 'Anka', email: 'csilla@example.com' });
    const dora = ws.call('clients.create', { firstName: 'Dóra', lastName: 'Zöld' });
    return { anna, bela, csilla, dora };
  }
  const names = (page: { rows: { displayName: string }[] }) => page.rows.map((r) => r.displayName);

  it('finds "Kovács Anna" by name without accents, by given name and by phone digits', () => {
    const ws = openTestWorkspace();
    const { anna, csilla } = seed(ws);
    expect(ws.call('clients.list', { query: 'kovacs' }).rows.map((r) => r.id)).toEqual([anna.id]);
    expect(ws.call('clients.list', { query: 'KOV an' }).rows.map((r) => r.id)).toEqual([anna.id]);
    expect(ws.call('clients.list', { query: 'anna' }).rows.map((r) => r.id)).toEqual([anna.id]);
    // "an" is a prefix of Anna and of Anka.
    expect(new Set(ws.call('clients.list', { query: 'an' }).rows.map((r) => r.id))).toEqual(new Set([anna.id, csilla.id]));
    expect(ws.call('clients.list', { query: '06 30 123' }).rows.map((r) => r.id)).toEqual([anna.id]);
    expect(ws.call('clients.list', { query: '+36301234567' }).rows.map((r) => r.id)).toEqual([anna.id]);
    expect(ws.call('clients.list', { query: '3630' }).rows.map((r) => r.id)).toEqual([anna.id]);
    expect(ws.call('clients.list', { query: 'csilla@example' }).rows.map((r) => r.id)).toEqual([csilla.id]);
    expect(ws.call('clients.list', { query: 'nobody' })).toEqual({ rows: [], total: 0 });
  });

  it('sorts on several columns and pages with a total', () => {
    const ws = openTestWorkspace();
    seed(ws);
    ws.call('clients.create', { firstName: 'Zoltán', lastName: 'Nagy' });
    expect(names(ws.call('clients.list', {}))).toEqual(['Anka Csilla', 'Kovács Anna', 'Nagy Béla', 'Nagy Zoltán', 'Zöld Dóra']);
    expect(names(ws.call('clients.list', { sort: [{ field: 'displayName', desc: true }] }))).toEqual([
      'Zöld Dóra',
      'Nagy Zoltán',
      'Nagy Béla',
      'Kovács Anna',
      'Anka Csilla',
    ]);
    // Same last name: the first name decides.
    const byLast = ws.call('clients.list', { sort: [{ field: 'lastName', desc: false }] });
    expect(names(byLast)).toEqual(['Anka Csilla', 'Kovács Anna', 'Nagy Béla', 'Nagy Zoltán', 'Zöld Dóra']);
    const emailThenName = ws.call('clients.list', {
      sort: [
        { field: 'email', desc: true },
        { field: 'displayName', desc: true },
      ],
    });
    // Clients without an e-mail come last when the e-mail sorts descending.
    expect(names(emailThenName)).toEqual(['Anka Csilla', 'Kovács Anna', 'Zöld Dóra', 'Nagy Zoltán', 'Nagy Béla']);

    const page1 = ws.call('clients.list', { limit: 2, offset: 0 });
    const page2 = ws.call('clients.list', { limit: 2, offset: 2 });
    const page3 = ws.call('clients.list', { limit: 2, offset: 4 });
    expect(page1.total).toBe(5);
    expect([...names(page1), ...names(page2), ...names(page3)]).toEqual([
      'Anka Csilla',
      'Kovács Anna',
      'Nagy Béla',
      'Nagy Zoltán',
      'Zöld Dóra',
    ]);
    expect(page3.rows).toHaveLength(1);
    expect(ws.call('clients.list', { query: 'nagy', limit: 1 })).toMatchObject({ total: 2 });
  });

  it('sorts by balance and shows the balances of the page', () => {
    const ws = openTestWorkspace();
    const { anna, bela } = seed(ws);
    const program = ws.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 60_000_00 });
    ws.call('enrollments.create', { clientId: anna.id, programId: program.id, status: 'confirmed' });
    ws.call('enrollments.create', { clientId: bela.id, programId: program.id, status: 'confirmed', agreedPriceMinor: 30_000_00 });
    const page = ws.call('clients.list', { sort: [{ field: 'balanceMinor', desc: true }], limit: 3 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => [r.displayName, r.balanceMinor, r.enrollmentCount])).toEqual([
      ['Kovács Anna', 60_000_00, 1],
      ['Nagy Béla', 30_000_00, 1],
      ['Anka Csilla', 0, 0],
    ]);
    const plain = ws.call('clients.list', { query: 'nagy' });
    expect(plain.rows[0]?.balanceMinor).toBe(30_000_00);
  });

  it('hides archived and deleted clients unless asked', () => {
    const ws = openTestWorkspace();
    const { anna, bela } = seed(ws);
    ws.call('clients.update', { id: bela.id, archived: true });
    ws.call('clients.delete', { id: anna.id });
    expect(ws.call('clients.list', {}).total).toBe(2);
    expect(ws.call('clients.list', { includeArchived: true }).total).toBe(3);
    expect(ws.call('clients.list', { query: 'kovacs' }).total).toBe(0);
    expect(ws.call('clients.list', { query: 'Kovács', includeDeleted: true }).rows.map((r) => r.id)).toEqual([anna.id]);
  });

  it('pages a search and counts it as the plain SQL query would, whether few or many clients match', () => {
    const ws = openTestWorkspace();
    // Repeated names make the rowid decide ties; archived and deleted clients must stay out unless asked for.
    const names = ['Kiss Éva', 'Tóth Ádám', 'Kiss Éva', 'Nagy Béla', 'Szabó Csilla', 'Kiss Éva', 'Varga Dóra', 'Tóth Ádám'];
    const ids = Array.from({ length: 60 }, (_, i) => {
      const [lastName, firstName] = (names[i % names.length] as string).split(' ');
      const email = i % 3 === 0 ? `tanulo${i}@example.hu` : `diak${i}@iskola.hu`;
      return ws.call('clients.create', { lastName, firstName, email }).id;
    });
    for (const [i, id] of ids.entries()) {
      if (i % 7 === 3) ws.call('clients.update', { id, archived: true });
      if (i % 11 === 5) ws.call('clients.delete', { id });
    }
    const expected = (match: string, includeArchived: boolean, offset: number, limit: number) => {
      const where = `deleted_at IS NULL ${includeArchived ? '' : 'AND archived = 0'}
        AND rowid IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?)`;
      return {
        total: ws.db.sqlite.prepare(`SELECT count(*) FROM clients WHERE ${where}`).pluck().get(match),
        ids: ws.db.sqlite
          .prepare(`SELECT id FROM clients WHERE ${where} ORDER BY display_name, rowid LIMIT ? OFFSET ?`)
          .pluck()
          .all(match, limit, offset),
      };
    };
    const searches: [string, string][] = [
      ['kiss', '"kiss"*'],
      ['tóth', '"tóth"*'],
      ['example', '"example"*'],
      ['iskola', '"iskola"*'],
      ['a', '"a"*'],
      ['varga dóra', '"varga"* AND "dóra"*'],
    ];
    let compared = 0;
    for (const [query, match] of searches)
      for (const includeArchived of [false, true])
        for (const [offset, limit] of [
          [0, 5],
          [3, 2],
          [10, 5],
          [0, 50],
          [30, 5],
        ] as const) {
          const page = ws.call('clients.list', { query, includeArchived, offset, limit });
          expect({ total: page.total, ids: page.rows.map((r) => r.id) }).toEqual(expected(match, includeArchived, offset, limit));
          compared += page.rows.length;
        }
    expect(compared).toBeGreaterThan(100);
    const live = ids.filter((_, i) => i % 11 !== 5);
    expect(ws.call('clients.list', {}).total).toBe(live.filter((id) => ids.indexOf(id) % 7 !== 3).length);
    expect(ws.call('clients.list', { includeArchived: true }).total).toBe(live.length);
  });

  it('pages the plain list under every sort as the SQL order would, archived and deleted left out unless asked', () => {
    const ws = openTestWorkspace();
    const names = ['Kiss Éva', 'Tóth Ádám', 'Kiss Éva', 'Nagy Béla', 'Szabó Csilla', 'Varga Dóra'];
    const ids = Array.from({ length: 40 }, (_, i) => {
      const [lastName, firstName] = (names[i % names.length] as string).split(' ');
      return ws.call('clients.create', { lastName, firstName, ...(i % 4 === 0 ? {} : { email: `d${(i * 7) % 13}@iskola.hu` }) }).id;
    });
    const check = (includeArchived: boolean) => {
      const where = `deleted_at IS NULL ${includeArchived ? '' : 'AND archived = 0'}`;
      type Sort = { field: 'displayName' | 'lastName' | 'email' | 'createdAt'; desc: boolean }[];
      const orders: [Sort | undefined, string][] = [
        [undefined, 'display_name, rowid'],
        [[{ field: 'displayName', desc: true }], 'display_name DESC, rowid'],
        [[{ field: 'lastName', desc: false }], 'last_name, first_name, rowid'],
        [[{ field: 'email', desc: true }], 'email DESC, rowid'],
        [[{ field: 'createdAt', desc: false }], 'created_at, rowid'],
      ];
      for (const [sort, orderBy] of orders)
        for (const [offset, limit] of [
          [0, 7],
          [5, 10],
          [30, 10],
        ] as const) {
          const page = ws.call('clients.list', { offset, limit, includeArchived, ...(sort ? { sort } : {}) });
          const expected = ws.db.sqlite
            .prepare(`SELECT id FROM clients WHERE ${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
            .pluck()
            .all(limit, offset);
          expect(page.rows.map((r) => r.id)).toEqual(expected);
          expect(page.total).toBe(ws.db.sqlite.prepare(`SELECT count(*) FROM clients WHERE ${where}`).pluck().get());
        }
    };
    // Nothing archived or deleted yet: the index walk needs no exclusion.
    check(false);
    for (const [i, id] of ids.entries()) {
      if (i % 6 === 2) ws.call('clients.update', { id, archived: true });
      if (i % 9 === 4) ws.call('clients.delete', { id });
    }
    check(false);
    check(true);
  });

  it('orders search matches by the current names after a rename', () => {
    const ws = openTestWorkspace();
    const a = ws.call('clients.create', { lastName: 'Kiss', firstName: 'Anna' });
    const b = ws.call('clients.create', { lastName: 'Kiss', firstName: 'Béla' });
    const ids = () => ws.call('clients.list', { query: 'kiss' }).rows.map((r) => r.id);
    expect(ids()).toEqual([a.id, b.id]);
    ws.call('clients.update', { id: a.id, displayName: 'Kiss Zsófia' });
    expect(ids()).toEqual([b.id, a.id]);
    ws.call('clients.create', { lastName: 'Kiss', firstName: 'Ágnes', displayName: 'Kiss Ágota' });
    ws.call('clients.delete', { id: b.id });
    // The list's order is SQLite's (binary) order of display names: "Á" sorts after "Z".
    expect(ids()).toEqual(
      ws.db.sqlite.prepare('SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY display_name, rowid').pluck().all(),
    );
    expect(ids()).toHaveLength(2);
  });
});

describe('clients.delete, and audit.restore', () => {
  it('soft-deletes a client and brings it back, searchable again', () => {
    const ws = openTestWorkspace();
    const anna = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
    ws.call('clients.delete', { id: anna.id });
    expect(ws.fail('clients.get', { id: anna.id }).code).toBe('NOT_FOUND');
    expect(ws.db.sqlite.prepare('SELECT deleted_at FROM clients WHERE id = ?').get(anna.id)).toEqual({
      deleted_at: '2026-03-10T09:00:00.000Z',
    });
    expect(ws.call('audit.restore', { table: 'clients', id: anna.id })).toMatchObject({ id: anna.id, label: anna.displayName });
    expect(ws.call('clients.get', { id: anna.id }).deletedAt).toBeNull();
    expect(ws.call('clients.list', { query: 'kovacs' }).rows.map((r) => r.id)).toEqual([anna.id]);
    expect(ws.fail('audit.restore', { table: 'clients', id: anna.id }).code).toBe('CONFLICT');
    expect(ws.fail('audit.restore', { table: 'clients', id: 'missing' }).code).toBe('NOT_FOUND');
  });
});

describe('clients.get', () => {
  it('gathers enrollments with history and balance, payments, timeline and the family balance', () => {
    const ws = openTestWorkspace();
    const mother = ws.call('clients.create', { firstName: 'Éva', lastName: 'Kiss' });
    const child = ws.call('clients.create', { firstName: 'Bence', lastName: 'Kiss', guardianId: mother.id });
    const program = ws.call('programs.create', { name: 'Rajz', defaultPriceMinor: 40_000_00 });
    const cohort = ws.call('cohorts.create', { programId: program.id, startOn: '2026-04-01' });
    ws.call('enrollments.create', { clientId: mother.id, programId: program.id, status: 'confirmed', agreedPriceMinor: 10_000_00 });
    const childEnrollment = ws.call('enrollments.create', { clientId: child.id, cohortId: cohort.id, status: 'thinking' });
    ws.clock.advance(60_000);
    ws.call('enrollments.setStatus', { id: childEnrollment.id, status: 'confirmed' });
    ws.clock.advance(60_000);
    ws.call('activities.create', { clientId: child.id, kind: 'call', summary: 'Megkérdezte, mikor kezdünk' });

    const detail = ws.call('clients.get', { id: child.id });
    expect(detail.enrollments).toHaveLength(1);
    const enrollment = detail.enrollments[0]!;
    expect(enrollment).toMatchObject({
      programName: 'Rajz',
      cohortName: 'Rajz 2026-04-01',
      cohortStartOn: '2026-04-01',
      agreedPriceMinor: 40_000_00,
    });
    expect(enrollment.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'thinking'],
      ['thinking', 'confirmed'],
    ]);
    expect(enrollment.balance.dueTotalMinor).toBe(40_000_00);
    expect(detail.activities.map((a) => a.kind)).toEqual(['call', 'status', 'status']);
    expect(detail.activityCount).toBe(3);

    // The page opens with the newest 30 entries and the count; "show all" reads the rest.
    for (let i = 1; i <= 30; i++) ws.call('activities.create', { clientId: child.id, kind: 'note', summary: `Jegyzet ${i}` });
    const long = ws.call('clients.get', { id: child.id });
    expect(long.activityCount).toBe(33);
    expect(long.activities).toHaveLength(30);
    const all = ws.call('activities.list', { clientId: child.id });
    expect(all).toHaveLength(33);
    expect(long.activities.map((a) => a.id)).toEqual(all.slice(0, 30).map((a) => a.id));
    expect(all.slice(30).map((a) => a.kind)).toEqual(['call', 'status', 'status']);
    expect(detail.balance.balanceMinor).toBe(40_000_00);
    expect(detail.familyBalance?.balanceMinor).toBe(40_000_00);

    const motherDetail = ws.call('clients.get', { id: mother.id });
    expect(motherDetail.balance.balanceMinor).toBe(10_000_00);
    expect(motherDetail.familyBalance?.balanceMinor).toBe(50_000_00);
    expect(motherDetail.payments).toEqual([]);
  });
});
