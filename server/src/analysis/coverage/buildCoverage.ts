import { posix } from 'node:path';
import { isQuestion, type QuestionCatalogue, type CatalogueQuestion, type CatalogueRequirement } from '../../domain/altai/catalogue';
import { questionKey, type QuotedQuestion } from '../../domain/altai/questionBlocks';
import { checkLink } from '../../workspace/linkStatus';
import { findTemplateSection, hasContent, isContainer, sectionKey, sectionsOf, linksInSections } from '../../domain/document/sections';
import { tagValue, type QualityGateDocument } from '../../domain/document/types';
import { leafQgTemplate, riskTemplate } from '../../domain/templates/documentTemplates';
import type { Range } from '../../base/range';
import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { PackEvidence, type ItemEvidence } from './packEvidence';
import { isAddressedWithEvidence } from './evidence';
import { ALTAI_PACK_ID, type PackRegistry } from '../../domain/packs/registry';
import { packLabel, type Pack, type PackItemData } from '../../domain/packs/types';
import { hasSafety, hasSecurity, perspectiveOf, riskRequirement, type PerspectiveCounts } from '../../domain/risks/perspective';
import { allTreeRoots, treeRootOf } from '../../workspace/trees';
import { documentsOfAssessment, type Assessment } from '../../workspace/assessments';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import type { CoverageNode, CoverageNodeKind, CoverageStatus } from './types';

const SYSTEM_BLOCKS = [
  'AI_System.md',
  'Application/Application.md',
  'Stakeholder/Stakeholder.md',
  'Compliance/Compliance.md',
  'Documentation/Documentation.md',
];
const RISK_PARTS = ['Risk analysis', 'Risk evaluation', 'Risk control'];
const QG_KINDS = new Set(['leaf-qg', 'collection-qg']);

export interface CoverageOptions {
  /** The packs to show, by ID (the CLI's `--pack`); default: the packs the configuration enables. */
  readonly packs?: readonly string[];
}

/**
 * Computes the coverage tree of every MQG4AI tree under `scope` (all by default):
 * one top node per tree root with one group per enabled assessment pack (Trustworthy
 * AI for ALTAI, then the others in the configuration's order) and the groups
 * Lifecycle, Risk management and System. Per-document parts are cached on the
 * (immutable) document models, so a change recomputes only the changed documents' parts.
 */
