import { gateNameKey } from '../../domain/document/names';
import { posix } from 'node:path';
import { make, type TraceDiagnostic } from '../../domain/codes';
import { checkLink } from '../../workspace/linkStatus';
import {
  hasContent,
  matchTemplateSection,
  isContainer,
  linksInSections,
  sectionAt,
  sectionKey,
  sectionsOf,
  type Section,
} from '../../domain/document/sections';
import { tagValue, type QualityGateDocument } from '../../domain/document/types';
import { leafQgTemplate, riskTemplate, type DocumentTemplate } from '../../domain/templates/documentTemplates';
import { treeRootOf } from '../../workspace/trees';
import type { DocumentRule } from './rule';

/** Template sections a document need not have: placeholders in the template itself. */
const OPTIONAL_SECTIONS = new Set(['stakeholder 1 n', 'risk']);
const RISK_SECTIONS = new Set(['poses risk s', 'implements risk control s']);
const RELATED_QGS = 'related qgs';
const CONTROL_SECTION = 'implements risk control s';
const RISK_CONTROL = 'risk control';
const QG_KINDS = new Set(['leaf-qg', 'collection-qg']);

const titleRange = (doc: QualityGateDocument) => doc.headings[0]?.textRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `qg.missing-section`, `qg.empty-section`, `risk.missing-section`: the template's sections are there and filled. */
export const templateSectionsRule: DocumentRule = {
  name: 'template-sections',
  check: ({ doc, config }) => {
    if (doc.kind === 'leaf-qg') return checkTemplate(doc, leafQgTemplate, 'qg.missing-section', 'Leaf-QG', config.requiredSections.leafQg);
    if (doc.kind === 'risk') return checkTemplate(doc, riskTemplate, 'risk.missing-section', 'risk document', config.requiredSections.risk);
    return [];
  },
};

function checkTemplate(
  doc: QualityGateDocument,
  template: DocumentTemplate,
  missingCode: 'qg.missing-section' | 'risk.missing-section',
  label: string,
  required: readonly string[] | undefined,
): TraceDiagnostic[] {
  const sections = sectionsOf(doc);
  const result: TraceDiagnostic[] = [];
  const missing = new Set<string>();
  // A configured list names the required sections; a parent of a required section is required too.
  const requiredKeys = required ? new Set(required.map(sectionKey)) : undefined;
  const isRequired = (heading: string) =>
    !requiredKeys ||
    requiredKeys.has(sectionKey(heading)) ||
    template.sections.some((s) => requiredKeys.has(sectionKey(s.heading)) && s.parents.includes(heading));
  for (const wanted of template.sections) {
    if (OPTIONAL_SECTIONS.has(sectionKey(wanted.heading)) || !isRequired(wanted.heading)) continue;
    const path = [...wanted.parents, wanted.heading];
    // When a parent section is missing, its children are implied: report the parent only.
    if (wanted.parents.some((p) => missing.has(p))) {
      missing.add(wanted.heading);
      continue;
    }
    const match = matchTemplateSection(doc, sections, wanted);
    const found = match?.section;
    if (!found) {
      missing.add(wanted.heading);
      result.push(
        make(missingCode, {
          message: `Missing section "${wanted.heading}"${wanted.parents.length > 0 ? ` (under ${wanted.parents.map((p) => `"${p}"`).join(' › ')})` : ''}: this ${label} lacks a section of its template.`,
          range: titleRange(doc),
          templatePath: path.join(' › '),
        }),
      );
      continue;
    }
    if (match.wording === 'fuzzy') {
      result.push(
        make('qg.section-wording', {
          message: `Worded differently from the template: "${found.heading.text}" stands for the section "${wanted.heading}".`,
          range: found.heading.textRange,
        }),
      );
    }
    if (missingCode === 'qg.missing-section' && !isContainer(template, wanted) && !hasContent(doc, found)) {
      result.push(make('qg.empty-section', { message: `Section "${path.join(' › ')}" holds only its template prompt.`, range: found.heading.textRange }));
    }
  }
  return result;
}

