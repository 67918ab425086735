import { resolve } from 'node:path';
import { neverCancelled } from '../base/cancellation';
import { pathFromFsPath } from '../base/fileSystem';
import { toolVersion } from '../base/version';
import { DEFAULT_IMPACT_DEPTH } from '../engine/impact';
import { IMPACT_FORMATS, impactJson, renderImpactMarkdown, renderImpactSarif, type ImpactFormat } from '../render/impactReport';
import { CommandOutput, cliLogger, folderArgument, parseOrExit, withIndexedWorkspace, workspaceFolderOf, type CliIo } from './io';

const USAGE = `Usage: mqg4ai impact [PATH] --since GIT_REF [--format md|json|sarif] [--depth N] [--config FILE]

Lists the quality-gate Markdown documents under PATH (default: the current
folder) that changed between GIT_REF and the work tree (git diff, renames
detected, untracked files as added), each with the sections that changed, and
the documents that trace to it: their links to it, transitively up to N links
away (default ${DEFAULT_IMPACT_DEPTH}), within its assessment (docs/review.md). --format md
(default) is made to be posted as a pull-request comment (docs/ci.md).

Exit status: 0 listed, 2 usage, git or I/O failure.`;

const OPTIONS = {
  since: { type: 'string' },
  format: { type: 'string' },
  depth: { type: 'string' },
  config: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `mqg4ai impact`: resolves to the exit code. */
export async function runImpact(args: readonly string[], io: CliIo): Promise<number> {
  const out = new CommandOutput(io, 'mqg4ai impact', USAGE);
  const parsed = parseOrExit(args, OPTIONS, out);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (!values.since) return out.usageError('--since GIT_REF is required');
  const format = values.format ?? 'md';
  if (!(IMPACT_FORMATS as readonly string[]).includes(format)) return out.usageError(`--format must be "md", "json" or "sarif", not "${format}"`);
  const depth = values.depth === undefined ? DEFAULT_IMPACT_DEPTH : Number(values.depth);
  if (!Number.isInteger(depth) || depth < 0 || depth > 100) return out.usageError(`--depth must be a whole number from 0 to 100, not "${values.depth}"`);
  const folder = folderArgument(positionals, io, out);
  if (typeof folder === 'number') return folder;
  const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
  const since = values.since;
  try {
    const text = await withIndexedWorkspace(
      pathFromFsPath(workspaceFolderOf(folder)),
      { configFile, logger: cliLogger(io, values.verbose === true) },
      async (engine) => {
        const report = await engine.impact(since, { depth, scope: pathFromFsPath(folder) }, neverCancelled);
        const shown = { ...report, root: pathFromFsPath(folder) };
        const chosen = format as ImpactFormat;
        return chosen === 'json'
          ? `${JSON.stringify(impactJson(shown), null, 2)}\n`
          : chosen === 'sarif'
            ? renderImpactSarif(shown, toolVersion())
            : renderImpactMarkdown(shown);
      },
    );
    io.stdout.write(text);
  } catch (error) {
    return out.fail((error as Error).message);
  }
  return 0;
}