export class CoverageBuilder {
  private readonly leafCache = new WeakMap<QualityGateDocument, CoverageNode>();
  private readonly questionCache = new WeakMap<QualityGateDocument, Map<string, QuotedQuestion>>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: QuestionCatalogue,
    private readonly options: CoverageOptions = {},
  ) {}

  /** The packs the tree shows: the configuration's, or those `options.packs` names. */
  packs(): PackRegistry {
    const registry = this.index.packs;
    return this.options.packs ? registry.withEnabled(this.options.packs) : registry;
  }

  build(scope: string | undefined, token: CancellationToken): CoverageNode[] {
    const roots = allTreeRoots(this.index).filter((r) => !scope || r === scope || r.startsWith(`${scope}/`) || scope.startsWith(`${r}/`));
    const documentsByTree = new Map<string, QualityGateDocument[]>(roots.map((r) => [r, []]));
    for (const doc of this.index.allDocuments()) {
      const root = treeRootOf(this.index, doc.path);
      if (root && documentsByTree.has(root)) documentsByTree.get(root)!.push(doc);
    }
    const registry = this.packs();
    return roots.map((root) => {
      throwIfCancelled(token);
      const docs = documentsByTree.get(root)!.sort((a, b) => (a.path < b.path ? -1 : 1));
      return aggregate(`tree:${root}`, treeLabel(this.index, root), 'tree', this.groups(root, docs, registry), { description: root });
    });
  }

  /**
   * The coverage tree of one assessment: its own documents only (not those of an
   * assessment nested in it), a partial snapshot's stages found at its root and only the
   * groups of the blocks it holds (trustworthy AI and packs go with risk management). The design
   * knowledge is a catalogue, not an assessment with gaps: its tree lists what it offers
   * and counts nothing (0/0), so no total ever adds it to an application's.
   */
  buildAssessment(assessment: Assessment, token: CancellationToken): CoverageNode {
    throwIfCancelled(token);
    const root = assessment.folder;
    const docs = documentsOfAssessment(this.index, assessment).sort((a, b) => (a.path < b.path ? -1 : 1));
    // A partial assessment is measured on the blocks it holds, not on the ones it never meant to have.
    const keep = (group: CoverageNode) => {
      if (assessment.complete) return true;
      const key = group.id.slice(group.id.lastIndexOf('#') + 1);
      if (key === 'lifecycle') return assessment.blocks.includes('lifecycle');
      if (key === 'system') return assessment.blocks.includes('system');
      return assessment.blocks.includes('riskManagement');
    };
    const groups = this.groups(root, docs, this.packs(), assessment.blockFolders.lifecycle).filter(keep);
    const extra = {
      description: root,
      detail: `${assessment.kind === 'design-knowledge' ? 'Design knowledge' : assessment.complete ? 'Application assessment' : `Partial application assessment (${assessment.blocks.join(', ') || 'no blocks'})`}: ${assessment.relativeFolder}`,
    };
    if (assessment.kind !== 'design-knowledge') return aggregate(`tree:${root}`, assessment.label, 'tree', groups, extra);
    const count = (kinds: string[]) => docs.filter((d) => kinds.includes(d.kind)).length;
    return {
      ...asCatalogue(aggregate(`tree:${root}`, assessment.label, 'tree', groups, extra)),
      description: `catalogue: ${count(['leaf-qg', 'collection-qg'])} QG(s), ${count(['risk'])} risk(s), ${count(['requirement'])} requirement document(s)`,
    };
  }

  private groups(root: string, docs: QualityGateDocument[], registry: PackRegistry, lifecycleFolder?: string): CoverageNode[] {
    const evidence = new PackEvidence(this.index, registry, this.catalogue, root, docs);
    return [
      ...registry.enabled.map((pack) => (pack.id === ALTAI_PACK_ID ? this.trustworthyAi(root, docs, evidence) : this.packGroup(root, pack, evidence))),
      this.lifecycle(root, docs, lifecycleFolder),
      this.riskManagement(root, docs),
      this.system(root, docs),
    ];
  }

  // ---- Trustworthy AI ----------------------------------------------------------

  private trustworthyAi(root: string, docs: QualityGateDocument[], evidence: PackEvidence): CoverageNode {
    const requirementDocs = docs.filter((d) => d.kind === 'requirement');
    const children = this.catalogue.requirements.map((requirement) => {
      const doc = requirementDocs.find(
        (d) => this.catalogue.requirementFor(tagValue(d, 'name')?.trim() || posix.basename(d.path, '.md'))?.id === requirement.id,
      );
      return this.requirementNode(root, requirement, doc, evidence);
    });
    return aggregate(`${root}#altai`, 'Trustworthy AI (ALTAI)', 'group', children);
  }

  private requirementNode(root: string, requirement: CatalogueRequirement, doc: QualityGateDocument | undefined, evidence: PackEvidence): CoverageNode {
    const quoted = doc ? this.quotedQuestions(doc) : new Map<string, QuotedQuestion>();
    const sections = requirement.sections.map((section) => {
      const state = (q: CatalogueQuestion) => {
        const found = quoted.get(questionKey(q.text));
        const answered = !!found && !!doc && isAddressedWithEvidence(this.index, doc, found);
        // A citation `[ID]` anywhere in the tree also addresses the question.
        const cited = answered ? undefined : evidence.valid(q.id).find((e) => e.kind !== 'answered');
        return { q, found, answered, cited };
      };
      // Only questions count (kinds in the catalogue data): an answer option is answered with its question
      // (by the question or any option), and a note is no ALTAI item at all.
      const options = (parent: CatalogueQuestion) => section.questions.filter((o) => o.kind === 'option' && o.parent === parent.id);
      const questions = section.questions.filter(isQuestion).map((q) => {
        const own = state(q);
        const { found } = own;
        const byOption =
          own.answered || own.cited
            ? []
            : options(q)
                .map(state)
                .filter((o) => o.answered || o.cited);
        const answered = own.answered || byOption.some((o) => o.answered);
        const cited = own.cited ?? (answered ? undefined : byOption.find((o) => o.cited)?.cited);
        const optionCount = options(q).length;
        const detail =
          byOption.length > 0
            ? `Answered through its option(s) ${byOption.map((o) => o.q.id).join(', ')} (${optionCount} options, counted with this question).`
            : cited
              ? citedDetail(
                  evidence.valid(q.id).filter((e) => e.kind !== 'answered'),
                  root,
                )
              : !doc
                ? `The tree has no ${requirement.title} document.`
                : !found
                  ? `Not quoted in the requirement document.${optionCount > 0 ? ` Answering it or any of its ${optionCount} options covers it.` : ''}`
                  : answered
                    ? found.answered
                      ? 'Answered.'
                      : 'Evidence is linked from the question.'
                    : found.hasEvidenceLink
                      ? 'Quoted; the evidence linked from it does not resolve (a broken link is no evidence).'
                      : 'Quoted, not answered yet.';
        const where = byOption.find((o) => o.found) ?? own;
        return leaf(`${root}#${q.id}`, q.text, 'question', answered || !!cited, {
          // Without the requirement's document the question is a gap to close by creating it.
          ...(!doc && !cited ? { status: 'missing' as const } : {}),
          description: q.kind === 'mqg4ai-question' ? `${q.id} (additional)` : q.id,
          detail,
          path: cited ? cited.doc.path : doc?.path,
          range: cited?.citation ? cited.citation.range : where.found ? lineRange(where.found.line) : undefined,
        });
      });
      const heading = doc?.headings.find((h) => sectionKey(h.text) === sectionKey(section.title));
      return aggregate(`${root}#${section.id}`, section.title, 'section', questions, { path: doc?.path, range: heading?.range });
    });
    return aggregate(`${root}#${requirement.id}`, requirement.title, 'requirement', sections, {
      description: doc ? posix.basename(doc.path) : 'missing',
      detail: doc ? undefined : `No ${requirement.name} document in this tree: all its questions are open.`,
      path: doc?.path,
      ...(doc ? {} : { create: { kind: 'requirement' as const, path: this.requirementPath(root, requirement) } }),
    });
  }

  /** Where MQG4AI keeps a requirement's document: `<n>_RiskManagement/AI_Risks/<i>_<Name>/<Name>.md` (an existing `<i>_<Name>` folder kept). */
  private requirementPath(root: string, requirement: CatalogueRequirement): string {
    const riskFolder = [...this.index.foldersIn(root)].find((f) => /^\d+_RiskManagement$/.test(posix.basename(f))) ?? `${root}/3_RiskManagement`;
    const risks = `${riskFolder}/AI_Risks`;
    const number = this.catalogue.requirements.indexOf(requirement) + 1;
    const existing = [...this.index.foldersIn(risks)].find((f) => posix.basename(f).replace(/^\d+_/, '') === requirement.name);
    return `${existing ?? `${risks}/${number}_${requirement.name}`}/${requirement.name}.md`;
  }

  private quotedQuestions(doc: QualityGateDocument): Map<string, QuotedQuestion> {
    let map = this.questionCache.get(doc);
    if (!map) {
      map = new Map();
      for (const block of doc.questionBlocks) for (const q of block.questions) if (!map.has(questionKey(q.text))) map.set(questionKey(q.text), q);
      this.questionCache.set(doc, map);
    }
    return map;
  }

  // ---- Other assessment packs -------------------------------------------------------

  /** One group per pack: its items as nodes, leaves covered when cited (or linked as evidence) in the tree. */
  private packGroup(root: string, pack: Pack, evidence: PackEvidence): CoverageNode {
    const node = (item: PackItemData): CoverageNode => {
      const id = `${root}#${pack.id}:${item.id}`;
      if (item.items && item.items.length > 0) {
        const sectionEvidence = evidence.valid(item.id);
        return aggregate(id, item.title, 'pack-section', item.items.map(node), {
          description: item.id,
          detail: [
            item.description,
            sectionEvidence.length > 0 ? `Cited as a whole in ${citingFiles(sectionEvidence, root)}; each item below needs its own citation.` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        });
      }
      const found = evidence.of(item.id);
      const valid = found.filter((e) => e.valid);
      const first = valid[0];
      const detail =
        valid.length > 0
          ? citedDetail(valid, root)
          : found.length > 0
            ? `Cited only through broken links: ${citingFiles(found, root)}.`
            : `Not cited yet: write [${item.id}] in the document that is evidence for it, or link the evidence as [${item.id}](path).`;
      return leaf(id, item.title, 'pack-item', valid.length > 0, {
        description: item.id,
        detail: item.description ? `${item.description}\n${detail}` : detail,
        path: first?.doc.path,
        range: first?.citation?.range,
      });
    };
    return aggregate(`${root}#${pack.id}`, packLabel(pack), 'group', pack.items.map(node), {
      detail: [
        pack.title,
        `Source: ${pack.source}`,
        `Pack "${pack.id}"${pack.origin.type === 'file' ? ` from ${posix.relative(root, pack.origin.path)}` : ' (built in)'}; cite an item as [ID].`,
      ].join('\n'),
    });
  }

  // ---- Lifecycle ---------------------------------------------------------------

  private lifecycle(root: string, docs: QualityGateDocument[], folder?: string): CoverageNode {
    const lifecycleFolder = folder ?? [...this.index.foldersIn(root)].find((f) => /^\d+_Lifecycle$/.test(posix.basename(f)));
    const stages = lifecycleFolder
      ? [...this.index.foldersIn(lifecycleFolder)]
          .sort()
          .map((stage) => this.folderNode(stage, docs, 'stage'))
          .filter((n): n is CoverageNode => !!n)
      : [];
    // A snapshot whose gates sit at its root (no stage folders) still shows them.
    const loose = lifecycleFolder === root ? docs.filter((d) => d.kind === 'leaf-qg' && posix.dirname(d.path) === root).map((d) => this.leafNode(d)) : [];
    return aggregate(`${root}#lifecycle`, 'Lifecycle', 'group', [...stages, ...loose]);
  }

  private folderNode(folder: string, docs: QualityGateDocument[], kind: 'stage' | 'folder'): CoverageNode | undefined {
    const here = docs.filter((d) => posix.dirname(d.path) === folder);
    const collection = here.find((d) => d.kind === 'collection-qg');
    const children: CoverageNode[] = [
      ...here.filter((d) => d.kind === 'leaf-qg').map((d) => this.leafNode(d)),
      ...here
        .filter((d) => d.kind === 'placeholder')
        .map((d) =>
          leaf(`${d.path}#placeholder`, `${posix.basename(folder)} (t.b.d.)`, 'placeholder', false, {
            status: 'missing',
            detail: 'Placeholder: nobody has written this stage yet. Create its quality gate (MQG4AI: New Quality Gate...) to close the gap.',
            path: d.path,
          }),
        ),
      ...[...this.index.foldersIn(folder)]
        .sort()
        .map((f) => this.folderNode(f, docs, 'folder'))
        .filter((n): n is CoverageNode => !!n),
    ];
    if (!collection && children.length === 0) return undefined;
    const label = stageLabel(posix.basename(folder));
    if (collection) {
      const node =
        children.length > 0
          ? aggregate(collection.path, collection.title, 'collection-qg', children, {
              path: collection.path,
              description: kind === 'stage' ? label : undefined,
            })
          : leaf(
              collection.path,
              collection.title,
              'collection-qg',
              collection.headings.some((h) => h.contentLines > 0),
              { path: collection.path, detail: 'Collection-QG without sub-QGs.' },
            );
      const withStatus = this.withBrokenLinks(node, collection);
      return kind === 'stage' ? aggregate(`${folder}#stage`, label, 'stage', [withStatus], { path: collection.path }) : withStatus;
    }
    return aggregate(`${folder}#${kind}`, label, kind, children);
  }

  private leafNode(doc: QualityGateDocument): CoverageNode {
    const cached = this.leafCache.get(doc);
    if (cached) return this.withBrokenLinks(cached, doc);
    const sections = sectionsOf(doc);
    const children = leafQgTemplate.sections
      .filter((s) => !isContainer(leafQgTemplate, s) && sectionKey(s.heading) !== 'stakeholder 1 n')
      .map((wanted) => {
        const found = findTemplateSection(doc, sections, wanted);
        const filled = !!found && hasContent(doc, found);
        const label = wanted.parents.length > 1 ? `${wanted.parents[wanted.parents.length - 1]} › ${wanted.heading}` : wanted.heading;
        return leaf(`${doc.path}#${[...wanted.parents, wanted.heading].join('/')}`, label, 'qg-section', filled, {
          detail: !found ? 'Section missing.' : filled ? 'Filled.' : 'Holds only its template prompt.',
          path: doc.path,
          range: found?.heading.range,
        });
      });
    const node = aggregate(doc.path, doc.title, 'leaf-qg', children, { path: doc.path, description: posix.basename(doc.path) });
    this.leafCache.set(doc, node);
    return this.withBrokenLinks(node, doc);
  }

  // ---- Risk management -----------------------------------------------------------

  private riskManagement(root: string, docs: QualityGateDocument[]): CoverageNode {
    const risks = docs
      .filter((d) => d.kind === 'risk')
      .map((risk) => {
        const sections = sectionsOf(risk);
        const parts = RISK_PARTS.map((part) => {
          const wanted = riskTemplate.sections.find((s) => sectionKey(s.heading) === sectionKey(part));
          const found = wanted ? findTemplateSection(risk, sections, wanted) : sections.find((s) => sectionKey(s.heading.text) === sectionKey(part));
          const filled = !!found && hasContent(risk, found);
          return leaf(`${risk.path}#${part}`, part, 'risk-part', filled, {
            detail: !found ? 'Section missing.' : filled ? 'Filled.' : 'Empty.',
            path: risk.path,
            range: found?.heading.range,
          });
        });
        const controllers = this.controllingQgs(risk);
        const controls = leaf(
          `${risk.path}#controls`,
          controllers.length > 0 ? `Controlled by ${controllers.map((c) => c.title).join(', ')}` : 'No QG implements a control',
          'risk-controls',
          controllers.length > 0,
          {
            detail:
              controllers.map((c) => posix.relative(root, c.path)).join('\n') ||
              'No quality gate links to this risk under "Implements Risk Control(s)", and the risk links to none under "Risk control".',
            path: controllers[0]?.path ?? risk.path,
          },
        );
        return this.withBrokenLinks(
          aggregate(risk.path, risk.title, 'risk', [...parts, controls], { path: risk.path, description: posix.basename(risk.path) }),
          risk,
        );
      });
    const perspectives = this.perspectives(
      root,
      docs.filter((d) => d.kind === 'risk'),
    );
    return aggregate(`${root}#risks`, 'Risk management', 'group', perspectives ? [...risks, perspectives] : risks);
  }

  /**
   * Per trustworthy-AI requirement, how many risks were looked at from the safety side,
   * the security side, both, or neither (undeclared). Informational: the nodes count no
   * leaves (0/0), their status says whether both sides were considered.
   */
  private perspectives(root: string, risks: QualityGateDocument[]): CoverageNode | undefined {
    if (risks.length === 0) return undefined;
    const byRequirement = new Map<string, { label: string; order: number; risks: QualityGateDocument[] }>();
    for (const risk of risks) {
      const requirement = riskRequirement(risk, this.catalogue);
      const key = requirement?.id ?? '';
      const order = requirement ? this.catalogue.requirements.indexOf(requirement) : this.catalogue.requirements.length;
      const entry = byRequirement.get(key) ?? { label: requirement?.title ?? 'No requirement named', order, risks: [] };
      entry.risks.push(risk);
      byRequirement.set(key, entry);
    }
    const children = [...byRequirement.entries()]
      .sort((a, b) => a[1].order - b[1].order)
      .map(([key, { label, risks: docs }]) => {
        const sides = { safety: [] as string[], security: [] as string[], both: [] as string[], undeclared: [] as string[] };
        for (const doc of docs) sides[perspectiveOf(doc).value ?? 'undeclared'].push(posix.relative(root, doc.path));
        const counts: PerspectiveCounts = {
          safety: sides.safety.length,
          security: sides.security.length,
          both: sides.both.length,
          undeclared: sides.undeclared.length,
        };
        const safety = hasSafety(counts);
        const security = hasSecurity(counts);
        const status: CoverageStatus = safety && security ? (counts.undeclared === 0 ? 'covered' : 'partial') : safety || security ? 'partial' : 'open';
        const verdict =
          safety && security
            ? 'Both the safety and the security side were considered.'
            : safety
              ? 'Only the safety side was considered: no risk looks at attacks (Security or Both).'
              : security
                ? 'Only the security side was considered: no risk looks at unintended harm (Safety or Both).'
                : 'No risk declares a perspective yet.';
        const list = (name: string, files: string[]) => (files.length > 0 ? `${name}: ${files.join(', ')}` : '');
        return {
          id: `${root}#perspective:${key || 'none'}`,
          label,
          kind: 'perspective' as const,
          status,
          covered: 0,
          total: 0,
          description: `Safety ${counts.safety} · Security ${counts.security} · Both ${counts.both}${counts.undeclared > 0 ? ` · undeclared ${counts.undeclared}` : ''}`,
          detail: [verdict, list('Safety', sides.safety), list('Security', sides.security), list('Both', sides.both), list('Undeclared', sides.undeclared)]
            .filter(Boolean)
            .join('\n'),
          perspectives: counts,
          children: [],
        } satisfies CoverageNode;
      });
    const status: CoverageStatus = children.every((c) => c.status === 'covered') ? 'covered' : children.every((c) => c.status === 'open') ? 'open' : 'partial';
    const oneSided = children.filter((c) => c.status !== 'covered').length;
    return {
      id: `${root}#perspectives`,
      label: 'Safety and security perspectives',
      kind: 'perspectives',
      status,
      covered: 0,
      total: 0,
      description: oneSided > 0 ? `${oneSided} of ${children.length} requirement(s) one-sided or undeclared` : 'both sides considered',
      detail: 'Per trustworthy-AI requirement: how many risks declare {Perspective: Safety}, {Perspective: Security} or {Perspective: Both}.',
      children,
    };
  }

  /** QGs implementing a risk's control, found through links in either direction. */
  private controllingQgs(risk: QualityGateDocument): QualityGateDocument[] {
    const found = new Map<string, QualityGateDocument>();
    for (const link of linksInSections(risk, sectionsOf(risk), new Set(['risk control']))) {
      const status = checkLink(this.index, risk, link);
      const target = status.state === 'ok' && !status.isFolder ? this.index.getDocument(status.path) : undefined;
      if (target && QG_KINDS.has(target.kind)) found.set(target.path, target);
    }
    for (const sourcePath of this.index.linkSources(risk.path)) {
      const source = this.index.getDocument(sourcePath);
      if (!source || !QG_KINDS.has(source.kind)) continue;
      const implementing = linksInSections(source, sectionsOf(source), new Set(['implements risk control s'])).some((l) => {
        const s = checkLink(this.index, source, l);
        return s.state === 'ok' && s.path === risk.path;
      });
      if (implementing) found.set(source.path, source);
    }
    return [...found.values()];
  }

  // ---- System ----------------------------------------------------------------------

  private system(root: string, docs: QualityGateDocument[]): CoverageNode {
    const systemFolder = [...this.index.foldersIn(root)].find((f) => /^\d+_System$/.test(posix.basename(f)));
    const blocks = docs.filter((d) => d.kind === 'information-block' && systemFolder && d.path.startsWith(`${systemFolder}/`));
    const expected = systemFolder ? SYSTEM_BLOCKS.map((rel) => `${systemFolder}/${rel}`) : [];
    const nodes: CoverageNode[] = expected
      .filter((path) => !blocks.some((b) => isSystemBlock(b.path, path)))
      .map((path) =>
        leaf(`${path}#missing`, posix.basename(path, '.md'), 'information-block', false, {
          status: 'missing',
          description: 'missing',
          detail: `Expected ${posix.relative(root, path)}.`,
          create: { kind: 'information-block', path },
        }),
      );
    for (const block of blocks) {
      const filled = block.headings.reduce((n, h) => n + h.contentLines, 0) > 0;
      nodes.push(
        this.withBrokenLinks(
          leaf(block.path, block.title, 'information-block', filled, {
            path: block.path,
            description: posix.relative(systemFolder!, block.path),
            detail: filled ? 'Filled.' : 'Empty.',
          }),
          block,
        ),
      );
    }
    nodes.sort((a, b) => (a.id < b.id ? -1 : 1));
    return aggregate(`${root}#system`, 'System', 'group', nodes);
  }

  /** Marks a document node `broken` when one of its links is broken (counts stay as they are; the nodes above do not inherit it). */
  private withBrokenLinks(node: CoverageNode, doc: QualityGateDocument): CoverageNode {
    const broken = doc.links.filter((l) => {
      const s = checkLink(this.index, doc, l).state;
      return s === 'missing-file' || s === 'missing-folder' || s === 'missing-anchor' || s === 'empty';
    }).length;
    return broken > 0 ? { ...node, status: 'broken', detail: `${broken} broken link(s) in this document.${node.detail ? `\n${node.detail}` : ''}` } : node;
  }
}

