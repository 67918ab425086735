import { posix } from 'node:path';
import type { Assessment, AssessmentBlock, AssessmentKind } from '../workspace/assessments';

/** One assessment as `mqg4ai assessments --format json` and the `mqg4ai/assessments` request give it. */
export interface AssessmentListEntry {
  readonly id: string;
  readonly label: string;
  /** Relative to the listed root (`.` for the root itself). */
  readonly folder: string;
  readonly kind: AssessmentKind;
  readonly complete: boolean;
  readonly blocks: readonly AssessmentBlock[];
  readonly documents: number;
  /** ID of the assessment it is based on, or null. */
  readonly basedOn: string | null;
}

export interface AssessmentListData {
  readonly version: 1;
  /** Absolute path the folders are relative to. */
  readonly root: string;
  readonly assessments: readonly AssessmentListEntry[];
}

/** The list of assessments under `root` (all when `root` is a workspace folder), folders relative to it. */
export function assessmentListData(assessments: readonly Assessment[], root: string): AssessmentListData {
  const inside = assessments.filter((a) => a.folder === root || a.folder.startsWith(`${root}/`) || root.startsWith(`${a.folder}/`));
  return {
    version: 1,
    root,
    assessments: inside.map((a) => ({
      id: a.id,
      label: a.label,
      folder: posix.relative(root, a.folder) || '.',
      kind: a.kind,
      complete: a.complete,
      blocks: a.blocks,
      documents: a.documents,
      basedOn: a.basedOn ?? null,
    })),
  };
}

/** Text (one line per assessment) or JSON. Text is for terminals: control characters in names are shown escaped. */
export function renderAssessmentList(data: AssessmentListData, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  if (data.assessments.length === 0) return 'No assessment found (no folder holding 1_System, 2_Lifecycle or 3_RiskManagement, and none declared).\n';
  const safe = (text: string) =>
    [...text]
      .map((c) => (c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c))
      .join('');
  const lines = data.assessments.map((a) => {
    const scope = a.complete ? 'complete' : `partial: ${a.blocks.join(', ') || 'no blocks'}`;
    const kind = a.kind === 'design-knowledge' ? 'design knowledge' : 'application';
    const based = a.basedOn ? `, based on ${safe(a.basedOn)}` : '';
    return `${safe(a.id)}  ${safe(a.folder)}  (${kind}, ${scope}, ${a.documents} document(s)${based})`;
  });
  return `${lines.join('\n')}\n`;
}
