import { posix } from 'node:path';
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { pathFromUri, uriFromPath } from '../base/fileSystem';
import { Refusal } from '../base/refusal';
import type { Engine } from '../engine/engine';
import { COMPLETION_TRIGGER_CHARACTERS } from '../features/completion/completionProvider';
import { FIX_ALL_KIND } from '../features/codeActions/quickFixProvider';
import { editCapabilitiesOf, toWorkspaceEdit } from '../features/refactor/workspaceEdits';
import { isReportFormat } from '../render/coverageReport';
import {
  MQG4AI_REQUESTS,
  TRIGGER_SUGGEST_COMMAND,
  type AssessmentsResult,
  type CompareAssessmentsResult,
  type CompleteDocumentResult,
  type CreateDocumentResult,
  type NewDocumentKind,
  type ReviewChangesResult,
  type ReviewMarkResult,
  type ReviewStatusResult,
  type ServerInitializationOptions,
} from '../../../protocol/protocol';
import { assessmentListData } from '../render/assessmentList';
import { reviewStatusData } from '../render/reviewStatus';
import { REVIEW_SOURCE_KIND, withReviewNote } from '../features/review/reviewProvider';
import { diffSummary, renderVersionDiff } from '../render/versionDiffReport';
import type { LanguageServerSession, Readiness } from './session';
import { readRefactorSettings, refactoringCapabilities } from './refactorSettings';

/**
 * Every request the server answers, in one table: its LSP method, whether it waits for the
 * whole index (`indexed`), for the configuration, the open documents and the file listing
 * (`listed`: answered during indexing, on what the index holds), or only for the configuration
 * (`document`: a question about one document, answered at once while the workspace is listed and
 * indexed, with the folders and documents it needs listed and parsed on demand), what it answers
 * when it cannot, and how it is computed. The engine converts cancellation and internal errors once
 * (`Engine.query`); here they become LSP answers.
 */
interface RequestHandler {
  readonly readiness: Readiness | 'document';
  /** The answer when the request cannot be computed (an internal error, logged). */
  readonly fallback: unknown;
  readonly handle: (engine: Engine, params: Record<string, unknown>, token: CancellationToken, context: HandlerContext) => unknown;
}

/** What a handler may need beyond its engine. */
interface HandlerContext {
  readonly session: LanguageServerSession;
  readonly connection: Connection;
}

const isPosition = (value: unknown): value is Position =>
  typeof (value as Position | null)?.line === 'number' && typeof (value as Position | null)?.character === 'number';
const documentPath = (params: Record<string, unknown>): string => {
  const uri = (params.textDocument as { uri?: unknown } | undefined)?.uri;
  if (typeof uri !== 'string') throw new InvalidParams('textDocument.uri must be a string');
  return URI.parse(uri).path;
};
const positionOf = (params: Record<string, unknown>): Position => {
  const position = params.position as Position | undefined;
  if (!isPosition(position) || position.line < 0 || position.character < 0) throw new InvalidParams('position must be {line, character}, both 0 or more');
  return position;
};
const rangeParam = (value: unknown): Range => {
  const range = value as Range | null | undefined;
  if (!range || !isPosition(range.start) || !isPosition(range.end)) throw new InvalidParams('range must be {start, end} positions');
  return range;
};
/** A code action context: its diagnostics (those not shaped like one left out) and the kinds asked for. */
const codeActionContext = (value: unknown): { diagnostics: never[]; only?: string[] } => {
  const context = (value && typeof value === 'object' ? value : {}) as { diagnostics?: unknown; only?: unknown };
  const diagnostics = (Array.isArray(context.diagnostics) ? context.diagnostics : []).filter(
    (d) => d && typeof d === 'object' && isPosition((d as { range?: Range }).range?.start) && isPosition((d as { range?: Range }).range?.end),
  ) as never[];
  const only = Array.isArray(context.only) ? context.only.filter((k): k is string => typeof k === 'string') : undefined;
  return { diagnostics, only };
};
/** A document's current text: the editor's (matching the model), else the disk's. */
const textOf = async (engine: Engine, path: string) => engine.index.openText(path) ?? (await engine.index.readText(path));
const NEW_DOCUMENT_KINDS: readonly NewDocumentKind[] = ['leaf-qg', 'collection-qg', 'risk', 'requirement', 'information-block'];
const editCapabilities = (context: HandlerContext) => editCapabilitiesOf(context.session.params?.capabilities ?? {});
const refactorSettings = async (context: HandlerContext, path: string | undefined) =>
  readRefactorSettings(
    context.session.canPullSettings
      ? ((await context.connection.workspace.getConfiguration({ scopeUri: path ? URI.file(path).toString() : undefined, section: 'mqg4ai' })) ?? undefined)
      : undefined,
  );

