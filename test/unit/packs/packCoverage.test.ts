// Pack groups in the coverage tree and report, citations of ALTAI questions, the safety and
// security perspective of risks: over an in-memory workspace.
import assert from 'node:assert/strict';
import { altaiCatalogue } from '../../../server/src/domain/altai/catalogue';
import { mergeConfig } from '../../../server/src/config/projectConfig';
import { CoverageBuilder } from '../../../server/src/analysis/coverage/buildCoverage';
import { renderCoverageReport } from '../../../server/src/render/coverageReport';
import { coverageReportData } from '../../../server/src/analysis/coverage/reportData';
import type { CoverageNode } from '../../../server/src/analysis/coverage/types';
import { computeCompletions } from '../../../server/src/features/completion/completions';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { quickFixesFor } from '../../../server/src/features/refactor/quickFixes';
import { riskRequirement } from '../../../server/src/domain/risks/perspective';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { altaiSummary, itemDescription, itemTooltip } from '../../../client/src/coverage/coverageModel';
import { buildIndex, positionOf } from '../helpers';

const risk = (name: string, intent: string, perspective?: string) =>
  `---\ntags: [{Name: ${name}}, {Intent: ${intent}}${perspective !== undefined ? `, {Perspective: ${perspective}}` : ''}]\n---\n## ${name}\n\n#### Risk analysis\nx\n\n#### Risk evaluation\nx\n\n#### Risk control\nx\n`;

const FILES: Record<string, string> = {
  // [AMLAS-1.2] is the former ID of [AMLAS-B]: it still counts.
  '/ws/1_System/AI_System.md': '# System\n\nThe operating context is described here. [AMLAS-1.2] [TRS.accuracy.3]\n',
  '/ws/2_Lifecycle/1_Data/QG_Data_(Data).md':
    '---\ntags: [{Name: QG_Data}, {Intent: Data}]\n---\n# QG Data\n\n- [AMLAS-L](../../1_System/AI_System.md)\n- [AMLAS-M](./missing.md)\n',
  '/ws/templates/Template_LeafQG.md': '# Template\n\nCite like this: [AMLAS-EE]\n',
  // AI Act: Article 9 cited alone, two of its paragraphs/points, Article 10 marked as covered as a whole.
  '/ws/2_Lifecycle/QG_Risk_(Risk).md':
    '# QG Risk\n\nOur process. [AIACT.art9] [AIACT.art9.1] [AIACT.art9.2.a]\n\nData governance as a whole: [AIACT.art10.all]\n',
  '/ws/1_System/Compliance.md': '# Compliance\n\nOnly the article: [AIACT.art14]\n',
  '/ws/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Robustness/Glare.md': risk('Glare', 'TechnicalRobustnessSafety_Risk', 'Safety'),
  '/ws/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Robustness/Patch.md': risk('Patch', 'TechnicalRobustnessSafety_Risk', 'Security'),
  '/ws/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Robustness/Spoof.md': risk('Spoof', 'TechnicalRobustnessSafety_Risk', 'Privacy'),
  '/ws/3_RiskManagement/AI_Risks/3_PrivacyDataGovernance/Leak.md': risk('Leak', 'Data_Risk'),
};

const find = (node: CoverageNode, predicate: (n: CoverageNode) => boolean): CoverageNode | undefined =>
  predicate(node) ? node : node.children.map((c) => find(c, predicate)).find(Boolean);

async function tree(packs: string[], options: ConstructorParameters<typeof CoverageBuilder>[2] = {}) {
  const { index } = await buildIndex(FILES);
  index.setConfig(mergeConfig({ packs }));
  const builder = new CoverageBuilder(index, altaiCatalogue(), options);
  return { index, builder, tree: builder.build(undefined, neverCancelled)[0] };
}

