import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/api/contract';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace } from '../../src-main/api/workspace';
import { logDrift } from '../../src-main/changes/changelog';
import { fixedClock, type Actor } from '../../src-main/core/context';
import { enrollmentOf, paymentsOf, openTestWorkspace, tempDir } from './helpers';
import { keyBeside } from './direct';

function setup() {
  const ws = openTestWorkspace();
  const program = ws.call('programs.create', { name: 'Kerámia', defaultPriceMinor: 60_000_00 });
  const cohort = ws.call('cohorts.create', { programId: program.id, startOn: '2026-04-01' });
  const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
  return { ws, program, cohort, client };
}

const live = (ws: ReturnType<typeof openTestWorkspace>, table: string, column: string, id: string): number =>
  ws.db.sqlite.prepare(`SELECT count(*) FROM "${table}" WHERE "${column}" = ? AND deleted_at IS NULL`).pluck().get(id) as number;

describe('history.undo', () => {
  it('undoes an enrollment creation: the enrollment, its history and its timeline entry go', () => {
    const { ws, cohort, client } = setup();
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'thinking' });
    expect(live(ws, 'enrollment_status_history', 'enrollment_id', enrollment.id)).toBe(1);
    const result = ws.call('history.undo', {});
    expect(result.undone).toMatchObject({ kind: 'insert', table: 'enrollments', rowId: enrollment.id, undone: true });
    expect(ws.call('enrollments.list', { clientId: client.id })).toEqual([]);
    expect(live(ws, 'enrollment_status_history', 'enrollment_id', enrollment.id)).toBe(0);
    expect(live(ws, 'activities', 'enrollment_id', enrollment.id)).toBe(0);
    expect(logDrift(ws.db.sqlite)).toEqual([]);
  });

  it('undoes two actions when asked twice, newest first, and lists them as undone', () => {
    const { ws, cohort, client } = setup();
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'thinking' });
    ws.call('enrollments.setStatus', { id: enrollment.id, status: 'confirmed' });
    ws.call('history.undo', {});
    expect(ws.call('enrollments.get', { id: enrollment.id }).status).toBe('thinking');
    expect(enrollmentOf(ws, enrollment.id).history.map((h) => h.toStatus)).toEqual(['thinking']);
    ws.call('history.undo', {});
    expect(ws.fail('enrollments.get', { id: enrollment.id }).code).toBe('NOT_FOUND');
    const recent = ws.call('history.recent', { limit: 4 });
    expect(recent.map((a) => [a.table, a.kind, a.undone])).toEqual([
      ['enrollment_status_history', 'insert', true],
      ['enrollments', 'insert', true],
      ['clients', 'insert', false],
      ['cohorts', 'insert', false],
    ]);
    expect(logDrift(ws.db.sqlite)).toEqual([]);
  });

  it('puts edited fields back, restores a delete, and voids an undone payment instead of erasing it', () => {
    const { ws, client } = setup();
    ws.call('clients.update', { id: client.id, email: 'anna@example.hu', notes: 'Reggel hívható' });
    ws.call('history.undo', {});
    expect(ws.call('clients.get', { id: client.id })).toMatchObject({ email: null, notes: null, displayName: 'Kovács Anna' });

    ws.call('clients.delete', { id: client.id });
    ws.call('history.undo', {});
    expect(ws.call('clients.get', { id: client.id }).deletedAt).toBeNull();

    const payment = ws.call('payments.create', { clientId: client.id, amountMinor: 5_000_00 });
    ws.call('history.undo', {});
    const [kept] = paymentsOf(ws, client.id);
    expect(kept).toMatchObject({ id: payment.id, amountMinor: 5_000_00, voidReason: 'undone' });
    expect(kept?.voidedAt).not.toBeNull();
    expect(logDrift(ws.db.sqlite)).toEqual([]);
  });

  it('undoes a whole one-call enrollment (client, plan and payment) as one action', () => {
    const { ws, cohort } = setup();
    const result = ws.call('enrollments.enroll', {
      newClient: { displayName: 'Tóth Éva' },
      cohortId: cohort.id,
      status: 'confirmed',
      plan: { kind: 'even', count: 3, firstDueOn: '2026-04-01' },
      firstPayment: { amountMinor: 20_000_00 },
    });
    ws.call('history.undo', {});
    expect(ws.fail('clients.get', { id: result.client.id }).code).toBe('NOT_FOUND');
    expect(live(ws, 'instalments', 'enrollment_id', result.enrollment.id)).toBe(0);
    expect(ws.call('payments.page', {}).rows.find((p) => p.id === result.payment?.id)?.voidReason).toBe('undone');
    expect(logDrift(ws.db.sqlite)).toEqual([]);
  });

  it('refuses when someone else changed the same field since, and never undoes another user’s action', () => {
    const { ws, client } = setup();
    const assistantUser = ws.call('users.create', {
      username: 'asszisztens',
      displayName: 'Asszisztens',
      role: 'assistant',
      password: 'jelszo-12345',
    });
    const assistant: Actor = { userId: assistantUser.id, username: 'asszisztens', role: 'assistant' };
    ws.call('clients.update', { id: client.id, notes: 'owner wrote this' });
    ws.call('clients.update', { id: client.id, notes: 'assistant wrote this' }, assistant);
    const before = ws.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get();
    expect(ws.fail('history.undo', {})).toMatchObject({ code: 'CONFLICT', fields: [{ code: 'changed_since' }] });
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(before);

    ws.call('history.undo', {}, assistant);
    expect(ws.call('clients.get', { id: client.id }).notes).toBe('owner wrote this');
    expect(ws.fail('history.undo', {}, assistant)).toMatchObject({ code: 'CONFLICT', fields: [{ code: 'nothing_to_undo' }] });
  });
});

