import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { neverCancelled } from '../base/cancellation';
import { pathFromFsPath } from '../base/fileSystem';
import { diffSummary, renderVersionDiff, type VersionDiffFormat } from '../render/versionDiffReport';
import { cliLogger, indexedWorkspace, parseCommandLine, type CliIo } from './io';

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
  const usageError = (message: string) => {
    io.stderr.write(`mqg4ai diff: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parseCommandLine<typeof OPTIONS>>;
  try {
    parsed = parseCommandLine(args, OPTIONS);
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = (values.format ?? 'md') as VersionDiffFormat;
  if (!FORMATS.includes(format)) return usageError(`--format must be "md", "json" or "html", not "${values.format}"`);
  if (!values.from || !values.to) return usageError('--from and --to name the two assessments to compare');
  if (positionals.length > 1) return usageError('give at most one folder');
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return usageError(`not a folder: ${folder}`);
  const output = values.output ? resolve(io.cwd, values.output) : undefined;
  const root = pathFromFsPath(folder);
  let content: string;
  let summary: string;
  try {
    const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
    const engine = await indexedWorkspace(root, { configFile, logger: cliLogger(io, values.verbose === true) });
    try {
      const known = () =>
        engine
          .assessments()
          .map((a) => a.id)
          .join(', ') || 'none';
      const from = engine.findAssessment(values.from);
      if (!from) return usageError(`no assessment "${values.from}" (known: ${known()})`);
      const to = engine.findAssessment(values.to);
      if (!to) return usageError(`no assessment "${values.to}" (known: ${known()})`);
      const diff = await engine.compareAssessments(from, to, neverCancelled);
      content = renderVersionDiff(diff, format);
      summary = diffSummary(diff);
    } finally {
      await engine.dispose();
    }
  } catch (error) {
    io.stderr.write(`mqg4ai diff: ${(error as Error).message}\n`);
    return 2;
  }
  if (output) {
    try {
      writeFileSync(output, content, 'utf8');
    } catch (error) {
      io.stderr.write(`mqg4ai diff: cannot write ${output}: ${(error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout.write(content);
  }
  io.stderr.write(`${summary}${output ? `: written to ${output}` : ''}\n`);
  return 0;
}
