import { neverCancelled, type CancellationToken } from '../../server/src/base/cancellation';
import type { WorkspaceFileSystem } from '../../server/src/base/fileSystem';
import { createEngine } from '../../server/src/engine/engine';
import type { CheckResult } from '../../server/src/engine/check';

/** What `mqg4ai check` does, over any file system: an engine configured and indexed, then checked in `scope`. */
export async function checkWorkspace(
  fs: WorkspaceFileSystem,
  root: string,
  options: { scope?: string[]; token?: CancellationToken } = {},
): Promise<CheckResult> {
  const engine = createEngine({ fs, roots: [root] });
  await engine.configure();
  await engine.indexWorkspace(options.token ?? neverCancelled);
  return engine.check(options.scope, options.token ?? neverCancelled);
}
