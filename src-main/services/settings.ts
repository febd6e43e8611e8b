/**
 * The workspace: one settings row (its id is the workspace id), the first owner
 * and the default message templates. `initWorkspace` is what first run (app or `tanoda init`) does; every
 * other service reads currency, country and time zone through `getSettings`.
 */
import { isNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/errors';
import type { Settings } from '../../src-shared/api/types';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import { applyChanges } from '../changes/funnel';
import { settings } from '../db/schema';
import { preparedQuery } from '../db/statements';
import { systemActor, type ServiceContext } from '../core/context';
import { repairDefaultTemplates } from './default-templates';
import { createUser } from './users';

export interface InitOptions {
  schoolName?: string;
  currency?: string;
  locale?: string;
  timeZone?: string;
  ownerUsername?: string;
  ownerDisplayName?: string;
  ownerPassword?: string;
}

/** The region of a BCP 47 tag ("hu-HU" -> "HU"), the default country for phone numbers. */
export function regionOf(locale: string): string | null {
  try {
    return new Intl.Locale(locale).maximize().region ?? null;
  } catch {
    return null;
  }
}

/**
 * Nearly every call reads the settings (the time zone of "today", the country of a
 * phone), so the query is prepared once per connection rather than built and
 * prepared again on every call.
 */
export function findSettings(ctx: Pick<ServiceContext, 'db'>): Settings | undefined {
  const { orm } = ctx.db;
  const query = preparedQuery(orm, 'settings', () => orm.select().from(settings).where(isNull(settings.deletedAt)).limit(1).prepare());
  return query.get() as Settings | undefined;
}

export function getSettings(ctx: Pick<ServiceContext, 'db'>): Settings {
  const row = findSettings(ctx);
  if (!row) throw new AppError('NOT_FOUND', 'This database has no workspace yet: run `tanoda init` or start the app once');
  return row;
}

export function isInitialised(ctx: Pick<ServiceContext, 'db'>): boolean {
  return findSettings(ctx) !== undefined;
}

/** Creates the settings row, the owner account and the default message templates. Refuses a second run. */
export function initWorkspace(ctx: Omit<ServiceContext, 'actor'>, options: InitOptions = {}): Settings {
  if (isInitialised(ctx)) throw new AppError('CONFLICT', 'This database already holds a workspace');
  const locale = options.locale ?? 'en-GB';
  const system = { ...ctx, actor: systemActor };
  return ctx.db.sqlite.transaction(() => {
    applyChanges(system, [
      {
        op: 'insert',
        table: 'settings',
        values: {
          schoolName: options.schoolName ?? 'My school',
          currency: (options.currency ?? 'EUR').toUpperCase(),
          locale,
          timeZone: options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
          weekStart: 1,
          country: regionOf(locale),
        },
      },
    ]);
    createUser(system, {
      username: options.ownerUsername ?? 'owner',
      displayName: options.ownerDisplayName ?? 'Owner',
      role: 'owner',
      password: options.ownerPassword,
    });
    repairDefaultTemplates(ctx);
    return getSettings(ctx);
  })();
}

export function updateSettings(ctx: ServiceContext, input: MethodParsedInput<'settings.update'>): Settings {
  const current = getSettings(ctx);
  if (input.currency !== undefined) {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: input.currency });
    } catch {
      throw new AppError('VALIDATION', 'Unknown currency', [{ path: ['currency'], code: 'invalid_currency', message: 'Unknown currency' }]);
    }
  }
  if (input.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: input.timeZone });
    } catch {
      throw new AppError('VALIDATION', 'Unknown time zone', [
        { path: ['timeZone'], code: 'invalid_time_zone', message: 'Unknown time zone' },
      ]);
    }
  }
  applyChanges(ctx, [{ op: 'update', table: 'settings', id: current.id, values: { ...input } }]);
  return getSettings(ctx);
}
