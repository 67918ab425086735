import { throwIfCancelled, type CancellationToken } from '../../base/cancellation';
import { assessmentsOf, documentsOfAssessment, type Assessment } from '../../workspace/assessments';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import type { CoverageBuilder } from './buildCoverage';
import type { CoverageNode } from './types';

export interface CoverageTotals {
  readonly covered: number;
  readonly total: number;
  /** One decimal; 0 for an empty total. */
  readonly percent: number;
}

/** What the design knowledge offers, counted instead of covered. */
export interface CatalogueCounts {
  readonly qualityGates: number;
  readonly risks: number;
  readonly requirementDocuments: number;
  /** Catalogue questions quoted in its requirement documents. */
  readonly questionsQuoted: number;
}

/**
 * The coverage of one assessment. An application has `totals` (overall and per group,
 * keyed `altai`, `lifecycle`, `risks`, `system` or a pack ID); the design knowledge has
 * `catalogue` instead, never totals, so nothing adds the two together.
 */
export interface AssessmentCoverage {
  readonly assessment: Assessment;
  readonly tree: CoverageNode;
  readonly totals?: CoverageTotals & { readonly groups: Readonly<Record<string, CoverageTotals>> };
  readonly catalogue?: CatalogueCounts;
}

/** The coverage of one assessment (see `CoverageBuilder.buildAssessment`). */
export function assessmentCoverage(index: WorkspaceIndex, builder: CoverageBuilder, assessment: Assessment, token: CancellationToken): AssessmentCoverage {
  const tree = builder.buildAssessment(assessment, token);
  if (assessment.kind === 'design-knowledge') {
    const docs = documentsOfAssessment(index, assessment);
    const count = (kinds: string[]) => docs.filter((d) => kinds.includes(d.kind)).length;
    const questionsQuoted = new Set(docs.flatMap((d) => d.questionBlocks.flatMap((b) => b.questions.map((q) => q.text.trim().toLowerCase())))).size;
    return {
      assessment,
      tree,
      catalogue: { qualityGates: count(['leaf-qg', 'collection-qg']), risks: count(['risk']), requirementDocuments: count(['requirement']), questionsQuoted },
    };
  }
  const groups = Object.fromEntries(tree.children.map((group) => [groupKeyOf(group), totalsOf(group)]));
  return { assessment, tree, totals: { ...totalsOf(tree), groups } };
}

/** The coverage of every assessment (or those `only` keeps), applications first, each on its own. */
export function coverageByAssessment(
  index: WorkspaceIndex,
  builder: CoverageBuilder,
  token: CancellationToken,
  only: (assessment: Assessment) => boolean = () => true,
): AssessmentCoverage[] {
  const chosen = assessmentsOf(index).filter(only);
  const ordered = [...chosen.filter((a) => a.kind === 'application'), ...chosen.filter((a) => a.kind !== 'application')];
  return ordered.map((assessment) => {
    throwIfCancelled(token);
    return assessmentCoverage(index, builder, assessment, token);
  });
}

/** The ALTAI coverage of an application in percent (for `--min-altai` per assessment); undefined for the design knowledge. */
export function altaiPercent(coverage: AssessmentCoverage): number | undefined {
  return coverage.totals?.groups.altai?.percent;
}

function totalsOf(node: Pick<CoverageNode, 'covered' | 'total'>): CoverageTotals {
  return { covered: node.covered, total: node.total, percent: node.total > 0 ? Math.round((1000 * node.covered) / node.total) / 10 : 0 };
}

/** `${root}#altai` -> `altai`, as the builder names its groups. */
function groupKeyOf(group: Pick<CoverageNode, 'id'>): string {
  const hash = group.id.lastIndexOf('#');
  return hash >= 0 ? group.id.slice(hash + 1) : group.id;
}
