import glossaryData from '../../../data/glossary.json';
import type { CatalogueRequirement, QuestionCatalogue } from '../altai/catalogue';
import type { QualityGateDocument, TermDefinition } from '../document/types';
import type { Range } from '../../base/range';
import type { CancellationToken } from '../../base/cancellation';
import { memoizeBounded, memoizeByObject } from '../../base/memo';

/** A term of the built-in glossary (server/data/glossary.json). */
export interface GlossaryEntry {
  readonly term: string;
  readonly aliases: readonly string[];
  readonly definition: string;
  /** Which idea the definition paraphrases. */
  readonly source: string;
}

/** What a front-matter tag key means (the ML design-pattern schema). */
export interface TagKeyMeaning {
  readonly key: string;
  readonly meaning: string;
  /** Where the key and its meaning come from. */
  readonly source?: string;
}

interface GlossaryFile {
  readonly terms: readonly GlossaryEntry[];
  readonly tagKeys: readonly TagKeyMeaning[];
}

const data = glossaryData as GlossaryFile;

/** The built-in glossary's terms. */
export const GLOSSARY: readonly GlossaryEntry[] = data.terms;

/** The front-matter tag keys of the ML design-pattern schema, in their usual order. */
export const TAG_KEYS: readonly TagKeyMeaning[] = data.tagKeys;

/** The meaning of a front-matter tag key (case-insensitive), if it is one of the schema's. */
export function tagKeyMeaning(key: string): TagKeyMeaning | undefined {
  const wanted = normalizeTerm(key);
  return TAG_KEYS.find((k) => normalizeTerm(k.key) === wanted);
}

