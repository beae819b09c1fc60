/**
 * Each adapter's mapping from ccxt's unified objects to FundingQuote. The unified objects
 * are produced by ccxt's own parsers from raw venue payloads (shapes as documented in ccxt's
 * parse functions), so the tests follow whatever ccxt does with each field.
 */
import ccxt from 'ccxt';
import type { FundingRate, Ticker } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { marketUnits } from '../../../shared/domain/units.ts';
import { binanceNext, premiumIndexQuote } from '../../../electron/backend/markets/binanceusdm.ts';
import { bitgetQuote } from '../../../electron/backend/markets/bitget.ts';
import { bybitQuote } from '../../../electron/backend/markets/bybit.ts';
import { gateQuote } from '../../../electron/backend/markets/gate.ts';
import { hyperliquidQuote } from '../../../electron/backend/markets/hyperliquid.ts';
import { okxQuote } from '../../../electron/backend/markets/okx.ts';
import type { PerpMarket } from '../../../electron/backend/markets/perpMarkets.ts';
import { touchOf } from '../../../electron/backend/markets/fundingQuote.ts';

const T = Date.UTC(2026, 0, 5, 3, 20);

/** Binance's quote as its poll builds it: the premium index with Binance's next settlement. */
function binanceQuote(market: PerpMarket, rate: FundingRate, listed: FundingRate | undefined, ticker: Ticker | undefined, observedAt: number) {
  return premiumIndexQuote('binanceusdm', binanceNext, market, rate, { listedInterval: listed, ticker }, observedAt);
}
const NEXT = Date.UTC(2026, 0, 5, 4, 0);
const H = 3_600_000;

function perp(symbol: string, id: string, extra: Partial<PerpMarket> = {}): PerpMarket {
  return { symbol, id, base: symbol.split('/')[0], multiplier: 1, settle: 'USDT', units: marketUnits(symbol.split('/')[0]), info: {}, ...extra };
}

function parse(venue: 'binanceusdm' | 'bybit' | 'okx' | 'bitget' | 'gate' | 'hyperliquid', raw: Record<string, unknown>): FundingRate {
  const exchange = new ccxt[venue]() as unknown as { parseFundingRate(raw: unknown): FundingRate };
  return exchange.parseFundingRate(raw);
}

describe('binanceusdm quotes', () => {
  const raw = { symbol: 'BTCUSDT', markPrice: '45802.8', indexPrice: '45745.4', lastFundingRate: '0.00063521', interestRate: '0.0001', nextFundingTime: String(NEXT), time: String(T) };

  it('the premiumIndex rate is the running period estimate, paid at nextFundingTime', () => {
    const quote = binanceQuote(perp('BTC/USDT:USDT', 'BTCUSDT'), parse('binanceusdm', raw), undefined, undefined, T);
    expect(quote).toMatchObject({ rate: 0.00063521, rateKind: 'predicted', nextFundingTime: NEXT, markPrice: 45802.8, indexPrice: 45745.4, lastSettledRate: null });
  });

  it('a symbol absent from fundingInfo settles every 8 h; one listed there takes the listed interval', () => {
    const market = perp('BTC/USDT:USDT', 'BTCUSDT');
    expect(binanceQuote(market, parse('binanceusdm', raw), undefined, undefined, T).intervalHours).toBe(8);
    const listed = parse('binanceusdm', { symbol: 'BTCUSDT', adjustedFundingRateCap: '0.03', fundingIntervalHours: 4 });
    expect(binanceQuote(market, parse('binanceusdm', raw), listed, undefined, T).intervalHours).toBe(4);
  });

  it('24 h volume comes from the ticker quote volume', () => {
    const ticker = { quoteVolume: 1.5e9 } as Ticker;
    expect(binanceQuote(perp('BTC/USDT:USDT', 'BTCUSDT'), parse('binanceusdm', raw), undefined, ticker, T).volume24hUsd).toBe(1.5e9);
  });

  it('the best bid and ask come from the book ticker, as ccxt parses it', () => {
    const exchange = new ccxt.binanceusdm() as unknown as { parseTicker(raw: unknown): Ticker };
    const touch = exchange.parseTicker({ symbol: 'BTCUSDT', bidPrice: '45802.70', bidQty: '12.5', askPrice: '45802.80', askQty: '3.1', time: T });
    const quote = premiumIndexQuote('binanceusdm', binanceNext, perp('BTC/USDT:USDT', 'BTCUSDT'), parse('binanceusdm', raw), { touch }, T);
    expect(quote).toMatchObject({ bid: 45802.7, ask: 45802.8 });
    expect(binanceQuote(perp('BTC/USDT:USDT', 'BTCUSDT'), parse('binanceusdm', raw), undefined, undefined, T)).toMatchObject({ bid: null, ask: null });
  });
});