/** `Cited in a.md:3, linked from b.md:7 (evidence: c.md)`: where an item's valid evidence is. */
function citedDetail(evidence: readonly ItemEvidence[], root: string): string {
  const cited = evidence.filter((e) => e.kind === 'cited');
  const linked = evidence.filter((e) => e.kind === 'linked');
  const parts: string[] = [];
  if (cited.length > 0) parts.push(`Cited in ${citingFiles(cited, root)}`);
  if (linked.length > 0) {
    parts.push(
      `Evidence linked from ${linked.map((e) => `${placeOf(e, root)} to ${e.target && e.target.startsWith('/') ? posix.relative(root, e.target) || '.' : e.target}`).join(', ')}`,
    );
  }
  return `${parts.join('; ')}.`;
}

/** Where evidence is written, `file.md:line`, at most five and a count of the rest. */
function citingFiles(evidence: readonly ItemEvidence[], root: string): string {
  const places = evidence.map((e) => placeOf(e, root));
  return places.length > 5 ? `${places.slice(0, 5).join(', ')} and ${places.length - 5} more` : places.join(', ');
}

function placeOf(evidence: ItemEvidence, root: string): string {
  const line = evidence.citation ? evidence.citation.range.start.line + 1 : evidence.question ? evidence.question.line + 1 : undefined;
  return `${posix.relative(root, evidence.doc.path)}${line ? `:${line}` : ''}`;
}

