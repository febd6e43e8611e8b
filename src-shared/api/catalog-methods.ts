/**
 * What the school offers: programs, teachers, rooms and the cohorts (groups)
 * that open on a date with a teacher, a room and a weekly schedule.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { cohortStatuses, programKinds } from '../domain';
import { byId, empty, idSchema, isoDate, moneyMinor, name, optionalText, read, write, timeOfDay, type MethodSpec } from './spec';
import type { Cohort, CohortDetail, CohortSummary, Program, Room, Teacher } from './types';

const scheduleSlot = z.object({
  weekday: z.number().int().min(1).max(7),
  startTime: timeOfDay,
  minutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
});

const programFields = {
  name,
  kind: z.enum(programKinds).default('course'),
  description: optionalText(),
  defaultPriceMinor: moneyMinor.nullish(),
  defaultCapacity: z.number().int().min(1).max(10_000).nullish(),
  lessonCount: z.number().int().min(1).max(10_000).nullish(),
  lessonMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .nullish(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #228be6')
    .nullish(),
  archived: z.boolean().optional(),
};

const cohortFields = {
  programId: idSchema,
  name: z.string().trim().max(200).optional(),
  teacherId: idSchema.nullish(),
  roomId: idSchema.nullish(),
  startOn: isoDate.nullish(),
  endOn: isoDate.nullish(),
  schedule: z.array(scheduleSlot).max(14).optional(),
  capacity: z.number().int().min(1).max(10_000).nullish(),
  minimumToRun: z.number().int().min(0).max(10_000).nullish(),
  priceMinor: moneyMinor.nullish(),
  status: z.enum(cohortStatuses).optional(),
  published: z.boolean().optional(),
};

export const catalogMethods = {
  'programs.list': read<Program[]>()(
    'workspace.read',
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
    'Programs, by name.',
  ),
  'programs.create': write<Program>()('catalog.write', z.object(programFields), 'Create a program.'),
  'programs.update': write<Program>()(
    'catalog.write',
    z.object({ id: idSchema, ...z.object(programFields).partial().shape }),
    'Edit a program.',
  ),
  'programs.delete': write<{ id: string }>()('records.delete', byId, 'Delete a program (soft; its cohorts must be deleted first).'),
  'teachers.list': read<Teacher[]>()('workspace.read', empty, 'Teachers, by name.'),
  'teachers.create': write<Teacher>()(
    'catalog.write',
    z.object({ name, email: z.email().nullish(), phone: optionalText(40), userId: idSchema.nullish() }),
    'Add a teacher.',
  ),
  'teachers.update': write<Teacher>()(
    'catalog.write',
    z.object({
      id: idSchema,
      name: name.optional(),
      email: z.email().nullish(),
      phone: optionalText(40),
      archived: z.boolean().optional(),
    }),
    'Edit a teacher.',
  ),
  'teachers.delete': write<{ id: string }>()('records.delete', byId, 'Delete a teacher (soft).'),
  'rooms.list': read<Room[]>()('workspace.read', empty, 'Rooms, by name.'),
  'rooms.create': write<Room>()('catalog.write', z.object({ name, capacity: z.number().int().min(1).nullish() }), 'Add a room.'),
  'rooms.update': write<Room>()(
    'catalog.write',
    z.object({ id: idSchema, name: name.optional(), capacity: z.number().int().min(1).nullish(), archived: z.boolean().optional() }),
    'Edit a room.',
  ),
  'rooms.delete': write<{ id: string }>()('records.delete', byId, 'Delete a room (soft).'),
  'cohorts.list': read<CohortSummary[]>()(
    'workspace.read',
    z.object({ programId: idSchema.optional(), status: z.array(z.enum(cohortStatuses)).optional() }).default({}),
    'Cohorts with program, teacher, room and seats taken; newest start first.',
  ),
  'cohorts.get': read<CohortDetail>()(
    'clients.read',
    byId,
    'A cohort with its roster (status, agreed price, paid, balance, next instalment).',
  ),
  'cohorts.create': write<Cohort>()('catalog.write', z.object(cohortFields), 'Open a cohort of a program.'),
  'cohorts.update': write<Cohort>()(
    'catalog.write',
    z.object({ id: idSchema, ...z.object(cohortFields).partial().shape }),
    'Edit a cohort.',
  ),
  'cohorts.delete': write<{ id: string }>()('records.delete', byId, 'Delete a cohort (soft; only without active enrollments).'),
} as const satisfies Record<string, MethodSpec>;
