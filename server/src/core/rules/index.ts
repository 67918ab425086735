import type { DocumentRule } from './rule';
import { altaiQuestionRule } from './altaiRules';
import { fileRule, frontMatterRule, linkRule, suppressionRule } from './basicRules';
import { traceabilityRules } from './traceabilityRules';

/** Every rule, in the order their diagnostics are listed. Add new rules here. */
export const documentRules: readonly DocumentRule[] = [fileRule, frontMatterRule, suppressionRule, linkRule, altaiQuestionRule, ...traceabilityRules];
