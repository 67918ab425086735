import { posix } from 'node:path';
import { ProjectFileRefused, readProjectFile } from './projectFiles';
import type { Range } from '../base/range';
import type { WorkspaceFileSystem } from '../base/fileSystem';
import { CONFIG_FILE_NAMES, mergeConfig, parseConfigText, type ConfigLayer, type ConfigProblem, type ProjectConfig } from './projectConfig';

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A project configuration file as read: its layer and its problems. */
export interface LoadedConfigFile {
  readonly path: string;
  readonly layer: ConfigLayer;
  readonly problems: readonly ConfigProblem[];
}

/** Reads the configuration file at `path`, or the first of `.mqg4ai.yaml|.yml|.json` in `root`. */
export async function readConfigFile(fs: WorkspaceFileSystem, root: string, path?: string): Promise<LoadedConfigFile | undefined> {
  const candidates = path ? [path] : CONFIG_FILE_NAMES.map((name) => posix.join(root, name));
  for (const candidate of candidates) {
    const stat = await fs.stat(candidate);
    if (stat?.type !== 'file') continue;
    let text: string;
    try {
      // The repository's file must really be in the repository; a --config path is the user's choice.
      text = await readProjectFile(fs, root, candidate, { anywhere: path !== undefined });
    } catch (error) {
      if (!(error instanceof ProjectFileRefused)) throw error;
      return { path: candidate, layer: {}, problems: [{ message: `The configuration file is not used: ${error.message}.`, range: ZERO_RANGE }] };
    }
    return { path: candidate, ...parseConfigText(text) };
  }
  if (path) throw new Error(`Configuration file not found: ${path}`);
  return undefined;
}

/**
 * The effective configuration. Precedence: the project file wins over the
 * editor's settings, which win over the defaults, so the editor and CI (which
 * reads only the file) agree on everything the team committed.
 */
export function effectiveConfig(settings: ConfigLayer | undefined, file: LoadedConfigFile | undefined): ProjectConfig {
  return mergeConfig(settings ?? {}, file?.layer ?? {});
}

export function isConfigFile(path: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(posix.basename(path));
}
