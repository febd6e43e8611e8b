/**
 * Three builds: the main process (the app's entry and the CLI, which share the
 * services), the preload, and the renderer (also served by the HTTP bridge).
 *
 * The package is an ES module package, so electron-vite would emit the preload
 * as `index.mjs`. Tanoda's window is sandboxed, and a sandboxed preload cannot be
 * an ES module: Electron runs it as a single CommonJS script whose `require`
 * knows only 'electron' (and a few polyfills). So the preload is forced to one
 * self-contained CommonJS file, `out/preload/index.cjs`, with every import
 * bundled in and only 'electron' left external; index.ts points at that name.
 *
 * The built index.html gets the app's Content-Security-Policy as a <meta> tag,
 * placed before any script: the packaged window loads it over file://, where
 * the header the main process adds never arrives. The policy text comes from
 * src-main/electron/security.ts, so the header and the tag cannot drift apart.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { metaContentSecurityPolicy } from './src-main/electron/security';

export const CSP_META_PLUGIN = 'tanoda:csp-meta';

function contentSecurityPolicyMeta(): Plugin {
  const content = metaContentSecurityPolicy({ kind: 'file', url: 'file:///index.html' });
  return {
    name: CSP_META_PLUGIN,
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content }, injectTo: 'head-prepend' }],
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Pure-JS libraries whose root index loads everything are bundled (and so
      // tree-shaken) into the main process and the CLI: drizzle-orm's root alone
      // costs 170 MB and a third of a second at every start. Native and heavy
      // optional ones (better-sqlite3, the sheet readers) stay external.
      externalizeDeps: { exclude: ['drizzle-orm', 'date-fns', 'zod', 'uuid', 'libphonenumber-js'] },
      rolldownOptions: {
        input: {
          index: resolve('src-main/index.ts'),
          cli: resolve('src-main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-main/preload.ts') },
        external: ['electron'],
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    build: {
      rolldownOptions: { input: resolve('src-renderer/index.html') },
    },
    plugins: [react(), contentSecurityPolicyMeta()],
  },
});
