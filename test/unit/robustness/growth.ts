// Growth checks for the bounded-work tests: work on input 4n against input n.
// Linear work grows ~4x, quadratic ~16x; the asserted ratio sits between them, and
// each size takes the best of several runs, so a busy machine does not make it flaky.

/** Best time (ms) of `runs` calls of `work`. */
export function bestTime(work: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * The ratio of the best times of `make(4n)` and `make(n)` work (inputs built
 * outside the timing). A linear algorithm gives about 4, a quadratic one 16.
 */
export function growthRatio<T>(make: (n: number) => T, work: (input: T) => unknown, n: number): { ratio: number; small: number; large: number } {
  const a = make(n);
  const b = make(4 * n);
  work(a); // warm up the JIT
  // Alternated, best of five each: a burst of load on a shared machine hits both sizes alike.
  let small = Infinity;
  let large = Infinity;
  for (let i = 0; i < 5; i++) {
    small = Math.min(
      small,
      bestTime(() => work(a), 1),
    );
    large = Math.min(
      large,
      bestTime(() => work(b), 1),
    );
  }
  // Below a few milliseconds, timer resolution and a stray collection decide the ratio; the inputs
  // are sized so that the former quadratic code took seconds at 4n.
  small = Math.max(small, 5);
  return { ratio: large / small, small, large };
}

/** `growthRatio` for asynchronous work (file loading through the in-memory file system). */
export async function growthRatioAsync<T>(make: (n: number) => T, work: (input: T) => Promise<unknown>, n: number): Promise<{ ratio: number }> {
  const inputs = [make(n), make(4 * n)];
  await work(inputs[0]);
  const best = [Infinity, Infinity];
  for (let i = 0; i < 10; i++) {
    const which = i % 2;
    const started = performance.now();
    await work(inputs[which]);
    best[which] = Math.min(best[which], performance.now() - started);
  }
  return { ratio: best[1] / Math.max(best[0], 5) };
}

/** Below this, 4x the input cost at most ~2.5x linear: quadratic growth fails it. */
export const MAX_LINEAR_RATIO = 10;
