import aiActData from '../../../data/packs/ai-act.json';
import amlasData from '../../../data/packs/amlas.json';
import crosswalkData from '../../../data/packs/crosswalk.json';
import secureAiDevData from '../../../data/packs/secure-ai-dev.json';
import { altaiCatalogue, type QuestionCatalogue } from '../altai/catalogue';
import type { CrosswalkData, CrosswalkEntry, Pack, PackData, PackItemData, PackItemEntry } from './types';
import { lazy } from '../../base/memo';

/** The ID of the built-in ALTAI pack (the catalogue in server/data/altai.json). */
export const ALTAI_PACK_ID = 'altai';

/**
 * The ALTAI catalogue as a pack: requirement › section › question. Question IDs
 * are the catalogue's (`TRS.accuracy.3`); every question, sub-questions and answer options
 * too, is a leaf; the catalogue's notes are not items.
 */
export function altaiPack(catalogue: QuestionCatalogue = altaiCatalogue()): Pack {
  return {
    id: ALTAI_PACK_ID,
    title: 'ALTAI: Assessment List for Trustworthy Artificial Intelligence',
    shortTitle: 'ALTAI',
    description:
      "The seven requirements for trustworthy AI of the EU High-Level Expert Group on AI, with their self-assessment questions and the MQG4AI methodology's additional questions.",
    source: catalogue.data.source.replace(/\s*https?:\/\/\S+$/, ''),
    url: /https?:\/\/\S+/.exec(catalogue.data.source)?.[0],
    attribution: catalogue.data.attribution,
    origin: { type: 'built-in' },
    items: catalogue.requirements.map((requirement) => ({
      id: requirement.id,
      kind: 'requirement',
      title: requirement.title,
      items: requirement.sections.map((section) => ({
        id: section.id,
        kind: 'section',
        title: section.title,
        // A note is no ALTAI item: it cannot be cited.
        items: section.questions
          .filter((question) => question.kind !== 'note')
          .map((question) => ({
            id: question.id,
            kind: question.kind === 'question' ? 'question' : question.kind === 'option' ? 'answer option' : 'additional question',
            title: question.text,
          })),
      })),
    })),
  };
}

const builtIn = (data: unknown): Pack => ({ ...(data as PackData), origin: { type: 'built-in' } });

/** The packs shipped with the extension, in a stable order: altai, secure-ai-dev, amlas, ai-act. */
export const builtInPacks = lazy((): readonly Pack[] => [altaiPack(), builtIn(secureAiDevData), builtIn(amlasData), builtIn(aiActData)]);

/** The curated crosswalk shipped with the extension (server/data/packs/crosswalk.json). */
export function builtInCrosswalk(): CrosswalkData {
  return crosswalkData as CrosswalkData;
}

/** Every item of a pack, depth first, with its ancestors. */
export function* packItems(pack: Pack): Iterable<PackItemEntry> {
  const walk = function* (items: readonly PackItemData[], ancestors: readonly PackItemData[]): Iterable<PackItemEntry> {
    for (const item of items) {
      const leaf = !item.items || item.items.length === 0;
      yield { pack, item, ancestors, leaf };
      if (!leaf) yield* walk(item.items!, [...ancestors, item]);
    }
  };
  yield* walk(pack.items, []);
}

/** The suffix that makes a citation of a group cover every item below it: `[AIACT.art9.all]`. */
export const WHOLE_SUFFIX = /\.all$/i;

/** The leaves below an item (the item itself when it is a leaf), depth first. */
export function leavesOf(item: PackItemData): PackItemData[] {
  return item.items && item.items.length > 0 ? item.items.flatMap(leavesOf) : [item];
}

/** Comparison key of item IDs: citations are matched ignoring case. */
export function itemKey(id: string): string {
  return id.toLowerCase();
}

/** A crosswalk entry an item is in, with the other items of the entry that are known. */
export interface Counterparts {
  readonly entry: CrosswalkEntry;
  readonly items: readonly PackItemEntry[];
}

/**
 * The packs a workspace knows (built-in and its own pack files) and which of them are
 * enabled, with lookups by item ID and the crosswalk. Immutable.
 */
