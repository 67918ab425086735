import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { altaiCatalogue } from '../../server/src/domain/altai/catalogue';
import { compareWithBaseline, createBaseline, parseBaseline } from '../../server/src/analysis/findings/baseline';
import { missingFileFinding } from '../helpers/check';
import { runCli, type CliJsonReport } from '../helpers/cli';
import { copyFixture, FIXTURES } from '../helpers/fixtures';
import { makeWorkspace } from '../helpers/workspace';

/**
 * The CI side of `mqg4ai check` and `mqg4ai coverage` (issue 6): SARIF checked against
 * the official SARIF 2.1.0 JSON schema, JUnit XML against the common JUnit shape,
 * --fail-on, baselines, --min-altai and accepted deviations in the coverage report.
 */

const TEAM = join(FIXTURES, 'team-config');
const SAMPLE = join(FIXTURES, 'sample-assessment');

// The OASIS SARIF 2.1.0 schema (the final "rtm.5" revision, JSON-schema draft 04) as shipped
// by Microsoft's SARIF SDK in @microsoft/jest-sarif (a devDependency used for nothing else).
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;

function sarifValidator() {
  // The schema's one `pattern` for language tags is not valid with the `u` flag: unicodeRegExp off.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (v: string) => /^[a-z][a-z0-9+.-]*:/i.test(v) && isUriReference(v) && canParse(v));
  ajv.addFormat('uri-reference', (v: string) => isUriReference(v));
  ajv.addFormat('date-time', (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(v) && !Number.isNaN(Date.parse(v)));
  return ajv.compile(SARIF_SCHEMA);
}

/** RFC 3986 characters only, and every `%` starts a percent-encoding. */
function isUriReference(value: string): boolean {
  return /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/.test(value) && !/%(?![0-9A-Fa-f]{2})/.test(value);
}

function canParse(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
  baselineState?: string;
  suppressions?: Array<{ kind: string; justification: string }>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string } }> } };
    results: SarifResult[];
  }>;
}

interface JsonReport extends CliJsonReport {
  diagnostics: Array<CliJsonReport['diagnostics'][number] & { fingerprint: string; new?: boolean }>;
  suppressed: Array<CliJsonReport['diagnostics'][number] & { reason: string }>;
}

function sarifOf(args: string[], cwd?: string): { status: number; log: SarifLog; stderr: string } {
  const result = runCli(['check', ...args, '--format', 'sarif'], cwd);
  return { status: result.status, log: JSON.parse(result.stdout) as SarifLog, stderr: result.stderr };
}

