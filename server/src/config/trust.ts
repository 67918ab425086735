import { capLimits, LIMIT_KEYS, type LimitsConfig } from './limits';
import type { ProjectConfig } from './projectConfig';

/**
 * What Workspace Trust changes in the configuration (docs/security.md). In an
 * untrusted workspace the repository's content is treated as hostile: its
 * project file may lower the resource limits but never raise them. (Files that
 * symbolic links lead to outside the workspace folders are not read either;
 * that is the file system's part, `ConfinedFileSystem`.)
 */
export function applyTrust(config: ProjectConfig, trusted: boolean): { config: ProjectConfig; restricted: string[] } {
  if (trusted) return { config, restricted: [] };
  const { limits, capped } = capLimits(config.limits);
  return { config: capped.length > 0 ? { ...config, limits } : config, restricted: capped };
}

/** The `mqg4ai.limits.*` settings as a configuration layer: numbers in range only, the rest ignored. */
export function settingsLimits(value: Record<string, unknown>): LimitsConfig {
  const result: Record<string, number> = {};
  for (const { key, minimum, integer } of LIMIT_KEYS) {
    const v = value[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= minimum && (!integer || Number.isInteger(v))) result[key] = v;
  }
  return result;
}
