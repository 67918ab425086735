import assert from 'node:assert/strict';
import { join } from 'node:path';
import { altaiCatalogue, isQuestion } from '../../server/src/domain/altai/catalogue';
import { runCli } from '../helpers/cli';
import { CORPUS } from '../helpers/fixtures';
import { requireCorpus } from '../helpers/corpus';

interface Node {
  label: string;
  kind: string;
  covered: number;
  total: number;
  children: Node[];
}

describe('corpus: coverage of the real MQG4AI trees', function () {
  this.timeout(60000);
  const corpus = join(CORPUS, 'mqg4ai');
  before(function () {
    requireCorpus(this, corpus);
  });

  it("counts, for every tree and requirement, exactly the catalogue's questions (options count with their question, the note not at all)", () => {
    const result = runCli(['coverage', corpus, '--format', 'json']);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { trees: Array<{ label: string; node: Node }> };
    assert.deepEqual(report.trees.map((t) => t.label).sort(), ['MQG4Application/v0_MQG4DK', 'MQG4DesignKnowledge']);
    const expected = altaiCatalogue().requirements.map((r) => [r.title, r.sections.reduce((n, s) => n + s.questions.filter(isQuestion).length, 0)]);
    for (const tree of report.trees) {
      const altai = tree.node.children.find((g) => g.label === 'Trustworthy AI (ALTAI)')!;
      assert.deepEqual(
        altai.children.map((r) => [r.label, r.total]),
        expected,
        tree.label,
      );
      for (const requirement of altai.children) assert.ok(requirement.covered <= requirement.total);
    }
  });
});