describe('bybit quotes', () => {
  const raw = { symbol: 'ETHUSDT', fundingRate: '-0.0002', nextFundingTime: String(NEXT), markPrice: '3000.5', indexPrice: '3001', turnover24h: '123456789.5', openInterestValue: '98765432.1' };

  it('the interval is the market fundingInterval in minutes', () => {
    const quote = bybitQuote(perp('ETH/USDT:USDT', 'ETHUSDT', { info: { fundingInterval: 240 } }), parse('bybit', raw), T);
    expect(quote).toMatchObject({ rate: -0.0002, rateKind: 'predicted', intervalHours: 4, nextFundingTime: NEXT, markPrice: 3000.5, volume24hUsd: 123456789.5, openInterestUsd: 98765432.1 });
  });

  it("a ticker's fundingIntervalHour wins over the market's (it is as fresh as the rate)", () => {
    const quote = bybitQuote(perp('ETH/USDT:USDT', 'ETHUSDT', { info: { fundingInterval: 480 } }), parse('bybit', { ...raw, fundingIntervalHour: '1' }), T);
    expect(quote.intervalHours).toBe(1);
  });

  it('the best bid and ask are the ticker row\'s bid1Price and ask1Price', () => {
    const quote = bybitQuote(perp('ETH/USDT:USDT', 'ETHUSDT'), parse('bybit', { ...raw, bid1Price: '3000.4', ask1Price: '3000.6' }), T);
    expect(quote).toMatchObject({ bid: 3000.4, ask: 3000.6 });
  });
});

describe('okx quotes', () => {
  const raw = { instId: 'BTC-USDT-SWAP', instType: 'SWAP', fundingRate: '0.00027815', fundingTime: String(NEXT), nextFundingRate: '', nextFundingTime: String(NEXT + 8 * H), settFundingRate: '0.0001', settState: 'settled' };

  it('the next settlement is fundingTime and the interval is nextFundingTime minus fundingTime', () => {
    const quote = okxQuote(perp('BTC/USDT:USDT', 'BTC-USDT-SWAP'), parse('okx', raw), {}, T);
    expect(quote).toMatchObject({ rate: 0.00027815, rateKind: 'predicted', nextFundingTime: NEXT, intervalHours: 8, lastSettledRate: 0.0001, markPrice: null });
  });

  it('a 4-h symbol is seen as 4 h; mark, volume (coins × last) and open interest come from their own calls', () => {
    const fourHour = parse('okx', { ...raw, nextFundingTime: String(NEXT + 4 * H) });
    const quote = okxQuote(perp('BTC/USDT:USDT', 'BTC-USDT-SWAP'), fourHour, {
      mark: { markPrice: 45000 } as Ticker,
      ticker: { last: 45010, info: { volCcy24h: '1000' } } as Ticker,
      openInterest: { symbol: 'BTC/USDT:USDT', openInterestValue: 5e8, info: {} },
    }, T);
    expect(quote).toMatchObject({ intervalHours: 4, markPrice: 45000, volume24hUsd: 45_010_000, openInterestUsd: 5e8 });
  });
});

describe('bitget quotes', () => {
  const ticker = { symbol: 'SOLUSDT', lastPr: '150', indexPrice: '150.2', fundingRate: '0.0003', usdtVolume: '5000000', holdingAmount: '1000', markPrice: '150.1', ts: String(T) };
  const current = { symbol: 'SOLUSDT', fundingRate: '0.0003', fundingRateInterval: '4', nextUpdate: String(NEXT), minFundingRate: '-0.003', maxFundingRate: '0.003' };

  it('rate, mark and volume come from the tickers; interval and next settlement from current-fund-rate', () => {
    const quote = bitgetQuote(perp('SOL/USDT:USDT', 'SOLUSDT'), parse('bitget', ticker), parse('bitget', current), T);
    expect(quote).toMatchObject({ rate: 0.0003, rateKind: 'predicted', intervalHours: 4, nextFundingTime: NEXT, markPrice: 150.1, indexPrice: 150.2, volume24hUsd: 5e6 });
    expect(quote.openInterestUsd).toBeCloseTo(150_100, 6);
  });
});

