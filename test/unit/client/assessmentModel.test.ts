// The active assessment, the picker, the status bar and "Compare with..." ordering (no `vscode`),
// on the multi-assessment fixture's assessment list (EXPECTED.json, the server's wire shape), and
// the coverage view's shaping of one tree per assessment.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assessmentFolder,
  assessmentOfPath,
  assessmentPickItems,
  assessmentStatusView,
  comparisonOrder,
  findAssessment,
  orderAssessments,
  resolveActiveAssessment,
  type AssessmentInfo,
  type AssessmentsResult,
} from '../../../client/src/assessments/assessmentModel';
import { assessmentStatusBarView, CoverageModel, type CoverageItem } from '../../../client/src/coverage/coverageModel';
import { contributedSettings, type SettingsSection } from '../../helpers/packageSettings';

const FIXTURE = join(__dirname, '../../../test-fixtures/multi-assessment');
const LIST: AssessmentsResult = {
  version: 1,
  root: '/repo',
  assessments: (JSON.parse(readFileSync(join(FIXTURE, 'EXPECTED.json'), 'utf8')) as { assessments: AssessmentInfo[] }).assessments,
};
const V1 = 'v1_Triage_(Pilot)';
const V2 = 'v2_Triage_(Rollout)';
const V2A = 'v2a_Calibration_(IntraSelection)';
const byId = (id: string) => LIST.assessments.find((a) => a.id === id)!;
const V2_DOC = `/repo/Applications/${V2}/2_Lifecycle/1_Data/QG_DataSplit_(Triage).md`;

