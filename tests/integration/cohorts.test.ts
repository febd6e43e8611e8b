import { describe, expect, it } from 'vitest';
import { openTestWorkspace } from './helpers';

function setup() {
  const ws = openTestWorkspace();
  const program = ws.call('programs.create', { name: 'Kerámia', defaultPriceMinor: 80_000_00, defaultCapacity: 6 });
  const teacher = ws.call('teachers.create', { name: 'Szabó Márta' });
  const room = ws.call('rooms.create', { name: 'Műhely', capacity: 8 });
  return { ws, program, teacher, room };
}

describe('cohorts.create / update', () => {
  it('fills name, capacity, status and schedule from the program', () => {
    const { ws, program, teacher, room } = setup();
    const cohort = ws.call('cohorts.create', {
      programId: program.id,
      teacherId: teacher.id,
      roomId: room.id,
      startOn: '2026-09-07',
      schedule: [{ weekday: 1, startTime: '17:30', minutes: 90 }],
    });
    expect(cohort).toMatchObject({ name: 'Kerámia 2026-09-07', capacity: 6, status: 'planned', priceMinor: null, published: false });
    expect(cohort.schedule).toEqual([{ weekday: 1, startTime: '17:30', minutes: 90 }]);
    const stored = ws.db.sqlite.prepare('SELECT schedule FROM cohorts WHERE id = ?').get(cohort.id) as { schedule: string };
    expect(JSON.parse(stored.schedule)).toEqual([{ weekday: 1, startTime: '17:30', minutes: 90 }]);

    const updated = ws.call('cohorts.update', { id: cohort.id, name: 'Hétfő esti kerámia', capacity: 5, schedule: [], status: 'open' });
    expect(updated).toMatchObject({ name: 'Hétfő esti kerámia', capacity: 5, schedule: [], status: 'open', teacherId: teacher.id });
  });

  it('names the missing reference', () => {
    const { ws, program } = setup();
    expect(ws.fail('cohorts.create', { programId: 'none' })).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: ['programId'] }] });
    expect(ws.fail('cohorts.create', { programId: program.id, teacherId: 'none' })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['teacherId'] }],
    });
    expect(ws.fail('cohorts.create', { programId: program.id, roomId: 'none' })).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: ['roomId'] }],
    });
    expect(ws.fail('cohorts.create', { programId: program.id, startOn: '2026-09-07', endOn: '2026-09-01' })).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: ['endOn'] }],
    });
    expect(ws.call('cohorts.list', {})).toEqual([]);
  });
});

describe('cohorts.list / get', () => {
  it('lists newest start first with names, seats taken and the effective price', () => {
    const { ws, program, teacher } = setup();
    const autumn = ws.call('cohorts.create', { programId: program.id, teacherId: teacher.id, startOn: '2026-09-07' });
    const spring = ws.call('cohorts.create', { programId: program.id, startOn: '2027-02-01', priceMinor: 70_000_00 });
    const people = ['Anna', 'Béla', 'Csilla', 'Dóra', 'Emese'].map((firstName) =>
      ws.call('clients.create', { firstName, lastName: 'Teszt' }),
    );
    const statuses = ['confirmed', 'trial', 'inquiry', 'waitlist', 'confirmed'] as const;
    people.forEach((person, i) => ws.call('enrollments.create', { clientId: person.id, cohortId: autumn.id, status: statuses[i] }));
    // A deleted client no longer holds a seat.
    ws.call('clients.delete', { id: people[4]!.id });

    const list = ws.call('cohorts.list', {});
    expect(list.map((c) => c.id)).toEqual([spring.id, autumn.id]);
    expect(list[1]).toMatchObject({
      programName: 'Kerámia',
      teacherName: 'Szabó Márta',
      roomName: null,
      seatsTaken: 2,
      effectivePriceMinor: 80_000_00,
    });
    expect(list[0]).toMatchObject({ seatsTaken: 0, effectivePriceMinor: 70_000_00 });
    expect(ws.call('cohorts.list', { status: ['open'] })).toEqual([]);

    const detail = ws.call('cohorts.get', { id: autumn.id });
    expect(detail.seatsTaken).toBe(2);
    expect(detail.roster.map((r) => [r.clientName, r.status])).toEqual([
      ['Teszt Anna', 'confirmed'],
      ['Teszt Béla', 'trial'],
      ['Teszt Csilla', 'inquiry'],
      ['Teszt Dóra', 'waitlist'],
    ]);
    const anna = detail.roster[0]!;
    expect(anna).toMatchObject({ agreedPriceMinor: 80_000_00, paidMinor: 0, balanceMinor: 80_000_00 });
  });
});

describe('cohorts.delete', () => {
  it('refuses while people are on their way in, and allows it once they are gone', () => {
    const { ws, program } = setup();
    const cohort = ws.call('cohorts.create', { programId: program.id, startOn: '2026-09-07' });
    const client = ws.call('clients.create', { firstName: 'Anna', lastName: 'Kovács' });
    const enrollment = ws.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'thinking' });
    expect(ws.fail('cohorts.delete', { id: cohort.id })).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: ['id'], code: 'has_enrollments' }],
    });
    ws.call('enrollments.setStatus', { id: enrollment.id, status: 'declined' });
    expect(ws.call('cohorts.delete', { id: cohort.id })).toEqual({ id: cohort.id });
    expect(ws.fail('cohorts.get', { id: cohort.id }).code).toBe('NOT_FOUND');
    expect(ws.call('cohorts.list', {})).toEqual([]);
  });
});
