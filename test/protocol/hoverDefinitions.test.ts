import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { altaiCatalogue } from '../../server/src/domain/altai/catalogue';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { makeWorkspace, positionOf } from '../helpers/workspace';

const catalogue = altaiCatalogue();
const q = (id: string) => catalogue.question(id)!.question.text;

const requirement = `---
tags: [{Name: TechnicalRobustnessSafety}, {Intent: Overview}]
---
# Technical Robustness and Safety

### Definition Technical Robustness and Safety
In this project: the triage model keeps working, safely, when inputs drift.

##### Accuracy
ALTAI:
> - ${q('TRS.accuracy.1')}

A missed finding delays treatment.

> - ${q('TRS.accuracy.2')}
>> Covered by the data quality gate.
> - Did you put in place a series of steps to monitor, and document the AI system’s [accuracy](../2_Lifecycle/QG_Monitoring.md)?
> - ${q('TRS.accuracy.4')}
> - Did we archive the raw scanner files?
`;

const leaf = `---
tags: [{Name: QG_Threshold}, {Intent: Thresholding}, {Owner: team}]
---
# QG Threshold (Classification)

A Leaf-QG where a clinician acts as Human-in-the-Loop, under TechnicalRobustnessSafety. [Data](../QG_Monitoring.md)

### 1. Interdependency Graph

#### Input Information

- ##### Related QGs

#### Output Information

- ##### Related QGs

Post-Market Monitoring starts at release. Our Golden Set stays frozen.
`;

const risk = `---
tags: [{Name: Drift}, {Intent: TechnicalRobustnessSafety_Risk}]
---
## Drift (Accuracy - Risk)

### Risk Assessment (Risk Analysis + Risk Evaluation)

#### Risk analysis

#### Risk control
`;

