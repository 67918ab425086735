/**
 * Bounded string distances for "did you mean" searches. Repository text decides
 * how many candidates there are and how long they are, so every search is
 * capped three ways: strings are cut to `MAX_COMPARED_LENGTH`, the distance is
 * banded (work grows with the allowed distance, not the product of lengths),
 * and a `SearchBudget` shared by one document's searches stops them when spent.
 */

/** Longest prefix of a name, slug or title that is compared; real ones are far shorter. */
export const MAX_COMPARED_LENGTH = 128;

/** Work units (candidates visited + distance cells) for all suggestions of one document. */
export const DOCUMENT_SEARCH_BUDGET = 4_000_000;

/** Work units for a single suggestion (one link). */
export const SINGLE_SEARCH_BUDGET = 1_000_000;

/**
 * Work units for all searches of one request (a hover, a code action) that finds no result
 * computed in the background (features/refactor/linkSuggestions.ts): small, so the request answers at once.
 */
export const REQUEST_SEARCH_BUDGET = 250_000;

/** A work allowance spent by candidate searches; once spent, searches return what they have. */
export class SearchBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  /** Spends `units`; false once the budget is exhausted (the caller stops looking). */
  spend(units: number): boolean {
    this.used += units;
    return this.used <= this.limit;
  }

  get exhausted(): boolean {
    return this.used > this.limit;
  }

  get spent(): number {
    return this.used;
  }
}

/** `text` cut to the compared length. */
export function compared(text: string): string {
  return text.length > MAX_COMPARED_LENGTH ? text.slice(0, MAX_COMPARED_LENGTH) : text;
}

/**
 * Levenshtein distance, or `max + 1` as soon as it must exceed `max`. Only the
 * diagonal band |i - j| <= max is computed: O(min(|a|, |b|) * max) cells, which
 * are charged to `budget` (returns `max + 1` when the budget cannot pay).
 */
export function boundedEditDistance(a: string, b: string, max: number, budget?: SearchBudget): number {
  if (a === b) return 0;
  const limit = Math.max(0, Math.floor(Math.min(max, Math.max(a.length, b.length))));
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  if (budget && !budget.spend(a.length * (2 * limit + 1))) return limit + 1;
  const outside = limit + 1;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = Math.min(j, outside);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from === 1 ? Math.min(i, outside) : outside;
    let rowMin = current[from - 1];
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, outside);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < b.length) current[to + 1] = outside;
    if (rowMin > limit) return outside;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], outside);
}

/**
 * A lower bound of the edit distance in O(|a| + |b|): characters of the longer
 * string without a partner in the other must be edited. Charged to `budget`.
 */
export function distanceLowerBound(a: string, b: string, budget?: SearchBudget): number {
  budget?.spend(a.length + b.length);
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    const n = counts.get(c) ?? 0;
    if (n > 0) {
      common++;
      counts.set(c, n - 1);
    }
  }
  return Math.max(a.length, b.length) - common;
}

/** Plain Levenshtein distance (callers bound the inputs). */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Math.max(a.length, b.length));
}
