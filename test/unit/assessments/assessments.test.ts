import assert from 'node:assert/strict';
import { assessmentOf, assessmentsOf, findAssessment, linksAllowedInto, assessmentRelation } from '../../../server/src/workspace/assessments';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { mergeConfig } from '../../../server/src/config/projectConfig';
import { buildIndex } from '../helpers';
import { DK, V1, V2, V2A, expected, multiIndex } from './fixture';

const summary = (a: ReturnType<typeof assessmentsOf>[number]) => ({
  id: a.id,
  label: a.label,
  folder: a.relativeFolder,
  kind: a.kind,
  complete: a.complete,
  blocks: [...a.blocks],
  documents: a.documents,
  basedOn: a.basedOn ?? null,
});

describe('assessments: detection from the layout', () => {
  it('finds the design knowledge, two versions and a partial snapshot of the fixture, as EXPECTED.json says', async () => {
    const { index } = await multiIndex();
    assert.deepEqual(assessmentsOf(index).map(summary), expected().assessments);
  });

  it('a partial snapshot keeps its lifecycle stages at its root; a v1a snapshot too small to compare is based on v1 beside it', async () => {
    const { index } = await buildIndex({
      '/ws/MQG4Application/v1_Seg/1_System/AI_System.md': '# S\n',
      '/ws/MQG4Application/v1_Seg/2_Lifecycle/AI_Lifecycle.md': '# L\n',
      '/ws/MQG4Application/v1a_Net_(IntraSelection)/1_Data/QG_Prep_(Net).md': '# Prep\n',
    });
    const partial = findAssessment(index, 'v1a_Net_(IntraSelection)')!;
    assert.equal(partial.complete, false);
    assert.deepEqual(partial.blockFolders, { lifecycle: '/ws/MQG4Application/v1a_Net_(IntraSelection)' });
    assert.equal(partial.basedOn, 'v1_Seg');
    assert.equal(partial.basedOnReason, 'name');
    const main = findAssessment(index, 'v1_Seg')!;
    assert.deepEqual(main.blocks, ['system', 'lifecycle']);
    assert.equal(main.complete, false, 'two of three blocks');
  });

  it('a folder beside an assessment holding QG files is a partial assessment even without stage folders; other folders are not', async () => {
    const { index } = await buildIndex({
      '/ws/apps/v1_A/2_Lifecycle/QG_X.md': '# X\n',
      '/ws/apps/snapshot/notes/QG_Y_(Try).md': '# Y\n',
      '/ws/apps/images/readme.md': '# no gates here\n',
      '/ws/README.md': '# repo\n',
    });
    assert.deepEqual(
      assessmentsOf(index).map((a) => a.relativeFolder),
      ['apps/snapshot', 'apps/v1_A'],
    );
    assert.equal(assessmentOf(index, '/ws/README.md'), undefined);
    assert.equal(assessmentOf(index, '/ws/apps/images/readme.md'), undefined);
  });

  it('two folders of the same name get their relative paths as IDs', async () => {
    const { index } = await buildIndex({
      '/ws/a/current/2_Lifecycle/QG_X.md': '# X\n',
      '/ws/b/current/2_Lifecycle/QG_X.md': '# X\n',
    });
    assert.deepEqual(
      assessmentsOf(index).map((a) => a.id),
      ['a/current', 'b/current'],
    );
  });
});

describe('assessments: assessmentOf and lookup', () => {
  it('maps files and folders to the deepest assessment holding them', async () => {
    const { index } = await multiIndex();
    assert.equal(assessmentOf(index, `${V2}/2_Lifecycle/1_Data/QG_DataSplit_(Triage).md`)?.folder, V2);
    assert.equal(assessmentOf(index, `${V2}/2_Lifecycle/1_Data`)?.folder, V2);
    assert.equal(assessmentOf(index, V2A)?.folder, V2A);
    assert.equal(assessmentOf(index, `${DK}/1_System/AI_System.md`)?.kind, 'design-knowledge');
    assert.equal(assessmentOf(index, '/ws/README.md'), undefined);
    assert.equal(assessmentOf(index, '/ws/Applications/v3_Missing/QG_X.md'), undefined);
  });

  it('finds an assessment by ID, relative folder (with or without trailing slash), absolute folder or label', async () => {
    const { index } = await multiIndex();
    for (const key of ['v1_Triage_(Pilot)', 'Applications/v1_Triage_(Pilot)', 'Applications/v1_Triage_(Pilot)/', V1])
      assert.equal(findAssessment(index, key)?.folder, V1, key);
    assert.equal(findAssessment(index, 'nope'), undefined);
  });

  it('follows the index: a new version folder becomes an assessment, a deleted one disappears', async () => {
    const { index, fs } = await multiIndex();
    fs.write('/ws/Applications/v3_Triage_(Scale)/2_Lifecycle/1_Data/QG_DataSplit_(Triage).md', '# split\n');
    await index.fileCreated('/ws/Applications/v3_Triage_(Scale)');
    assert.equal(findAssessment(index, 'v3_Triage_(Scale)')?.complete, false);
    fs.delete(V2A);
    index.fileDeleted(V2A);
    assert.equal(findAssessment(index, 'v2a_Calibration_(IntraSelection)'), undefined);
  });
});

