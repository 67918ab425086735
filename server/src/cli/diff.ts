import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { neverCancelled } from '../base/cancellation';
import { pathFromFsPath } from '../base/fileSystem';
import { diffSummary, renderVersionDiff, type VersionDiffFormat } from '../render/versionDiffReport';
import { assessmentNamed, CommandOutput, cliLogger, folderArgument, parseOrExit, UsageError, withIndexedWorkspace, type CliIo } from './io';

const USAGE = `Usage: mqg4ai diff [PATH] --from A --to B [--format md|json|html] [--output FILE] [--config FILE]

Compares two assessments of the folder PATH (default: the current folder),
typically two versions of one application: documents added, removed and changed
(with the changed sections), ALTAI questions newly answered and no longer
answered, broken traces fixed and introduced, risks added and removed. A and B
are assessment IDs or folders ("mqg4ai assessments" lists them). Markdown by
default (made to be posted as a pull-request comment); HTML is self-contained.

Exit status: 0 compared, 2 usage or I/O failure.`;

const FORMATS: readonly VersionDiffFormat[] = ['md', 'json', 'html'];

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `mqg4ai diff`: resolves to the exit code. */
export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const out = new CommandOutput(io, 'mqg4ai diff', USAGE);
  const parsed = parseOrExit(args, OPTIONS, out);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = (values.format ?? 'md') as VersionDiffFormat;
  if (!FORMATS.includes(format)) return out.usageError(`--format must be "md", "json" or "html", not "${values.format}"`);
  if (!values.from || !values.to) return out.usageError('--from and --to name the two assessments to compare');
  const folder = folderArgument(positionals, io, out);
  if (typeof folder === 'number') return folder;
  const output = values.output ? resolve(io.cwd, values.output) : undefined;
  const root = pathFromFsPath(folder);
  const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
  let content: string;
  let summary: string;
  try {
    ({ content, summary } = await withIndexedWorkspace(root, { configFile, logger: cliLogger(io, values.verbose === true) }, async (engine) => {
      const diff = await engine.compareAssessments(assessmentNamed(engine, values.from)!, assessmentNamed(engine, values.to)!, neverCancelled);
      return { content: renderVersionDiff(diff, format), summary: diffSummary(diff) };
    }));
  } catch (error) {
    return error instanceof UsageError ? out.usageError(error.message) : out.fail((error as Error).message);
  }
  if (output) {
    try {
      writeFileSync(output, content, 'utf8');
    } catch (error) {
      return out.fail(`cannot write ${output}: ${(error as Error).message}`);
    }
  } else {
    io.stdout.write(content);
  }
  io.stderr.write(`${summary}${output ? `: written to ${output}` : ''}\n`);
  return 0;
}
