/**
 * The Electron transport: the preload exposes exactly one function, `invoke`,
 * which hands the call to the main process's router and resolves with its result.
 * Errors already travel as data in that result; a rejected promise only means the
 * channel itself failed, and the client reports it as an INTERNAL error.
 */
import type { CallResult, Transport } from './transport';

export interface TanodaPreload {
  invoke(method: string, input: unknown): Promise<CallResult>;
}

export function createIpcTransport(preload: TanodaPreload): Transport {
  return (method, input) => preload.invoke(method, input);
}
