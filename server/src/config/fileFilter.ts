import { compileGlobs } from './glob';
import type { ProjectConfig } from './projectConfig';

/**
 * A predicate over workspace-relative POSIX paths: included by `include` and
 * not excluded by `exclude`. Dot files count as matches (`.github/**`). The
 * globs come from the repository, so they are matched without regexes (glob.ts).
 */
export function compileFileFilter(config: Pick<ProjectConfig, 'include' | 'exclude'>): (relativePath: string) => boolean {
  const include = compileGlobs(config.include);
  const exclude = compileGlobs(config.exclude);
  return (relativePath) => include(relativePath) && !exclude(relativePath);
}
