import { describe, expect, it } from 'vitest';
import { eventTimes, feedSeries, HistoryFeed } from '../../../electron/backend/backtest/historyFeed.ts';
import { parseFundingCsv } from '../../../shared/history/fundingCsv.ts';
import { sevenVenuesCsv } from '../history/realFundingData.ts';
import type { PricePoint } from '../../../shared/domain/quotes.ts';

const HOUR = 3_600_000;

/** Recorded BTC funding on Binance, Bybit and Gate, January 2021, and a close every 4 h that is 1 + hour index (its time is visible in it). */
function slice() {
  const from = Date.parse('2021-01-01T00:00:00Z');
  const to = Date.parse('2021-02-01T00:00:00Z');
  const funding = parseFundingCsv(sevenVenuesCsv('BTC-USDT'), 'x').points
    .filter((p) => ['binanceusdm', 'bybit', 'gate', 'htx'].includes(p.venue) && p.time >= from && p.time < to);
  const prices: PricePoint[] = [];
  for (const venue of ['binanceusdm', 'bybit', 'gate']) for (let t = from + 4 * HOUR; t < to; t += 4 * HOUR) prices.push({ venue, symbol: 'BTC/USDT:USDT', time: t, close: 1 + (t - from) / HOUR });
  return { funding, prices, from };
}

describe('history feed', () => {
  const { funding, prices, from } = slice();
  const { series, skipped } = feedSeries(funding, prices);

  it('keeps the venues the terminal trades and says which it left out', () => {
    expect(series.map((s) => s.venue).sort()).toEqual(['binanceusdm', 'bybit', 'gate']);
    expect(skipped.venues).toEqual(['htx BTC/USDT:USDT']);
  });

  it('never shows a settlement or a close dated after the moment, and shows the latest of each', () => {
    const feed = new HistoryFeed(series);
    let checked = 0;
    for (const t of eventTimes(series)) {
      for (const quote of feed.at(t)) {
        const own = funding.filter((p) => p.venue === quote.venue && p.time <= t);
        const latest = own.reduce((a, b) => (b.time > a.time ? b : a));
        expect(quote.lastSettledRate).toBe(latest.rate);
        expect(quote.rate).toBeNull();
        expect(quote.nextFundingTime!).toBeGreaterThan(t);
        // The close is 1 + its hour index: it is the last one at or before t.
        expect(quote.markPrice).toBe(1 + Math.floor((t - from) / (4 * HOUR)) * 4);
        expect(quote.observedAt).toBe(t);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('gives no quote before the first close nor after a series\' last settlement, and refuses to go back', () => {
    const feed = new HistoryFeed(series);
    expect(feed.at(from)).toEqual([]);
    const last = Math.max(...funding.filter((p) => p.venue === 'gate').map((p) => p.time));
    expect(feed.at(last).some((q) => q.venue === 'gate')).toBe(false);
    expect(() => feed.at(last - HOUR)).toThrow(/forward only/);
  });
});
