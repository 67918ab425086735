import { parseDocument } from '../../domain/document/parseDocument';
import type { QualityGateDocument } from '../../domain/document/types';

/**
 * Texts shorter than this (characters) may be parsed in the server's own thread: the slowest
 * Markdown we know of at this size (nested quotes and lists on one line, unmatched brackets,
 * thousands of footnote definitions; the quadratic shapes the pre-scan does not catch) parses
 * within a few hundred milliseconds even on a loaded machine, where at 16 KB it takes seconds
 * and at 64 KB minutes (docs/security.md). Half of the corpus's documents are under it. Longer
 * texts are parsed in a worker under the time budget whenever one is available.
 */
export const SMALL_TEXT = 4 * 1024;

/** How a parse is asked for. */
export interface ParseRequest {
  /** The parse time budget (limits.parseTimeBudgetMs); a parser that can stop a parse (a worker) stops one far over it and returns a model saying so. */
  readonly budgetMs?: number;
  /** Someone waits for it (a document open in the editor): ahead of background parses, and in this thread only when the text is small. */
  readonly urgent?: boolean;
}

/**
 * Turns a file's text into its model. The index calls it for every file it has
 * not got cached; the server plugs in a worker pool, tests and small runs the
 * in-thread parser.
 */
export interface DocumentParser {
  parse(path: string, text: string, request?: ParseRequest): Promise<QualityGateDocument>;
  /** How long parsing `doc` took where it happened (a worker measures its own), if this parser knows. */
  parseTimeOf?(doc: QualityGateDocument): number | undefined;
  dispose?(): Promise<void>;
}

export const inThreadParser: DocumentParser = {
  parse: async (path, text) => parseDocument(path, text),
};
