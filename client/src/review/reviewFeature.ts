// The review workflow in VS Code (docs/review.md): the commands the server's code actions name
// (mark document / trace reviewed, show what changed since review), and the Review group of the
// coverage view. Stamps are written only by applying the WorkspaceEdit the server returns, as a
// refactoring (undoable; saved when `files.refactoring.autoSave` is on, the default).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  MQG4AI_COMMANDS,
  MQG4AI_REQUESTS,
  type ReviewChangesParams,
  type ReviewChangesResult,
  type ReviewMarkParams,
  type ReviewMarkResult,
  type ReviewStatusResult,
} from '../../../protocol/protocol';
import type { CoverageTreeProvider } from '../coverage/coverageView';
import { withReviewGroups } from './reviewModel';

export const REVIEW_CHANGES_SCHEME = 'mqg4ai-review';

const uriString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value instanceof vscode.Uri ? value.toString() : vscode.window.activeTextEditor?.document.uri.toString();

const byArg = (by: unknown): { by?: string } => (typeof by === 'string' && by.trim() ? { by: by.trim() } : {});

/** Serves `mqg4ai-review:` documents: the changes of a target since a document's review, rendered by the server on each read. */
class ReviewChangesDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const params: ReviewChangesParams = { uri: query.get('uri') ?? '', ...(query.get('target') ? { target: query.get('target')! } : {}) };
    try {
      const result = await this.client.sendRequest<ReviewChangesResult>(MQG4AI_REQUESTS.reviewChanges, params);
      return `# ${result.title}\n\n${result.content}\n`;
    } catch (error) {
      return `# Changes since review\n\nThey cannot be shown: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
}

/**
 * Asks the server for the stamps' WorkspaceEdit and applies it. Asks for the reviewer's name
 * when the server knows none (no git user). Resolves to the documents marked.
 */
async function mark(client: LanguageClient, params: ReviewMarkParams, output: vscode.LogOutputChannel): Promise<string[]> {
  let result = await client.sendRequest<ReviewMarkResult>(MQG4AI_REQUESTS.reviewMark, params);
  if (result.needsName) {
    const by = await vscode.window.showInputBox({
      title: 'MQG4AI: Mark reviewed',
      prompt: 'Your name, as the reviewer (no git user.name is set)',
      ignoreFocusOut: true,
    });
    if (!by?.trim()) return [];
    result = await client.sendRequest<ReviewMarkResult>(MQG4AI_REQUESTS.reviewMark, { ...params, by: by.trim() });
  }
  for (const { uri, reason } of result.refused)
    void vscode.window.showWarningMessage(`MQG4AI: ${vscode.Uri.parse(uri).fsPath} was not marked reviewed: ${reason}`);
  if (result.edit) {
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit as never);
    const applied = edit !== undefined && (await vscode.workspace.applyEdit(edit, { isRefactoring: true }));
    if (!applied) {
      output.warn('The review stamps were not written: the workspace edit was not applied.');
      return [];
    }
  }
  for (const uri of result.marked)
    output.info(`Marked reviewed: ${vscode.Uri.parse(uri).fsPath}${params.trace ? ` (trace to ${vscode.Uri.parse(params.trace).fsPath})` : ''}`);
  return [...result.marked];
}

/** Registers the review commands and hooks the Review groups into the coverage view. */
export function registerReview(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  coverage: CoverageTreeProvider,
  output: vscode.LogOutputChannel,
): void {
  coverage.decorate = async (items, assessmentIds) => {
    try {
      return withReviewGroups(items, assessmentIds, await client.sendRequest<ReviewStatusResult>(MQG4AI_REQUESTS.reviewStatus, {}));
    } catch (error) {
      output.warn(`Review status request failed: ${error instanceof Error ? error.message : String(error)}`);
      return items;
    }
  };
  const afterMark = async (marked: string[]) => {
    if (marked.length > 0) await coverage.refresh();
    return marked;
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_CHANGES_SCHEME, new ReviewChangesDocuments(client)),
    // Arguments: the document (default: the active editor's), and for automation the reviewer's name.
    vscode.commands.registerCommand(MQG4AI_COMMANDS.markDocumentReviewed, async (arg?: unknown, by?: unknown) => {
      const uri = uriString(arg);
      return uri ? afterMark(await mark(client, { uris: [uri], ...byArg(by) }, output)) : [];
    }),
    vscode.commands.registerCommand(MQG4AI_COMMANDS.markTraceReviewed, async (arg?: unknown, target?: unknown, by?: unknown) => {
      const uri = uriString(arg);
      const trace = typeof target === 'string' ? target : target instanceof vscode.Uri ? target.toString() : undefined;
      return uri && trace ? afterMark(await mark(client, { uris: [uri], trace, ...byArg(by) }, output)) : [];
    }),
    vscode.commands.registerCommand(MQG4AI_COMMANDS.showChangesSinceReview, async (arg?: unknown, target?: unknown) => {
      const uri = uriString(arg);
      if (!uri) return undefined;
      const targetUri = typeof target === 'string' ? target : target instanceof vscode.Uri ? target.toString() : undefined;
      const name =
        vscode.Uri.parse(targetUri ?? uri)
          .path.split('/')
          .pop() ?? 'document';
      const query = new URLSearchParams({ uri, ...(targetUri ? { target: targetUri } : {}) }).toString();
      const view = vscode.Uri.from({ scheme: REVIEW_CHANGES_SCHEME, path: `/Changes in ${name} since review.md`, query });
      const document = await vscode.workspace.openTextDocument(view);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', view);
      } catch {
        await vscode.window.showTextDocument(document, { preview: true });
      }
      return view;
    }),
  );
}
