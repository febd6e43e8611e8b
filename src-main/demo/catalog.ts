/**
 * What the demo school offers before anyone enrolls: its teachers and rooms, the
 * programs of vocabulary.ts priced in the workspace's currency, and each program's
 * cohorts from a year back to four months ahead, with the status their dates give
 * them (finished, running, open, planned, now and then cancelled). How many
 * cohorts a program gets follows its share of the school's enrollments, so groups
 * fill about as a real school's do.
 *
 * Cohorts remember the seats they have given, so enrollments.ts can keep a full
 * group full and turn the next person to its waitlist.
 */
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { addDaysIso } from '../../src-shared/dates';
import type { CohortStatus } from '../../src-shared/domain';
import { newId } from '../changes/funnel';
import type { DemoSchool } from './school';
import { programTemplates, teacherNames, type Audience, type ProgramTemplate } from './vocabulary';

export interface CohortPlan {
  id: string;
  program: ProgramPlan;
  startOn: string;
  endOn: string;
  status: CohortStatus;
  capacity: number;
  priceMinor: number;
  seatsTaken: number;
}

export interface ProgramPlan {
  id: string;
  template: ProgramTemplate;
  priceMinor: number;
  cohorts: CohortPlan[];
}

export interface DemoCatalog {
  programs: ProgramPlan[];
  teacherIds: string[];
  roomIds: string[];
  /** Per age group, each program's index and weight: children mostly join children's courses, adults adults'. */
  weightsBy: Record<Audience, readonly (readonly [number, number])[]>;
}

export function buildCatalog(school: DemoSchool, total: number): DemoCatalog {
  const teacherIds = hireTeachers(school, total);
  const roomIds = furnishRooms(school);
  const programs = writePrograms(school);
  const weightSum = programTemplates.reduce((s, t) => s + t.weight, 0);
  const expectedEnrollments = total * 1.05;
  for (const program of programs) {
    const t = program.template;
    const wanted = Math.max(2, Math.round((expectedEnrollments * (t.weight / weightSum)) / Math.max(1, t.capacity * 0.8)));
    openCohorts(school, program, wanted, teacherIds, roomIds);
  }
  return {
    programs,
    teacherIds,
    roomIds,
    weightsBy: {
      child: programWeights(programs, 'child'),
      teen: programWeights(programs, 'teen'),
      adult: programWeights(programs, 'adult'),
    },
  };
}

/** About one teacher per 800 clients, at least six, with an e-mail made from the name where it is in Latin letters. */
function hireTeachers(school: DemoSchool, total: number): string[] {
  const names = teacherNames[school.language];
  const teacherCount = Math.min(names.length, Math.max(6, Math.ceil(total / 800)));
  return names.slice(0, teacherCount).map((name, i) => {
    const id = newId(school.ctx);
    const slug = name
      .normalize('NFD')
      .replace(/[^\p{L}\s]/gu, '')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/\s+/)
      .reverse()
      .join('.');
    school.write({
      op: 'insert',
      table: 'teachers',
      id,
      values: { name, email: /^[a-z.]+$/.test(slug) ? `${slug}@example.org` : `teacher${i + 1}@example.org`, phone: null },
    });
    return id;
  });
}

/** The rooms of the language's phrases; the last one is online and has no capacity. */
function furnishRooms(school: DemoSchool): string[] {
  const { rooms } = school.words;
  return rooms.map((name, i) => {
    const id = newId(school.ctx);
    school.write({ op: 'insert', table: 'rooms', id, values: { name, capacity: i === rooms.length - 1 ? null : school.rng.int(8, 20) } });
    return id;
  });
}

function writePrograms(school: DemoSchool): ProgramPlan[] {
  return programTemplates.map((template) => {
    const id = newId(school.ctx);
    const priceMinor = school.price(template.priceEur);
    school.write({
      op: 'insert',
      table: 'programs',
      id,
      values: {
        name: template.name[school.language],
        kind: template.kind,
        description: null,
        defaultPriceMinor: priceMinor,
        defaultCapacity: template.capacity,
        lessonCount: template.lessons,
        lessonMinutes: template.minutes,
        color: template.color,
      },
    });
    return { id, template, priceMinor, cohorts: [] };
  });
}

const startTimes = ['09:00', '10:00', '16:00', '16:30', '17:00', '17:30', '18:00', '18:30'];

/** `wanted` cohorts of one program, each named by its year, season and a letter within its month. */
function openCohorts(school: DemoSchool, program: ProgramPlan, wanted: number, teacherIds: string[], roomIds: string[]): void {
  const { rng, today, language, words } = school;
  const t = program.template;
  const thisMonth = `${today.slice(0, 7)}-01`;
  const perMonth = new Map<string, number>();
  for (let i = 0; i < wanted; i++) {
    const monthOffset = rng.int(-12, 4);
    const month = format(addMonths(parseISO(thisMonth), monthOffset), 'yyyy-MM-dd');
    const startOn = addDaysIso(month, rng.int(0, 20));
    const weekly = t.lessons === 1 ? 1 : t.lessons >= 14 && rng.chance(0.5) ? 2 : 1;
    const endOn = addDaysIso(startOn, Math.max(0, Math.ceil(t.lessons / weekly) - 1) * 7);
    const cancelled = rng.chance(0.04);
    const status: CohortStatus = cancelled
      ? 'cancelled'
      : endOn < today
        ? 'finished'
        : startOn <= today
          ? 'running'
          : monthOffset >= 3
            ? 'planned'
            : 'open';
    const letter = String.fromCharCode(65 + (perMonth.get(month) ?? 0));
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    const id = newId(school.ctx);
    const startMonth = Number(startOn.slice(5, 7)) - 1;
    const firstDay = rng.int(1, 6);
    const slotTime = t.audience === 'adult' ? rng.pick(startTimes.slice(4)) : rng.pick(startTimes);
    const schedule = Array.from({ length: weekly }, (_, k) => ({
      weekday: ((firstDay - 1 + k * 2) % 6) + 1,
      startTime: slotTime,
      minutes: t.minutes,
    }));
    const priceMinor = rng.chance(0.2) ? school.price(t.priceEur * rng.pick([0.9, 1.1, 1.2])) : program.priceMinor;
    const capacity = t.capacity;
    school.write({
      op: 'insert',
      table: 'cohorts',
      id,
      values: {
        programId: program.id,
        name: `${t.name[language]} – ${startOn.slice(0, 4)} ${words.season(startMonth)} ${letter}`,
        teacherId: rng.pick(teacherIds),
        roomId: rng.pick(roomIds),
        startOn,
        endOn,
        schedule: JSON.stringify(schedule),
        capacity,
        minimumToRun: Math.max(1, Math.floor(capacity / 2)),
        priceMinor: priceMinor === program.priceMinor ? null : priceMinor,
        status,
        published: status === 'open',
      },
    });
    program.cohorts.push({ id, program, startOn, endOn, status, capacity, priceMinor, seatsTaken: 0 });
  }
}

function programWeights(programs: readonly ProgramPlan[], audience: Audience): (readonly [number, number])[] {
  return programs.map(
    (p, i) =>
      [
        i,
        p.template.audience === audience || (audience === 'teen' && p.template.audience === 'child')
          ? p.template.weight * 3
          : p.template.weight * (audience === 'adult' ? 0.05 : 0.3),
      ] as const,
  );
}
