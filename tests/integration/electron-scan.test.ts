/**
 * Our own Electronegativity-style scan: reads the built main and preload bundles
 * (what ships) and the main-process sources (what we wrote) and looks for the
 * high- and medium-risk patterns that scanner checks — Node in the renderer,
 * isolation or the sandbox off, web security off, insecure content, the remote
 * module, eval in the preload, insecure URLs loaded, permission requests
 * granted or left without a handler, certificate errors ignored, security
 * switches on the command line, and `shell.openExternal` reached by anything but
 * the vetted navigation decision. Any finding fails the test, listed with file
 * and line. The first test feeds the scanner known-bad snippets, so a scanner
 * that stopped finding things would fail too.
 *
 * Bundlers write `true`/`false` as `!0`/`!1` when minifying; both are matched.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './cli-process';

type Severity = 'high' | 'medium';

interface Rule {
  id: string;
  severity: Severity;
  pattern: RegExp;
  /** Only for these kinds of file. */
  only?: 'preload' | 'main';
}

const yes = String.raw`(?:true|!0)`;
const no = String.raw`(?:false|!1)`;

const rules: Rule[] = [
  { id: 'NODE_INTEGRATION', severity: 'high', pattern: new RegExp(String.raw`nodeIntegration(?:InWorker|InSubFrames)?["']?\s*:\s*${yes}`) },
  { id: 'CONTEXT_ISOLATION', severity: 'high', pattern: new RegExp(String.raw`contextIsolation["']?\s*:\s*${no}`) },
  { id: 'SANDBOX', severity: 'high', pattern: new RegExp(String.raw`sandbox["']?\s*:\s*${no}`) },
  { id: 'WEB_SECURITY', severity: 'high', pattern: new RegExp(String.raw`webSecurity["']?\s*:\s*${no}`) },
  { id: 'INSECURE_CONTENT', severity: 'high', pattern: new RegExp(String.raw`allowRunningInsecureContent["']?\s*:\s*${yes}`) },
  { id: 'REMOTE_MODULE', severity: 'high', pattern: /enableRemoteModule["']?\s*:\s*(?:true|!0)|@electron\/remote/ },
  {
    id: 'EXPERIMENTAL_FEATURES',
    severity: 'medium',
    pattern: new RegExp(String.raw`experimentalFeatures["']?\s*:\s*${yes}|enableBlinkFeatures`),
  },
  { id: 'WEBVIEW_TAG', severity: 'medium', pattern: new RegExp(String.raw`webviewTag["']?\s*:\s*${yes}|allowpopups`) },
  { id: 'EVAL_IN_PRELOAD', severity: 'high', pattern: /\beval\s*\(|new\s+Function\s*\(/, only: 'preload' },
  { id: 'INSECURE_LOAD_URL', severity: 'high', pattern: /loadURL\s*\(\s*[`'"](?:http|ftp|ws):/ },
  {
    id: 'PERMISSION_GRANTED',
    severity: 'high',
    pattern:
      /setPermission(?:Request|Check)Handler\s*\(\s*(?:async\s*)?\([^)]*\)\s*=>\s*\{?[^}]*?(?:callback\s*\(\s*(?:true|!0)|return\s+(?:true|!0))/,
  },
  {
    id: 'CERTIFICATE_ERRORS_IGNORED',
    severity: 'high',
    pattern: /certificate-error[\s\S]{0,200}?callback\s*\(\s*(?:true|!0)|ignore-certificate-errors|setCertificateVerifyProc/,
  },
  {
    id: 'SECURITY_SWITCHES',
    severity: 'high',
    pattern: /appendSwitch\s*\(\s*['"`](?:disable-web-security|no-sandbox|allow-running-insecure-content|disable-site-isolation-trials)/,
  },
  { id: 'SECURITY_WARNINGS_OFF', severity: 'medium', pattern: /ELECTRON_DISABLE_SECURITY_WARNINGS/ },
  { id: 'INSECURE_PROTOCOL_HANDLER', severity: 'medium', pattern: /registerHttpProtocol|protocol\.interceptHttpProtocol/ },
  { id: 'OPEN_EXTERNAL_UNVETTED', severity: 'high', pattern: /openExternal\s*\(\s*(?!url\s*\))/, only: 'main' },
];

interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  text: string;
}

function scanText(file: string, text: string, kind: 'preload' | 'main'): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.only && rule.only !== kind) continue;
    const global = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      const line = text.slice(0, match.index).split('\n').length;
      findings.push({ rule: rule.id, severity: rule.severity, file, line, text: match[0].slice(0, 120) });
    }
  }
  return findings;
}

