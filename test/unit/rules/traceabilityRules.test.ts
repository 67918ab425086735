import assert from 'node:assert/strict';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { LEAF_QG_TEMPLATE, RISK_TEMPLATE } from '../../../server/src/domain/templates/templateTexts';
import { mergeConfig } from '../../../server/src/config/projectConfig';
import { buildIndex } from '../helpers';

/** A Leaf-QG following the template, every section filled, with the given extra lines under the risk sections. */
function leaf(name: string, related: string[], poses: string[] = [], controls: string[] = []): string {
  const filled = LEAF_QG_TEMPLATE.replace(/\{Name: \}/, `{Name: ${name}}`)
    .replace(/\{Intent: \}/, '{Intent: Example}')
    .replace('## QG Name (View)', `## ${name.replace(/_/g, ' ')} (Test)`)
    .replace(/( {4}> [^\n]*\?\n|> [^\n]*\?\n)/g, '$1\n    Filled in.\n');
  const relatedBlock = related.map((r) => `    - [${r}](${r})`).join('\n');
  return filled
    .replace(/(- ##### Related QGs\n {4}> [^\n]*\n\n {4}Filled in\.\n)/g, `$1${relatedBlock}\n`)
    .replace(/(- ##### Poses Risk\(s\)\n {4}> [^\n]*\n\n {4}Filled in\.\n)/, `$1${poses.map((p) => `    - [risk](${p})`).join('\n')}\n`)
    .replace(/(- ##### Implements Risk Control\(s\)\n {4}> [^\n]*\n\n {4}Filled in\.\n)/, `$1${controls.map((p) => `    - [control](${p})`).join('\n')}\n`);
}

function risk(name: string, controlLinks: string[] = []): string {
  return RISK_TEMPLATE.replace('{Name: }', `{Name: ${name}}`)
    .replace('<Requirement>_Risk', 'TechnicalRobustnessSafety_Risk')
    .replace('{Intent:', '{Perspective: Safety}, {Intent:')
    .replace('## Name', `## ${name}`)
    .replace(/(#### Risk analysis\n> [^\n]*\n)/, '$1\nAnalysed.\n')
    .replace(/(##### Severity of harm\n)/, '$1\nHigh.\n')
    .replace(/(##### Probability of Occurence\n)/, '$1\nLow.\n')
    .replace(/(#### Risk evaluation\n> [^\n]*\n)/, '$1\nAcceptable.\n')
    .replace(/(#### Risk control\n> [^\n]*\n)/, `$1\nControlled.\n${controlLinks.map((l) => `- [by](${l})`).join('\n')}\n`);
}

const T = '/ws/tree';
const A = `${T}/2_Lifecycle/1_Data/QG_Alpha_(Data).md`;
const B = `${T}/2_Lifecycle/1_Data/QG_Beta_(Data).md`;
const R = `${T}/3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Drift.md`;

/** A clean tree: A and B list each other, A implements the control of R, R links back. */
function cleanTree(): Record<string, string> {
  return {
    [`${T}/1_System/AI_System.md`]:
      '# AI System\n\nThe system.\n\n[alpha](../2_Lifecycle/1_Data/QG_Alpha_(Data).md) [beta](../2_Lifecycle/1_Data/QG_Beta_(Data).md) [drift](../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Drift.md)\n',
    [A]: leaf(
      'QG_Alpha',
      ['./QG_Beta_(Data).md'],
      ['../../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Drift.md'],
      ['../../3_RiskManagement/AI_Risks/2_TechnicalRobustnessSafety/Drift.md'],
    ),
    [B]: leaf('QG_Beta', ['./QG_Alpha_(Data).md']),
    [R]: risk('Drift', ['../../../2_Lifecycle/1_Data/QG_Alpha_(Data).md']),
  };
}

async function codesOf(files: Record<string, string>, path: string, config = mergeConfig()) {
  const { index } = await buildIndex(files);
  index.setConfig(config);
  return computeDocumentDiagnostics(index, index.getDocument(path)!)
    .map((d) => d.code)
    .filter((c) => !c.startsWith('link.') || c === 'link.placeholder')
    .sort();
}

describe('rules: traceability, each firing on a fixture made to break it and quiet on a clean one', () => {
  it('a clean tree has none of them', async () => {
    const files = cleanTree();
    for (const path of [A, B, R]) assert.deepEqual(await codesOf(files, path), [], path);
  });

  it('qg.missing-section: a Leaf-QG without a template section (its sub-sections implied)', async () => {
    const files = cleanTree();
    files[B] = files[B].replace(/### 3\. Additional Information[\s\S]*$/, '');
    const codes = await codesOf(files, B);
    assert.deepEqual(
      codes.filter((c) => c === 'qg.missing-section'),
      ['qg.missing-section'],
      'one diagnostic for the missing parent',
    );
  });

  it('qg.empty-section: a section holding only its prompt', async () => {
    const files = cleanTree();
    files[B] = files[B].replace(/(#### Dimension 2: Method\n> [^\n]*\n)\n {4}Filled in\.\n/, '$1');
    assert.ok((await codesOf(files, B)).includes('qg.empty-section'));
  });

  it('required sections from the configuration narrow qg.missing-section', async () => {
    const files = cleanTree();
    files[B] = files[B].replace(/### 3\. Additional Information[\s\S]*$/, '');
    const config = mergeConfig({ requiredSections: { leafQg: ['Related QGs', 'Dimension 1: Content'] } });
    assert.ok(!(await codesOf(files, B, config)).includes('qg.missing-section'));
  });

  it('risk.missing-section: a risk document without Risk evaluation', async () => {
    const files = cleanTree();
    files[R] = files[R].replace(/#### Risk evaluation\n> [^\n]*\n\nAcceptable\.\n/, '');
    assert.ok((await codesOf(files, R)).includes('risk.missing-section'));
  });

  it('trace.risk-link-target: a risk entry that links to a quality gate', async () => {
    const files = cleanTree();
    files[B] = files[B].replace(/(- ##### Poses Risk\(s\)\n {4}> [^\n]*\n\n {4}Filled in\.\n)/, '$1    - [not a risk](./QG_Alpha_(Data).md)\n');
    assert.ok((await codesOf(files, B)).includes('trace.risk-link-target'));
  });

  it('trace.uncontrolled-risk: no QG implements the control, in neither direction', async () => {
    const files = cleanTree();
    files[A] = files[A].replace(/ {4}- \[control\]\([^)]*\)\n/, '');
    files[R] = files[R].replace(/- \[by\]\(.*\n/, '');
    assert.ok((await codesOf(files, R)).includes('trace.uncontrolled-risk'));
    // Either direction alone is enough.
    const oneWay = cleanTree();
    oneWay[R] = oneWay[R].replace(/- \[by\]\(.*\n/, '');
    assert.ok(!(await codesOf(oneWay, R)).includes('trace.uncontrolled-risk'));
  });

  it('frontmatter.name-mismatch: the Name tag does not name the file', async () => {
    const files = cleanTree();
    files[B] = files[B].replace('{Name: QG_Beta}', '{Name: QG_Gamma}');
    assert.ok((await codesOf(files, B)).includes('frontmatter.name-mismatch'));
  });

  it('qg.duplicate-name: two QGs of one tree share a Name, but not across trees', async () => {
    const files = cleanTree();
    files[`${T}/2_Lifecycle/1_Data/Other/QG_Alpha_(Other).md`] = leaf('QG_Alpha', ['../QG_Beta_(Data).md']);
    assert.ok((await codesOf(files, A)).includes('qg.duplicate-name'));
    const twoTrees = cleanTree();
    twoTrees['/ws/other/2_Lifecycle/QG_Alpha_(Data).md'] = leaf('QG_Alpha', []);
    assert.ok(!(await codesOf(twoTrees, A)).includes('qg.duplicate-name'));
  });

  it('link.placeholder: a link into a t.b.d. stage', async () => {
    const files = cleanTree();
    files[`${T}/2_Lifecycle/2_Later/t.b.d.md`] = 't.b.d.\n';
    files[`${T}/1_System/AI_System.md`] += '\n[later](../2_Lifecycle/2_Later/t.b.d.md)\n';
    assert.ok((await codesOf(files, `${T}/1_System/AI_System.md`)).includes('link.placeholder'));
  });

  it('doc.orphan: nothing links to a QG', async () => {
    const files = cleanTree();
    files[`${T}/2_Lifecycle/1_Data/QG_Lonely_(Data).md`] = leaf('QG_Lonely', []);
    assert.ok((await codesOf(files, `${T}/2_Lifecycle/1_Data/QG_Lonely_(Data).md`)).includes('doc.orphan'));
  });

  it('trace.one-way: A lists B among its Related QGs, B does not list A', async () => {
    const files = cleanTree();
    files[B] = files[B].replace(/ {4}- \[\.\/QG_Alpha_\(Data\)\.md\]\(\.\/QG_Alpha_\(Data\)\.md\)\n/g, '');
    assert.ok((await codesOf(files, A)).includes('trace.one-way'));
  });
});
