/**
 * The program form's values and their translation to and from the API. Prices
 * are typed in major units (forints, euros) and sent as integer minor units;
 * a number box that holds something that is not a number is sent as it is, so
 * the API, the single judge of validity, reports it next to the field instead
 * of the form silently dropping it.
 */
import type { MethodInput } from '../../../src-shared/api/contract';
import type { Program } from '../../../src-shared/api/types';
import { type ProgramKind } from '../../../src-shared/domain';
import { currencyExponent, toMinor } from '../../../src-shared/money';

/** What a Mantine NumberInput holds: a number, or the raw text while it is empty or incomplete. */
export type NumberField = number | string;

export interface ProgramFormValues {
  name: string;
  kind: ProgramKind;
  description: string;
  defaultPriceMajor: NumberField;
  defaultCapacity: NumberField;
  lessonCount: NumberField;
  lessonMinutes: NumberField;
  archived: boolean;
}

export type ProgramFormField = keyof ProgramFormValues;

export const emptyProgramForm: ProgramFormValues = {
  name: '',
  kind: 'course',
  description: '',
  defaultPriceMajor: '',
  defaultCapacity: '',
  lessonCount: '',
  lessonMinutes: '',
  archived: false,
};

export function programToForm(program: Program, currency: string): ProgramFormValues {
  const orEmpty = (n: number | null) => (n === null ? '' : n);
  return {
    name: program.name,
    kind: program.kind,
    description: program.description ?? '',
    defaultPriceMajor: program.defaultPriceMinor === null ? '' : program.defaultPriceMinor / 10 ** currencyExponent(currency),
    defaultCapacity: orEmpty(program.defaultCapacity),
    lessonCount: orEmpty(program.lessonCount),
    lessonMinutes: orEmpty(program.lessonMinutes),
    archived: program.archived,
  };
}

function numberOrNull(value: NumberField): number | null {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? null : (value as unknown as number);
}

export function formToProgramInput(values: ProgramFormValues, currency: string): MethodInput<'programs.create'> {
  const price = numberOrNull(values.defaultPriceMajor);
  return {
    name: values.name,
    kind: values.kind,
    description: values.description.trim() === '' ? null : values.description,
    defaultPriceMinor: typeof price === 'number' ? toMinor(price, currency) : price,
    defaultCapacity: numberOrNull(values.defaultCapacity),
    lessonCount: numberOrNull(values.lessonCount),
    lessonMinutes: numberOrNull(values.lessonMinutes),
    archived: values.archived,
  };
}

/** The API's input path (its first segment) for each form field that differs in name. */
const formFieldOfApiPath: Record<string, ProgramFormField> = {
  name: 'name',
  kind: 'kind',
  description: 'description',
  defaultPriceMinor: 'defaultPriceMajor',
  defaultCapacity: 'defaultCapacity',
  lessonCount: 'lessonCount',
  lessonMinutes: 'lessonMinutes',
  archived: 'archived',
};

export function formFieldOf(apiPath: string): ProgramFormField | undefined {
  return Object.prototype.hasOwnProperty.call(formFieldOfApiPath, apiPath) ? formFieldOfApiPath[apiPath] : undefined;
}