const initializationOptions = (context: HandlerContext) =>
  context.session.params?.initializationOptions as Partial<Record<keyof ServerInitializationOptions, unknown>> | null | undefined;
/** The editor commands the client declared it runs itself (`initializationOptions.clientCommands`). */
const clientCommands = (context: HandlerContext): ReadonlySet<string> => {
  const declared = initializationOptions(context)?.clientCommands;
  return new Set(Array.isArray(declared) ? declared.filter((c): c is string => typeof c === 'string') : []);
};

const NEVER_CANCELLED: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

/** Malformed params: answered with InvalidParams, never a crash. */
class InvalidParams extends Error {}

/** An assessment named by ID or folder; undefined when absent, InvalidParams when unknown. */
const assessmentParam = (engine: Engine, value: unknown) => {
  if (value === undefined || value === null || value === '') return undefined;
  const found = typeof value === 'string' ? engine.findAssessment(value) : undefined;
  if (!found)
    throw new InvalidParams(
      `unknown assessment ${JSON.stringify(value)}; known: ${
        engine
          .assessments()
          .map((a) => a.id)
          .join(', ') || 'none'
      }`,
    );
  return found;
};

export const REQUESTS: Record<string, RequestHandler> = {
  'textDocument/hover': {
    readiness: 'document',
    fallback: null,
    handle: async (engine, p, token, context) => {
      const path = documentPath(p);
      const position = positionOf(p);
      const text = await textOf(engine, path);
      const diagnosticsShown = initializationOptions(context)?.hoverShowsDiagnostics === true;
      // On a suspect trace: what changed in its target since the review (read from disk first).
      const review = await engine.queryAsync('reviewHover', token, (t) => engine.features.review.suspectHover(path, position, t));
      return engine.query(
        'hover',
        token,
        (t) => withReviewNote(engine.features.hover.provideHover(path, position, t, text, { diagnosticsShown }), review.ok ? review.value : undefined) ?? null,
      );
    },
  },
  'textDocument/completion': {
    readiness: 'document',
    fallback: null,
    handle: async (engine, p, token, context) => {
      const path = documentPath(p);
      const position = positionOf(p);
      const text = await textOf(engine, path);
      const commands = clientCommands(context);
      return engine.query('completion', token, (t) => {
        const list = engine.features.completion.provideCompletions(path, position, t, text);
        // Commands only where the client declared them (VS Code's triggerSuggest means nothing to Neovim).
        return { ...list, items: list.items.map((item) => (item.command && !commands.has(item.command.command) ? { ...item, command: undefined } : item)) };
      });
    },
  },
  'textDocument/definition': {
    readiness: 'document',
    fallback: [],
    handle: (engine, p, token) => {
      const [path, position] = [documentPath(p), positionOf(p)];
      return engine.query('definition', token, (t) => engine.features.definition.provideDefinition(path, position, t));
    },
  },
  'textDocument/documentLink': {
    readiness: 'document',
    fallback: [],
    handle: (engine, p, token) => {
      const path = documentPath(p);
      return engine.query('documentLink', token, (t) => engine.features.documentLinks.provideDocumentLinks(path, t));
    },
  },
  'textDocument/documentSymbol': {
    readiness: 'document',
    fallback: [],
    handle: (engine, p, token) => {
      const path = documentPath(p);
      return engine.query('documentSymbol', token, (t) => engine.features.documentSymbols.provideDocumentSymbols(path, t));
    },
  },
  'textDocument/codeAction': {
    readiness: 'listed',
    fallback: [],
    handle: async (engine, p, token, context) => {
      const path = documentPath(p);
      const range = rangeParam(p.range);
      const actionContext = codeActionContext(p.context);
      const text = await textOf(engine, path);
      return engine.query('codeAction', token, (t) => [
        ...engine.features.quickFixes.provideCodeActions(path, range, actionContext, t, text, editCapabilities(context)),
        ...engine.features.review.codeActions(path, range, actionContext.only, t),
      ]);
    },
  },
  'textDocument/references': {
    readiness: 'indexed',
    fallback: [],
    handle: (engine, p, token) => {
      const [path, position] = [documentPath(p), positionOf(p)];
      const includeDeclaration = (p.context as { includeDeclaration?: unknown } | null | undefined)?.includeDeclaration === true;
      return engine.query('references', token, (t) => engine.features.references.provideReferences(path, position, includeDeclaration, t));
    },
  },
  'workspace/symbol': {
    readiness: 'indexed',
    fallback: [],
    handle: (engine, p, token) =>
      engine.query('workspaceSymbol', token, (t) => engine.features.workspaceSymbols.provideWorkspaceSymbols(String(p.query ?? ''), t)),
  },
  'textDocument/prepareRename': {
    readiness: 'indexed',
    fallback: null,
    handle: (engine, p, token) => {
      const [path, position] = [documentPath(p), positionOf(p)];
      return engine.query('prepareRename', token, (t) => engine.features.rename.prepareRename(path, position, t));
    },
  },
  'textDocument/rename': {
    readiness: 'indexed',
    fallback: null,
    handle: async (engine, p, token, context) => {
      const [path, position] = [documentPath(p), positionOf(p)];
      if (typeof p.newName !== 'string') throw new InvalidParams('newName must be a string');
      const newName = p.newName;
      const settings = await refactorSettings(context, path);
      return engine.query('rename', token, (t) =>
        engine.features.rename.rename(path, position, newName, { capabilities: editCapabilities(context), renameFileWithName: settings.renameFileWithName }, t),
      );
    },
  },
  'workspace/willRenameFiles': {
    readiness: 'indexed',
    fallback: null,
    handle: async (engine, p, token, context) => {
      const files = Array.isArray(p.files)
        ? (p.files as Array<{ oldUri: string; newUri: string }>).filter((f) => typeof f?.oldUri === 'string' && typeof f?.newUri === 'string')
        : [];
      // `mqg4ai.links.updateOnFileMove: never` is honoured here too (for clients other than the extension, which asks the user for `prompt` itself).
      const settings = await refactorSettings(context, files[0] ? URI.parse(files[0].oldUri).path : undefined);
      if (settings.updateOnFileMove === 'never') return { ok: true, value: null };
      const started = Date.now();
      const outcome = await engine.queryAsync('willRenameFiles', token, (t) => engine.features.fileMoves.provideMoveEdits(files, editCapabilities(context), t));
      if (outcome.ok) {
        const edit = outcome.value;
        const count = edit?.documentChanges?.length ?? Object.keys(edit?.changes ?? {}).length;
        engine.logger.log('info', `Link updates for ${files.length} moved item(s): ${count} document(s) in ${Date.now() - started} ms.`);
      }
      return outcome;
    },
  },
  [MQG4AI_REQUESTS.coverage]: {
    readiness: 'indexed',
    fallback: [],
    handle: (engine, p, token) => {
      const root = typeof p.root === 'string' ? pathFromUri(p.root) : undefined;
      const assessment = assessmentParam(engine, p.assessment);
      return engine.query('coverage', token, (t) => engine.features.coverage.provideCoverage(root, t, assessment));
    },
  },
  [MQG4AI_REQUESTS.assessments]: {
    readiness: 'indexed',
    fallback: null,
    handle: (engine, _p, token) =>
      engine.query('assessments', token, (): AssessmentsResult => assessmentListData(engine.assessments(), engine.roots[0] ?? '/')),
  },
  [MQG4AI_REQUESTS.compareAssessments]: {
    readiness: 'indexed',
    fallback: new ResponseError(ErrorCodes.InternalError, 'The comparison failed; see the MQG4AI output.'),
    handle: async (engine, p, token) => {
      const from = assessmentParam(engine, p.from);
      const to = assessmentParam(engine, p.to);
      if (!from || !to) throw new InvalidParams('from and to must name assessments (see mqg4ai/assessments)');
      const format = p.format ?? 'md';
      if (format !== 'md' && format !== 'json' && format !== 'html')
        throw new InvalidParams(`format must be "md", "json" or "html", not ${JSON.stringify(format)}`);
      return engine.queryAsync('compareAssessments', token, async (t): Promise<CompareAssessmentsResult> => {
        const diff = await engine.compareAssessments(from, to, t);
        return { content: renderVersionDiff(diff, format), summary: diffSummary(diff) };
      });
    },
  },
  [MQG4AI_REQUESTS.coverageReport]: {
    readiness: 'indexed',
    fallback: new ResponseError(ErrorCodes.InternalError, 'The coverage report failed; see the MQG4AI output.'),
    handle: (engine, p, token) => {
      if (!isReportFormat(p.format)) throw new InvalidParams(`format must be "md", "html" or "json", not ${JSON.stringify(p.format)}`);
      const format = p.format;
      const request = {
        format,
        assessment: assessmentParam(engine, p.assessment),
        rootPath: typeof p.root === 'string' ? pathFromUri(p.root) : undefined,
        // The report's links are relative to the folder it will be saved in.
        linkBasePath: typeof p.target === 'string' ? posix.dirname(pathFromUri(p.target)) : undefined,
      };
      return engine.query('coverageReport', token, (t) => {
        const { content, suggestedName } = engine.coverageReport(request, t);
        return { content, suggestedName };
      });
    },
  },
  // The server offers no commands of its own (no executeCommandProvider), but a client may still send
  // one it found on an item: the editor-side retrigger is a no-op here, anything else an error.
  'workspace/executeCommand': {
    readiness: 'listed',
    fallback: null,
    handle: (_engine, p) => {
      if (p.command === TRIGGER_SUGGEST_COMMAND) return { ok: true, value: null };
      throw new InvalidParams(`unknown command ${JSON.stringify(p.command ?? null)}; the MQG4AI server has no commands`);
    },
  },
  [MQG4AI_REQUESTS.reviewStatus]: {
    readiness: 'indexed',
    fallback: null,
    handle: (engine, p, token) => {
      const assessment = assessmentParam(engine, p.assessment);
      return engine.query('reviewStatus', token, (t): ReviewStatusResult => reviewStatusData(engine.reviews(undefined, t, assessment), engine.roots[0] ?? '/'));
    },
  },
  [MQG4AI_REQUESTS.reviewMark]: {
    readiness: 'indexed',
    fallback: new ResponseError(ErrorCodes.InternalError, 'Marking as reviewed failed; see the MQG4AI output.'),
    handle: async (engine, p, token, context) => {
      const uris = Array.isArray(p.uris) ? p.uris.filter((u): u is string => typeof u === 'string') : [];
      if (uris.length === 0) throw new InvalidParams('uris must list the URIs of the documents to mark');
      if (p.trace !== undefined && typeof p.trace !== 'string') throw new InvalidParams('trace must be a file URI');
      const trace = typeof p.trace === 'string' ? pathFromUri(p.trace) : undefined;
      // The server starts no process (docs/security.md): the client names the reviewer.
      const by = typeof p.by === 'string' ? p.by.trim() : '';
      if (!by) return { ok: true, value: { edit: null, marked: [], refused: [], needsName: true } satisfies ReviewMarkResult };
      const capabilities = editCapabilities(context);
      return engine.queryAsync('reviewMark', token, async (t): Promise<ReviewMarkResult> => {
        const result = await engine.features.review.markEdit(uris.map(pathFromUri), { by, at: new Date().toISOString(), trace }, capabilities, t);
        return {
          edit: result.edit,
          marked: result.marked.map(uriFromPath),
          refused: result.refused.map((r) => ({ uri: uriFromPath(r.path), reason: r.reason })),
        };
      });
    },
  },
  [MQG4AI_REQUESTS.createDocument]: {
    readiness: 'listed',
    fallback: new ResponseError(ErrorCodes.InternalError, 'Creating the document failed; see the MQG4AI output.'),
    handle: (engine, p, token, context) => {
      if (typeof p.kind !== 'string' || !NEW_DOCUMENT_KINDS.includes(p.kind as NewDocumentKind))
        throw new InvalidParams(`kind must be one of ${NEW_DOCUMENT_KINDS.join(', ')}`);
      if (typeof p.target !== 'string') throw new InvalidParams('target must be a file URI');
      const path = pathFromUri(p.target);
      if (!engine.index.rootFor(path)) throw new InvalidParams('target must be inside a workspace folder');
      const capabilities = editCapabilities(context);
      // Creating a file needs the client's resource operations; every client this server is written for has them.
      const full = { documentChanges: true, resourceOperations: capabilities.resourceOperations.length > 0 ? capabilities.resourceOperations : ['create'] };
      return engine.queryAsync('createDocument', token, async (t): Promise<CreateDocumentResult> => {
        const created = await engine.features.documents.createDocument(p.kind as NewDocumentKind, path, p.linkFromCollection === true, t);
        return {
          edit: toWorkspaceEdit(created.change, full),
          template: created.template === 'built-in' ? 'built-in' : uriFromPath(created.template),
          ...(created.collection ? { collection: uriFromPath(created.collection) } : {}),
        };
      });
    },
  },
  [MQG4AI_REQUESTS.reviewChanges]: {
    readiness: 'indexed',
    fallback: new ResponseError(ErrorCodes.InternalError, 'Showing the changes failed; see the MQG4AI output.'),
    handle: (engine, p, token) => {
      if (typeof p.uri !== 'string') throw new InvalidParams('uri must be a document URI');
      if (p.target !== undefined && typeof p.target !== 'string') throw new InvalidParams('target must be a file URI');
      const path = pathFromUri(p.uri);
      const target = typeof p.target === 'string' ? pathFromUri(p.target) : undefined;
      return engine.queryAsync('reviewChanges', token, async (t): Promise<ReviewChangesResult> => {
        const { title, content } = await engine.features.review.changesSince(path, target, t);
        return { title, content };
      });
    },
  },
  [MQG4AI_REQUESTS.completeDocument]: {
    readiness: 'listed',
    fallback: null,
    handle: (engine, p, token, context) => {
      if (typeof p.uri !== 'string') throw new InvalidParams('uri must be a file URI');
      const path = pathFromUri(p.uri);
      return engine.queryAsync('completeDocument', token, async (t): Promise<CompleteDocumentResult | null> => {
        const done = await engine.features.documents.completeDocument(path, t);
        return done ? { edit: toWorkspaceEdit(done.change, editCapabilities(context)), summary: done.summary } : null;
      });
    },
  },
  [MQG4AI_REQUESTS.serverInfo]: {
    readiness: 'listed',
    fallback: null,
    handle: (_engine, _p, _token, context) => ({ ok: true, value: context.session.info() }),
  },
  [MQG4AI_REQUESTS.waitForIdle]: {
    readiness: 'indexed',
    fallback: null,
    // A test/automation hook: resolves once indexing and queued diagnostics are done.
    handle: async (_engine, _p, _token, context) => ({ ok: true, value: { documents: (await context.session.whenIdle()).index.documentCount } }),
  },
};

