/**
 * The Electron app cannot be launched on the build machines (no Electron
 * binary), so its configuration is proven by reading it:
 * - electron-builder.yml as electron-builder itself loads and validates it
 *   (builder-config.ts; icons, file association, updates and the packaging hook
 *   are installers.test.ts's);
 * - the main process and preload as electron-vite builds them from the
 *   project's own electron.vite.config.ts (the window's webPreferences, the
 *   preload's sandbox-compatible format, what the bundle imports at run time);
 * - the IPC handler over a real workspace file, with the sender check;
 * - the menu, the first-run guesses and the database path.
 */
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import projectViteConfig, { CSP_META_PLUGIN } from '../../electron.vite.config';
import { defaultDatabasePath } from '../../src-main/paths';
import { firstRunDefaults, guessCurrency } from '../../src-main/electron/first-run';
import { applicationMenuTemplate } from '../../src-main/electron/menu';
import { metaContentSecurityPolicy, type RendererLocation } from '../../src-main/electron/security';
import { INVOKE_CHANNEL } from '../../src-main/ipc/channel';
import { handleInvoke, workspaceInvokeDependencies } from '../../src-main/ipc/invoke';
import { openWorkspace, type Workspace } from '../../src-main/api/workspace';
import { loadBuilderConfig, requireFromBuilder, type BuilderConfig } from './builder-config';
import { keyBeside } from './direct';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

describe('electron-builder.yml', () => {
  let config: BuilderConfig;
  beforeAll(async () => {
    config = await loadBuilderConfig();
  });

  it('is valid for electron-builder 26', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Tanoda');
  });

  it('ships the better-sqlite3 Node-API prebuilds as they are, unpacked from the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/prebuilds/**');
  });

  it('packs the built app and ships the migrations beside it, where connection.ts looks', () => {
    const patterns = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry.filter ?? [])));
    expect(patterns).toContain('out/**/*');
    expect(patterns.filter((pattern) => !pattern.startsWith('!') && !pattern.startsWith('out/'))).toEqual([]);
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: 'drizzle', to: 'drizzle' }));
    expect(existsSync(join(root, 'drizzle/meta/_journal.json'))).toBe(true);
  });

  it('flips the Electron fuses that close the side doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('targets AppImage and deb, an NSIS installer and a dmg', () => {
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win?.target).toContain('nsis');
    expect(config.mac?.target).toContain('dmg');
  });

  it('rejects a misspelt key, so the validation above means something', async () => {
    const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: object, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration({ ...config, npmRebuilt: false }, new DebugLogger(false))).rejects.toThrow(/npmRebuilt/);
  });
});

describe('electron.vite.config.ts', () => {
  it('keeps the four entries the app, the CLI, the preload and the renderer are built from', () => {
    const config = projectViteConfig as unknown as {
      main: { build: { rolldownOptions: { input: Record<string, string> } } };
      preload: { build: { rolldownOptions: { input: Record<string, string>; output: { format: string } } } };
      renderer: { root: string; build: { rolldownOptions: { input: string } } };
    };
    expect(config.main.build.rolldownOptions.input).toEqual({
      index: join(root, 'src-main/index.ts'),
      cli: join(root, 'src-main/cli/index.ts'),
    });
    expect(config.preload.build.rolldownOptions.input).toEqual({ index: join(root, 'src-main/preload.ts') });
    expect(config.preload.build.rolldownOptions.output.format).toBe('cjs');
    expect(config.renderer.root).toBe(join(root, 'src-renderer'));
    expect(config.renderer.build.rolldownOptions.input).toBe(join(root, 'src-renderer/index.html'));
  });

  it('writes the CSP into the built index.html ahead of every script', () => {
    const plugins = (projectViteConfig as unknown as { renderer: { plugins: unknown[] } }).renderer.plugins.flat(3) as {
      name?: string;
      apply?: string;
      transformIndexHtml?: { handler(html: string): unknown };
    }[];
    const plugin = plugins.find((candidate) => candidate?.name === CSP_META_PLUGIN);
    expect(plugin?.apply).toBe('build');
    expect(plugin?.transformIndexHtml?.handler('<html></html>')).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy({ kind: 'file', url: 'file:///index.html' }) },
        injectTo: 'head-prepend',
      },
    ]);
  });
});

/**
 * Builds the app's main entry and the preload with the project's config into a
 * scratch folder. The CLI entry and the renderer are built by the same config
 * but are other modules' concern, so this build narrows main to `index` and
 * leaves the renderer out; `npx electron-vite build` builds all four.
 */