describe('cli: check --format sarif', function () {
  this.timeout(30000);
  const validate = sarifValidator();

  for (const fixture of ['team-config', 'sample-assessment', 'link-forms']) {
    it(`is valid SARIF 2.1.0 (official JSON schema) on test-fixtures/${fixture}`, () => {
      const { status, log } = sarifOf([join(FIXTURES, fixture)]);
      assert.equal(status, 1, 'errors found');
      assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      assert.ok(log.runs[0].results.length > 0);
    });
  }

  it('rejects a broken log, so the validation is real', () => {
    const { log } = sarifOf([TEAM]);
    const broken = structuredClone(log) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(validate(broken), false);
    delete (broken.runs[0] as Record<string, unknown>).tool;
    assert.equal(validate(broken), false);
  });

  it('has what GitHub code scanning reads: rules from the registry, levels, root-relative locations, 1-based regions', () => {
    const { log } = sarifOf([TEAM]);
    const json = JSON.parse(runCli(['check', TEAM, '--format', 'json']).stdout) as JsonReport;
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'mqg4ai');
    assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
    const rule = run.tool.driver.rules.find((r) => r.id === 'link.missing-file');
    assert.equal(rule?.shortDescription.text, 'A link points at a file that does not exist.');
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);

    const active = run.results.filter((r) => !r.suppressions);
    assert.deepEqual(
      active
        .map(
          (r) =>
            `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn} ${r.ruleId} ${r.level}`,
        )
        .sort(),
      json.diagnostics
        .map(
          (d) =>
            `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.severity === 'information' || d.severity === 'hint' ? 'note' : d.severity}`,
        )
        .sort(),
    );
    for (const result of run.results) {
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!artifactLocation.uri.startsWith('/'));
      assert.ok(region.endLine > region.startLine || region.endColumn >= region.startColumn);
    }
  });

  it('percent-encodes file names in URIs', () => {
    const ws = makeWorkspace({ 'my docs/QG_A (v1).md': '[x](missing.md)\n' });
    try {
      const { log } = sarifOf([ws.root]);
      assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'my%20docs/QG_A%20(v1).md');
      assert.ok(validate(log));
    } finally {
      ws.cleanup();
    }
  });

  it('gives related places (the first quote of a duplicated ALTAI question) as relatedLocations', () => {
    const question = altaiCatalogue().question('TRS.accuracy.1')!.question.text;
    const ws = makeWorkspace({ 'TechnicalRobustnessSafety.md': `##### Accuracy\nALTAI:\n> - ${question}\n\n##### General Safety\nALTAI:\n> - ${question}?\n` });
    try {
      const { log } = sarifOf([ws.root]);
      assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      const duplicate = log.runs[0].results.find((r) => r.ruleId === 'altai.duplicate-question') as SarifResult & {
        relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }>;
      };
      assert.ok(duplicate, JSON.stringify(log.runs[0].results.map((r) => r.ruleId)));
      assert.equal(duplicate.level, 'warning');
      assert.deepEqual(
        duplicate.relatedLocations?.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine} ${l.message.text}`),
        ['TechnicalRobustnessSafety.md:3 First quote of TRS.accuracy.1'],
      );
    } finally {
      ws.cleanup();
    }
  });

  it('lists suppressed findings with kind inSource and the reason as justification', () => {
    const { log } = sarifOf([TEAM]);
    const expected = JSON.parse(readFileSync(join(TEAM, 'EXPECTED.json'), 'utf8')) as {
      suppressed: Array<{ file: string; line: number; code: string; reason: string }>;
    };
    const suppressed = log.runs[0].results.filter((r) => r.suppressions);
    assert.deepEqual(
      suppressed
        .map(
          (r) =>
            `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.ruleId} ${r.suppressions![0].kind}`,
        )
        .sort(),
      expected.suppressed.map((s) => `${s.file}:${s.line} ${s.code} inSource`).sort(),
    );
    assert.ok(suppressed.some((r) => r.suppressions![0].justification === "the vendor's manual is delivered with release 2"));
  });

  it('gives stable partial fingerprints, unique per finding and unchanged when lines shift', () => {
    const fixture = copyFixture('team-config');
    try {
      const fingerprints = (log: SarifLog) => log.runs[0].results.map((r) => `${r.ruleId} ${r.partialFingerprints['mqg4ai/v1']}`);
      const before = fingerprints(sarifOf([fixture.root]).log);
      assert.equal(new Set(before).size, before.length, 'unique');
      assert.deepEqual(fingerprints(sarifOf([fixture.root]).log), before, 'stable across runs');
      const overview = join(fixture.root, 'docs/overview.md');
      writeFileSync(overview, `Intro.\n\nMore intro.\n\n${readFileSync(overview, 'utf8')}`);
      const after = sarifOf([fixture.root]).log;
      assert.deepEqual(fingerprints(after).sort(), [...before].sort(), 'line shifts keep fingerprints');
      assert.ok(after.runs[0].results.every((r) => r.locations[0].physicalLocation.region.startLine > 4));
    } finally {
      fixture.cleanup();
    }
  });
});

describe('cli: check --format junit', function () {
  this.timeout(30000);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'skipped', 'error'].includes(name),
  });

  interface Case {
    name: string;
    classname: string;
    failure?: Array<{ message: string; type: string; '#text'?: string }>;
    skipped?: Array<{ message: string }>;
    error?: unknown[];
    [key: string]: unknown;
  }
  interface Suite {
    name: string;
    tests: string;
    failures: string;
    errors: string;
    skipped: string;
    testcase: Case[];
  }

  /** Well-formed XML in the common JUnit shape; returns the suites. */
  function parseJunit(xml: string): { root: Record<string, string>; suites: Suite[] } {
    assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
    const doc = parser.parse(xml) as { testsuites?: Record<string, string> & { testsuite?: Suite[] } };
    assert.ok(doc.testsuites, 'root element <testsuites>');
    const suites = doc.testsuites.testsuite ?? [];
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const suite of suites) {
      for (const attr of ['name', 'tests', 'failures', 'errors', 'skipped']) assert.ok(attr in suite, `testsuite[${attr}]`);
      assert.equal(Number(suite.tests), suite.testcase.length, `${suite.name}: tests`);
      assert.equal(Number(suite.failures), suite.testcase.filter((c) => c.failure).length, `${suite.name}: failures`);
      assert.equal(Number(suite.skipped), suite.testcase.filter((c) => c.skipped).length, `${suite.name}: skipped`);
      assert.equal(Number(suite.errors), 0);
      for (const c of suite.testcase) {
        assert.ok(c.name && c.classname, 'testcase[name classname]');
        const children = Object.keys(c).filter((k) => !['name', 'classname', 'file', 'time', 'line'].includes(k));
        assert.ok(
          children.every((k) => ['failure', 'skipped', 'system-out'].includes(k)),
          children.join(),
        );
        assert.ok(!(c.failure && c.skipped), 'a case fails or is skipped, not both');
        for (const f of c.failure ?? []) assert.ok(f.message && f.type, 'failure[message type]');
        for (const s of c.skipped ?? []) assert.ok(s.message, 'skipped[message]');
      }
      tests += suite.testcase.length;
      failures += Number(suite.failures);
      skipped += Number(suite.skipped);
    }
    assert.equal(Number(doc.testsuites.tests), tests);
    assert.equal(Number(doc.testsuites.failures), failures);
    assert.equal(Number(doc.testsuites.skipped), skipped);
    return { root: doc.testsuites, suites };
  }

  it('has one testsuite per checked file and one testcase per finding; errors fail, suppressed are skipped with the reason', () => {
    const result = runCli(['check', TEAM, '--format', 'junit']);
    assert.equal(result.status, 1);
    const { suites } = parseJunit(result.stdout);
    assert.deepEqual(
      suites.map((s) => s.name),
      ['docs/overview.md', 'docs/purpose.md'],
      'excluded drafts/ are not checked',
    );
    const overview = suites[0];
    assert.equal(overview.testcase.length, 5 + 2, 'five findings, two suppressed');
    assert.deepEqual(
      overview.testcase.filter((c) => c.failure).map((c) => c.failure![0].type),
      ['link.missing-file', 'link.missing-file'],
    );
    assert.deepEqual(
      overview.testcase.filter((c) => c.skipped).map((c) => c.skipped![0].message),
      ["accepted deviation: the vendor's manual is delivered with release 2", 'accepted deviation: (no reason given)'],
    );
    assert.equal(suites[1].testcase.length, 1, 'a clean file: one passing testcase');
    assert.equal(suites[1].testcase[0].failure, undefined);
  });

  it('--fail-on warning turns warnings into failures', () => {
    const { root } = parseJunit(runCli(['check', TEAM, '--format', 'junit', '--fail-on', 'warning']).stdout);
    assert.equal(root.failures, '5');
  });

  it('escapes markup in names and messages', () => {
    const ws = makeWorkspace({
      'a&b <c>.md': '<!-- mqg4ai-disable-next-line link.missing-file -- "quotes" & <tags> -->\n[x](gone.md)\n[y](<it\'s & "it".md>)\n',
    });
    try {
      const { suites } = parseJunit(runCli(['check', ws.root, '--format', 'junit']).stdout);
      assert.equal(suites[0].name, 'a&b <c>.md');
      assert.ok(suites[0].testcase.some((c) => c.skipped?.[0].message === 'accepted deviation: "quotes" & <tags>'));
    } finally {
      ws.cleanup();
    }
  });
});

describe('cli: check --fail-on', function () {
  this.timeout(30000);

  it('changes the exit code on test-fixtures/team-config once its errors are warnings', () => {
    const fixture = copyFixture('team-config');
    try {
      assert.equal(runCli(['check', fixture.root]).status, 1, 'two link.missing-file errors');
      const config = join(fixture.root, '.mqg4ai.yaml');
      writeFileSync(config, readFileSync(config, 'utf8').replace('rules:\n', 'rules:\n  link.missing-file: warning\n'));
      assert.equal(runCli(['check', fixture.root]).status, 0, 'warnings only, --fail-on error (default)');
      assert.equal(runCli(['check', fixture.root, '--fail-on', 'error']).status, 0);
      const warning = runCli(['check', fixture.root, '--fail-on', 'warning']);
      assert.equal(warning.status, 1);
      assert.match(warning.stderr, /5 at or above --fail-on warning/);
      assert.equal(runCli(['check', fixture.root, '--fail-on=information']).status, 1);
    } finally {
      fixture.cleanup();
    }
  });

  it('information fails only with --fail-on information; hints never fail; suppressed findings never fail', () => {
    const ws = makeWorkspace({
      '.mqg4ai.yaml': 'rules:\n  link.missing-file: information\n  link.missing-anchor: hint\n',
      'a.md': '# A\n\n[x](gone.md) [y](#nowhere)\n\n<!-- mqg4ai-disable-next-line link.missing-folder -- planned -->\n[z](./missing-folder/)\n',
    });
    try {
      assert.equal(runCli(['check', ws.root]).status, 0);
      assert.equal(runCli(['check', ws.root, '--fail-on', 'warning']).status, 0);
      assert.equal(runCli(['check', ws.root, '--fail-on', 'information']).status, 1);
      ws.write('a.md', '# A\n\n[y](#nowhere)\n');
      assert.equal(runCli(['check', ws.root, '--fail-on', 'information']).status, 0, 'a hint does not fail');
    } finally {
      ws.cleanup();
    }
  });

  it('exits 2 on a bad level', () => {
    const result = runCli(['check', TEAM, '--fail-on', 'hint']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--fail-on must be "error", "warning" or "information"/);
  });
});

describe('cli: check --baseline / --write-baseline', function () {
  this.timeout(30000);
  let fixture: ReturnType<typeof copyFixture>;
  let baseline: string;
  beforeEach(() => {
    fixture = copyFixture('team-config');
    baseline = join(fixture.root, '..', 'mqg4ai-baseline.json');
  });
  afterEach(() => fixture.cleanup());

  const overview = () => join(fixture.root, 'docs/overview.md');

  it('writes the current findings (exit 0 despite errors), then passes against them', () => {
    const written = runCli(['check', fixture.root, '--write-baseline', baseline]);
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stderr, /baseline of 5 finding\(s\) written/);
    const file = parseBaseline(readFileSync(baseline, 'utf8'));
    assert.equal(file.findings.length, 5, 'the five unsuppressed findings');
    assert.ok(file.findings.every((f) => !f.file.startsWith('/')));

    const checked = runCli(['check', fixture.root, '--baseline', baseline]);
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    assert.doesNotMatch(checked.stdout, /\[new\]/);
    assert.match(checked.stderr, /0 new since the baseline/);

    const again = readFileSync(baseline, 'utf8');
    runCli(['check', fixture.root, '--write-baseline', baseline]);
    assert.equal(readFileSync(baseline, 'utf8'), again, 'rewriting an unchanged baseline changes nothing');
  });

  it('is robust to line shifts and fails only on a new broken link, marked new in every format', () => {
    assert.equal(runCli(['check', fixture.root, '--write-baseline', baseline]).status, 0);
    writeFileSync(overview(), `Intro paragraph.\n\n${readFileSync(overview(), 'utf8')}`);
    assert.equal(runCli(['check', fixture.root, '--baseline', baseline]).status, 0, 'shifted lines: still the same findings');

    writeFileSync(overview(), `${readFileSync(overview(), 'utf8')}\nAnd the [new appendix](./appendix.md).\n`);
    const text = runCli(['check', fixture.root, '--baseline', baseline]);
    assert.equal(text.status, 1);
    assert.deepEqual(
      text.stdout.split('\n').filter((l) => l.endsWith('[new]')),
      ['docs/overview.md:15:24 error link.missing-file File not found: appendix.md. [new]'],
    );
    assert.match(text.stderr, /1 new since the baseline/);

    const json = JSON.parse(runCli(['check', fixture.root, '--baseline', baseline, '--format', 'json']).stdout) as JsonReport;
    assert.deepEqual(
      json.diagnostics.filter((d) => d.new).map((d) => d.target),
      ['./appendix.md'],
    );
    assert.equal(json.diagnostics.filter((d) => d.new === false).length, 5);

    const sarif = sarifOf([fixture.root, '--baseline', baseline]).log;
    assert.ok(sarifValidator()(sarif));
    assert.deepEqual(
      sarif.runs[0].results.filter((r) => r.baselineState === 'new').map((r) => r.message.text),
      ['File not found: appendix.md.'],
    );
    assert.equal(sarif.runs[0].results.filter((r) => r.baselineState === 'unchanged').length, 5);

    const junit = runCli(['check', fixture.root, '--baseline', baseline, '--format', 'junit', '--fail-on', 'warning']).stdout;
    assert.equal((junit.match(/<failure /g) ?? []).length, 1, 'only the new finding fails');
    assert.match(junit, /<skipped message="in the baseline"\/>/);
  });

  it('counts equal findings: a second link to the same missing file is new', () => {
    assert.equal(runCli(['check', fixture.root, '--write-baseline', baseline]).status, 0);
    writeFileSync(overview(), `${readFileSync(overview(), 'utf8')}\nThe [legal notes](./legal.md) again.\n`);
    const result = runCli(['check', fixture.root, '--baseline', baseline, '--format', 'json']);
    assert.equal(result.status, 1);
    const fresh = (JSON.parse(result.stdout) as JsonReport).diagnostics.filter((d) => d.new);
    assert.deepEqual(
      fresh.map((d) => `${d.range.start.line + 1} ${d.target}`),
      ['13 ./legal.md'],
      'the added one, nearest-line pairing',
    );
  });

  it('exits 2 when the baseline is missing or not a baseline', () => {
    const missing = runCli(['check', fixture.root, '--baseline', join(fixture.root, 'none.json')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline .*no such file/);
    writeFileSync(baseline, '{"findings": 3}');
    const bad = runCli(['check', fixture.root, '--baseline', baseline]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /not an mqg4ai baseline/);
    assert.equal(runCli(['check', fixture.root, '--baseline']).status, 2);
  });

  it('pairs equal findings nearest line first (unit)', () => {
    const finding = missingFileFinding;
    const base = createBaseline([finding(10), finding(30), finding(5, 'accepted')]);
    assert.equal(base.findings.length, 2, 'suppressed findings are not baselined');
    const marked = compareWithBaseline([finding(3), finding(12), finding(33), finding(40, 'ok')], base);
    assert.deepEqual(
      marked.map((f) => f.baseline),
      ['new', 'unchanged', 'unchanged', undefined],
    );
  });
});

describe('cli: coverage --min-altai, report defaults and accepted deviations', function () {
  this.timeout(30000);

  it('passes at 5% and fails at 50% on test-fixtures/sample-assessment (ALTAI 12/133), still writing the report', () => {
    const pass = runCli(['coverage', SAMPLE, '--min-altai', '5', '--format', 'json']);
    assert.equal(pass.status, 0, pass.stderr);
    assert.match(pass.stderr, /ALTAI coverage (of sample-assessment )?9% \(12\/133\) meets the minimum of 5%/);
    const fail = runCli(['coverage', SAMPLE, '--min-altai=50', '--format', 'json']);
    assert.equal(fail.status, 1);
    assert.match(fail.stderr, /ALTAI coverage (of sample-assessment )?9% \(12\/133\) is below the minimum of 50%/);
    assert.equal(
      (JSON.parse(fail.stdout) as { summary: { groups: { altai: { covered: number } } } }).summary.groups.altai.covered,
      12,
      'the report is written anyway',
    );
    assert.equal(runCli(['coverage', SAMPLE, '--min-altai', '9.0']).status, 0, '12/133 = 9.02%');
    assert.equal(runCli(['coverage', SAMPLE, '--min-altai', '9.1%']).status, 1);
  });

  it('takes report.minAltai, report.format and report.output from the project configuration; options win', () => {
    const fixture = copyFixture('sample-assessment');
    try {
      writeFileSync(join(fixture.root, '.mqg4ai.yaml'), 'report:\n  format: json\n  output: reports/coverage.json\n  minAltai: 50\n');
      mkdirSync(join(fixture.root, 'reports'));
      const fromConfig = runCli(['coverage', fixture.root]);
      assert.equal(fromConfig.status, 1, fromConfig.stderr);
      assert.equal(fromConfig.stdout, '');
      const written = join(fixture.root, 'reports/coverage.json');
      assert.ok(existsSync(written));
      assert.equal((JSON.parse(readFileSync(written, 'utf8')) as { version: number }).version, 1);

      const overridden = runCli(['coverage', fixture.root, '--min-altai', '5', '--format', 'md', '--output', join(fixture.root, 'reports/coverage.md')]);
      assert.equal(overridden.status, 0, overridden.stderr);
      assert.match(readFileSync(join(fixture.root, 'reports/coverage.md'), 'utf8'), /^# MQG4AI assessment coverage$/m);
    } finally {
      fixture.cleanup();
    }
  });

  it('exits 2 on a bad percentage', () => {
    for (const bad of ['150', '-1', 'lots', '']) assert.equal(runCli(['coverage', SAMPLE, '--min-altai', bad]).status, 2, bad);
  });

  it('lists suppressed findings as accepted deviations with their reasons (json, md, html)', () => {
    const json = JSON.parse(runCli(['coverage', TEAM, '--format', 'json']).stdout) as {
      summary: { acceptedDeviations: number };
      acceptedDeviations: Array<{ file: string; line: number; code: string; reason: string; message: string }>;
    };
    assert.equal(json.summary.acceptedDeviations, 2);
    assert.deepEqual(
      json.acceptedDeviations.map((d) => `${d.file}:${d.line} ${d.code} ${d.reason}`),
      ["docs/overview.md:6 link.missing-file the vendor's manual is delivered with release 2", 'docs/overview.md:11 link.missing-file '],
    );
    const md = runCli(['coverage', TEAM]).stdout;
    assert.match(md, /^## Accepted deviations \(2\)$/m);
    assert.match(
      md,
      /^\| \[`docs\/overview\.md:6`\]\(docs\/overview\.md#L6\) \| link\.missing-file \| File not found: vendor-manual\.md\. \| the vendor's manual is delivered with release 2 \|$/m,
    );
    assert.match(md, /\| \(no reason given\) \|$/m);
    const html = runCli(['coverage', TEAM, '--format', 'html']).stdout;
    assert.match(html, /<section id="accepted-deviations">\n<h2>Accepted deviations \(2\)<\/h2>/);
    assert.match(html, /the vendor&#39;s manual is delivered with release 2/);
    assert.match(runCli(['coverage', SAMPLE]).stdout, /^## Accepted deviations \(0\)\n\nNone/m);
  });
});
