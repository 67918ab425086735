import assert from 'node:assert/strict';
import {
  afterCompute,
  ALWAYS,
  answer,
  beforeMove,
  NEVER,
  promptText,
  readUpdateOnFileMove,
  UPDATE,
  updatedText,
} from '../../../client/src/refactor/movePolicy';

describe('client: link updates on file moves (mqg4ai.links.updateOnFileMove)', () => {
  it('reads the setting, prompt by default', () => {
    assert.equal(readUpdateOnFileMove('always'), 'always');
    assert.equal(readUpdateOnFileMove('never'), 'never');
    assert.equal(readUpdateOnFileMove('prompt'), 'prompt');
    assert.equal(readUpdateOnFileMove(undefined), 'always', "VS Code's own confirmation is the one question by default");
    assert.equal(readUpdateOnFileMove('sometimes'), 'always');
  });

  it('never: the server is not even asked; always: applied; prompt: asked, unless nothing changes', () => {
    assert.equal(beforeMove('never'), 'skip');
    assert.equal(beforeMove('prompt'), 'compute');
    assert.equal(afterCompute('always', 3), 'apply');
    assert.equal(afterCompute('prompt', 3), 'ask');
    assert.equal(afterCompute('prompt', 0), 'skip');
  });

  it('turns the answer into apply / remember', () => {
    assert.deepEqual(answer(UPDATE), { apply: true });
    assert.deepEqual(answer(ALWAYS), { apply: true, remember: 'always' });
    assert.deepEqual(answer(NEVER), { apply: false, remember: 'never' });
    assert.deepEqual(answer(undefined), { apply: false });
  });

  it('says how many links in how many files', () => {
    assert.equal(promptText(['2_Development'], 12, 5).message, 'Update 12 links in 5 files for moving "2_Development"?');
    assert.equal(promptText(['a.md', 'b.md'], 1, 1).message, 'Update 1 link in 1 file for moving 2 items?');
  });
  it('announces the update afterwards: N links in M files', () => {
    assert.equal(updatedText(['QG_A.md'], 4, 3), '4 links in 3 files were updated for moving "QG_A.md". The files are not saved yet.');
    assert.equal(updatedText(['a.md', 'b.md'], 1, 1), '1 link in 1 file was updated for moving 2 items. The files are not saved yet.');
  });
});