describe('packs: coverage groups', () => {
  it('has one group per enabled pack, in the configured order, before Lifecycle, Risk management and System', async () => {
    const { tree: t } = await tree(['amlas', 'altai', 'ai-act']);
    assert.deepEqual(
      t.children.map((g) => g.label),
      ['AMLAS', 'Trustworthy AI (ALTAI)', 'AI Act', 'Lifecycle', 'Risk management', 'System'],
    );
    const { tree: none } = await tree([]);
    assert.deepEqual(
      none.children.map((g) => g.label),
      ['Lifecycle', 'Risk management', 'System'],
      'no pack enabled: no pack group',
    );
  });

  it('covers an item cited anywhere in the tree or linked to existing evidence; templates and broken links do not count', async () => {
    const { tree: t } = await tree(['altai', 'amlas']);
    const item = (id: string) => find(t, (n) => n.kind === 'pack-item' && n.description === id)!;
    assert.equal(item('AMLAS-B').status, 'covered', 'cited by its former ID AMLAS-1.2');
    assert.equal(item('AMLAS-B').path, '/ws/1_System/AI_System.md');
    assert.equal(item('AMLAS-L').status, 'covered');
    assert.match(item('AMLAS-L').detail!, /Evidence linked from 2_Lifecycle\/1_Data\/QG_Data_\(Data\)\.md:6 to 1_System\/AI_System\.md/);
    assert.equal(item('AMLAS-M').status, 'open');
    assert.equal(item('AMLAS-EE').status, 'open', 'a template shows the form, it is no evidence');
    assert.match(item('AMLAS-H').detail!, /Not cited yet: write \[AMLAS-H\]/);
  });

  it('AI Act: rolls paragraphs and points up to their article; an article cited alone covers nothing', async () => {
    const { tree: t } = await tree(['ai-act']);
    const node = (id: string) => find(t, (n) => n.description === id && (n.kind === 'pack-item' || n.kind === 'pack-section'))!;
    assert.equal(node('AIACT.art9.1').status, 'covered');
    assert.equal(node('AIACT.art9.2.a').status, 'covered');
    assert.deepEqual([node('AIACT.art9.2').covered, node('AIACT.art9.2').total], [1, 4], 'paragraph 9(2) counts its points (a)-(d)');
    assert.deepEqual([node('AIACT.art9').covered, node('AIACT.art9').total], [2, 15], 'Article 9 counts its paragraphs and points');
    assert.equal(node('AIACT.art9').kind, 'pack-section');
    assert.match(node('AIACT.art9').detail!, /Cited as a whole in 2_Lifecycle\/QG_Risk_\(Risk\)\.md:3; each item below needs its own citation/);
    assert.deepEqual([node('AIACT.art14').covered, node('AIACT.art14').status], [0, 'open'], '[AIACT.art14] alone covers none of its paragraphs');
    assert.equal(node('AIACT.art14.4.e').status, 'open');
  });

  it('AI Act: [ID.all] marks every paragraph and point below the article as covered by the citing document', async () => {
    const { tree: t } = await tree(['ai-act']);
    const node = (id: string) => find(t, (n) => n.description === id && (n.kind === 'pack-item' || n.kind === 'pack-section'))!;
    assert.deepEqual([node('AIACT.art10').covered, node('AIACT.art10').total, node('AIACT.art10').status], [18, 18, 'covered']);
    assert.equal(node('AIACT.art10.5.f').path, '/ws/2_Lifecycle/QG_Risk_(Risk).md');
    assert.match(node('AIACT.art10.2.h').detail!, /Cited in 2_Lifecycle\/QG_Risk_\(Risk\)\.md:5/);
    const { index } = await tree(['ai-act']);
    assert.equal(index.packs.wholeItem('AIACT.art10.all')?.item.id, 'AIACT.art10');
    assert.equal(index.packs.wholeItem('AIACT.art16.all'), undefined, 'a leaf has nothing below it');
    assert.equal(index.packs.wholeItem('TRS.accuracy.all'), undefined, 'never for ALTAI: its questions are answered one by one');
  });

  it('covers an ALTAI question cited outside its requirement document', async () => {
    const { tree: t } = await tree(['altai']);
    const question = find(t, (n) => n.kind === 'question' && n.description === 'TRS.accuracy.3')!;
    assert.equal(question.status, 'covered');
    assert.match(question.detail!, /Cited in 1_System\/AI_System\.md:3/);
  });

  it('shows only the packs the options name (the CLI’s --pack), enabled or not', async () => {
    const { tree: t } = await tree(['altai'], { packs: ['secure-ai-dev'] });
    assert.deepEqual(
      t.children.map((g) => g.label),
      ['Secure AI development', 'Lifecycle', 'Risk management', 'System'],
    );
    assert.deepEqual(
      t.children[0].children.map((s) => s.children.length),
      [4, 4, 5, 4],
    );
  });

  it('the view shows perspective nodes by their counts, and no ALTAI status without the ALTAI group', async () => {
    const { tree: t } = await tree(['amlas']);
    const item = (n: CoverageNode): Parameters<typeof itemDescription>[0] => ({ ...n, create: undefined, children: n.children.map(item) });
    const row = find(t, (n) => n.kind === 'perspective' && n.label === 'Technical Robustness and Safety')!;
    assert.equal(itemDescription(item(row)), 'Safety 1 · Security 1 · Both 0 · undeclared 1');
    assert.match(itemTooltip(item(row)), /One-sided or partly undeclared/);
    assert.equal(altaiSummary([item(t)]), undefined);
  });

  it('reports pack stages as table rows, every open item as its own gap, and the perspectives table', async () => {
    const { tree: t } = await tree(['amlas']);
    const input = { root: '/ws', trees: [t], diagnostics: [], generatedAt: new Date(0) };
    const data = coverageReportData(input);
    const amlas = data.trees[0].groups[0];
    assert.equal(amlas.key, 'amlas');
    assert.deepEqual(
      amlas.rows.map((r) => r.description),
      ['AMLAS-1', 'AMLAS-2', 'AMLAS-3', 'AMLAS-4', 'AMLAS-5', 'AMLAS-6'],
    );
    assert.equal(data.summary.groups.amlas.covered, 2);
    // 17 activities and 34 artefacts [A]-[HH]; [B] and [L] are covered.
    assert.equal(data.gaps.filter((g) => g.group === 'AMLAS').length, 49, 'one gap per open item, also in stages nothing cites');
    assert.deepEqual(data.trees[0].perspectives, [
      { requirement: 'Technical Robustness and Safety', safety: 1, security: 1, both: 0, undeclared: 1, status: 'partial' },
      { requirement: 'Privacy and Data Governance', safety: 0, security: 0, both: 0, undeclared: 1, status: 'open' },
    ]);
    const md = renderCoverageReport(input, 'md');
    assert.match(md, /^### Safety and security perspectives of risks\n\n\| Requirement \| Safety \| Security \| Both \| Undeclared \| Status \|$/m);
    assert.match(md, /^\| Technical Robustness and Safety \| 1 \| 1 \| 0 \| 1 \| one-sided or undeclared \|$/m);
    assert.match(renderCoverageReport(input, 'html'), /<h3>Safety and security perspectives of risks<\/h3>/);
  });
});

describe('packs: former IDs', () => {
  it('hints at a citation by a former ID, with a safe quick fix to the current ID; a template is not reported', async () => {
    const { index } = await buildIndex(FILES);
    const path = '/ws/1_System/AI_System.md';
    const hints = computeDocumentDiagnostics(index, index.getDocument(path)!, neverCancelled).filter((d) => d.code === 'pack.former-id');
    assert.equal(hints.length, 1);
    assert.equal(hints[0].severity, 'hint');
    assert.equal(hints[0].message, 'AMLAS-1.2 is the former ID of AMLAS-B ([B] Description of operating environment of system); cite it as [AMLAS-B].');
    const line = FILES[path].split('\n')[2];
    assert.equal(line.slice(hints[0].range.start.character, hints[0].range.end.character), '[AMLAS-1.2]');
    const lines = FILES[path].split('\n');
    const [fix] = quickFixesFor(index, index.getDocument(path)!, lines, { canCreateFiles: false, codes: ['pack.former-id'] });
    assert.equal(fix.title, 'Cite the current ID: [AMLAS-B]');
    assert.equal(fix.safe, true);
    const [edit] = fix.change.textEdits()[0][1];
    assert.equal(edit.newText, '[AMLAS-B]');
    const withTemplate = { ...FILES, '/ws/templates/Template_LeafQG.md': '# Template\n\nCite like this: [AMLAS-3.1]\n' };
    const { index: other } = await buildIndex(withTemplate);
    assert.deepEqual(
      computeDocumentDiagnostics(other, other.getDocument('/ws/templates/Template_LeafQG.md')!, neverCancelled).filter((d) => d.code === 'pack.former-id'),
      [],
    );
  });
});

describe('packs: safety and security perspective of risks', () => {
  it('hints at risks without a perspective or with an unknown one', async () => {
    const { index } = await buildIndex(FILES);
    const codes = (path: string) =>
      computeDocumentDiagnostics(index, index.getDocument(path)!, neverCancelled).filter((d) => d.code === 'risk.missing-perspective');
    const base = '/ws/3_RiskManagement/AI_Risks/';
    assert.deepEqual(codes(`${base}2_TechnicalRobustnessSafety/Robustness/Glare.md`), []);
    const unknown = codes(`${base}2_TechnicalRobustnessSafety/Robustness/Spoof.md`);
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0].severity, 'hint');
    assert.equal(unknown[0].message, 'Perspective "Privacy" is not one of Safety, Security, Both.');
    const missing = codes(`${base}3_PrivacyDataGovernance/Leak.md`);
    assert.equal(missing.length, 1);
    assert.deepEqual(missing[0].range.start, { line: 1, character: 'tags: [{Name: Leak}, {'.length }, 'at the Intent tag');
    assert.deepEqual(codes('/ws/1_System/AI_System.md'), [], 'only risk documents');
  });

  it('finds a risk’s requirement from its Intent, else from its folder under AI_Risks', async () => {
    const { index } = await buildIndex(FILES);
    const catalogue = altaiCatalogue();
    assert.equal(riskRequirement(index.getDocument('/ws/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Robustness/Glare.md')!, catalogue)?.id, 'TRS');
    assert.equal(
      riskRequirement(index.getDocument('/ws/3_RiskManagement/AI_Risks/3_PrivacyDataGovernance/Leak.md')!, catalogue)?.id,
      'PDG',
      'Data_Risk names no requirement: the folder decides',
    );
    assert.equal(riskRequirement({ path: '/ws/AI_Risks/Loose.md', frontMatter: undefined }, catalogue), undefined);
  });

  it('completes the Perspective key in risk documents and its three values', async () => {
    const { index } = await buildIndex(FILES);
    const path = '/ws/3_RiskManagement/AI_Risks/3_PrivacyDataGovernance/Leak.md';
    const complete = (text: string, needle: string) =>
      computeCompletions({
        index,
        doc: index.getDocument(path)!,
        text,
        position: positionOf(text, needle, needle.length),
        catalogue: altaiCatalogue(),
        token: neverCancelled,
      });
    const keyText = FILES[path].replace('{Intent: Data_Risk}', '{Intent: Data_Risk}, {Pers');
    assert.ok(complete(keyText, '{Pers').some((c) => c.label === 'Perspective'));
    const valueText = FILES[path].replace('{Intent: Data_Risk}', '{Intent: Data_Risk}, {Perspective: ');
    assert.deepEqual(
      complete(valueText, '{Perspective: ').map((c) => c.label),
      ['Safety', 'Security', 'Both'],
    );
  });

  it('offers one quick fix per perspective: a new tag after the last one, or the unknown value replaced', async () => {
    const { index } = await buildIndex(FILES);
    const fixes = (path: string) => {
      const lines = FILES[path].split('\n');
      return quickFixesFor(index, index.getDocument(path)!, lines, { canCreateFiles: false, codes: ['risk.missing-perspective'] }).map((f) => {
        const [edit] = f.change.textEdits()[0][1];
        const line = lines[edit.range.start.line];
        return [f.title, `${line.slice(0, edit.range.start.character)}${edit.newText}${line.slice(edit.range.end.character)}`, f.safe];
      });
    };
    const leak = '/ws/3_RiskManagement/AI_Risks/3_PrivacyDataGovernance/Leak.md';
    assert.deepEqual(
      fixes(leak),
      ['Safety', 'Security', 'Both'].map((v) => [
        `Declare the risk's perspective: {Perspective: ${v}}`,
        `tags: [{Name: Leak}, {Intent: Data_Risk}, {Perspective: ${v}}]`,
        false,
      ]),
    );
    const spoof = '/ws/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Robustness/Spoof.md';
    assert.equal(fixes(spoof)[1][1], 'tags: [{Name: Spoof}, {Intent: TechnicalRobustnessSafety_Risk}, {Perspective: Security}]');
  });
});
