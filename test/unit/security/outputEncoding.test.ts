// Output encoding (issue 14, findings 2 and 3): the hostile-string corpus through every
// escaping function and every renderer (check text, SARIF, JUnit, coverage Markdown/HTML,
// hovers). Markdown is rendered with markdown-it (what VS Code uses) to see what a viewer would.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { htmlText, markdownCode, markdownLinkTarget, markdownText, plainLine, safeHttpsUrl, stripControls } from '../../../server/src/base/escape';
import { filteredLogger } from '../../../server/src/base/logger';
import { formatText } from '../../../server/src/render/checkFormats';
import { renderSarif } from '../../../server/src/render/sarif';
import { renderJunit } from '../../../server/src/render/junit';
import { renderCoverageReport } from '../../../server/src/render/coverageReport';
import type { CoverageReportInput } from '../../../server/src/analysis/coverage/reportData';
import type { Finding } from '../../../server/src/analysis/findings/findings';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';
import { mergeConfig } from '../../../server/src/config/projectConfig';
import { loadWorkspacePacks } from '../../../server/src/config/loadPacks';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildService, positionOf } from '../helpers';
import { InMemoryFileSystem } from '../../../server/src/base/fileSystem';
import { checkWorkspace } from '../../helpers/check';
import { collectFindings } from '../../../server/src/analysis/findings/findings';
import { ATTACKER, CONTROL_OR_BREAK, HOSTILE_PIECES, HOSTILE_STRINGS, HOSTILE_URLS } from './hostileStrings';
import { fuzzParams } from '../robustness/fuzzHelpers';

const md = new MarkdownIt({ html: true });

/** What a Markdown viewer would fetch or run: images, raw HTML, links to the attacker. */
function assertInert(markdown: string, what: string): void {
  const html = md.render(markdown);
  assert.doesNotMatch(html, /<img|<script|<iframe|<[^>]*\son\w+=/i, `${what}: ${JSON.stringify(markdown)}\n-> ${html}`);
  assert.doesNotMatch(html, new RegExp(`(src|href)="(https?:)?//[^"]*${ATTACKER.replace('.', '\\.')}`), `${what}: no link or image to the attacker: ${html}`);
}

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

function finding(file: string, message: string, suppressed?: string): Finding {
  return {
    file,
    path: `/ws/${file}`,
    diagnostic: { code: 'link.missing-file', severity: 'error', message, range },
    key: message,
    fingerprint: 'f',
    suppressed,
  };
}

