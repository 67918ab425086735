// Loading a workspace's packs: built-in ones, pack files from questionPacks, problems located
// in the pack file or the configuration file, never an exception.
import assert from 'node:assert/strict';
import { mergeConfig } from '../../../server/src/config/projectConfig';
import { loadWorkspacePacks } from '../../../server/src/config/loadPacks';
import { InMemoryFileSystem } from '../../../server/src/base/fileSystem';

const OWN = {
  id: 'ours',
  title: 'Our review',
  source: 'Our team',
  attribution: 'Our own words',
  items: [{ id: 'OUR.review', title: 'Review', items: [{ id: 'OUR.review.1', title: 'Walkthrough', description: 'Walk the floor.' }] }],
  crosswalk: [{ title: 'Operating context', items: ['OUR.review.1', 'AMLAS-1.2'] }],
};

async function load(files: Record<string, string>, layer: Parameters<typeof mergeConfig>[0]) {
  const fs = new InMemoryFileSystem(files);
  return loadWorkspacePacks(fs, '/ws', mergeConfig(layer), files['/ws/.mqg4ai.yaml'] !== undefined ? '/ws/.mqg4ai.yaml' : undefined);
}

describe('packs: loading a workspace’s packs', () => {
  it('by default enables ALTAI only, with every built-in pack known', async () => {
    const { registry, problems, files } = await load({}, {});
    assert.deepEqual(
      registry.enabled.map((p) => p.id),
      ['altai'],
    );
    assert.deepEqual(
      registry.available.map((p) => p.id),
      ['altai', 'secure-ai-dev', 'amlas', 'ai-act'],
    );
    assert.deepEqual([problems, files], [[], []]);
    assert.equal(registry.item('amlas-l')?.item.id, 'AMLAS-L', 'IDs compare ignoring case');
    assert.equal(registry.item('amlas-3.1')?.item.id, 'AMLAS-L', 'a former ID names its item');
    assert.equal(registry.isAlias('AMLAS-3.1'), true);
    assert.equal(registry.isAlias('AMLAS-L'), false);
  });

  it('enables the listed packs in order and every pack file that loads, JSON or YAML', async () => {
    const yaml = 'id: yamlpack\ntitle: Y\nsource: s\nattribution: a\nitems:\n  - id: YP.one\n    title: One\n';
    const { registry, problems, files } = await load(
      { '/ws/.mqg4ai.yaml': 'packs: [amlas, altai]\n', '/ws/packs/ours.json': JSON.stringify(OWN), '/ws/packs/y.yaml': yaml },
      { packs: ['amlas', 'altai'], questionPacks: ['packs/ours.json', 'packs/y.yaml'] },
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      registry.enabled.map((p) => p.id),
      ['amlas', 'altai', 'ours', 'yamlpack'],
    );
    assert.deepEqual(files, ['/ws/packs/ours.json', '/ws/packs/y.yaml']);
    assert.deepEqual(registry.pack('ours')?.origin, { type: 'file', path: '/ws/packs/ours.json' });
    assert.deepEqual(
      registry.counterparts('AMLAS-1.2').flatMap((c) => c.items.map((e) => e.item.id)),
      ['OUR.review.1'],
      "the pack file's crosswalk joins the built-in one",
    );
  });

  it('reports invalid pack files at the offending place and leaves them out', async () => {
    const text = JSON.stringify({ ...OWN, attribution: undefined, items: [{ id: 'bad id', title: 'x' }] }, null, 2);
    const { registry, problems } = await load({ '/ws/ours.json': text }, { questionPacks: ['ours.json'] });
    assert.deepEqual(
      registry.enabled.map((p) => p.id),
      ['altai'],
    );
    assert.ok(problems.every((p) => p.path === '/ws/ours.json'));
    assert.ok(
      problems.some((p) => /needs "attribution"/.test(p.message)),
      problems.map((p) => p.message).join('\n'),
    );
    const bad = problems.find((p) => /not a valid ID/.test(p.message))!;
    assert.equal(text.split('\n')[bad.range.start.line].includes('"bad id"'), true, 'at the bad ID');
  });

  it('reports JSON syntax errors, duplicate pack and item IDs, unknown crosswalk items', async () => {
    const dupItem = {
      ...OWN,
      id: 'ours2',
      items: [
        { id: 'AMLAS-1.1', title: 'Taken' },
        { id: 'OUR.x', title: 'x' },
        { id: 'our.X', title: 'twice' },
      ],
      crosswalk: [{ items: ['OUR.x', 'NOPE.1'] }],
    };
    const { registry, problems } = await load(
      { '/ws/a.json': '{ "id": ', '/ws/b.json': JSON.stringify({ ...OWN, id: 'amlas' }), '/ws/c.json': JSON.stringify(dupItem, null, 1) },
      { questionPacks: ['a.json', 'b.json', 'c.json'] },
    );
    const by = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message);
    assert.match(by('/ws/a.json').join(), /^Not valid JSON\/YAML/);
    assert.match(by('/ws/b.json').join(), /A pack with the ID "amlas" already exists/);
    assert.deepEqual(by('/ws/c.json').length, 3, by('/ws/c.json').join('\n'));
    assert.ok(by('/ws/c.json').some((m) => /"AMLAS-1.1" is already used by the pack "amlas"/.test(m)));
    assert.ok(by('/ws/c.json').some((m) => /"our.X" appears twice/.test(m)));
    assert.ok(by('/ws/c.json').some((m) => /no pack has an item "NOPE.1"/.test(m)));
    // A pack with duplicate IDs still loads: its other items are usable.
    assert.equal(registry.item('OUR.x')?.pack.id, 'ours2');
    assert.equal(registry.item('AMLAS-1.1')?.pack.id, 'amlas', 'the first pack keeps its ID, a former ID (of AMLAS-A) too');
    assert.equal(registry.item('AMLAS-1.1')?.item.id, 'AMLAS-A');
  });

  it('reports unknown pack IDs, missing pack files and paths outside the folder on the configuration file', async () => {
    const config = 'packs: [altai, amlass]\nquestionPacks:\n  - missing.json\n  - ../elsewhere.json\n';
    const { registry, problems, files } = await load(
      { '/ws/.mqg4ai.yaml': config },
      { packs: ['altai', 'amlass'], questionPacks: ['missing.json', '../elsewhere.json'] },
    );
    assert.deepEqual(
      registry.enabled.map((p) => p.id),
      ['altai'],
    );
    assert.deepEqual(files, ['/ws/missing.json'], 'nothing outside the folder is read or watched');
    assert.deepEqual(
      problems.map((p) => [p.path, p.range.start.line, p.message.split(/[.:]/)[0]]),
      [
        ['/ws/.mqg4ai.yaml', 2, 'Pack file not found'],
        ['/ws/.mqg4ai.yaml', 3, 'The pack file "'],
        ['/ws/.mqg4ai.yaml', 0, 'Unknown pack "amlass"'],
      ],
    );
    assert.equal(problems[2].range.start.character, 'packs: [altai, '.length);
  });
});
