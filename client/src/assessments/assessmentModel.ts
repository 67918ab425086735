// Which assessment is active, and how the picker, the status bar and "Compare with..." present
// assessments; free of `vscode` so that plain mocha can test it. activeAssessment.ts and
// compareAssessments.ts adapt it to VS Code's API.
import type { AssessmentInfo, AssessmentsResult } from '../../../protocol/protocol';

export type { AssessmentInfo, AssessmentsResult };

/** `mqg4ai.activeAssessment`: follow the active editor. */
export const FOLLOW_EDITOR = 'auto';

/** The absolute POSIX folder of an assessment (`folder` is relative to the listed root and may climb out of it). */
export function assessmentFolder(root: string, assessment: AssessmentInfo): string {
  const parts: string[] = [];
  for (const part of `${root.replace(/\\/g, '/')}/${assessment.folder}`.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The assessment holding `path` (an absolute POSIX path): the deepest assessment folder above it. */
export function assessmentOfPath(list: AssessmentsResult, path: string): AssessmentInfo | undefined {
  let best: { assessment: AssessmentInfo; depth: number } | undefined;
  for (const assessment of list.assessments) {
    const folder = assessmentFolder(list.root, assessment);
    if (path !== folder && !path.startsWith(folder === '/' ? '/' : `${folder}/`)) continue;
    if (!best || folder.length > best.depth) best = { assessment, depth: folder.length };
  }
  return best?.assessment;
}

/** An assessment by ID, else by folder (relative to the root) or label. */
export function findAssessment(list: readonly AssessmentInfo[], name: string): AssessmentInfo | undefined {
  const folder = name.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
  return list.find((a) => a.id === name) ?? list.find((a) => a.folder === folder) ?? list.find((a) => a.label === name);
}

/**
 * The effective active assessment. `setting` is `mqg4ai.activeAssessment`: an ID or folder; `auto`
 * (the active editor's assessment, else the one it last had, so that focusing the output or a
 * file outside every assessment keeps it); empty (none chosen: the only application, if there is
 * exactly one).
 */
export function resolveActiveAssessment(
  setting: string | undefined,
  list: AssessmentsResult | undefined,
  editorPath: string | undefined,
  lastFollowed: string | undefined,
): AssessmentInfo | undefined {
  if (!list) return undefined;
  const value = (setting ?? '').trim();
  if (value === FOLLOW_EDITOR) {
    const fromEditor = editorPath ? assessmentOfPath(list, editorPath) : undefined;
    return fromEditor ?? (lastFollowed ? findAssessment(list.assessments, lastFollowed) : undefined) ?? onlyApplication(list.assessments);
  }
  if (value) return findAssessment(list.assessments, value);
  return onlyApplication(list.assessments);
}

function onlyApplication(list: readonly AssessmentInfo[]): AssessmentInfo | undefined {
  const applications = list.filter((a) => a.kind === 'application');
  return applications.length === 1 ? applications[0] : undefined;
}

/** Assessments in the order the coverage view lists them: the active one first, then applications, then the design knowledge. */
export function orderAssessments(list: readonly AssessmentInfo[], activeId: string | undefined): AssessmentInfo[] {
  const rank = (a: AssessmentInfo) => (a.id === activeId ? 0 : a.kind === 'application' ? 1 : 2);
  return list
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map(({ a }) => a);
}

/** One line saying what an assessment is (picker detail, tooltips). */
export function describeAssessment(a: AssessmentInfo): string {
  const kind = a.kind === 'design-knowledge' ? 'design knowledge' : a.complete ? 'application' : `partial application (${a.blocks.join(', ') || 'no blocks'})`;
  return `${kind}, ${a.documents} document(s)${a.basedOn ? `, based on ${a.basedOn}` : ''}`;
}

export interface PickItem {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** The value written to `mqg4ai.activeAssessment`. */
  readonly value: string;
  readonly picked: boolean;
}

/** The items of "MQG4AI: Select Active Assessment": each assessment, then "Follow the active editor" and "None". */
export function assessmentPickItems(list: readonly AssessmentInfo[], setting: string | undefined, activeId: string | undefined): PickItem[] {
  const value = (setting ?? '').trim();
  return [
    ...orderAssessments(list, undefined).map((a) => ({
      label: `${a.id === activeId ? '$(check) ' : ''}${a.label}`,
      description: a.folder,
      detail: describeAssessment(a),
      value: a.id,
      picked: value === a.id,
    })),
    {
      label: '$(eye) Follow the active editor',
      description: FOLLOW_EDITOR,
      detail: 'The assessment of the document being edited.',
      value: FOLLOW_EDITOR,
      picked: value === FOLLOW_EDITOR,
    },
    {
      label: '$(close) No active assessment',
      detail: 'Problems of every assessment; no ALTAI summary when there are several applications.',
      value: '',
      picked: value === '',
    },
  ];
}

export interface AssessmentStatusView {
  readonly text: string;
  /** Markdown (escaped). */
  readonly tooltip: string;
}

/** The status-bar item of the active assessment; undefined when there is nothing to choose between. */
export function assessmentStatusView(
  list: readonly AssessmentInfo[],
  active: AssessmentInfo | undefined,
  setting: string | undefined,
): AssessmentStatusView | undefined {
  if (list.length < 2) return undefined;
  const follows = (setting ?? '').trim() === FOLLOW_EDITOR;
  const how = follows ? ' (following the active editor)' : '';
  if (!active) return { text: '$(layers) No assessment', tooltip: `**No active assessment**${how}\n\nClick to choose the assessment you work on.` };
  return {
    text: `$(layers${follows ? '-active' : ''}) ${active.label}`,
    tooltip: `**Active assessment: ${escape(active.label)}**${how}\n\n${escape(describeAssessment(active))}\n\nClick to choose another.`,
  };
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, '\\$&');
}

/** Whether `later` is `earlier` or descends from it through `basedOn`. */
function descendsFrom(list: readonly AssessmentInfo[], later: AssessmentInfo, earlier: AssessmentInfo): boolean {
  const seen = new Set<string>();
  for (let a: AssessmentInfo | undefined = later; a && !seen.has(a.id); a = a.basedOn ? list.find((x) => x.id === a!.basedOn) : undefined) {
    if (a.id === earlier.id) return true;
    seen.add(a.id);
  }
  return false;
}

/**
 * "Compare with...": which of the two is `from` and which `to`. A version compares from what it
 * is based on (however far back); unrelated ones from the one picked to the one the command was
 * run on.
 */
export function comparisonOrder(list: readonly AssessmentInfo[], subject: AssessmentInfo, other: AssessmentInfo): { from: AssessmentInfo; to: AssessmentInfo } {
  if (descendsFrom(list, subject, other)) return { from: other, to: subject };
  if (descendsFrom(list, other, subject)) return { from: subject, to: other };
  return { from: other, to: subject };
}
