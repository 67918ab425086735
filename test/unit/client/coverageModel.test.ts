// The Assessment Coverage view's model (no `vscode`), fed with the real server's answer to
// `mqg4ai/coverage` on a copy of the sample assessment.
import assert from 'node:assert/strict';
import {
  altaiSummary,
  CoverageModel,
  escapeMarkdown,
  isGap,
  itemDescription,
  itemTooltip,
  itemView,
  percent,
  STATUS_ICONS,
  statusBarView,
  type CoverageItem,
} from '../../../client/src/coverage/coverageModel';
import { copyFixture } from '../../helpers/fixtures';
import { LspTestClient, uriKey } from '../../helpers/lspClient';

function walk(items: readonly CoverageItem[], visit: (item: CoverageItem) => void): void {
  for (const item of items) {
    visit(item);
    walk(item.children, visit);
  }
}

function find(items: readonly CoverageItem[], predicate: (item: CoverageItem) => boolean): CoverageItem {
  let found: CoverageItem | undefined;
  walk(items, (item) => {
    if (!found && predicate(item)) found = item;
  });
  assert.ok(found, 'no matching node');
  return found;
}

describe('client: coverage view model', function () {
  this.timeout(30000);
  let items: CoverageItem[];

  before(async () => {
    const fixture = copyFixture('sample-assessment');
    const client = await LspTestClient.start([fixture.root]);
    try {
      items = await client.request<CoverageItem[]>('mqg4ai/coverage', {});
    } finally {
      await client.stop();
      fixture.cleanup();
    }
  });

  describe('all nodes', () => {
    it('shows one tree expanded, with the four groups collapsed', () => {
      const model = new CoverageModel(items);
      const roots = model.roots();
      assert.equal(roots.length, 1);
      assert.equal(model.view(roots[0]).collapsible, 'expanded');
      assert.equal(roots[0].label, 'sample-assessment');
      const groups = model.children(roots[0]);
      assert.deepEqual(
        groups.map((g) => g.label),
        ['Trustworthy AI (ALTAI)', 'Lifecycle', 'Risk management', 'System'],
      );
      for (const group of groups) assert.equal(model.view(group).collapsible, 'collapsed');
      assert.equal(model.parent(groups[0]), roots[0]);
      assert.equal(model.parent(roots[0]), undefined);
    });

    it('labels requirements, sections and questions with covered/total and their description', () => {
      const model = new CoverageModel(items);
      const altai = model.children(model.roots()[0])[0];
      const requirements = model.children(altai);
      assert.equal(requirements.length, 7);
      const trs = requirements.find((r) => r.label === 'Technical Robustness and Safety')!;
      assert.equal(model.view(trs).description, `${trs.covered}/38 · TechnicalRobustnessSafety.md`);
      const hao = requirements.find((r) => r.label === 'Human Agency and Oversight')!;
      assert.equal(model.view(hao).description, '0/19 · missing');
      const question = model.children(model.children(trs)[0])[0];
      assert.equal(question.kind, 'question');
      assert.match(model.view(question).description, /^[01]\/1 · TRS\.[a-z-]+\.1$/);
      assert.equal(model.view(question).collapsible, 'none');
    });

    it('gives each status its codicon, coloured by what is to do: missing is an error, unanswered a warning', () => {
      const model = new CoverageModel(items);
      const byStatus = new Map<string, CoverageItem>();
      walk(items, (item) => {
        if (!byStatus.has(item.status)) byStatus.set(item.status, item);
      });
      assert.deepEqual([...byStatus.keys()].sort(), ['broken', 'covered', 'missing', 'open', 'partial']);
      assert.deepEqual(model.view(byStatus.get('covered')!).icon, { id: 'pass', color: 'testing.iconPassed' });
      assert.deepEqual(model.view(byStatus.get('open')!).icon, { id: 'circle-large-outline', color: 'problemsWarningIcon.foreground' });
      assert.deepEqual(model.view(byStatus.get('partial')!).icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });
      assert.deepEqual(model.view(byStatus.get('missing')!).icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
      assert.deepEqual(model.view(byStatus.get('broken')!).icon, { id: 'debug-disconnect', color: 'problemsErrorIcon.foreground' });
      assert.deepEqual(Object.keys(STATUS_ICONS).sort(), ['broken', 'covered', 'missing', 'open', 'partial']);
    });

    it('offers Create from Template on missing documents, Insert on incomplete ones, Open on every document', () => {
      const model = new CoverageModel(items);
      const hao = find(items, (i) => i.kind === 'requirement' && i.label === 'Human Agency and Oversight');
      assert.equal(model.view(hao).contextValue, 'mqg4ai.coverage.requirement.missing.creatable');
      const trs = find(items, (i) => i.kind === 'requirement' && i.label === 'Technical Robustness and Safety');
      assert.match(model.view(trs).contextValue, /^mqg4ai\.coverage\.requirement\.partial\.fillable\.openable$/);
      const question = find(items, (i) => i.kind === 'question' && i.uri !== undefined);
      assert.match(model.view(question).contextValue, /\.openable$/);
    });

    it('says why in the tooltip: a missing document, or how much is still open', () => {
      const hao = find(items, (i) => i.kind === 'requirement' && i.label === 'Human Agency and Oversight');
      assert.match(itemTooltip(hao), /\$\(error\) Missing: 0 of 19 covered/);
      assert.match(itemTooltip(hao), /does not exist yet: create it from its template/);
      const altai = items[0].children[0];
      assert.equal(altai.status, 'missing');
      assert.match(itemTooltip(altai), /belong to documents that do not exist yet/);
      const trs = find(items, (i) => i.kind === 'requirement' && i.label === 'Technical Robustness and Safety');
      assert.match(itemTooltip(trs), new RegExp(`${trs.total - trs.covered} of ${trs.total} still open`));
    });

    it('opens the document at the node line: answered questions, template sections', () => {
      const model = new CoverageModel(items);
      const answered = find(items, (i) => i.kind === 'question' && i.status === 'covered');
      const view = model.view(answered);
      assert.ok(view.target);
      assert.match(uriKey(view.target.uri), /\/3_RiskManagement\/AI_Risks\/2_TechnicalRobustnessSafety\/TechnicalRobustnessSafety\.md$/);
      assert.equal(view.target.line, answered.range!.start.line);
      const section = find(items, (i) => i.kind === 'qg-section' && i.range !== undefined);
      assert.equal(model.view(section).target?.line, section.range!.start.line);
      const missing = find(items, (i) => i.kind === 'information-block' && i.description === 'missing');
      assert.equal(model.view(missing).target, undefined, 'nothing to open for a missing document');
    });

    it('explains the status in the tooltip, escaped', () => {
      const broken = find(items, (i) => i.kind === 'leaf-qg' && i.label.startsWith('QG Calibration'));
      const tooltip = itemTooltip(broken);
      assert.match(tooltip, /^\*\*QG Calibration \\\(Binary Classification\\\)\*\*/);
      assert.match(tooltip, /\$\(debug-disconnect\) Broken links: 9 of 9 covered \(100%\)/);
      assert.match(tooltip, /1 broken link\\\(s\\\) in this document\\\./);
      assert.equal(escapeMarkdown('a*b_[c](d) $(x) <y>'), 'a\\*b\\_\\[c\\]\\(d\\) \\$\\(x\\) \\<y\\>');
    });
  });

  describe('gaps only', () => {
    it('keeps exactly the nodes that are not covered (or broken), at every level', () => {
      const model = new CoverageModel(items, true);
      let shown = 0;
      const visit = (nodes: CoverageItem[]) => {
        for (const node of nodes) {
          shown++;
          assert.ok(isGap(node), `${node.id} is a gap`);
          visit(model.children(node));
        }
      };
      visit(model.roots());
      let gaps = 0;
      const count = (nodes: readonly CoverageItem[]) => {
        for (const node of nodes) {
          if (!isGap(node)) continue;
          gaps++;
          count(node.children);
        }
      };
      count(items);
      assert.equal(shown, gaps);
      assert.ok(shown > 0);
    });

    it('hides covered risks and questions, keeps placeholders, missing blocks and broken QGs', () => {
      const model = new CoverageModel(items);
      const [tree] = model.roots();
      const groups = () => model.children(tree);
      assert.equal(groups().length, 4);
      model.setGapsOnly(true);
      assert.equal(model.gapsOnly, true);
      assert.deepEqual(
        groups().map((g) => g.label),
        ['Trustworthy AI (ALTAI)', 'Lifecycle', 'System'],
        'risk management is fully covered',
      );
      const trs = model.children(groups()[0]).find((r) => r.label === 'Technical Robustness and Safety')!;
      const questions = model.children(trs).flatMap((s) => model.children(s));
      assert.ok(questions.length > 0);
      assert.ok(questions.every((q) => q.status === 'open'));
      assert.equal(questions.length, trs.total - trs.covered);
      const system = model.children(groups()[2]);
      assert.deepEqual(
        system.map((b) => b.label),
        ['Compliance'],
      );
      const placeholder = find(items, (i) => i.kind === 'placeholder');
      const calibration = find(items, (i) => i.kind === 'leaf-qg' && i.status === 'broken');
      assert.ok(model.isVisible(placeholder));
      assert.ok(model.isVisible(calibration), 'a broken document is a gap even when its sections are filled');
      const covered = find(items, (i) => i.kind === 'risk' && i.status === 'covered');
      assert.equal(model.isVisible(covered), false);
      model.setGapsOnly(false);
      assert.equal(model.isVisible(covered), true);
      assert.equal(groups().length, 4);
    });
  });

  describe('status bar', () => {
    it('sums the ALTAI groups', () => {
      const altai = items[0].children.find((g) => g.label === 'Trustworthy AI (ALTAI)')!;
      assert.deepEqual(altaiSummary(items), { covered: altai.covered, total: 133, trees: 1 });
      const view = statusBarView(items)!;
      assert.equal(view.text, `$(checklist) ALTAI ${altai.covered}/133`);
      assert.match(view.tooltip, new RegExp(`${altai.covered} of 133 questions addressed \\(${percent(altai.covered, 133)}%\\)`));
      assert.equal(statusBarView([]), undefined, 'hidden without trees');
    });

    it('adds up several trees', () => {
      const twice = [items[0], { ...items[0], id: 'tree:/other' }];
      assert.equal(altaiSummary(twice)!.total, 266);
      assert.match(statusBarView(twice)!.tooltip, /over 2 quality-gate trees/);
    });
  });

  describe('helpers', () => {
    it('percent: 0 and 100 only for none and all', () => {
      assert.equal(percent(0, 146), 0);
      assert.equal(percent(1, 300), 1);
      assert.equal(percent(299, 300), 99);
      assert.equal(percent(146, 146), 100);
      assert.equal(percent(0, 0), 0);
    });

    it('descriptions and views of synthetic nodes', () => {
      const leaf: CoverageItem = { id: 'x', label: 'L', kind: 'question', status: 'open', covered: 0, total: 1, children: [] };
      assert.equal(itemDescription(leaf), '0/1');
      assert.equal(itemView(leaf, []).contextValue, 'mqg4ai.coverage.question.open');
      const model = new CoverageModel();
      assert.equal(model.loaded, false);
      model.setItems([]);
      assert.equal(model.loaded, true);
      assert.deepEqual(model.roots(), []);
      assert.equal(model.find('x'), undefined);
    });
  });
});