/** Registers every request of the table on the connection. */
export function registerRequests(connection: Connection, session: LanguageServerSession): void {
  for (const [method, handler] of Object.entries(REQUESTS)) {
    connection.onRequest(method, async (...args: unknown[]) => {
      // JSON-RPC spreads array params into arguments, and the token comes last: some clients send
      // `{}` as `[]` (then only the token arrives), or nothing at all.
      const last = args[args.length - 1] as Partial<CancellationToken> | undefined;
      const token: CancellationToken = last && typeof last.isCancellationRequested === 'boolean' ? (last as CancellationToken) : NEVER_CANCELLED;
      const raw = args.length >= 2 ? args[0] : undefined;
      const params = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      try {
        const engine = await session.engineWhen(handler.readiness === 'document' ? 'configured' : handler.readiness);
        // What needs the whole index also needs the file events received before it (a file just created).
        if (handler.readiness === 'indexed') await session.fileEventsSettled();
        // A request on a document still being parsed (a long one, in a worker) waits for its model; others do not.
        const uri = (params.textDocument as { uri?: unknown } | undefined)?.uri;
        if (typeof uri === 'string') await engine.whenParsed(URI.parse(uri).path);
        const answer = () => handler.handle(engine, params, token, { session, connection });
        const outcome = (await (handler.readiness === 'document' ? engine.onDemand(answer, token) : answer())) as {
          ok: boolean;
          value?: unknown;
          cancelled?: boolean;
          error?: unknown;
        };
        if (outcome.ok) return outcome.value;
        if (outcome.cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        if (outcome.error instanceof Refusal) return new ResponseError(ErrorCodes.InvalidRequest, outcome.error.message);
        return handler.fallback;
      } catch (error) {
        if (error instanceof InvalidParams) return new ResponseError(ErrorCodes.InvalidParams, error.message);
        session.logger.log('error', `${method} failed: ${(error as Error)?.stack ?? String(error)}`);
        return handler.fallback;
      }
    });
  }
}

/** The capabilities the table implements, given the client's. */
export function serverCapabilities(params: InitializeParams) {
  const refactoring = refactoringCapabilities(params);
  return {
    definitionProvider: true,
    referencesProvider: true,
    hoverProvider: true,
    documentLinkProvider: { resolveProvider: false },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, REVIEW_SOURCE_KIND] },
    renameProvider: refactoring.renameProvider,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true }, fileOperations: refactoring.fileOperations },
  };
}
