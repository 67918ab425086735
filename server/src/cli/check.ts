import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { neverCancelled } from '../base/cancellation';
import { pathFromFsPath } from '../base/fileSystem';
import { toolVersion } from '../base/version';
import { compareWithBaseline, createBaseline, parseBaseline, renderBaseline, type Baseline } from '../analysis/findings/baseline';
import { collectFindings, fails, isFailOn, relativeFile, type FailOn } from '../analysis/findings/findings';
import { formatJson, formatText } from '../render/checkFormats';
import { renderJunit } from '../render/junit';
import { renderSarif } from '../render/sarif';
import type { CheckResult } from '../engine/check';
import { assessmentNamed, CommandOutput, cliLogger, parseOrExit, withIndexedWorkspace, type CliIo } from './io';

type CheckFormat = 'text' | 'json' | 'sarif' | 'junit';
const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'junit'];

const OPTIONS = {
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  config: { type: 'string' },
  cache: { type: 'string' },
  assessment: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `mqg4ai check`: resolves to the exit code. */
export async function runCheck(args: readonly string[], io: CliIo, usage: string): Promise<number> {
  const out = new CommandOutput(io, 'mqg4ai', usage);
  const parsed = parseOrExit(args, OPTIONS, out);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (!(CHECK_FORMATS as readonly string[]).includes(format)) return out.fail(`--format must be "text", "json", "sarif" or "junit", not "${format}"`);
  const failOn = values['fail-on'] ?? 'error';
  if (!isFailOn(failOn)) return out.fail(`--fail-on must be "error", "warning" or "information", not "${failOn}"`);
  for (const name of ['config', 'baseline', 'write-baseline'] as const) if (values[name] === '') return out.fail(`--${name} needs a file`);
  if (values.cache === '') return out.fail('--cache needs a folder');
  const cacheDir = values.cache ? resolve(io.cwd, values.cache) : undefined;
  const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
  const baselineFile = values.baseline ? resolve(io.cwd, values.baseline) : undefined;
  const writeBaselineFile = values['write-baseline'] ? resolve(io.cwd, values['write-baseline']) : undefined;
  const paths = positionals.length > 0 ? positionals.map((p) => resolve(io.cwd, p)) : [resolve(io.cwd)];
  for (const path of paths) if (!existsSync(path)) return out.fail(`no such file or folder: ${path}`);

  let baseline: Baseline | undefined;
  if (baselineFile) {
    try {
      baseline = parseBaseline(readFileSync(baselineFile, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      return out.fail(`cannot read the baseline ${baselineFile}: ${reason}`);
    }
  }

  const single = paths.length === 1 && statSync(paths[0]).isDirectory();
  const root = pathFromFsPath(single ? paths[0] : resolve(io.cwd));
  let result: CheckResult;
  try {
    result = await withIndexedWorkspace(root, { configFile, cacheDir, logger: cliLogger(io, values.verbose === true) }, (engine) =>
      engine.check(paths.map(pathFromFsPath), neverCancelled, assessmentNamed(engine, values.assessment)),
    );
  } catch (error) {
    // An unknown --assessment fails like any other problem here, without the usage text.
    return out.fail((error as Error).message);
  }

  const collected = collectFindings(result);
  const findings = baseline ? compareWithBaseline(collected, baseline) : collected;
  if (writeBaselineFile) {
    try {
      writeFileSync(writeBaselineFile, renderBaseline(createBaseline(collected)), 'utf8');
    } catch (error) {
      return out.fail(`cannot write the baseline ${writeBaselineFile}: ${(error as Error).message}`);
    }
  }

  switch (format as CheckFormat) {
    case 'json':
      io.stdout.write(formatJson(result, findings));
      break;
    case 'sarif':
      io.stdout.write(renderSarif(findings, { root: result.root, toolVersion: toolVersion() }));
      break;
    case 'junit':
      io.stdout.write(renderJunit(findings, { files: result.checked.map((path) => relativeFile(result.root, path)), failOn }));
      break;
    default:
      io.stdout.write(formatText(findings));
  }

  const active = findings.filter((f) => f.suppressed === undefined);
  const failing = findings.filter((f) => fails(f, failOn as FailOn)).length;
  if (format !== 'json') io.stderr.write(summaryLine(result, findings.length, active, failOn, baseline !== undefined, writeBaselineFile));
  if (writeBaselineFile) return 0;
  return failing > 0 ? 1 : 0;
}

/** `12 files checked: 1 error(s), 2 warning(s), 0 other[, n suppressed][; ...].` */
function summaryLine(
  result: CheckResult,
  total: number,
  active: ReturnType<typeof collectFindings>,
  failOn: string,
  withBaseline: boolean,
  writeBaselineFile: string | undefined,
): string {
  const count = (severity: string) => active.filter((f) => f.diagnostic.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const suppressed = total - active.length;
  const failing = active.filter((f) => fails(f, failOn as FailOn)).length;
  const parts = [
    `${result.files} files checked: ${errors} error(s), ${warnings} warning(s), ${active.length - errors - warnings} other`,
    suppressed > 0 ? `, ${suppressed} suppressed` : '',
    withBaseline ? `; ${active.filter((f) => f.baseline === 'new').length} new since the baseline` : '',
    failOn !== 'error' || withBaseline ? `; ${failing} at or above --fail-on ${failOn}${withBaseline ? ' and new' : ''}` : '',
    writeBaselineFile ? `; baseline of ${active.length} finding(s) written to ${writeBaselineFile}` : '',
  ];
  return `${parts.join('')}.\n`;
}
