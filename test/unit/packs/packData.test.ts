// Integrity of the shipped pack data: server/data/packs/*.json, the ALTAI pack, the crosswalk
// and the pack schema.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ITEM_ID } from '../../../server/src/domain/packs/citations';
import { validatePackData } from '../../../server/src/config/loadPacks';
import { builtInCrosswalk, builtInPacks, itemKey, packItems, PackRegistry } from '../../../server/src/domain/packs/registry';
import { RESERVED_PACK_IDS } from '../../../server/src/domain/packs/types';

const root = resolve(__dirname, '../../..');
const DATA = join(root, 'server/data/packs');
const packFiles = readdirSync(DATA).filter((f) => f.endsWith('.json') && f !== 'crosswalk.json');
const schema = JSON.parse(readFileSync(join(root, 'schemas/mqg4ai-pack.schema.json'), 'utf8'));

describe('packs: built-in pack data', () => {
  it('ships altai, secure-ai-dev, amlas and ai-act, each JSON file valid against the pack schema', () => {
    assert.deepEqual(builtInPacks().map((p) => p.id), ['altai', 'secure-ai-dev', 'amlas', 'ai-act']);
    assert.deepEqual(packFiles.sort(), ['ai-act.json', 'amlas.json', 'secure-ai-dev.json']);
    for (const file of packFiles) {
      const data = JSON.parse(readFileSync(join(DATA, file), 'utf8'));
      assert.deepEqual(validatePackData(data), [], file);
      assert.equal(`${data.id}.json`, file, 'file named after the pack');
    }
  });

  it('gives every pack a source and an attribution, and every item of the JSON packs a one-line description', () => {
    for (const pack of builtInPacks()) {
      assert.ok(pack.source.trim().length > 20, `${pack.id}: source`);
      assert.ok(pack.attribution.trim().length > 20, `${pack.id}: attribution`);
      assert.ok(!RESERVED_PACK_IDS.has(pack.id), pack.id);
      if (pack.id === 'altai') continue;
      for (const { item } of packItems(pack)) {
        assert.ok(item.description && item.description.length > 10 && !item.description.includes('\n'), `${item.id}: one-line description`);
        assert.ok(item.description.length < 200, `${item.id}: a line, not a paragraph`);
      }
    }
  });

  it('has unique item IDs across all packs (ignoring case), each of the citable shape', () => {
    const seen = new Map<string, string>();
    for (const pack of builtInPacks()) {
      for (const { item, leaf } of packItems(pack)) {
        const key = itemKey(item.id);
        assert.ok(!seen.has(key), `${item.id} in ${pack.id} and ${seen.get(key)}`);
        seen.set(key, pack.id);
        // ALTAI's requirement codes (HAO, TRS, ...) are one part; everything a coverage node counts is citable.
        if (leaf || pack.id !== 'altai') assert.match(item.id, ITEM_ID, item.id);
      }
    }
    assert.equal(ITEM_ID.source, schema.definitions.itemId.pattern.replace('([.-][A-Za-z0-9_]+)+$', '(?:[.-][A-Za-z0-9_]+)+$'), 'the parser and the schema agree on the ID shape');
  });

  it('secure-ai-dev: 4 stages, 17 guidelines (4, 4, 5, 4)', () => {
    const pack = builtInPacks().find((p) => p.id === 'secure-ai-dev')!;
    assert.deepEqual(pack.items.map((s) => s.title), ['Secure design', 'Secure development', 'Secure deployment', 'Secure operation and maintenance']);
    assert.deepEqual(pack.items.map((s) => s.items!.length), [4, 4, 5, 4]);
    assert.ok(pack.items.flatMap((s) => s.items!).some((g) => g.id === 'SAD.deployment.4' && g.title === 'Release AI responsibly'));
  });

  it('amlas: 6 stages AMLAS-1..6, each with assurance artefacts AMLAS-<stage>.<n>', () => {
    const pack = builtInPacks().find((p) => p.id === 'amlas')!;
    assert.deepEqual(pack.items.map((s) => s.id), ['AMLAS-1', 'AMLAS-2', 'AMLAS-3', 'AMLAS-4', 'AMLAS-5', 'AMLAS-6']);
    for (const stage of pack.items) {
      assert.ok(stage.items!.length >= 3, stage.id);
      stage.items!.forEach((artefact, i) => {
        assert.equal(artefact.id, `${stage.id}.${i + 1}`);
        assert.equal(artefact.kind, 'artefact');
      });
    }
  });

  it('ai-act: Articles 9 to 15 and 17', () => {
    const pack = builtInPacks().find((p) => p.id === 'ai-act')!;
    const articles = [...packItems(pack)].filter((e) => e.leaf).map((e) => e.item.id);
    assert.deepEqual(articles, ['AIACT.art9', 'AIACT.art10', 'AIACT.art11', 'AIACT.art12', 'AIACT.art13', 'AIACT.art14', 'AIACT.art15', 'AIACT.art17']);
  });

  it('altai: the catalogue as requirement › section › question, every question a leaf', () => {
    const pack = builtInPacks()[0];
    const leaves = [...packItems(pack)].filter((e) => e.leaf);
    assert.equal(leaves.length, 146);
    assert.ok(leaves.every((e) => e.ancestors.length === 2));
  });
});