/** A comparison key for terms: letters and digits only, lower case. */
export function normalizeTerm(term: string): string {
  return term.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Where a definition comes from. */
export type DefinitionSource =
  | { readonly type: 'workspace'; readonly path: string; readonly range: Range }
  | { readonly type: 'glossary'; readonly note: string }
  | { readonly type: 'requirement'; readonly requirement: CatalogueRequirement; readonly attribution: string };

/** A term found under the cursor and the definition that applies to it. */
export interface DefinitionHit {
  /** The term's canonical name, e.g. `Human-in-the-Loop` or `Technical Robustness and Safety`. */
  readonly term: string;
  /** Where the term is written in the document. */
  readonly range: Range;
  readonly definition: string;
  readonly source: DefinitionSource;
  /** Set when the term names an ALTAI requirement. */
  readonly requirement?: CatalogueRequirement;
  /** The built-in definition a workspace definition replaced, if any. */
  readonly overrides?: DefinitionSource;
}

interface Concept {
  readonly term: string;
  readonly names: readonly string[];
  readonly definition?: string;
  readonly source?: DefinitionSource;
  readonly requirement?: CatalogueRequirement;
}

/**
 * The workspace's `Definition <Term>` sections by normalised term, kept up to date
 * by whoever owns the documents (the workspace index), so a hover looks terms up
 * instead of visiting every document.
 */
export interface DefinitionLookup {
  /** The first definition of `key` (a `normalizeTerm` key) in each document defining it, by path. */
  termDefinitions(key: string): ReadonlyMap<string, TermDefinition> | undefined;
}

/** A `DefinitionLookup` updated one document at a time. */
export class TermDefinitionIndex implements DefinitionLookup {
  private readonly byKey = new Map<string, Map<string, TermDefinition>>();
  private readonly keysOf = new Map<string, string[]>();

  termDefinitions(key: string): ReadonlyMap<string, TermDefinition> | undefined {
    return this.byKey.get(key);
  }

  /** Replaces what `path` defines (`doc` undefined: the document is gone). */
  update(path: string, doc: QualityGateDocument | undefined): void {
    for (const key of this.keysOf.get(path) ?? []) {
      const map = this.byKey.get(key);
      map?.delete(path);
      if (map?.size === 0) this.byKey.delete(key);
    }
    this.keysOf.delete(path);
    const keys: string[] = [];
    for (const definition of doc?.definitions ?? []) {
      const key = normalizeTerm(definition.term);
      if (!key) continue;
      let map = this.byKey.get(key);
      if (!map) this.byKey.set(key, (map = new Map()));
      if (map.has(path)) continue;
      map.set(path, definition);
      keys.push(key);
    }
    if (keys.length > 0) this.keysOf.set(path, keys);
  }
}

/** Longest normalised term looked up on hover; longer workspace terms are not shown. */
const MAX_TERM_KEY = 64;
/** Characters either side of the cursor searched for a term. */
const TERM_WINDOW = 256;

/**
 * The term under `character` in `lineText` (the longest one covering it) and its
 * definition: the workspace's own `Definition <Term>` section when one exists
 * (this document's first, then by path), else the built-in glossary or, for an
 * ALTAI requirement, the catalogue's definition. Cost: the built-in concepts plus
 * the workspace terms spelled around the cursor, never every document.
 */
export function definitionAt(
  index: DefinitionLookup,
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  line: number,
  lineText: string,
  character: number,
  token: CancellationToken,
): DefinitionHit | undefined {
  const concepts = builtInConcepts(catalogue);
  const definitionOf = (key: string) => workspaceDefinition(index, doc, key);

  // Workspace definitions join the concept they name, or stand as concepts of their own.
  const merged: Concept[] = [];
  const claimed = new Set<string>();
  for (const concept of concepts) {
    const own = concept.names.map((n) => definitionOf(normalizeTerm(n))).find((d) => d !== undefined);
    if (own) own.names.forEach((n) => claimed.add(normalizeTerm(n)));
    merged.push(
      own ? { ...concept, names: [...concept.names, ...own.names], definition: own.text, source: own.source, requirement: concept.requirement } : concept,
    );
  }
  const standalone: WorkspaceDefinition[] = [];
  for (const key of keysAround(lineText, character)) {
    if (token.isCancellationRequested) break;
    const own = claimed.has(key) ? undefined : definitionOf(key);
    if (own) standalone.push(own);
  }
  standalone.sort((a, b) => a.rank - b.rank || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const own of standalone) merged.push({ term: own.names[0], names: own.names, definition: own.text, source: own.source });

  let best: { concept: Concept; start: number; end: number } | undefined;
  for (const concept of merged) {
    for (const name of concept.names) {
      for (const [start, end] of matchesAround(name, lineText, character)) {
        if (!best || end - start > best.end - best.start) best = { concept, start, end };
      }
    }
  }
  if (!best) return undefined;
  const { concept } = best;
  const builtIn = concepts.find((c) => c.term === concept.term && c.requirement === concept.requirement);
  const overridden = concept.source?.type === 'workspace' ? builtIn?.source : undefined;
  return {
    term: concept.term,
    range: { start: { line, character: best.start }, end: { line, character: best.end } },
    definition: concept.definition ?? '',
    source: concept.source!,
    requirement: concept.requirement,
    overrides: overridden,
  };
}

/**
 * Every normalised key a term covering `character` could have: substrings of the
 * line's letters and digits (lower case) around the cursor, with and without a
 * plural `s`. A term's match normalises to its key, so this never misses one.
 */
function keysAround(lineText: string, character: number): Set<string> {
  const from = Math.max(0, character - TERM_WINDOW);
  const to = Math.min(lineText.length, character + TERM_WINDOW);
  let norm = '';
  let cursor = 0;
  for (let i = from; i < to; i++) {
    const lower = lineText[i].toLowerCase();
    for (const c of lower) if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) norm += c;
    if (i < character) cursor = norm.length;
  }
  const keys = new Set<string>();
  for (let i = Math.max(0, cursor - MAX_TERM_KEY); i <= cursor; i++) {
    for (let j = Math.max(cursor, i + 1); j <= Math.min(norm.length, i + MAX_TERM_KEY + 1); j++) {
      const key = norm.slice(i, j);
      keys.add(key);
      if (key.length > 1 && key.endsWith('s')) keys.add(key.slice(0, -1));
    }
  }
  return keys;
}