describe('security: output encoding of hostile strings', () => {
  it('plainLine: one line, no controls, no leading workflow command', () => {
    for (const s of HOSTILE_STRINGS) {
      const line = plainLine(s);
      assert.doesNotMatch(line, CONTROL_OR_BREAK, JSON.stringify(s));
      assert.doesNotMatch(line, /^\s*::/, JSON.stringify(s));
    }
    assert.equal(plainLine('::error::x'), ': :error::x');
    assert.equal(plainLine('a\r\nb'), 'a b');
    assert.equal(plainLine('ordinary text: fine'), 'ordinary text: fine');
  });

  it('log lines (the CLI writes them to stderr): no escape sequence, no workflow command on any line', () => {
    const lines: string[] = [];
    const logger = filteredLogger('debug', (_level, message) => lines.push(message));
    for (const s of HOSTILE_STRINGS) logger.log('error', `Parsing /ws/${s}.md failed: Error: x\n    at f (a.ts:1:1)`);
    for (const message of lines) {
      assert.match(message, /\n {4}at f \(a\.ts:1:1\)$/, 'a stack keeps its lines');
      for (const line of message.split('\n')) {
        assert.doesNotMatch(line, /^\s*::/);
        assert.doesNotMatch(line, CONTROL_OR_BREAK);
      }
    }
  });

  it('markdownText: renders as exactly the text, never as syntax', () => {
    for (const s of HOSTILE_STRINGS) {
      const escaped = markdownText(s);
      assert.equal(md.renderInline(escaped), md.utils.escapeHtml(stripControls(s)), JSON.stringify(s));
      assertInert(escaped, 'markdownText');
      assertInert(`| a | ${escaped} |\n| --- | --- |\n| ${escaped} | b |`, 'markdownText in a table');
    }
  });

  it('markdownCode: one code span holding the text, whatever backticks it has', () => {
    for (const s of [...HOSTILE_STRINGS, ' spaced ', '`', '``a``']) {
      assert.equal(md.renderInline(markdownCode(s)), `<code>${md.utils.escapeHtml(stripControls(s))}</code>`, JSON.stringify(s));
      assertInert(`**File** ${markdownCode(s)}`, 'markdownCode');
    }
  });

  it('fuzz: strings assembled from breakout pieces stay inert in every context', () => {
    const hostile = fc.array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 6 })), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(hostile, (s) => {
        assert.equal(md.renderInline(markdownText(s)), md.utils.escapeHtml(stripControls(s)));
        assertInert(`**x** ${markdownText(s)} ${markdownCode(s)}`, 'fuzzed');
        // A destination is a link by design; it must stay one link, with nothing after it.
        assert.match(md.renderInline(`[l](${markdownLinkTarget(s)})`), /^<a href="[^"]*">l<\/a>$/);
        assert.doesNotMatch(plainLine(s), CONTROL_OR_BREAK);
        assert.doesNotMatch(plainLine(s), /^\s*::/);
        assert.doesNotMatch(htmlText(s), /[<>"']/);
      }),
      fuzzParams(300),
    );
  });

  it('markdownLinkTarget: the destination cannot end early or open other syntax', () => {
    for (const s of HOSTILE_STRINGS) {
      const link = `[x](${markdownLinkTarget(s)})`;
      const html = md.renderInline(link);
      assert.match(html, /^<a href="[^"]*">x<\/a>$/, `${JSON.stringify(s)} -> ${html}`);
      assert.doesNotMatch(html, /<img/);
    }
    assert.equal(markdownLinkTarget('file:///ws/a%20b.md#L3'), 'file:///ws/a%20b.md#L3', 'existing escapes kept');
  });

  it('htmlText: no tag, attribute break-out or control survives', () => {
    for (const s of HOSTILE_STRINGS) {
      const text = htmlText(s);
      assert.doesNotMatch(text, /[<>"']/);
      // eslint-disable-next-line no-control-regex -- control characters are what this matches
      assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    }
  });

  it('safeHttpsUrl: only plain https URLs', () => {
    for (const url of HOSTILE_URLS) assert.equal(safeHttpsUrl(url), undefined, url);
    for (const s of HOSTILE_STRINGS) assert.equal(safeHttpsUrl(s), undefined, JSON.stringify(s));
    assert.equal(safeHttpsUrl('https://www.example.org/docs/guide.pdf?x=1#p2'), 'https://www.example.org/docs/guide.pdf?x=1#p2');
    assert.equal(safeHttpsUrl('https://en.wikipedia.org/wiki/Fault_tree_(analysis)'), 'https://en.wikipedia.org/wiki/Fault_tree_(analysis)');
    assert.equal(safeHttpsUrl(`https://x.example/${'a'.repeat(3000)}`), undefined, 'length cap');
    assert.equal(safeHttpsUrl(42), undefined);
  });

  it('check --format text: one line per finding, no workflow command, no escape sequence', () => {
    const findings = HOSTILE_STRINGS.map((s, i) => finding(i % 2 ? `docs/${s}.md` : `${s}.md`, `No file at ${s}.`));
    const text = formatText(findings);
    const lines = text.split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.equal(lines.length, findings.length, 'one line per finding');
    for (const line of lines) {
      assert.doesNotMatch(line, /^\s*::/, line);
      assert.doesNotMatch(line, CONTROL_OR_BREAK, JSON.stringify(line));
    }
  });

  it('check --format text end to end: %0A and %1B in link destinations forge no line', async () => {
    const doc = [
      '# Doc',
      '',
      '[a](missing%0A::error%20file=x.md,line=1::forged.md)',
      '[b](missing%0D%0Ax.md:1:1%20error%20link.missing-file%20forged.md)',
      '[c](%1B%5B31mred%1B%5B0m.md)',
      '[d](%E2%80%A8sep.md#%0A::warning::x)',
      '',
    ].join('\n');
    const result = await checkWorkspace(new InMemoryFileSystem({ '/ws/doc.md': doc, '/ws/other.md': '# Other\n' }), '/ws');
    const findings = collectFindings(result).filter((f) => f.suppressed === undefined);
    const lines = formatText(findings).split('\n').slice(0, -1);
    assert.equal(lines.length, findings.length);
    assert.ok(findings.filter((f) => f.diagnostic.code === 'link.missing-file').length >= 4, lines.join('\n'));
    for (const line of lines) {
      assert.match(line, /^doc\.md:\d+:\d+ /, `every line is a finding: ${JSON.stringify(line)}`);
      assert.doesNotMatch(line, CONTROL_OR_BREAK);
    }
  });

  it('SARIF and JUnit: messages and reasons are single lines without controls', () => {
    const findings = HOSTILE_STRINGS.map((s) => finding(`${s}.md`, s, s));
    const sarif = JSON.parse(renderSarif(findings, { root: '/ws', toolVersion: '0' })) as {
      runs: Array<{ results: Array<{ message: { text: string }; suppressions?: Array<{ justification: string }> }> }>;
    };
    for (const result of sarif.runs[0].results) {
      assert.doesNotMatch(result.message.text, CONTROL_OR_BREAK);
      assert.doesNotMatch(result.suppressions?.[0].justification ?? '', CONTROL_OR_BREAK);
    }
    const xml = renderJunit(
      HOSTILE_STRINGS.map((s) => finding(`${s}.md`, s)),
      { files: [], failOn: 'error' },
    );
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    assert.doesNotMatch(xml, /<(img|script)/i);
    for (const line of xml.split('\n'))
      assert.match(line, /^(<\?xml|\s*<\/?(testsuites|testsuite|testcase|failure|skipped|system-out)\b)|^\s*$/, `a forged line: ${JSON.stringify(line)}`);
  });

  it('coverage report: Markdown and HTML render hostile labels, paths and messages inertly', () => {
    const leaf = (id: string, label: string, path: string): CoverageNode => ({
      id,
      label,
      kind: 'question',
      status: 'open',
      covered: 0,
      total: 1,
      children: [],
      path,
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      detail: label,
      description: label,
    });
    const docs = HOSTILE_STRINGS.map((s, i) => `/ws/tree/3_RiskManagement/${s.replace(/\//g, '_')}${i}.md`);
    const leaves = HOSTILE_STRINGS.map((s, i) => leaf(`/ws/tree#q${i}`, s, docs[i]));
    const group: CoverageNode = {
      id: '/ws/tree#altai',
      label: HOSTILE_STRINGS[0],
      kind: 'group',
      status: 'open',
      covered: 0,
      total: leaves.length,
      children: leaves,
    };
    const tree: CoverageNode = {
      id: 'tree:/ws/tree',
      label: HOSTILE_STRINGS[9],
      kind: 'tree',
      status: 'open',
      covered: 0,
      total: leaves.length,
      children: [group],
    };
    const input: CoverageReportInput = {
      root: '/ws',
      trees: [tree],
      diagnostics: docs.map((path, i) => ({
        path,
        diagnostics: [{ code: 'link.missing-file', severity: 'error', message: HOSTILE_STRINGS[i], range, target: HOSTILE_STRINGS[i] }],
      })),
      suppressed: docs.map((path, i) => ({
        path,
        suppressed: [{ diagnostic: { code: 'link.missing-file', severity: 'error', message: HOSTILE_STRINGS[i], range }, reason: HOSTILE_STRINGS[i] }],
      })),
      generatedAt: new Date('2025-01-01T00:00:00Z'),
      commit: HOSTILE_STRINGS[10],
      title: HOSTILE_STRINGS[11],
    };
    const markdown = renderCoverageReport(input, 'md');
    assertInert(markdown, 'coverage Markdown');
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    assert.doesNotMatch(markdown, /\u001b/);
    const html = renderCoverageReport(input, 'html');
    assert.doesNotMatch(html, /<img|<script|<iframe|<[^>]*\son\w+=/i);
    assert.doesNotMatch(html, new RegExp(`(src|href)="(https?:)?//[^"]*${ATTACKER.replace('.', '\\.')}`));
    // eslint-disable-next-line no-control-regex -- control characters are what this matches
    assert.doesNotMatch(html, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
  });

  it('hovers: a pack url or a file name with a backtick injects no image', async () => {
    const name = `a\` ![beacon](https:${ATTACKER}) \`b.md`;
    const items = HOSTILE_URLS.map((url, i) => ({ url, id: `evil${i}`, item: `EVIL${i}.one` }));
    const files: Record<string, string> = {
      '/ws/.mqg4ai.yaml': `questionPacks: [${items.map((p) => `packs/${p.id}.json`).join(', ')}]\n`,
      [`/ws/${name}`]: `# ![beacon](https://${ATTACKER}/title.png) \`x\n\n${HOSTILE_STRINGS.join(' ')}\n`,
      '/ws/doc.md': `# Doc\n\n[target](${markdownLinkTarget(name)})\n\n${items.map((p) => `[${p.item}]`).join(' ')}\n`,
    };
    for (const p of items) {
      files[`/ws/packs/${p.id}.json`] = JSON.stringify({
        id: p.id,
        title: `![beacon](https://${ATTACKER}/t.png)`,
        source: `Source \` ![beacon](https://${ATTACKER}/s.png)`,
        url: p.url,
        attribution: HOSTILE_STRINGS[9],
        items: [{ id: p.item, title: HOSTILE_STRINGS[10], description: HOSTILE_STRINGS[11], kind: HOSTILE_STRINGS[12] }],
      });
    }
    const { service, fs } = await buildService(files);
    const config = mergeConfig({ questionPacks: items.map((p) => `packs/${p.id}.json`) });
    const loaded = await loadWorkspacePacks(fs, '/ws', config);
    service.index.setConfig(config, loaded.registry);
    const value = (hover: Hover | undefined) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

    const doc = files['/ws/doc.md'];
    const linkHover = value(service.features.hover.provideHover('/ws/doc.md', positionOf(doc, 'target', 1), neverCancelled));
    assert.match(linkHover, /beacon/, 'the hover shows the target');
    assertInert(linkHover, 'link hover');
    for (const p of items) {
      if (!loaded.registry.pack(p.id)) continue; // refused by the pack schema already
      const hover = value(service.features.hover.provideHover('/ws/doc.md', positionOf(doc, p.item, 1), neverCancelled));
      assert.match(hover, /_Source: /, `a hover for ${p.item}`);
      assertInert(hover, `pack hover with url ${JSON.stringify(p.url)}`);
    }
  });
});
