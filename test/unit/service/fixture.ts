/**
 * One small MQG4AI tree shared by the provider tests. Texts are exported so tests
 * can compute positions with `positionOf` instead of hard-coding them.
 */
export const application = `---
tags: [{Name: Application}, {Intent: Overview}, {Problem: }, {Usage Example: a|b}]
---
## Application

Describes what the system is for.

### 1. Purpose

Triage of chest X-rays.

<a id="legacy-purpose"></a>
`;

export const evaluation = `---
tags: [{Name: QG_Evaluation_(Development)}, {Intent: Overview}]
---
# QG Evaluation

Collects the evaluation gates.

- [Calibration](./Calibration/QG_Calibration_(Binary).md)
`;

export const calibration = `---
tags: [{Name: QG_Calibration}, {Intent: ConfidenceCalibration}]
---
## QG Calibration

Calibrates the scores.

### 1. Interdependency Graph

- [Evaluation](../QG_Evaluation_(Development).md)
- [Purpose](../../../1_System/Application.md#1-purpose)
- [Legacy](../../../1_System/Application.md#legacy-purpose)
- [Gone anchor](../../../1_System/Application.md#9-gone)
- [Metrics folder](../Metrics/)
- [Images folder](../Images/)
- [Two gates](../Two/)
- [Reference style][app]
- [Same document](#notes)
- [Broken](./QG_Missing.md)
- [Web](https://example.org/a_b)
- ![Pic](<../Images/pic (1).png>){width=800 height=}
- [Empty]()
- [Outside](../../../../outside.md)
- [Big](../../../big.md)

## Notes

[app]: <../../../1_System/Application.md> "Application"
`;

export const metrics = `# QG Metrics

[back](../Calibration/QG_Calibration_(Binary).md#notes)
`;

export const readme = `# Readme

[purpose](1_System/Application.md#1-purpose) [app](./1_System/Application.md) [encoded](1_System/Application.md#1%2Dpurpose)
`;

export const paths = {
  application: '/ws/1_System/Application.md',
  evaluation: '/ws/2_Lifecycle/2_Development/QG_Evaluation_(Development).md',
  calibration: '/ws/2_Lifecycle/2_Development/Calibration/QG_Calibration_(Binary).md',
  metrics: '/ws/2_Lifecycle/2_Development/Metrics/QG_Metrics_(Development).md',
  readme: '/ws/README.md',
  pic: '/ws/2_Lifecycle/2_Development/Images/pic (1).png',
  twoA: '/ws/2_Lifecycle/2_Development/Two/QG_A.md',
  twoB: '/ws/2_Lifecycle/2_Development/Two/QG_B.md',
  twoReadme: '/ws/2_Lifecycle/2_Development/Two/README.md',
  big: '/ws/big.md',
} as const;

export const files: Record<string, string> = {
  [paths.application]: application,
  [paths.evaluation]: evaluation,
  [paths.calibration]: calibration,
  [paths.metrics]: metrics,
  [paths.readme]: readme,
  [paths.pic]: 'PNG',
  [paths.twoA]: '# QG A\n',
  [paths.twoB]: '# QG B\n',
  [paths.twoReadme]: '# Two gates\n\nBoth gates of this folder.\n',
  [paths.big]: `# Big\n${'x'.repeat(6 * 1024 * 1024)}`,
};
