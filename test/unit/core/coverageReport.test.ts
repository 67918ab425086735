// The coverage report renderer (pure) and the git commit reader, over synthetic input.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGitCommit } from '../../../server/src/workspace/gitCommit';
import { renderCoverageReport, suggestedReportName } from '../../../server/src/render/coverageReport';
import type { coverageReportData, CoverageReportInput } from '../../../server/src/analysis/coverage/reportData';
import { escapeMarkdown, markdownCode } from '../../../server/src/render/markdownReport';
import { escapeHtml } from '../../../server/src/render/htmlReport';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';

const EVIL = 'A <b>bold</b> | *star* _under_ [x](http://evil) `tick` & "quote" \'apos\'';

function leaf(id: string, label: string, covered: boolean, extra: Partial<CoverageNode> = {}): CoverageNode {
  return { id, label, kind: 'question', status: covered ? 'covered' : 'open', covered: covered ? 1 : 0, total: 1, children: [], ...extra };
}

function node(id: string, label: string, kind: CoverageNode['kind'], children: CoverageNode[], extra: Partial<CoverageNode> = {}): CoverageNode {
  const covered = children.reduce((n, c) => n + c.covered, 0);
  const total = children.reduce((n, c) => n + c.total, 0);
  return { id, label, kind, status: covered === total ? 'covered' : covered > 0 ? 'partial' : 'open', covered, total, children, ...extra };
}

function input(extra: Partial<CoverageReportInput> = {}): CoverageReportInput {
  const doc = '/ws/tree/3_RiskManagement/Req (1).md';
  const tree = node('tree:/ws/tree', 'tree', 'tree', [
    node('/ws/tree#altai', 'Trustworthy AI (ALTAI)', 'group', [
      node(
        '/ws/tree#R1',
        EVIL,
        'requirement',
        [
          node('/ws/tree#R1.s', 'Section', 'section', [
            leaf('/ws/tree#q1', `${EVIL}?`, false, {
              path: doc,
              range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } },
              detail: 'Quoted, <not> answered.',
            }),
            leaf('/ws/tree#q2', 'Answered?', true, { path: doc }),
          ]),
        ],
        { path: doc, description: 'Req (1).md' },
      ),
      node(
        '/ws/tree#R2',
        'Missing requirement',
        'requirement',
        [node('/ws/tree#R2.s', 'S', 'section', [leaf('/ws/tree#q3', 'Q3', false), leaf('/ws/tree#q4', 'Q4', false)])],
        {
          description: 'missing',
        },
      ),
    ]),
    node('/ws/tree#lifecycle', 'Lifecycle', 'group', []),
  ]);
  return {
    root: '/ws',
    trees: [tree],
    diagnostics: [
      {
        path: doc,
        diagnostics: [
          {
            code: 'link.missing-file',
            severity: 'error',
            message: `No file at ${EVIL}.`,
            range: { start: { line: 9, character: 3 }, end: { line: 9, character: 8 } },
            target: './x.md',
          },
          { code: 'doc.orphan', severity: 'hint', message: 'not a broken trace', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
        ],
      },
    ],
    generatedAt: new Date('2025-03-04T05:06:07.000Z'),
    commit: '0123456789abcdef0123456789abcdef01234567',
    ...extra,
  };
}

