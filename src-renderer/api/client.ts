/**
 * The renderer's only door to the workspace. Screens call `api.call(method, input)`
 * typed by the shared contract and get the method's output or a thrown `ApiError`
 * carrying the router's code and field paths, so a validation failure can be shown
 * next to the right input in the user's language.
 *
 * Two transports sit behind the one interface (`transport.ts`): the Electron
 * preload (IPC) and the HTTP bridge (browser preview and end-to-end tests).
 * `connect.ts` chooses one at start-up; the client knows only the Transport
 * shape, and nothing else in the renderer touches `window.tanoda` or `fetch`.
 *
 * Every successful write reports the tables it changed; the client announces them
 * on its `changes` bus and queries listening to those tables refetch. That keeps
 * cache invalidation in one place instead of scattered through components.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { ApiErrorData, ErrorCode, FieldError } from '../../src-shared/errors';
import type { CallResult, Transport } from './transport';

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
