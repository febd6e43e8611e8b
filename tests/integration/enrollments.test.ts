import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { enrollmentOf, openTestWorkspace, type TestWorkspace } from './helpers';

function changeCount(ws: TestWorkspace): number {
  return (ws.db.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
}

function setup() {
  const ws = openTestWorkspace();
  const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
  const program = ws.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 50_000_00, defaultCapacity: 8 });
  const pricedCohort = ws.call('cohorts.create', { programId: program.id, startOn: '2026-09-01', priceMinor: 45_000_00 });
  const plainCohort = ws.call('cohorts.create', { programId: program.id, startOn: '2027-02-01' });
  return { ws, client, program, pricedCohort, plainCohort };
}

describe('enrollments.create', () => {
  it('takes the price from the cohort, then the program, then zero', () => {
    const { ws, client, program, pricedCohort, plainCohort } = setup();
    expect(ws.call('enrollments.create', { clientId: client.id, cohortId: pricedCohort.id }).agreedPriceMinor).toBe(45_000_00);
    const fromProgram = ws.call('enrollments.create', { clientId: client.id, cohortId: plainCohort.id });
    expect(fromProgram).toMatchObject({ agreedPriceMinor: 50_000_00, programId: program.id, cohortId: plainCohort.id, status: 'inquiry' });
    expect(ws.call('enrollments.create', { clientId: client.id, programId: program.id }).agreedPriceMinor).toBe(50_000_00);
    const free = ws.call('programs.create', { name: 'Nyílt nap' });
    expect(ws.call('enrollments.create', { clientId: client.id, programId: free.id }).agreedPriceMinor).toBe(0);
    expect(ws.call('enrollments.create', { clientId: client.id, cohortId: pricedCohort.id, agreedPriceMinor: 1000 }).agreedPriceMinor).toBe(
      1000,
    );
  });

  it('writes the enrollment, its first history row and a timeline entry in one change', () => {
    const { ws, client, pricedCohort } = setup();
    const enrollment = ws.call('enrollments.create', {
      clientId: client.id,
      cohortId: pricedCohort.id,
      status: 'thinking',
      note: 'Telefonon',
    });
    const txs = ws.db.sqlite
      .prepare(
        "SELECT DISTINCT tx, table_name FROM changes WHERE table_name IN ('enrollments', 'enrollment_status_history', 'activities') ORDER BY table_name",
      )
      .all() as { tx: string; table_name: string }[];
    expect(txs.map((t) => t.table_name)).toEqual(['activities', 'enrollment_status_history', 'enrollments']);
    expect(new Set(txs.map((t) => t.tx)).size).toBe(1);
    expect(enrollmentOf(ws, enrollment.id).history).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'thinking',
        changedBy: ws.owner.userId,
        note: 'Telefonon',
        changedAt: '2026-03-10T09:00:00.000Z',
      }),
    ]);
    const [activity] = ws.call('activities.list', { clientId: client.id });
    expect(activity).toMatchObject({ kind: 'status', enrollmentId: enrollment.id, userId: ws.owner.userId });
  });

  it('refuses missing references, a missing program and a discount above the price', () => {
    const { ws, client, program, pricedCohort } = setup();
    const before = changeCount(ws);
    expect(ws.fail('enrollments.create', { clientId: 'nobody', programId: program.id })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['clientId'] }],
    });
    expect(ws.fail('enrollments.create', { clientId: client.id, cohortId: 'nothing' })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['cohortId'] }],
    });
    expect(ws.fail('enrollments.create', { clientId: client.id })).toMatchObject({ code: 'VALIDATION', fields: [{ path: ['programId'] }] });
    expect(ws.fail('enrollments.create', { clientId: client.id, programId: 'nothing' })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['programId'] }],
    });
    expect(ws.fail('enrollments.create', { clientId: client.id, cohortId: pricedCohort.id, discountMinor: 46_000_00 })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['discountMinor'] }],
    });
    expect(changeCount(ws)).toBe(before);
  });
});

