import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { altaiCatalogue } from '../core/altai/catalogue';
import { createParser } from '../core/model/createParser';
import { checkWorkspace } from '../core/checkWorkspace';
import { CoverageBuilder } from '../core/coverage/buildCoverage';
import { collectCoverageReport } from '../core/coverage/collectReport';
import { readGitCommit } from '../core/coverage/gitCommit';
import { coverageReportData, isReportFormat, renderCoverageReport, type ReportFormat } from '../core/coverage/report';
import { neverCancelled } from '../core/util/cancellation';
import { filteredLogger } from '../core/util/logger';
import { NodeFileSystem, pathFromFsPath } from '../core/workspace/fileSystem';
import type { CliIo } from './cli';

const USAGE = `Usage: mqg4ai coverage [PATH] [--format md|html|json] [--output FILE] [--config FILE]

Writes the assessment coverage report of every MQG4AI tree in the folder PATH
(default: the current folder): per-group tables, open gaps with links to the
documents, broken traces, the generation date and the git commit. Markdown by
default; HTML is self-contained. Without --output the report goes to stdout and
its links are relative to PATH; with --output they are relative to FILE. The
project configuration (.mqg4ai.yaml in PATH, or --config FILE) applies as for
"mqg4ai check": broken traces are the link findings it reports.

Exit status: 0 report written, 2 usage or I/O failure.`;

/** `mqg4ai coverage`: resolves to the exit code. */
export async function runCoverage(args: readonly string[], io: CliIo): Promise<number> {
  let format: ReportFormat = 'md';
  let output: string | undefined;
  let verbose = false;
  let configFile: string | undefined;
  const paths: string[] = [];
  const usageError = (message: string) => {
    io.stderr.write(`mqg4ai coverage: ${message}\n\n${USAGE}\n`);
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : args[++i];
      if (!isReportFormat(value)) return usageError(`--format must be "md", "html" or "json", not "${value ?? ''}"`);
      format = value;
    } else if (arg === '--output' || arg === '-o' || arg.startsWith('--output=')) {
      const value = arg.includes('=') ? arg.slice('--output='.length) : args[++i];
      if (!value) return usageError(`${arg} needs a file name`);
      output = resolve(io.cwd, value);
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg.includes('=') ? arg.slice('--config='.length) : args[++i];
      if (!value) return usageError('--config needs a file');
      configFile = pathFromFsPath(resolve(io.cwd, value));
    } else if (arg === '--verbose') {
      verbose = true;
    } else if (arg === '--help' || arg === '-h') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(`unknown option "${arg}"`);
    } else {
      paths.push(resolve(io.cwd, arg));
    }
  }
  if (paths.length > 1) return usageError('give at most one folder');
  const folder = paths[0] ?? resolve(io.cwd);
  if (!existsSync(folder)) {
    io.stderr.write(`mqg4ai coverage: no such folder: ${folder}\n`);
    return 2;
  }
  if (!statSync(folder).isDirectory()) return usageError(`not a folder: ${folder}`);
  if (output && existsSync(output) && statSync(output).isDirectory()) {
    io.stderr.write(`mqg4ai coverage: --output is a folder: ${output}\n`);
    return 2;
  }

  const root = pathFromFsPath(folder);
  const logger = filteredLogger(verbose ? 'debug' : 'error', (level, message) => io.stderr.write(`[${level}] ${message}\n`));
  let content: string;
  let summary: ReturnType<typeof coverageReportData>['summary'];
  try {
    // The same index, configuration and findings as `mqg4ai check` on the folder.
    const parser = createParser(__dirname, 'throughput');
    const check = await checkWorkspace(new NodeFileSystem(), root, { logger, configFile, parser }).finally(() => parser.dispose?.());
    const found = new Map(check.reports.map((r) => [r.path, r.diagnostics]));
    const { trees, diagnostics } = collectCoverageReport(check.index, new CoverageBuilder(check.index, altaiCatalogue()), undefined, neverCancelled, (path) => found.get(path) ?? []);
    const input = {
      root,
      trees,
      diagnostics,
      generatedAt: new Date(),
      commit: readGitCommit(folder),
      linkBase: output ? pathFromFsPath(dirname(output)) : root,
    };
    content = renderCoverageReport(input, format);
    summary = coverageReportData(input).summary;
  } catch (error) {
    io.stderr.write(`mqg4ai coverage: ${(error as Error).message}\n`);
    return 2;
  }

  if (output) {
    try {
      writeFileSync(output, content, 'utf8');
    } catch (error) {
      io.stderr.write(`mqg4ai coverage: cannot write ${output}: ${(error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout.write(content);
  }
  const altai = summary.groups.altai;
  io.stderr.write(
    `${summary.trees} tree(s)${altai ? `, ALTAI ${altai.covered}/${altai.total}` : ''}, overall ${summary.overall.covered}/${summary.overall.total}, ` +
      `${summary.gaps} open gap(s), ${summary.brokenTraces} broken trace(s)${output ? `: written to ${output}` : ''}.\n`,
  );
  return 0;
}
