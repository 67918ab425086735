// "MQG4AI: Compare with...": two assessments compared by the server (mqg4ai/compareAssessments,
// Markdown), shown as a read-only virtual document in the Markdown preview (or as text where
// the preview is not available).
import * as vscode from 'vscode';
import { MQG4AI_REQUESTS, type CompareAssessmentsParams, type CompareAssessmentsResult } from '../../../protocol/protocol';
import { comparisonOrder, findAssessment, type AssessmentInfo } from './assessmentModel';
import type { AssessmentSource } from './activeAssessment';

export const COMPARE_SCHEME = 'mqg4ai-compare';
export const COMPARE_COMMAND = 'mqg4ai.compareAssessments';

/** Serves `mqg4ai-compare:` documents: the query names the two assessments; the server renders them on each read. */
export class ComparisonDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly source: AssessmentSource) {}

  static uriFor(from: AssessmentInfo, to: AssessmentInfo): vscode.Uri {
    const name = `${from.label} → ${to.label}.md`.replace(/[/\\]/g, '_');
    return vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${name}`, query: new URLSearchParams({ from: from.id, to: to.id }).toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const params: CompareAssessmentsParams = { from: query.get('from') ?? '', to: query.get('to') ?? '', format: 'md' };
    try {
      return (await this.source.sendRequest<CompareAssessmentsResult>(MQG4AI_REQUESTS.compareAssessments, params)).content;
    } catch (error) {
      return `# Assessment comparison\n\nThe comparison of ${params.from} and ${params.to} failed: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
}

/** Arguments of the command: an assessment node of the coverage view (its assessment ID), or both sides (tests, keybindings). */
export type CompareArgs = { readonly assessment?: string; readonly from?: string; readonly to?: string };

/**
 * Runs "Compare with...": `subject` is the assessment the command was run on (default: the active
 * one, else picked); the other is picked unless given. Resolves to the comparison's URI.
 */
export async function compareAssessments(
  list: readonly AssessmentInfo[],
  active: AssessmentInfo | undefined,
  args: CompareArgs = {},
): Promise<vscode.Uri | undefined> {
  if (list.length < 2) {
    void vscode.window.showInformationMessage('MQG4AI: this workspace holds fewer than two assessments; there is nothing to compare.');
    return undefined;
  }
  const named = (name: string | undefined, role: string) => {
    if (name === undefined) return undefined;
    const found = findAssessment(list, name);
    if (!found) void vscode.window.showErrorMessage(`MQG4AI: unknown assessment "${name}" (${role}).`);
    return found ?? null;
  };
  const given = { from: named(args.from, 'from'), to: named(args.to, 'to'), subject: named(args.assessment, 'assessment') };
  if (given.from === null || given.to === null || given.subject === null) return undefined;
  let pair: { from: AssessmentInfo; to: AssessmentInfo } | undefined;
  if (given.from && given.to) pair = { from: given.from, to: given.to };
  else {
    const subject = given.subject ?? given.to ?? given.from ?? active ?? (await pick(list, 'Compare which assessment?'));
    if (!subject) return undefined;
    const other = await pick(
      list.filter((a) => a.id !== subject.id),
      `Compare ${subject.label} with...`,
    );
    if (!other) return undefined;
    pair = comparisonOrder(list, subject, other);
  }
  const uri = ComparisonDocuments.uriFor(pair.from, pair.to);
  const document = await vscode.workspace.openTextDocument(uri);
  // The rendered preview where the built-in Markdown extension is there (it may not be activated
  // yet, so its command is tried rather than looked up); the Markdown text otherwise.
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(document, { preview: true });
  }
  return uri;
}

async function pick(list: readonly AssessmentInfo[], title: string): Promise<AssessmentInfo | undefined> {
  const picked = await vscode.window.showQuickPick(
    list.map((a) => ({ label: a.label, description: a.folder, assessment: a })),
    { title, placeHolder: 'Assessment' },
  );
  return picked?.assessment;
}
