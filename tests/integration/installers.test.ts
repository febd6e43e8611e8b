/**
 * The installers, right before anyone runs them. No installer can be built on
 * these machines (electron-builder downloads Electron to pack it), so what
 * would make one wrong is read instead, through electron-builder's own code:
 * - the icons each target uses, found by electron-builder's own icon lookup,
 *   ready-made (so packaging converts nothing) and well-formed ICO / ICNS / PNG;
 * - the `.tanoda` backup association, its icon and MIME type;
 * - no auto-update: no publish target, no updater in the app;
 * - the afterPack hook, resolved the way electron-builder resolves it and run on
 *   packed-app folders built here: it passes a sound one and stops a broken one;
 * - the database in the user data folder, the same file for the window, the
 *   browser fallback of `npm start` and the CLI.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep, win32 } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatabasePath, userDataFolder } from '../../src-main/paths';
import { defaultDatabaseFile } from '../../src-main/upkeep/maintenance';
import { loadBuilderConfig, projectRoot, requireFromBuilder, type BuilderConfig } from './builder-config';

const buildDir = join(projectRoot, 'build');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The images of an ICO file: its directory, each entry pointing at a PNG of the size it claims. */
function icoImages(file: string): number[] {
  const ico = readFileSync(file);
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  const sizes: number[] = [];
  for (let index = 0; index < ico.readUInt16LE(4); index++) {
    const entry = 6 + 16 * index;
    const size = ico.readUInt8(entry) || 256;
    const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
    expect(pngSize(png)).toEqual({ width: size, height: size });
    sizes.push(size);
  }
  return sizes;
}

const ICNS_PIXELS: Record<string, number> = {
  icp4: 16,
  icp5: 32,
  ic11: 32,
  icp6: 64,
  ic12: 64,
  ic07: 128,
  ic08: 256,
  ic13: 256,
  ic09: 512,
  ic14: 512,
  ic10: 1024,
};

