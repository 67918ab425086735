import { htmlText, markdownCode, markdownText } from '../base/escape';
import type { ReportReviews } from '../analysis/review/reviewReport';

const INTRO =
  'Review stamps (docs/review.md): reviewed documents are unchanged since their review, and so are the documents they trace to; suspect ones trace to a document that changed since.';

/** The coverage report's "Review status" section, Markdown (nothing when the report has no review data). */
export function reviewSectionMarkdown(reviews: readonly ReportReviews[] | undefined): string[] {
  if (!reviews || reviews.length === 0) return [];
  const out = ['## Review status', '', markdownText(INTRO), '', '| Assessment | Reviewed | Suspect | Unreviewed |', '| --- | --- | --- | --- |'];
  for (const r of reviews) out.push(`| ${markdownText(r.label)} | ${r.reviewed} | ${r.suspect} | ${r.unreviewed} |`);
  out.push('');
  const suspects = reviews.flatMap((r) => r.suspectDocuments);
  if (suspects.length > 0) {
    out.push('Suspect traces:', '');
    for (const doc of suspects) for (const t of doc.traces) out.push(`- ${markdownCode(doc.file)} line ${t.line}: ${markdownCode(t.target)}`);
    out.push('');
  }
  return out;
}

/** The same section as HTML. */
export function reviewSectionHtml(reviews: readonly ReportReviews[] | undefined): string[] {
  if (!reviews || reviews.length === 0) return [];
  const out = [
    '<section id="review-status">',
    '<h2>Review status</h2>',
    `<p>${htmlText(INTRO)}</p>`,
    '<table>',
    '<thead><tr><th>Assessment</th><th>Reviewed</th><th>Suspect</th><th>Unreviewed</th></tr></thead>',
    '<tbody>',
  ];
  for (const r of reviews) out.push(`<tr><td>${htmlText(r.label)}</td><td>${r.reviewed}</td><td>${r.suspect}</td><td>${r.unreviewed}</td></tr>`);
  out.push('</tbody>', '</table>');
  const suspects = reviews.flatMap((r) => r.suspectDocuments);
  if (suspects.length > 0) {
    out.push('<p>Suspect traces:</p>', '<ul>');
    for (const doc of suspects)
      for (const t of doc.traces) out.push(`<li><code>${htmlText(doc.file)}</code> line ${t.line}: <code>${htmlText(t.target)}</code></li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out;
}
