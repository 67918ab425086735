import { runAssessments } from './assessments';
import { runCheck } from './check';
import { runCoverage } from './coverage';
import { runDiff } from './diff';
import { runImpact } from './impact';
import { runReview } from './review';
import type { CliIo } from './io';

export type { CliIo } from './io';

export const USAGE = `Usage: mqg4ai check [PATH...] [--format text|json|sarif|junit] [--fail-on error|warning|information]
                    [--baseline FILE] [--write-baseline FILE] [--assessment ID] [--config FILE] [--cache DIR] [--verbose]
       mqg4ai coverage [PATH] [--format md|html|json] [--output FILE] [--min-altai PCT] [--assessment ID] [--config FILE]
                       [--cache DIR]
       mqg4ai assessments [PATH] [--format text|json]
       mqg4ai diff [PATH] --from A --to B [--format md|json|html] [--output FILE]
       mqg4ai review mark FILE... [--by NAME]
       mqg4ai review status [PATH] [--format text|json]
       mqg4ai impact [PATH] --since GIT_REF [--format md|json|sarif] [--depth N]

check     Checks every trace link of the quality-gate Markdown under PATH (default:
          the current folder). With one folder, that folder is the workspace root;
          otherwise the current folder is, and only the given files and folders are
          reported. --format sarif is SARIF 2.1.0 for GitHub code scanning, junit is
          JUnit XML for test reports. --fail-on sets the lowest severity that fails
          (default: error). --baseline FILE fails only on findings not in FILE (they are
          marked new); --write-baseline FILE writes the current findings there.
          --cache DIR keeps parse results in the folder DIR between runs (by content
          hash, so a fresh clone with a restored CI cache is warm); results are the same
          with or without it.
          Exit status: 0 nothing at or above --fail-on (or a baseline written), 1 such
          findings, 2 usage or I/O failure.

coverage  Writes the assessment coverage report of the MQG4AI trees in the folder
          PATH (default: the current folder) to FILE or stdout. --min-altai PCT fails
          when ALTAI coverage is below PCT percent. Exit status: 0 report written,
          1 below --min-altai, 2 usage or I/O failure. See "mqg4ai coverage --help".

assessments  Lists the assessments (design knowledge, application versions,
          partial folders). --assessment ID|FOLDER on check and coverage limits
          them to one.

diff      Compares two assessments: documents, changed sections, ALTAI answers,
          broken traces and risks. See "mqg4ai diff --help".

review    Review stamps (docs/review.md): "review mark" stamps documents as
          reviewed, "review status" lists reviewed, suspect and unreviewed
          documents. See "mqg4ai review --help".

impact    The documents changed since a git ref and what traces to them, as
          Markdown for a pull-request comment, JSON or SARIF. See "mqg4ai impact --help".`;

/** The commands, by name. */
const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  check: (args, io) => runCheck(args, io, USAGE),
  coverage: runCoverage,
  assessments: runAssessments,
  diff: runDiff,
  review: runReview,
  impact: runImpact,
};

/** Runs the command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const run = command ? COMMANDS[command] : undefined;
  if (!run || !Object.hasOwn(COMMANDS, command)) {
    io.stderr.write(`mqg4ai: ${command ? `unknown command "${command}"` : 'missing command'}\n\n${USAGE}\n`);
    return 2;
  }
  return run(rest, io);
}
