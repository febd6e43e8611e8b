/**
 * `reminders.hidden` through the real router on a real SQLite file: what was
 * snoozed or dismissed is listed newest first with what names it (client, program,
 * cohort, due day, how and when it was hidden) until the snooze runs out, the
 * reminder is brought back or its subject is gone; amounts follow the role, and
 * the list is capped with its whole count.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src-main/core/context';
import { createUser } from '../../src-main/services/users';
import type { ReminderKind } from '../../src-shared/api/today-methods';
import { openTestWorkspace, type TestWorkspace } from './helpers';

function seed(w: TestWorkspace) {
  const program = w.call('programs.create', { name: 'Angol A1', defaultPriceMinor: 12_000_000 });
  const cohort = w.call('cohorts.create', {
    programId: program.id,
    name: 'Tavaszi csoport',
    startOn: '2026-03-16',
    capacity: 8,
    minimumToRun: 3,
    status: 'open',
    schedule: [{ weekday: 2, startTime: '17:30', minutes: 90 }],
  });
  const anna = w.call('clients.create', { firstName: 'Anna', lastName: 'Kiss' });
  const bela = w.call('clients.create', { firstName: 'Béla', lastName: 'Nagy' });
  const thinking = w.call('enrollments.create', { clientId: anna.id, programId: program.id, status: 'thinking', followUpOn: '2026-03-09' });
  const confirmed = w.call('enrollments.create', { clientId: bela.id, cohortId: cohort.id, status: 'confirmed' });
  w.call('instalments.plan', { enrollmentId: confirmed.id, count: 3, firstDueOn: '2026-02-01' });
  return { program, cohort, anna, bela, thinking, confirmed };
}

function actorOf(w: TestWorkspace, role: 'assistant' | 'teacher'): Actor {
  const user = createUser(w.ctx, { username: role, displayName: role, role });
  return { userId: user.id, username: role, role };
}

const keys = (items: { kind: string; subjectId: string }[]) => items.map((i) => `${i.kind} ${i.subjectId}`);

describe('reminders.hidden', () => {
  it('lists a snooze and a dismissal, newest first, with who, what, when due and how hidden', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    expect(w.call('reminders.hidden', {})).toEqual({ asOf: '2026-03-10', total: 0, amountsVisible: true, items: [] });
    const today = w.call('today.get', {});
    const followUp = today.followUps[0]!;
    const overdue = today.overdue[0]!;

    w.call('reminders.snooze', { kind: followUp.kind, subjectId: followUp.subjectId, until: '2026-03-13' });
    w.clock.advance(60_000);
    w.call('reminders.dismiss', { kind: overdue.kind, subjectId: overdue.subjectId });
    w.clock.advance(60_000);
    w.call('reminders.dismiss', { kind: 'cohort_health', subjectId: `${s.cohort.id}:under_minimum` });

    const hidden = w.call('reminders.hidden', {});
    expect(hidden.total).toBe(3);
    expect(hidden.items).toEqual([
      {
        kind: 'cohort_health',
        subjectId: `${s.cohort.id}:under_minimum`,
        name: 'Tavaszi csoport',
        clientId: null,
        clientName: null,
        cohortId: s.cohort.id,
        cohortName: 'Tavaszi csoport',
        programName: 'Angol A1',
        dueOn: '2026-03-16',
        snoozedUntil: null,
        dismissedAt: '2026-03-10T09:02:00.000Z',
        hiddenAt: '2026-03-10T09:02:00.000Z',
      },
      {
        kind: 'instalment_overdue',
        subjectId: overdue.subjectId,
        name: s.bela.displayName,
        clientId: s.bela.id,
        clientName: s.bela.displayName,
        cohortId: null,
        cohortName: 'Tavaszi csoport',
        programName: 'Angol A1',
        dueOn: '2026-02-01',
        amountMinor: 4_000_000,
        snoozedUntil: null,
        dismissedAt: '2026-03-10T09:01:00.000Z',
        hiddenAt: '2026-03-10T09:01:00.000Z',
      },
      {
        kind: 'follow_up',
        subjectId: followUp.subjectId,
        name: s.anna.displayName,
        clientId: s.anna.id,
        clientName: s.anna.displayName,
        cohortId: null,
        cohortName: null,
        programName: 'Angol A1',
        dueOn: '2026-03-09',
        snoozedUntil: '2026-03-13',
        dismissedAt: null,
        hiddenAt: '2026-03-10T09:00:00.000Z',
      },
    ]);
    // Exactly what today.get leaves out.
    const after = w.call('today.get', {});
    expect(after.followUps).toEqual([]);
    expect(after.overdue.map((i) => i.subjectId)).not.toContain(overdue.subjectId);
    expect(after.cohortHealth).toEqual([]);
  });

  it('lets a snooze run out on its day, and forgets a reminder brought back', () => {
    const w = openTestWorkspace();
    seed(w);
    const [followUp] = w.call('today.get', {}).followUps;
    const task = w.call('tasks.create', { title: 'Terem bérleti díja', dueOn: '2026-03-10' });
    w.call('reminders.snooze', { kind: 'follow_up', subjectId: followUp!.subjectId, until: '2026-03-12' });
    w.call('reminders.dismiss', { kind: 'task', subjectId: task.id });

    expect(keys(w.call('reminders.hidden', { asOf: '2026-03-11' }).items)).toEqual([`task ${task.id}`, `follow_up ${followUp!.subjectId}`]);
    expect(keys(w.call('reminders.hidden', { asOf: '2026-03-12' }).items)).toEqual([`task ${task.id}`]);
    expect(w.call('today.get', { asOf: '2026-03-12' }).followUps.map((f) => f.subjectId)).toEqual([followUp!.subjectId]);

    w.call('reminders.restore', { kind: 'task', subjectId: task.id });
    expect(keys(w.call('reminders.hidden', {}).items)).toEqual([`follow_up ${followUp!.subjectId}`]);
  });

  it('leaves out reminders whose subject is gone, paid, done or moved to another day', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    const task = w.call('tasks.create', { title: 'Számla küldése', dueOn: '2026-03-10' });
    const done = w.call('tasks.create', { title: 'Tankönyvek', dueOn: '2026-03-10' });
    const today = w.call('today.get', {});
    for (const item of [...today.followUps, ...today.overdue, ...today.tasks])
      w.call('reminders.dismiss', { kind: item.kind, subjectId: item.subjectId });
    expect(w.call('reminders.hidden', {}).total).toBe(5);

    w.call('tasks.delete', { id: task.id });
    w.call('tasks.complete', { id: done.id });
    w.call('payments.create', { clientId: s.bela.id, amountMinor: 4_000_000, method: 'cash' });
    expect(w.call('reminders.hidden', {}).items.map((i) => [i.kind, i.dueOn])).toEqual([
      ['instalment_overdue', '2026-03-01'],
      ['follow_up', '2026-03-09'],
    ]);
    w.call('clients.delete', { id: s.anna.id });
    expect(keys(w.call('reminders.hidden', {}).items)).toEqual([`instalment_overdue ${today.overdue[1]!.subjectId}`]);
  });

  it('gives amounts only to a role that sees money across clients, and money reminders only to one that sees payments', () => {
    const w = openTestWorkspace();
    seed(w);
    const assistant = actorOf(w, 'assistant');
    const teacher = actorOf(w, 'teacher');
    const today = w.call('today.get', {});
    w.call('reminders.dismiss', { kind: today.overdue[0]!.kind, subjectId: today.overdue[0]!.subjectId });
    w.call('reminders.dismiss', { kind: today.followUps[0]!.kind, subjectId: today.followUps[0]!.subjectId });

    expect(w.call('reminders.hidden', {}).items.find((i) => i.kind === 'instalment_overdue')?.amountMinor).toBe(4_000_000);
    const seenByAssistant = w.call('reminders.hidden', {}, assistant);
    expect(seenByAssistant.amountsVisible).toBe(false);
    expect(seenByAssistant.items.map((i) => i.kind)).toEqual(['follow_up', 'instalment_overdue']);
    expect(seenByAssistant.items.every((i) => !('amountMinor' in i))).toBe(true);
    const seenByTeacher = w.call('reminders.hidden', {}, teacher);
    expect(seenByTeacher.items.map((i) => i.kind)).toEqual(['follow_up']);
  });

  it('finds every kind of reminder Today lists once all are hidden, with the amounts Today showed', () => {
    const w = openTestWorkspace();
    const s = seed(w);
    w.call('settings.update', { lowBalanceMinor: 500_000 });
    const chen = w.call('clients.create', { firstName: '静', lastName: '陈', birthDate: '1990-03-12' });
    w.call('payments.create', { clientId: chen.id, amountMinor: 100_000, method: 'cash' });
    w.call('enrollments.create', { clientId: chen.id, programId: s.program.id, status: 'thinking' });
    w.call('enrollments.create', { clientId: s.anna.id, cohortId: s.cohort.id, status: 'trial', notifyBeforeDays: 7 });
    const dora = w.call('clients.create', { firstName: 'Dóra', lastName: 'Tóth' });
    const due = w.call('enrollments.create', { clientId: dora.id, programId: s.program.id, status: 'confirmed' });
    w.call('instalments.plan', { enrollmentId: due.id, count: 1, firstDueOn: '2026-03-12' });
    w.call('tasks.create', { title: 'Terem bérleti díja', clientId: dora.id });

    const today = w.call('today.get', {});
    const listed = new Map<string, number | undefined>();
    const add = (kind: string, subjectId: string, amount?: number) => listed.set(`${kind} ${subjectId}`, amount);
    for (const i of [...today.followUps, ...today.noCallBack, ...today.birthdays, ...today.tasks, ...today.cohortHealth])
      add(i.kind, i.subjectId);
    for (const i of [...today.overdue, ...today.dueSoon]) add(i.kind, i.subjectId, i.outstandingMinor);
    for (const i of today.lowBalance) add(i.kind, i.subjectId, i.prepaidMinor);
    for (const c of today.cohortStarts) [c, ...c.toNotify].forEach((p) => add(c.kind, p.subjectId));
    for (const c of today.invites) [c, ...c.interested].forEach((p) => add(c.kind, p.subjectId));
    const kinds = new Set([...listed.keys()].map((k) => k.split(' ')[0]));
    expect(kinds).toEqual(
      new Set([
        'follow_up',
        'instalment_overdue',
        'instalment_due',
        'cohort_start',
        'cohort_invite',
        'cohort_health',
        'low_balance',
        'birthday',
        'task',
      ]),
    );

    for (const key of listed.keys()) {
      const [kind, subjectId] = key.split(' ') as [ReminderKind, string];
      w.call('reminders.snooze', { kind, subjectId, until: '2026-03-11' });
    }
    const hidden = w.call('reminders.hidden', {});
    expect(new Map(hidden.items.map((i) => [`${i.kind} ${i.subjectId}`, i.amountMinor]))).toEqual(listed);
    expect(hidden.total).toBe(listed.size);
    expect(w.call('today.get', {}).counts.total).toBe(0);
    expect(w.call('reminders.hidden', { asOf: '2026-03-11' }).total).toBe(0);
  });

  it('answers the newest two hundred with the whole count', () => {
    const w = openTestWorkspace();
    const ids: string[] = [];
    for (let i = 0; i < 205; i++) {
      const task = w.call('tasks.create', { title: `Feladat ${i}` });
      w.call('reminders.dismiss', { kind: 'task', subjectId: task.id });
      w.clock.advance(1_000);
      ids.push(task.id);
    }
    const hidden = w.call('reminders.hidden', {});
    expect(hidden.total).toBe(205);
    expect(hidden.items).toHaveLength(200);
    expect(hidden.items[0]!.subjectId).toBe(ids[204]);
    expect(hidden.items[199]!.subjectId).toBe(ids[5]);
  });
});
