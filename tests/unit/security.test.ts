/**
 * The Electron shell's security decisions, exercised in Node: the CSP, which
 * links may leave the app, which navigations stay, which IPC senders are ours,
 * and the webPreferences every window gets. index.ts only wires these to
 * Electron's events, so a regression here is a regression in the app.
 */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  decideNavigation,
  decideWindowOpen,
  isAppUrl,
  isTrustedSender,
  metaContentSecurityPolicy,
  refusePermissionCheck,
  refusePermissionRequest,
  rendererLocation,
  secureWebPreferences,
  vetExternalUrl,
  withContentSecurityPolicy,
  type RendererLocation,
} from '../../src-main/electron/security';

const indexHtml = '/opt/Tanoda/resources/app.asar/out/renderer/index.html';
const fileLocation: RendererLocation = { kind: 'file', url: pathToFileURL(indexHtml).href };
const devLocation: RendererLocation = { kind: 'dev', url: 'http://localhost:5173/' };

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe('content security policy', () => {
  it.each([fileLocation, devLocation])('never allows eval and keeps the strict defaults (%o)', (location) => {
    const policy = contentSecurityPolicy(location);
    const csp = directives(policy);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('*');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('allows no inline script and no remote origin in the packaged app', () => {
    const csp = directives(contentSecurityPolicy(fileLocation));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const sources of csp.values()) {
      for (const source of sources) expect(source).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
    }
  });

  it('lets the dev server push updates over its own websocket only', () => {
    const csp = directives(contentSecurityPolicy(devLocation));
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });

  it('carries the same policy in the page, less what a <meta> tag cannot express', () => {
    const header = directives(contentSecurityPolicy(fileLocation));
    const meta = directives(metaContentSecurityPolicy(fileLocation));
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });

  it('replaces a CSP the response carried, whatever its header casing', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('external links', () => {
  it.each([
    ['https://tanoda.example/help', 'https://tanoda.example/help'],
    ['HTTPS://Example.COM/a b', 'https://example.com/a%20b'],
    ['mailto:anna@example.hu?subject=Invoice', 'mailto:anna@example.hu?subject=Invoice'],
    ['tel:+36 1 234 5678', 'tel:+36 1 234 5678'],
    ['tel:+44(20)7946-0958', 'tel:+44(20)7946-0958'],
  ])('hands %s to the operating system', (raw, expected) => {
    expect(vetExternalUrl(raw)).toBe(expected);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'file://server/share/run.exe',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'tanoda://open',
    'zoommtg://zoom.us/join',
    'https://user:secret@example.com/',
    'https://',
    'mailto:',
    'tel:;phone-context=evil',
    'tel:+36 1 234 5678;ext=2',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ])('refuses %s', (raw) => {
    expect(vetExternalUrl(raw)).toBeNull();
  });
});

describe('navigation and new windows', () => {
  it('stays on our own document: reloads, hash routes and queries', () => {
    expect(decideNavigation(fileLocation.url, fileLocation)).toEqual({ allow: true });
    expect(decideNavigation(`${fileLocation.url}#/clients/42`, fileLocation)).toEqual({ allow: true });
    expect(decideNavigation(`${fileLocation.url}?tab=payments`, fileLocation)).toEqual({ allow: true });
    expect(decideNavigation('http://localhost:5173/#/cohorts', devLocation)).toEqual({ allow: true });
  });

  it('refuses any other document, even another file next to ours', () => {
    for (const target of [
      pathToFileURL('/opt/Tanoda/resources/app.asar/out/renderer/other.html').href,
      pathToFileURL('/etc/passwd').href,
      'file://attacker-host/opt/Tanoda/resources/app.asar/out/renderer/index.html',
      'http://localhost:5174/',
      'https://localhost:5173/',
      'about:blank',
      'javascript:alert(1)',
    ]) {
      expect(decideNavigation(target, target.startsWith('file:') ? fileLocation : devLocation).allow, target).toBe(false);
    }
    expect(decideNavigation('http://localhost:5173/', fileLocation).allow).toBe(false);
  });

  it('sends a followed web link to the browser instead of navigating', () => {
    expect(decideNavigation('https://example.com/course', fileLocation)).toEqual({
      allow: false,
      openExternally: 'https://example.com/course',
    });
    expect(decideNavigation('http://example.com/course', fileLocation)).toEqual({ allow: false });
  });

  it('never opens a window of its own', () => {
    expect(decideWindowOpen(fileLocation.url)).toEqual({ allow: false });
    expect(decideWindowOpen('https://example.com/')).toEqual({ allow: false, openExternally: 'https://example.com/' });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ allow: false });
  });

  it('matches Windows file URLs regardless of drive letter case', () => {
    const windows: RendererLocation = { kind: 'file', url: 'file:///C:/Program%20Files/Tanoda/resources/app.asar/out/renderer/index.html' };
    expect(isAppUrl('file:///c:/Program%20Files/Tanoda/resources/app.asar/out/renderer/index.html#/', windows)).toBe(true);
    expect(isAppUrl('file:///D:/Program%20Files/Tanoda/resources/app.asar/out/renderer/index.html', windows)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('accepts only the top frame of our renderer', () => {
    expect(isTrustedSender({ url: `${fileLocation.url}#/clients`, isMainFrame: true }, fileLocation)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, devLocation)).toBe(true);
  });

  it('refuses sub-frames, other pages, vanished frames and the dev server in a packaged app', () => {
    expect(isTrustedSender({ url: fileLocation.url, isMainFrame: false }, fileLocation)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, fileLocation)).toBe(false);
    expect(isTrustedSender({ url: pathToFileURL('/tmp/index.html').href, isMainFrame: true }, fileLocation)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true }, fileLocation)).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true }, fileLocation)).toBe(false);
    expect(isTrustedSender({ url: '', isMainFrame: true }, fileLocation)).toBe(false);
    expect(isTrustedSender(null, fileLocation)).toBe(false);
  });
});

describe('renderer location', () => {
  const indexHtmlUrl = fileLocation.url;

  it('uses the dev server only in an unpackaged run on a loopback address', () => {
    expect(rendererLocation({ indexHtmlUrl, devServerUrl: 'http://localhost:5173', isPackaged: false })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
    });
    expect(rendererLocation({ indexHtmlUrl, devServerUrl: 'http://127.0.0.1:5173/', isPackaged: false }).kind).toBe('dev');
  });

  it('ignores ELECTRON_RENDERER_URL when packaged or when it points off the machine', () => {
    expect(rendererLocation({ indexHtmlUrl, devServerUrl: 'http://localhost:5173', isPackaged: true })).toEqual(fileLocation);
    expect(rendererLocation({ indexHtmlUrl, devServerUrl: 'https://evil.example/', isPackaged: false })).toEqual(fileLocation);
    expect(rendererLocation({ indexHtmlUrl, devServerUrl: 'file:///tmp/x.html', isPackaged: false })).toEqual(fileLocation);
    expect(rendererLocation({ indexHtmlUrl, devServerUrl: undefined, isPackaged: false })).toEqual(fileLocation);
  });
});

describe('window and session settings', () => {
  it('creates every window isolated, sandboxed and without Node', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('refuses every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      refusePermissionRequest({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(refusePermissionCheck()).toBe(false);
  });
});