describe('client: assessment model', () => {
  it('finds the assessment of a path: the deepest assessment folder, not a name prefix', () => {
    assert.equal(assessmentFolder('/repo', byId(V2)), `/repo/Applications/${V2}`);
    assert.equal(assessmentFolder('/repo/sub', { ...byId(V2), folder: '../other' }), '/repo/other');
    assert.equal(assessmentOfPath(LIST, V2_DOC)?.id, V2);
    assert.equal(assessmentOfPath(LIST, `/repo/Applications/${V2}x/a.md`), undefined);
    assert.equal(assessmentOfPath(LIST, '/repo/README.md'), undefined);
    const nested: AssessmentsResult = { ...LIST, assessments: [{ ...byId(V1), id: 'outer', folder: '.' }, byId(V2)] };
    assert.equal(assessmentOfPath(nested, V2_DOC)?.id, V2);
    assert.equal(assessmentOfPath(nested, '/repo/README.md')?.id, 'outer');
  });

  it('finds an assessment by ID, folder or label', () => {
    assert.equal(findAssessment(LIST.assessments, V2)?.id, V2);
    assert.equal(findAssessment(LIST.assessments, `./Applications/${V1}/`)?.id, V1);
    assert.equal(findAssessment(LIST.assessments, 'v9'), undefined);
  });

  it('resolves the setting: an ID, auto (the editor, else the one followed last), or none chosen', () => {
    assert.equal(resolveActiveAssessment(V1, LIST, V2_DOC, undefined)?.id, V1);
    assert.equal(resolveActiveAssessment('Applications/v1_Triage_(Pilot)', LIST, undefined, undefined)?.id, V1);
    assert.equal(resolveActiveAssessment('v9', LIST, V2_DOC, undefined), undefined);
    assert.equal(resolveActiveAssessment('auto', LIST, V2_DOC, V1)?.id, V2);
    assert.equal(resolveActiveAssessment('auto', LIST, '/repo/README.md', V1)?.id, V1, 'a file in no assessment keeps the last one');
    assert.equal(resolveActiveAssessment('auto', LIST, undefined, undefined), undefined);
    // None chosen: several applications, so none; the only application when there is one.
    assert.equal(resolveActiveAssessment('', LIST, V2_DOC, undefined), undefined);
    const single: AssessmentsResult = { ...LIST, assessments: [byId(V1), byId('DesignKnowledge')] };
    assert.equal(resolveActiveAssessment('', single, undefined, undefined)?.id, V1);
    assert.equal(resolveActiveAssessment(V1, undefined, undefined, undefined), undefined);
  });

  it('orders the assessments: the active one first, then applications, then the design knowledge', () => {
    const dkFirst = [byId('DesignKnowledge'), byId(V1), byId(V2), byId(V2A)];
    assert.deepEqual(
      orderAssessments(dkFirst, V2).map((a) => a.id),
      [V2, V1, V2A, 'DesignKnowledge'],
    );
    assert.deepEqual(
      orderAssessments(dkFirst, undefined).map((a) => a.id),
      [V1, V2, V2A, 'DesignKnowledge'],
    );
    assert.deepEqual(
      orderAssessments(dkFirst, 'DesignKnowledge').map((a) => a.id),
      ['DesignKnowledge', V1, V2, V2A],
    );
  });

  it('offers every assessment, "Follow the active editor" and "No active assessment" in the picker', () => {
    const items = assessmentPickItems(LIST.assessments, V2, V2);
    assert.deepEqual(
      items.map((i) => i.value),
      [V1, V2, V2A, 'DesignKnowledge', 'auto', ''],
    );
    assert.equal(items.find((i) => i.value === V2)?.label, `$(check) ${V2}`);
    assert.deepEqual(
      items.filter((i) => i.picked).map((i) => i.value),
      [V2],
    );
    assert.match(items.find((i) => i.value === 'auto')!.label, /Follow the active editor/);
    assert.match(items.find((i) => i.value === V2A)!.detail!, /partial application \(lifecycle\), 2 document\(s\), based on v2_Triage_\(Rollout\)/);
    assert.ok(assessmentPickItems(LIST.assessments, 'auto', V2).find((i) => i.value === 'auto')!.picked);
  });

  it('shows the active assessment in the status bar only when there is a choice', () => {
    assert.equal(assessmentStatusView([byId(V1)], byId(V1), ''), undefined);
    assert.equal(assessmentStatusView(LIST.assessments, byId(V2), V2)?.text, `$(layers) ${V2}`);
    assert.match(assessmentStatusView(LIST.assessments, byId(V2), V2)!.tooltip, /Active assessment: v2\\_Triage\\_\\\(Rollout\\\)/);
    assert.equal(assessmentStatusView(LIST.assessments, byId(V2), 'auto')?.text, `$(layers-active) ${V2}`);
    assert.match(assessmentStatusView(LIST.assessments, byId(V2), 'auto')!.tooltip, /following the active editor/);
    assert.equal(assessmentStatusView(LIST.assessments, undefined, '')?.text, '$(layers) No assessment');
  });

  it('compares a version from what it is based on, however far back; unrelated ones from the one picked', () => {
    const pair = (subject: string, other: string) => {
      const { from, to } = comparisonOrder(LIST.assessments, byId(subject), byId(other));
      return [from.id, to.id];
    };
    assert.deepEqual(pair(V2, V1), [V1, V2]);
    assert.deepEqual(pair(V1, V2), [V1, V2]);
    assert.deepEqual(pair(V2A, V1), [V1, V2A], 'v2a is based on v2, which is based on v1');
    assert.deepEqual(pair('DesignKnowledge', V2), ['DesignKnowledge', V2]);
    const unrelated = [
      { ...byId(V1), basedOn: null },
      { ...byId(V2), basedOn: null },
    ];
    assert.deepEqual([comparisonOrder(unrelated, unrelated[0], unrelated[1]).from.id, comparisonOrder(unrelated, unrelated[0], unrelated[1]).to.id], [V2, V1]);
  });
});

