import type { DocumentRule } from './rule';
import { altaiQuestionRule } from './altaiRules';
import { fileRule, frontMatterRule, linkRule, suppressionRule } from './basicRules';
import { perspectiveRule } from './perspectiveRule';
import { formerIdRule } from './formerIdRule';
import { traceabilityRules } from './traceabilityRules';
import { slowParseRule } from './robustnessRules';
import { crossAssessmentRule } from './assessmentRules';
import { reviewRule } from './reviewRules';

/** Every rule, in the order their diagnostics are listed. Add new rules here. */
export const documentRules: readonly DocumentRule[] = [
  fileRule,
  slowParseRule,
  frontMatterRule,
  suppressionRule,
  linkRule,
  altaiQuestionRule,
  ...traceabilityRules,
  crossAssessmentRule,
  perspectiveRule,
  formerIdRule,
  reviewRule,
];
