// Where "MQG4AI: New Quality Gate..." puts a new document and what it calls it, free of `vscode`
// so that plain mocha tests it. The layout is MQG4AI's (docs/format.md): Leaf-QGs in a numbered
// folder of a lifecycle stage, named `QG_<Name>_(<View>).md`; a stage's Collection-QG
// `QG_<Stage>_(Lifecycle).md` in the stage folder; risks under `<n>_RiskManagement/AI_Risks/<i>_<Requirement>/[<Section>/]`.
import type { NewDocumentKind } from '../../../protocol/protocol';

/** The kinds the command offers, with what the quick pick says of each. */
export const NEW_DOCUMENT_KINDS: ReadonlyArray<{ kind: NewDocumentKind; label: string; detail: string }> = [
  { kind: 'leaf-qg', label: 'Leaf-QG', detail: 'One design decision of a lifecycle stage, from the Leaf-QG template' },
  { kind: 'collection-qg', label: 'Collection-QG', detail: "A lifecycle stage's overview, listing its sub-QGs" },
  { kind: 'risk', label: 'Risk', detail: 'A risk of a trustworthy-AI requirement, from the Risk template' },
  { kind: 'requirement', label: 'Requirement document', detail: 'The ALTAI questions of one trustworthy-AI requirement' },
];

/** `1_Data` -> `Data`, `2_Model_Evaluation` -> `Model Evaluation`. */
export function folderLabel(name: string): string {
  return name.replace(/^\d+_/, '').replace(/_/g, ' ');
}

/** `image acquisition` -> `ImageAcquisition`; keeps what is already one word. */
export function camelName(text: string): string {
  const words = text
    .trim()
    .split(/[^A-Za-z0-9\u00C0-\uFFFF-]+/)
    .filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/**
 * The name the user typed, as `{ name, view }`: `Image acquisition (Data)` or `ImageAcquisition`
 * (the view then defaults); a leading `QG_` and a trailing `.md` are dropped.
 */
export function parseGateName(input: string, defaultView: string): { name: string; view: string } | undefined {
  const text = input
    .trim()
    .replace(/\.md$/i, '')
    .replace(/^QG[_ ]/i, '');
  const match = /^(.*?)[_ ]*\(([^()]*)\)$/.exec(text);
  const name = camelName(match ? match[1] : text);
  const view = camelName(match ? match[2] : defaultView);
  return name && view ? { name, view } : undefined;
}

/** Why a typed name cannot be used, or undefined. */
export function nameProblem(input: string): string | undefined {
  if (!input.trim()) return 'Give the document a name.';
  if (/[/\\:*?"<>|#%]/.test(input)) return 'A name cannot hold / \\ : * ? " < > | # %.';
  return undefined;
}

/** The file name of a new document of `kind`. */
export function fileNameFor(kind: NewDocumentKind, name: string, view: string): string {
  if (kind === 'leaf-qg' || kind === 'collection-qg') return `QG_${name}_(${view}).md`;
  return `${name}.md`;
}

/** The next numbered folder name among `siblings`: `3_Augmentation` after `1_...` and `2_...`. */
export function nextNumberedFolder(siblings: readonly string[], name: string): string {
  const numbers = siblings.map((s) => /^(\d+)_/.exec(s)?.[1]).filter((n): n is string => n !== undefined);
  const next = numbers.length > 0 ? Math.max(...numbers.map(Number)) + 1 : 1;
  return `${next}_${name}`;
}

/** The stage a lifecycle folder belongs to: the first folder below `<n>_Lifecycle` in `path` (segments). */
export function stageOf(segments: readonly string[]): string | undefined {
  const at = segments.findIndex((s) => /^\d+_Lifecycle$/.test(s));
  return at >= 0 ? segments[at + 1] : undefined;
}
