/**
 * Hyperliquid `POST /info`: one path, the request named by `type`. This module answers the
 * perp market reads (metadata with asset contexts, hourly funding history, L2 book, candles, mids);
 * spot reads are in hyperliquidSpot.ts, per-wallet reads in hyperliquidAccountInfo.ts. Perps settle in USDC; an asset's index in
 * the universe is its id in signed actions.
 */
import type { SimInstrument, SimMarket, SimResponse } from '../types.ts';
import { marginTiers } from '../marginTiers.ts';
import { decimalString } from './wireDecimal.ts';

export const VENUE = 'hyperliquid';
const HOUR = 3_600_000;
const CANDLE_MS: Record<string, number> = {
  '1m': 60_000, '3m': 180_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '1h': HOUR,
  '2h': 2 * HOUR, '4h': 4 * HOUR, '8h': 8 * HOUR, '12h': 12 * HOUR, '1d': 24 * HOUR, '3d': 72 * HOUR, '1w': 168 * HOUR,
};
/** Hyperliquid caps funding history at 500 points and candle snapshots at 5000 per answer. */
const FUNDING_HISTORY_MAX = 500;
const CANDLES_MAX = 5000;
const BOOK_LEVELS = 20;

export type InfoRequest = Record<string, unknown> & { type?: unknown };

export function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

/** Hyperliquid's answer to a body it cannot read (unknown type, missing field). */
export function unreadable(): SimResponse {
  return { status: 422, body: 'Failed to deserialize the JSON body into the target type' };
}

export function perps(market: SimMarket): SimInstrument[] {
  return market.instruments(VENUE);
}

/**
 * Hyperliquid's margin tables: an id under 50 is one tier at that leverage and is not listed;
 * the simulator lists a tiered table per leverage cap, id 50 + the cap.
 */
const TIERED_TABLE_BASE = 50;

export function universeEntry(instrument: SimInstrument): Record<string, unknown> {
  // Every simulated perp trades cross (the recorded universe rows state onlyIsolated false).
  return { name: instrument.id, szDecimals: instrument.qtyPrecision, maxLeverage: instrument.maxLeverage, onlyIsolated: false, marginTableId: TIERED_TABLE_BASE + instrument.maxLeverage };
}

export function marginTables(instruments: readonly SimInstrument[]): Array<[number, Record<string, unknown>]> {
  const byId = new Map<number, SimInstrument>();
  for (const instrument of instruments) byId.set(TIERED_TABLE_BASE + instrument.maxLeverage, instrument);
  return [...byId].sort(([a], [b]) => a - b).map(([id, instrument]) => [id, {
    description: `tiered ${instrument.maxLeverage}x`,
    marginTiers: marginTiers(instrument).map((tier) => ({ lowerBound: tier.floor.toFixed(1), maxLeverage: tier.maxLeverage })),
  }]);
}

/** A perp's asset context, as `metaAndAssetCtxs` lists it and the `activeAssetCtx` stream pushes it. */
export function assetContext(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  const t = market.ticker(VENUE, instrument.id);
  return {
    funding: decimalString(funding.rate),
    openInterest: decimalString(t.openInterestBase),
    prevDayPx: decimalString(t.open24h),
    dayNtlVlm: decimalString(t.volume24hQuote),
    premium: decimalString(funding.premiumIndex),
    oraclePx: decimalString(t.index),
    markPx: decimalString(t.mark),
    midPx: decimalString((t.bid + t.ask) / 2),
    impactPxs: [decimalString(t.bid), decimalString(t.ask)],
    dayBaseVlm: decimalString(t.volume24hBase),
  };
}

function meta(market: SimMarket): Record<string, unknown> {
  return { universe: perps(market).map(universeEntry), marginTables: marginTables(perps(market)) };
}

function coinOf(market: SimMarket, request: InfoRequest): SimInstrument | undefined {
  return typeof request.coin === 'string' ? market.instrument(VENUE, request.coin) : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function fundingHistory(market: SimMarket, request: InfoRequest): SimResponse {
  const instrument = coinOf(market, request);
  const since = num(request.startTime);
  if (since === undefined) return unreadable();
  if (instrument === undefined) return ok([]);
  const rows = market.fundingHistory(VENUE, instrument.id, { since, until: num(request.endTime), limit: FUNDING_HISTORY_MAX });
  const interest = market.funding(VENUE, instrument.id).interestRate;
  // Hyperliquid reports the premium beside each rate; inside the clamp band rate = premium + interest.
  return ok(rows.map((s) => ({ coin: instrument.id, fundingRate: decimalString(s.rate), premium: decimalString(s.rate - interest), time: s.time })));
}

function l2Book(market: SimMarket, request: InfoRequest): SimResponse {
  const instrument = coinOf(market, request);
  if (instrument === undefined) return ok(null);
  const book = market.orderBook(VENUE, instrument.id, BOOK_LEVELS);
  const levels = (side: Array<[number, number]>) => side.map(([px, sz]) => ({ px: decimalString(px), sz: decimalString(sz), n: 1 }));
  return ok({ coin: instrument.id, time: book.time, levels: [levels(book.bids), levels(book.asks)] });
}

function candleSnapshot(market: SimMarket, request: InfoRequest): SimResponse {
  const req = (request.req ?? {}) as Record<string, unknown>;
  const instrument = typeof req.coin === 'string' ? market.instrument(VENUE, req.coin) : undefined;
  const step = typeof req.interval === 'string' ? CANDLE_MS[req.interval] : undefined;
  const since = num(req.startTime);
  if (step === undefined || since === undefined) return unreadable();
  if (instrument === undefined) return ok([]);
  const rows = market.candles(VENUE, instrument.id, step, { since, until: num(req.endTime), limit: CANDLES_MAX });
  return ok(rows.map((c) => ({
    t: c.time, T: c.time + step - 1, s: instrument.id, i: req.interval,
    o: decimalString(c.open), c: decimalString(c.close), h: decimalString(c.high), l: decimalString(c.low),
    v: decimalString(c.volume), n: 1,
  })));
}

function allMids(market: SimMarket): SimResponse {
  const mids: Record<string, string> = {};
  for (const instrument of perps(market)) {
    const t = market.ticker(VENUE, instrument.id);
    mids[instrument.id] = decimalString((t.bid + t.ask) / 2);
  }
  return ok(mids);
}

/** A market read, or undefined when `type` names none (it may be a per-wallet read). */
export function handleMarketInfo(request: InfoRequest, market: SimMarket): SimResponse | undefined {
  const type = typeof request.type === 'string' ? request.type : '';
  switch (type) {
    case 'meta': return ok(meta(market));
    case 'metaAndAssetCtxs': return ok([meta(market), perps(market).map((i) => assetContext(market, i))]);
    case 'exchangeStatus': return ok({ time: market.now(), specialStatuses: null });
    case 'allMids': return allMids(market);
    case 'fundingHistory': return fundingHistory(market, request);
    case 'l2Book': return l2Book(market, request);
    case 'candleSnapshot': return candleSnapshot(market, request);
    default: return undefined;
  }
}
