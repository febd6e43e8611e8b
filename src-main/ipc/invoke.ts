/**
 * The Electron transport for the router: one `ipcMain.handle` on one channel.
 * Before anything reaches the router it checks who is asking — the sending
 * frame must be our renderer's top frame — because any frame that somehow got
 * into the window (an injected iframe, a page reached by a navigation the guards
 * missed) would otherwise hold the signed-in user's API. Each window has its own
 * sign-in session, keyed by its web contents id. Whatever happens, the
 * answer is a serialisable `CallResult`: Electron keeps only the message of a
 * thrown error, so nothing is thrown across the channel.
 *
 * `handleInvoke` is independent of Electron so tests call it with a real
 * workspace; `registerInvokeHandler` is the two lines of glue.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CallResult } from '../../src-shared/errors';
import { toErrorData } from '../api/errors';
import { isTrustedSender, type RendererLocation, type SenderFrame } from '../electron/security';
import type { Workspace } from '../api/workspace';
import { INVOKE_CHANNEL, MAX_METHOD_NAME_LENGTH } from './channel';

export interface InvokeDependencies {
  isTrustedSender(sender: SenderFrame | null): boolean;
  /** Runs the method on the sign-in session of the sending window. */
  call(method: string, input: unknown, sessionKey: string): CallResult | Promise<CallResult>;
}

/**
 * The app's wiring: senders are checked against the renderer's location, and
 * every call runs on the sign-in session of the window that sent it (keyed by
 * its web contents id), so the actor is whoever signed in there — the owner
 * while the owner has no password yet.
 */
export function workspaceInvokeDependencies(workspace: Workspace, location: RendererLocation): InvokeDependencies {
  return {
    isTrustedSender: (sender) => isTrustedSender(sender, location),
    call: (method, input, sessionKey) => workspace.invoke({ session: sessionKey }, method, input),
  };
}

/** The session key of a window's web contents. */
export function ipcSessionKey(webContentsId: number): string {
  return `ipc:${webContentsId}`;
}

export async function handleInvoke(
  deps: InvokeDependencies,
  sender: SenderFrame | null,
  method: unknown,
  input: unknown,
  sessionKey = ipcSessionKey(0),
): Promise<CallResult> {
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
    return await deps.call(method, input, sessionKey);
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
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) =>
    handleInvoke(deps, senderFrameOf(event), method, input, ipcSessionKey(event.sender.id)),
  );
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}
