import { diagnoseLink } from '../../analysis/diagnostics/linkDiagnostics';
import { neverCancelled, type CancellationToken } from '../../base/cancellation';
import { DOCUMENT_SEARCH_BUDGET, REQUEST_SEARCH_BUDGET, SearchBudget } from '../../base/editDistance';
import { silentLogger, type Logger } from '../../base/logger';
import { TimeSlice } from '../../base/timeSlice';
import type { TraceDiagnostic } from '../../domain/codes';
import type { LinkOccurrence, QualityGateDocument } from '../../domain/document/types';
import { checkLink } from '../../workspace/linkStatus';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { splitDestination } from './destinationText';
import { rankAnchorCandidates, rankFileCandidates, rankFolderCandidates, type AnchorCandidate, type LinkCandidate } from './linkCandidates';

/** The "did you mean" results for one link: its diagnostic (none when it is fine) and the replacement candidates, best first. */
export interface LinkSuggestions {
  readonly diagnostic: TraceDiagnostic | undefined;
  /** Files or folders a broken file or folder link could mean. */
  readonly files: readonly LinkCandidate[];
  /** Headings a broken anchor could mean. */
  readonly anchors: readonly AnchorCandidate[];
  /** The searches ran to their end (their budget was not spent): only then may a fix be applied unseen. */
  readonly complete: boolean;
}

/** The suggestions of one link of a given document. */
export type LinkSuggester = (link: LinkOccurrence) => LinkSuggestions;

/** Most file and folder candidates kept per link (the code actions' default). */
const MAX_CANDIDATES = 5;
/** Quiet time after a change before the background searches start again (a burst of edits is one refresh). */
const REFRESH_DELAY_MS = 50;

/** Searches the diagnostic and (at most `max`) candidates of one link, spending `budget`. */
export function searchLinkSuggestions(
  index: WorkspaceIndex,
  doc: QualityGateDocument,
  link: LinkOccurrence,
  budget: SearchBudget,
  token: CancellationToken = neverCancelled,
  max = MAX_CANDIDATES,
): LinkSuggestions {
  const status = checkLink(index, doc, link);
  const diagnostic = diagnoseLink(index, doc, link, status, budget);
  let files: LinkCandidate[] = [];
  let anchors: AnchorCandidate[] = [];
  if (diagnostic && status.state === 'missing-anchor') {
    const target = index.getDocument(status.path);
    anchors = target ? rankAnchorCandidates(target, status.fragment, 3, budget) : [];
  } else if (diagnostic?.code === 'link.missing-folder' && status.state === 'missing-folder') {
    files = rankFolderCandidates(index, status.path, max, doc.path, budget);
  } else if (diagnostic?.code === 'link.missing-file' && status.state === 'missing-file') {
    const fragment = splitDestination(link.rawDestination).fragment.slice(1) || undefined;
    files = rankFileCandidates(index, doc, status.path, link.text, fragment, max, token, budget);
  }
  return { diagnostic, files, anchors, complete: !budget.exhausted };
}

interface Entry {
  /** The model the results are for (a new model, even of the same text, is a new key). */
  readonly doc: QualityGateDocument;
  /** `WorkspaceIndex.contentVersion` when they were computed: any change to the index makes them stale. */
  readonly version: number;
  readonly results: ReadonlyMap<LinkOccurrence, LinkSuggestions>;
}

/**
 * Broken links' "did you mean" results, moved off the request path (docs/security.md): the
 * candidate searches (edit distances over file names, headings and every document's title) of
 * the documents open in the editor run in the background after a change, in slices that yield
 * to requests, under one budget per document, and are dropped and started again when the index
 * changes meanwhile. Hovers and code actions read them; a request that comes before they are
 * ready (or after a change made them stale) searches itself, under the small
 * `REQUEST_SEARCH_BUDGET`, and then offers no fix as safe to apply unseen unless that search ran
 * to its end. Owned by the engine; holds results only for open documents.
 */
export class LinkSuggestionStore {
  private readonly entries = new Map<string, Entry>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private disposed = false;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly logger: Logger = silentLogger,
  ) {}

  /**
   * The suggester for one request on `doc`: the background's results when they are current,
   * else a search under one `REQUEST_SEARCH_BUDGET` for the whole request (each link searched once).
   */
  suggesterFor(doc: QualityGateDocument, token: CancellationToken): LinkSuggester {
    const ready = this.current(doc);
    const budget = new SearchBudget(REQUEST_SEARCH_BUDGET);
    const searched = new Map<LinkOccurrence, LinkSuggestions>();
    return (link) => {
      let found = ready?.results.get(link) ?? searched.get(link);
      if (!found) searched.set(link, (found = searchLinkSuggestions(this.index, doc, link, budget, token)));
      return found;
    };
  }

  /** Whether the background results for `doc` are current (for tests and logs). */
  isReady(doc: QualityGateDocument): boolean {
    return this.current(doc) !== undefined;
  }

  /** The index changed: the open documents' searches run again once changes pause. */
  refreshSoon(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
    this.timer.unref?.(); // never keeps a finished CLI run alive
  }

  /** Resolves once every open document's results are current (tests). */
  async whenReady(): Promise<void> {
    for (let i = 0; i < 1000 && !this.disposed; i++) {
      if (!this.running && !this.timer && this.openDocuments().every((d) => this.current(d))) return;
      await new Promise((resolve) => setTimeout(resolve, REFRESH_DELAY_MS));
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.entries.clear();
  }

  private current(doc: QualityGateDocument): Entry | undefined {
    const entry = this.entries.get(doc.path);
    return entry && entry.doc === doc && entry.version === this.index.contentVersion ? entry : undefined;
  }

  private openDocuments(): QualityGateDocument[] {
    const open: QualityGateDocument[] = [];
    for (const doc of this.index.allDocuments()) if (this.index.openText(doc.path) !== undefined && !doc.skipped) open.push(doc);
    return open;
  }

  private async refresh(): Promise<void> {
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const open = this.openDocuments();
        const keep = new Set(open.map((d) => d.path));
        for (const path of this.entries.keys()) if (!keep.has(path)) this.entries.delete(path);
        for (const doc of open) {
          if (this.disposed) return;
          // The document may have changed or closed while another one was searched.
          if (this.index.getDocument(doc.path) !== doc || this.current(doc)) continue;
          await this.search(doc);
        }
      } while (this.again && !this.disposed);
    } catch (error) {
      this.logger.log('error', `Searching link suggestions failed: ${(error as Error).stack ?? error}`);
    } finally {
      this.running = false;
    }
  }

  /** One document's broken links, in slices; dropped when the index changes meanwhile (the next refresh starts over). */
  private async search(doc: QualityGateDocument): Promise<void> {
    const version = this.index.contentVersion;
    const budget = new SearchBudget(DOCUMENT_SEARCH_BUDGET);
    const results = new Map<LinkOccurrence, LinkSuggestions>();
    const slice = new TimeSlice();
    for (const link of doc.links) {
      results.set(link, searchLinkSuggestions(this.index, doc, link, budget));
      if (slice.due()) {
        await slice.yield();
        // Stale already: the change that made it so asked for a refresh of its own.
        if (this.disposed || this.index.contentVersion !== version) return;
      }
    }
    this.entries.set(doc.path, { doc, version, results });
  }
}
