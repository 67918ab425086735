import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkWorkspace, type CheckResult } from '../analysis/checkWorkspace';
import { NodeFileSystem, pathFromFsPath } from '../workspace/fileSystem';
import { filteredLogger } from '../base/logger';
import { runCoverage } from './coverage';
import { formatJson, formatText } from '../render/checkFormats';
import { createParser } from '../workspace/parsing/createParser';
import { compareWithBaseline, createBaseline, parseBaseline, renderBaseline, type Baseline } from '../analysis/findings/baseline';
import { collectFindings, fails, isFailOn, relativeFile, type FailOn } from '../analysis/findings/findings';
import { renderJunit } from '../render/junit';
import { renderSarif } from '../render/sarif';
import { toolVersion } from './version';

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

const USAGE = `Usage: mqg4ai check [PATH...] [--format text|json|sarif|junit] [--fail-on error|warning|information]
                    [--baseline FILE] [--write-baseline FILE] [--config FILE] [--verbose]
       mqg4ai coverage [PATH] [--format md|html|json] [--output FILE] [--min-altai PCT] [--config FILE]

check     Checks every trace link of the quality-gate Markdown under PATH (default:
          the current folder). With one folder, that folder is the workspace root;
          otherwise the current folder is, and only the given files and folders are
          reported. --format sarif is SARIF 2.1.0 for GitHub code scanning, junit is
          JUnit XML for test reports. --fail-on sets the lowest severity that fails
          (default: error). --baseline FILE fails only on findings not in FILE (they are
          marked new); --write-baseline FILE writes the current findings there.
          Exit status: 0 nothing at or above --fail-on (or a baseline written), 1 such
          findings, 2 usage or I/O failure.

coverage  Writes the assessment coverage report of the MQG4AI trees in the folder
          PATH (default: the current folder) to FILE or stdout. --min-altai PCT fails
          when ALTAI coverage is below PCT percent. Exit status: 0 report written,
          1 below --min-altai, 2 usage or I/O failure. See "mqg4ai coverage --help".`;

type CheckFormat = 'text' | 'json' | 'sarif' | 'junit';
const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'junit'];

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

  let format: CheckFormat = 'text';
  let failOn: FailOn = 'error';
  let verbose = false;
  let configFile: string | undefined;
  let baselineFile: string | undefined;
  let writeBaselineFile: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const option = (name: string) => arg === name || arg.startsWith(`${name}=`);
    const value = (name: string) => (arg.includes('=') ? arg.slice(name.length + 1) : rest[++i]);
    if (option('--format')) {
      const v = value('--format');
      if (!(CHECK_FORMATS as readonly string[]).includes(v ?? '')) {
        io.stderr.write(`mqg4ai: --format must be "text", "json", "sarif" or "junit", not "${v ?? ''}"\n`);
        return 2;
      }
      format = v as CheckFormat;
    } else if (option('--fail-on')) {
      const v = value('--fail-on');
      if (!isFailOn(v)) {
        io.stderr.write(`mqg4ai: --fail-on must be "error", "warning" or "information", not "${v ?? ''}"\n`);
        return 2;
      }
      failOn = v;
    } else if (option('--config') || option('--baseline') || option('--write-baseline')) {
      const name = arg.split('=')[0];
      const v = value(name);
      if (!v) {
        io.stderr.write(`mqg4ai: ${name} needs a file\n`);
        return 2;
      }
      if (name === '--config') configFile = pathFromFsPath(resolve(io.cwd, v));
      else if (name === '--baseline') baselineFile = resolve(io.cwd, v);
      else writeBaselineFile = resolve(io.cwd, v);
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

  let baseline: Baseline | undefined;
  if (baselineFile) {
    try {
      baseline = parseBaseline(readFileSync(baselineFile, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      io.stderr.write(`mqg4ai: cannot read the baseline ${baselineFile}: ${reason}\n`);
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

  const collected = collectFindings(result);
  const findings = baseline ? compareWithBaseline(collected, baseline) : collected;
  if (writeBaselineFile) {
    try {
      writeFileSync(writeBaselineFile, renderBaseline(createBaseline(collected)), 'utf8');
    } catch (error) {
      io.stderr.write(`mqg4ai: cannot write the baseline ${writeBaselineFile}: ${(error as Error).message}\n`);
      return 2;
    }
  }

  switch (format) {
    case 'json':
      io.stdout.write(formatJson(result, findings));
      break;
    case 'sarif':
      io.stdout.write(renderSarif(findings, { root: result.root, toolVersion: toolVersion() }));
      break;
    case 'junit': {
      const files = result.checked.map((path) => relativeFile(result.root, path));
      io.stdout.write(renderJunit(findings, { files, failOn }));
      break;
    }
    default:
      io.stdout.write(formatText(findings));
  }

  const active = findings.filter((f) => f.suppressed === undefined);
  const failing = findings.filter((f) => fails(f, failOn)).length;
  if (format !== 'json') {
    const count = (severity: string) => active.filter((f) => f.diagnostic.severity === severity).length;
    const errors = count('error');
    const warnings = count('warning');
    const suppressed = findings.length - active.length;
    const parts = [
      `${result.files} files checked: ${errors} error(s), ${warnings} warning(s), ${active.length - errors - warnings} other`,
      suppressed > 0 ? `, ${suppressed} suppressed` : '',
      baseline ? `; ${active.filter((f) => f.baseline === 'new').length} new since the baseline` : '',
      failOn !== 'error' || baseline ? `; ${failing} at or above --fail-on ${failOn}${baseline ? ' and new' : ''}` : '',
      writeBaselineFile ? `; baseline of ${active.length} finding(s) written to ${writeBaselineFile}` : '',
    ];
    io.stderr.write(`${parts.join('')}.\n`);
  }
  if (writeBaselineFile) return 0;
  return failing > 0 ? 1 : 0;
}
