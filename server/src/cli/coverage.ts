import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { neverCancelled } from '../base/cancellation';
import { pathFromFsPath } from '../base/fileSystem';
import { isReportFormat, type ReportFormat } from '../render/coverageReport';
import { UnknownPackError, type CoverageReportResult } from '../engine/coverageReport';
import { resolveReportOutput } from '../config/reportOutput';
import { assessmentNamed, CommandOutput, cliLogger, parseOrExit, UsageError, withIndexedWorkspace, type CliIo } from './io';

const USAGE = `Usage: mqg4ai coverage [PATH] [--format md|html|json] [--output FILE] [--min-altai PCT] [--config FILE]
                       [--pack ID]... [--assessment ID|FOLDER] [--cache DIR]

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
                 covered/total questions of the Trustworthy-AI group, of any
                 application assessment (each on its own; the design knowledge
                 never counts) is below PCT percent (0-100).

--assessment ID  reports one assessment only (an ID or a folder; see
                 "mqg4ai assessments").

--cache DIR      takes parse results from the folder DIR and writes them back, as
                 for "mqg4ai check".

Exit status: 0 report written, 1 ALTAI coverage below --min-altai, 2 usage or I/O failure.`;

const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'min-altai': { type: 'string' },
  config: { type: 'string' },
  cache: { type: 'string' },
  pack: { type: 'string', multiple: true },
  assessment: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `mqg4ai coverage`: resolves to the exit code. */
export async function runCoverage(args: readonly string[], io: CliIo): Promise<number> {
  const out = new CommandOutput(io, 'mqg4ai coverage', USAGE);
  const parsed = parseOrExit(args, OPTIONS, out);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  let format: ReportFormat | undefined;
  if (values.format !== undefined) {
    if (!isReportFormat(values.format)) return out.usageError(`--format must be "md", "html" or "json", not "${values.format}"`);
    format = values.format;
  }
  if (values.output === '') return out.usageError('--output needs a file name');
  let output = values.output ? resolve(io.cwd, values.output) : undefined;
  let minAltai: number | undefined;
  if (values['min-altai'] !== undefined) {
    minAltai = parsePercent(values['min-altai']);
    if (minAltai === undefined) return out.usageError(`--min-altai must be a percentage from 0 to 100, not "${values['min-altai']}"`);
  }
  if (values.config === '') return out.usageError('--config needs a file');
  if (values.cache === '') return out.usageError('--cache needs a folder');
  const cacheDir = values.cache ? resolve(io.cwd, values.cache) : undefined;
  const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
  const packs = (values.pack ?? []).flatMap((v) =>
    v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
  if (values.pack && packs.length === 0) return out.usageError('--pack needs a pack ID');
  if (positionals.length > 1) return out.usageError('give at most one folder');
  const folder = positionals[0] ? resolve(io.cwd, positionals[0]) : resolve(io.cwd);
  if (!existsSync(folder)) return out.fail(`no such folder: ${folder}`);
  if (!statSync(folder).isDirectory()) return out.usageError(`not a folder: ${folder}`);

  const root = pathFromFsPath(folder);
  let report: CoverageReportResult;
  /** ALTAI coverage per application assessment, for --min-altai. */
  let altaiByAssessment: Array<{ id: string; covered: number; total: number }>;
  try {
    // A number: the exit code of a problem found once the configuration is known.
    // The same engine, configuration and findings as `mqg4ai check` on the folder.
    const done = await withIndexedWorkspace(root, { configFile, cacheDir, logger: cliLogger(io, values.verbose === true) }, (engine) => {
      // Options given on the command line win over the project configuration's `report` defaults.
      const defaults = engine.index.config.report;
      format ??= defaults.format;
      if (!output && defaults.output) {
        // A path from the project file (the repository's, not the user's) must stay inside the repository.
        const resolved = resolveReportOutput(folder, defaults.output);
        if (!resolved.ok) return out.fail(resolved.error);
        output = resolved.path;
      }
      minAltai ??= defaults.minAltai;
      if (output && existsSync(output) && statSync(output).isDirectory()) return out.fail(`--output is a folder: ${output}`);
      const assessment = assessmentNamed(engine, values.assessment);
      const found = new Map(engine.check(undefined, neverCancelled).reports.map((r) => [r.path, r]));
      // Coverage gates count per assessment: a total over several versions means nothing.
      const altai = engine
        .coverageByAssessment(neverCancelled)
        .filter((c) => c.assessment.kind === 'application' && (!assessment || c.assessment.id === assessment.id) && (c.totals?.groups.altai?.total ?? 0) > 0)
        .map((c) => ({ id: c.assessment.id, covered: c.totals?.groups.altai?.covered ?? 0, total: c.totals?.groups.altai?.total ?? 0 }));
      const rendered = engine.coverageReport(
        { format, packs, assessment, linkBasePath: output ? pathFromFsPath(dirname(output)) : root },
        neverCancelled,
        (path) => found.get(path) ?? { diagnostics: [], suppressed: [] },
      );
      return { report: rendered, altaiByAssessment: altai };
    });
    if (typeof done === 'number') return done;
    ({ report, altaiByAssessment } = done);
  } catch (error) {
    if (error instanceof UnknownPackError || error instanceof UsageError) return out.usageError(error.message);
    return out.fail((error as Error).message);
  }

  if (output) {
    try {
      writeFileSync(output, report.content, 'utf8');
    } catch (error) {
      return out.fail(`cannot write ${output}: ${(error as Error).message}`);
    }
  } else {
    io.stdout.write(report.content);
  }
  const { summary } = report;
  const altai = summary.groups.altai;
  // Several assessments: ALTAI per assessment, never a sum over versions.
  const altaiText =
    altaiByAssessment.length > 1
      ? `, ALTAI ${altaiByAssessment.map((a) => `${a.id} ${a.covered}/${a.total}`).join(', ')}`
      : altai
        ? `, ALTAI ${altai.covered}/${altai.total}`
        : '';
  io.stderr.write(
    `${summary.trees} tree(s)${altaiText}, overall ${summary.overall.covered}/${summary.overall.total}, ` +
      `${summary.gaps} open gap(s), ${summary.brokenTraces} broken trace(s), ${summary.acceptedDeviations} accepted deviation(s)${output ? `: written to ${output}` : ''}.\n`,
  );

  if (minAltai !== undefined) {
    // Each application assessment on its own; without assessments, the trees as before.
    const gated = altaiByAssessment.length > 0 ? altaiByAssessment : [{ id: '', covered: altai?.covered ?? 0, total: altai?.total ?? 0 }];
    let failed = false;
    for (const { id, covered, total } of gated) {
      const percent = total > 0 ? (100 * covered) / total : 0;
      const what = id && (gated.length > 1 || values.assessment) ? `ALTAI coverage of ${id}` : 'ALTAI coverage';
      if (percent < minAltai) {
        io.stderr.write(`mqg4ai coverage: ${what} ${formatPercent(percent)}% (${covered}/${total}) is below the minimum of ${formatPercent(minAltai)}%.\n`);
        failed = true;
      } else {
        io.stderr.write(`${what} ${formatPercent(percent)}% (${covered}/${total}) meets the minimum of ${formatPercent(minAltai)}%.\n`);
      }
    }
    if (failed) return 1;
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
