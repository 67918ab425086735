import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkWorkspace, type CheckResult } from '../core/checkWorkspace';
import { NodeFileSystem, pathFromFsPath } from '../core/workspace/fileSystem';
import { filteredLogger } from '../core/util/logger';
import { runCoverage } from './coverage';
import { formatJson, formatText } from './formats';
import { createParser } from '../core/model/createParser';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

const USAGE = `Usage: mqg4ai check [PATH...] [--format text|json] [--verbose]
       mqg4ai coverage [PATH] [--format md|html|json] [--output FILE]

check     Checks every trace link of the quality-gate Markdown under PATH (default:
          the current folder). With one folder, that folder is the workspace root;
          otherwise the current folder is, and only the given files and folders are
          reported. Exit status: 0 no errors, 1 errors found, 2 usage or I/O failure.

coverage  Writes the assessment coverage report of the MQG4AI trees in the folder
          PATH (default: the current folder) to FILE or stdout. Exit status: 0
          report written, 2 usage or I/O failure. See "mqg4ai coverage --help".`;

/** Runs the command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'coverage') return runCoverage(rest, io);
  if (command !== 'check') {
    io.stderr.write(`mqg4ai: ${command ? `unknown command "${command}"` : 'missing command'}\n\n${USAGE}\n`);
    return 2;
  }

  let format: 'text' | 'json' = 'text';
  let verbose = false;
  let configFile: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : rest[++i];
      if (value !== 'text' && value !== 'json') {
        io.stderr.write(`mqg4ai: --format must be "text" or "json", not "${value ?? ''}"\n`);
        return 2;
      }
      format = value;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg.includes('=') ? arg.slice('--config='.length) : rest[++i];
      if (!value) {
        io.stderr.write('mqg4ai: --config needs a file\n');
        return 2;
      }
      configFile = pathFromFsPath(resolve(io.cwd, value));
    } else if (arg === '--verbose') {
      verbose = true;
    } else if (arg === '--help' || arg === '-h') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-')) {
      io.stderr.write(`mqg4ai: unknown option "${arg}"\n\n${USAGE}\n`);
      return 2;
    } else {
      paths.push(resolve(io.cwd, arg));
    }
  }
  if (paths.length === 0) paths.push(resolve(io.cwd));
  for (const path of paths) {
    if (!existsSync(path)) {
      io.stderr.write(`mqg4ai: no such file or folder: ${path}\n`);
      return 2;
    }
  }

  const single = paths.length === 1 && statSync(paths[0]).isDirectory();
  const root = pathFromFsPath(single ? paths[0] : resolve(io.cwd));
  const logger = filteredLogger(verbose ? 'debug' : 'error', (level, message) => io.stderr.write(`[${level}] ${message}\n`));

  let result: CheckResult;
  try {
    const parser = createParser(__dirname, 'throughput');
    try {
      result = await checkWorkspace(new NodeFileSystem(), root, { scope: paths.map(pathFromFsPath), logger, configFile, parser });
    } finally {
      await parser.dispose?.();
    }
  } catch (error) {
    io.stderr.write(`mqg4ai: ${(error as Error).message}\n`);
    return 2;
  }

  io.stdout.write(format === 'json' ? formatJson(result) : formatText(result));
  const all = result.reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  if (format === 'text') {
    const warnings = all.filter((d) => d.severity === 'warning').length;
    io.stderr.write(`${result.files} files checked: ${errors} error(s), ${warnings} warning(s), ${all.length - errors - warnings} other.\n`);
  }
  return errors > 0 ? 1 : 0;
}
