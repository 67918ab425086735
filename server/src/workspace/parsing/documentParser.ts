import { parseDocument } from '../../domain/document/parseDocument';
import type { QualityGateDocument } from '../../domain/document/types';

/**
 * Turns a file's text into its model. The index calls it for every file it has
 * not got cached; the server plugs in a worker pool, tests and small runs the
 * in-thread parser.
 */
export interface DocumentParser {
  /**
   * `budgetMs`: the parse time budget (limits.parseTimeBudgetMs); a parser that can
   * stop a parse (a worker) stops one far over it and returns a model saying so.
   */
  parse(path: string, text: string, budgetMs?: number): Promise<QualityGateDocument>;
  /** How long parsing `doc` took where it happened (a worker measures its own), if this parser knows. */
  parseTimeOf?(doc: QualityGateDocument): number | undefined;
  dispose?(): Promise<void>;
}

export const inThreadParser: DocumentParser = {
  parse: async (path, text) => parseDocument(path, text),
};
