import { createHash } from 'node:crypto';
import { bindContent } from '../domain/document/parseDocument';
import type { DocumentContent, QualityGateDocument } from '../domain/document/types';

/** A text's parse result, shared by every file with that text, and how long the parse took (ms). */
export interface ParsedContent {
  readonly content: DocumentContent;
  readonly parseMs?: number;
}

/** Lone UTF-16 surrogates: UTF-8 cannot encode them, so such texts are hashed as UTF-16. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * SHA-256 of a text, injective in practice for every JavaScript string: well-formed
 * texts are hashed as UTF-8, others (an editor may send lone surrogates, which
 * UTF-8 would turn into U+FFFD) as UTF-16, with a different prefix.
 */
export function contentHash(text: string): string {
  const hash = createHash('sha256');
  if (LONE_SURROGATE.test(text)) hash.update('utf16:').update(Buffer.from(text, 'utf16le'));
  else hash.update('utf8:').update(text, 'utf8');
  return hash.digest('hex');
}

/**
 * Parse results by content hash, so a text is parsed once however many files hold it
 * (MQG4AI repositories copy design-knowledge documents into every application). Holds
 * exactly the contents of the index's current models (counted per path) plus, during
 * the first index, the persistent cache's contents. Never a source of truth: a miss
 * parses, and a hit is the parse of byte-for-byte the same text.
 */
export class ContentCache {
  private readonly entries = new Map<string, { readonly parsed: ParsedContent; readonly paths: Set<string> }>();
  private readonly hashOfPath = new Map<string, string>();
  private readonly hashOfModel = new WeakMap<QualityGateDocument, string>();
  private readonly parsing = new Map<string, Promise<ParsedContent | undefined>>();
  /** Contents from the persistent cache, consulted until the first index is done. */
  private stored: ReadonlyMap<string, ParsedContent> | undefined;

  useStored(contents: ReadonlyMap<string, ParsedContent> | undefined): void {
    this.stored = contents;
  }

  /** The parse result of the text with this hash, if known (here or in the persistent cache). */
  get(hash: string): ParsedContent | undefined {
    return this.entries.get(hash)?.parsed ?? this.stored?.get(hash);
  }

  /** A parse of the text with this hash in flight, if any: a second file with the same text waits for it. */
  inFlight(hash: string): Promise<ParsedContent | undefined> | undefined {
    return this.parsing.get(hash);
  }

  /** Runs `parse` as the one parse of this hash's text; its result is shared once it settles. */
  async parseOnce(hash: string, parse: () => Promise<ParsedContent | undefined>): Promise<ParsedContent | undefined> {
    const running = parse().finally(() => this.parsing.delete(hash));
    this.parsing.set(hash, running);
    return running;
  }

  /** Remembers `parsed` as the content of `hash` (used once a model holding it is stored). */
  add(hash: string, parsed: ParsedContent): void {
    if (!this.entries.has(hash)) this.entries.set(hash, { parsed, paths: new Set() });
  }

  /** The model of the file at `path` whose text (with this hash) parsed to `parsed`. */
  bind(path: string, text: string, hash: string, parsed: ParsedContent): QualityGateDocument {
    return this.mark(bindContent(path, text, parsed.content), hash);
  }

  /** Records that `doc` was made from the content with this hash. */
  mark(doc: QualityGateDocument, hash: string): QualityGateDocument {
    this.hashOfModel.set(doc, hash);
    return doc;
  }

  /** The content hash the stored model of `path` was made from, if any. */
  hashOf(path: string): string | undefined {
    return this.hashOfPath.get(path);
  }

  /** The index now holds `doc` (undefined: nothing) for `path`: counts its content's use, releases the previous one. */
  use(path: string, doc: QualityGateDocument | undefined): void {
    const previous = this.hashOfPath.get(path);
    const next = doc ? this.hashOfModel.get(doc) : undefined;
    if (previous === next) return;
    if (previous !== undefined) {
      this.hashOfPath.delete(path);
      const entry = this.entries.get(previous);
      entry?.paths.delete(path);
      if (entry?.paths.size === 0) this.entries.delete(previous);
    }
    if (next === undefined) return;
    this.hashOfPath.set(path, next);
    let entry = this.entries.get(next);
    if (!entry) {
      const parsed = this.stored?.get(next);
      if (!parsed) return;
      this.entries.set(next, (entry = { parsed, paths: new Set() }));
    }
    entry.paths.add(path);
  }

  /** Drops the persistent cache's contents and parse results no model holds (parses whose result was not stored). */
  settle(): void {
    this.stored = undefined;
    for (const [hash, entry] of this.entries) if (entry.paths.size === 0) this.entries.delete(hash);
  }

  /** Number of distinct contents held (for tests and logs). */
  get size(): number {
    return this.entries.size;
  }
}
