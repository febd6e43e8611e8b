/**
 * Picks the transport for this page, once, at start-up: the Electron preload when
 * it exposed `window.tanoda`, the HTTP bridge otherwise. This is the only module
 * that knows both hosts; the client sees a Transport and the transports see
 * nothing of each other, so the two hosts cannot drift apart.
 */
import { createApiClient, type ApiClient } from './client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport, type TanodaPreload } from './ipc-transport';

declare global {
  interface Window {
    /** Present only inside the Electron app, exposed by the preload. */
    tanoda?: TanodaPreload;
  }
}

/** The one ApiClient of this page, talking to whichever host it runs in. */
export function connectApi(): ApiClient {
  const preload = window.tanoda;
  if (preload) return createApiClient(createIpcTransport(preload), 'ipc');
  return createApiClient(createHttpTransport(window.location, window.history, window.sessionStorage), 'http');
}
