/**
 * One figure a benchmark prints. `baseline` is the same quantity measured in the same run by a
 * straightforward implementation, so the printed ratio means something on any machine.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  /** The issue's target, as text (e.g. "≤ 2 ms"). */
  target?: string;
}

/** Each `test/bench/*.bench.ts` exports `run` returning its figures. */
export type BenchModule = { run(): Promise<BenchResult[]> };
