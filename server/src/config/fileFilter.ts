import picomatch from 'picomatch';
import type { ProjectConfig } from './projectConfig';

/**
 * A predicate over workspace-relative POSIX paths: included by `include` and
 * not excluded by `exclude`. Dot files count as matches (`.github/**`).
 */
export function compileFileFilter(config: Pick<ProjectConfig, 'include' | 'exclude'>): (relativePath: string) => boolean {
  const include = picomatch([...config.include], { dot: true });
  const exclude = config.exclude.length > 0 ? picomatch([...config.exclude], { dot: true }) : () => false;
  return (relativePath) => include(relativePath) && !exclude(relativePath);
}
