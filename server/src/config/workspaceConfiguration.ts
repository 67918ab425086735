import { posix } from 'node:path';
import type { WorkspaceFileSystem } from '../base/fileSystem';
import type { Logger } from '../base/logger';
import type { Range } from '../base/range';
import type { PackRegistry } from '../domain/packs/registry';
import { effectiveConfig, readConfigFile, type LoadedConfigFile } from './loadConfig';
import { loadWorkspacePacks } from './loadPacks';
import { CONFIG_FILE_NAMES, DEFAULT_CONFIG, type ConfigLayer, type ProjectConfig } from './projectConfig';
import { applyTrust } from './trust';

/** A problem in the project file or a pack file, located in that file. */
export interface ConfigurationProblem {
  readonly path: string;
  readonly message: string;
  readonly range: Range;
}

/** Everything the configuration of a workspace consists of, loaded together so no part can drift from another. */
export interface WorkspaceConfiguration {
  /** Defaults < editor settings < project file, restricted as Workspace Trust says. */
  readonly config: ProjectConfig;
  /** The packs this configuration enables: built-in ones and the team's pack files. */
  readonly packs: PackRegistry | undefined;
  /** The project file that applied, if any. */
  readonly file: string | undefined;
  /** Files whose change reloads the configuration: the project file's candidates and the pack files. */
  readonly watchedFiles: readonly string[];
  /** Problems per file (project file and pack files), each file listed even when it has none left. */
  readonly problems: readonly ConfigurationProblem[];
  /** Settings an untrusted workspace could not raise (logged by the caller). */
  readonly restricted: readonly string[];
}

export interface ConfigurationSources {
  /** The editor's `mqg4ai.*` settings as a layer (the CLI has none). */
  readonly settings?: ConfigLayer;
  /** An explicit project file (the CLI's --config); by default `.mqg4ai.yaml|.yml|.json` in the root. */
  readonly configFile?: string;
  readonly trusted: boolean;
  readonly logger: Logger;
}

/**
 * Loads the configuration of the workspace folder `root`: the project file over the
 * settings over the defaults, the packs it names, Workspace Trust applied last. Never
 * throws: unreadable or invalid parts become problems and the defaults apply.
 */
export async function loadWorkspaceConfiguration(
  fs: WorkspaceFileSystem,
  root: string | undefined,
  sources: ConfigurationSources,
): Promise<WorkspaceConfiguration> {
  let file: LoadedConfigFile | undefined;
  try {
    file = root ? await readConfigFile(fs, root, sources.configFile) : undefined;
  } catch (error) {
    sources.logger.log('warn', `Cannot read the project configuration: ${(error as Error).message}`);
  }
  const loaded = effectiveConfig(sources.settings, file);
  const problems: ConfigurationProblem[] = (file?.problems ?? []).map((p) => ({ path: file!.path, ...p }));
  let packs: PackRegistry | undefined;
  let packFiles: readonly string[] = [];
  try {
    const result = await loadWorkspacePacks(fs, root, loaded, file?.path);
    packs = result.registry;
    packFiles = result.files;
    problems.push(...result.problems);
  } catch (error) {
    sources.logger.log('warn', `Cannot load the assessment packs: ${(error as Error).message}`);
  }
  // Trust restricts the loaded configuration; the packs go with it unchanged.
  const { config, restricted } = applyTrust(loaded, sources.trusted);
  const candidates = root ? CONFIG_FILE_NAMES.map((name) => posix.join(root, name)) : [];
  return { config, packs, file: file?.path, watchedFiles: [...candidates, ...(file ? [file.path] : []), ...packFiles], problems, restricted };
}

/** The configuration before anything was loaded. */
export const NO_CONFIGURATION: WorkspaceConfiguration = {
  config: DEFAULT_CONFIG,
  packs: undefined,
  file: undefined,
  watchedFiles: [],
  problems: [],
  restricted: [],
};