describe('the built main process and preload', () => {
  const scratch = join(root, 'tests/.tmp', `electron-build-${process.pid}-${Date.now()}`);
  const outDir = join(scratch, 'out');
  let mainCode = '';
  let preloadCode = '';

  beforeAll(async () => {
    mkdirSync(scratch, { recursive: true });
    const configFile = join(scratch, 'electron.vite.scratch.mjs');
    // A relative specifier, so electron-vite bundles the project config (and what it imports) into the scratch one.
    const projectConfig = relative(scratch, join(root, 'electron.vite.config.ts')).split(sep).join('/');
    writeFileSync(
      configFile,
      [
        `import project from ${JSON.stringify(projectConfig)};`,
        'const input = { index: project.main.build.rolldownOptions.input.index };',
        'const main = { ...project.main, build: { ...project.main.build, rolldownOptions: { ...project.main.build.rolldownOptions, input } } };',
        'export default { main, preload: project.preload };',
      ].join('\n'),
    );
    const { build } = (await import('electron-vite')) as { build(config: object): Promise<void> };
    await build({ configFile, root, logLevel: 'warn', build: { outDir } });
    mainCode = readFileSync(join(outDir, 'main/index.js'), 'utf8');
    preloadCode = readFileSync(join(outDir, 'preload/index.cjs'), 'utf8');
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates its one window with the secure webPreferences and the built preload', () => {
    expect(mainCode.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(mainCode).toMatch(/new BrowserWindow\(\{[\s\S]*?webPreferences: secureWebPreferences\(preloadPath\)/);
    const preloadRef = /preloadPath = join\(here, "([^"]+)"\)/.exec(mainCode)?.[1];
    expect(preloadRef).toBe('../preload/index.cjs');
    expect(existsSync(resolve(outDir, 'main', preloadRef!))).toBe(true);
    const prefs = /function secureWebPreferences\(preloadPath\) \{\s*return \{([\s\S]*?)\};/.exec(mainCode)?.[1] ?? '';
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true', 'webviewTag: false']) {
      expect(prefs).toContain(setting);
    }
    for (const weakened of [
      'sandbox: false',
      'contextIsolation: false',
      'nodeIntegration: true',
      'webSecurity: false',
      'webviewTag: true',
      'allowRunningInsecureContent: true',
    ]) {
      expect(mainCode).not.toContain(weakened);
    }
  });

  it('wires the guards: one IPC handler, navigation, new windows, permissions, CSP, single instance', () => {
    expect(mainCode.match(/\.handle\(/g)).toHaveLength(1);
    for (const wiring of [
      'requestSingleInstanceLock()',
      'enableSandbox()',
      '"will-navigate"',
      '"will-redirect"',
      '"will-attach-webview"',
      'setWindowOpenHandler(',
      'setPermissionRequestHandler(refusePermissionRequest)',
      'setPermissionCheckHandler(refusePermissionCheck)',
      'webRequest.onHeadersReceived(',
    ]) {
      expect(mainCode).toContain(wiring);
    }
  });

  it('imports at run time only Electron, Node built-ins and declared dependencies (so the packaged app resolves them)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const specifiers = [...mainCode.matchAll(/^import\s[^'"]*?from\s+"([^"]+)";?$|^import\s+"([^"]+)";?$/gm)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    expect(specifiers).toContain('better-sqlite3');
    for (const specifier of specifiers) {
      if (specifier === 'electron' || specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      expect(Object.keys(pkg.dependencies), specifier).toContain(name);
    }
    expect(mainCode).not.toMatch(/\brequire\(/);
  });

  it('emits the preload as one CommonJS script that requires nothing but electron', () => {
    expect(existsSync(join(outDir, 'preload/index.mjs'))).toBe(false);
    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, value: null })) },
    };
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    };
    const module = { exports: {} };
    // Compiled as a classic script: an ES module (import/export) would not even parse.
    new vm.Script(preloadCode, { filename: 'index.cjs' }).runInNewContext({ require: sandboxRequire, module, exports: module.exports });
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['tanoda']);
    const bridge = exposed['tanoda'] as { invoke(method: string, input: unknown): Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['invoke']);
    void bridge.invoke('clients.list', { query: 'anna' });
    expect(invoked).toEqual([[INVOKE_CHANNEL, 'clients.list', { query: 'anna' }]]);
  });
});

