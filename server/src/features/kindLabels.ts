import type { DocumentKind } from '../domain/document/types';

/** How each document kind is named to users. */
export const KIND_LABELS: Record<DocumentKind, string> = {
  'collection-qg': 'Collection-QG',
  'leaf-qg': 'Leaf-QG',
  risk: 'Risk document',
  requirement: 'Trustworthy-AI requirement',
  'information-block': 'Information block',
  template: 'Template',
  placeholder: 'Placeholder (t.b.d.)',
  other: 'Markdown document',
};
