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
    assert.deepEqual(
      builtInPacks().map((p) => p.id),
      ['altai', 'secure-ai-dev', 'amlas', 'ai-act'],
    );
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

  it('has unique item IDs and former IDs across all packs (ignoring case), each of the citable shape', () => {
    const seen = new Map<string, string>();
    for (const pack of builtInPacks()) {
      for (const { item, leaf } of packItems(pack)) {
        for (const alias of item.aliases ?? []) {
          assert.ok(!seen.has(itemKey(alias)), `${alias} (alias) in ${pack.id} and ${seen.get(itemKey(alias))}`);
          seen.set(itemKey(alias), pack.id);
          assert.match(alias, ITEM_ID, alias);
        }
        const key = itemKey(item.id);
        assert.ok(!seen.has(key), `${item.id} in ${pack.id} and ${seen.get(key)}`);
        seen.set(key, pack.id);
        // ALTAI's requirement codes (HAO, TRS, ...) are one part; everything a coverage node counts is citable.
        if (leaf || pack.id !== 'altai') assert.match(item.id, ITEM_ID, item.id);
      }
    }
    assert.equal(
      ITEM_ID.source,
      schema.definitions.itemId.pattern.replace('([.-][A-Za-z0-9_]+)+$', '(?:[.-][A-Za-z0-9_]+)+$'),
      'the parser and the schema agree on the ID shape',
    );
  });

  it('secure-ai-dev: 4 stages, 17 guidelines (4, 4, 5, 4)', () => {
    const pack = builtInPacks().find((p) => p.id === 'secure-ai-dev')!;
    assert.deepEqual(
      pack.items.map((s) => s.title),
      ['Secure design', 'Secure development', 'Secure deployment', 'Secure operation and maintenance'],
    );
    assert.deepEqual(
      pack.items.map((s) => s.items!.length),
      [4, 4, 5, 4],
    );
    assert.ok(pack.items.flatMap((s) => s.items!).some((g) => g.id === 'SAD.deployment.4' && g.title === 'Release AI responsibly'));
  });

  it("amlas: keyed by AMLAS's own references: stages 1-6, activities 1-17, artefacts [A]-[HH]", () => {
    const pack = builtInPacks().find((p) => p.id === 'amlas')!;
    assert.deepEqual(
      pack.items.map((s) => s.id),
      ['AMLAS-1', 'AMLAS-2', 'AMLAS-3', 'AMLAS-4', 'AMLAS-5', 'AMLAS-6'],
    );
    const all = pack.items.flatMap((s) => s.items!);
    const activities = all.filter((i) => i.kind === 'activity');
    assert.deepEqual(
      activities.map((a) => a.id),
      Array.from({ length: 17 }, (_, i) => `AMLAS-Act${i + 1}`),
    );
    assert.deepEqual(
      pack.items.map((s) => s.items!.filter((i) => i.kind === 'activity').length),
      [2, 3, 4, 3, 2, 3],
      'activities per stage as AMLAS numbers them',
    );
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'AA', 'BB', 'CC', 'DD', 'EE', 'FF', 'GG', 'HH'];
    const artefacts = all.filter((i) => i.kind !== 'activity');
    assert.deepEqual(artefacts.map((a) => a.id).sort(), letters.map((l) => `AMLAS-${l}`).sort());
    for (const artefact of artefacts) assert.match(artefact.title, new RegExp(`^\\[${artefact.id.slice(6)}\\] `), `${artefact.id} titled with its letter`);
    const byId = (id: string) => all.find((i) => i.id === id)!;
    assert.equal(byId('AMLAS-Act6').title, 'Activity 6: Define data requirements');
    assert.equal(byId('AMLAS-L').title, '[L] Data requirements');
    assert.equal(byId('AMLAS-DD').title, '[DD] Erroneous behaviour log');
    assert.equal(byId('AMLAS-HH').title, '[HH] ML deployment argument');
  });

  it('amlas: every former AMLAS-<stage>.<n> ID is an alias of the artefact it meant', () => {
    const registry = PackRegistry.builtIn(['amlas']);
    const expected: Record<string, string> = {
      '1.1': 'A',
      '1.2': 'B',
      '1.3': 'C',
      '1.4': 'D',
      '1.5': 'E',
      '1.6': 'G',
      '2.1': 'H',
      '2.2': 'J',
      '2.3': 'K',
      '3.1': 'L',
      '3.2': 'M',
      '3.3': 'N',
      '3.4': 'O',
      '3.5': 'P',
      '3.6': 'T',
      '4.1': 'V',
      '4.2': 'U',
      '4.3': 'X',
      '4.4': 'Y',
      '5.1': 'Z',
      '5.2': 'AA',
      '5.3': 'CC',
      '6.1': 'EE',
      '6.2': 'FF',
      '6.3': 'DD',
      '6.4': 'HH',
    };
    for (const [old, letter] of Object.entries(expected)) {
      assert.equal(registry.item(`AMLAS-${old}`)?.item.id, `AMLAS-${letter}`, old);
      assert.ok(registry.isAlias(`AMLAS-${old}`), old);
    }
  });

  it('ai-act: Art. 8-15 and 17 by paragraph and point, Art. 72-73, Annex IV (1)-(9), provider duties by article', () => {
    const pack = builtInPacks().find((p) => p.id === 'ai-act')!;
    const entries = [...packItems(pack)];
    const articles = entries.filter((e) => e.item.kind === 'article').map((e) => e.item.id);
    assert.deepEqual(
      articles,
      [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 43, 47, 48, 49, 72, 73].map((n) => `AIACT.art${n}`),
    );
    const leafArticles = entries.filter((e) => e.item.kind === 'article' && e.leaf).map((e) => e.item.id);
    assert.deepEqual(
      leafArticles,
      [16, 18, 19, 20, 43, 47, 48, 49].map((n) => `AIACT.art${n}`),
      'the provider duties at article level',
    );
    const below = (id: string) => entries.find((e) => e.item.id === id)!.item.items!.map((i) => i.id);
    assert.deepEqual(
      below('AIACT.art9'),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `AIACT.art9.${n}`),
    );
    assert.deepEqual(
      below('AIACT.art17.1'),
      [...'abcdefghijklm'].map((l) => `AIACT.art17.1.${l}`),
    );
    assert.deepEqual(
      below('AIACT.annex4'),
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `AIACT.annex4.${n}`),
    );
    assert.deepEqual(
      below('AIACT.art13.3.b'),
      ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii'].map((n) => `AIACT.art13.3.b.${n}`),
    );
    assert.equal(entries.find((e) => e.item.id === 'AIACT.art15')!.item.title, 'Article 15: Accuracy, robustness and cybersecurity');
    assert.match(entries.find((e) => e.item.id === 'AIACT.art15.5')!.item.title, /^Art\. 15\(5\) .*poisoning.*evasion/);
    assert.match(entries.find((e) => e.item.id === 'AIACT.art17.1.m')!.item.title, /^Art\. 17\(1\)\(m\) /);
    // Every article of Sections 2 and 3 that has paragraphs cites nothing by itself: it is not a leaf.
    assert.ok(entries.filter((e) => /^AIACT\.art(8|9|1[0-5]|17|7[23])$/.test(e.item.id)).every((e) => !e.leaf));
  });

  it('altai: the catalogue as requirement › section › question, every question and answer option a leaf, the note no item', () => {
    const pack = builtInPacks()[0];
    const leaves = [...packItems(pack)].filter((e) => e.leaf);
    assert.equal(leaves.length, 145, '126 questions, 12 answer options, 7 MQG4AI questions');
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
      assert.ok(
        entry.rationale && entry.rationale.length > 20 && entry.rationale.length < 200 && !entry.rationale.includes('\n'),
        `${entry.id}: a one-line rationale`,
      );
      const packs = new Set(
        entry.items.map((id) => {
          const found = registry.item(id);
          assert.ok(found, `${entry.id}: no item ${id}`);
          assert.ok(found.leaf, `${entry.id}: ${id} is a leaf, so coverage can say whether it is addressed`);
          return found.pack.id;
        }),
      );
      assert.ok(packs.size >= 2, `${entry.id} links items of one pack only`);
      assert.equal(new Set(entry.items).size, entry.items.length, `${entry.id}: an item twice`);
    }
  });

  const ids = (id: string) => registry.counterparts(id).flatMap((c) => c.items.map((e) => e.item.id));

  it('links the ALTAI red-team question, "Release AI responsibly" and Art. 15(5)', () => {
    const counterparts = ids('TRS.resilience-to-attack-and-security.5');
    assert.ok(counterparts.includes('SAD.deployment.4') && counterparts.includes('AIACT.art15.5'), counterparts.join(', '));
    // The relation is symmetric: each item of an entry sees the others.
    assert.ok(registry.counterparts('AIACT.art15.5').some((c) => c.items.some((e) => e.item.id === 'TRS.resilience-to-attack-and-security.5')));
  });

  it('pairs attack types with threat modelling and Art. 15(5), poisoning and evasion with Art. 15(5), testing with Art. 9(6)-(8)', () => {
    const attackTypes = ids('TRS.resilience-to-attack-and-security.3.2');
    assert.ok(attackTypes.includes('SAD.design.2') && attackTypes.includes('AIACT.art15.5'), attackTypes.join(', '));
    assert.ok(!attackTypes.includes('SAD.design.1'), 'staff awareness is not where attack types are analysed');
    assert.ok(ids('TRS.resilience-to-attack-and-security.3.2.1').includes('AIACT.art15.5'), 'data poisoning');
    assert.ok(ids('TRS.resilience-to-attack-and-security.3.2.2').includes('AIACT.art15.5'), 'model evasion');
    const testing = ids('TRS.reliability-fall-back-plans-and-reproducibility.3');
    assert.ok(testing.includes('AIACT.art9.6') && testing.includes('AIACT.art9.8'), testing.join(', '));
    assert.ok(!ids('TRS.accuracy.3').some((id) => id.startsWith('AMLAS-')), 'operational monitoring has no AMLAS integration-log counterpart');
    assert.ok(ids('TRS.accuracy.3').includes('AIACT.art72.2'));
  });

  it("finds an entry through an item's former ID", () => {
    assert.deepEqual(ids('AMLAS-3.1'), ids('AMLAS-L'));
    assert.ok(ids('AMLAS-3.1').includes('AIACT.art10.3'));
  });
});

describe('packs: the pack schema is shipped and wired', () => {
  it('is contributed for *.mqg4ai-pack.json files', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.ok(
      pkg.contributes.jsonValidation.some(
        (v: { fileMatch: string | string[]; url: string }) =>
          [v.fileMatch].flat().includes('*.mqg4ai-pack.json') && v.url === './schemas/mqg4ai-pack.schema.json',
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
