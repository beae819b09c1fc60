import { describe, expect, it } from 'vitest';
import type { FundingQuote, PricePoint } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { priceTargets, startPriceBackfill, type PriceBackfillDeps } from '../../../electron/backend/sectors/priceBackfill.ts';
import { q } from '../engine/quotes.ts';

const NOW = Date.UTC(2026, 2, 1);

/** A price source that holds every request until released, counting them. */
function heldSource() {
  const asked: string[] = [];
  const waiting: Array<() => void> = [];
  const priceHistory = (venue: VenueId, symbol: string): Promise<PricePoint[]> => {
    asked.push(`${venue} ${symbol}`);
    return new Promise((resolve) => waiting.push(() => resolve([{ venue, symbol, time: NOW - 4 * 3_600_000, close: 1 }])));
  };
  return { asked, waiting, priceHistory };
}

function deps(quotes: FundingQuote[], source: ReturnType<typeof heldSource>): PriceBackfillDeps {
  return {
    quotes: () => quotes, priceHistory: source.priceHistory, store: { history: { insertPrices: async (points) => points.length } },
    seed: () => {}, log: { info: () => {}, warn: () => {} }, now: () => NOW, delayMs: 0,
  };
}

describe('price backfill job', () => {
  it('takes each base once, from the venue with the most 24-h volume, its multiplier kept for the seed', () => {
    const quotes = [
      q('binanceusdm', 'PEPE', 0.0001, 8, { symbol: '1000PEPE/USDT:USDT', multiplier: 1000, volume24hUsd: 9e8 }),
      q('bybit', 'PEPE', 0.0001, 8, { volume24hUsd: 1e8 }),
      q('okx', 'BTC', 0.0001, 8, { volume24hUsd: 5e9 }),
      q('gate', 'BTC', 0.0001, 8, { volume24hUsd: null }),
    ];
    expect(priceTargets(quotes)).toEqual([
      { base: 'BTC', venue: 'okx', symbol: 'BTC/USDT:USDT', multiplier: 1 },
      { base: 'PEPE', venue: 'binanceusdm', symbol: '1000PEPE/USDT:USDT', multiplier: 1000 },
    ]);
  });

  it('stop ends a pass before its next request instead of waiting for all of them', async () => {
    const source = heldSource();
    const quotes = ['AAA', 'BBB', 'CCC'].map((base) => q('okx', base, 0.0001));
    const job = startPriceBackfill(deps(quotes, source), { firstAfterMs: 0, everyMs: 3_600_000 });
    await expect.poll(() => source.asked.length).toBe(1);
    const stopped = job.stop();
    source.waiting.shift()!();
    expect(await stopped).toBeUndefined();
    expect(source.asked).toEqual(['okx AAA/USDT:USDT']);
  });

  it('a slow venue does not hold another: venues run side by side, each one request at a time', async () => {
    const source = heldSource();
    const quotes = [q('okx', 'AAA', 0.0001), q('okx', 'BBB', 0.0001), q('gate', 'CCC', 0.0001)];
    const job = startPriceBackfill(deps(quotes, source), { firstAfterMs: 0 });
    await expect.poll(() => source.asked.length).toBe(2);
    expect(source.asked.sort()).toEqual(['gate CCC/USDT:USDT', 'okx AAA/USDT:USDT']);
    source.waiting.splice(0).forEach((release) => release());
    await expect.poll(() => source.asked.length).toBe(3);
    source.waiting.splice(0).forEach((release) => release());
    expect(await job.running()).toMatchObject({ targets: 3, stored: 3, failed: [] });
    await job.stop();
  });
});
