import { posix } from 'node:path';
import { LEAF_QG_TEMPLATE, RISK_TEMPLATE } from '../../domain/templates/templateTexts';

import type { NewDocumentKind as AnyNewDocumentKind } from '../../../../protocol/protocol';

/** The kinds with a template text (the others are built by `documentCreation.ts`). */
export type TemplateKind = 'leaf-qg' | 'risk';
export type NewDocumentKind = AnyNewDocumentKind;

/**
 * The text of a new document at `path` from the Leaf-QG or risk template, its
 * front matter filled from the file name: `QG_Calibration_(Binary).md` gets
 * `{Name: QG_Calibration}` and the title `QG Calibration (Binary)`. A risk
 * under `3_RiskManagement/.../<n>_<Requirement>/<Section>/` also gets its
 * Intent (`<Requirement>_Risk`) and Applicability (`<Section>`). `template`: the workspace's own
 * template text (its `templates/` folder), else the built-in one.
 */
export function newDocumentText(kind: TemplateKind, path: string, template?: string): string {
  const stem = posix.basename(path).replace(/\.(md|markdown)$/i, '');
  const view = /_\(([^)]*)\)$/.exec(stem)?.[1];
  const base = view !== undefined ? stem.slice(0, stem.length - view.length - 3) : stem;
  const name = yamlSafe(kind === 'leaf-qg' ? base : stem);
  if (kind === 'leaf-qg') {
    const title = `${base.replace(/^QG_/i, 'QG ').replace(/_/g, ' ')}${view !== undefined ? ` (${view})` : ''}`;
    return (template ?? LEAF_QG_TEMPLATE).replace(/\{Name:[ \t]*\}/, `{Name: ${name}}`).replace(/^## QG Name \(View\)[ \t]*$/m, `## ${title}`);
  }
  let text = (template ?? RISK_TEMPLATE).replace(/\{Name:[ \t]*\}/, `{Name: ${name}}`).replace(/^## Name[ \t]*$/m, `## ${stem.replace(/_/g, ' ')}`);
  const folders = posix.dirname(path).split('/');
  const risk = folders.lastIndexOf('3_RiskManagement');
  if (risk >= 0) {
    const requirementAt = folders.findIndex((f, i) => i > risk && /^\d+_[A-Za-z]/.test(f));
    if (requirementAt >= 0) {
      text = text.replace('{Intent: <Requirement>_Risk}', `{Intent: ${yamlSafe(folders[requirementAt].replace(/^\d+_/, ''))}_Risk}`);
      if (requirementAt < folders.length - 1) {
        text = text.replace('{Applicability: <Requirement section>}', `{Applicability: ${yamlSafe(folders[folders.length - 1])}}`);
      }
    }
  }
  return text;
}

/** Which template a missing file most likely wants: risks live under `3_RiskManagement`. */
export function likelyKind(path: string): TemplateKind {
  return /\/3_RiskManagement\//.test(path) && !/\/QG_[^/]*$/i.test(path) ? 'risk' : 'leaf-qg';
}

/** A plain YAML flow scalar, quoted when it would not survive as one. */
function yamlSafe(value: string): string {
  return /^[A-Za-z0-9_][^,{}[\]#:"']*$/.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}