export class PackRegistry {
  private readonly byKey = new Map<string, PackItemEntry>();
  /** Former IDs (an item's `aliases`) that no item has as its own ID. */
  private readonly aliasByKey = new Map<string, PackItemEntry>();
  private readonly crosswalkByKey = new Map<string, CrosswalkEntry[]>();
  /** The enabled packs, in the order given (unknown IDs left out). */
  readonly enabled: readonly Pack[];

  constructor(
    /** Every known pack: built-in ones first, then the workspace's own. */
    readonly available: readonly Pack[],
    enabledIds: readonly string[],
    readonly crosswalk: readonly CrosswalkEntry[] = builtInCrosswalk().entries,
  ) {
    // Pack by pack, the first one wins: a pack's own IDs, then its former IDs (aliases).
    for (const pack of available) {
      for (const entry of packItems(pack)) {
        const key = itemKey(entry.item.id);
        if (!this.byKey.has(key) && !this.aliasByKey.has(key)) this.byKey.set(key, entry);
      }
      for (const entry of packItems(pack)) {
        for (const alias of entry.item.aliases ?? []) {
          const key = itemKey(alias);
          if (!this.byKey.has(key) && !this.aliasByKey.has(key)) this.aliasByKey.set(key, entry);
        }
      }
    }
    const enabled: Pack[] = [];
    for (const id of enabledIds) {
      const pack = available.find((p) => p.id === id);
      if (pack && !enabled.includes(pack)) enabled.push(pack);
    }
    this.enabled = enabled;
    for (const entry of crosswalk) {
      for (const id of entry.items) {
        // A crosswalk may name an item by a former ID: file it under the item's own.
        const key = itemKey(this.item(id)?.item.id ?? id);
        this.crosswalkByKey.set(key, [...(this.crosswalkByKey.get(key) ?? []), entry]);
      }
    }
  }

  /** The built-in packs, `enabledIds` of them enabled (default: ALTAI only). */
  static builtIn(enabledIds: readonly string[] = [ALTAI_PACK_ID]): PackRegistry {
    return new PackRegistry(builtInPacks(), enabledIds);
  }

  /** The same packs with another set enabled (the CLI's `--pack`). */
  withEnabled(ids: readonly string[]): PackRegistry {
    return new PackRegistry(this.available, ids, this.crosswalk);
  }

  pack(id: string): Pack | undefined {
    return this.available.find((p) => p.id === id);
  }

  isEnabled(packId: string): boolean {
    return this.enabled.some((p) => p.id === packId);
  }

  /** The item an ID names (ignoring case), in any known pack; a former ID (alias) names its item too. */
  item(id: string): PackItemEntry | undefined {
    const key = itemKey(id);
    return this.byKey.get(key) ?? this.aliasByKey.get(key);
  }

  /** Whether `id` is a former ID of an item rather than its own (`AMLAS-3.1` for `AMLAS-L`). */
  isAlias(id: string): boolean {
    const key = itemKey(id);
    return !this.byKey.has(key) && this.aliasByKey.has(key);
  }

  /**
   * The item a "whole item" citation names: `[AIACT.art9.all]` marks every leaf below
   * Article 9 as addressed by the citing document. Only for items with sub-items, never
   * for ALTAI (its questions are answered one by one). Undefined for anything else.
   */
  wholeItem(id: string): PackItemEntry | undefined {
    const match = WHOLE_SUFFIX.exec(id);
    if (!match) return undefined;
    const key = itemKey(id.slice(0, match.index));
    const entry = this.byKey.get(key);
    return entry && !entry.leaf && entry.pack.id !== ALTAI_PACK_ID ? entry : undefined;
  }

  /** Every item of the enabled packs, depth first. */
  *enabledItems(): Iterable<PackItemEntry> {
    for (const pack of this.enabled) yield* packItems(pack);
  }

  /** The crosswalk entries an item is in, each with its other items (unknown IDs left out). */
  counterparts(id: string): Counterparts[] {
    const key = itemKey(this.item(id)?.item.id ?? id);
    return (this.crosswalkByKey.get(key) ?? []).map((entry) => ({
      entry,
      items: entry.items.map((other) => this.item(other)).filter((e): e is PackItemEntry => e !== undefined && itemKey(e.item.id) !== key),
    }));
  }
}
