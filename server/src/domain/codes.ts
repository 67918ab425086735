import type { Range } from '../base/range';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Every diagnostic code the product emits, with its default severity and a
 * one-line description. docs/rules.md has one entry per code.
 */
export const DIAGNOSTIC_CODES = {
  'link.missing-file': { severity: 'error', summary: 'A link points at a file that does not exist.' },
  'link.missing-folder': { severity: 'error', summary: 'A link without a file extension points at a folder that does not exist.' },
  'link.missing-anchor': { severity: 'error', summary: 'A link points at a heading or anchor that the target document does not have.' },
  'link.empty': { severity: 'error', summary: 'A link has an empty destination: `[text]()`.' },
  'link.outside-workspace': {
    severity: 'information',
    summary:
      'A link points outside the workspace folders and is not checked there: beyond their git repository too, with no repository, or in an untrusted workspace (trusted, links into the repository are checked in it).',
  },
  'frontmatter.invalid': { severity: 'error', summary: 'The YAML front matter does not parse.' },
  'qg.missing-section': { severity: 'warning', summary: 'A Leaf-QG lacks a section of the Leaf-QG template.' },
  'qg.section-wording': { severity: 'hint', summary: 'A heading stands for a template section but is worded differently from the template.' },
  'qg.empty-section': { severity: 'information', summary: 'A Leaf-QG section holds only its template prompt.' },
  'risk.missing-section': { severity: 'warning', summary: 'A risk document lacks a section of the risk template.' },
  'trace.risk-link-target': {
    severity: 'warning',
    summary: 'An entry under Poses Risk(s) / Implements Risk Control(s) links to something that is not a risk document.',
  },
  'trace.uncontrolled-risk': { severity: 'warning', summary: 'No quality gate implements a control for a risk.' },
  'frontmatter.name-mismatch': { severity: 'hint', summary: 'The front-matter Name does not match the file name.' },
  'qg.duplicate-name': { severity: 'warning', summary: 'Two quality gates of one tree share a Name.' },
  'link.placeholder': { severity: 'information', summary: 'A link leads into a t.b.d. placeholder.' },
  'doc.orphan': { severity: 'hint', summary: 'No document links to a quality gate or risk document.' },
  'trace.one-way': { severity: 'hint', summary: 'A QG lists another as related, but not the other way round.' },
  'trace.cross-assessment': {
    severity: 'warning',
    summary: 'A link leads from one application assessment into another (links into the design knowledge are allowed by default: assessments.allowLinksInto).',
  },
  'link.invalid-url': { severity: 'warning', summary: 'An external link is not a valid URL (checked only when externalLinks is "syntax"; never fetched).' },
  'suppression.missing-reason': { severity: 'warning', summary: 'An mqg4ai-disable comment gives no reason after `--`.' },
  'suppression.unknown-code': { severity: 'warning', summary: 'An mqg4ai-disable comment names a rule code that does not exist.' },
  'config.invalid': { severity: 'error', summary: 'The project configuration file (.mqg4ai.yaml / .mqg4ai.json) has an invalid key or value.' },
  'file.skipped': { severity: 'warning', summary: 'A Markdown file was not parsed (too large, binary, unreadable, or past the index limits).' },
  'file.slow': {
    severity: 'information',
    summary: 'Parsing a Markdown file took longer than the parse time budget (limits.parseTimeBudgetMs); it is still indexed.',
  },
  'internal.error': {
    severity: 'warning',
    summary: 'An internal error occurred while checking this document; other findings may be missing (details in the MQG4AI output).',
  },
  'altai.question-deviates': { severity: 'hint', summary: 'A quoted ALTAI question differs slightly from the catalogue text.' },
  'altai.duplicate-question': { severity: 'warning', summary: 'The same catalogue question is quoted twice in one document.' },
  'risk.missing-perspective': { severity: 'hint', summary: 'A risk document declares no {Perspective: Safety|Security|Both} front-matter tag.' },
  'trace.suspect': {
    severity: 'warning',
    summary: "A link's target changed since the linking document was reviewed (its review stamp, docs/review.md); the trace needs another look.",
  },
  'review.invalid-stamp': { severity: 'warning', summary: "A document's review stamp file (.mqg4ai/reviews/...) cannot be read." },
  'pack.former-id': { severity: 'hint', summary: 'A pack citation names an item by its former ID (e.g. AMLAS-3.1 for AMLAS-L); it still counts.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** A problem found in one document, editor-independent. */
export interface TraceDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** For link codes: the whole link, from its `[` or `!` (the destination may be on a later line). */
  readonly linkRange?: Range;
  /** For link codes: the destination exactly as written. */
  readonly target?: string;
  /** For link codes: the absolute path the destination resolved to. */
  readonly resolvedPath?: string;
  /** A close existing alternative (absolute path, possibly with `#fragment`). */
  readonly suggestion?: string;
  /** Other places that explain the problem (e.g. the first quote of a duplicated question). */
  readonly related?: readonly RelatedPlace[];
  /** For `altai.*` codes: the catalogue question concerned. */
  readonly questionId?: string;
  /** For `*.missing-section`: the template section, `Parent › Heading` (the quick fix inserts it). */
  readonly templatePath?: string;
  /** Text that would fix the problem if it replaced `range` (a quick fix offers it). */
  readonly replacement?: string;
}

/** A place in some document, with a note. */
export interface RelatedPlace {
  /** Absolute path of the document. */
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** A diagnostic with its code's default severity. */
export function make(code: DiagnosticCode, fields: Omit<TraceDiagnostic, 'code' | 'severity'>): TraceDiagnostic {
  return { code, severity: DIAGNOSTIC_CODES[code].severity, ...fields };
}
