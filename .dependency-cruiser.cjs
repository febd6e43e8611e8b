/**
 * The layer map of DESIGN.md, checked by `npm test` (step "dependencies"):
 * imports point down, no module imports itself back through a cycle, and a
 * feature reaches another feature only through its index. ESLint's
 * no-restricted-imports keeps platforms apart (no Electron in services, no Node
 * in the renderer); this file keeps the layers apart, which a per-file lint
 * rule cannot see. A rule here fails with the rule's name and the offending edge.
 */
const transports = '^src-main/(cli|bridge|ipc|electron)/|^src-main/(index|preload)\\.ts$';
const above = (...layers) => `^src-main/(${layers.join('|')})/|${transports}`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: two modules that cannot be understood apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'src-shared is pure TypeScript both processes use: it imports nothing above it.',
      from: { path: '^src-shared/' },
      to: { path: '^src-(main|renderer)/' },
    },
    {
      name: 'renderer-never-reaches-main',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/' },
    },
    {
      name: 'main-never-reaches-renderer',
      severity: 'error',
      from: { path: '^src-main/' },
      to: { path: '^src-renderer/' },
    },
    {
      name: 'db-is-storage-only',
      severity: 'error',
      comment: 'db/ holds the schema and the connection; it knows nothing of writes, services or hosts.',
      from: { path: '^src-main/db/' },
      to: { path: above('core', 'changes', 'services', 'sync', 'upkeep', 'demo', 'api') },
    },
    {
      name: 'core-is-context-only',
      severity: 'error',
      comment: 'core/ is the context every call runs in; it depends on the database types and nothing above.',
      from: { path: '^src-main/core/' },
      to: { path: above('changes', 'services', 'sync', 'upkeep', 'demo', 'api') },
    },
    {
      name: 'changes-below-services',
      severity: 'error',
      comment: 'The write paths (funnel, merge, purge, change log) serve every service; they never call one.',
      from: { path: '^src-main/changes/' },
      to: { path: above('services', 'sync', 'upkeep', 'demo', 'api') },
    },
    {
      name: 'services-are-the-domain',
      severity: 'error',
      comment: 'services/ is the domain only: no sync, upkeep, demo, router or transport.',
      from: { path: '^src-main/services/' },
      to: { path: above('sync', 'upkeep', 'demo', 'api') },
    },
    {
      name: 'sync-upkeep-demo-below-api',
      severity: 'error',
      comment: 'Sync, upkeep and the demo school build on changes and services; the router calls them, never the reverse.',
      from: { path: '^src-main/(sync|upkeep|demo)/' },
      to: { path: above('api') },
    },
    {
      name: 'api-below-transports',
      severity: 'error',
      comment: 'The router and the one door (invoke) know nothing of IPC, HTTP or the command line.',
      from: { path: '^src-main/api/' },
      to: { path: transports },
    },
    {
      name: 'one-door',
      severity: 'error',
      comment: 'Only the api layer holds the raw router; every host calls through invoke.',
      from: { path: '^src-main/', pathNot: '^src-main/api/' },
      to: { path: '^src-main/api/router\\.ts$' },
    },
    {
      name: 'transports-stay-apart',
      severity: 'error',
      comment: 'The HTTP bridge is a transport of its own: it knows nothing of the CLI, IPC or Electron.',
      from: { path: '^src-main/bridge/' },
      to: { path: '^src-main/(cli|ipc|electron)/|^src-main/(index|preload)\\.ts$' },
    },
    {
      name: 'ipc-is-electron-glue',
      severity: 'error',
      comment: 'IPC is part of the Electron glue; only the CLI may start the bridge (`tanoda web`).',
      from: { path: '^src-main/ipc/' },
      to: { path: '^src-main/(cli|bridge)/' },
    },
    {
      name: 'features-through-their-index',
      severity: 'error',
      comment: "A feature uses another feature only through that feature's index.ts, never its internals.",
      from: { path: '^src-renderer/features/([^/]+)/' },
      to: { path: '^src-renderer/features/[^/]+/', pathNot: ['^src-renderer/features/$1/', '^src-renderer/features/[^/]+/index\\.tsx?$'] },
    },
    {
      name: 'app-is-the-composition-root',
      severity: 'error',
      comment: 'app/ assembles the features; nothing imports it back.',
      from: { path: '^src-renderer/', pathNot: '^src-renderer/(app/|main\\.tsx$)' },
      to: { path: '^src-renderer/app/' },
    },
    {
      name: 'renderer-foundations-below-features',
      severity: 'error',
      comment: 'api/, shared/, grid/, i18n/ and stores/ serve the features and never import one.',
      from: { path: '^src-renderer/(api|shared|grid|i18n|stores)/' },
      to: { path: '^src-renderer/features/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs'] },
  },
};
