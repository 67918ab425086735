import glossaryData from '../../../data/glossary.json';
import type { CatalogueRequirement, QuestionCatalogue } from '../altai/catalogue';
import type { QualityGateDocument, DocumentCollection } from '../document/types';
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
 * The term under `character` in `lineText` (the longest one covering it) and its
 * definition: the workspace's own `Definition <Term>` section when one exists
 * (this document's first), else the built-in glossary or, for an ALTAI
 * requirement, the catalogue's definition.
 */
export function definitionAt(
  index: DocumentCollection,
  catalogue: QuestionCatalogue,
  doc: QualityGateDocument,
  line: number,
  lineText: string,
  character: number,
  token: CancellationToken,
): DefinitionHit | undefined {
  const concepts = builtInConcepts(catalogue);
  const workspace = workspaceDefinitions(index, doc, token);

  // Workspace definitions join the concept they name, or stand as concepts of their own.
  const merged: Concept[] = [];
  const claimed = new Set<string>();
  for (const concept of concepts) {
    const own = concept.names.map((n) => workspace.get(normalizeTerm(n))).find((d) => d !== undefined);
    if (own) own.names.forEach((n) => claimed.add(normalizeTerm(n)));
    merged.push(own ? { ...concept, names: [...concept.names, ...own.names], definition: own.text, source: own.source, requirement: concept.requirement } : concept);
  }
  for (const [key, own] of workspace) {
    if (!claimed.has(key)) merged.push({ term: own.names[0], names: own.names, definition: own.text, source: own.source });
  }

  let best: { concept: Concept; start: number; end: number } | undefined;
  for (const concept of merged) {
    for (const name of concept.names) {
      for (const match of lineText.matchAll(termPattern(name))) {
        const start = match.index;
        const end = start + match[0].length;
        if (character < start || character > end) continue;
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

interface WorkspaceDefinition {
  readonly names: readonly string[];
  readonly text: string;
  readonly source: DefinitionSource;
}

/** Every `Definition <Term>` of the indexed documents by normalised term; the current document's come first. */
function workspaceDefinitions(index: DocumentCollection, doc: QualityGateDocument, token: CancellationToken): Map<string, WorkspaceDefinition> {
  const result = new Map<string, WorkspaceDefinition>();
  const add = (source: QualityGateDocument) => {
    for (const definition of source.definitions ?? []) {
      const key = normalizeTerm(definition.term);
      if (!key || result.has(key)) continue;
      result.set(key, { names: [definition.term], text: definition.text, source: { type: 'workspace', path: source.path, range: definition.range } });
    }
  };
  add(doc);
  const others = [...index.allDocuments()].filter((d) => d.path !== doc.path && d.definitions?.length).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const other of others) {
    if (token.isCancellationRequested) break;
    add(other);
  }
  return result;
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