/** Where `name` is written in `lineText` covering `character`, searched only near it. */
function matchesAround(name: string, lineText: string, character: number): Array<[number, number]> {
  const from = Math.max(0, character - TERM_WINDOW);
  const to = Math.min(lineText.length, character + TERM_WINDOW);
  const window = lineText.slice(from, to);
  const result: Array<[number, number]> = [];
  for (const match of window.matchAll(termPattern(name))) {
    const start = from + match.index;
    const end = start + match[0].length;
    if (character < start || character > end) continue;
    // The window's edges hide the characters the pattern's lookarounds would have seen.
    if (start === from && from > 0 && /[\p{L}\p{N}_-]$/u.test(lineText.slice(Math.max(0, from - 2), from))) continue;
    if (end === to && to < lineText.length && /^[\p{L}\p{N}_]/u.test(lineText.slice(to, to + 2))) continue;
    result.push([start, end]);
  }
  return result;
}

const builtInConcepts = memoizeByObject((catalogue: QuestionCatalogue): Concept[] => {
  const concepts: Concept[] = catalogue.requirements.map((r) => ({
    term: r.title,
    names: [r.title, r.name],
    definition: r.definition,
    requirement: r,
    source: { type: 'requirement', requirement: r, attribution: 'ALTAI (EU High-Level Expert Group on AI, 2020)' },
  }));
  for (const entry of GLOSSARY) {
    concepts.push({ term: entry.term, names: [entry.term, ...entry.aliases], definition: entry.definition, source: { type: 'glossary', note: entry.source } });
  }
  return concepts;
});

/** A document's definitions by key, the first of each (the document itself may hold thousands). */
const ownDefinitions = memoizeByObject((doc: QualityGateDocument): Map<string, TermDefinition> => {
  const map = new Map<string, TermDefinition>();
  for (const definition of doc.definitions ?? []) {
    const key = normalizeTerm(definition.term);
    if (key && !map.has(key)) map.set(key, definition);
  }
  return map;
});

interface WorkspaceDefinition {
  readonly names: readonly string[];
  readonly text: string;
  readonly source: DefinitionSource;
  readonly path: string;
  /** 0: the current document's own, 1: another document's. */
  readonly rank: number;
}

/** The definition of `key` that applies in `doc`: its own first, else the first document by path. */
function workspaceDefinition(index: DefinitionLookup, doc: QualityGateDocument, key: string): WorkspaceDefinition | undefined {
  if (!key) return undefined;
  const own = ownDefinitions(doc).get(key);
  if (own) return { names: [own.term], text: own.text, source: { type: 'workspace', path: doc.path, range: own.range }, path: doc.path, rank: 0 };
  let path: string | undefined;
  let found: TermDefinition | undefined;
  for (const [other, definition] of index.termDefinitions(key) ?? []) {
    if (other !== doc.path && (path === undefined || other < path)) {
      path = other;
      found = definition;
    }
  }
  return found && path ? { names: [found.term], text: found.text, source: { type: 'workspace', path, range: found.range }, path, rank: 1 } : undefined;
}

const compileTermPattern = memoizeBounded(4096, (name: string) => {
  const words = name
    .split(/[\s,\-–]+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${words.join('[\\s,\\-–]*')}s?(?![\\p{L}\\p{N}_])`, 'giu');
});

/**
 * A case-insensitive pattern for a term as people write it: spaces, hyphens and
 * commas interchangeable or dropped (`Well-being` / `Wellbeing`), an optional
 * plural `s`, never inside a longer word.
 */
export function termPattern(name: string): RegExp {
  const pattern = compileTermPattern(name);
  pattern.lastIndex = 0;
  return pattern;
}