describe('packs: the crosswalk', () => {
  const registry = PackRegistry.builtIn(['altai', 'secure-ai-dev', 'amlas', 'ai-act']);
  const crosswalk = builtInCrosswalk();

  it('names only items that exist, links items of at least two packs per entry, has an attribution', () => {
    assert.ok(crosswalk.attribution.length > 20);
    const ids = new Set<string>();
    for (const entry of crosswalk.entries) {
      assert.ok(entry.id && !ids.has(entry.id), `unique entry id ${entry.id}`);
      ids.add(entry.id!);
      assert.ok(entry.title, entry.id);
      const packs = new Set(entry.items.map((id) => {
        const found = registry.item(id);
        assert.ok(found, `${entry.id}: no item ${id}`);
        assert.ok(found.leaf, `${entry.id}: ${id} is a leaf, so coverage can say whether it is addressed`);
        return found.pack.id;
      }));
      assert.ok(packs.size >= 2, `${entry.id} links items of one pack only`);
      assert.equal(new Set(entry.items).size, entry.items.length, `${entry.id}: an item twice`);
    }
  });

  it('links the ALTAI red-team question, "Release AI responsibly" and Art. 15', () => {
    const counterparts = registry.counterparts('TRS.resilience-to-attack-and-security.5').flatMap((c) => c.items.map((e) => e.item.id));
    assert.ok(counterparts.includes('SAD.deployment.4') && counterparts.includes('AIACT.art15'), counterparts.join(', '));
    // The relation is symmetric: each item of an entry sees the others.
    assert.ok(registry.counterparts('AIACT.art15').some((c) => c.items.some((e) => e.item.id === 'TRS.resilience-to-attack-and-security.5')));
  });
});

describe('packs: the pack schema is shipped and wired', () => {
  it('is contributed for *.mqg4ai-pack.json files', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.ok(
      pkg.contributes.jsonValidation.some(
        (v: { fileMatch: string | string[]; url: string }) => [v.fileMatch].flat().includes('*.mqg4ai-pack.json') && v.url === './schemas/mqg4ai-pack.schema.json',
      ),
    );
  });

  it('rejects what a pack must not be: reserved IDs, bad item IDs, missing attribution, unknown keys', () => {
    const base = { id: 'ours', title: 'Ours', source: 'us', attribution: 'us', items: [{ id: 'OUR.a.1', title: 'A' }] };
    assert.deepEqual(validatePackData(base), []);
    for (const bad of [
      { ...base, id: 'risks' },
      { ...base, id: 'Ours' },
      { ...base, attribution: undefined },
      { ...base, items: [{ id: 'single', title: 'A' }] },
      { ...base, items: [{ id: 'OUR.a', title: 'A', items: [] }] },
      { ...base, colour: 'blue' },
      { ...base, crosswalk: [{ items: ['OUR.a.1'] }] },
    ]) {
      assert.notDeepEqual(validatePackData(JSON.parse(JSON.stringify(bad))), [], JSON.stringify(bad));
    }
  });
});