describe('undo undoes what I did', () => {
  it('keeps what the system writes on its own off every stack: Ctrl+Z after a payment and a reminder undoes the payment', () => {
    const { ws, client } = setup();
    const templates = ws.call('templates.list', {});
    expect(templates.length).toBeGreaterThan(0);
    const payment = ws.call('payments.create', { clientId: client.id, amountMinor: 5_000_00 });
    ws.call('templates.list', { purpose: 'payment_reminder' });
    ws.call('messages.render', { purpose: 'payment_reminder', language: 'hu', clientIds: [client.id] });
    expect(ws.call('history.recent', { limit: 1 })[0]).toMatchObject({ table: 'payments', rowId: payment.id });
    ws.call('history.undo', {});
    expect(paymentsOf(ws, client.id)[0]).toMatchObject({ id: payment.id, voidReason: 'undone' });
    expect(ws.call('templates.list', {})).toEqual(templates);
    // The templates written at init are nobody's action: the owner's history starts with what the owner did.
    expect(ws.call('history.recent', { limit: 50 }).some((a) => a.table === 'message_templates')).toBe(false);
  });

  it('declares the template list and message rendering as reads, so they can never write', () => {
    expect(contract['templates.list'].access).toBe('read');
    expect(contract['messages.render'].access).toBe('read');
  });

  it('recreates missing default templates when the workspace opens, as the system', async () => {
    const file = join(tempDir(), 'school.db');
    const clock = fixedClock('2026-03-10T09:00:00Z');
    const init = { schoolName: 'Kerámia Stúdió', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' };
    const first = openWorkspace(file, { key: keyBeside(file), clock, initIfEmpty: init });
    const owner = { actor: ownerActor(first.db) };
    const listed = async (workspace: typeof first) => {
      const result = await workspace.invoke(owner, 'templates.list', {});
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value as { id: string; purpose: string; language: string }[];
    };
    try {
      const all = await listed(first);
      const reminderHu = all.find((t) => t.purpose === 'payment_reminder' && t.language === 'hu');
      expect((await first.invoke(owner, 'templates.delete', { id: reminderHu!.id })).ok).toBe(true);
      expect(await listed(first)).toHaveLength(all.length - 1);
    } finally {
      first.close();
    }
    const second = openWorkspace(file, { key: keyBeside(file), clock, initIfEmpty: init });
    try {
      const back = await listed(second);
      expect(back.filter((t) => t.purpose === 'payment_reminder' && t.language === 'hu')).toHaveLength(1);
      const recent = await second.invoke(owner, 'history.recent', { limit: 5 });
      expect(recent.ok && (recent.value as { kind: string; table: string }[])[0]).toMatchObject({
        kind: 'delete',
        table: 'message_templates',
      });
    } finally {
      second.close();
    }
  });

  it('names the record of each action: "New client: Kovács Anna"', () => {
    const { ws, cohort, client } = setup();
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'thinking' });
    ws.call('enrollments.setStatus', { id: enrollment.id, status: 'confirmed' });
    ws.call('payments.create', { clientId: client.id, enrollmentId: enrollment.id, amountMinor: 1_000_00 });
    ws.call('clients.update', { id: client.id, displayName: 'Kovács Anna Mária' });
    const place = `Kovács Anna Mária — Kerámia (${cohort.name})`;
    expect(ws.call('history.recent', { limit: 7 }).map((a) => [a.kind, a.table, a.name])).toEqual([
      ['update', 'clients', 'Kovács Anna Mária'],
      ['insert', 'payments', 'Kovács Anna Mária'],
      ['insert', 'enrollment_status_history', place],
      ['insert', 'enrollments', place],
      ['insert', 'clients', 'Kovács Anna Mária'],
      ['insert', 'cohorts', cohort.name],
      ['insert', 'programs', 'Kerámia'],
    ]);
    // The undo names what it undid as the person saw it; afterwards the menu reads the name back as it is.
    expect(ws.call('history.undo', {}).undone).toMatchObject({ table: 'clients', name: 'Kovács Anna Mária' });
    expect(ws.call('history.recent', { limit: 1 })[0]).toMatchObject({ undone: true, name: 'Kovács Anna' });
  });

  it('never offers a purge: the latest action before it is undone, and the purged record’s own actions are gone with it', () => {
    const ws = openTestWorkspace();
    const kept = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' }).id;
    const purged = ws.call('clients.create', { firstName: 'Béla', lastName: 'Tóth' }).id;
    ws.call('clients.delete', { id: purged });
    ws.call('records.purge', { table: 'clients', id: purged });
    expect(ws.call('history.undo', {}).undone).toMatchObject({ table: 'clients', name: 'Kovács Anna' });
    expect(ws.db.sqlite.prepare('SELECT deleted_at IS NOT NULL FROM clients WHERE id = ?').pluck().get(kept)).toBe(1);
    expect(ws.db.sqlite.prepare('SELECT count(*) FROM clients WHERE id = ?').pluck().get(purged)).toBe(0);
  });
});
