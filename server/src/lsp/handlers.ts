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
  type AssessmentsResult,
  type CompareAssessmentsResult,
  type CompleteDocumentResult,
  type CreateDocumentResult,
  type NewDocumentKind,
} from '../../../protocol/protocol';
import { assessmentListData } from '../render/assessmentList';
import { diffSummary, renderVersionDiff } from '../render/versionDiffReport';
import type { LanguageServerSession, Readiness } from './session';
import { readRefactorSettings, refactoringCapabilities } from './refactorSettings';

/**
 * Every request the server answers, in one table: its LSP method, whether it waits for the
 * whole index (`indexed`) or only for the configuration, the open documents and the file
 * listing (`listed`: answered during indexing, on what the index holds), what it answers when it
 * cannot, and how it is computed. The engine converts cancellation and internal errors once
 * (`Engine.query`); here they become LSP answers.
 */
interface RequestHandler {
  readonly readiness: Readiness;
  /** The answer when the request cannot be computed (an internal error, logged). */
  readonly fallback: unknown;
  readonly handle: (engine: Engine, params: Record<string, unknown>, token: CancellationToken, context: HandlerContext) => unknown;
}

/** What a handler may need beyond its engine. */
interface HandlerContext {
  readonly session: LanguageServerSession;
  readonly connection: Connection;
}

const documentPath = (params: Record<string, unknown>): string => {
  const uri = (params.textDocument as { uri?: unknown } | undefined)?.uri;
  if (typeof uri !== 'string') throw new InvalidParams('textDocument.uri must be a string');
  return URI.parse(uri).path;
};
const positionOf = (params: Record<string, unknown>): Position => {
  const position = params.position as Position | undefined;
  if (!position || typeof position.line !== 'number' || typeof position.character !== 'number') throw new InvalidParams('position must be {line, character}');
  return position;
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
    readiness: 'listed',
    fallback: null,
    handle: async (engine, p, token) => {
      const path = documentPath(p);
      const text = await textOf(engine, path);
      return engine.query('hover', token, (t) => engine.features.hover.provideHover(path, positionOf(p), t, text) ?? null);
    },
  },
  'textDocument/completion': {
    readiness: 'listed',
    fallback: null,
    handle: async (engine, p, token) => {
      const path = documentPath(p);
      const text = await textOf(engine, path);
      return engine.query('completion', token, (t) => engine.features.completion.provideCompletions(path, positionOf(p), t, text));
    },
  },
  'textDocument/definition': {
    readiness: 'listed',
    fallback: [],
    handle: (engine, p, token) => engine.query('definition', token, (t) => engine.features.definition.provideDefinition(documentPath(p), positionOf(p), t)),
  },
  'textDocument/documentLink': {
    readiness: 'listed',
    fallback: [],
    handle: (engine, p, token) => engine.query('documentLink', token, (t) => engine.features.documentLinks.provideDocumentLinks(documentPath(p), t)),
  },
  'textDocument/documentSymbol': {
    readiness: 'listed',
    fallback: [],
    handle: (engine, p, token) => engine.query('documentSymbol', token, (t) => engine.features.documentSymbols.provideDocumentSymbols(documentPath(p), t)),
  },
  'textDocument/codeAction': {
    readiness: 'listed',
    fallback: [],
    handle: async (engine, p, token, context) => {
      const path = documentPath(p);
      const text = await textOf(engine, path);
      const actionContext = (p.context ?? { diagnostics: [] }) as { diagnostics: never[]; only?: string[] };
      const range = p.range as never;
      return engine.query('codeAction', token, (t) =>
        engine.features.quickFixes.provideCodeActions(path, range, actionContext, t, text, editCapabilities(context)),
      );
    },
  },
  'textDocument/references': {
    readiness: 'indexed',
    fallback: [],
    handle: (engine, p, token) =>
      engine.query('references', token, (t) =>
        engine.features.references.provideReferences(
          documentPath(p),
          positionOf(p),
          (p.context as { includeDeclaration?: boolean } | undefined)?.includeDeclaration === true,
          t,
        ),
      ),
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
    handle: (engine, p, token) => engine.query('prepareRename', token, (t) => engine.features.rename.prepareRename(documentPath(p), positionOf(p), t)),
  },
  'textDocument/rename': {
    readiness: 'indexed',
    fallback: null,
    handle: async (engine, p, token, context) => {
      const path = documentPath(p);
      const settings = await refactorSettings(context, path);
      return engine.query('rename', token, (t) =>
        engine.features.rename.rename(
          path,
          positionOf(p),
          String(p.newName ?? ''),
          { capabilities: editCapabilities(context), renameFileWithName: settings.renameFileWithName },
          t,
        ),
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
      const outcome = engine.query('willRenameFiles', token, (t) => engine.features.fileMoves.provideMoveEdits(files, editCapabilities(context), t));
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
        const engine = await session.engineWhen(handler.readiness);
        const outcome = (await handler.handle(engine, params, token, { session, connection })) as {
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
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    renameProvider: refactoring.renameProvider,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true }, fileOperations: refactoring.fileOperations },
  };
}