describe('enrollments.setStatus', () => {
  it('records every change in the history, oldest first, and keeps it append-only', () => {
    const { ws, client, pricedCohort } = setup();
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId: pricedCohort.id });
    ws.clock.advance(1000);
    ws.call('enrollments.setStatus', { id: enrollment.id, status: 'trial', note: 'Próbaóra' });
    ws.call('enrollments.setStatus', { id: enrollment.id, status: 'confirmed' });
    const changesBefore = changeCount(ws);
    const same = ws.call('enrollments.setStatus', { id: enrollment.id, status: 'confirmed' });
    expect(same.status).toBe('confirmed');
    expect(changeCount(ws)).toBe(changesBefore);

    const history = enrollmentOf(ws, enrollment.id).history;
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.note])).toEqual([
      [null, 'inquiry', null],
      ['inquiry', 'trial', 'Próbaóra'],
      ['trial', 'confirmed', null],
    ]);
    expect(history[1]?.changedAt).toBe('2026-03-10T09:00:01.000Z');
    expect(ws.call('enrollments.get', { id: enrollment.id }).history).toEqual(history);
    expect(ws.call('activities.list', { clientId: client.id }).filter((a) => a.kind === 'status')).toHaveLength(3);
  });

  it('refuses a forbidden transition and leaves everything as it was', () => {
    const { ws, client, pricedCohort } = setup();
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId: pricedCohort.id });
    const skip = ws.fail('enrollments.setStatus', { id: enrollment.id, status: 'completed' });
    expect(skip).toMatchObject({ code: 'CONFLICT', fields: [{ path: ['status'], code: 'forbidden_transition' }] });
    ws.call('enrollments.setStatus', { id: enrollment.id, status: 'confirmed' });
    ws.call('enrollments.setStatus', { id: enrollment.id, status: 'completed' });
    const before = changeCount(ws);
    expect(ws.fail('enrollments.setStatus', { id: enrollment.id, status: 'inquiry' }).code).toBe('CONFLICT');
    expect(changeCount(ws)).toBe(before);
    expect(ws.call('enrollments.get', { id: enrollment.id }).status).toBe('completed');
    expect(enrollmentOf(ws, enrollment.id).history).toHaveLength(3);
  });

  it('keeps the reason a client was lost', () => {
    const { ws, client, program } = setup();
    const enrollment = ws.call('enrollments.create', { clientId: client.id, programId: program.id });
    const lost = ws.call('enrollments.setStatus', { id: enrollment.id, status: 'declined', reasonLost: 'Drága' });
    expect(lost).toMatchObject({ status: 'declined', reasonLost: 'Drága' });
  });
});

describe('enrollments.update / list / delete', () => {
  it('moves an enrollment to another cohort and keeps the discount under the price', () => {
    const { ws, client, program, pricedCohort, plainCohort } = setup();
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId: pricedCohort.id });
    const moved = ws.call('enrollments.update', {
      id: enrollment.id,
      cohortId: plainCohort.id,
      discountMinor: 5_000_00,
      followUpOn: '2026-04-01',
    });
    expect(moved).toMatchObject({
      cohortId: plainCohort.id,
      programId: program.id,
      discountMinor: 5_000_00,
      followUpOn: '2026-04-01',
      agreedPriceMinor: 45_000_00,
    });
    expect(ws.fail('enrollments.update', { id: enrollment.id, agreedPriceMinor: 1_000_00 })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['discountMinor'] }],
    });
    const other = ws.call('programs.create', { name: 'Német' });
    expect(ws.fail('enrollments.update', { id: enrollment.id, programId: other.id }).code).toBe('VALIDATION');
    expect(ws.call('enrollments.update', { id: enrollment.id, programId: other.id, cohortId: null })).toMatchObject({
      programId: other.id,
      cohortId: null,
    });
  });

  it('filters the list and hides deleted enrollments', () => {
    const { ws, client, program, pricedCohort, plainCohort } = setup();
    const a = ws.call('enrollments.create', { clientId: client.id, cohortId: pricedCohort.id, status: 'confirmed' });
    const b = ws.call('enrollments.create', { clientId: client.id, cohortId: plainCohort.id });
    expect(ws.call('enrollments.list', { cohortId: pricedCohort.id }).map((e) => e.id)).toEqual([a.id]);
    expect(ws.call('enrollments.list', { status: ['inquiry'] }).map((e) => e.id)).toEqual([b.id]);
    expect(ws.call('enrollments.list', { programId: program.id })).toHaveLength(2);
    ws.call('enrollments.delete', { id: b.id });
    expect(ws.call('enrollments.list', { clientId: client.id }).map((e) => e.id)).toEqual([a.id]);
    expect(ws.fail('enrollments.get', { id: b.id }).code).toBe('NOT_FOUND');
  });

  it('lets only roles with the price right set a price', () => {
    const { ws, client, program } = setup();
    const teacher: Actor = { userId: null, username: 'tanar', role: 'teacher' };
    expect(ws.fail('enrollments.create', { clientId: client.id, programId: program.id }, teacher).code).toBe('FORBIDDEN');
    const assistant = ws.call('users.create', { username: 'asszisztens', displayName: 'Asszisztens', role: 'assistant' });
    const asAssistant: Actor = { userId: assistant.id, username: assistant.username, role: 'assistant' };
    expect(
      ws.call('enrollments.create', { clientId: client.id, programId: program.id, agreedPriceMinor: 10 }, asAssistant).agreedPriceMinor,
    ).toBe(10);
    expect(ws.fail('enrollments.delete', { id: 'x' }, asAssistant).code).toBe('FORBIDDEN');
  });
});