describe('protocol: hover definitions over JSON-RPC', function () {
  this.timeout(30000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: LspTestClient;
  const paths = { requirement: '', leaf: '', risk: '' };

  before(async () => {
    ws = makeWorkspace({
      '3_RiskManagement/TechnicalRobustnessSafety.md': requirement,
      '3_RiskManagement/Drift.md': risk,
      '2_Lifecycle/Threshold/QG_Threshold_(Classification).md': leaf,
      '2_Lifecycle/QG_Monitoring.md': '# QG Monitoring\n\nWatches accuracy after release.\n',
      'Glossary.md':
        '# Glossary\n\n## Definition Golden Set\nThe frozen, never-trained-on test data.\n\n## Definition Human-in-the-Loop\nA radiologist confirms every finding before it is reported.\n',
    });
    paths.requirement = ws.path('3_RiskManagement/TechnicalRobustnessSafety.md');
    paths.leaf = ws.path('2_Lifecycle/Threshold/QG_Threshold_(Classification).md');
    paths.risk = ws.path('3_RiskManagement/Drift.md');
    client = await LspTestClient.start([ws.root]);
  });

  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  const hover = async (path: string, text: string, needle: string, offset = 1): Promise<{ value: string; hover: Hover } | undefined> => {
    const result = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: fileUri(path) },
      position: positionOf(text, needle, offset),
    });
    return result ? { value: (result.contents as MarkupContent).value, hover: result } : undefined;
  };

  describe('on an ALTAI question', () => {
    it('names the ID, requirement, section and origin, and says it is answered', async () => {
      const h = (await hover(paths.requirement, requirement, 'Could a low level'))!;
      assert.match(h.value, /\*\*ALTAI question\*\* `TRS\.accuracy\.1`/);
      assert.match(h.value, /Requirement \| Technical Robustness and Safety \(`TRS`\)/);
      assert.match(h.value, /Section \| Accuracy/);
      assert.match(h.value, /EU High-Level Expert Group on AI, 2020/);
      assert.match(h.value, /\*\*Addressed\*\* — answered/);
      const start = positionOf(requirement, q('TRS.accuracy.1'));
      assert.deepEqual(h.hover.range, { start, end: { line: start.line, character: start.character + q('TRS.accuracy.1').length } });
    });

    it('counts a >> annotation as an answer and a linked question as evidence; otherwise open', async () => {
      assert.match((await hover(paths.requirement, requirement, 'Did you put in place measures'))!.value, /\*\*Addressed\*\* — answered/);
      const linked = (await hover(paths.requirement, requirement, 'Did you put in place a series'))!.value;
      assert.match(linked, /`TRS\.accuracy\.3`/);
      assert.match(linked, /\*\*Addressed\*\* — evidence linked/);
      assert.match((await hover(paths.requirement, requirement, 'Did you consider whether'))!.value, /\*\*Open\*\* — no answer/);
    });

    it('says when a quoted question is not in the catalogue', async () => {
      const h = (await hover(paths.requirement, requirement, 'Did we archive'))!.value;
      assert.match(h, /not in the ALTAI catalogue/);
      assert.match(h, /\*\*Open\*\*/);
    });

    it('keeps link hovers on links inside a question', async () => {
      const h = (await hover(paths.requirement, requirement, '../2_Lifecycle/QG_Monitoring.md'))!.value;
      assert.match(h, /\*\*QG Monitoring\*\*/);
    });
  });

  describe('on a term', () => {
    it('defines a requirement name from the workspace’s own Definition section (it wins over ALTAI’s)', async () => {
      const h = (await hover(paths.leaf, leaf, 'TechnicalRobustnessSafety.', 3))!;
      assert.match(h.value, /\*\*Technical Robustness and Safety\*\* — ALTAI requirement `TRS`/);
      assert.match(h.value, /the triage model keeps working, safely/);
      assert.match(h.value, /Defined in this workspace: \[3\\_RiskManagement\/TechnicalRobustnessSafety\.md:6\]\(file:/);
      assert.match(h.value, /replaces the built-in one/);
      assert.deepEqual(h.hover.range!.start, positionOf(leaf, 'TechnicalRobustnessSafety.'));
    });

    it('defines a methodology term from the built-in glossary, with its source', async () => {
      const h = (await hover(paths.leaf, leaf, 'Leaf-QG where'))!.value;
      assert.match(h, /^\*\*Leaf-QG\*\*/);
      assert.match(h, /single, concrete design decision/);
      assert.match(
        h,
        /_Source: MQG4AI extension glossary; MQG4AI README, section Generic and Customizable Leaf-QG-Format, and its Leaf-QG template \(paraphrased\)_/,
      );
      assert.match((await hover(paths.leaf, leaf, 'Post-Market Monitoring starts', 5))!.value, /^\*\*Post-Market Monitoring\*\*/);
    });

    it('prefers the workspace definition of a glossary term, and knows terms only the workspace defines', async () => {
      assert.match((await hover(paths.leaf, leaf, 'Human-in-the-Loop,', 3))!.value, /A radiologist confirms every finding/);
      assert.match((await hover(paths.leaf, leaf, 'Golden Set', 3))!.value, /^\*\*Golden Set\*\*\n\nThe frozen, never-trained-on test data\./);
    });

    it('reads the editor’s text of an open document', async () => {
      const edited = leaf.replace('Our Golden Set stays frozen.', 'Each Collection-QG bundles its stage.');
      await client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(paths.leaf), languageId: 'markdown', version: 1, text: edited } });
      assert.match((await hover(paths.leaf, edited, 'Collection-QG bundles'))!.value, /^\*\*Collection-QG\*\*/);
      await client.notify('textDocument/didClose', { textDocument: { uri: fileUri(paths.leaf) } });
    });

    it('returns nothing on plain words', async () => {
      assert.equal(await hover(paths.leaf, leaf, 'starts at release'), undefined);
    });
  });

  describe('on front matter and template headings', () => {
    it('explains a front-matter tag key, and flags keys outside the schema', async () => {
      const intent = (await hover(paths.leaf, leaf, 'Intent: Thresholding'))!;
      assert.match(intent.value, /\*\*Front-matter tag `Intent`\*\*/);
      assert.match(intent.value, /`Overview` marks an overview document: on a `QG_` file a Collection-QG, elsewhere/);
      assert.match(intent.value, /_Source: Design-pattern schema of Washizaki et al\./, 'the key names its source');
      assert.deepEqual(intent.hover.range, { start: positionOf(leaf, 'Intent: Thresholding'), end: positionOf(leaf, 'Intent: Thresholding', 6) });
      assert.match((await hover(paths.leaf, leaf, 'Owner'))!.value, /Not one of the schema's keys/);
    });

    it('shows the Leaf-QG template prompt of a heading, telling repeated headings apart', async () => {
      const input = (await hover(paths.leaf, leaf, 'Related QGs'))!.value;
      assert.match(input, /\*\*Leaf-QG template\*\* · 1\\?\. Interdependency Graph › Input Information › Related QGs/);
      assert.match(input, /> Which earlier quality gates must be passed first/);
      // The second `Related QGs` (the one right before the closing paragraph) is the output one.
      const output = (await hover(paths.leaf, leaf, 'Related QGs\n\nPost-Market'))!.value;
      assert.match(output, /Output Information › Related QGs/);
      assert.match(output, /> Which later quality gates consume these results/);
    });

    it('shows the risk template prompt of a risk document heading', async () => {
      const h = (await hover(paths.risk, risk, 'Risk control'))!.value;
      assert.match(h, /\*\*Risk template\*\* · Risk Assessment \(Risk Analysis \+ Risk Evaluation\) › Risk control/);
      assert.match(h, /> Which measures reduce the risk/);
    });
  });
});
