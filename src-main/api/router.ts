/**
 * The router: what happens to one call once the workspace's door
 * (api/workspace.ts `invoke`) has let it in. It finds the method in the
 * contract, checks the actor's capability, validates the input with the
 * method's zod schema, runs the handler the way the method's spec says (a read
 * in a read transaction that never takes the write lock and may not write; a write in
 * an immediate transaction; file work outside any), and turns whatever happened
 * into a `CallResult`: errors as data with a typed code and field paths, and the
 * tables the call changed, read from the change log so no handler can forget to
 * announce a write. On a computer that has joined sync, the rights of whoever
 * signs in are capped by the role this computer is certified for, and a write
 * the other computers would refuse is rolled back, so this replica never
 * diverges from the rest.
 *
 * Only the api layer holds a router (the `one-door` dependency rule): hosts call
 * the workspace's `invoke`, which adds what a call needs around the router
 * (backups, waiting out a restore, telling listeners).
 */
import { roleCan, type Capability } from '../../src-shared/capabilities';
import {
  contract,
  isMethodName,
  type Contract,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../src-shared/api/contract';
import type { BackupInfo, BackupReason, RestoreResult } from '../../src-shared/api/backups-methods';
import type { MethodNeeds, MethodSpec } from '../../src-shared/api/spec';
import { AppError, type ApiErrorData, type CallResult } from '../../src-shared/errors';
import { toErrorData, zodFields } from './errors';
import { newId } from '../changes/funnel';
import { compactAfterPurge } from '../changes/purge';
import type { Db } from '../db/connection';
import type { DatabaseKey } from '../db/keys';
import { rebuildClientSearch } from '../db/search';
import type { ServiceContext } from '../core/context';
import { capabilityToggles } from '../services/auth';
import { deviceRole, refuseDivergence } from '../sync';

/** What a method that manages the database file itself (`transaction: 'none'`) may ask of the workspace. */
export interface WorkspaceFiles {
  backup(reason: BackupReason): Promise<BackupInfo>;
  /** `sourceKey`: the key a recovery key gave, for a backup made on another computer. */
  restore(id: string, sourceKey?: DatabaseKey): Promise<RestoreResult>;
  /** The recovery key of the database's key, while the owner has not confirmed writing it down; null after. */
  recoveryKey(): string | null;
  /** The owner wrote the recovery key down: it is not offered again. */
  recoveryKeySaved(): void;
}

export type Handler<M extends MethodName> = (ctx: ServiceContext, input: MethodParsedInput<M>) => MethodOutput<M>;
export type FileHandler<M extends MethodName> = (
  ctx: ServiceContext,
  input: MethodParsedInput<M>,
  files: WorkspaceFiles,
) => Promise<MethodOutput<M>>;
/** One handler per method; a method declared `transaction: 'none'` gets the workspace's files and may be asynchronous. */
export type Handlers = { [M in MethodName]: Contract[M] extends { transaction: 'none' } ? FileHandler<M> : Handler<M> };

/** A call that passed the checks: a known method, a capability the actor holds, a valid input. */
export interface CheckedCall {
  readonly method: MethodName;
  readonly spec: MethodSpec;
  readonly input: unknown;
}

export interface Router {
  /** The checks every call meets, once: method known, capability held, input valid. */
  check(ctx: ServiceContext, method: string, input: unknown): { ok: true; call: CheckedCall } | { ok: false; error: ApiErrorData };
  /** Runs a checked call the way its spec says. Never throws: every failure is data. */
  run(ctx: ServiceContext, call: CheckedCall, files: WorkspaceFiles): Promise<CallResult>;
  /**
   * check + run for an in-process caller that holds a context and wants the
   * answer now (service tests, the benchmarks). It skips only what the door adds
   * around a call (a backup before it, listeners after it); a method that must run
   * outside a transaction is refused, as it needs the workspace's files.
   */
  call(ctx: ServiceContext, method: string, input: unknown): CallResult;
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

/** Work that must follow a committed call but cannot be part of its transaction, by the name its spec gives. */
const afterCommitWork: Record<NonNullable<MethodNeeds['afterCommit']>, (db: Db) => void> = {
  compact: (db) => compactAfterPurge(db, rebuildClientSearch),
};

export interface RouterOptions {
  onInternalError?: (method: string, error: unknown) => void;
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  const failure = (method: string, error: unknown): CallResult => {
    const data = toErrorData(error);
    if (data.code === 'INTERNAL') options.onInternalError?.(method, error);
    return { ok: false, error: data };
  };

  function check(ctx: ServiceContext, method: string, input: unknown): ReturnType<Router['check']> {
    if (!isMethodName(method)) {
      const message = `Unknown method ${method}`;
      return { ok: false, error: { code: 'NOT_FOUND', message, fields: [{ path: ['method'], code: 'unknown_method', message }] } };
    }
    const spec: MethodSpec = contract[method];
    const refusal = refuse(ctx, spec.capability);
    if (refusal) return { ok: false, error: refusal };
    const parsed = spec.input.safeParse(input ?? undefined);
    if (!parsed.success) {
      return { ok: false, error: { code: 'VALIDATION', message: 'The input is not valid', fields: zodFields(parsed.error) } };
    }
    return { ok: true, call: { method, spec, input: parsed.data } };
  }

  /**
   * A read: one consistent snapshot and no write lock. A method declared as a
   * read that writes anyway fails and its write is rolled back, so a wrong
   * declaration shows in the first test that calls it. (The connection's row
   * counter is compared rather than `PRAGMA query_only` toggled: toggling made
   * every read several times slower.)
   */
  function runRead(ctx: ServiceContext, call: CheckedCall): CallResult {
    const handler = handlers[call.method] as (ctx: ServiceContext, input: unknown) => unknown;
    const sqlite = ctx.db.sqlite;
    const rowsWritten = () => sqlite.prepare('SELECT total_changes()').pluck().get() as number;
    const value = sqlite
      .transaction(() => {
        const before = rowsWritten();
        const result = handler(ctx, call.input);
        if (rowsWritten() !== before) throw new Error(`${call.method} is declared read-only but wrote to the database`);
        return result;
      })
      .deferred();
    return { ok: true, value };
  }

  /**
   * A write: one transaction, so a handler that fails half-way leaves the
   * database exactly as it was; the lock is taken up front so a concurrent writer
   * waits instead of failing on lock upgrade. Every funnel write of the call
   * shares one action id: undone, audited and shown as one action.
   */
  function runWrite(ctx: ServiceContext, call: CheckedCall): CallResult {
    const handler = handlers[call.method] as (ctx: ServiceContext, input: unknown) => unknown;
    const sqlite = ctx.db.sqlite;
    const before = (sqlite.prepare('SELECT coalesce(max(seq), 0) AS seq FROM change_log').get() as { seq: number }).seq;
    const action = { ...ctx, action: ctx.action ?? newId(ctx) };
    const value = sqlite
      .transaction(() => {
        const result = handler(action, call.input);
        refuseDivergence(ctx.db, before, ctx.actor);
        return result;
      })
      .immediate();
    if (call.spec.afterCommit) {
      // The call has committed: a failure here is reported, never turned into a failed call.
      try {
        afterCommitWork[call.spec.afterCommit](ctx.db);
      } catch (error) {
        options.onInternalError?.(`${call.method} (after commit)`, error);
      }
    }
    // NOT INDEXED: walk the rowid range of the new entries; left to itself SQLite
    // prefers a covering index and scans the whole log (seconds on a big school).
    const touched = sqlite.prepare('SELECT DISTINCT table_name AS t FROM change_log NOT INDEXED WHERE seq > ?').all(before) as {
      t: string;
    }[];
    return touched.length > 0 ? { ok: true, value, changed: touched.map((r) => r.t) } : { ok: true, value };
  }

  function runNow(ctx: ServiceContext, call: CheckedCall): CallResult {
    try {
      return call.spec.access === 'read' ? runRead(ctx, call) : runWrite(ctx, call);
    } catch (error) {
      return failure(call.method, error);
    }
  }

  return {
    check,
    async run(ctx, call, files) {
      if (call.spec.transaction !== 'none') return runNow(ctx, call);
      try {
        const handler = handlers[call.method] as (ctx: ServiceContext, input: unknown, files: WorkspaceFiles) => Promise<unknown>;
        return { ok: true, value: await handler(ctx, call.input, files) };
      } catch (error) {
        return failure(call.method, error);
      }
    },
    call(ctx, method, input) {
      const checked = check(ctx, method, input);
      if (!checked.ok) return checked;
      if (checked.call.spec.transaction === 'none') {
        return failure(
          method,
          new AppError('CONFLICT', `${method} needs the workspace (a backup or the database file): call it through invoke`),
        );
      }
      return runNow(ctx, checked.call);
    },
  };
}