/** `trace.risk-link-target`: entries under Poses Risk(s) / Implements Risk Control(s) link to risk documents. */
export const riskLinkTargetRule: DocumentRule = {
  name: 'risk-link-target',
  check: ({ index, doc }) => {
    if (!QG_KINDS.has(doc.kind)) return [];
    const sections = sectionsOf(doc);
    const result: TraceDiagnostic[] = [];
    for (const link of linksInSections(doc, sections, RISK_SECTIONS)) {
      const status = checkLink(index, doc, link);
      if (status.state !== 'ok' || status.isFolder) continue;
      const target = index.getDocument(status.path);
      if (!target || target.kind === 'risk') continue;
      const section = riskSectionOf(doc, sections, link.range.start.line);
      result.push(
        make('trace.risk-link-target', {
          message: `Not a risk: "${target.title}" is ${KIND_NAMES[target.kind]}. A link under "${section}" should lead to the risk document itself.`,
          range: link.destinationRange,
          linkRange: link.range,
          target: link.rawDestination,
        }),
      );
    }
    return result;
  },
};

/** Each kind as a sentence names it ("is an information block"). */
const KIND_NAMES: Record<QualityGateDocument['kind'], string> = {
  'collection-qg': 'a Collection-QG',
  'leaf-qg': 'a Leaf-QG',
  risk: 'a risk document',
  requirement: 'a trustworthy-AI requirement document',
  'information-block': 'an information block',
  template: 'a template',
  placeholder: 'a placeholder (t.b.d.)',
  other: 'a document outside the MQG4AI structure',
};

/** The heading of the risk section (Poses Risk(s) / Implements Risk Control(s)) a line sits in. */
function riskSectionOf(doc: QualityGateDocument, sections: readonly Section[], line: number): string {
  const inner = sectionAt(sections, line);
  const chain = inner ? [inner.index, ...[...inner.parents].reverse()] : [];
  const found = chain.find((i) => RISK_SECTIONS.has(sectionKey(doc.headings[i].text)));
  return found === undefined ? 'Poses Risk(s)' : doc.headings[found].text;
}

/** `trace.uncontrolled-risk`: some QG implements a control for each risk (links in either direction count). */
export const uncontrolledRiskRule: DocumentRule = {
  name: 'uncontrolled-risk',
  needs: 'workspace',
  check: ({ index, doc }) => {
    if (doc.kind !== 'risk') return [];
    // Risk -> QG: a QG linked from the risk's own "Risk control" section.
    const ownSections = sectionsOf(doc);
    for (const link of linksInSections(doc, ownSections, new Set([RISK_CONTROL]))) {
      const status = checkLink(index, doc, link);
      if (status.state === 'ok' && (status.isFolder || QG_KINDS.has(index.getDocument(status.path)?.kind ?? ''))) return [];
    }
    // QG -> risk: a QG listing the risk under "Implements Risk Control(s)".
    for (const sourcePath of index.linkSources(doc.path)) {
      const source = index.getDocument(sourcePath);
      if (!source || !QG_KINDS.has(source.kind)) continue;
      for (const link of linksInSections(source, sectionsOf(source), new Set([CONTROL_SECTION]))) {
        const status = checkLink(index, source, link);
        if (status.state === 'ok' && status.path === doc.path) return [];
      }
    }
    return [make('trace.uncontrolled-risk', { message: `No quality gate implements a control for risk "${doc.title}".`, range: titleRange(doc) })];
  },
};

/** `frontmatter.name-mismatch`: the Name tag names the file. */
export const nameMismatchRule: DocumentRule = {
  name: 'name-mismatch',
  check: ({ doc }) => {
    if (!QG_KINDS.has(doc.kind) && doc.kind !== 'risk' && doc.kind !== 'requirement') return [];
    const tag = doc.frontMatter?.tags.find((t) => t.key.toLowerCase() === 'name');
    if (!tag || tag.value.trim() === '') return [];
    const stem = posix.basename(doc.path).replace(/\.md$/i, '');
    if (gateNameKey(tag.value) === gateNameKey(stem)) return [];
    return [
      make('frontmatter.name-mismatch', {
        message: `Name "${tag.value}" does not match the file name "${posix.basename(doc.path)}".`,
        range: tag.valueRange ?? tag.range,
      }),
    ];
  },
};

