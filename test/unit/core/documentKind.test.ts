import assert from 'node:assert/strict';
import { BLOCK_FOLDER, classifyDocument, REQUIREMENT_NAMES } from '../../../server/src/domain/document/documentKind';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';

const kindOf = (path: string, text = '# Title\n\nSome text.\n') => parseDocument(path, text).kind;
const tags = (...pairs: Array<[string, string]>) => `---\ntags: [${pairs.map(([k, v]) => `{${k}: ${v}}`).join(', ')}]\n---\n`;

const leafTemplate = [
  '## QG Something',
  '### 1. Interdependency Graph',
  '#### Input Information',
  '### 2. Quality Gate Creation',
  '### 3. Additional Information',
].join('\n\n');

const riskTemplate = ['## Some risk', '#### Risk analysis', '##### Severity of harm', '#### Risk evaluation', '#### Risk control'].join('\n\n');

describe('core/model/documentKind', () => {
  describe('1. placeholder', () => {
    it('by file name t.b.d.md, in any case and with or without dots', () => {
      assert.equal(kindOf('/ws/2_Lifecycle/5_Decommissioning/t.b.d.md', ''), 'placeholder');
      assert.equal(kindOf('/ws/x/T.B.D.md'), 'placeholder');
      assert.equal(kindOf('/ws/x/tbd.md'), 'placeholder');
    });

    it('by content that is only "t.b.d." (or tbd), even for a QG file name', () => {
      assert.equal(kindOf('/ws/2_Lifecycle/QG_Later.md', '  t.b.d.\n'), 'placeholder');
      assert.equal(kindOf('/ws/x/Notes.md', 'TBD'), 'placeholder');
    });

    it('not when t.b.d. is only part of the content or the name', () => {
      assert.equal(kindOf('/ws/x/Notes.md', '# Notes\n\nt.b.d.\n'), 'other');
      assert.equal(kindOf('/ws/x/t.b.d.later.md'), 'other');
    });
  });

  describe('2. template', () => {
    it('by Template_ / Template- prefix', () => {
      assert.equal(kindOf('/ws/Template_LeafQG.md', leafTemplate), 'template');
      assert.equal(kindOf('/ws/x/template-risk.md', riskTemplate), 'template');
    });

    it('by a templates folder anywhere above, case-insensitively, before QG and requirement rules', () => {
      assert.equal(kindOf('/ws/templates/QG_Example.md'), 'template');
      assert.equal(kindOf('/ws/Templates/sub/Transparency.md'), 'template');
    });

    it('not for a file merely named like the folder or containing "template"', () => {
      assert.equal(kindOf('/ws/x/templates.md'), 'other');
      assert.equal(kindOf('/ws/x/MyTemplate_X.md'), 'other');
    });
  });

  describe('3. requirement', () => {
    it('by front-matter Name, for each of the seven requirements', () => {
      for (const name of REQUIREMENT_NAMES) {
        assert.equal(kindOf(`/ws/x/${name}.md`, `${tags(['Name', name], ['Intent', 'Overview'])}# ${name}\n`), 'requirement', name);
      }
    });

    it('by Name with a suffix, wherever the file lives', () => {
      assert.equal(kindOf('/ws/3_RiskManagement/1_HAO/HumanAgencyOversight_(App).md', `${tags(['Name', 'HumanAgencyOversight_(App)'])}# H\n`), 'requirement');
      assert.equal(kindOf('/ws/elsewhere/whatever.md', `${tags(['Name', 'Transparency_v2'])}# T\n`), 'requirement');
    });

    it('by file name when there is no front matter, also with a suffix', () => {
      assert.equal(kindOf('/ws/x/Accountability.md'), 'requirement');
      assert.equal(kindOf('/ws/x/HumanAgencyOversight_(TBE_Segmentation).md'), 'requirement');
    });

    it('not by file name when the front matter names something else', () => {
      assert.equal(kindOf('/ws/x/Accountability.md', `${tags(['Name', 'Other'])}# A\n`), 'other');
    });

    it('not for names that only start with a requirement name', () => {
      assert.equal(kindOf('/ws/x/TransparencyReport.md'), 'other');
      assert.equal(kindOf('/ws/x/y.md', `${tags(['Name', 'AccountabilityMatrix'])}# A\n`), 'other');
    });

    it('by an ALTAI question block (with or without colon) in a non-QG file', () => {
      assert.equal(kindOf('/ws/x/Questions.md', '# Q\n\n##### Accuracy\nALTAI:\n> - Could ...?\n'), 'requirement');
      assert.equal(kindOf('/ws/x/Questions.md', '# Q\n\n  ALTAI  \n> - Could ...?\n'), 'requirement');
    });

    it('not by "ALTAI" in running text', () => {
      assert.equal(kindOf('/ws/x/About.md', '# About\n\nThe ALTAI list is used here.\n'), 'other');
    });

    it('front-matter Name beats a QG_ file name; an ALTAI block does not', () => {
      assert.equal(kindOf('/ws/x/QG_X.md', `${tags(['Name', 'Transparency'])}# T\n`), 'requirement');
      assert.equal(kindOf('/ws/x/QG_X.md', '# QG\n\nALTAI:\n> - question?\n'), 'leaf-qg');
    });
  });

  describe('4. quality gates', () => {
    it('collection-QG: QG_ file with Intent Overview (any case)', () => {
      assert.equal(
        kindOf('/ws/2_Lifecycle/1_Data/QG_Data_(Lifecycle).md', `${tags(['Name', 'QG_Data_(Lifecycle)'], ['Intent', 'Overview'])}# D\n`),
        'collection-qg',
      );
      assert.equal(kindOf('/ws/x/QG_Data.md', `${tags(['Intent', ' overview '])}# D\n`), 'collection-qg');
    });

    it('leaf-QG: QG_ file without Intent Overview, or without front matter', () => {
      assert.equal(kindOf('/ws/x/QG_Metric.md', `${tags(['Name', 'QG_Metric'], ['Intent', 'MeasurePerformance'])}# M\n`), 'leaf-qg');
      assert.equal(kindOf('/ws/x/qg_lower.md'), 'leaf-qg');
    });

    it('leaf-QG: a non-QG_ file following the Leaf-QG template', () => {
      assert.equal(kindOf('/ws/2_Lifecycle/2_Development/Calibration.md', leafTemplate), 'leaf-qg');
    });

    it('not a QG when QG is only inside the name', () => {
      assert.equal(kindOf('/ws/x/MyQG_Notes.md'), 'other');
    });
  });

  describe('5. risk', () => {
    it('by Intent ending in _Risk', () => {
      assert.equal(kindOf('/ws/x/UnfaithfulExplanations.md', `${tags(['Name', 'UnfaithfulExplanations'], ['Intent', 'Transparency_Risk'])}# U\n`), 'risk');
      assert.equal(kindOf('/ws/x/Some.md', `${tags(['Intent', 'technicalrobustnesssafety_risk'])}# U\n`), 'risk');
    });

    it('by the risk template headings, both analysis and control', () => {
      assert.equal(kindOf('/ws/x/SomeRisk.md', riskTemplate), 'risk');
      assert.equal(kindOf('/ws/x/HalfRisk.md', '# R\n\n#### Risk analysis\n'), 'other');
    });

    it('a risk document inside a block folder is still a risk', () => {
      assert.equal(kindOf('/ws/3_RiskManagement/AI_Risks/2_TRS/Accuracy/Unreliable.md', riskTemplate), 'risk');
    });

    it('not for an Intent that merely contains Risk', () => {
      assert.equal(kindOf('/ws/x/R.md', `${tags(['Intent', 'RiskOverview'])}# R\n`), 'other');
    });
  });

  describe('6. information block and 7. other', () => {
    it('information block: any file below a numbered System/Lifecycle/RiskManagement folder', () => {
      assert.equal(kindOf('/ws/1_System/AI_System.md'), 'information-block');
      assert.equal(kindOf('/ws/MQG4Application/v0/1_System/Application/Application.md'), 'information-block');
      assert.equal(kindOf('/ws/2_Lifecycle/AI_Lifecycle.md'), 'information-block');
      assert.equal(kindOf('/ws/3_RiskManagement/Procedure/a_Risk_Analysis/RiskAnalysis_(RiskManagement).md'), 'information-block');
    });

    it('other: plain Markdown elsewhere, or in look-alike folders', () => {
      assert.equal(kindOf('/ws/README.md'), 'other');
      assert.equal(kindOf('/ws/1_Systems/x.md'), 'other');
      assert.equal(kindOf('/ws/System/x.md'), 'other');
      // The block folder must be a folder, not the file itself.
      assert.equal(kindOf('/ws/x/1_System'), 'other');
    });

    it('BLOCK_FOLDER matches exactly the three numbered block names', () => {
      assert.deepEqual(
        ['1_System', '2_Lifecycle', '3_RiskManagement', '12_System', 'System', '1_System_old', 'a_Lifecycle'].map((n) => BLOCK_FOLDER.test(n)),
        [true, true, true, true, false, false, false],
      );
    });
  });

  it('classifyDocument can be called on evidence directly', () => {
    assert.equal(classifyDocument({ path: '/ws/x/Q.md', text: '', headings: [], hasAltaiBlock: true }), 'requirement');
    assert.equal(classifyDocument({ path: '/ws/x/Q.md', text: 'x', headings: [], hasAltaiBlock: false }), 'other');
  });
});
