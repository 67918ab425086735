import { resolve } from 'node:path';
import { pathFromFsPath } from '../base/fileSystem';
import { assessmentListData, renderAssessmentList } from '../render/assessmentList';
import { CommandOutput, cliLogger, folderArgument, parseOrExit, withIndexedWorkspace, type CliIo } from './io';

const USAGE = `Usage: mqg4ai assessments [PATH] [--format text|json] [--config FILE]

Lists the assessments in the folder PATH (default: the current folder): the
design knowledge and each application version, complete or partial, with the
assessment each is based on (docs/assessments.md). Use an ID or a folder with
--assessment on check and coverage, and with --from/--to on diff.

Exit status: 0 listed, 2 usage or I/O failure.`;

const OPTIONS = {
  format: { type: 'string' },
  config: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `mqg4ai assessments`: resolves to the exit code. */
export async function runAssessments(args: readonly string[], io: CliIo): Promise<number> {
  const out = new CommandOutput(io, 'mqg4ai assessments', USAGE);
  const parsed = parseOrExit(args, OPTIONS, out);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return out.usageError(`--format must be "text" or "json", not "${format}"`);
  const folder = folderArgument(positionals, io, out);
  if (typeof folder === 'number') return folder;
  const root = pathFromFsPath(folder);
  const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
  try {
    const list = await withIndexedWorkspace(root, { configFile, logger: cliLogger(io, values.verbose === true) }, (engine) =>
      renderAssessmentList(assessmentListData(engine.assessments(), root), format),
    );
    io.stdout.write(list);
  } catch (error) {
    return out.fail((error as Error).message);
  }
  return 0;
}
