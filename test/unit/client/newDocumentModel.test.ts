// Where "MQG4AI: New Quality Gate..." puts a document and what it calls it (client/src/documents/newDocumentModel.ts).
import assert from 'node:assert/strict';
import { camelName, fileNameFor, folderLabel, nameProblem, nextNumberedFolder, parseGateName, stageOf } from '../../../client/src/documents/newDocumentModel';

describe('client: new document names and places', () => {
  it('names a Leaf-QG QG_<Name>_(<View>).md, the view from the stage unless typed', () => {
    assert.deepEqual(parseGateName('Image acquisition', 'Data'), { name: 'ImageAcquisition', view: 'Data' });
    assert.deepEqual(parseGateName('ImageAcquisition (Binary classification)', 'Data'), { name: 'ImageAcquisition', view: 'BinaryClassification' });
    assert.deepEqual(parseGateName('QG_Calibration_(Binary).md', 'Development'), { name: 'Calibration', view: 'Binary' });
    assert.equal(parseGateName('   ', 'Data'), undefined);
    assert.equal(fileNameFor('leaf-qg', 'ImageAcquisition', 'Data'), 'QG_ImageAcquisition_(Data).md');
    assert.equal(fileNameFor('collection-qg', 'Data', 'Lifecycle'), 'QG_Data_(Lifecycle).md');
    assert.equal(fileNameFor('risk', 'NoisyReferenceLabels', 'x'), 'NoisyReferenceLabels.md');
  });

  it('spells names in one word and refuses characters no file name can hold', () => {
    assert.equal(camelName('noisy reference labels'), 'NoisyReferenceLabels');
    assert.equal(camelName('Already_OneWord'), 'AlreadyOneWord', 'an underscore separates the parts of a QG file name');
    assert.equal(camelName('Calibration'), 'Calibration');
    assert.equal(nameProblem(''), 'Give the document a name.');
    assert.match(nameProblem('a/b')!, /cannot hold/);
    assert.equal(nameProblem('Image acquisition (Data)'), undefined);
  });

  it('numbers a new folder after its siblings and finds the stage of a folder', () => {
    assert.equal(nextNumberedFolder(['1_Acquisition', '2_Annotation', '3_Preprocessing', 'imgs'], 'Augmentation'), '4_Augmentation');
    assert.equal(nextNumberedFolder([], 'First'), '1_First');
    assert.equal(stageOf(['', 'w', '2_Lifecycle', '1_Data', '1_Acquisition']), '1_Data');
    assert.equal(stageOf(['', 'w', '1_System']), undefined);
    assert.equal(folderLabel('2_Model_Evaluation'), 'Model Evaluation');
  });
});