describe('gate quotes', () => {
  const contract = { name: 'BTC_USDT', quanto_multiplier: '0.0001', mark_price: '45000', index_price: '44990', funding_rate: '0.0001', funding_rate_indicative: '0.00025', funding_interval: 14400, funding_next_apply: NEXT / 1000, interest_rate: '0.0001' };

  it("funding_rate is the running period's rate (Gate: current funding rate), labelled predicted; the contract states no settled rate", () => {
    const quote = gateQuote(perp('BTC/USDT:USDT', 'BTC_USDT', { units: marketUnits('BTC', 0.0001) }), parse('gate', contract), undefined, T);
    expect(quote).toMatchObject({ rate: 0.0001, rateKind: 'predicted', lastSettledRate: null, intervalHours: 4, nextFundingTime: NEXT, markPrice: 45000, indexPrice: 44990 });
  });

  it('a 2-h contract is 2 h (ccxt has no 2-h entry in its gate table and passes milliseconds through)', () => {
    const quote = gateQuote(perp('BTC/USDT:USDT', 'BTC_USDT'), parse('gate', { ...contract, funding_interval: 7200 }), undefined, T);
    expect(quote.intervalHours).toBe(2);
  });

  it('the deprecated indicative rate is not read: without it the quote is the same', () => {
    const quote = gateQuote(perp('BTC/USDT:USDT', 'BTC_USDT'), parse('gate', { ...contract, funding_rate_indicative: undefined }), undefined, T);
    expect(quote).toMatchObject({ rate: 0.0001, rateKind: 'predicted', lastSettledRate: null });
  });

  it('open interest is contracts × contract size × mark', () => {
    const ticker = { quoteVolume: 7e6, info: { total_size: '20000' } } as Ticker;
    const quote = gateQuote(perp('BTC/USDT:USDT', 'BTC_USDT', { units: marketUnits('BTC', 0.0001) }), parse('gate', contract), ticker, T);
    expect(quote.volume24hUsd).toBe(7e6);
    expect(quote.openInterestUsd).toBeCloseTo(20000 * 0.0001 * 45000, 6);
  });
});

describe('hyperliquid quotes', () => {
  const ctx = { name: 'BTC', funding: '0.0000125', markPx: '45000', oraclePx: '44995', dayNtlVlm: '900000000', openInterest: '1000' };

  it('settles every hour, on the next hour of the terminal clock', () => {
    const quote = hyperliquidQuote(perp('BTC/USDC:USDC', 'BTC', { settle: 'USDC' }), parse('hyperliquid', ctx), T);
    expect(quote).toMatchObject({ rate: 0.0000125, rateKind: 'predicted', intervalHours: 1, nextFundingTime: NEXT, markPrice: 45000, indexPrice: 44995, volume24hUsd: 9e8, openInterestUsd: 4.5e7 });
  });

  it('the impact prices stand for the bid and ask', () => {
    const quote = hyperliquidQuote(perp('BTC/USDC:USDC', 'BTC', { settle: 'USDC' }), parse('hyperliquid', { ...ctx, impactPxs: ['44998', '45003'] }), T);
    expect(quote).toMatchObject({ bid: 44998, ask: 45003 });
  });
});

describe('missing figures', () => {
  it('an empty or unreadable field is null, never NaN or 0', () => {
    const quote = binanceQuote(perp('X/USDT:USDT', 'XUSDT'), parse('binanceusdm', { symbol: 'XUSDT', lastFundingRate: '', markPrice: 'nan' }), undefined, undefined, T);
    expect(quote).toMatchObject({ rate: null, markPrice: null, nextFundingTime: null });
  });

  it('a bid and ask count only as a pair: an empty side (Aster states "0.000000") or a crossed book gives neither', () => {
    expect(touchOf('0.004', '0.000000')).toEqual({ bid: null, ask: null });
    expect(touchOf('101', '100')).toEqual({ bid: null, ask: null });
    expect(touchOf(undefined, '100')).toEqual({ bid: null, ask: null });
    expect(touchOf('99.5', '100')).toEqual({ bid: 99.5, ask: 100 });
  });
});