function files(dir: string, extensions: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, extensions) : extensions.test(name) ? [path] : [];
  });
}

/** Strips comments so that prose about a risk (this repository explains its choices) is not a finding. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:\\])\/\/[^\n]*/g, '$1');
}

describe('the scanner', () => {
  it('finds the risks it looks for (so an empty result means something)', () => {
    const bad = `
      new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: !1, sandbox: false, webSecurity: false, allowRunningInsecureContent: true, enableRemoteModule: true, webviewTag: true } });
      win.loadURL('http://example.com');
      ses.setPermissionRequestHandler((wc, permission, callback) => { callback(true); });
      app.on('certificate-error', (event, wc, url, error, cert, callback) => { event.preventDefault(); callback(true); });
      app.commandLine.appendSwitch('disable-web-security');
      shell.openExternal(event.url);
    `;
    const found = new Set(scanText('bad.js', bad, 'main').map((f) => f.rule));
    for (const id of [
      'NODE_INTEGRATION',
      'CONTEXT_ISOLATION',
      'SANDBOX',
      'WEB_SECURITY',
      'INSECURE_CONTENT',
      'REMOTE_MODULE',
      'WEBVIEW_TAG',
      'INSECURE_LOAD_URL',
      'PERMISSION_GRANTED',
      'CERTIFICATE_ERRORS_IGNORED',
      'SECURITY_SWITCHES',
      'OPEN_EXTERNAL_UNVETTED',
    ]) {
      expect(found, id).toContain(id);
    }
    expect(scanText('preload.js', 'const f = new Function("return 1"); eval("2")', 'preload').map((f) => f.rule)).toEqual([
      'EVAL_IN_PRELOAD',
      'EVAL_IN_PRELOAD',
    ]);
  });
});

describe('Tanoda', () => {
  const mainBundles = files(join(projectRoot, 'out', 'main'), /\.(c|m)?js$/);
  const preloadBundles = files(join(projectRoot, 'out', 'preload'), /\.(c|m)?js$/);
  const sources = files(join(projectRoot, 'src-main'), /\.ts$/);

  it('has built bundles to scan (npm test builds before it tests)', () => {
    expect(mainBundles.length, 'run `npx electron-vite build` first').toBeGreaterThan(0);
    expect(preloadBundles.length, 'run `npx electron-vite build` first').toBeGreaterThan(0);
  });

  it('has no high or medium finding in the built bundles or the main-process sources', () => {
    const findings = [
      ...mainBundles.flatMap((f) => scanText(relative(projectRoot, f), code(readFileSync(f, 'utf8')), 'main')),
      ...preloadBundles.flatMap((f) => scanText(relative(projectRoot, f), code(readFileSync(f, 'utf8')), 'preload')),
      ...sources.flatMap((f) =>
        scanText(relative(projectRoot, f), code(readFileSync(f, 'utf8')), f.includes('preload') ? 'preload' : 'main'),
      ),
    ];
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it('refuses permission requests with a handler on the session, and opens external links only through the vetted decision', () => {
    const main = mainBundles.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(main).toMatch(/setPermissionRequestHandler\(refusePermissionRequest\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(refusePermissionCheck\)/);
    const index = readFileSync(join(projectRoot, 'src-main', 'index.ts'), 'utf8');
    const opens = [...index.matchAll(/(?<!function )openExternally\(([^;]*)\);/g)].map((m) => m[1]);
    expect(opens.length).toBeGreaterThan(0);
    for (const argument of opens) expect(argument).toMatch(/^(decision\.openExternally|decideWindowOpen\(url\)\.openExternally)$/);
    expect([...index.matchAll(/shell\.openExternal\(/g)]).toHaveLength(1);
  });
});
