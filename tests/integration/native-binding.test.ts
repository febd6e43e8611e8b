/**
 * The packaging plan (electron-builder.yml: npmRebuild false) rests on one fact:
 * better-sqlite3 loads the Node-API binary that ships inside its npm package,
 * so the very same file works in Node (tests, CLI) and in Electron (the app)
 * without compiling anything. `better-sqlite3` is installed as
 * better-sqlite3-multiple-ciphers (package.json's `npm:` alias: the same API
 * and drizzle driver, with SQLCipher-compatible encryption), and this test
 * keeps it so. It proves the fact on this machine and checks the binaries for
 * the platforms we package, that the SQLite inside has FTS5, which client
 * search needs, and that a key really makes the file unreadable without it.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('better-sqlite3/package.json'));

function loadedSharedObjects(): string[] {
  const report = process.report.getReport() as unknown as { sharedObjects?: string[] };
  return (report.sharedObjects ?? []).map((file) => (existsSync(file) ? realpathSync(file) : file));
}

function thisPlatformPrebuild(): string {
  const report = process.report.getReport() as unknown as { header: { glibcVersionRuntime?: string } };
  const musl = process.platform === 'linux' && !report.header.glibcVersionRuntime;
  return `${musl ? 'linuxmusl' : process.platform}-${process.arch}`;
}

describe('better-sqlite3 native binding', () => {
  it('is the multiple-ciphers build, pinned', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(manifest).toMatchObject({ name: 'better-sqlite3-multiple-ciphers', version: '13.0.3' });
  });

  it('loads the Node-API prebuild from its own package, not a compiled build/Release', () => {
    const db = new Database(':memory:');
    try {
      db.prepare('SELECT 1').get();
      const prebuild = realpathSync(join(packageDir, 'prebuilds', `${thisPlatformPrebuild()}.node`));
      const loaded = loadedSharedObjects().filter((file) => /better.sqlite3/i.test(file) || file.endsWith('.node'));
      expect(loaded).toContain(prebuild);
      expect(loaded.some((file) => file.includes(`${sep}build${sep}`))).toBe(false);
      // npm runs the package's binding.gyp on install, which leaves only stamp files beside the
      // prebuilds (the gyp file builds nothing when they are there): no compiled binary may exist.
      const built = existsSync(join(packageDir, 'build'))
        ? readdirSync(join(packageDir, 'build'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.node'))
        : [];
      expect(built).toEqual([]);
    } finally {
      db.close();
    }
  });

  it.each(['linux-x64', 'win32-x64', 'darwin-x64', 'darwin-arm64'])(
    'ships an ABI-stable (Node-API) binary for %s, one of our package targets',
    (target) => {
      const file = join(packageDir, 'prebuilds', `${target}.node`);
      expect(existsSync(file)).toBe(true);
      const binary = readFileSync(file);
      // A Node-API addon registers through napi_register_module_v1; an ABI-bound one
      // exports node_register_module_v<ABI> and would need a rebuild for Electron.
      expect(binary.includes('napi_register_module_v1')).toBe(true);
      expect(binary.includes('node_register_module_v1')).toBe(false);
    },
  );

  it('encrypts with SQLCipher pages: without the key the file is not a database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tanoda-binding-'));
    const file = join(dir, 'secret.db');
    const key = `x'${'5a'.repeat(32)}'`;
    try {
      const db = new Database(file);
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
      db.pragma(`key = "${key}"`);
      db.exec("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('Kovács Éva')");
      db.close();
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
      expect(bytes.includes(Buffer.from('Kovács Éva'))).toBe(false);
      const keyless = new Database(file);
      expect(() => keyless.prepare('SELECT * FROM t').all()).toThrow(/file is not a database/);
      keyless.close();
      const keyed = new Database(file);
      keyed.pragma("cipher = 'sqlcipher'");
      keyed.pragma('legacy = 4');
      keyed.pragma(`key = "${key}"`);
      expect(keyed.prepare('SELECT name FROM t').all()).toEqual([{ name: 'Kovács Éva' }]);
      keyed.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a SQLite with FTS5', () => {
    const db = new Database(':memory:');
    try {
      const options = (db.pragma('compile_options') as { compile_options: string }[]).map((row) => row.compile_options);
      expect(options).toContain('ENABLE_FTS5');
      db.exec("CREATE VIRTUAL TABLE t USING fts5(name, tokenize = 'unicode61 remove_diacritics 2')");
      db.prepare('INSERT INTO t (name) VALUES (?), (?)').run('Kovács Éva', 'Anna Smith');
      const hits = db.prepare("SELECT name FROM t WHERE t MATCH 'kovac*'").all();
      expect(hits).toEqual([{ name: 'Kovács Éva' }]);
    } finally {
      db.close();
    }
  });
});
