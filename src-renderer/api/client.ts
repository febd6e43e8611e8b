/**
 * The renderer's only door to the workspace. Screens call `api.call(method, input)`
 * typed by the shared contract and get the method's output or a thrown `ApiError`
 * carrying the router's code and field paths, so a validation failure can be shown
 * next to the right input in the user's language.
 *
 * Two transports sit behind the one interface: the Electron preload (IPC) and the
 * HTTP bridge (browser preview and end-to-end tests). Which one is chosen once, at
 * start-up, by whether the preload exposed `window.tanoda`; nothing else in the
 * renderer touches `window.tanoda` or `fetch`, so the two hosts cannot drift apart.
 *
 * Every successful write reports the tables it changed; the client announces them
 * on its `changes` bus and queries listening to those tables refetch. That keeps
 * cache invalidation in one place instead of scattered through components.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { ApiErrorData, ErrorCode, FieldError } from '../../src-shared/errors';
import { createHttpTransport } from './http-transport';
import { createIpcTransport, type TanodaPreload } from './ipc-transport';

/** What a transport answers for one call: the router's result, unchanged. */
export type CallResult = { ok: true; value: unknown; changed?: string[] } | { ok: false; error: ApiErrorData };

export type Transport = (method: string, input: unknown) => Promise<CallResult>;

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: readonly FieldError[];

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.fields = data.fields ?? [];
  }

  /** The first error for each top-level input field, keyed by its name (`path[0]`). */
  byField(): Record<string, FieldError> {
    const result: Record<string, FieldError> = {};
    for (const field of this.fields) {
      const key = field.path[0];
      if (key !== undefined && !(String(key) in result)) result[String(key)] = field;
    }
    return result;
  }
}

export type ChangeListener = (tables: readonly string[]) => void;

export interface ChangeBus {
  subscribe(listener: ChangeListener): () => void;
  emit(tables: readonly string[]): void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  readonly changes: ChangeBus;
  /** Which host the client talks to, for diagnostics only. */
  readonly transportName: 'ipc' | 'http';
}

export function createChangeBus(): ChangeBus {
  const listeners = new Set<ChangeListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(tables) {
      if (tables.length === 0) return;
      for (const listener of [...listeners]) listener(tables);
    },
  };
}

export function createApiClient(transport: Transport, transportName: ApiClient['transportName']): ApiClient {
  const changes = createChangeBus();
  return {
    changes,
    transportName,
    async call(method, input) {
      let result: CallResult;
      try {
        result = await transport(method, input);
      } catch (error) {
        throw new ApiError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
      }
      if (!result.ok) throw new ApiError(result.error);
      if (result.changed) changes.emit(result.changed);
      return result.value as MethodOutput<typeof method>;
    },
  };
}

declare global {
  interface Window {
    /** Present only inside the Electron app, exposed by the preload. */
    tanoda?: TanodaPreload;
  }
}

/** Picks the transport for this page: the preload when running in Electron, the HTTP bridge otherwise. */
export function connectApi(): ApiClient {
  const preload = window.tanoda;
  if (preload) return createApiClient(createIpcTransport(preload), 'ipc');
  return createApiClient(createHttpTransport(window.location, window.history, window.sessionStorage), 'http');
}