describe('client: coverage view with one tree per assessment', () => {
  const altai = (id: string, covered: number, total: number): CoverageItem => ({
    id: `${id}#altai`,
    label: 'Trustworthy AI (ALTAI)',
    kind: 'group',
    status: 'partial',
    covered,
    total,
    children: [],
  });
  const tree = (id: string, covered: number, total: number): CoverageItem => ({
    id: `tree:/repo/${id}`,
    label: id,
    kind: 'tree',
    status: 'partial',
    covered,
    total: total + 10,
    children: [altai(`tree:/repo/${id}`, covered, total)],
  });
  const items = [tree(V2, 5, 50), tree(V1, 3, 50), tree('DesignKnowledge', 0, 0)];

  it('expands the active assessment, collapses the others and marks them for "Compare with..."', () => {
    const model = new CoverageModel();
    model.setItems(items, { ids: [V2, V1, 'DesignKnowledge'], active: V2 });
    assert.ok(model.byAssessment);
    assert.equal(model.activeRoot()?.label, V2);
    assert.deepEqual(
      model.roots().map((r) => [model.view(r).collapsible, model.view(r).contextValue, model.assessmentOf(r)]),
      [
        ['expanded', 'mqg4ai.coverage.tree.partial.assessment', V2],
        ['collapsed', 'mqg4ai.coverage.tree.partial.assessment', V1],
        ['collapsed', 'mqg4ai.coverage.tree.partial.assessment', 'DesignKnowledge'],
      ],
    );
    // Below the top nodes nothing changes.
    assert.equal(model.view(items[0].children[0]).contextValue, 'mqg4ai.coverage.group.partial');
    // No active assessment: every assessment collapsed.
    model.setItems(items, { ids: [V2, V1, 'DesignKnowledge'] });
    assert.equal(model.activeRoot(), undefined);
    assert.deepEqual(
      model.roots().map((r) => model.view(r).collapsible),
      ['collapsed', 'collapsed', 'collapsed'],
    );
    // Without assessments: the trees as before (expanded, no assessment menu).
    model.setItems(items);
    assert.ok(!model.byAssessment);
    assert.deepEqual(
      model.roots().map((r) => model.view(r).contextValue),
      ['mqg4ai.coverage.tree.partial', 'mqg4ai.coverage.tree.partial', 'mqg4ai.coverage.tree.partial'],
    );
    assert.equal(model.view(items[0]).collapsible, 'expanded');
  });

  it('the status bar shows one assessment’s ALTAI coverage, never a sum', () => {
    const shown = assessmentStatusBarView(items[1], V1)!;
    assert.equal(shown.text, '$(checklist) ALTAI 3/50');
    assert.match(shown.tooltip, /ALTAI coverage of v1\\_Triage\\_\\\(Pilot\\\)\*\*\n\n3 of 50 questions addressed \(6%\)/);
    assert.doesNotMatch(shown.tooltip, /trees/);
    assert.equal(assessmentStatusBarView({ ...items[0], children: [] }, V2), undefined);
  });
});

describe('client: assessment contributions', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: {
      commands: Array<{ command: string; title: string }>;
      menus: Record<string, Array<{ command: string; when?: string }>>;
      configuration: SettingsSection[];
    };
  };

  it('offers Compare with... and Set as Active Assessment on assessment nodes only', () => {
    const model = new CoverageModel();
    const node: CoverageItem = { id: 'tree:/repo/v1', label: V1, kind: 'tree', status: 'open', covered: 0, total: 1, children: [] };
    model.setItems([node], { ids: [V1] });
    const onAssessment = model.view(node).contextValue;
    model.setItems([node]);
    const onTree = model.view(node).contextValue;
    const menus = pkg.contributes.menus['view/item/context'];
    for (const command of ['mqg4ai.compareAssessments', 'mqg4ai.setActiveAssessment']) {
      const when = menus.find((m) => m.command === command)?.when ?? '';
      const pattern = /viewItem =~ \/(.+)\/$/.exec(when)?.[1];
      assert.ok(pattern, `${command} has a viewItem pattern`);
      assert.match(onAssessment, new RegExp(pattern));
      assert.doesNotMatch(onTree, new RegExp(pattern));
    }
    const titles = pkg.contributes.commands.map((c) => c.title);
    assert.ok(titles.includes('Select Active Assessment') && titles.includes('Compare with...'));
    assert.deepEqual(contributedSettings(pkg)['mqg4ai.problems.scope'].enum, ['workspace', 'activeAssessment']);
  });
});