describe('assessments: declared or corrected in .mqg4ai.yaml', () => {
  it('overrides ID, label, kind and basedOn of a detected folder, removes an ignored one and adds a declared one', async () => {
    const { index } = await multiIndex({ '/ws/drafts/notes.md': '# notes\n' });
    index.setConfig(
      mergeConfig({
        assessments: {
          folders: [
            { folder: 'Applications/v2_Triage_(Rollout)', id: 'v2', label: 'Rollout', basedOn: null },
            { folder: 'Applications/v2a_Calibration_(IntraSelection)/', ignore: true },
            { folder: 'drafts', kind: 'application', basedOn: 'v2' },
            { folder: 'DesignKnowledge', kind: 'application' },
            { folder: 'not/there', id: 'ghost' },
          ],
        },
      }),
    );
    const byId = new Map(assessmentsOf(index).map((a) => [a.id, a]));
    assert.deepEqual([...byId.keys()].sort(), ['DesignKnowledge', 'drafts', 'v1_Triage_(Pilot)', 'v2']);
    assert.equal(byId.get('v2')!.label, 'Rollout');
    assert.equal(byId.get('v2')!.basedOn, undefined, 'basedOn: null says none');
    assert.equal(byId.get('drafts')!.basedOn, 'v2');
    assert.equal(byId.get('drafts')!.basedOnReason, 'declared');
    assert.equal(byId.get('drafts')!.source, 'declared');
    assert.equal(byId.get('DesignKnowledge')!.kind, 'application');
    assert.equal(assessmentOf(index, `${V2A}/2_Development/QG_Calibration_(Triage).md`), undefined, 'ignored: no longer an assessment');
  });

  it('detect: false keeps only the declared folders', async () => {
    const { index } = await multiIndex();
    index.setConfig(mergeConfig({ assessments: { detect: false, folders: [{ folder: 'Applications/v1_Triage_(Pilot)' }] } }));
    assert.deepEqual(
      assessmentsOf(index).map((a) => a.id),
      ['v1_Triage_(Pilot)'],
    );
    assert.equal(assessmentsOf(index)[0].complete, true, 'blocks are still read from the folder');
  });

  it('allowLinksInto: the design knowledge by default; configured IDs or folders instead; per assessment in addition', async () => {
    const { index } = await multiIndex();
    const [dk, v1, v2, v2a] = ['DesignKnowledge', 'v1_Triage_(Pilot)', 'v2_Triage_(Rollout)', 'v2a_Calibration_(IntraSelection)'].map((id) =>
      findAssessment(index, id)!,
    );
    assert.equal(linksAllowedInto(index, v2, dk), true);
    assert.equal(linksAllowedInto(index, v2, v1), false);
    assert.equal(linksAllowedInto(index, v2a, v2), true, 'a partial snapshot may link into its base');
    assert.equal(linksAllowedInto(index, v2a, v1), false);
    index.setConfig(mergeConfig({ assessments: { allowLinksInto: ['Applications/v1_Triage_(Pilot)'] } }));
    assert.equal(linksAllowedInto(index, findAssessment(index, 'v2_Triage_(Rollout)')!, findAssessment(index, 'v1_Triage_(Pilot)')!), true);
    assert.equal(
      linksAllowedInto(index, findAssessment(index, 'v2_Triage_(Rollout)')!, findAssessment(index, 'DesignKnowledge')!),
      false,
      'the list replaces the default',
    );
    index.setConfig(mergeConfig({ assessments: { folders: [{ folder: 'Applications/v2_Triage_(Rollout)', allowLinksInto: ['v1_Triage_(Pilot)'] }] } }));
    assert.equal(linksAllowedInto(index, findAssessment(index, 'v2_Triage_(Rollout)')!, findAssessment(index, 'v1_Triage_(Pilot)')!), true);
    assert.equal(linksAllowedInto(index, findAssessment(index, 'v2_Triage_(Rollout)')!, findAssessment(index, 'DesignKnowledge')!), true);
    assert.deepEqual(assessmentRelation(index, `${V1}/x.md`, `${V2}/y.md`).relation, 'other');
    assert.deepEqual(assessmentRelation(index, `${V1}/x.md`, `${V1}/y.md`).relation, 'same');
    assert.deepEqual(assessmentRelation(index, '/ws/README.md', '/ws/other.md').relation, 'same');
  });

  it('validates the assessments key of the project file', async () => {
    const { parseConfigText } = await import('../../../server/src/config/projectConfig');
    const ok = parseConfigText('assessments:\n  allowLinksInto: [design-knowledge]\n  folders:\n    - folder: a/b\n      id: v1\n      basedOn: null\n');
    assert.deepEqual(ok.problems, []);
    const bad = parseConfigText('assessments:\n  folders:\n    - id: v1\n      kind: draft\n');
    assert.ok(bad.problems.length >= 1);
    assert.equal(bad.layer.assessments, undefined);
  });
});

