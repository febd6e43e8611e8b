/**
 * A cohort as the edit dialog holds it while someone types — numbers still as
 * typed text, the schedule's weekdays as select values, the price in major units —
 * and the two translations the dialog needs: from a saved cohort to a draft, and
 * from a draft to the API's input. Keeping them as plain functions beside one
 * type means the fields, the schedule editor and the submit cannot disagree on
 * what "empty" means (an empty capacity on a new cohort takes the program's).
 */
import type { MethodInput } from '../../../src-shared/api/contract';
import type { CohortSummary, ScheduleSlot } from '../../../src-shared/api/types';
import type { CohortStatus } from '../../../src-shared/domain';
import { toMinor } from '../../../src-shared/money';

/** What a Mantine NumberInput holds: a number, or the text while it is empty or half typed. */
export type NumberField = number | string;

export interface ScheduleSlotDraft {
  weekday: string;
  startTime: string;
  minutes: NumberField;
}

export interface CohortDraft {
  program: string | null;
  name: string;
  teacher: string | null;
  room: string | null;
  startOn: string;
  endOn: string;
  schedule: ScheduleSlotDraft[];
  capacity: NumberField;
  minimum: NumberField;
  price: NumberField;
  status: CohortStatus;
  published: boolean;
}

/** Null for an empty field; a non-number text is passed on as it is, so the API names the problem. */
export const numberOrNull = (v: NumberField): number | null =>
  typeof v === 'number' ? v : v.trim() === '' ? null : (v as unknown as number);

export function draftOf(cohort: CohortSummary | undefined, programId: string | undefined, exponent: number): CohortDraft {
  return {
    program: cohort?.programId ?? programId ?? null,
    name: cohort?.name ?? '',
    teacher: cohort?.teacherId ?? null,
    room: cohort?.roomId ?? null,
    startOn: cohort?.startOn ?? '',
    endOn: cohort?.endOn ?? '',
    schedule: (cohort?.schedule ?? []).map((s) => ({ weekday: String(s.weekday), startTime: s.startTime, minutes: s.minutes })),
    capacity: cohort?.capacity ?? '',
    minimum: cohort?.minimumToRun ?? '',
    price: cohort?.priceMinor === null || cohort?.priceMinor === undefined ? '' : cohort.priceMinor / 10 ** exponent,
    status: cohort?.status ?? 'planned',
    published: cohort?.published ?? false,
  };
}

export function cohortInputOf(draft: CohortDraft, isNew: boolean, currency: string) {
  const priceValue = numberOrNull(draft.price);
  return {
    programId: draft.program ?? '',
    name: draft.name.trim() === '' ? undefined : draft.name,
    teacherId: draft.teacher,
    roomId: draft.room,
    startOn: draft.startOn || null,
    endOn: draft.endOn || null,
    schedule: draft.schedule.map((s) => ({
      weekday: Number(s.weekday),
      startTime: s.startTime,
      minutes: numberOrNull(s.minutes),
    })) as ScheduleSlot[],
    // Left empty on a new cohort, the capacity comes from the program's default.
    capacity: isNew ? (numberOrNull(draft.capacity) ?? undefined) : numberOrNull(draft.capacity),
    minimumToRun: numberOrNull(draft.minimum),
    priceMinor: typeof priceValue === 'number' ? toMinor(priceValue, currency) : priceValue,
    status: draft.status,
    published: draft.published,
  } satisfies MethodInput<'cohorts.create'>;
}
