/**
 * Order books and candles derived from the mark price: a book is regenerated every simulated
 * minute around the mark, with a spread and depth that scale with the asset's liquidity, so a
 * market order of a realistic size walks a few levels and slips accordingly.
 */
import type { SimBook, SimCandle, SimInstrument } from './types.ts';
import { uniformAt } from './random.ts';
import { MINUTE } from './paths.ts';

export interface BookShape {
  /** Daily traded value on this venue, USD. */
  volumeUsd: number;
  seed: number;
  stream: number;
}

function roundTo(value: number, step: number, mode: 'down' | 'up'): number {
  const units = value / step;
  const rounded = mode === 'down' ? Math.floor(units + 1e-9) : Math.ceil(units - 1e-9);
  return Number((rounded * step).toPrecision(12));
}

/** Half-spread as a fraction of price: ~0.5 bp for the most liquid, ~10 bp for thin books. */
export function halfSpreadFraction(volumeUsd: number): number {
  return Math.min(0.001, Math.max(0.00005, 0.5 / Math.sqrt(Math.max(volumeUsd, 1))));
}

export function buildBook(instrument: SimInstrument, mark: number, time: number, depth: number, shape: BookShape): SimBook {
  const minute = Math.floor(time / MINUTE);
  const half = Math.max(instrument.tickSize, mark * halfSpreadFraction(shape.volumeUsd));
  const gap = Math.max(instrument.tickSize, mark * 0.0001);
  const levelUsd = Math.max(3000, shape.volumeUsd * 2e-5);
  const contractValue = instrument.contractSize * mark;
  const bids: Array<[number, number]> = [];
  const asks: Array<[number, number]> = [];
  const bestBid = roundTo(mark - half, instrument.tickSize, 'down');
  const bestAsk = Math.max(roundTo(mark + half, instrument.tickSize, 'up'), bestBid + instrument.tickSize);
  for (let i = 0; i < depth; i++) {
    const size = (side: number) => {
      const u = uniformAt(shape.seed, shape.stream, minute * 4096 + i * 2 + side);
      const contracts = (levelUsd * (1 + i * 0.15) * (0.5 + u)) / contractValue;
      return Math.max(instrument.stepSize, roundTo(contracts, instrument.stepSize, 'down'));
    };
    const bidPrice = roundTo(bestBid - i * gap, instrument.tickSize, 'down');
    if (bidPrice > 0) bids.push([bidPrice, size(0)]);
    asks.push([roundTo(bestAsk + i * gap, instrument.tickSize, 'up'), size(1)]);
  }
  return { bids, asks, time };
}

/** Candles of `timeframeMs` from the mark path (volume in base units); the last one is partial up to `now`. */
export function buildCandles(
  markAt: (time: number) => number,
  opts: { timeframeMs: number; now: number; since?: number; until?: number; limit?: number; volumeUsd: number; seed: number; stream: number },
): SimCandle[] {
  const tf = opts.timeframeMs;
  const limit = Math.min(opts.limit ?? 500, 1500);
  const end = Math.min(opts.until ?? opts.now, opts.now);
  const lastOpen = Math.floor(end / tf) * tf;
  const firstOpen = opts.since !== undefined ? Math.ceil(opts.since / tf) * tf : lastOpen - (limit - 1) * tf;
  const samples = Math.max(2, Math.min(12, Math.round(tf / MINUTE)));
  const candles: SimCandle[] = [];
  for (let open = firstOpen; open <= lastOpen && candles.length < limit; open += tf) {
    const close = Math.min(open + tf, opts.now);
    let high = -Infinity;
    let low = Infinity;
    for (let s = 0; s <= samples; s++) {
      const price = markAt(open + ((close - open) * s) / samples);
      high = Math.max(high, price);
      low = Math.min(low, price);
    }
    const closePrice = markAt(close);
    const u = uniformAt(opts.seed, opts.stream, Math.floor(open / MINUTE));
    const volumeQuote = (opts.volumeUsd * (close - open)) / 86_400_000 * (0.5 + u);
    candles.push({ time: open, open: markAt(open), high, low, close: closePrice, volume: volumeQuote / closePrice });
  }
  return candles;
}

/**
 * The book cut to `usd` a side (the `thin` fault): the best levels up to that value, the last
 * one cut down to the lot step. A market order larger than that fills only in part where the
 * order fills against this answer (the paper broker).
 */
export function thinBook(book: SimBook, instrument: SimInstrument, usd: number): SimBook {
  const cut = (levels: Array<[number, number]>): Array<[number, number]> => {
    const kept: Array<[number, number]> = [];
    let left = usd;
    for (const [price, size] of levels) {
      const fits = roundTo(Math.min(size, left / (price * instrument.contractSize)), instrument.stepSize, 'down');
      if (fits <= 0) break;
      kept.push([price, fits]);
      left -= fits * price * instrument.contractSize;
    }
    return kept;
  };
  return { ...book, bids: cut(book.bids), asks: cut(book.asks) };
}
