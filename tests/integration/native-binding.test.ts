/**
 * The packaging plan (electron-builder.yml: npmRebuild false) rests on one fact:
 * better-sqlite3 loads the Node-API binary that ships inside its npm package,
 * so the very same file works in Node (tests, CLI) and in Electron (the app)
 * without compiling anything. This test proves the fact on this machine and
 * checks the binaries for the platforms we package, and that the SQLite inside
 * has FTS5, which client search needs.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
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
  it('loads the Node-API prebuild from its own package, not a compiled build/Release', () => {
    const db = new Database(':memory:');
    try {
      db.prepare('SELECT 1').get();
      const prebuild = realpathSync(join(packageDir, 'prebuilds', `${thisPlatformPrebuild()}.node`));
      const loaded = loadedSharedObjects().filter((file) => /better.sqlite3/i.test(file) || file.endsWith('.node'));
      expect(loaded).toContain(prebuild);
      expect(loaded.some((file) => file.includes(`${sep}build${sep}`))).toBe(false);
      expect(existsSync(join(packageDir, 'build', 'Release'))).toBe(false);
      expect(existsSync(join(packageDir, 'build', 'Debug'))).toBe(false);
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
