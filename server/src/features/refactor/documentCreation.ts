import { posix } from 'node:path';
import type { CancellationToken } from '../../base/cancellation';
import { throwIfCancelled } from '../../base/cancellation';
import { Refusal } from '../../base/refusal';
import { blockOf, type CatalogueRequirement, type CatalogueSection, type QuestionCatalogue } from '../../domain/altai/catalogue';
import { requirementOf } from '../../domain/altai/assessment';
import { questionKey } from '../../domain/altai/questionBlocks';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { questionDepth, questionLine } from '../completion/questionCompletion';
import { missingSections } from './templateInsert';
import { newDocumentText, type NewDocumentKind } from './newDocument';
import { WorkspaceChange, type TextEdit } from './workspaceChange';

/** The workspace's own template file names, as MQG4AI repositories keep them in `templates/`. */
const WORKSPACE_TEMPLATES: Partial<Record<NewDocumentKind, string>> = { 'leaf-qg': 'Template_LeafQG.md', risk: 'Template_Risk.md' };

/** A new document as an edit: the file, its content and, on request, the link to it from its Collection-QG. */
export interface CreatedDocument {
  readonly change: WorkspaceChange;
  /** The workspace template used (absolute path), or `built-in`. */
  readonly template: string;
  /** The Collection-QG that gets the link, when asked for and found. */
  readonly collection?: string;
}

/** What a document lacks of its template, as an edit. */
export interface CompletedDocument {
  readonly change: WorkspaceChange;
  readonly summary: string;
}

/**
 * "New Quality Gate...", "Create from Template" and "Insert the Questions": documents created and
 * completed from their templates, as WorkspaceChanges the client applies (nothing is written here).
 */
export class DocumentCreationProvider {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: QuestionCatalogue,
  ) {}

  /** The new document at `path`; refuses a file that exists. */
  async createDocument(kind: NewDocumentKind, path: string, linkFromCollection: boolean, token: CancellationToken): Promise<CreatedDocument> {
    if (this.index.hasFile(path)) throw new Refusal(`${posix.basename(path)} exists already.`);
    if (!/\.(md|markdown)$/i.test(path)) throw new Refusal('A quality-gate document is a Markdown file (.md).');
    const template = this.workspaceTemplate(kind, path);
    const templateText = template ? await this.index.readText(template) : undefined;
    throwIfCancelled(token);
    const text = this.textFor(kind, path, templateText);
    const change = new WorkspaceChange()
      .operation({ kind: 'create', path })
      .edit(path, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text });
    let collection: string | undefined;
    if (linkFromCollection && kind === 'leaf-qg') {
      collection = this.collectionFor(path);
      if (collection) {
        const collectionText = this.index.openText(collection) ?? (await this.index.readText(collection));
        throwIfCancelled(token);
        if (collectionText !== undefined)
          change.edit(collection, subQgLinkEdit(collectionText, collection, path, titleOf(text) ?? posix.basename(path, '.md')));
        else collection = undefined;
      }
    }
    return { change, template: templateText !== undefined && template ? template : 'built-in', ...(collection ? { collection } : {}) };
  }

  /** What the document at `path` lacks of its template, or undefined when nothing is missing. */
  async completeDocument(path: string, token: CancellationToken): Promise<CompletedDocument | undefined> {
    const doc = this.index.getDocument(path);
    const text = this.index.openText(path) ?? (await this.index.readText(path));
    if (!doc) return undefined;
    throwIfCancelled(token);
    if (doc.kind === 'leaf-qg' || doc.kind === 'risk') {
      if (text === undefined) return undefined;
      const missing = missingSections(doc, text.split(/\r\n|\r|\n/), this.index.config);
      if (missing.length === 0) return undefined;
      const change = new WorkspaceChange();
      for (const m of missing) change.edit(path, m.edit);
      return { change, summary: `${missing.length} template section(s)` };
    }
    if (doc.kind !== 'requirement') return undefined;
    const requirement = requirementOf(doc, this.catalogue);
    if (!requirement) return undefined;
    const quoted = new Set(doc.questionBlocks.flatMap((b) => b.questions.map((q) => questionKey(q.text))));
    const missing = requirement.sections.filter((s) => !s.questions.some((q) => quoted.has(questionKey(q.text))));
    if (missing.length === 0) return undefined;
    const lines = (text ?? '').split(/\r\n|\r|\n/);
    const lastLine = Math.max(0, lines.length - 1);
    const end = { line: lastLine, character: lines[lastLine]?.length ?? 0 };
    const hasOverview = doc.headings.some((h) => /^overview requirements/i.test(h.text));
    const block = [
      ...(hasOverview ? [] : ['', `#### Overview Requirements ${requirement.title}`]),
      ...missing.flatMap((section) => ['', `##### ${section.title}`, ...sectionBlockLines(section)]),
    ];
    const prefix = (text ?? '').length === 0 || /\n$/.test(text ?? '') ? '' : '\n';
    const change = new WorkspaceChange().edit(path, { range: { start: end, end }, newText: `${prefix}${block.join('\n')}\n` });
    return { change, summary: `${missing.length} question block(s)` };
  }

  private textFor(kind: NewDocumentKind, path: string, templateText: string | undefined): string {
    if (kind === 'leaf-qg' || kind === 'risk') return newDocumentText(kind, path, templateText);
    const stem = posix.basename(path).replace(/\.(md|markdown)$/i, '');
    if (kind === 'requirement') {
      const requirement = this.catalogue.requirementFor(stem);
      if (requirement) return requirementText(requirement);
    }
    if (kind === 'collection-qg') return collectionText(stem);
    return informationBlockText(stem);
  }

  /** `templates/Template_LeafQG.md` (or `Template_Risk.md`) in the nearest folder above `path` that has one. */
  private workspaceTemplate(kind: NewDocumentKind, path: string): string | undefined {
    const name = WORKSPACE_TEMPLATES[kind];
    if (!name) return undefined;
    const top = this.index.rootFor(path);
    for (let folder = posix.dirname(path); ; folder = posix.dirname(folder)) {
      const candidate = `${folder}/templates/${name}`;
      if (this.index.hasFile(candidate)) return candidate;
      if (folder === top || folder === posix.dirname(folder)) return undefined;
    }
  }

  /** The Collection-QG that lists a new Leaf-QG: in its folder, else in the folder above (a stage's sub-folder). */
  private collectionFor(path: string): string | undefined {
    const folder = posix.dirname(path);
    for (const candidate of [folder, posix.dirname(folder)]) {
      const found = [...this.index.filesIn(candidate)].map((f) => this.index.getDocument(f)).find((d) => d?.kind === 'collection-qg' && d.path !== path);
      if (found) return found.path;
    }
    return undefined;
  }
}

