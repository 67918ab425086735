import type { QuestionBlock } from '../altai/questionBlocks';
import type { Position, Range } from '../../base/range';
import type { FrontMatter } from '../../syntax/frontMatter';

/**
 * What a Markdown file is within an MQG4AI tree. The rules that decide it are in
 * `documentKind.ts` and written up in docs/format.md.
 */
export type DocumentKind = 'collection-qg' | 'leaf-qg' | 'risk' | 'requirement' | 'information-block' | 'template' | 'placeholder' | 'other';

export type { FrontMatter, FrontMatterProblem, FrontMatterTag } from '../../syntax/frontMatter';

/** An `<!-- mqg4ai-disable-... -->` comment: findings accepted as deviations, with the reason. */
export interface Suppression {
  readonly scope: 'next-line' | 'file';
  /** Codes it silences; empty means every code. */
  readonly codes: readonly string[];
  readonly reason?: string;
  /** 0-based line of the comment. */
  readonly line: number;
  /** For `next-line`: the 0-based line whose findings it silences. */
  readonly appliesToLine: number;
}

/** A heading with the anchor GitHub gives it. */
export interface Heading {
  readonly level: number;
  /** Plain text, as GitHub slugs it. */
  readonly text: string;
  /** GitHub anchor, duplicates suffixed `-1`, `-2`, ... */
  readonly slug: string;
  /** The whole heading line. */
  readonly range: Range;
  /** The heading's text, without the `#` markers. */
  readonly textRange: Range;
  /**
   * Lines of content between this heading and the next one, not counting blank
   * lines, `<br>` and the guiding `> prompt` right under the heading. A template
   * section whose count is 0 (for it and its sub-headings) is still empty.
   */
  readonly contentLines: number;
}

/** An explicit HTML anchor: `<a id="x">`, `<a name="x">` or any element with an `id`. */
export interface HtmlAnchor {
  readonly id: string;
  readonly range: Range;
}

/**
 * How a link is written:
 * - `inline`: `[text](dest)`; `image`: `![alt](dest)`;
 * - `definition`: `[label]: dest` (reference-style links resolve through it);
 * - `autolink`: `<https://...>` or a bare GFM URL, always external.
 */
export type LinkSyntax = 'inline' | 'image' | 'definition' | 'autolink';

/** A place in a document that names a destination. */
export interface LinkOccurrence {
  readonly syntax: LinkSyntax;
  /** The destination exactly as written, `<...>` included when so written. */
  readonly rawDestination: string;
  /** The destination after CommonMark unescaping, without `<>`; not yet percent-decoded. */
  readonly destination: string;
  /** Range of `rawDestination`; an empty range between `(` and `)` for `[x]()`. */
  readonly destinationRange: Range;
  /** The whole link, from its opening `[` or `!` to its end. */
  readonly range: Range;
  /** For definitions: the normalised label. */
  readonly label?: string;
  /** The link text or image alt, for display. */
  readonly text: string;
}

/** `[text][label]`, `[label][]` or `[label]`, pointing at a definition. */
export interface LinkReference {
  readonly label: string;
  /** The label as written (the `[label]` part for full references, else the text). */
  readonly labelRange: Range;
  readonly range: Range;
  readonly text: string;
}

/**
 * A heading `Definition <Term>` and the text under it, e.g. the ALTAI requirement
 * definitions in requirement documents. Hovers on the term show this text; a
 * workspace's own definition wins over the built-in glossary.
 */
export interface TermDefinition {
  /** The term as written after `Definition`, e.g. `Technical Robustness and Safety`. */
  readonly term: string;
  /** Plain text of the paragraphs (lists, quotes) under the heading, up to the next heading; shortened. */
  readonly text: string;
  /** The `Definition ...` heading line. */
  readonly range: Range;
}

/**
 * A citation of an assessment-pack item (docs/packs.md): the bare `[ID]` (an undefined
 * shortcut reference, which Markdown renders as text) or a link whose text is the ID,
 * `[ID](evidence.md)`. Recorded for every token shaped like an item ID; which pack
 * item it names, if any, is decided against the workspace's packs.
 */
export interface PackCitation {
  /** The ID as written, e.g. `AMLAS-3.1`. */
  readonly id: string;
  /** The `[ID]` part, brackets included. */
  readonly range: Range;
  /** Set when written as a link: the whole link, `[ID](destination)`. */
  readonly linkRange?: Range;
}

/** Read access to every indexed document: what domain code may ask of the workspace. */
export interface DocumentCollection {
  allDocuments(): Iterable<QualityGateDocument>;
}

/**
 * What parsing a text yields, whatever file it is in: a pure function of the text.
 * Files with the same content share one (the content-hash cache), so nothing here
 * may depend on the file's path; what does is in `QualityGateDocument`.
 */
export interface DocumentContent {
  readonly frontMatter?: FrontMatter;
  readonly headings: readonly Heading[];
  readonly htmlAnchors: readonly HtmlAnchor[];
  readonly links: readonly LinkOccurrence[];
  readonly references: readonly LinkReference[];
  /** `mqg4ai-disable` comments. */
  readonly suppressions: readonly Suppression[];
  /** `ALTAI:` / `Additional Questions:` blocks with their quoted questions. */
  readonly questionBlocks: readonly QuestionBlock[];
  /** The first paragraph's plain text (shortened), for hovers. */
  readonly summary: string;
  /**
   * `Definition <Term>` sections, in document order. Optional so hand-built models
   * (skipped files, tests) need not mention it; `parseDocument` always sets it.
   */
  readonly definitions?: readonly TermDefinition[];
  /** Citations of pack items, in document order. Optional like `definitions`; `parseDocument` always sets it. */
  readonly citations?: readonly PackCitation[];
  readonly lineCount: number;
  /**
   * The content fingerprint of the text (domain/review/fingerprint.ts): what review stamps
   * compare. Absent for files that were not read (skipped) and hand-built models.
   */
  readonly fingerprint?: string;
  /** Position just after the last character. */
  readonly endPosition: Position;
  /**
   * Set when the Markdown was not fully parsed within the work budget (`file.slow`): why.
   * The model holds what was read; without headings and anchors, anchors in it are not judged.
   */
  readonly degraded?: string;
}

/**
 * Everything the product knows about one Markdown file: its content's parse result
 * and what depends on where the file is (path, kind, title). Immutable; re-created
 * when the text changes. No syntax tree is kept. Memos keyed by parts of the content
 * (links, headings) must also key by the document: those parts are shared by copies.
 */
export interface QualityGateDocument extends DocumentContent {
  /** Absolute POSIX path (the `path` of its file URI). */
  readonly path: string;
  readonly kind: DocumentKind;
  /** First heading's text, else the front-matter Name, else the file name. */
  readonly title: string;
  /** Set when the file was listed but not parsed (too large, binary, unreadable): the reason. */
  readonly skipped?: string;
}

/** The value of a front-matter tag, or undefined. Keys compare case-insensitively. */
export function tagValue(doc: Pick<QualityGateDocument, 'frontMatter'>, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return doc.frontMatter?.tags.find((t) => t.key.toLowerCase() === wanted)?.value;
}

/** Whether `slug` names a heading or HTML anchor of `doc` (case-sensitive, as on GitHub). */
export function hasAnchor(doc: QualityGateDocument, slug: string): boolean {
  return doc.headings.some((h) => h.slug === slug) || doc.htmlAnchors.some((a) => a.id === slug);
}