/** The elements of an ICNS file: their type, each a PNG of the size its type means, lengths adding up. */
function icnsImages(file: string): string[] {
  const icns = readFileSync(file);
  expect(icns.toString('latin1', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const types: string[] = [];
  for (let offset = 8; offset < icns.length;) {
    const type = icns.toString('latin1', offset, offset + 4);
    const length = icns.readUInt32BE(offset + 4);
    const pixels = ICNS_PIXELS[type];
    expect(pixels, `ICNS element ${type}`).toBeDefined();
    expect(pngSize(icns.subarray(offset + 8, offset + length))).toEqual({ width: pixels, height: pixels });
    types.push(type);
    offset += length;
  }
  return types;
}

interface IconResult {
  icons: { file: string; size: number }[];
  isFallback: boolean;
}

/** The icons electron-builder would use for a format, found by its own lookup from the configured sources. */
async function builderIcons(sources: (string | undefined)[], format: 'icns' | 'ico' | 'set'): Promise<IconResult> {
  const { convertIcon } = requireFromBuilder('app-builder-lib/out/util/iconConverter') as {
    convertIcon(options: {
      sources: string[];
      fallbackSources: string[];
      roots: string[];
      format: string;
      outDir: string;
    }): Promise<IconResult>;
  };
  const outDir = mkdtempSync(join(tmpdir(), 'tanoda-icons-'));
  try {
    const configured = sources.filter((source): source is string => Boolean(source));
    return await convertIcon({ sources: configured, fallbackSources: [], roots: [buildDir, projectRoot], format, outDir });
  } finally {
    // Anything written here would mean electron-builder had to convert (and fetch a converter for) the icon.
    expect(readdirSync(outDir)).toEqual([]);
    rmSync(outDir, { recursive: true, force: true });
  }
}

let config: BuilderConfig;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

describe('icons', () => {
  const insideBuild = (file: string) => !relative(buildDir, file).startsWith('..');

  it('gives macOS a ready-made ICNS of 16 to 1024 px', async () => {
    const result = await builderIcons([config.mac?.icon ?? config.icon], 'icns');
    expect(result.isFallback).toBe(false);
    expect(result.icons.map((icon) => relative(buildDir, icon.file))).toEqual(['icon.icns']);
    expect(icnsImages(join(buildDir, 'icon.icns'))).toEqual(expect.arrayContaining(['icp4', 'ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('gives Windows a ready-made ICO of 16 to 256 px', async () => {
    const result = await builderIcons([config.win?.icon ?? config.icon], 'ico');
    expect(result.isFallback).toBe(false);
    expect(result.icons).toEqual([{ file: join(buildDir, 'icon.ico'), size: 256 }]);
    expect(icoImages(join(buildDir, 'icon.ico'))).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('gives Linux a set of PNGs, 16 to 512 px, each the size its name says', async () => {
    const result = await builderIcons([config.linux?.icon, config.mac?.icon ?? config.icon], 'set');
    expect(result.isFallback).toBe(false);
    expect(result.icons.map((icon) => icon.size)).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    for (const icon of result.icons) {
      expect(insideBuild(icon.file)).toBe(true);
      expect(pngSize(readFileSync(icon.file))).toEqual({ width: icon.size, height: icon.size });
    }
  });

  it('renders every icon from an SVG source kept beside them', () => {
    for (const source of ['icon.svg', 'backup.svg']) {
      expect(readFileSync(join(buildDir, source), 'utf8')).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 1024 1024">/,
      );
    }
    expect(pngSize(readFileSync(join(buildDir, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });
});

describe('the .tanoda backup file association', () => {
  it('registers .tanoda as a Tanoda backup, with a MIME type for Linux and its own icon elsewhere', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({
        ext: 'tanoda',
        name: 'Tanoda backup',
        mimeType: 'application/x-tanoda-backup',
        role: 'Editor',
        icon: 'backup',
      }),
    ]);
    // electron-builder turns `icon: backup` into backup.icns (macOS) and backup.ico (Windows) in build/.
    expect(icnsImages(join(buildDir, 'backup.icns'))).toContain('ic10');
    expect(icoImages(join(buildDir, 'backup.ico'))).toContain(256);
  });

  it('names the Linux executable, so the desktop entry that receives the file is stable', () => {
    expect(config.linux?.executableName).toBe('tanoda');
  });
});

describe('no auto-update', () => {
  it('publishes nowhere, so no app-update.yml names an update server', () => {
    expect(config.publish).toBeNull();
  });

  it('ships no updater and never calls one', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(Object.keys({ ...pkg['dependencies'], ...pkg['devDependencies'] })).not.toContain('electron-updater');
    const mainSources = [
      join(projectRoot, 'src-main/index.ts'),
      ...readdirSync(join(projectRoot, 'src-main/electron')).map((f) => join(projectRoot, 'src-main/electron', f)),
    ];
    for (const file of mainSources) expect(readFileSync(file, 'utf8'), file).not.toMatch(/autoUpdater|electron-updater/);
  });
});

describe('the afterPack hook', () => {
  type Hook = (context: object) => Promise<void>;
  let hook: Hook;
  const scratch = mkdtempSync(join(tmpdir(), 'tanoda-pack-'));
  let serial = 0;

  /** A packed app's folder as electron-builder leaves it for the hook: resources/ beside the executable, or inside the .app. */
  function packedApp(platform: 'linux' | 'win32' | 'darwin', prebuild: string): { appOutDir: string; resources: string } {
    const appOutDir = join(scratch, `${platform}-${serial++}`);
    const resources = platform === 'darwin' ? join(appOutDir, 'Tanoda.app', 'Contents', 'Resources') : join(appOutDir, 'resources');
    mkdirSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds'), { recursive: true });
    writeFileSync(join(resources, 'app.asar'), 'asar');
    cpSync(join(projectRoot, 'drizzle'), join(resources, 'drizzle'), { recursive: true });
    writeFileSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds', prebuild), 'binary');
    return { appOutDir, resources };
  }

  const context = (appOutDir: string, electronPlatformName: string, arch: number) => ({
    appOutDir,
    electronPlatformName,
    arch,
    packager: { appInfo: { productFilename: 'Tanoda' } },
  });

  beforeAll(async () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    const { resolveFunction } = requireFromBuilder('app-builder-lib/out/util/resolve') as {
      resolveFunction(type: unknown, executor: string, name: string, root: string): Promise<Hook>;
    };
    const previous = process.cwd();
    process.chdir(projectRoot);
    try {
      hook = await resolveFunction(undefined, config.afterPack!, 'afterPack', projectRoot);
    } finally {
      process.chdir(previous);
    }
    expect(typeof hook).toBe('function');
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('passes a sound packed app on each platform (electron-builder arch 1 = x64, 3 = arm64)', async () => {
    await expect(hook(context(packedApp('linux', 'linux-x64.node').appOutDir, 'linux', 1))).resolves.toBeUndefined();
    await expect(hook(context(packedApp('win32', 'win32-x64.node').appOutDir, 'win32', 1))).resolves.toBeUndefined();
    await expect(hook(context(packedApp('darwin', 'darwin-arm64.node').appOutDir, 'darwin', 3))).resolves.toBeUndefined();
  });

  it('stops the build when the target would lack its SQLite binary, a migration, or would look for updates', async () => {
    const wrongArch = packedApp('linux', 'linux-x64.node');
    await expect(hook(context(wrongArch.appOutDir, 'linux', 3))).rejects.toThrow(/linux-arm64\.node is not unpacked/);

    const noMigration = packedApp('win32', 'win32-x64.node');
    rmSync(join(noMigration.resources, 'drizzle/0000_initial.sql'));
    await expect(hook(context(noMigration.appOutDir, 'win32', 1))).rejects.toThrow(/drizzle\/0000_initial\.sql is missing/);

    const updating = packedApp('darwin', 'darwin-x64.node');
    writeFileSync(join(updating.resources, 'app-update.yml'), 'provider: generic\n');
    await expect(hook(context(updating.appOutDir, 'darwin', 1))).rejects.toThrow(/app-update\.yml/);

    const universal = packedApp('darwin', 'darwin-x64.node');
    await expect(hook(context(universal.appOutDir, 'darwin', 4))).rejects.toThrow(/darwin-arm64\.node/);
  });
});

describe('the database in the user data folder', () => {
  it("is Electron's userData folder for an app named Tanoda on each platform", () => {
    expect(userDataFolder('linux', {}, '/home/anna')).toBe('/home/anna/.config/Tanoda');
    expect(userDataFolder('linux', { XDG_CONFIG_HOME: '/data/config' }, '/home/anna')).toBe('/data/config/Tanoda');
    expect(userDataFolder('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/anna')).toBe('/home/anna/.config/Tanoda');
    expect(userDataFolder('darwin', {}, '/Users/anna')).toBe('/Users/anna/Library/Application Support/Tanoda');
    expect(userDataFolder('win32', { APPDATA: 'C:\\Users\\anna\\AppData\\Roaming' }, 'C:\\Users\\anna')).toBe(
      'C:\\Users\\anna\\AppData\\Roaming\\Tanoda',
    );
    expect(userDataFolder('win32', {}, 'C:\\Users\\anna')).toBe('C:\\Users\\anna\\AppData\\Roaming\\Tanoda');
  });

  it('is the same file for the window, the browser fallback of npm start and the CLI', () => {
    const cases: [NodeJS.Platform, NodeJS.ProcessEnv, string, typeof posix][] = [
      ['linux', {}, '/home/anna', posix],
      ['linux', { XDG_CONFIG_HOME: '/data/config' }, '/home/anna', posix],
      ['darwin', {}, '/Users/anna', posix],
      ['win32', { APPDATA: 'C:\\Users\\anna\\AppData\\Roaming' }, 'C:\\Users\\anna', win32],
    ];
    for (const [platform, env, home, path] of cases) {
      const file = path.join(userDataFolder(platform, env, home), 'tanoda.db');
      expect(defaultDatabaseFile(platform, env, home)).toBe(file);
      if (path.sep === sep) expect(defaultDatabasePath(userDataFolder(platform, env, home))).toBe(file);
    }
  });
});
