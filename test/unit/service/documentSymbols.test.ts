import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { rangeContains } from '../../../server/src/base/range';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { buildService, cancelled, positionOf, tuple } from '../helpers';

/** name -> [children] as a compact tree. */
function outline(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children?.length ? [s.name, outline(s.children)] : s.name));
}

const text = [
  '---', // 0
  'tags: [{Name: QG_X}]', // 1
  '---', // 2
  '# Top', // 3
  '', // 4
  'Intro.', // 5
  '', // 6
  '### Skipped level', // 7
  '', // 8
  '## Second `code` *em*', // 9
  '', // 10
  '#### Deep', // 11
  '', // 12
  '## Third', // 13
  '', // 14
  '# Other top', // 15
  '', // 16
  'Setext', // 17
  '------', // 18
  '', // 19
  'Last line.', // 20
].join('\n');

describe('service: document symbols', () => {
  const symbolsOf = async (files: Record<string, string>, path: string, token = neverCancelled) => {
    const { service } = await buildService(files);
    return service.features.documentSymbols.provideDocumentSymbols(path, token);
  };

  it('nests headings by level, also when levels are skipped', async () => {
    const symbols = await symbolsOf({ '/ws/a.md': text }, '/ws/a.md');
    assert.deepEqual(outline(symbols), [
      ['Top', ['Skipped level', ['Second code em', ['Deep']], 'Third']],
      ['Other top', ['Setext']],
    ]);
  });

  it('gives each symbol its level as detail, kind String and the heading text as selection range', async () => {
    const [top] = await symbolsOf({ '/ws/a.md': text }, '/ws/a.md');
    assert.equal(top.detail, '#');
    assert.equal(top.kind, SymbolKind.String);
    assert.deepEqual(tuple(top.selectionRange), [3, 2, 3, 5]);
    const second = top.children![1];
    assert.equal(second.detail, '##');
    assert.deepEqual(tuple(second.selectionRange), [9, 3, 9, 21]);
  });

  it('a section spans to the next heading of the same or higher level', async () => {
    /** Ends on the line before `nextLine` or at its very start, never inside the next heading. */
    const endsBefore = (s: DocumentSymbol, nextLine: number) =>
      assert.ok(
        s.range.end.line === nextLine - 1 || (s.range.end.line === nextLine && s.range.end.character === 0),
        `${s.name} ends at ${JSON.stringify(s.range.end)}, expected just before line ${nextLine}`,
      );
    const [top, other] = await symbolsOf({ '/ws/a.md': text }, '/ws/a.md');
    assert.deepEqual(top.range.start, { line: 3, character: 0 });
    endsBefore(top, 15);
    const [skipped, second, third] = top.children!;
    assert.equal(skipped.range.start.line, 7);
    endsBefore(skipped, 9);
    assert.equal(second.range.start.line, 9);
    endsBefore(second, 13);
    endsBefore(third, 15);
    assert.equal(other.range.start.line, 15);
    assert.ok(other.range.end.line >= 20);
  });

  it('every selection range lies inside its range, and children inside their parent', async () => {
    const check = (symbols: DocumentSymbol[], parent?: DocumentSymbol) => {
      for (const s of symbols) {
        assert.ok(rangeContains(s.range, s.selectionRange.start) && rangeContains(s.range, s.selectionRange.end), s.name);
        if (parent) assert.ok(rangeContains(parent.range, s.range.start) && rangeContains(parent.range, s.range.end), `${s.name} in ${parent.name}`);
        check(s.children ?? [], s);
      }
    };
    check(await symbolsOf({ '/ws/a.md': text }, '/ws/a.md'));
  });

  it('a section covers its last line of content when the next heading follows without a blank line', async () => {
    const dense = '# A\ntext of A\n## B\ntext of B\n# C\nc';
    const [a] = await symbolsOf({ '/ws/a.md': dense }, '/ws/a.md');
    const endOfTextA = positionOf(dense, 'text of A', 'text of A'.length);
    const endOfTextB = positionOf(dense, 'text of B', 'text of B'.length);
    assert.ok(rangeContains(a.range, endOfTextB), `A ${JSON.stringify(a.range)} should contain ${JSON.stringify(endOfTextB)}`);
    assert.ok(rangeContains(a.range, endOfTextA));
    const [b] = a.children!;
    assert.ok(rangeContains(b.range, endOfTextB), `B ${JSON.stringify(b.range)} should contain ${JSON.stringify(endOfTextB)}`);
  });

  it('names an empty heading', async () => {
    const [symbol] = await symbolsOf({ '/ws/a.md': 'text\n\n#\n' }, '/ws/a.md');
    assert.equal(symbol.name, '(empty heading)');
  });

  it('nothing without headings, for unknown documents, or when cancelled', async () => {
    assert.deepEqual(await symbolsOf({ '/ws/a.md': 'no headings\n' }, '/ws/a.md'), []);
    assert.deepEqual(await symbolsOf({ '/ws/a.md': text }, '/ws/none.md'), []);
    assert.deepEqual(await symbolsOf({ '/ws/a.md': text }, '/ws/a.md', cancelled), []);
  });
});
