import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { neverCancelled } from '../base/cancellation';
import { pathFromFsPath, toFsPath } from '../base/fileSystem';
import { renderReviewStatusJson, renderReviewStatusText } from '../render/reviewStatus';
import { assessmentNamed, CommandOutput, cliLogger, folderArgument, parseOrExit, withIndexedWorkspace, workspaceFolderOf, type CliIo } from './io';

const USAGE = `Usage: mqg4ai review mark FILE... [--by NAME] [--config FILE]
       mqg4ai review status [PATH] [--format text|json] [--assessment ID] [--config FILE]

mark    Stamps the given Markdown documents as reviewed (docs/review.md): writes
        .mqg4ai/reviews/<path>.yaml for each, with its content fingerprint and its
        trace targets', and the reviewed texts under .mqg4ai/snapshots/. --by
        names the reviewer (default: git config user.name).
status  Lists the review status of every document under PATH (default: the
        current folder): reviewed, suspect (a trace target changed since the
        review) or unreviewed; paths relative to PATH.

The workspace folder (where .mqg4ai/ lives) is the nearest folder above the
files or PATH holding .mqg4ai/, .mqg4ai.yaml, .mqg4ai.json or .git.
Exit status: 0 done, 1 a document could not be marked, 2 usage or I/O failure.`;

const OPTIONS = {
  by: { type: 'string' },
  format: { type: 'string' },
  assessment: { type: 'string' },
  config: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `mqg4ai review mark|status`: resolves to the exit code. */
export async function runReview(args: readonly string[], io: CliIo): Promise<number> {
  const out = new CommandOutput(io, 'mqg4ai review', USAGE);
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h') return out.help();
  if (sub !== 'mark' && sub !== 'status')
    return out.usageError(sub ? `unknown review command "${sub}" (mark or status)` : 'missing review command (mark or status)');
  const parsed = parseOrExit(rest, OPTIONS, out);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const configFile = values.config ? pathFromFsPath(resolve(io.cwd, values.config)) : undefined;
  const logger = cliLogger(io, values.verbose === true);
  if (sub === 'mark') {
    if (values.format !== undefined || values.assessment !== undefined) return out.usageError('--format and --assessment belong to "review status"');
    if (positionals.length === 0) return out.usageError('give the documents to mark');
    if (values.by !== undefined && values.by.trim() === '') return out.usageError('--by needs a name');
    const files = positionals.map((p) => resolve(io.cwd, p));
    for (const file of files) if (!existsSync(file) || !statSync(file).isFile()) return out.fail(`no such file: ${file}`);
    const root = workspaceFolderOf(files[0]);
    try {
      return await withIndexedWorkspace(pathFromFsPath(root), { configFile, logger }, async (engine) => {
        const by = values.by?.trim() ?? (await engine.reviewerName());
        if (!by) return out.fail('no reviewer name: give --by NAME or set git config user.name');
        const plan = await engine.planReviewMark(files.map(pathFromFsPath), { by, at: new Date().toISOString() }, neverCancelled);
        for (const write of plan.writes) {
          mkdirSync(dirname(toFsPath(write.path)), { recursive: true });
          writeFileSync(toFsPath(write.path), write.text, 'utf8');
        }
        for (const path of plan.marked) io.stdout.write(`reviewed: ${toFsPath(path)} (by ${by})\n`);
        for (const { path, reason } of plan.refused) io.stderr.write(`mqg4ai review: not marked: ${toFsPath(path)}: ${reason}\n`);
        return plan.refused.length > 0 ? 1 : 0;
      });
    } catch (error) {
      return out.fail((error as Error).message);
    }
  }
  if (values.by !== undefined) return out.usageError('--by belongs to "review mark"');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return out.usageError(`--format must be "text" or "json", not "${format}"`);
  const folder = folderArgument(positionals, io, out);
  if (typeof folder === 'number') return folder;
  const scope = pathFromFsPath(folder);
  try {
    const text = await withIndexedWorkspace(pathFromFsPath(workspaceFolderOf(folder)), { configFile, logger }, (engine) => {
      const groups = engine.reviews([scope], neverCancelled, assessmentNamed(engine, values.assessment));
      return format === 'json' ? renderReviewStatusJson(groups, scope) : renderReviewStatusText(groups, scope);
    });
    io.stdout.write(text);
  } catch (error) {
    return out.fail((error as Error).message);
  }
  return 0;
}
