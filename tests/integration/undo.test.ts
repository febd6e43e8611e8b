import { describe, expect, it } from 'vitest';
import { logDrift } from '../../src-main/changes/changelog';
import type { Actor } from '../../src-main/core/context';
import { openTestWorkspace } from './helpers';

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
    expect(ws.call('enrollments.history', { id: enrollment.id }).map((h) => h.toStatus)).toEqual(['thinking']);
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
    const [kept] = ws.call('payments.list', { clientId: client.id });
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
    expect(ws.call('payments.list', {}).find((p) => p.id === result.payment?.id)?.voidReason).toBe('undone');
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
