/**
 * Lessons and roll call between two machines through a real sync folder: the
 * owner's generated lessons, closed days and exceptions reach the assistant's
 * machine; both take roll call for the same lesson offline; after syncing both
 * ways the replicas hold the same rows, nothing was refused, the later mark
 * counts on both, and the assistant's marks are on the owner's client timeline.
 */
import { describe, expect, it } from 'vitest';
import type { LessonView } from '../../src-shared/api/lessons-methods';
import { syncNow } from '../../src-main/sync';
import { diskFolder } from '../../src-main/sync/folder';
import { tempDir } from './helpers';
import { joinReplica, liveRows, ownerReplica } from './sync-helpers';

describe('lessons and roll call through sync', () => {
  it('converges lessons, closures, exceptions and concurrent roll calls, the later mark counting', () => {
    const folder = diskFolder(tempDir());
    const owner = ownerReplica(folder);
    const teacher = owner.call('teachers.create', { name: 'Kovács Éva' });
    const program = owner.call('programs.create', { name: 'Angol A1' });
    const cohort = owner.call('cohorts.create', {
      programId: program.id,
      name: 'Hétfői csoport',
      teacherId: teacher.id,
      startOn: '2026-03-02',
      endOn: '2026-03-30',
      schedule: [{ weekday: 1, startTime: '17:00', minutes: 60 }],
      status: 'running',
    });
    const enrollments = ['Anna', 'Bence'].map((firstName) => {
      const client = owner.call('clients.create', { firstName, lastName: 'Kiss' });
      return {
        clientId: client.id,
        id: owner.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'confirmed' }).id,
      };
    });
    owner.call('closures.create', { name: 'Szünet', startsOn: '2026-03-23', endsOn: '2026-03-23' });
    owner.call('lessons.generate', { cohortIds: [cohort.id] });
    const assistant = joinReplica(owner, folder, { username: 'anna', role: 'assistant' });
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);

    const range = { from: '2026-03-01', to: '2026-03-31', cohortId: cohort.id };
    const onAssistant = assistant.call('lessons.list', range);
    expect(onAssistant.map((l) => l.startsOn)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-30']);
    expect(assistant.call('closures.list', {}).map((c) => c.name)).toEqual(['Szünet']);
    const lesson = onAssistant[1] as LessonView;
    const [anna, bence] = enrollments as [{ clientId: string; id: string }, { clientId: string; id: string }];

    // Offline on both machines: the assistant takes roll call first, the owner a minute later corrects Anna and moves a lesson.
    assistant.call('attendance.record', {
      lessonId: lesson.id,
      marks: [
        { enrollmentId: anna.id, state: 'absent' },
        { enrollmentId: bence.id, state: 'present' },
      ],
    });
    owner.clock.advance(60_000);
    owner.call('attendance.record', { lessonId: lesson.id, marks: [{ enrollmentId: anna.id, state: 'excused' }] });
    owner.call('lessons.update', { id: (onAssistant[2] as LessonView).id, startTime: '18:00' });
    assistant.clock.advance(120_000);
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);
    syncNow(owner.db, folder, owner.clock);

    expect(liveRows(owner.db)).toEqual(liveRows(assistant.db));
    for (const db of [owner.db, assistant.db]) expect(db.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
    for (const replica of [owner, assistant]) {
      const marks = replica.call('lessons.rollCall', { id: lesson.id }).students.map((s) => [s.clientName, s.state]);
      expect(marks).toEqual([
        ['Kiss Anna', 'excused'],
        ['Kiss Bence', 'present'],
      ]);
      expect(replica.call('lessons.list', range).find((l) => l.startsOn === '2026-03-16')).toMatchObject({
        moved: true,
        startTime: '18:00',
      });
    }
    const timeline = owner.call('clients.get', { id: anna.clientId }).activities.filter((a) => a.kind === 'attendance');
    expect(timeline.map((a) => a.summary)).toEqual([
      'Angol A1 (Hétfői csoport) · 2026-03-09 17:00: excused',
      'Angol A1 (Hétfői csoport) · 2026-03-09 17:00: absent',
    ]);
    expect(timeline[1]?.userId).toBe(assistant.actor.userId);
  });

  it('gives the same package balance on both machines when one sells and the other takes roll call offline', () => {
    const folder = diskFolder(tempDir());
    const owner = ownerReplica(folder);
    const program = owner.call('programs.create', { name: 'Zongora' });
    const cohort = owner.call('cohorts.create', {
      programId: program.id,
      name: 'Keddi zongora',
      startOn: '2026-03-03',
      endOn: '2026-03-31',
      schedule: [{ weekday: 2, startTime: '16:00', minutes: 45 }],
      status: 'running',
    });
    const client = owner.call('clients.create', { firstName: 'Lili', lastName: 'Szabó' });
    const enrollment = owner.call('enrollments.create', { clientId: client.id, cohortId: cohort.id, status: 'confirmed' });
    owner.call('lessons.generate', { cohortIds: [cohort.id] });
    const assistant = joinReplica(owner, folder, { username: 'recepcio', role: 'assistant' });
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);

    // Offline: the assistant sells a package and freezes it; the owner takes roll call for two lessons.
    const sold = assistant.call('packages.sell', {
      holderClientId: client.id,
      enrollmentId: enrollment.id,
      unit: 'lessons',
      quantity: 4,
      priceMinor: 4_000_000,
      startsOn: '2026-03-01',
      payment: { method: 'card' },
    });
    assistant.call('packages.freeze', { packageId: sold.id, startsOn: '2026-03-10', endsOn: '2026-03-10' });
    const lessons = owner.call('lessons.list', { from: '2026-03-01', to: '2026-03-31', cohortId: cohort.id });
    for (const lesson of lessons.slice(0, 2))
      owner.call('attendance.record', { lessonId: lesson.id, marks: [{ enrollmentId: enrollment.id, state: 'present' }] });
    for (let round = 0; round < 2; round++) {
      syncNow(owner.db, folder, owner.clock);
      syncNow(assistant.db, folder, assistant.clock);
    }

    expect(liveRows(owner.db)).toEqual(liveRows(assistant.db));
    for (const db of [owner.db, assistant.db]) expect(db.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
    // 3 March counts; 10 March fell in the freeze.
    for (const replica of [owner, assistant])
      expect(replica.call('packages.list', { clientId: client.id })).toEqual([
        expect.objectContaining({ id: sold.id, used: 1, remaining: 3 }),
      ]);
  });
  it('carries the assistant’s package lines, an ended freeze and a cancelled make-up to the owner, refusing none', () => {
    const folder = diskFolder(tempDir());
    const owner = ownerReplica(folder);
    const program = owner.call('programs.create', { name: 'Zongora' });
    const group = (name: string, weekday: number, startOn: string) =>
      owner.call('cohorts.create', {
        programId: program.id,
        name,
        startOn,
        endOn: '2026-03-31',
        schedule: [{ weekday, startTime: '16:00', minutes: 45 }],
        status: 'running',
      });
    const tuesday = group('Keddi zongora', 2, '2026-03-03');
    const thursday = group('Csütörtöki zongora', 4, '2026-03-05');
    const client = owner.call('clients.create', { firstName: 'Lili', lastName: 'Szabó' });
    const enrollment = owner.call('enrollments.create', { clientId: client.id, cohortId: tuesday.id, status: 'confirmed' });
    owner.call('lessons.generate', { cohortIds: [tuesday.id, thursday.id] });
    const [first] = owner.call('lessons.list', { from: '2026-03-01', to: '2026-03-31', cohortId: tuesday.id });
    owner.call('attendance.record', { lessonId: first!.id, marks: [{ enrollmentId: enrollment.id, state: 'excused' }] });
    const assistant = joinReplica(owner, folder, { username: 'recepcio', role: 'assistant' });
    syncNow(owner.db, folder, owner.clock);
    syncNow(assistant.db, folder, assistant.clock);

    const sold = assistant.call('packages.sell', {
      holderClientId: client.id,
      enrollmentId: enrollment.id,
      unit: 'lessons',
      quantity: 4,
      priceMinor: 0,
      startsOn: '2026-03-01',
    });
    const frozen = assistant.call('packages.freeze', { packageId: sold.id, startsOn: '2026-03-20', endsOn: '2026-03-27' });
    assistant.call('packages.unfreeze', { freezeId: frozen.freezes[0]!.id, from: '2026-03-20' });
    const options = assistant.call('makeups.options', { enrollmentId: enrollment.id });
    assistant.call('makeups.book', { enrollmentId: enrollment.id, lessonId: options.lessons[0]!.id });
    syncNow(assistant.db, folder, assistant.clock);
    syncNow(owner.db, folder, owner.clock);
    assistant.call('makeups.cancel', { enrollmentId: enrollment.id, lessonId: options.lessons[0]!.id });
    for (let round = 0; round < 2; round++) {
      syncNow(assistant.db, folder, assistant.clock);
      syncNow(owner.db, folder, owner.clock);
    }

    expect(liveRows(owner.db)).toEqual(liveRows(assistant.db));
    for (const db of [owner.db, assistant.db]) expect(db.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get()).toBe(0);
    expect(owner.call('makeups.options', { enrollmentId: enrollment.id }).open).toBe(1);
    expect(owner.call('packages.list', { clientId: client.id })).toEqual([expect.objectContaining({ freezes: [], remaining: 4 })]);
    const lines = owner
      .call('activities.list', { clientId: client.id })
      .filter((a) => a.kind === 'package')
      .map((a) => a.summary.split(': ').at(-1));
    expect(lines.reverse()).toEqual(['sold', 'frozen', 'freeze_removed']);
  });
});
