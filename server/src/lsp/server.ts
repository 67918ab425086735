import {
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  SetTraceNotification,
  TextDocumentSyncKind,
  TextDocuments,
  Trace,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathFromUri } from '../base/fileSystem';
import type { Logger } from '../base/logger';
import { toolVersion } from '../base/version';
import { createParser } from '../workspace/parsing/createParser';
import { MQG4AI_NOTIFICATIONS } from '../../../protocol/protocol';
import { listenToDocuments } from './documentSync';
import { registerRequests, serverCapabilities } from './handlers';
import { LanguageServerSession } from './session';

const CHANGE_KINDS = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;

/** Wires a language-server session to an LSP connection: document sync, workspace events and the request table. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const logger: Logger = {
    log(level, message) {
      if (level === 'error') connection.console.error(message);
      else if (level === 'warn') connection.console.warn(message);
      else if (level === 'info') connection.console.info(message);
      else connection.console.log(message);
    },
  };
  const session = new LanguageServerSession(connection, () => documents.all(), createParser(__dirname, 'responsive'), logger);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    session.initialize(params);
    return {
      capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...serverCapabilities(params) },
      serverInfo: { name: 'mqg4ai-language-server', version: toolVersion() },
    };
  });
  connection.onInitialized(() => {
    session.start();
    // Registered here, after the library's own handler (installed during initialize), which reads
    // `params.event` unchecked: this one replaces it and takes malformed events (`added: [[]]`) too.
    connection.onNotification(DidChangeWorkspaceFoldersNotification.type, (params: unknown) => {
      const event = (params as { event?: { added?: unknown; removed?: unknown } } | null)?.event;
      const uris = (list: unknown) =>
        (Array.isArray(list) ? list : []).map((f) => (f as { uri?: unknown })?.uri).filter((u): u is string => typeof u === 'string' && u.startsWith('file:'));
      session.changeFolders(uris(event?.added).map(pathFromUri), uris(event?.removed).map(pathFromUri));
    });
  });
  // The library's $/setTrace handler reads `params.value` unchecked; this one ignores malformed params.
  connection.onNotification(SetTraceNotification.type, (params: unknown) => {
    const value = (params as { value?: unknown } | null)?.value;
    if (value === 'off' || value === 'messages' || value === 'verbose') (connection.tracer as unknown as { trace: Trace }).trace = Trace.fromString(value);
  });

  documents.onDidOpen((e) => session.documentChanged(e.document.uri, e.document.getText()));
  documents.onDidChangeContent((e) => session.documentChanged(e.document.uri, e.document.getText()));
  documents.onDidClose((e) => session.documentClosed(e.document.uri));
  connection.onDidChangeConfiguration((params) => void session.settingsChanged(params?.settings));
  connection.onNotification(MQG4AI_NOTIFICATIONS.trustGranted, () => session.grantTrust());
  connection.onNotification(MQG4AI_NOTIFICATIONS.activeAssessmentChanged, (params: unknown) => {
    const assessment = (params as { assessment?: unknown } | null)?.assessment;
    session.setActiveAssessment(typeof assessment === 'string' && assessment ? assessment : null);
  });
  connection.onDidChangeWatchedFiles((params) =>
    session.filesChanged(
      (params?.changes ?? [])
        .filter((c) => typeof c?.uri === 'string' && c.type in CHANGE_KINDS)
        .map((c) => ({ uri: c.uri, change: CHANGE_KINDS[c.type as keyof typeof CHANGE_KINDS] })),
    ),
  );
  registerRequests(connection, session);
  connection.onShutdown(() => session.shutdown());

  listenToDocuments(documents, connection, logger);
  connection.listen();
}