/** A catalogue's view of a tree: every node kept, nothing counted; only broken links stay a status. */
function asCatalogue(node: CoverageNode): CoverageNode {
  return { ...node, covered: 0, total: 0, status: node.status === 'broken' ? 'broken' : 'covered', children: node.children.map(asCatalogue) };
}

function leaf(id: string, label: string, kind: CoverageNodeKind, covered: boolean, extra: Partial<CoverageNode> = {}): CoverageNode {
  return { id, label, kind, status: covered ? 'covered' : 'open', covered: covered ? 1 : 0, total: 1, children: [], ...extra };
}

function aggregate(id: string, label: string, kind: CoverageNodeKind, children: CoverageNode[], extra: Partial<CoverageNode> = {}): CoverageNode {
  const covered = children.reduce((n, c) => n + c.covered, 0);
  const total = children.reduce((n, c) => n + c.total, 0);
  // The worst actionable state below: a missing document, then anything unanswered. A child's broken
  // links stay on that child (its own status), they do not climb.
  const status: CoverageStatus = total > 0 && covered === total ? 'covered' : children.some(hasMissing) ? 'missing' : covered > 0 ? 'partial' : 'open';
  return { id, label, kind, status, covered, total, children, ...extra };
}

/** Whether a node stands for, or holds, a document that does not exist yet (also below a node marked broken). */
function hasMissing(node: CoverageNode): boolean {
  return node.status === 'missing' || (node.status === 'broken' && node.children.some(hasMissing));
}

function lineRange(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** `2_Development` -> `Development`; other names unchanged. */
function stageLabel(folderName: string): string {
  return folderName.replace(/^\d+_/, '').replace(/_/g, ' ');
}

function treeLabel(index: WorkspaceIndex, root: string): string {
  const workspace = index.rootFor(root);
  return workspace && workspace !== root ? posix.relative(workspace, root) : posix.basename(root);
}

/** `AI_System.md` is also present as `AI_System_(<Application>).md`: application versions name their system documents with a suffix. */
export function isSystemBlock(path: string, expected: string): boolean {
  if (path === expected) return true;
  if (posix.dirname(path) !== posix.dirname(expected)) return false;
  const stem = posix.basename(expected, '.md');
  const base = posix.basename(path);
  return base.startsWith(`${stem}_(`) && /\)\.md$/i.test(base);
}
