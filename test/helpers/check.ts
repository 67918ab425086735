import { neverCancelled, type CancellationToken } from '../../server/src/base/cancellation';
import type { WorkspaceFileSystem } from '../../server/src/base/fileSystem';
import { createEngine } from '../../server/src/engine/engine';
import type { CheckResult } from '../../server/src/engine/check';
import type { Finding } from '../../server/src/analysis/findings/findings';

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

/** A `link.missing-file` finding in `/w/a.md` at `line` (1-based), for baseline tests; `suppressed` gives its reason. */
export function missingFileFinding(line: number, suppressed?: string): Finding {
  return {
    file: 'a.md',
    path: '/w/a.md',
    key: 'target:x.md',
    fingerprint: `f${line}`,
    diagnostic: {
      code: 'link.missing-file',
      severity: 'error',
      message: 'No file at x.md.',
      range: { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 4 } },
      target: 'x.md',
    },
    ...(suppressed !== undefined ? { suppressed } : {}),
  };
}
