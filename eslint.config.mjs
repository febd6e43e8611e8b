// Lint rules, including the layer rule of DESIGN.md enforced per folder:
// the renderer never reaches the main process, Node or Electron; only the
// Electron glue imports `electron`; src-shared imports nothing platform-specific.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'url',
  'util',
  'stream',
  'events',
  'net',
  'worker_threads',
];
// date-fns' root index loads every function (half a gigabyte, a second at start-up): import per function.
const dateFnsRoot = { name: 'date-fns', message: "Import one function per path, e.g. 'date-fns/addMonths'." };
const electronGlue = ['src-main/index.ts', 'src-main/preload.ts', 'src-main/ipc/**', 'src-main/electron/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'drizzle/**', 'reports/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      'no-restricted-imports': ['error', { paths: [dateFnsRoot] }],
    },
  },
  {
    // A function longer than a screen is a list of steps waiting for names (STYLE.md 14).
    files: ['src-main/**/*.{ts,tsx}', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [dateFnsRoot],
          patterns: [
            { group: ['electron', 'electron/*'], message: 'src-shared is platform-free: no Electron.' },
            { group: nodeBuiltins, message: 'src-shared is platform-free: no Node built-ins.' },
            {
              group: ['**/src-main/**', '**/src-renderer/**', 'react', 'react-dom', '@mantine/*'],
              message: 'src-shared imports nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [dateFnsRoot],
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The renderer talks to the main process only through the typed API client.' },
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
            {
              group: ['**/src-main/**', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'],
              message: 'The renderer never imports the main process or the database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: electronGlue,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [dateFnsRoot],
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'Only the Electron glue (index.ts, preload.ts, ipc/) imports electron: services run in plain Node.',
            },
            { group: ['**/src-renderer/**'], message: 'The main process never imports the renderer.' },
          ],
        },
      ],
    },
  },
  prettier,
);
