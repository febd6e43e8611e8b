/**
 * Makes sure the built renderer exists before a browser test serves it. When
 * out/renderer/index.html is missing it builds the renderer alone, from the
 * renderer section of the project's own electron.vite.config.ts as electron-vite
 * resolves it, so the test never serves a page built with different settings
 * and does not depend on the main-process build succeeding.
 *
 * Run directly (`npx tsx tests/e2e/renderer-build.ts --force`) to rebuild it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const rendererDir = join(projectRoot, 'out', 'renderer');

export async function ensureRendererBuilt(options: { force?: boolean } = {}): Promise<string> {
  if (!options.force && existsSync(join(rendererDir, 'index.html'))) return rendererDir;
  const previousCwd = process.cwd();
  process.chdir(projectRoot);
  try {
    process.env.NODE_ENV_ELECTRON_VITE = 'production';
    const resolved = await resolveConfig(
      { configFile: join(projectRoot, 'electron.vite.config.ts'), logLevel: 'warn' },
      'build',
      'production',
    );
    const renderer = resolved.config?.renderer;
    if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
    await build({ ...renderer, logLevel: 'warn' });
  } finally {
    process.chdir(previousCwd);
  }
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`The renderer build did not produce ${rendererDir}/index.html`);
  return rendererDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = await ensureRendererBuilt({ force: process.argv.includes('--force') });
  console.log(`renderer built in ${dir}`);
}