describe('the IPC handler over a real workspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tanoda-ipc-'));
  const indexHtml = join(dir, 'out/renderer/index.html');
  const location: RendererLocation = { kind: 'file', url: pathToFileURL(indexHtml).href };
  const ours = { url: `${location.url}#/clients`, isMainFrame: true };
  let workspace: Workspace;

  beforeAll(() => {
    workspace = openWorkspace(defaultDatabasePath(dir), {
      key: keyBeside(defaultDatabasePath(dir)),
      initIfEmpty: firstRunDefaults('hu-HU', 'Europe/Budapest'),
    });
  });
  afterAll(() => {
    workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the workspace on first run with the guessed settings and answers our renderer', async () => {
    const result = await handleInvoke(workspaceInvokeDependencies(workspace, location), ours, 'settings.get', {});
    expect(result).toMatchObject({
      ok: true,
      value: { schoolName: 'My school', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' },
    });
    expect(structuredClone(result)).toEqual(result);
    expect(existsSync(join(dir, 'tanoda.db'))).toBe(true);
  });

  it('runs writes as the owner and reports what changed', async () => {
    const result = await handleInvoke(workspaceInvokeDependencies(workspace, location), ours, 'settings.update', {
      schoolName: 'Szivárvány Stúdió',
    });
    expect(result).toMatchObject({ ok: true, value: { schoolName: 'Szivárvány Stúdió' }, changed: ['settings'] });
  });

  it('refuses a sub-frame or another page before the router runs', async () => {
    const deps = workspaceInvokeDependencies(workspace, location);
    for (const sender of [{ ...ours, isMainFrame: false }, { url: 'https://evil.example/', isMainFrame: true }, null]) {
      const result = await handleInvoke(deps, sender, 'settings.update', { schoolName: 'Hijacked' });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await handleInvoke(deps, ours, 'settings.get', {})).toMatchObject({ ok: true, value: { schoolName: 'Szivárvány Stúdió' } });
  });

  it('answers bad calls with errors as data, never a throw', async () => {
    const deps = workspaceInvokeDependencies(workspace, location);
    expect(await handleInvoke(deps, ours, 42, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handleInvoke(deps, ours, 'x'.repeat(500), {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handleInvoke(deps, ours, 'clients.explode', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await handleInvoke(deps, ours, 'settings.update', { currency: 'euro' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});

describe('menu, first run and database path', () => {
  const actions = {
    appName: 'Tanoda',
    isMac: false,
    backUp: () => undefined,
    restoreFromFile: () => undefined,
    savePdf: () => undefined,
    about: () => undefined,
  };
  const roles = (template: ReturnType<typeof applicationMenuTemplate>) =>
    template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : [])).map((item) => item.role ?? item.label);

  it('offers developer tools and reload only in development', () => {
    const packaged = roles(applicationMenuTemplate({ ...actions, isDevelopment: false }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).toEqual(
      expect.arrayContaining(['Back up…', 'Restore from a file…', 'Save as PDF…', 'quit', 'copy', 'paste', 'About Tanoda']),
    );
    expect(roles(applicationMenuTemplate({ ...actions, isDevelopment: true }))).toContain('toggleDevTools');
  });

  it('guesses currency from the locale and falls back safely', () => {
    expect(firstRunDefaults('hu', 'Europe/Budapest')).toEqual({
      schoolName: 'My school',
      locale: 'hu',
      currency: 'HUF',
      timeZone: 'Europe/Budapest',
    });
    expect(firstRunDefaults('en-US', 'America/New_York').currency).toBe('USD');
    expect(firstRunDefaults('en_GB', 'Europe/London')).toMatchObject({ locale: 'en-GB', currency: 'GBP' });
    expect(guessCurrency('zh-CN')).toBe('CNY');
    expect(guessCurrency('fr')).toBe('EUR');
    expect(firstRunDefaults('!!', 'Mars/Olympus_Mons')).toEqual({
      schoolName: 'My school',
      locale: 'en-GB',
      currency: 'EUR',
      timeZone: 'UTC',
    });
    expect(firstRunDefaults(undefined, undefined)).toMatchObject({ locale: 'en-GB', timeZone: 'UTC' });
  });

  it('keeps the database in the user data folder', () => {
    expect(defaultDatabasePath('/home/anna/.config/Tanoda')).toBe(join('/home/anna/.config/Tanoda', 'tanoda.db'));
    expect(dirname(defaultDatabasePath('C:/Users/anna/AppData/Roaming/Tanoda'))).toBe(join('C:/Users/anna/AppData/Roaming/Tanoda'));
    expect(() => defaultDatabasePath('')).toThrow();
  });
});
