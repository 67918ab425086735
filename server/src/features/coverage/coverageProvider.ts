import type { QuestionCatalogue } from '../../domain/altai/catalogue';
import { CoverageBuilder } from '../../analysis/coverage/buildCoverage';
import type { CoverageNode } from '../../analysis/coverage/types';
import type { CoverageItem } from '../../../../protocol/protocol';
import type { CancellationToken } from '../../base/cancellation';
import { uriFromPath } from '../../base/fileSystem';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import type { Assessment } from '../../workspace/assessments';

export type { CoverageItem };

/** The `mqg4ai/coverage` request: the assessment coverage tree of every tree root (under an optional folder). */
export class CoverageProvider {
  private readonly builder: CoverageBuilder;

  constructor(index: WorkspaceIndex, catalogue: QuestionCatalogue) {
    this.builder = new CoverageBuilder(index, catalogue);
  }

  provideCoverage(rootPath: string | undefined, token: CancellationToken, assessment?: Assessment): CoverageItem[] {
    if (assessment) return [toItem(this.builder.buildAssessment(assessment, token))];
    return this.builder.build(rootPath, token).map(toItem);
  }
}

function toItem(node: CoverageNode): CoverageItem {
  const { path, children, create, ...rest } = node;
  return {
    ...rest,
    ...(path ? { uri: uriFromPath(path) } : {}),
    ...(create ? { create: { kind: create.kind, uri: uriFromPath(create.path) } } : {}),
    children: children.map(toItem),
  };
}
