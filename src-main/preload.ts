/**
 * The preload: the only bridge between the sandboxed renderer and the main
 * process. It exposes one function, `window.tanoda.invoke(method, input)`, that
 * forwards to the single IPC channel and returns the router's `CallResult`.
 * Nothing else of Electron (no ipcRenderer, no event objects, no Node) crosses
 * into the page, so a script that ran in the renderer could do no more than the
 * typed API already allows — and the main process still checks the sender.
 *
 * The window is sandboxed, so this file runs as a CommonJS bundle in which only
 * `require('electron')` is available: it imports types from the rest of the
 * code base and, at run time, nothing but the channel name.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { MethodInput, MethodName } from '../src-shared/api/contract';
import type { CallResult } from '../src-shared/errors';
import { INVOKE_CHANNEL } from './ipc/channel';

export interface TanodaBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<CallResult>;
  invoke(method: string, input: unknown): Promise<CallResult>;
}

const bridge: TanodaBridge = {
  invoke(method: string, input: unknown): Promise<CallResult> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<CallResult>;
  },
};

contextBridge.exposeInMainWorld('tanoda', bridge);