describe('core/coverage/report', () => {
  it('json: groups, rows, gaps (a missing document is one gap) and broken traces only', () => {
    const data = JSON.parse(renderCoverageReport(input(), 'json')) as ReturnType<typeof coverageReportData>;
    assert.equal(data.generated, '2025-03-04T05:06:07.000Z');
    assert.equal(data.commit, '0123456789abcdef0123456789abcdef01234567');
    assert.equal(data.trees[0].folder, 'tree');
    assert.deepEqual(
      data.trees[0].groups.map((g) => [g.key, g.covered, g.total, g.rows.length]),
      [
        ['altai', 1, 4, 4],
        ['lifecycle', 0, 0, 0],
      ],
    );
    assert.deepEqual(
      data.gaps.map((g) => [g.label, g.count, g.file ?? null, g.line ?? null]),
      [
        [`${EVIL}?`, 1, 'tree/3_RiskManagement/Req (1).md', 5],
        ['Missing requirement', 2, null, null],
      ],
    );
    assert.deepEqual(data.gaps[0].trail, [EVIL, 'Section']);
    assert.equal(data.summary.gaps, 3);
    assert.deepEqual(
      data.brokenTraces.map((t) => [t.file, t.line, t.column, t.code]),
      [['tree/3_RiskManagement/Req (1).md', 10, 4, 'link.missing-file']],
    );
    assert.equal(data.trees[0].node.children[0].children[0].file, 'tree/3_RiskManagement/Req (1).md');
  });

  it('md: escapes labels and messages, percent-encodes links, anchors lines', () => {
    const md = renderCoverageReport(input(), 'md');
    assert.ok(!md.includes('<b>'), 'no raw HTML');
    assert.ok(!md.includes('[x](http://evil)') && md.includes('\\[x\\](http://evil)'), 'no link from a label');
    assert.ok(md.includes(escapeMarkdown(EVIL)));
    assert.match(md, /\[`Req \(1\)\.md:5`\]\(tree\/3_RiskManagement\/Req%20%281%29\.md#L5\)/);
    assert.match(md, /\| \[`tree\/3_RiskManagement\/Req \(1\)\.md:10`\]\(tree\/3_RiskManagement\/Req%20%281%29\.md#L10\) \| error \| link\.missing-file \|/);
    assert.doesNotMatch(md, /not a broken trace/);
    for (const line of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
      const cells = line.replace(/\\\|/g, '').split('|').length;
      assert.ok(cells === 6 || cells === 7, `a table row keeps its 4 or 5 columns: ${line}`);
    }
  });

  it('md/html: links relative to the folder the report is saved in', () => {
    const md = renderCoverageReport(input({ linkBase: '/ws/reports' }), 'md');
    assert.match(md, /\]\(\.\.\/tree\/3_RiskManagement\/Req%20%281%29\.md#L5\)/);
    assert.match(md, /\[`tree\/3_RiskManagement\/Req \(1\)\.md:10`\]/, 'shown paths stay relative to the root');
    const html = renderCoverageReport(input({ linkBase: '/ws/reports' }), 'html');
    assert.match(html, /href="\.\.\/tree\/3_RiskManagement\/Req%20%281%29\.md#L10"/);
  });

  it('html: escapes everything, no scripts or external resources', () => {
    const html = renderCoverageReport(input(), 'html');
    assert.ok(!html.includes('<b>bold'), 'no raw HTML from labels');
    assert.ok(html.includes(escapeHtml(EVIL)));
    assert.doesNotMatch(html, /<script|<link\b|href="http/i);
    assert.match(html, /<code>0123456789abcdef0123456789abcdef01234567<\/code>/);
    assert.match(html, /<time datetime="2025-03-04T05:06:07.000Z">/);
  });

  it('says when there is no commit and no tree', () => {
    const empty = input({ trees: [], diagnostics: [], commit: undefined });
    assert.match(renderCoverageReport(empty, 'md'), /^- Commit: not in a git repository$/m);
    assert.match(renderCoverageReport(empty, 'md'), /No MQG4AI quality-gate tree/);
    assert.match(renderCoverageReport(empty, 'html'), /not in a git repository/);
    assert.equal(JSON.parse(renderCoverageReport(empty, 'json')).commit, null);
  });

  it('escaping helpers', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(escapeMarkdown('1. not a list'), '1\\. not a list');
    assert.equal(escapeMarkdown('- not a bullet'), '\\- not a bullet');
    assert.equal(escapeMarkdown('a\nb'), 'a b');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x'), '`` `x ``');
    assert.equal(markdownCode('a|b', true), '`a\\|b`');
    assert.equal(suggestedReportName('html', new Date('2025-12-31T23:00:00Z')), 'mqg4ai-coverage-2025-12-31.html');
  });
});

describe('core/coverage/gitCommit', () => {
  const sha = 'a'.repeat(40);
  const other = 'b'.repeat(40);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mqg4ai-git-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };

  it('reads a loose branch ref from a subfolder of the repository', () => {
    write('.git/HEAD', 'ref: refs/heads/main\n');
    write('.git/refs/heads/main', `${sha}\n`);
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    assert.equal(readGitCommit(join(dir, 'a', 'b')), sha);
  });

  it('reads packed refs and detached heads', () => {
    write('.git/HEAD', 'ref: refs/heads/feature/x\n');
    write('.git/packed-refs', `# pack-refs with: peeled fully-peeled sorted\n${other} refs/heads/main\n${sha} refs/heads/feature/x\n`);
    assert.equal(readGitCommit(dir), sha);
    write('.git/HEAD', `${other}\n`);
    assert.equal(readGitCommit(dir), other);
  });

  it('follows a .git file to a worktree and its common dir', () => {
    write('main/.git/refs/heads/topic', `${sha}\n`);
    write('main/.git/worktrees/wt/HEAD', 'ref: refs/heads/topic\n');
    write('main/.git/worktrees/wt/commondir', '../..\n');
    write('wt/.git', `gitdir: ${join(dir, 'main/.git/worktrees/wt')}\n`);
    assert.equal(readGitCommit(join(dir, 'wt')), sha);
  });

  it('is undefined for unborn branches and garbage', () => {
    write('.git/HEAD', 'ref: refs/heads/main\n');
    assert.equal(readGitCommit(dir), undefined);
    write('.git/HEAD', 'nonsense');
    assert.equal(readGitCommit(dir), undefined);
    write('.git/HEAD', 'ref: ../../../etc/passwd\n');
    assert.equal(readGitCommit(dir), undefined);
  });
});
