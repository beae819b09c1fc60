/**
 * Ticker streams whose raw row names the funding fields as Bybit and Bitget both do
 * (`markPrice`, `indexPrice`, `fundingRate`, `nextFundingTime`): ccxt.pro's `watchTickers`
 * keeps that row in each ticker's `info` (merging Bybit's deltas into it) and stamps the
 * venue's message time.
 */
import type { Exchange, Ticker } from 'ccxt';
import { numberOrNull } from './fundingQuote.ts';
import { presentFields, type StreamUpdate } from './streamMerge.ts';
import { tickerCacheWatchers } from './streams.ts';

/** The mark, index, rate and next settlement read from a ticker's raw row. */
export function tickerRowUpdate(ticker: Ticker): StreamUpdate | null {
  const eventTime = numberOrNull(ticker.timestamp);
  if (eventTime === null || !ticker.symbol) return null;
  const info = (ticker.info ?? {}) as Record<string, unknown>;
  const next = numberOrNull(info.nextFundingTime);
  return {
    symbol: ticker.symbol,
    channel: 'ticker',
    eventTime,
    fields: presentFields({ markPrice: numberOrNull(info.markPrice), indexPrice: numberOrNull(info.indexPrice), rate: numberOrNull(info.fundingRate), nextFundingTime: next === null ? null : Math.round(next) }),
  };
}

/** `watchTickers` over the symbols, each turn's rows read by `tickerRowUpdate`. */
export function tickerRowWatchers(exchange: Exchange, symbols: string[]): Array<() => Promise<StreamUpdate[]>> {
  return tickerCacheWatchers(exchange, symbols, (watched) => exchange.watchTickers(watched), tickerRowUpdate);
}
