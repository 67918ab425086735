/**
 * How long parsing a model took, where the parse happened (a worker thread
 * reports its own measurement with the model). Kept beside the model, not in it,
 * so models stay pure functions of their text.
 */
const times = new WeakMap<object, number>();

export function recordParseTime(doc: object, ms: number): void {
  times.set(doc, ms);
}

export function recordedParseTime(doc: object): number | undefined {
  return times.get(doc);
}
