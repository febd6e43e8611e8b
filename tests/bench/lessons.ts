/**
 * The lessons benchmark: a school of 300 cohorts (30 teachers, 20 rooms, two
 * lessons a week each, a year long, with the usual holidays closed) has a
 * year of lessons generated in one `lessons.generate` call through the router,
 * as the owner's "generate" does it: every lesson through the write funnel with
 * its change-log entries. Then one cohort's schedule is edited (regenerating
 * only its future lessons), the calendar's busiest view (a month of the whole
 * school, with double bookings) is read, and a 30-student roll call is saved
 * twice: first the whole group, then one correction; every student holds a
 * prepaid package, whose balances and the school's liability are read after. Times only; nothing here
 * asserts a time.
 *
 * `npm run bench` calls `lessonsBenchLines()`; `npx tsx tests/bench/lessons.ts`
 * runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ownerActor } from '../../src-main/api/actors';
import { openWorkspace } from '../../src-main/api/workspace';
import { fixedClock } from '../../src-main/core/context';
import { contextOf, directCallIn, keyBeside } from '../integration/direct';

const cohortCount = 300;
const studentCount = 30;

const holidays = [
  { name: 'Nemzeti ünnep', startsOn: '2026-03-15', endsOn: '2026-03-15' },
  { name: 'Tavaszi szünet', startsOn: '2026-04-02', endsOn: '2026-04-07' },
  { name: 'Pünkösdhétfő', startsOn: '2026-05-25', endsOn: '2026-05-25' },
  { name: 'Nyári szünet', startsOn: '2026-06-22', endsOn: '2026-08-30' },
  { name: 'Őszi szünet', startsOn: '2026-10-23', endsOn: '2026-11-01' },
  { name: 'Téli szünet', startsOn: '2026-12-21', endsOn: '2026-12-31' },
];

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

export function lessonsBenchLines(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-lessons-bench-'));
  const file = join(dir, 'school.db');
  const workspace = openWorkspace(file, {
    key: keyBeside(file),
    clock: fixedClock('2026-01-01T07:00:00Z'),
    initIfEmpty: { schoolName: 'Bench school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
  });
  try {
    const ctx = contextOf(workspace, ownerActor(workspace.db));
    const call = <T>(method: string, input: unknown): T => {
      const result = directCallIn(ctx, method, input);
      if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    const teachers = Array.from({ length: 30 }, (_, i) => call<{ id: string }>('teachers.create', { name: `Tanár ${i + 1}` }).id);
    const rooms = Array.from({ length: 20 }, (_, i) => call<{ id: string }>('rooms.create', { name: `Terem ${i + 1}` }).id);
    const program = call<{ id: string }>('programs.create', { name: 'Angol', lessonMinutes: 60 }).id;
    for (const holiday of holidays) call('closures.create', holiday);
    const cohorts = Array.from(
      { length: cohortCount },
      (_, i) =>
        call<{ id: string }>('cohorts.create', {
          programId: program,
          name: `Csoport ${i + 1}`,
          teacherId: teachers[i % teachers.length],
          roomId: rooms[i % rooms.length],
          startOn: '2026-01-05',
          endOn: '2026-12-31',
          schedule: [
            { weekday: 1 + (i % 5), startTime: `${String(8 + (i % 12)).padStart(2, '0')}:00`, minutes: 60 },
            { weekday: 1 + ((i + 2) % 5), startTime: `${String(8 + ((i + 5) % 12)).padStart(2, '0')}:30`, minutes: 90 },
          ],
          status: 'running',
        }).id,
    );

    const generated = timed(() => call<{ created: number }>('lessons.generate', { cohortIds: cohorts }));
    const lessonCount = generated.value.created;
    // What the Generate button does: one more group's year, on top of the full school.
    const one = call<{ id: string }>('cohorts.create', {
      programId: program,
      name: 'Egy csoport',
      teacherId: teachers[0],
      startOn: '2026-01-05',
      endOn: '2026-12-31',
      schedule: [{ weekday: 6, startTime: '09:00', minutes: 60 }],
      status: 'running',
    }).id;
    const single = timed(() => call<{ created: number }>('lessons.generate', { cohortIds: [one] }));
    const edit = timed(() => call('cohorts.update', { id: cohorts[0], schedule: [{ weekday: 3, startTime: '10:00', minutes: 60 }] }));
    const month = timed(() => call<unknown[]>('lessons.list', { from: '2026-09-28', to: '2026-11-08' }));

    const group = cohorts[1] as string;
    const enrollments: string[] = [];
    for (let i = 0; i < studentCount; i++) {
      const client = call<{ id: string }>('clients.create', { firstName: `Diák ${i + 1}`, lastName: 'Bench' });
      enrollments.push(
        call<{ id: string }>('enrollments.create', { clientId: client.id, programId: program, cohortId: group, status: 'confirmed' }).id,
      );
    }
    // Every student holds a 10-lesson package, so the roll call below is read back against them.
    const clientIds = enrollments.map(
      (id) => (workspace.db.sqlite.prepare('SELECT client_id FROM enrollments WHERE id = ?').pluck().get(id) as string) ?? '',
    );
    enrollments.forEach((enrollmentId, i) =>
      call('packages.sell', {
        holderClientId: clientIds[i],
        enrollmentId,
        unit: 'lessons',
        quantity: 10,
        priceMinor: 6_000_000,
        startsOn: '2026-01-01',
        payment: { method: 'cash' },
      }),
    );
    const lesson = call<{ id: string }[]>('lessons.list', { from: '2026-01-05', to: '2026-01-31', cohortId: group })[0]?.id;
    const marks = enrollments.map((enrollmentId, i) => ({ enrollmentId, state: i % 7 === 0 ? 'absent' : 'present' }));
    const rollCall = timed(() => call('attendance.record', { lessonId: lesson, marks }));
    const correction = timed(() =>
      call('attendance.record', { lessonId: lesson, marks: marks.map((m, i) => (i === 0 ? { ...m, state: 'excused' } : m)) }),
    );
    const reread = timed(() => call('lessons.rollCall', { id: lesson }));
    const balance = timed(() => call('packages.list', { clientId: clientIds[0] }));
    const liability = timed(() => call('packages.liability', {}));
    const changes = workspace.db.sqlite.prepare('SELECT count(*) FROM changes').pluck().get() as number;

    const fmt = (ms: number) => (ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);
    return [
      '## Lessons and roll call',
      '',
      `${cohortCount} cohorts, two lessons a week each from 5 January to 31 December 2026, ${holidays.length} closures; ${changes.toLocaleString('en-US')} change-log entries at the end.`,
      '',
      '| measurement | time |',
      '|---|---:|',
      `| lessons.generate: a year for ${cohortCount} cohorts in one call (${lessonCount.toLocaleString('en-US')} lessons through the funnel) | ${fmt(generated.ms)} |`,
      `| per lesson generated | ${fmt(generated.ms / Math.max(1, lessonCount))} |`,
      `| lessons.generate: one more cohort's year (${single.value.created} lessons), as the Generate button does it | ${fmt(single.ms)} |`,
      `| cohorts.update: one cohort's schedule edited, its future lessons regenerated | ${fmt(edit.ms)} |`,
      `| lessons.list: six weeks of the whole school with double bookings (${month.value.length.toLocaleString('en-US')} lessons) | ${fmt(month.ms)} |`,
      `| attendance.record: a ${studentCount}-student roll call saved (${studentCount} marks + timeline lines) | ${fmt(rollCall.ms)} |`,
      `| attendance.record: the same roll call saved again with one correction | ${fmt(correction.ms)} |`,
      `| lessons.rollCall: the ${studentCount}-student register read back | ${fmt(reread.ms)} |`,
      `| packages.list: one student's package balances, from roll call | ${fmt(balance.ms)} |`,
      `| packages.liability: the school's lessons paid for and not yet given (${studentCount} packages) | ${fmt(liability.ms)} |`,
      '',
    ];
  } finally {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(lessonsBenchLines().join('\n'));
