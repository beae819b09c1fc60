import type { FundingPoint } from '../domain/quotes.ts';

/**
 * Each venue/symbol's latest settlement at or before `at` (epoch ms), fed one point at a time
 * (a file read as a stream): holds one point per venue/symbol, so memory does not grow with
 * the history. What the settlements mean is the engine's (`electron/cli/monitorScan.ts`).
 */
export class LatestSettlements {
  private readonly at: number;
  private readonly latest = new Map<string, FundingPoint>();

  constructor(at: number) {
    this.at = at;
  }

  add(point: FundingPoint): void {
    if (point.time > this.at) return;
    const key = `${point.venue}|${point.symbol}`;
    const held = this.latest.get(key);
    if (!held || point.time > held.time) this.latest.set(key, point);
  }

  points(): IterableIterator<FundingPoint> {
    return this.latest.values();
  }
}
