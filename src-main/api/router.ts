/**
 * The one router every transport uses (IPC, HTTP bridge, CLI `call`, tests).
 * For a call it: finds the method in the contract, checks the actor's capability,
 * validates the input with the method's zod schema, runs the handler, and turns
 * whatever happened into `ApiResult` — errors as data with a typed code and field
 * paths. It also reports which tables the call changed (read from the change log,
 * so no handler can forget to announce a write) for the UI to refetch. On a
 * computer that has joined sync, the rights of whoever signs in are capped by the
 * role this computer is certified for, and a write the other computers would
 * refuse is rolled back, so this replica never diverges from the rest.
 */
import { z } from 'zod';
import { roleCan, type Capability } from '../../src-shared/capabilities';
import { contract, isMethodName, type MethodName, type MethodOutput, type MethodParsedInput } from '../../src-shared/api/contract';
import { AppError, type ApiErrorData, type ApiResult, type FieldError } from '../../src-shared/errors';
import { capabilityToggles } from '../services/auth';
import { deviceRole, refuseDivergence } from '../services/sync';
import { newId } from '../db/funnel';
import type { ServiceContext } from '../services/context';

export type Handler<M extends MethodName> = (ctx: ServiceContext, input: MethodParsedInput<M>) => MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export type CallResult = ApiResult<unknown> & { changed?: string[] };

export interface Router {
  call(ctx: ServiceContext, method: string, input: unknown): CallResult;
}

export function zodFields(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code === 'custom' ? 'invalid' : issue.code,
    message: issue.message,
  }));
}

function fail(error: ApiErrorData): CallResult {
  return { ok: false, error };
}

export function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof AppError) return error.toData();
  if (error instanceof z.ZodError) return { code: 'VALIDATION', message: 'The input is not valid', fields: zodFields(error) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

const readVerbs = new Set(['list', 'get', 'history', 'stats', 'revenue', 'overdue', 'enrollment']);

/** Methods that only read (by verb), run in a deferred transaction. */
export function isReadOnly(method: MethodName): boolean {
  return readVerbs.has(method.slice(method.indexOf('.') + 1));
}

/**
 * Why the actor may not use `capability`, or null when they may. A caller who is
 * not signed in (or whose session is locked) is UNAUTHENTICATED rather than
 * FORBIDDEN, so the UI knows to ask for a sign-in; the owner's toggles (like
 * "assistant may edit agreed prices") are read from the settings on every call.
 */
export function refuse(ctx: ServiceContext, capability: Capability): ApiErrorData | null {
  const { role } = ctx.actor;
  if (role === 'anonymous') {
    if (roleCan(role, capability)) return null;
    return { code: 'UNAUTHENTICATED', message: 'Sign in first', fields: [{ path: [], code: 'signed_out', message: 'Sign in first' }] };
  }
  const toggles = role === 'owner' ? undefined : capabilityToggles(ctx.db);
  if (!roleCan(role, capability, toggles))
    return {
      code: 'FORBIDDEN',
      message: `Your role (${role}) may not ${capability}`,
      fields: [{ path: [], code: capability, message: 'forbidden' }],
    };
  // Every other replica judges this computer's changes by its certified role, whoever signs in here.
  const device = deviceRole(ctx.db);
  if (device && !roleCan(device, capability, device === 'owner' ? undefined : (toggles ?? capabilityToggles(ctx.db)))) {
    const message = `This computer is registered for sync for the ${device} role, which may not ${capability}, whoever signs in here`;
    return { code: 'FORBIDDEN', message, fields: [{ path: [], code: capability, message: 'device_role' }] };
  }
  return null;
}

/**
 * The router's checks without running anything: method known, capability held,
 * input valid. Hosts use it for the few methods that cannot run inside one
 * transaction (backups) or that need something done before them (a backup
 * before an import), so those obey exactly the same rules as every other call.
 */
export function precheck(
  ctx: ServiceContext,
  method: string,
  input: unknown,
): { ok: true; input: unknown } | { ok: false; error: ApiErrorData } {
  if (!isMethodName(method)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method ${method}` } };
  const refusal = refuse(ctx, contract[method].capability);
  if (refusal) return { ok: false, error: refusal };
  const parsed = contract[method].input.safeParse(input ?? undefined);
  if (!parsed.success)
    return { ok: false, error: { code: 'VALIDATION', message: 'The input is not valid', fields: zodFields(parsed.error) } };
  return { ok: true, input: parsed.data };
}

export function createRouter(handlers: Handlers, options: { onInternalError?: (method: string, error: unknown) => void } = {}): Router {
  return {
    call(ctx, method, input) {
      if (!isMethodName(method)) {
        return fail({
          code: 'NOT_FOUND',
          message: `Unknown method ${method}`,
          fields: [{ path: ['method'], code: 'unknown_method', message: `Unknown method ${method}` }],
        });
      }
      const spec = contract[method];
      const refusal = refuse(ctx, spec.capability);
      if (refusal) return fail(refusal);
      const parsed = spec.input.safeParse(input ?? undefined);
      if (!parsed.success) {
        return fail({ code: 'VALIDATION', message: 'The input is not valid', fields: zodFields(parsed.error) });
      }
      const sqlite = ctx.db.sqlite;
      const before = (sqlite.prepare('SELECT coalesce(max(seq), 0) AS seq FROM changes').get() as { seq: number }).seq;
      try {
        const handler = handlers[method] as (ctx: ServiceContext, input: unknown) => unknown;
        // One transaction per call: a handler that fails half-way leaves the database
        // exactly as it was. Writers take the lock up front so a concurrent writer
        // (the CLI beside the app) waits instead of failing on lock upgrade.
        const action = { ...ctx, action: ctx.action ?? newId(ctx) };
        const run = sqlite.transaction(() => {
          const value = handler(action, parsed.data);
          if (!isReadOnly(method)) refuseDivergence(ctx.db, before, ctx.actor);
          return value;
        });
        const value = isReadOnly(method) ? run.deferred() : run.immediate();
        // NOT INDEXED: walk the rowid range of the new entries; left to itself SQLite
        // prefers a covering index and scans the whole log (seconds on a big school).
        const touched = sqlite.prepare('SELECT DISTINCT table_name AS t FROM changes NOT INDEXED WHERE seq > ?').all(before) as {
          t: string;
        }[];
        return touched.length > 0 ? { ok: true, value, changed: touched.map((r) => r.t) } : { ok: true, value };
      } catch (error) {
        const data = toErrorData(error);
        if (data.code === 'INTERNAL') options.onInternalError?.(method, error);
        return fail(data);
      }
    },
  };
}
