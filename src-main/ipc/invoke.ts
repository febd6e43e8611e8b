/**
 * The Electron transport for the router: one `ipcMain.handle` on one channel.
 * Before anything reaches the router it checks who is asking — the sending
 * frame must be our renderer's top frame — because any frame that somehow got
 * into the window (an injected iframe, a page reached by a navigation the guards
 * missed) would otherwise hold the owner's full API. Whatever happens, the
 * answer is a serialisable `CallResult`: Electron keeps only the message of a
 * thrown error, so nothing is thrown across the channel.
 *
 * `handleInvoke` is independent of Electron so tests call it with a real
 * workspace; `registerInvokeHandler` is the two lines of glue.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CallResult } from '../api/router';
import { toErrorData } from '../api/router';
import { ownerActor } from '../api/session';
import { isTrustedSender, type RendererLocation, type SenderFrame } from '../electron/security';
import type { Workspace } from '../workspace';
import { INVOKE_CHANNEL, MAX_METHOD_NAME_LENGTH } from './channel';

export interface InvokeDependencies {
  isTrustedSender(sender: SenderFrame | null): boolean;
  /** Runs the method as the signed-in actor (the owner until sign-in exists). */
  call(method: string, input: unknown): CallResult;
}

/**
 * The app's wiring: senders are checked against the renderer's location, and
 * every call runs as the workspace owner (looked up per call, so a renamed or
 * replaced owner is seen at once) until sign-in exists.
 */
export function workspaceInvokeDependencies(workspace: Workspace, location: RendererLocation): InvokeDependencies {
  return {
    isTrustedSender: (sender) => isTrustedSender(sender, location),
    call: (method, input) => workspace.router.call(workspace.context(ownerActor(workspace.db)), method, input),
  };
}

export function handleInvoke(deps: InvokeDependencies, sender: SenderFrame | null, method: unknown, input: unknown): CallResult {
  if (!deps.isTrustedSender(sender)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not use the Tanoda API' } };
  }
  if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_NAME_LENGTH) {
    return {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'A method name is required',
        fields: [{ path: ['method'], code: 'invalid_type', message: 'A method name is required' }],
      },
    };
  }
  try {
    return deps.call(method, input);
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

export function senderFrameOf(event: IpcMainInvokeEvent): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isMainFrame: frame.parent === null };
}

export function registerInvokeHandler(ipcMain: IpcMain, deps: InvokeDependencies): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => handleInvoke(deps, senderFrameOf(event), method, input));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}
