import { plainLine, xmlAttr, xmlText } from '../base/escape';
import { atOrAbove, fails, findingLine, type FailOn, type Finding } from '../analysis/findings/findings';

/**
 * `mqg4ai check --format junit`: JUnit XML for CI test reports, in the common shape
 * (`testsuites > testsuite[name tests failures errors skipped] > testcase[name classname]
 * > failure | skipped`). One testsuite per checked file; one testcase per finding, named
 * `line:column code message`, with
 *   - `<failure>` when the finding fails the check (see `fails`: at or above `--fail-on`,
 *     not suppressed, not in the baseline),
 *   - `<skipped message="reason">` when it is suppressed (an accepted deviation) or, at or
 *     above `--fail-on`, already in the baseline,
 *   - nothing (a pass) when it is below `--fail-on`.
 * A file without findings has one passing testcase, `no findings`. Documented in docs/cli.md.
 */

export interface JunitOptions {
  /** Checked files, relative to the root, in report order; files with findings are added. */
  readonly files: readonly string[];
  readonly failOn: FailOn;
  /** The name of the `testsuites` element. */
  readonly name?: string;
}

interface Case {
  readonly name: string;
  readonly body: string;
  readonly failed: boolean;
  readonly skipped: boolean;
}

export function renderJunit(findings: readonly Finding[], options: JunitOptions): string {
  const byFile = new Map<string, Case[]>(options.files.map((file) => [file, []]));
  for (const finding of findings) {
    const cases = byFile.get(finding.file) ?? [];
    cases.push(testCase(finding, options.failOn));
    byFile.set(finding.file, cases);
  }

  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const [file, found] of byFile) {
    const cases = found.length > 0 ? found : [{ name: 'no findings', body: '', failed: false, skipped: false }];
    const suiteFailures = cases.filter((c) => c.failed).length;
    const suiteSkipped = cases.filter((c) => c.skipped).length;
    tests += cases.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xmlAttr(file)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="0">`,
      ...cases.map((c) =>
        c.body
          ? `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(file)}" file="${xmlAttr(file)}" time="0">\n${c.body}\n    </testcase>`
          : `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(file)}" file="${xmlAttr(file)}" time="0"/>`,
      ),
      '  </testsuite>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(options.name ?? 'mqg4ai check')}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(finding: Finding, failOn: FailOn): Case {
  const d = finding.diagnostic;
  // Repository strings as single lines without controls, like `check --format text`.
  const message = plainLine(d.message);
  const position = `${findingLine(finding)}:${d.range.start.character + 1}`;
  const name = `${position} ${d.code} ${message}`;
  const line = plainLine(`${plainLine(finding.file)}:${position} ${d.severity} ${d.code} ${message}`);
  if (finding.suppressed !== undefined) {
    return {
      name,
      failed: false,
      skipped: true,
      body: `      <skipped message="${xmlAttr(`accepted deviation: ${finding.suppressed || '(no reason given)'}`)}"/>`,
    };
  }
  if (fails(finding, failOn)) {
    const note = finding.baseline === 'new' ? ' (new: not in the baseline)' : '';
    return {
      name,
      failed: true,
      skipped: false,
      body: `      <failure message="${xmlAttr(message)}" type="${xmlAttr(d.code)}">${xmlText(line + note)}</failure>`,
    };
  }
  if (finding.baseline === 'unchanged' && atOrAbove(d.severity, failOn)) {
    return { name, failed: false, skipped: true, body: `      <skipped message="${xmlAttr('in the baseline')}"/>` };
  }
  return { name, failed: false, skipped: false, body: `      <system-out>${xmlText(line)}</system-out>` };
}
