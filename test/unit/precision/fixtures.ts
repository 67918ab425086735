import { LEAF_QG_TEMPLATE, RISK_TEMPLATE } from '../../../server/src/domain/templates/templateTexts';

/** A Leaf-QG following the template with every prompt answered (answers in this project's own words). */
export function filledLeafQg(name: string): string {
  return LEAF_QG_TEMPLATE.replace('{Name: }', `{Name: ${name}}`)
    .replace('{Intent: }', '{Intent: Checking}')
    .replace('## QG Name (View)', `## ${name} (Test)`)
    .replace(/^( *)(> [^\n]*\?)$/gm, '$1$2\n\n$1The team wrote this down.');
}

/** A risk document following the template, every part filled. */
export function filledRisk(name: string, control = 'Checked every release.'): string {
  return RISK_TEMPLATE.replace('{Name: }', `{Name: ${name}}`)
    .replace('<Requirement>_Risk', 'TechnicalRobustnessSafety_Risk')
    .replace('{Intent:', '{Perspective: Safety}, {Intent:')
    .replace('## Name', `## ${name}`)
    .replace(/(#### Risk analysis\n> [^\n]*\n)/, '$1\nThe readings drift in winter.\n')
    .replace(/(##### Severity of harm\n)/, '$1\nSerious.\n')
    .replace(/(##### Probability of Occurence\n)/, '$1\nRare.\n')
    .replace(/(#### Risk evaluation\n> [^\n]*\n)/, '$1\nNot acceptable without a control.\n')
    .replace(/(#### Risk control\n> [^\n]*\n)/, `$1\n${control}\n`);
}
