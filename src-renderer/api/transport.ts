/**
 * What a transport is: one function that carries a call to the main process's
 * router and brings back its result unchanged. It has its own module so that the
 * client and both transports (IPC, HTTP) depend on this shape and not on each
 * other; when the client imported the transports and the transports imported the
 * client's types, neither could be read, tested or replaced apart.
 */
import type { ApiErrorData } from '../../src-shared/errors';

/** What a transport answers for one call: the router's result, unchanged. */
export type CallResult = { ok: true; value: unknown; changed?: string[] } | { ok: false; error: ApiErrorData };

export type Transport = (method: string, input: unknown) => Promise<CallResult>;
