/**
 * Memoisation of pure functions, the one sanctioned form of module-level state.
 * A memo never changes a result, only how often it is computed: values built from
 * shipped data (`lazy`), or derived from an immutable object and dropped with it
 * (`memoizeByObject`). Caches that depend on the workspace belong to the engine.
 */

/** A value computed on first use from shipped, immutable data. */
export function lazy<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

/** `compute(key)` remembered per key object (which must be immutable), forgotten when the key is collected. */
export function memoizeByObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const values = new WeakMap<K, V>();
  return (key) => {
    if (values.has(key)) return values.get(key) as V;
    const value = compute(key);
    values.set(key, value);
    return value;
  };
}

/** `compute(key)` remembered for at most `capacity` string keys (least recently used first out). */
export function memoizeBounded<V>(capacity: number, compute: (key: string) => V): (key: string) => V {
  const values = new Map<string, V>();
  return (key) => {
    const found = values.get(key);
    if (found !== undefined || values.has(key)) {
      values.delete(key);
      values.set(key, found as V);
      return found as V;
    }
    const value = compute(key);
    values.set(key, value);
    if (values.size > capacity) values.delete(values.keys().next().value as string);
    return value;
  };
}
