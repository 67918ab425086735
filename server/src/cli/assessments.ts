import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathFromFsPath } from '../base/fileSystem';
import { assessmentListData, renderAssessmentList } from '../render/assessmentList';
import { cliLogger, indexedWorkspace, parseCommandLine, type CliIo } from './io';

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
  const usageError = (message: string) => {
    io.stderr.write(`mqg4ai assessments: ${message}\n\n${USAGE}\n`);
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
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format must be "text" or "json", not "${format}"`);
  if (positionals.length > 1) return usageError('give at most one folder');
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return usageError(`not a folder: ${folder}`);
  const root = pathFromFsPath(folder);
  try {
    const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
    const engine = await indexedWorkspace(root, { configFile, logger: cliLogger(io, values.verbose === true) });
    try {
      io.stdout.write(renderAssessmentList(assessmentListData(engine.assessments(), root), format));
    } finally {
      await engine.dispose();
    }
  } catch (error) {
    io.stderr.write(`mqg4ai assessments: ${(error as Error).message}\n`);
    return 2;
  }
  return 0;
}
