import { describe, expect, it } from 'vitest';
import { BASIS_MIN_SAMPLES, BASIS_MINUTES, BasisHistory } from '../../../electron/engine/basisHistory.ts';
import { seededRandom } from '../../fixtures/engine/quoteSet.ts';

/** The z-score from its definition: the newest sample against the pair's earlier ones in the last 6 h of minutes it was sampled. */
function zOf(samples: readonly number[]): number | null {
  const kept = samples.slice(-BASIS_MINUTES);
  const latest = kept[kept.length - 1];
  const earlier = kept.slice(0, -1);
  if (earlier.length < BASIS_MIN_SAMPLES) return null;
  const mean = earlier.reduce((sum, x) => sum + x, 0) / earlier.length;
  const variance = earlier.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (earlier.length - 1);
  return variance > 1e-18 ? (latest - mean) / Math.sqrt(variance) : null;
}

describe('basis history', () => {
  it('keeps each of the last four best pairs\' 6 h of minutes (rings grown on demand, the least recent pair dropped), z as defined', () => {
    const random = seededRandom(3);
    const history = new BasisHistory();
    const pairs = [['okx', 'bybit'], ['okx', 'gate'], ['binanceusdm', 'bybit'], ['aster', 'okx'], ['bitget', 'gate']];
    const kept = new Map<string, number[]>();
    let compared = 0;
    for (let minute = 0; minute < 2_000; minute++) {
      // Mostly one pair for a long while (its ring outgrows 6 h), now and then another for a few minutes.
      const [long, short] = minute < 900 || random() < 0.7 ? pairs[0] : pairs[1 + Math.floor(random() * 4)];
      const key = `${long}>${short}`;
      // A pair not among the last four used lost its samples.
      const recent = [...kept.keys()];
      if (!kept.has(key) && recent.length >= 4) kept.delete(recent[0]);
      const samples = kept.get(key) ?? [];
      kept.delete(key);
      kept.set(key, samples);
      // Two values within a minute: the last one wins.
      history.record(long, short, minute, 0.001);
      const basis = 0.002 + (random() - 0.5) * 0.001;
      samples.push(basis);
      const z = history.record(long, short, minute, basis);
      const expected = zOf(samples);
      if (expected === null) expect(z).toBeNull();
      else {
        expect(z).toBeCloseTo(expected, 8);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1_000);
  });
});
