import { blockOf, type CatalogueRequirement, type CatalogueSection, type QuestionCatalogue, type QuestionEntry } from './catalogue';
import { questionKey } from './questionBlocks';
import { memoizeByObject } from '../../base/memo';

/**
 * How a quoted question relates to the catalogue:
 * - `exact`: the same text (ignoring case, quotes, dashes, spacing, final punctuation);
 * - `answered-inline`: the catalogue text followed by more words on the same item (an inline answer);
 * - `close`: a few characters differ from exactly one catalogue question (a typo, a dropped word).
 */
export type MatchKind = 'exact' | 'answered-inline' | 'close';

export interface QuestionMatch {
  readonly kind: MatchKind;
  readonly entry: QuestionEntry;
  /** Edit distance between the comparison keys; 0 unless `close`. */
  readonly distance: number;
}

/** Where the question is quoted, to break ties between equally good candidates. */
export interface MatchPreference {
  readonly requirement?: CatalogueRequirement;
  readonly section?: CatalogueSection;
  /** Only consider catalogue entries quoted in this kind of block (`ALTAI:` or `Additional Questions:`) for `close` matches. */
  readonly block?: 'altai' | 'additional';
}

/** Shortest catalogue key an inline answer may follow (shorter keys prefix too much). */
const MIN_PREFIX_KEY = 20;

/**
 * The largest edit distance that still counts as "the same question, deviating":
 * 7 % of the longer comparison key, at least 2. No two catalogue questions are
 * that close to each other (the nearest pair, "input data" / "output(s)", is 10 %
 * apart; a unit test checks every pair), so a question quoted correctly is never
 * taken for a deviation from another one.
 */
export function deviationThreshold(length: number): number {
  return Math.max(2, Math.floor(length * 0.07));
}

/** Levenshtein distance, or `max + 1` as soon as it must exceed `max` (banded). */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/**
 * Finds the catalogue question a quoted text stands for. Exact matches first
 * (preferring the given section), then an inline answer after a full question,
 * then the unique close question. Undefined for a question of one's own.
 */
export function matchQuestion(catalogue: QuestionCatalogue, text: string, preference: MatchPreference = {}): QuestionMatch | undefined {
  const prefer = (entries: readonly QuestionEntry[]) =>
    entries.find((e) => e.section === preference.section) ?? entries.find((e) => e.requirement === preference.requirement) ?? entries[0];

  const exact = catalogue.findByText(text);
  if (exact.length > 0) return { kind: 'exact', entry: prefer(exact), distance: 0 };

  const key = questionKey(text);
  if (key.length === 0) return undefined;

  const inline: QuestionEntry[] = [];
  let best: QuestionEntry[] = [];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const entry of catalogue.allQuestions()) {
    const candidate = catalogueKey(entry);
    if (candidate.length >= MIN_PREFIX_KEY && key.startsWith(candidate) && /^[\s?.;:!,(–—-]/.test(key.slice(candidate.length))) {
      inline.push(entry);
      continue;
    }
    if (preference.block && blockOf(entry.question) !== preference.block) continue;
    const limit = deviationThreshold(Math.max(key.length, candidate.length));
    const distance = editDistance(key, candidate, Math.min(limit, bestDistance));
    if (distance > limit) continue;
    if (distance < bestDistance) {
      best = [entry];
      bestDistance = distance;
    } else if (distance === bestDistance) {
      best.push(entry);
    }
  }
  if (inline.length > 0) {
    // The longest question the text starts with is the one it answers.
    const longest = inline.reduce((a, b) => (catalogueKey(b).length > catalogueKey(a).length ? b : a));
    return { kind: 'answered-inline', entry: longest, distance: 0 };
  }
  if (best.length === 0) return undefined;
  if (best.length > 1) {
    // Equally close to two questions: only the document's own section decides.
    const inSection = best.filter((e) => e.section === preference.section);
    if (inSection.length !== 1) return undefined;
    best = inSection;
  }
  return { kind: 'close', entry: best[0], distance: bestDistance };
}

const keyOfQuestion = memoizeByObject((question: QuestionEntry['question']) => questionKey(question.text));

function catalogueKey(entry: QuestionEntry): string {
  return keyOfQuestion(entry.question);
}