describe('rules: trace.cross-assessment', () => {
  const codes = async (path: string, extra: Record<string, string> = {}, config = mergeConfig()) => {
    const { index } = await multiIndex(extra);
    index.setConfig(config);
    return computeDocumentDiagnostics(index, index.getDocument(path)!).filter((d) => d.code === 'trace.cross-assessment');
  };

  it('is quiet on the fixture: links into the design knowledge and from the partial snapshot into its base are allowed', async () => {
    const { index } = await multiIndex();
    for (const doc of index.allDocuments()) {
      const found = computeDocumentDiagnostics(index, doc).filter((d) => d.code === 'trace.cross-assessment');
      assert.deepEqual(found, [], doc.path);
    }
  });

  it('warns on a link from v2 into v1, existing or not, with the target assessment named', async () => {
    const path = `${V2}/1_System/Extra.md`;
    const text =
      '# Extra\n\n[old split](../../v1_Triage_(Pilot)/2_Lifecycle/1_Data/QG_DataSplit_(Triage).md)\n[gone](../../v1_Triage_(Pilot)/2_Lifecycle/QG_Gone.md)\n[own](../2_Lifecycle/AI_Lifecycle.md)\n';
    const found = await codes(path, { [path]: text });
    assert.deepEqual(
      found.map((d) => [d.severity, d.target]),
      [
        ['warning', '../../v1_Triage_(Pilot)/2_Lifecycle/1_Data/QG_DataSplit_(Triage).md'],
        ['warning', '../../v1_Triage_(Pilot)/2_Lifecycle/QG_Gone.md'],
      ],
    );
    assert.match(found[0].message, /another assessment, "v1_Triage_\(Pilot\)"/);
  });

  it('is configurable: off, another severity, or allowed into that assessment', async () => {
    const path = `${V2}/1_System/Extra.md`;
    const files = { [path]: '# Extra\n\n[old](../../v1_Triage_(Pilot)/1_System/AI_System.md)\n' };
    assert.deepEqual(await codes(path, files, mergeConfig({ rules: { 'trace.cross-assessment': 'off' } })), []);
    assert.equal((await codes(path, files, mergeConfig({ rules: { 'trace.cross-assessment': 'error' } })))[0].severity, 'error');
    assert.deepEqual(await codes(path, files, mergeConfig({ assessments: { allowLinksInto: ['design-knowledge', 'v1_Triage_(Pilot)'] } })), []);
  });

  it('does not apply to the design knowledge or to documents outside every assessment', async () => {
    const dkPath = `${DK}/1_System/Extra.md`;
    const rootPath = '/ws/Overview.md';
    const link = '[v1](Applications/v1_Triage_(Pilot)/1_System/AI_System.md)';
    assert.deepEqual(await codes(dkPath, { [dkPath]: `# x\n\n[v1](../../Applications/v1_Triage_(Pilot)/1_System/AI_System.md)\n` }), []);
    assert.deepEqual(await codes(rootPath, { [rootPath]: `# x\n\n${link}\n` }), []);
  });
});

describe('render: the list of assessments', () => {
  it('gives id, label, folder relative to the listed root, kind, complete, documents and basedOn', async () => {
    const { assessmentListData, renderAssessmentList } = await import('../../../server/src/render/assessmentList');
    const { index } = await multiIndex();
    const data = assessmentListData(assessmentsOf(index), '/ws');
    assert.deepEqual(
      data.assessments.map(({ blocks, ...rest }) => ({ ...rest, blocks: [...blocks] })),
      expected().assessments,
    );
    assert.deepEqual(JSON.parse(renderAssessmentList(data, 'json')), JSON.parse(JSON.stringify(data)));
    const under = assessmentListData(assessmentsOf(index), '/ws/Applications');
    assert.deepEqual(
      under.assessments.map((a) => a.folder),
      ['v1_Triage_(Pilot)', 'v2_Triage_(Rollout)', 'v2a_Calibration_(IntraSelection)'],
    );
    const inside = assessmentListData(assessmentsOf(index), `${V1}/2_Lifecycle`);
    assert.deepEqual(
      inside.assessments.map((a) => [a.id, a.folder]),
      [['v1_Triage_(Pilot)', '..']],
    );
    const text = renderAssessmentList(data, 'text');
    assert.match(
      text,
      /^v2a_Calibration_\(IntraSelection\) {2}Applications\/v2a_Calibration_\(IntraSelection\) {2}\(application, partial: lifecycle, 2 document\(s\), based on v2_Triage_\(Rollout\)\)$/m,
    );
    assert.match(text, /^DesignKnowledge {2}DesignKnowledge {2}\(design knowledge, complete, 7 document\(s\)\)$/m);
  });

  it('shows control characters of folder names escaped in the text format', async () => {
    const { assessmentListData, renderAssessmentList } = await import('../../../server/src/render/assessmentList');
    const { index } = await buildIndex({ '/ws/v1_\u001b[31mred/2_Lifecycle/QG_A.md': '# A\n' });
    const text = renderAssessmentList(assessmentListData(assessmentsOf(index), '/ws'), 'text');
    assert.ok(!text.includes('\u001b'));
    assert.match(text, /^v1_\\u001b\[31mred /);
  });
});
