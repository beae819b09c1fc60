/**
 * Stored quote samples as columns (no transfer needed; the client keeps them for a restarted
 * worker). Rows ascend by `observedAt`; `key` numbers the venue/symbol, `base` indexes `bases`.
 * Numbers are raw quote fields; NaN stands for null. The store produces it and the engine reads
 * it, so it lives here, below both.
 */
export interface SampleSeedColumns {
  bases: string[];
  keys: number;
  base: Uint32Array;
  key: Uint32Array;
  observedAt: Float64Array;
  rate: Float64Array;
  lastSettledRate: Float64Array;
  intervalHours: Float64Array;
  multiplier: Float64Array;
  markPrice: Float64Array;
  openInterestUsd: Float64Array;
}
