/**
 * The security decisions of the Electron shell, written as plain functions so
 * that tests can exercise them in Node without launching a window. index.ts only
 * wires them to Electron's events; nothing here imports Electron at run time
 * (type imports only), because the `electron` package throws when its binary is
 * absent, which is the case on build machines.
 *
 * The shape follows one idea: the window shows exactly one document, our own
 * renderer (the built `index.html` over file://, or the electron-vite dev server
 * while developing). Anything that is not that document — a navigation, a
 * redirect, a new window, an IPC message from another frame, a permission prompt
 * — is refused, and the only way out of the app is a vetted link handed to the
 * operating system.
 */
import type { WebPreferences } from 'electron';

/** Where the renderer is loaded from; every "is this ours?" check compares against it. */
export type RendererLocation = { readonly kind: 'file'; readonly url: string } | { readonly kind: 'dev'; readonly url: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Chooses the renderer's location. The dev server URL is honoured only in an
 * unpackaged run and only on a loopback address: a packaged app that obeyed
 * ELECTRON_RENDERER_URL would load any web page with our preload attached.
 */
export function rendererLocation(options: {
  indexHtmlUrl: string;
  devServerUrl?: string | undefined;
  isPackaged: boolean;
}): RendererLocation {
  if (!options.isPackaged && options.devServerUrl) {
    const dev = parseUrl(options.devServerUrl);
    if (dev && (dev.protocol === 'http:' || dev.protocol === 'https:') && LOOPBACK_HOSTS.has(dev.hostname)) {
      return { kind: 'dev', url: dev.href };
    }
  }
  return { kind: 'file', url: options.indexHtmlUrl };
}

/** The only webPreferences any Tanoda window is created with. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const satisfies WebPreferences;
}

/**
 * The Content-Security-Policy sent with the renderer. Styles may be inline
 * because Mantine writes its CSS variables into <style> elements; scripts never
 * are, and nothing may be evaluated from strings. The development variant adds
 * the dev server's inline module preamble (React fast refresh) and its
 * websocket — never `unsafe-eval`.
 */
export function contentSecurityPolicy(location: RendererLocation): string {
  const dev = location.kind === 'dev' ? parseUrl(location.url) : null;
  const scriptSrc = dev ? ["'self'", "'unsafe-inline'"] : ["'self'"];
  const connectSrc = dev ? ["'self'", `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`] : ["'self'"];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connectSrc],
    ['media-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * The same policy for a <meta http-equiv> tag in the built index.html. Response
 * headers set through session.webRequest reach http(s) pages (the dev server)
 * but not a file:// document, so the packaged renderer carries its policy in
 * the page itself. frame-ancestors is dropped because browsers ignore it there.
 */
export function metaContentSecurityPolicy(location: RendererLocation): string {
  return contentSecurityPolicy(location)
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors '))
    .join('; ');
}

/** Adds our CSP to a response's headers, replacing any the response carried (whatever its casing). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/**
 * Is `target` our renderer document? For file:// the path must be exactly our
 * index.html (any hash or query, so a hash router keeps working); for the dev
 * server the origin must match.
 */
export function isAppUrl(target: string | undefined, location: RendererLocation): boolean {
  if (!target) return false;
  const candidate = parseUrl(target);
  const ours = parseUrl(location.url);
  if (!candidate || !ours) return false;
  if (location.kind === 'dev') return candidate.origin === ours.origin && candidate.protocol === ours.protocol;
  return candidate.protocol === 'file:' && candidate.host === ours.host && samePath(candidate.pathname, ours.pathname);
}

/** The frame that sent an IPC message: its URL and whether it is the window's top frame. */
export interface SenderFrame {
  readonly url: string | undefined;
  readonly isMainFrame: boolean;
}

/** Only our renderer's top frame may call the API; a sub-frame or a navigated-away page may not. */
export function isTrustedSender(sender: SenderFrame | null | undefined, location: RendererLocation): boolean {
  return !!sender && sender.isMainFrame && isAppUrl(sender.url, location);
}

export interface NavigationDecision {
  readonly allow: boolean;
  /** A vetted external link to hand to the operating system instead. */
  readonly openExternally?: string;
}

/** will-navigate: stay on our document (reload, hash change); a link elsewhere leaves through the OS. */
export function decideNavigation(target: string, location: RendererLocation): NavigationDecision {
  if (isAppUrl(target, location)) return { allow: true };
  const external = vetExternalUrl(target);
  return external ? { allow: false, openExternally: external } : { allow: false };
}

/** setWindowOpenHandler: the app never opens a second window of its own. */
export function decideWindowOpen(target: string): NavigationDecision {
  const external = vetExternalUrl(target);
  return external ? { allow: false, openExternally: external } : { allow: false };
}

const MAX_EXTERNAL_URL_LENGTH = 2048;
const TEL_PATTERN = /^tel:\+?[0-9()\-. ]{1,40}$/;

/**
 * Returns the normalised URL when the operating system may open it, else null.
 * Only https (with a host and no embedded credentials), mailto and plain tel
 * numbers pass: http would leak what the user is looking at, and file:,
 * javascript:, smb: or an app's custom scheme hand attacker-chosen input to a
 * local program.
 */
export function vetExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  const url = parseUrl(raw.trim());
  if (!url) return null;
  switch (url.protocol) {
    case 'https:':
      return url.hostname !== '' && url.username === '' && url.password === '' ? url.href : null;
    case 'mailto:':
      return url.pathname.includes('@') ? url.href : null;
    case 'tel:':
      return TEL_PATTERN.test(safeDecode(url.href) ?? '') ? url.href : null;
    default:
      return null;
  }
}

/** session.setPermissionRequestHandler: camera, notifications, geolocation... none are asked for. */
export function refusePermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** session.setPermissionCheckHandler and setDevicePermissionHandler: every check answers no. */
export function refusePermissionCheck(): boolean {
  return false;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Windows paths arrive as /C:/..., with the drive letter and case varying by who built the URL. */
function samePath(a: string, b: string): boolean {
  const left = safeDecode(a);
  const right = safeDecode(b);
  if (left === null || right === null) return false;
  const windowsStyle = /^\/[A-Za-z]:\//.test(right);
  return windowsStyle ? left.toLowerCase() === right.toLowerCase() : left === right;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
