import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCoverage } from './coverage/coverageFeature';
import { ActiveAssessmentController } from './assessments/activeAssessment';
import { COMPARE_SCHEME, ComparisonDocuments } from './assessments/compareAssessments';
import type { CoverageTreeProvider } from './coverage/coverageView';
import type { CoverageItem } from './coverage/coverageModel';
import { fileMoveMiddleware } from './refactor/fileMoves';
import { registerReview } from './review/reviewFeature';
import { NEW_QUALITY_GATE, NEW_REQUIREMENT_DOCUMENT, NEW_RISK, newDocument, type NewDocumentArgs } from './documents/newDocumentCommand';
import { suggestInEmptyDocuments, type EmptyDocumentSuggestions } from './documents/emptyDocumentSuggest';
import { RestartPolicy } from './restartPolicy';
import { clientOutputChannel } from './logChannel';
import { serverInitializationOptions, TRUST_GRANTED_NOTIFICATION } from './trust';
import { TRIGGER_SUGGEST_COMMAND } from '../../protocol/protocol';

let client: LanguageClient | undefined;

/** Starts the MQG4AI language server and the commands around it. */
/** What activation returns: the extension's API, used by the real-VS-Code tests. */
export interface Mqg4aiApi {
  readonly client: LanguageClient;
  readonly coverageTree: CoverageTreeProvider;
  /** The coverage view in the MQG4AI activity-bar container. */
  readonly coverageView: vscode.TreeView<CoverageItem>;
  /** The active assessment and the workspace's assessments. */
  readonly assessments: ActiveAssessmentController;
  /** The folder of the "MQG4AI" output channel's log file (the real-VS-Code tests read it). */
  readonly logFolder: vscode.Uri;
  /** Where the suggestions opened by themselves (empty Markdown files). */
  readonly emptyFileSuggestions: EmptyDocumentSuggestions;
}

export async function activate(context: vscode.ExtensionContext): Promise<Mqg4aiApi> {
  const output = vscode.window.createOutputChannel('MQG4AI', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const policy = new RestartPolicy(5, 3 * 60 * 1000);
  const errorHandler: ErrorHandler = {
    error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
    closed: (): CloseHandlerResult => {
      if (policy.allowRestart(Date.now())) {
        output.warn('The MQG4AI language server stopped unexpectedly; restarting it.');
        return { action: CloseAction.Restart, handled: true };
      }
      const message =
        'The MQG4AI language server crashed 5 times in the last 3 minutes and will not be restarted. See the "MQG4AI" output for details; run "MQG4AI: Restart Language Server" to try again.';
      void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => choice && output.show());
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    // The server keeps its parsed-document cache here (per workspace; safe to delete).
    // `trusted`: in Restricted Mode the server reads nothing outside the workspace folders (docs/security.md).
    initializationOptions: {
      ...serverInitializationOptions((context.storageUri ?? context.globalStorageUri).fsPath, vscode.workspace.isTrusted),
      // VS Code runs this itself: folder completions may ask for the folder's contents next.
      clientCommands: [TRIGGER_SUGGEST_COMMAND],
      // VS Code shows a diagnostic's message in the hover already: the server's hover does not repeat it.
      hoverShowsDiagnostics: true,
    },
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
    // One clean line per message: the level from the client's prefix, the prefix dropped (client/src/logChannel.ts).
    outputChannel: clientOutputChannel(output),
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler,
    // Link updates on file/folder moves honour mqg4ai.links.updateOnFileMove (client/src/refactor).
    middleware: { workspace: { willRenameFiles: fileMoveMiddleware(output) } },
  };

  client = new LanguageClient('mqg4ai', 'MQG4AI Language Server', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('mqg4ai.restartServer', async () => {
      policy.reset();
      output.info('Restarting the language server on request.');
      await client?.restart();
    }),
    vscode.commands.registerCommand('mqg4ai.showOutput', () => output.show()),
  );

  const assessments = new ActiveAssessmentController(client, (message) => output.warn(message));
  context.subscriptions.push(assessments, vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, new ComparisonDocuments(client)));
  const { provider: coverageTree, view: coverageView } = registerCoverage(context, client, output, assessments);
  registerReview(context, client, coverageTree, output);
  const emptyFileSuggestions = suggestInEmptyDocuments();
  /** From the Explorer's context menu the argument is the folder (or file) clicked; from code, NewDocumentArgs. */
  const newDocumentCommand = (kind?: NewDocumentArgs['kind']) => (arg?: unknown) => {
    const explorer = arg instanceof vscode.Uri ? arg : undefined;
    const args = arg && !(arg instanceof vscode.Uri) && typeof arg === 'object' ? (arg as NewDocumentArgs) : {};
    const folder = explorer && /\.(md|markdown)$/i.test(explorer.path) ? vscode.Uri.joinPath(explorer, '..') : explorer;
    return newDocument(client!, assessments, { ...(kind ? { kind } : {}), ...args }, folder);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_QUALITY_GATE, newDocumentCommand()),
    vscode.commands.registerCommand(NEW_RISK, newDocumentCommand('risk')),
    vscode.commands.registerCommand(NEW_REQUIREMENT_DOCUMENT, newDocumentCommand('requirement')),
    emptyFileSuggestions,
  );
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_GRANTED_NOTIFICATION)));

  await client.start();
  return { client, coverageTree, coverageView, assessments, logFolder: context.logUri, emptyFileSuggestions };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
