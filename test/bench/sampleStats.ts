/** The p-th percentile (0–100) of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Milliseconds per call of `fn` over `runs` calls, after `warmup` untimed calls; `prepare` runs untimed before each. */
export function timeRuns<T>(runs: number, warmup: number, prepare: (i: number) => T, fn: (input: T, i: number) => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const input = prepare(i);
    const started = performance.now();
    fn(input, i);
    const elapsed = performance.now() - started;
    if (i >= warmup) samples.push(elapsed);
  }
  return samples;
}
