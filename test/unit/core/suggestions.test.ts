import assert from 'node:assert/strict';
import { editDistance, suggestAnchor, suggestFile, suggestFolder } from '../../../server/src/analysis/diagnostics/suggestions';
import { parseDocument } from '../../../server/src/domain/document/parseDocument';
import type { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { buildIndex } from '../helpers';

describe('core/diagnostics/suggestions', () => {
  describe('editDistance', () => {
    it('is the Levenshtein distance', () => {
      assert.equal(editDistance('', ''), 0);
      assert.equal(editDistance('abc', 'abc'), 0);
      assert.equal(editDistance('', 'abc'), 3);
      assert.equal(editDistance('kitten', 'sitting'), 3);
      assert.equal(editDistance('similr', 'similar'), 1);
      assert.equal(editDistance('flaw', 'lawn'), 2);
    });
  });

  describe('suggestFile', () => {
    let index: WorkspaceIndex;
    before(async () => {
      ({ index } = await buildIndex({
        '/ws/2_Lifecycle/1_Data/QG_Data_(Lifecycle).md': '# D\n',
        '/ws/2_Lifecycle/1_Data/QG_Sampling.md': '# S\n',
        '/ws/2_Lifecycle/1_Data/Notes.txt': 'n',
        '/ws/2_Lifecycle/1_Data/Similar.md': '# S\n',
        '/ws/2_Lifecycle/1_Data/cd.md': '# cd\n',
        '/ws/1_System/Application/Application.md': '# A\n',
        '/ws/v1/1_System/Application/Application.md': '# A1\n',
        '/ws/docs/README.md': '# R\n',
        '/ws/2_Lifecycle/1_Data/Doc.md': '# Doc\n',
        '/ws/2_Lifecycle/2_Dev/Doc.md': '# Dev doc\n',
      }));
    });

    it('same basename elsewhere: the closest to the missing path', () => {
      assert.equal(suggestFile(index, '/ws/1_System/Application.md', '/ws/x.md'), '/ws/1_System/Application/Application.md');
      assert.equal(suggestFile(index, '/ws/v1/1_System/Application.md', '/ws/x.md'), '/ws/v1/1_System/Application/Application.md');
    });

    it('same basename, case-insensitively', () => {
      assert.equal(suggestFile(index, '/ws/readme.md', '/ws/x.md'), '/ws/docs/README.md');
    });

    it('`QG_X.md` for `QG_X_(View).md` in the nearest existing folder', () => {
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/QG_Data.md', '/ws/y.md'), '/ws/2_Lifecycle/1_Data/QG_Data_(Lifecycle).md');
    });

    it('a near spelling in the nearest existing folder, walking up from missing folders', () => {
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/QG_Samplng.md', '/ws/y.md'), '/ws/2_Lifecycle/1_Data/QG_Sampling.md');
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/Similr.md', '/ws/y.md'), '/ws/2_Lifecycle/1_Data/Similar.md');
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/gone/deeper/Similr.md', '/ws/y.md'), '/ws/2_Lifecycle/1_Data/Similar.md');
    });

    it('does not offer a non-Markdown file for a Markdown link, or the reverse', () => {
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/Notes.md', '/ws/y.md'), undefined);
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/Similar.txt', '/ws/y.md'), undefined);
    });

    it('no suggestion for unrelated short names', () => {
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/ab.md', '/ws/y.md'), undefined);
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/Totally_Different.md', '/ws/y.md'), undefined);
    });

    it('no suggestion when no folder above exists inside the workspace', () => {
      assert.equal(suggestFile(index, '/elsewhere/x/QG_Data.md', '/ws/y.md'), undefined);
    });

    it('never suggests the linking document itself by near spelling', () => {
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/1_Data/QG_Samplin.md', '/ws/2_Lifecycle/1_Data/QG_Sampling.md'), undefined);
    });

    it('never suggests the linking document itself by same name', () => {
      // Doc.md links to ../3_Other/Doc.md; Doc.md files exist beside it and in 2_Dev.
      assert.equal(suggestFile(index, '/ws/2_Lifecycle/3_Other/Doc.md', '/ws/2_Lifecycle/1_Data/Doc.md'), '/ws/2_Lifecycle/2_Dev/Doc.md');
    });
  });

  describe('suggestFolder', () => {
    let index: WorkspaceIndex;
    before(async () => {
      ({ index } = await buildIndex({
        '/ws/2_Lifecycle/2_Development/PerformanceMetrics/QG_M.md': '# M\n',
        '/ws/2_Lifecycle/1_Data/x.md': 'x',
        '/ws/v1/2_Lifecycle/1_Data/y.md': 'y',
        '/ws/b/sub2/x.md': 'x',
      }));
    });

    it('the same folder name elsewhere, closest first', () => {
      assert.equal(suggestFolder(index, '/ws/2_Lifecycle/PerformanceMetrics'), '/ws/2_Lifecycle/2_Development/PerformanceMetrics');
      assert.equal(suggestFolder(index, '/ws/v1/1_Data'), '/ws/v1/2_Lifecycle/1_Data');
    });

    it('a near spelling beside the missing folder', () => {
      assert.equal(suggestFolder(index, '/ws/b/sub'), '/ws/b/sub2');
      assert.equal(suggestFolder(index, '/ws/2_Lifecycle/1_Dta'), '/ws/2_Lifecycle/1_Data');
    });

    it('nothing for an unrelated name', () => {
      assert.equal(suggestFolder(index, '/ws/2_Lifecycle/Completely_Unrelated'), undefined);
    });
  });

  describe('suggestAnchor', () => {
    const doc = parseDocument(
      '/ws/a.md',
      '# Application\n\n## 1. Purpose\n\n## 2. Scope\n\n### 2.1 Intended Use\n\n## Overview\n\n<a id="legacy-purpose"></a>\n',
    );

    it('renumbered sections count as the same section', () => {
      assert.equal(suggestAnchor(doc, '7-scope'), '2-scope');
      assert.equal(suggestAnchor(doc, '3-purpose'), '1-purpose');
      assert.equal(suggestAnchor(doc, '31-intended-use'), '21-intended-use');
    });

    it('near spellings of slugs and HTML ids', () => {
      assert.equal(suggestAnchor(doc, 'overveiw'), 'overview');
      assert.equal(suggestAnchor(doc, 'legacy-purpse'), 'legacy-purpose');
    });

    it('nothing for an unrelated anchor', () => {
      assert.equal(suggestAnchor(doc, 'nothing-like-it-at-all'), undefined);
    });

    it('nothing for an unrelated short anchor', () => {
      const small = parseDocument('/ws/b.md', '# Own\n\n## Notes\n');
      assert.equal(suggestAnchor(small, 'api'), undefined);
      assert.equal(suggestAnchor(small, 'x'), undefined);
    });

    it('nothing in a document without headings or anchors', () => {
      assert.equal(suggestAnchor(parseDocument('/ws/c.md', 'text\n'), 'x'), undefined);
    });
  });
});
