/** Merging stream messages into quotes: nothing older ever wins, nothing missing blanks a value. */
import type { Exchange } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { bitgetStream } from '../../../electron/backend/markets/bitget.ts';
import { createStreamOverlay, presentFields } from '../../../electron/backend/markets/streamMerge.ts';
import type { StreamUpdate } from '../../../electron/backend/markets/streamMerge.ts';
import { mostTraded, streamRetryMs } from '../../../electron/backend/markets/streams.ts';
import { pollPeriodMs } from '../../../electron/backend/markets/venuePoller.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';

const REST_AT = 10_000;
const QUOTE: FundingQuote = {
  venue: 'okx', symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate: 0.0001, rateKind: 'predicted', lastSettledRate: 0.0002,
  intervalHours: 8, nextFundingTime: 28_800_000, markPrice: 100, indexPrice: 99, volume24hUsd: 5e6, openInterestUsd: null, observedAt: REST_AT,
};
const mark = (eventTime: number, markPrice: number, symbol = QUOTE.symbol): StreamUpdate => ({ symbol, channel: 'markPrice', eventTime, fields: { markPrice } });
const funding = (eventTime: number, rate: number): StreamUpdate => ({ symbol: QUOTE.symbol, channel: 'funding', eventTime, fields: { rate } });

function overlayAfterPoll() {
  const overlay = createStreamOverlay();
  const quotes = new Map(overlay.onto([QUOTE]).map((q) => [q.symbol, q]));
  return { overlay, quotes };
}

describe('stream messages merged into quotes', () => {
  it('a message newer than the REST snapshot updates its fields and advances observedAt to receipt', () => {
    const { overlay, quotes } = overlayAfterPoll();
    expect(overlay.accept(quotes, [mark(REST_AT + 500, 101)], REST_AT + 600)).toEqual([{ ...QUOTE, markPrice: 101, observedAt: REST_AT + 600 }]);
  });

  it('a message older than (or as old as) the REST snapshot never replaces it', () => {
    const { overlay, quotes } = overlayAfterPoll();
    expect(overlay.accept(quotes, [mark(REST_AT - 1, 90), mark(REST_AT, 91)], REST_AT + 600)).toEqual([]);
  });

  it('a repeated or out-of-order message on a channel is dropped; another channel at the same time applies', () => {
    const { overlay, quotes } = overlayAfterPoll();
    const first = overlay.accept(quotes, [mark(REST_AT + 500, 101)], REST_AT + 600);
    quotes.set(QUOTE.symbol, first[0]);
    expect(overlay.accept(quotes, [mark(REST_AT + 500, 101), mark(REST_AT + 400, 97)], REST_AT + 700)).toEqual([]);
    expect(overlay.accept(quotes, [funding(REST_AT + 500, 0.0003)], REST_AT + 700)).toEqual([{ ...first[0], rate: 0.0003, observedAt: REST_AT + 700 }]);
  });

  it('messages dated on receipt (the venue sends no time) apply in arrival order, an equal time included', () => {
    const { overlay, quotes } = overlayAfterPoll();
    const received = (markPrice: number): StreamUpdate => ({ ...mark(REST_AT + 500, markPrice), datedOnReceipt: true });
    const first = overlay.accept(quotes, [received(101)], REST_AT + 500);
    quotes.set(QUOTE.symbol, first[0]);
    expect(overlay.accept(quotes, [received(102)], REST_AT + 500)).toEqual([{ ...QUOTE, markPrice: 102, observedAt: REST_AT + 500 }]);
    expect(overlay.accept(quotes, [{ ...received(90), eventTime: REST_AT + 499 }], REST_AT + 500)).toEqual([]);
  });

  it('within one batch the newest message of a symbol wins and the others fold into one quote', () => {
    const { overlay, quotes } = overlayAfterPoll();
    const merged = overlay.accept(quotes, [mark(REST_AT + 100, 101), funding(REST_AT + 100, 0.0004), mark(REST_AT + 50, 95)], REST_AT + 200);
    expect(merged).toEqual([{ ...QUOTE, markPrice: 101, rate: 0.0004, observedAt: REST_AT + 200 }]);
  });

  it('a symbol REST has not listed is ignored (listings come from REST)', () => {
    const { overlay, quotes } = overlayAfterPoll();
    expect(overlay.accept(quotes, [mark(REST_AT + 500, 5, 'NEW/USDT:USDT')], REST_AT + 600)).toEqual([]);
  });

  it('a REST snapshot taken before a stream message keeps the streamed field; a later snapshot supersedes it', () => {
    const { overlay, quotes } = overlayAfterPoll();
    overlay.accept(quotes, [mark(REST_AT + 5_000, 105)], REST_AT + 5_100);
    const earlier = overlay.onto([{ ...QUOTE, markPrice: 103, rate: 0.0005, observedAt: REST_AT + 4_000 }]);
    expect(earlier).toEqual([{ ...QUOTE, markPrice: 105, rate: 0.0005, observedAt: REST_AT + 5_100 }]);
    const later = overlay.onto([{ ...QUOTE, markPrice: 106, observedAt: REST_AT + 6_000 }]);
    expect(later[0]).toMatchObject({ markPrice: 106, observedAt: REST_AT + 6_000 });
  });

  it('a field the message does not carry is left as REST had it (never nulled)', () => {
    expect(presentFields({ markPrice: 101, indexPrice: null, rate: null })).toEqual({ markPrice: 101 });
  });
});

describe('stream subscriptions and cadence', () => {
  it('the most traded N are watched, unknown volume last, ties by symbol', () => {
    const q = (symbol: string, volume24hUsd: number | null): FundingQuote => ({ ...QUOTE, symbol, volume24hUsd });
    expect(mostTraded([q('A', 1), q('B', null), q('C', 9), q('D', 9), q('E', 5)], 4)).toEqual(['C', 'D', 'E', 'A']);
  });

  it('reconnect pauses double per consecutive failure up to a cap, scaled', () => {
    expect([1, 2, 3, 4].map((n) => streamRetryMs(n, 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(streamRetryMs(20, 1)).toBe(60_000);
    expect(streamRetryMs(2, 0.5)).toBe(1_000);
  });

  it('polls slow while streaming but stay under half the staleness bound', () => {
    expect(pollPeriodMs(5_000, 30_000, false)).toBe(5_000);
    expect(pollPeriodMs(5_000, 30_000, true)).toBe(15_000);
    expect(pollPeriodMs(5_000, 100_000, true)).toBe(20_000);
    expect(pollPeriodMs(10_000, 12_000, true)).toBe(10_000);
  });

  it('Bitget watches each settle currency in its own loop (ccxt.pro gives all symbols of one call the first one\'s product type)', async () => {
    const calls: string[][] = [];
    const exchange = {
      tickers: {},
      market: (symbol: string) => ({ settle: symbol.split(':')[1] }),
      watchTickers: (symbols: string[]) => { calls.push(symbols); return Promise.resolve({}); },
    } as unknown as Exchange;
    const watchers = bitgetStream.watchers(exchange, ['BTC/USDT:USDT', 'BTC/USDC:USDC', 'ETH/USDT:USDT'], () => 0);
    await Promise.all(watchers.map((watch) => watch()));
    expect(calls).toEqual([['BTC/USDT:USDT', 'ETH/USDT:USDT'], ['BTC/USDC:USDC']]);
  });
});