/** `qg.duplicate-name`: two QGs of one tree share a Name. */
export const duplicateNameRule: DocumentRule = {
  name: 'duplicate-name',
  needs: 'workspace',
  check: ({ index, doc }) => {
    if (!QG_KINDS.has(doc.kind)) return [];
    const name = tagValue(doc, 'name')?.trim();
    if (!name) return [];
    const tree = treeRootOf(index, doc.path);
    const others = index.documentsNamed(name).filter((p) => p !== doc.path && QG_KINDS.has(index.getDocument(p)?.kind ?? '') && treeRootOf(index, p) === tree);
    if (others.length === 0) return [];
    const tag = doc.frontMatter!.tags.find((t) => t.key.toLowerCase() === 'name')!;
    const where = others.map((p) => posix.relative(posix.dirname(doc.path), p)).join(', ');
    return [make('qg.duplicate-name', { message: `Another quality gate in this tree is also named "${name}": ${where}.`, range: tag.valueRange ?? tag.range })];
  },
};

/** `link.placeholder`: a link into a `t.b.d.md` placeholder. */
export const placeholderLinkRule: DocumentRule = {
  name: 'placeholder-link',
  check: ({ index, doc }) => {
    const result: TraceDiagnostic[] = [];
    for (const link of doc.links) {
      const status = checkLink(index, doc, link);
      if (status.state !== 'ok' || status.isFolder || index.getDocument(status.path)?.kind !== 'placeholder') continue;
      result.push(
        make('link.placeholder', {
          message: 'Link leads to a placeholder (t.b.d.): this part of the assessment is not written yet.',
          range: link.destinationRange,
          linkRange: link.range,
          target: link.rawDestination,
        }),
      );
    }
    return result;
  },
};

/** `doc.orphan`: nothing links to a QG or risk document. */
export const orphanRule: DocumentRule = {
  name: 'orphan',
  needs: 'workspace',
  check: ({ index, doc }) => {
    if (!QG_KINDS.has(doc.kind) && doc.kind !== 'risk') return [];
    if (index.linkSources(doc.path).size > 0 || index.linkSources(posix.dirname(doc.path)).size > 0) return [];
    const label = doc.kind === 'risk' ? 'risk document' : 'quality gate';
    return [make('doc.orphan', { message: `No document links to this ${label}: it is outside every trace.`, range: titleRange(doc) })];
  },
};

/** `trace.one-way`: A lists B as a related QG but B does not list A. */
export const oneWayRule: DocumentRule = {
  name: 'one-way',
  needs: 'workspace',
  check: ({ index, doc }) => {
    if (doc.kind !== 'leaf-qg') return [];
    const result: TraceDiagnostic[] = [];
    for (const link of linksInSections(doc, sectionsOf(doc), new Set([RELATED_QGS]))) {
      const status = checkLink(index, doc, link);
      if (status.state !== 'ok' || status.isFolder) continue;
      const other = index.getDocument(status.path);
      if (!other || other.kind !== 'leaf-qg') continue;
      const back = linksInSections(other, sectionsOf(other), new Set([RELATED_QGS])).some((l) => {
        const s = checkLink(index, other, l);
        return s.state === 'ok' && (s.path === doc.path || (s.isFolder && s.path === posix.dirname(doc.path)));
      });
      if (!back) {
        result.push(
          make('trace.one-way', {
            message: `"${other.title}" does not list this quality gate among its Related QGs.`,
            range: link.destinationRange,
            linkRange: link.range,
            target: link.rawDestination,
          }),
        );
      }
    }
    return result;
  },
};

export const traceabilityRules: readonly DocumentRule[] = [
  templateSectionsRule,
  riskLinkTargetRule,
  uncontrolledRiskRule,
  nameMismatchRule,
  duplicateNameRule,
  placeholderLinkRule,
  orphanRule,
  oneWayRule,
];
