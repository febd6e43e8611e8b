/**
 * The school's own lists — source channels, reasons lost, client tags — and the
 * client fields it requires. They live as JSON arrays on the settings row, so a
 * list edited on two machines converges per list by last writer, like any column.
 *
 * Required fields are checked here and called from every path that writes a
 * client (create, edit, paste, import), on the client as it will be after the
 * write, so an edit that leaves a required field empty is refused just like a new
 * client without it. The error names the field, so the screen shows it beside
 * that field in the user's language.
 */
import type { MethodParsedInput } from '../../src-shared/api/contract';
import { requirableClientFields, type RequirableClientField, type SchoolLists } from '../../src-shared/api/marketing-methods';
import { AppError, type FieldError } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { getSettings } from './settings';

interface ListColumns {
  requiredClientFields?: string;
  sourceChannels?: string;
  lostReasons?: string;
  clientTags?: string;
}

function parseList(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function getSchoolLists(ctx: Pick<ServiceContext, 'db'>): SchoolLists {
  const row = getSettings(ctx) as unknown as ListColumns;
  const known = new Set<string>(requirableClientFields);
  return {
    requiredClientFields: parseList(row.requiredClientFields).filter((f): f is RequirableClientField => known.has(f)),
    sourceChannels: parseList(row.sourceChannels),
    lostReasons: parseList(row.lostReasons),
    clientTags: parseList(row.clientTags),
  };
}

export function updateSchoolLists(ctx: ServiceContext, input: MethodParsedInput<'schoolLists.update'>): SchoolLists {
  const settings = getSettings(ctx);
  const values: Record<string, string> = {};
  for (const key of ['requiredClientFields', 'sourceChannels', 'lostReasons', 'clientTags'] as const) {
    const list = input[key];
    if (list !== undefined) values[key] = JSON.stringify(list);
  }
  if (Object.keys(values).length > 0) applyChanges(ctx, [{ op: 'update', table: 'settings', id: settings.id, values }]);
  return getSchoolLists(ctx);
}

/** A client as the required-fields rule reads it: the stored columns' camelCase values after the write. */
export type ClientForRules = Partial<Record<RequirableClientField, unknown>>;

const isBlank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** The required fields `client` leaves empty, as field errors at `path` + field (code `required`). */
export function missingRequiredFields(
  required: readonly RequirableClientField[],
  client: ClientForRules,
  path: (string | number)[] = [],
): FieldError[] {
  return required
    .filter((field) => isBlank(client[field]))
    .map((field) => ({ path: [...path, field], code: 'required', message: `${field} is required by the school` }));
}

/** Refuses a client that leaves a field the school requires empty. */
export function requireClientFields(required: readonly RequirableClientField[], client: ClientForRules): void {
  const missing = missingRequiredFields(required, client);
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `Required by the school: ${missing.map((m) => m.path.at(-1)).join(', ')}`, missing);
  }
}

/** Refuses a source channel that is not on the school's list (a blank one is no channel). */
export function requireListedChannel(ctx: Pick<ServiceContext, 'db'>, channel: string | null | undefined, path: (string | number)[]): void {
  if (isBlank(channel)) return;
  if (getSchoolLists(ctx).sourceChannels.includes(String(channel))) return;
  throw new AppError('VALIDATION', `${String(channel)} is not one of the school's source channels`, [
    { path, code: 'not_in_list', message: 'Not one of the school’s source channels' },
  ]);
}
