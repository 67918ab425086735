// "Did you mean" searches off the request path: the engine searches the open documents' broken
// links in the background after a change; hovers and code actions read the results, and a request
// that comes first searches under the small per-request budget (docs/security.md).
import assert from 'node:assert/strict';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { REQUEST_SEARCH_BUDGET, SearchBudget } from '../../../server/src/base/editDistance';
import { searchLinkSuggestions, LinkSuggestionStore } from '../../../server/src/features/refactor/linkSuggestions';
import { quickFixesFor } from '../../../server/src/features/refactor/quickFixes';
import { buildIndex, buildService } from '../helpers';

const A = '# A\n\n[near](QG_Data.md) [anchor](b.md#scpe) [fine](b.md)\n';
const FILES = { '/ws/a.md': A, '/ws/QG_Date.md': '# Data gate\n', '/ws/b.md': '# B\n\n## Scope\n' };

describe('robustness: suggestion searches off the request path', () => {
  it('an open document is searched in the background; requests then read the results, none searches again', async () => {
    const { service } = await buildService(FILES);
    await service.openDocument('/ws/a.md', A);
    const doc = service.index.getDocument('/ws/a.md')!;
    const store = storeOf(service);
    // Before the background search has run: a request searches for itself (each time anew).
    assert.equal(store.isReady(doc), false);
    const early = store.suggesterFor(doc, neverCancelled);
    assert.notEqual(early(doc.links[0]), store.suggesterFor(doc, neverCancelled)(doc.links[0]));
    await service.whenSuggestionsReady();
    assert.equal(store.isReady(doc), true);
    // Ready: two requests get the very same result objects, computed once in the background.
    const [first, second] = [store.suggesterFor(doc, neverCancelled), store.suggesterFor(doc, neverCancelled)];
    for (const link of doc.links) assert.equal(first(link), second(link));
    assert.deepEqual(
      doc.links.map((l) => first(l).diagnostic?.code),
      ['link.missing-file', 'link.missing-anchor', undefined],
    );
    assert.equal(first(doc.links[0]).files[0].path, '/ws/QG_Date.md');
    assert.equal(first(doc.links[1]).anchors[0].slug, 'scope');
    // The hover and the code actions show what the background found.
    const hover = service.features.hover.provideHover('/ws/a.md', doc.links[1].destinationRange.start, neverCancelled);
    assert.match(JSON.stringify(hover?.contents), /Change the anchor to \\\\#scope/);
    const actions = service.features.quickFixes.provideCodeActions('/ws/a.md', doc.links[0].destinationRange, { diagnostics: [] }, neverCancelled);
    assert.ok(actions.some((a) => a.title === 'Change the link to QG_Date.md' && a.isPreferred));
    await service.dispose();
  });

  it('any change to the index makes the results stale until the next background search', async () => {
    const { service } = await buildService(FILES);
    await service.openDocument('/ws/a.md', A);
    await service.whenSuggestionsReady();
    const store = storeOf(service);
    const doc = service.index.getDocument('/ws/a.md')!;
    assert.equal(store.isReady(doc), true);
    // Another document gains the heading the link asks for: the stored "did you mean" is wrong now.
    await service.openDocument('/ws/b.md', '# B\n\n## Scope\n\n## Scpe\n');
    assert.equal(store.isReady(doc), false);
    assert.equal(store.suggesterFor(doc, neverCancelled)(doc.links[1]).diagnostic, undefined);
    await service.whenSuggestionsReady();
    assert.equal(store.isReady(doc), true);
    assert.equal(store.suggesterFor(doc, neverCancelled)(doc.links[1]).diagnostic, undefined);
    // A closed document's results are dropped.
    await service.closeDocument('/ws/a.md');
    await service.whenSuggestionsReady();
    assert.equal(store.isReady(doc), false);
    await service.dispose();
  });

  it('a request before the results are ready spends at most the request budget, and applies nothing unseen from a cut search', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`/ws/d/QG_Document_number_${i}.md`] = `# Quality gate document number ${i}\n`;
    files['/ws/a.md'] = Array.from({ length: 200 }, (_, i) => `[Quality gate document numbr ${i}](d/QG_Document_numbr_${i}.md)\n`).join('');
    const { index } = await buildIndex(files);
    const doc = index.getDocument('/ws/a.md')!;
    const budget = new SearchBudget(REQUEST_SEARCH_BUDGET);
    const found = doc.links.map((link) => searchLinkSuggestions(index, doc, link, budget));
    // One comparison may overrun the budget by at most its own cost.
    assert.ok(budget.spent <= REQUEST_SEARCH_BUDGET + 40_000, `spent ${budget.spent}`);
    assert.ok(found.some((f) => !f.complete));
    // The request still answers, with what it found; fixes from a cut search are never "safe" (fix all).
    const store = new LinkSuggestionStore(index);
    const fixes = quickFixesFor(index, doc, files['/ws/a.md'].split('\n'), { canCreateFiles: false, suggest: store.suggesterFor(doc, neverCancelled) });
    assert.ok(fixes.length > 0);
    assert.ok(fixes.every((f) => !f.safe));
  });
});

/** The engine's store, as its hover provider holds it. */
function storeOf(service: { features: { hover: unknown } }): LinkSuggestionStore {
  return (service.features.hover as unknown as { suggestions: LinkSuggestionStore }).suggestions;
}
