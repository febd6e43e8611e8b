/**
 * electron-builder.yml as electron-builder 26 itself loads and validates it, for
 * the tests that read the packaging configuration (electron-config.test.ts,
 * installers.test.ts). Going through its own loader means a key it would reject
 * or ignore fails here, not on the first machine that builds an installer.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const requireFromBuilder = createRequire(join(projectRoot, 'node_modules/electron-builder/package.json'));

export interface FileAssociation {
  ext: string | string[];
  name?: string;
  description?: string;
  mimeType?: string;
  role?: string;
  icon?: string;
}

export interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  asarUnpack?: string[];
  files?: (string | { filter?: string[] })[];
  npmRebuild?: boolean;
  nodeGypRebuild?: boolean;
  extraResources?: { from: string; to: string; filter?: string[] }[];
  electronFuses?: Record<string, boolean>;
  publish?: unknown;
  afterPack?: string | null;
  icon?: string;
  directories?: { output?: string; buildResources?: string };
  fileAssociations?: FileAssociation[];
  linux?: { target?: string[]; icon?: string; executableName?: string };
  win?: { target?: string[]; icon?: string };
  mac?: { target?: string[]; icon?: string };
}

export async function loadBuilderConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(projectRoot, join(projectRoot, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}
