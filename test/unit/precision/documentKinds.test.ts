// Document kinds decided from all the evidence (issue 16): a risk that lacks a section is still
// a risk, and the missing section is the finding, not the links to it.
import assert from 'node:assert/strict';
import { computeDocumentDiagnostics } from '../../../server/src/analysis/diagnostics/documentDiagnostics';
import { buildIndex } from '../helpers';
import { filledLeafQg } from './fixtures';

const T = '/ws/tree';
const RISK = `${T}/3_RiskManagement/AI_Risks/5_DiversityNon-DiscriminationFairness/Participation/NoUserPanel.md`;
const QG = `${T}/2_Lifecycle/1_Design/QG_UserPanel_(Design).md`;
const SYSTEM = `${T}/1_System/AI_System.md`;

/** A risk written from the template, its "Risk analysis" part (heading and sub-headings) left out, its Intent naming only the requirement. */
const riskWithoutAnalysis = [
  '---',
  'tags: [{Name: NoUserPanel}, {Intent: DiversityNon-DiscriminationFairness}, {Applicability: StakeholderParticipation}, {Perspective: Safety}]',
  '---',
  '',
  '## No panel of end users during design',
  '',
  '### Risk Assessment (Risk Analysis + Risk Evaluation)',
  '',
  '#### Risk: *Nobody who uses the system is asked*',
  '',
  '#### Risk evaluation',
  'Not acceptable for a triage tool.',
  '',
  '#### Risk control',
  '- [User panel](../../../../2_Lifecycle/1_Design/QG_UserPanel_(Design).md)',
  '',
].join('\n');

function qgPosing(target: string): string {
  return filledLeafQg('QG_UserPanel').replace(/(- ##### Poses Risk\(s\)\n {4}> [^\n]*\n\n {4}The team wrote this down\.\n)/, `$1    - [risk](${target})\n`);
}

async function setup(extra: Record<string, string> = {}) {
  const files: Record<string, string> = {
    [SYSTEM]:
      '# System\n\n[panel](../2_Lifecycle/1_Design/QG_UserPanel_(Design).md) [risk](../3_RiskManagement/AI_Risks/5_DiversityNon-DiscriminationFairness/Participation/NoUserPanel.md)\n',
    [RISK]: riskWithoutAnalysis,
    [QG]: qgPosing('../../3_RiskManagement/AI_Risks/5_DiversityNon-DiscriminationFairness/Participation/NoUserPanel.md'),
    ...extra,
  };
  const { index } = await buildIndex(files);
  const diagnostics = (path: string) => computeDocumentDiagnostics(index, index.getDocument(path)!);
  return { index, diagnostics };
}

describe('precision: document kinds from all the evidence', () => {
  it('a risk document lacking "Risk analysis" stays a risk, with risk.missing-section as the finding', async () => {
    const { index, diagnostics } = await setup();
    assert.equal(index.getDocument(RISK)!.kind, 'risk');
    const missing = diagnostics(RISK).filter((d) => d.code === 'risk.missing-section');
    assert.deepEqual(
      missing.map((d) => d.message),
      ['Missing section "Risk analysis" (under "Risk Assessment (Risk Analysis + Risk Evaluation)"): this risk document lacks a section of its template.'],
    );
  });

  it('trace.risk-link-target does not fire for a link to it', async () => {
    const { diagnostics } = await setup();
    assert.deepEqual(
      diagnostics(QG).filter((d) => d.code === 'trace.risk-link-target'),
      [],
    );
  });

  it('risk headings outside the risk folders, with no risk Intent, do not make a risk', async () => {
    const procedure = `${T}/1_System/Compliance/RiskProcedure.md`;
    const { index } = await setup({ [procedure]: '# How we handle risks\n\n## Risk evaluation\nBy the board.\n\n## Risk control\nBy the team.\n' });
    assert.equal(index.getDocument(procedure)!.kind, 'information-block');
  });

  it('one risk heading in the risk folder is not enough either (an overview stays an information block)', async () => {
    const overview = `${T}/3_RiskManagement/AI_Risks/5_DiversityNon-DiscriminationFairness/Overview.md`;
    const { index } = await setup({ [overview]: '# Risks of this requirement\n\n## Risk control\nSee each risk.\n' });
    assert.equal(index.getDocument(overview)!.kind, 'information-block');
  });

  it('trace.risk-link-target names what the target is, in plain words, and the section of the link', async () => {
    const { diagnostics } = await setup({ [QG]: qgPosing('../../1_System/AI_System.md') });
    const found = diagnostics(QG).filter((d) => d.code === 'trace.risk-link-target');
    assert.deepEqual(
      found.map((d) => d.message),
      ['Not a risk: "System" is an information block. A link under "Poses Risk(s)" should lead to the risk document itself.'],
    );
    assert.doesNotMatch(found[0].message, /information-block|a information/);
  });
});
