/**
 * The HTTP transport for the bridge on 127.0.0.1 (browser preview, end-to-end
 * tests). The bridge prints an address ending in `#token=…`; the token is read
 * from the fragment once, kept in sessionStorage (so a reload still works but a
 * new browser session does not inherit it) and wiped from the address bar so it
 * does not end up in bookmarks, history or screenshots. The fragment never
 * reaches the server's logs because browsers do not send it.
 *
 * The token only admits the tab. Who is signed in on it is a session the bridge
 * hands out in the `X-Tanoda-Session` response header; the tab keeps that id in
 * sessionStorage too (a reload stays signed in, a new tab signs in afresh) and
 * sends it with every call.
 */
import type { CallResult, Transport } from './transport';

const storageKey = 'tanoda.bridgeToken';
const sessionKey = 'tanoda.bridgeSession';
const sessionHeader = 'X-Tanoda-Session';

type LocationLike = Pick<Location, 'hash' | 'pathname' | 'search'>;
type HistoryLike = Pick<History, 'replaceState' | 'state'>;
type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Moves a `#token=` fragment into session storage and returns the token for this tab. */
export function takeBridgeToken(location: LocationLike, history: HistoryLike, storage: StorageLike): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    storage.setItem(storageKey, fromUrl);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromUrl;
  }
  return storage.getItem(storageKey);
}

export function createHttpTransport(location: LocationLike, history: HistoryLike, storage: StorageLike): Transport {
  const token = takeBridgeToken(location, history, storage);
  return async (method, input) => {
    if (!token) {
      return {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'No access token: open the address printed by `tanoda web`, which carries it.' },
      };
    }
    const session = storage.getItem(sessionKey);
    const response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(session ? { [sessionHeader]: session } : {}) },
      body: JSON.stringify(input ?? null),
      cache: 'no-store',
      credentials: 'omit',
    });
    const issued = response.headers.get(sessionHeader);
    if (issued && issued !== session) storage.setItem(sessionKey, issued);
    const text = await response.text();
    try {
      return JSON.parse(text) as CallResult;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `The bridge answered ${response.status} without a result` } };
    }
  };
}
