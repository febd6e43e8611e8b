/**
 * The HTTP transport: the same router the Electron app uses, reachable from a
 * browser on 127.0.0.1, together with the built renderer. Browser end-to-end
 * tests and the CLI's `web` preview run through it, so they exercise the very
 * code path the app does, only with HTTP instead of IPC underneath.
 *
 * A local port is reachable by every web page the user visits, so the bridge
 * trusts nothing about the caller: every API call must carry the bearer token
 * (compared in constant time), the Host header must name this loopback
 * address (a DNS-rebinding page arrives under its own host name), cross-site
 * Origins are refused, bodies are capped, and static files are served only
 * from inside the renderer folder under the app's strict Content-Security-Policy.
 *
 * The token admits a tab; it does not say who is using it. Each tab also carries
 * a sign-in session id (`X-Tanoda-Session`, handed out by the bridge on the
 * first call and kept by the tab), and the workspace's session store turns it
 * into the signed-in user — or a signed-out caller who may only sign in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ApiErrorData, CallResult, ErrorCode } from '../../src-shared/errors';
import { toErrorData } from '../api/errors';
import type { Actor } from '../core/context';
import type { Workspace } from '../api/workspace';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const maxBodyBytes = 10 * 1024 * 1024;

/** The request header naming the tab's sign-in session (answered on every API response). */
export const sessionHeader = 'x-tanoda-session';

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface BridgeOptions {
  workspace: Workspace;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
  /** A fixed token (tests); a random 256-bit one otherwise. */
  token?: string;
  /** A fixed actor for every call (tests); without it each tab has a sign-in session. */
  actor?: Actor;
}

export interface Bridge {
  /** The address to open, carrying the token in its fragment. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Whether the presented token is the expected one, in time that does not depend
 * on where they differ or how long the presented one is: both are hashed to
 * equal-length digests before `timingSafeEqual`.
 */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(presented ?? '', 'utf8')
    .digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && presented !== undefined;
}

function bearerOf(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly data: ApiErrorData,
  ) {
    super(data.message);
  }
}

function sendJson(res: ServerResponse, status: number, body: CallResult, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function failure(status: number, code: ErrorCode, message: string): HttpFailure {
  return new HttpFailure(status, { code, message });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(failure(413, 'VALIDATION', `The request body is larger than ${limit} bytes`));
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(failure(413, 'VALIDATION', `The request body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What the request handlers need to know about the running bridge. */
interface BridgeScope {
  readonly workspace: Workspace;
  readonly token: string;
  readonly rendererRoot: string;
  readonly actor: Actor | undefined;
  /** The port, known once the server listens. */
  port(): number;
}

const allowedHosts = (port: number) => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
const allowedOrigins = (port: number) => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

/** The transport's own refusals, before any call: origin, site, token, content type. */
function refuseForeignRequest(scope: BridgeScope, req: IncomingMessage): void {
  if (req.method !== 'POST') throw new HttpFailure(405, { code: 'VALIDATION', message: 'Use POST for API calls' });
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(scope.port()).has(origin)) throw failure(403, 'FORBIDDEN', 'Cross-origin calls are refused');
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw failure(403, 'FORBIDDEN', 'Cross-site calls are refused');
  if (!tokenMatches(bearerOf(req), scope.token)) throw failure(401, 'UNAUTHENTICATED', 'A valid bearer token is required');
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw failure(415, 'VALIDATION', 'Send the input as application/json');
}

async function readJsonInput(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, maxBodyBytes);
  try {
    return body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpFailure(400, {
      code: 'VALIDATION',
      message: 'The body is not valid JSON',
      fields: [{ path: [], code: 'invalid_json', message: 'The body is not valid JSON' }],
    });
  }
}

async function handleApi(scope: BridgeScope, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  refuseForeignRequest(scope, req);
  const input = await readJsonInput(req);
  const { workspace } = scope;
  let result: CallResult;
  const headers: Record<string, string> = {};
  if (scope.actor) {
    result = await workspace.invoke({ actor: scope.actor }, method, input);
  } else {
    // The token lets the tab in; the session says who signed in on it. An
    // unknown or missing session id gets a fresh, signed-out session.
    const presented = req.headers[sessionHeader];
    let key = typeof presented === 'string' && workspace.sessions.has(presented) ? presented : null;
    key ??= workspace.sessions.create();
    headers['X-Tanoda-Session'] = key;
    result = await workspace.invoke({ session: key }, method, input);
  }
  // The router's answer, errors included, is data: HTTP statuses are kept for the
  // transport's own refusals (token, origin, size), as over IPC.
  sendJson(res, 200, result, headers);
}

/** The real path of a regular file, only if it lies inside the renderer folder (symlinks included). */
async function existingFileWithin(rendererRoot: string, path: string): Promise<string | null> {
  try {
    const [real, root] = await Promise.all([realpath(path), realpath(rendererRoot)]);
    const inside = relative(root, real);
    if (inside.startsWith('..') || isAbsolute(inside)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** The file a GET asks for inside the renderer folder, the app's index.html for its own routes, or the status to answer. */
async function staticFileFor(rendererRoot: string, pathname: string): Promise<string | { status: number; text: string }> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, text: 'Bad path' };
  }
  const candidate = resolve(rendererRoot, `.${decoded}`);
  const inside = relative(rendererRoot, candidate);
  if (decoded.includes('\0') || inside.startsWith('..') || isAbsolute(inside)) return { status: 403, text: 'Forbidden' };
  const file = await existingFileWithin(rendererRoot, candidate);
  if (file) return file;
  // Unknown paths are the single-page app's; a missing asset is a real 404.
  if (extname(decoded) !== '' && extname(decoded) !== '.html') return { status: 404, text: 'Not found' };
  return (
    (await existingFileWithin(rendererRoot, join(rendererRoot, 'index.html'))) ?? {
      status: 503,
      text: 'The renderer is not built yet: run `npm run build`.',
    }
  );
}

async function handleStatic(rendererRoot: string, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const file = await staticFileFor(rendererRoot, pathname);
  if (typeof file !== 'string') {
    sendText(res, file.status, file.text);
    return;
  }
  const info = await stat(file);
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

function sendFailure(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const http = error instanceof HttpFailure ? error : new HttpFailure(500, toErrorData(error));
  const extra: Record<string, string> = {};
  if (http.status === 401) extra['WWW-Authenticate'] = 'Bearer';
  if (http.status === 405) extra.Allow = 'POST';
  if (http.status === 413) extra.Connection = 'close';
  sendJson(res, http.status, { ok: false, error: http.data }, extra);
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  let port = 0;
  const scope: BridgeScope = {
    workspace: options.workspace,
    token: options.token ?? randomBytes(32).toString('base64url'),
    rendererRoot: resolve(options.rendererDir),
    actor: options.actor,
    port: () => port,
  };

  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (!allowedHosts(port).has((req.headers.host ?? '').toLowerCase())) {
          sendText(res, 421, 'This server answers only for its loopback address');
          return;
        }
        const pathname = new URL(req.url ?? '/', 'http://bridge.invalid').pathname;
        if (pathname.startsWith('/api/')) await handleApi(scope, req, res, pathname.slice('/api/'.length));
        else await handleStatic(scope.rendererRoot, req, res, pathname);
      } catch (error) {
        sendFailure(res, error);
      }
    })();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The bridge did not get a TCP port');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/#token=${scope.token}`,
    port,
    token: scope.token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
