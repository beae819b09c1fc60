import { ratePer8h } from '../../shared/funding/normalise.ts';
import { minuteOf } from './rateHistory.ts';
import type { SectorSample } from './sectorTracker.ts';
import type { SampleSeedColumns } from '../../shared/history/sampleSeedColumns.ts';

const MINUTE_MS = 60_000;
/**
 * How long a stored sample stays in force when no newer one follows. The sampler stores a quote
 * only when it changed, so a gap between samples means "unchanged", not "gone"; a symbol silent
 * for a whole 8-h funding period has left (predicted rates move on nearly every poll).
 */
export const SAMPLE_HOLD_MS = 8 * 3_600_000;

/** Receives one base's reading for one minute of the replay, in time order. */
export type ReplayVisitor = (base: string, minute: number, sample: SectorSample) => void;

/**
 * Rebuilds what a running engine would have seen from the stored samples: each minute from the
 * first sample's to the last, every venue/symbol's newest sample in force (see `SAMPLE_HOLD_MS`)
 * is one leg, and each base with a leg is visited with its mean per-8 h rate over them (what
 * `computeAssetRow` records), mean mark per unit of the base and open interest summed (what
 * `AssetGroup.sectorSample` gives). O(minutes × venue/symbols); only history comes out of it,
 * never a current leg.
 */
export function replaySamples(columns: SampleSeedColumns, visit: ReplayVisitor): void {
  const n = columns.observedAt.length;
  if (n === 0) return;
  const keyBase = new Int32Array(columns.keys).fill(-1);
  const latest = new Int32Array(columns.keys).fill(-1); // row of each venue/symbol's sample in force
  const sums = new Float64Array(columns.bases.length * 6);
  let row = 0;
  for (let minute = minuteOf(columns.observedAt[0]); minute <= minuteOf(columns.observedAt[n - 1]); minute++) {
    const end = (minute + 1) * MINUTE_MS;
    for (; row < n && columns.observedAt[row] < end; row++) {
      const key = columns.key[row];
      latest[key] = row;
      keyBase[key] = columns.base[row];
    }
    sums.fill(0);
    for (const b of accumulate(columns, latest, keyBase, end, sums)) {
      const at = b * 6;
      visit(columns.bases[b], minute, {
        fundingPer8h: sums[at] / sums[at + 1],
        price: sums[at + 3] > 0 ? sums[at + 2] / sums[at + 3] : Number.NaN,
        openInterestUsd: sums[at + 5] > 0 ? sums[at + 4] : Number.NaN,
      });
    }
  }
}

/** Sums each base's legs in force at `end` into `sums` (6 slots per base); returns the bases seen, ascending. */
function accumulate(c: SampleSeedColumns, latest: Int32Array, keyBase: Int32Array, end: number, sums: Float64Array): number[] {
  const seen = new Set<number>();
  // In key order (venue, then symbol), the order a group holds its legs: the same sums to the last bit.
  for (let key = 0; key < latest.length; key++) {
    const row = latest[key];
    if (row < 0 || end - c.observedAt[row] > SAMPLE_HOLD_MS) continue;
    const rate = Number.isNaN(c.rate[row]) ? c.lastSettledRate[row] : c.rate[row];
    if (Number.isNaN(rate)) continue;
    const at = keyBase[key] * 6;
    seen.add(keyBase[key]);
    sums[at] += ratePer8h(rate, c.intervalHours[row]);
    sums[at + 1]++;
    const mark = c.markPrice[row];
    if (mark > 0) { sums[at + 2] += mark / c.multiplier[row]; sums[at + 3]++; }
    if (!Number.isNaN(c.openInterestUsd[row])) { sums[at + 4] += c.openInterestUsd[row]; sums[at + 5]++; }
  }
  return [...seen].sort((a, b) => a - b);
}
