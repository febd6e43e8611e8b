// electron-builder's afterPack hook (electron-builder.yml: `afterPack`): checks the packed app before
// any installer is made from it, so that a package that would break on the school's computer breaks
// the build instead. What it checks is what the app needs at its first start and what is easy to lose
// in packaging:
//   - the app itself, resources/app.asar;
//   - the SQL migrations beside it (resources/drizzle, where src-main/db/connection.ts looks), every
//     one the journal lists — without them the first start cannot create the database;
//   - better-sqlite3's Node-API prebuild (the better-sqlite3-multiple-ciphers build, installed under
//     that name) for the target platform and architecture, unpacked from the
//     asar (the OS cannot load a library from inside it; npmRebuild is off on purpose);
//   - no app-update.yml: auto-update is off (publish: null), so nothing may tell the app to look for one.
// The checks are plain functions over a folder, so tests run them on a folder they build.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// electron-builder's Arch enum (builder-util): the index is the value the hook receives.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Where the packed app keeps its resources: inside the bundle on macOS, beside the executable elsewhere. */
export function resourcesDirectory(context) {
  const platform = context.electronPlatformName;
  if (platform === 'darwin' || platform === 'mas') {
    return join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources');
  }
  return join(context.appOutDir, 'resources');
}

/** The better-sqlite3 prebuilds the target loads: `<platform>-<arch>.node`, both halves of a universal macOS build. */
export function requiredPrebuilds(platform, arch) {
  const os = platform === 'mas' ? 'darwin' : platform;
  const archName = typeof arch === 'number' ? ARCH_NAMES[arch] : arch;
  if (archName === 'universal') return [`${os}-x64.node`, `${os}-arm64.node`];
  return [`${os}-${archName}.node`];
}

/** Everything wrong with a packed app's resources folder; empty when it is sound. */
export function packagingProblems(resources, platform, arch) {
  const problems = [];
  if (!existsSync(join(resources, 'app.asar'))) problems.push('resources/app.asar is missing');
  const journal = join(resources, 'drizzle', 'meta', '_journal.json');
  if (!existsSync(journal)) problems.push('the migrations (resources/drizzle/meta/_journal.json) are missing');
  else {
    const { entries } = JSON.parse(readFileSync(journal, 'utf8'));
    for (const { tag } of entries) {
      if (!existsSync(join(resources, 'drizzle', `${tag}.sql`))) problems.push(`the migration drizzle/${tag}.sql is missing`);
    }
  }
  const prebuilds = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
  for (const prebuild of requiredPrebuilds(platform, arch)) {
    if (!existsSync(join(prebuilds, prebuild))) problems.push(`better-sqlite3's ${prebuild} is not unpacked from the asar`);
  }
  if (existsSync(join(resources, 'app-update.yml'))) problems.push('resources/app-update.yml exists, but auto-update is meant to be off');
  return problems;
}

export async function afterPack(context) {
  const problems = packagingProblems(resourcesDirectory(context), context.electronPlatformName, context.arch);
  if (problems.length > 0) throw new Error(`The packed app is not sound:\n  - ${problems.join('\n  - ')}`);
}

export default afterPack;
