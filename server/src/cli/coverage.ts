import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { altaiCatalogue } from '../domain/altai/catalogue';
import { createParser } from '../workspace/parsing/createParser';
import { checkWorkspace, type CheckResult } from '../analysis/checkWorkspace';
import { CoverageBuilder } from '../analysis/coverage/buildCoverage';
import { collectCoverageReport } from '../analysis/coverage/collectReport';
import { readGitCommit } from '../workspace/gitCommit';
import { coverageReportData, isReportFormat, renderCoverageReport, type ReportFormat } from '../render/coverageReport';
import { neverCancelled } from '../base/cancellation';
import { filteredLogger } from '../base/logger';
import { NodeFileSystem, pathFromFsPath } from '../workspace/fileSystem';
import type { CliIo } from './cli';

const USAGE = `Usage: mqg4ai coverage [PATH] [--format md|html|json] [--output FILE] [--min-altai PCT] [--config FILE]
                       [--pack ID]...

Writes the assessment coverage report of every MQG4AI tree in the folder PATH
(default: the current folder): per-group tables, open gaps with links to the
documents, broken traces, accepted deviations (findings silenced by
mqg4ai-disable comments, with their reasons), the generation date and the git
commit. Markdown by default; HTML is self-contained. Without --output the report
goes to stdout and its links are relative to PATH; with --output they are
relative to FILE. The project configuration (.mqg4ai.yaml in PATH, or --config
FILE) applies as for "mqg4ai check"; its report.format, report.output (relative
to PATH) and report.minAltai are the defaults of --format, --output and
--min-altai.

--pack ID        shows the group of this assessment pack (repeatable, or comma-
                 separated: altai, secure-ai-dev, amlas, ai-act or a pack file's
                 ID) instead of the packs the configuration enables.

--min-altai PCT  fails (exit 1, after writing the report) when the ALTAI coverage,
                 covered/total questions of the Trustworthy-AI group over all
                 trees, is below PCT percent (0-100).

Exit status: 0 report written, 1 ALTAI coverage below --min-altai, 2 usage or I/O failure.`;

/** `mqg4ai coverage`: resolves to the exit code. */
export async function runCoverage(args: readonly string[], io: CliIo): Promise<number> {
  let format: ReportFormat | undefined;
  let output: string | undefined;
  let minAltai: number | undefined;
  let verbose = false;
  let configFile: string | undefined;
  const packs: string[] = [];
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
    } else if (arg === '--min-altai' || arg.startsWith('--min-altai=')) {
      const value = arg.includes('=') ? arg.slice('--min-altai='.length) : args[++i];
      const percent = parsePercent(value);
      if (percent === undefined) return usageError(`--min-altai must be a percentage from 0 to 100, not "${value ?? ''}"`);
      minAltai = percent;
    } else if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg.includes('=') ? arg.slice('--config='.length) : args[++i];
      if (!value) return usageError('--config needs a file');
      configFile = pathFromFsPath(resolve(io.cwd, value));
    } else if (arg === '--pack' || arg.startsWith('--pack=')) {
      const value = arg.includes('=') ? arg.slice('--pack='.length) : args[++i];
      if (!value) return usageError('--pack needs a pack ID');
      packs.push(...value.split(',').map((v) => v.trim()).filter(Boolean));
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

  const root = pathFromFsPath(folder);
  const logger = filteredLogger(verbose ? 'debug' : 'error', (level, message) => io.stderr.write(`[${level}] ${message}\n`));
  let check: CheckResult;
  try {
    // The same index, configuration and findings as `mqg4ai check` on the folder.
    const parser = createParser(__dirname, 'throughput');
    check = await checkWorkspace(new NodeFileSystem(), root, { logger, configFile, parser }).finally(() => parser.dispose?.());
  } catch (error) {
    io.stderr.write(`mqg4ai coverage: ${(error as Error).message}\n`);
    return 2;
  }

  // Options given on the command line win over the project configuration's `report` defaults.
  const defaults = check.index.config.report;
  format ??= defaults.format;
  output ??= defaults.output ? resolve(folder, defaults.output) : undefined;
  minAltai ??= defaults.minAltai;
  if (output && existsSync(output) && statSync(output).isDirectory()) {
    io.stderr.write(`mqg4ai coverage: --output is a folder: ${output}\n`);
    return 2;
  }

  let content: string;
  let summary: ReturnType<typeof coverageReportData>['summary'];
  try {
    const found = new Map(check.reports.map((r) => [r.path, r.diagnostics]));
    const builder = new CoverageBuilder(check.index, altaiCatalogue(), packs.length > 0 ? { packs } : {});
    const unknown = packs.filter((id) => !builder.packs().pack(id));
    if (unknown.length > 0) return usageError(`unknown pack ${unknown.map((id) => `"${id}"`).join(', ')} (known: ${builder.packs().available.map((p) => p.id).join(', ')})`);
    const { trees, diagnostics } = collectCoverageReport(check.index, builder, undefined, neverCancelled, (path) => found.get(path) ?? []);
    const input = {
      root,
      trees,
      diagnostics,
      suppressed: check.reports.filter((r) => r.suppressed.length > 0).map((r) => ({ path: r.path, suppressed: r.suppressed })),
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
      `${summary.gaps} open gap(s), ${summary.brokenTraces} broken trace(s), ${summary.acceptedDeviations} accepted deviation(s)${output ? `: written to ${output}` : ''}.\n`,
  );

  if (minAltai !== undefined) {
    const covered = altai?.covered ?? 0;
    const total = altai?.total ?? 0;
    const percent = total > 0 ? (100 * covered) / total : 0;
    if (percent < minAltai) {
      io.stderr.write(`mqg4ai coverage: ALTAI coverage ${formatPercent(percent)}% (${covered}/${total}) is below the minimum of ${formatPercent(minAltai)}%.\n`);
      return 1;
    }
    io.stderr.write(`ALTAI coverage ${formatPercent(percent)}% (${covered}/${total}) meets the minimum of ${formatPercent(minAltai)}%.\n`);
  }
  return 0;
}

/** `50`, `12.5` or `50%` -> the number, if it is within 0..100. */
function parsePercent(value: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%?\s*$/.exec(value ?? '');
  if (!match) return undefined;
  const percent = Number(match[1]);
  return percent >= 0 && percent <= 100 ? percent : undefined;
}

function formatPercent(value: number): string {
  return String(Math.round(value * 10) / 10);
}
