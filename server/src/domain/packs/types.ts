/**
 * Assessment packs: a framework's structure (stages, articles, guidelines, questions) as items
 * with stable IDs that documents cite as `[ID]`. The file format is
 * schemas/mqg4ai-pack.schema.json; docs/packs.md describes it and the built-in packs.
 */

/** One item of a pack, as written in a pack file. Items without `items` are the leaves coverage counts. */
export interface PackItemData {
  /** Stable ID, e.g. `SAD.design.2`, `AMLAS-3.1`, `AIACT.art15`. */
  readonly id: string;
  readonly title: string;
  /** One line in the pack author's own words. */
  readonly description?: string;
  /** What the item is: stage, article, guideline, artefact, question, ... */
  readonly kind?: string;
  /** Former IDs: a citation of one counts for this item, and its hover suggests the current ID. */
  readonly aliases?: readonly string[];
  readonly items?: readonly PackItemData[];
}

/** Items of different packs that one piece of evidence often serves. */
export interface CrosswalkEntry {
  readonly id?: string;
  readonly title?: string;
  /** One line: why the items ask for overlapping evidence (shown in hovers). */
  readonly rationale?: string;
  readonly items: readonly string[];
}

/** A pack file's content. */
export interface PackData {
  readonly id: string;
  readonly title: string;
  readonly shortTitle?: string;
  readonly description?: string;
  readonly source: string;
  readonly url?: string;
  readonly attribution: string;
  readonly items: readonly PackItemData[];
  readonly crosswalk?: readonly CrosswalkEntry[];
}

/** Where a pack comes from. */
export type PackOrigin = { readonly type: 'built-in' } | { readonly type: 'file'; readonly path: string };

/** A loaded pack. */
export interface Pack extends PackData {
  readonly origin: PackOrigin;
}

/** An item with its place: the pack and the items above it (outermost first). */
export interface PackItemEntry {
  readonly pack: Pack;
  readonly item: PackItemData;
  readonly ancestors: readonly PackItemData[];
  /** Whether coverage counts it (it has no sub-items). */
  readonly leaf: boolean;
}

/** The crosswalk file (server/data/packs/crosswalk.json). */
export interface CrosswalkData {
  readonly description?: string;
  readonly attribution: string;
  readonly entries: readonly CrosswalkEntry[];
}

/** IDs of coverage groups that are not packs: a pack may not take them. */
export const RESERVED_PACK_IDS: ReadonlySet<string> = new Set(['lifecycle', 'risks', 'system']);

/** A short name for a pack: its `shortTitle`, else its title. */
export function packLabel(pack: Pick<PackData, 'title' | 'shortTitle'>): string {
  return pack.shortTitle ?? pack.title;
}