/** The `ALTAI:` and `Additional Questions:` blocks of a section, unquoted text as in the catalogue. */
export function sectionBlockLines(section: CatalogueSection): string[] {
  const lines: string[] = [];
  for (const [label, block] of [
    ['ALTAI:', 'altai'],
    ['Additional Questions:', 'additional'],
  ] as const) {
    // The MQG4AI note is no question to insert (catalogue kinds, docs/packs.md).
    const questions = section.questions.filter((q) => q.kind !== 'note' && blockOf(q) === block);
    if (questions.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(label, ...questions.map((q) => questionLine(questionDepth(section, q), q.text)));
  }
  return lines;
}

/** A requirement document: front matter, definition and every section's question blocks. */
function requirementText(requirement: CatalogueRequirement): string {
  const lines = [
    '---',
    `tags: [{Name: ${requirement.name}}, {Intent: Overview}, {Applicability: }, {Usage Example: }]`,
    '---',
    '',
    `### Definition ${requirement.title}`,
    requirement.definition,
    '',
    `#### Overview Requirements ${requirement.title}`,
  ];
  for (const section of requirement.sections) lines.push('', `##### ${section.title}`, ...sectionBlockLines(section));
  return `${lines.join('\n')}\n`;
}

/** A Collection-QG: `QG_Data_(Lifecycle).md` gets `{Name: QG_Data_(Lifecycle)}`, the title `QG Data (Lifecycle)` and a Sub-QGs list. */
function collectionText(stem: string): string {
  return [
    '---',
    `tags: [{Name: ${stem}}, {Intent: Overview}, {Applicability: }, {Usage Example: }]`,
    '---',
    '',
    `## ${stem.replace(/^QG_/i, 'QG ').replace(/_/g, ' ')}`,
    '',
    '> What this lifecycle process decides, and how its sub-QGs hand over to each other.',
    '',
    '### Sub-QGs',
    '',
  ].join('\n');
}

/** A system information block: front matter with its Name and its title. */
function informationBlockText(stem: string): string {
  return [
    '---',
    `tags: [{Name: ${stem}}]`,
    '---',
    '',
    `## ${stem.replace(/_/g, ' ')}`,
    '',
    '> What the reader needs to know about this part of the system.',
    '',
  ].join('\n');
}

/** The first `## ` title of a text. */
function titleOf(text: string): string | undefined {
  return /^##[ \t]+(.+?)[ \t]*$/m.exec(text)?.[1];
}

/**
 * The list item linking a new Leaf-QG, after the last list item with a link in the Collection-QG
 * (numbered on from an ordered list, `./` kept as the list writes it), else at the end.
 */
export function subQgLinkEdit(collectionText: string, collectionPath: string, targetPath: string, title: string): TextEdit {
  const lines = collectionText.split(/\r\n|\r|\n/);
  const eol = /\r\n/.test(collectionText) ? '\r\n' : '\n';
  const item = /^([ \t]*)(?:([-*+])|(\d+)([.)]))[ \t]+\[[^\]]*\]\(\s*<?(\.\/)?/;
  let at = -1;
  let m: RegExpExecArray | null = null;
  for (let i = 0; i < lines.length; i++) {
    const found = item.exec(lines[i]);
    if (found) [at, m] = [i, found];
  }
  let relative = posix.relative(posix.dirname(collectionPath), targetPath);
  if ((!m || m[5]) && !relative.startsWith('../')) relative = `./${relative}`;
  const destination = /[\s<>]/.test(relative) || !balanced(relative) ? `<${relative}>` : relative;
  const marker = m ? (m[2] ?? `${Number(m[3]) + 1}${m[4]}`) : '-';
  const newLine = `${m?.[1] ?? ''}${marker} [${title.replace(/[[\]]/g, '\\$&')}](${destination})`;
  if (at >= 0) {
    const position = { line: at, character: lines[at].length };
    return { range: { start: position, end: position }, newText: `${eol}${newLine}` };
  }
  const last = lines.length - 1;
  const end = { line: last, character: lines[last].length };
  return { range: { start: end, end }, newText: `${lines[last] === '' ? '' : eol}${newLine}${eol}` };
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
