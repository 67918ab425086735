import assert from 'node:assert/strict';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import { balance, fixColons, fixFrontMatter } from '../../../server/src/features/refactor/frontMatterFix';
import { rankAnchorCandidates, rankFileCandidates } from '../../../server/src/features/refactor/linkCandidates';
import { newDocumentText } from '../../../server/src/features/refactor/newDocument';
import { fixAllChange, quickFixesFor } from '../../../server/src/features/refactor/quickFixes';
import { missingSections, templateBlocks } from '../../../server/src/features/refactor/templateInsert';
import { leafQgTemplate, riskTemplate } from '../../../server/src/domain/templates/documentTemplates';
import { LEAF_QG_TEMPLATE } from '../../../server/src/domain/templates/templateTexts';
import { DEFAULT_CONFIG } from '../../../server/src/config/projectConfig';
import { applyChange, indexOf } from './helpers';

const lines = (text: string) => text.split(/\r\n|\r|\n/);

describe('refactor: quick fixes', () => {
  describe('broken links: closest existing targets', () => {
    const files = {
      '/ws/tree/2_Lifecycle/2_Dev/QG_Calibration_(Binary).md':
        '# QG Calibration\n\n[thr](./QG_OperatingTreshold_(Binary).md) [eval](../QG_Evalution.md) [title](./Threshold.md)\n',
      '/ws/tree/2_Lifecycle/2_Dev/QG_OperatingThreshold_(Binary).md': '# QG Operating Threshold\n\n## Choice\n',
      '/ws/tree/2_Lifecycle/QG_Evaluation_(Lifecycle).md': '# QG Evaluation\n',
      '/ws/tree/2_Lifecycle/QG_Data_(Lifecycle).md': '# QG Data\n',
      '/ws/README.md': '# Readme\n',
      '/ws/index.md': '[readme](readme.md) [sec](tree/2_Lifecycle/2_Dev/QG_OperatingThreshold_(Binary).md#choise)\n',
    };

    it('ranks a near spelling first, and finds documents by title', async () => {
      const index = await indexOf(files);
      const from = index.getDocument('/ws/tree/2_Lifecycle/2_Dev/QG_Calibration_(Binary).md')!;
      const typo = rankFileCandidates(index, from, '/ws/tree/2_Lifecycle/2_Dev/QG_OperatingTreshold_(Binary).md', 'thr', undefined);
      assert.equal(typo[0].path, '/ws/tree/2_Lifecycle/2_Dev/QG_OperatingThreshold_(Binary).md');
      const byTitle = rankFileCandidates(index, from, '/ws/tree/2_Lifecycle/2_Dev/Threshold.md', 'Operating threshold', undefined);
      assert.equal(byTitle[0].path, '/ws/tree/2_Lifecycle/2_Dev/QG_OperatingThreshold_(Binary).md');
      assert.equal(byTitle[0].reason, 'title');
      const sameName = rankFileCandidates(index, index.getDocument('/ws/index.md')!, '/ws/readme.md', 'readme', undefined);
      assert.equal(sameName[0].path, '/ws/README.md');
      assert.equal(sameName[0].reason, 'same name');
    });

    it('ranks anchors: near spellings and renumbered sections', async () => {
      const doc = parseDocument('/ws/x.md', '# X\n\n## 2. Scope\n\n## Choice\n\n## Other\n');
      assert.equal(rankAnchorCandidates(doc, 'choise')[0].slug, 'choice');
      assert.equal(rankAnchorCandidates(doc, '7-scope')[0].slug, '2-scope');
    });

    it('offers several replacements, the best preferred, and keeps the link style', async () => {
      const index = await indexOf(files);
      const path = '/ws/tree/2_Lifecycle/2_Dev/QG_Calibration_(Binary).md';
      const fixes = quickFixesFor(index, index.getDocument(path)!, lines(files[path]), { canCreateFiles: false });
      const forTypo = fixes.filter((f) => f.diagnostic.target === './QG_OperatingTreshold_(Binary).md');
      assert.ok(forTypo.length >= 1);
      assert.equal(forTypo[0].isPreferred, true);
      assert.equal(forTypo[0].title, 'Change the link to QG_OperatingThreshold_(Binary).md');
      const after = applyChange(files, forTypo[0].change);
      assert.match(after[path], /\[thr\]\(\.\/QG_OperatingThreshold_\(Binary\)\.md\)/);
      const forEval = fixes.filter((f) => f.diagnostic.target === '../QG_Evalution.md');
      assert.match(forEval[0].title, /^Change the link to \.\.\/QG_Evaluation_\(Lifecycle\)\.md/);
    });

    it('offers to create a missing Markdown file from the templates when the client can', async () => {
      const index = await indexOf(files);
      const path = '/ws/tree/2_Lifecycle/2_Dev/QG_Calibration_(Binary).md';
      const fixes = quickFixesFor(index, index.getDocument(path)!, lines(files[path]), { canCreateFiles: true });
      const create = fixes.filter((f) => f.createsFile && f.diagnostic.target === './Threshold.md');
      assert.deepEqual(
        create.map((f) => f.title),
        ['Create Threshold.md from the Leaf-QG template', 'Create Threshold.md from the Risk template'],
      );
      assert.deepEqual(create[0].change.fileOperations(), [{ kind: 'create', path: '/ws/tree/2_Lifecycle/2_Dev/Threshold.md' }]);
      assert.ok(!quickFixesFor(index, index.getDocument(path)!, lines(files[path]), { canCreateFiles: false }).some((f) => f.createsFile));
    });

    it('fixes an anchor and collects safe fixes for "fix all"', async () => {
      const index = await indexOf(files);
      const fixes = quickFixesFor(index, index.getDocument('/ws/index.md')!, lines(files['/ws/index.md']), { canCreateFiles: true });
      assert.ok(!fixes.some((f) => f.createsFile && f.diagnostic.target === 'readme.md'), 'no readme.md beside README.md');
      const { change, count } = fixAllChange(fixes);
      assert.equal(count, 2);
      const after = applyChange(files, change);
      assert.equal(after['/ws/index.md'], '[readme](README.md) [sec](tree/2_Lifecycle/2_Dev/QG_OperatingThreshold_(Binary).md#choice)\n');
    });
  });

  describe('new documents from the templates', () => {
    it('fills the Leaf-QG front matter and title from the file name', () => {
      const text = newDocumentText('leaf-qg', '/ws/t/2_Lifecycle/QG_Calibration_(Binary).md');
      assert.match(text, /\{Name: QG_Calibration\}/);
      assert.match(text, /^## QG Calibration \(Binary\)$/m);
      const doc = parseDocument('/ws/t/2_Lifecycle/QG_Calibration_(Binary).md', text);
      assert.equal(doc.kind, 'leaf-qg');
      assert.deepEqual(doc.frontMatter?.problems, []);
    });

    it('fills a risk from its place under 3_RiskManagement', () => {
      const text = newDocumentText('risk', '/ws/t/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Accuracy/LabelNoise.md');
      assert.match(text, /\{Name: LabelNoise\}, \{Intent: TechnicalRobustnessSafety_Risk\}, \{Applicability: Accuracy\}/);
      assert.equal(parseDocument('/ws/x.md', text).kind, 'risk');
    });
  });

  describe('missing template sections', () => {
    it('cuts the template into one block per section, aligned with the template sections', () => {
      for (const template of [leafQgTemplate, riskTemplate]) {
        const blocks = templateBlocks(template);
        assert.equal(blocks.length, template.sections.length);
        template.sections.forEach((s, i) => assert.ok(blocks[i].includes(s.heading), `${s.heading} in its block`));
      }
    });

    it('inserts each missing section with its prompt in template order, and the fixed document lacks none', async () => {
      // The template with "Output Information" (and its children) and "Dimension 2: Method" removed.
      const full = LEAF_QG_TEMPLATE.replace('{Name: }', '{Name: QG_X}').replace('## QG Name (View)', '## QG X');
      const start = full.indexOf('#### Output Information');
      const end = full.indexOf('<br>', start);
      let text = full.slice(0, start) + full.slice(end);
      const m0 = text.indexOf('#### Dimension 2: Method');
      text = text.slice(0, m0) + text.slice(text.indexOf('#### Dimension 3', m0));
      const path = '/ws/t/2_Lifecycle/QG_X.md';
      const index = await indexOf({ [path]: text });
      const doc = index.getDocument(path)!;
      const missing = missingSections(doc, lines(text), DEFAULT_CONFIG);
      assert.deepEqual(
        missing.map((m) => m.path),
        ['1. Interdependency Graph › Output Information', '2. Quality Gate Creation (Design-Decision-Specific Dimensions) › Dimension 2: Method'],
      );
      const fixes = quickFixesFor(index, doc, lines(text), { canCreateFiles: false });
      const sectionFixes = fixes.filter((f) => f.diagnostic.code === 'qg.missing-section');
      assert.equal(sectionFixes.length, 2);
      const { change } = fixAllChange(fixes, 'qg.missing-section');
      const fixed = applyChange({ [path]: text }, change)[path];
      const after = await indexOf({ [path]: fixed });
      assert.deepEqual(missingSections(after.getDocument(path)!, lines(fixed), DEFAULT_CONFIG), []);
      // Order as in the template.
      const order = [
        '#### Input Information',
        '#### Output Information',
        '- ##### Post-Market',
        '### 2. Quality',
        '#### Dimension 1',
        '#### Dimension 2',
        '#### Dimension 3',
      ];
      const at = order.map((h) => fixed.indexOf(h));
      assert.ok(
        at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1])),
        `template order: ${at.join(', ')}`,
      );
      assert.match(fixed, /#### Dimension 2: Method\n> By which procedure/);
    });
  });

  describe('front matter that does not parse', () => {
    it('balances braces and brackets', () => {
      assert.deepEqual(balance(['tags: [{Name: X}, {Intent: Y]']), ['tags: [{Name: X}, {Intent: Y}]']);
      assert.deepEqual(balance(['tags: [{Name: X}, {Intent: Y}']), ['tags: [{Name: X}, {Intent: Y}]']);
      assert.deepEqual(balance(['tags: [{Name: X, {Intent: Y}]']), ['tags: [{Name: X}, {Intent: Y}]']);
      assert.deepEqual(balance(['tags: [{Name: X}}, {Intent: Y}]']), ['tags: [{Name: X}, {Intent: Y}]']);
      assert.deepEqual(balance(['title: "a {b"', 'tags: [{Name: X}]']), ['title: "a {b"', 'tags: [{Name: X}]']);
    });

    it('adds the missing space after a key colon, never inside URLs', () => {
      assert.equal(fixColons('tags: [{Name:X}, {Usage Example:a}]'), 'tags: [{Name: X}, {Usage Example: a}]');
      assert.equal(fixColons('Name:X'), 'Name: X');
      assert.equal(fixColons('{Link: https://example.org}'), '{Link: https://example.org}');
    });

    it('returns line edits only when the fixed block parses', () => {
      const text = '---\ntitle: Broken\ntags: [{Name:X}, {Intent: Y]\n---\n# T\n';
      const doc = parseDocument('/ws/a.md', text);
      const fixed = fixFrontMatter(lines(text), doc.frontMatter!);
      assert.ok(fixed);
      assert.deepEqual(fixed.edits, [
        { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 28 } }, newText: 'tags: [{Name: X}, {Intent: Y}]' },
      ]);
      const hopeless = '---\ntags: : : [\n  - ]] x: "\n---\n';
      assert.equal(fixFrontMatter(lines(hopeless), parseDocument('/ws/b.md', hopeless).frontMatter!), undefined);
    });
  });
});
