/**
 * Hyperliquid `POST /info`: one path, the request named by `type`. Public reads (metadata with
 * asset contexts, hourly funding history, L2 book, candles) and the per-user reads, which on
 * Hyperliquid are unauthenticated lookups by wallet address (account state, open orders,
 * order status, fills, funding payments). Perps settle in USDC; an asset's index in the
 * universe is its id in signed actions.
 */
import type { SimAccounts, SimContext, SimInstrument, SimMarket, SimOrder, SimResponse } from '../types.ts';
import { decimalString } from './wireDecimal.ts';
import { checksumAddress } from './hyperliquidSignature.ts';

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
const USDC_TOKEN = { name: 'USDC', szDecimals: 8, weiDecimals: 8, index: 0, tokenId: '0x6d1e7cde53ba9467b783cb7c530ce054', isCanonical: true, evmContract: null, fullName: null };

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

function universeEntry(instrument: SimInstrument): Record<string, unknown> {
  return { name: instrument.id, szDecimals: instrument.qtyPrecision, maxLeverage: instrument.maxLeverage, marginTableId: instrument.maxLeverage };
}

function assetContext(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
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
  return { universe: perps(market).map(universeEntry), marginTables: [] };
}

function coinOf(market: SimMarket, request: InfoRequest): SimInstrument | undefined {
  return typeof request.coin === 'string' ? market.instrument(VENUE, request.coin) : undefined;
}

function num(value: unknown): number | undefined {
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

/** The account key of a wallet: as registered, whatever case the caller wrote it in. */
export function accountKey(context: SimContext, address: unknown): string | undefined {
  if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) return undefined;
  const candidates = [address, address.toLowerCase(), checksumAddress(address)];
  return candidates.map((a) => context.credentials.find(VENUE, a)).find((c) => c !== undefined)?.apiKey;
}

/** Hyperliquid order ids are integers; the simulator's are kept as given when they are not. */
export function wireOid(orderId: string): number | string {
  return /^\d+$/.test(orderId) && Number.isSafeInteger(Number(orderId)) ? Number(orderId) : orderId;
}

/** A Hyperliquid cloid is a 128-bit hex string; the simulator's own default client ids are not shown. */
export function wireCloid(clientOrderId: string): string | null {
  return /^0x[0-9a-fA-F]{32}$/.test(clientOrderId) ? clientOrderId : null;
}

export function frontendOrder(order: SimOrder): Record<string, unknown> {
  return {
    coin: order.instrumentId,
    side: order.side === 'buy' ? 'B' : 'A',
    limitPx: decimalString(order.price ?? order.averagePrice ?? 0),
    sz: decimalString(order.quantity - order.filled),
    oid: wireOid(order.orderId),
    timestamp: order.createdAt,
    origSz: decimalString(order.quantity),
    cloid: wireCloid(order.clientOrderId),
    reduceOnly: order.reduceOnly,
    orderType: order.type === 'market' ? 'Market' : 'Limit',
    tif: order.type === 'market' ? 'Ioc' : 'Gtc',
    isTrigger: false,
    triggerPx: '0.0',
    triggerCondition: 'N/A',
    isPositionTpsl: false,
    children: [],
  };
}

const ORDER_STATUS: Record<SimOrder['status'], string> = {
  new: 'open',
  'partially-filled': 'open',
  filled: 'filled',
  cancelled: 'canceled',
  rejected: 'rejected',
};

function clearinghouseState(accounts: SimAccounts, key: string | undefined, now: number): SimResponse {
  const usdc = key === undefined ? undefined : accounts.balances(VENUE, key).find((b) => b.currency === 'USDC');
  const positions = key === undefined ? [] : accounts.positions(VENUE, key).filter((p) => p.size !== 0);
  const notional = positions.reduce((sum, p) => sum + Math.abs(p.size) * p.markPrice, 0);
  const summary = {
    accountValue: decimalString(usdc?.total ?? 0),
    totalNtlPos: decimalString(notional),
    totalRawUsd: decimalString(usdc?.total ?? 0),
    totalMarginUsed: decimalString(usdc?.used ?? 0),
  };
  return ok({
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: decimalString(positions.reduce((sum, p) => sum + p.margin, 0)),
    withdrawable: decimalString(usdc?.free ?? 0),
    assetPositions: positions.map((p) => ({
      type: 'oneWay',
      position: {
        coin: p.instrumentId,
        szi: decimalString(p.size),
        leverage: { type: p.marginMode, value: p.leverage },
        entryPx: decimalString(p.entryPrice),
        positionValue: decimalString(Math.abs(p.size) * p.markPrice),
        unrealizedPnl: decimalString(p.unrealisedPnl),
        returnOnEquity: decimalString(p.margin === 0 ? 0 : p.unrealisedPnl / p.margin),
        liquidationPx: p.liquidationPrice === null ? null : decimalString(p.liquidationPrice),
        marginUsed: decimalString(p.margin),
      },
    })),
    time: now,
  });
}

function orderStatus(accounts: SimAccounts, key: string | undefined, oid: unknown, now: number): SimResponse {
  const ref = typeof oid === 'string' && oid.startsWith('0x') ? { clientOrderId: oid } : { orderId: String(oid) };
  const order = key === undefined ? undefined : accounts.order(VENUE, key, ref);
  if (order === undefined) return ok({ status: 'unknownOid' });
  return ok({ status: 'order', order: orderRecord(order, now) });
}

/** An order with its status, as `orderStatus` and `historicalOrders` list it. */
function orderRecord(order: SimOrder, now: number): Record<string, unknown> {
  return { order: frontendOrder(order), status: ORDER_STATUS[order.status], statusTimestamp: order.updatedAt || now };
}

function historicalOrders(accounts: SimAccounts, key: string | undefined, now: number): SimResponse {
  const orders = key === undefined ? [] : accounts.orders(VENUE, key);
  // Newest first, as the venue lists them.
  return ok(orders.sort((a, b) => b.updatedAt - a.updatedAt).map((o) => orderRecord(o, now)));
}

function userFills(accounts: SimAccounts, key: string | undefined, request: InfoRequest): SimResponse {
  if (key === undefined) return ok([]);
  const since = num(request.startTime);
  const until = num(request.endTime);
  const trades = accounts.trades(VENUE, key, { since }).filter((t) => until === undefined || t.time <= until);
  // Hyperliquid lists the newest fill first.
  return ok(trades.reverse().map((t) => ({
    coin: t.instrumentId, px: decimalString(t.price), sz: decimalString(t.quantity), side: t.side === 'buy' ? 'B' : 'A',
    time: t.time, startPosition: '0.0', dir: t.side === 'buy' ? 'Open Long' : 'Open Short', closedPnl: '0.0',
    hash: `0x${t.tradeId.padStart(64, '0').slice(-64)}`, oid: wireOid(t.orderId), crossed: !t.maker,
    fee: decimalString(t.fee), tid: wireOid(t.tradeId), feeToken: t.feeCurrency,
  })));
}

function userFunding(accounts: SimAccounts, key: string | undefined, request: InfoRequest): SimResponse {
  if (key === undefined) return ok([]);
  const since = num(request.startTime);
  const until = num(request.endTime);
  const payments = accounts.income(VENUE, key, { since }).filter((i) => until === undefined || i.time <= until);
  return ok(payments.map((i) => ({
    time: i.time,
    hash: `0x${i.id.padStart(64, '0').slice(-64)}`,
    delta: {
      type: 'funding', coin: i.instrumentId, usdc: decimalString(i.amount), szi: decimalString(i.positionSize),
      fundingRate: decimalString(i.rate), nSamples: null,
    },
  })));
}

/** Per-user reads: Hyperliquid answers them for any address, empty for one it does not know. */
const USER_READS = new Set([
  'clearinghouseState', 'spotClearinghouseState', 'userAbstraction', 'openOrders', 'frontendOpenOrders',
  'orderStatus', 'historicalOrders', 'userFills', 'userFillsByTime', 'userFunding',
]);

function userRead(type: string, request: InfoRequest, context: SimContext): SimResponse | undefined {
  const { accounts, market } = context;
  const key = accountKey(context, request.user);
  if (typeof request.user !== 'string') return USER_READS.has(type) ? unreadable() : undefined;
  switch (type) {
    case 'clearinghouseState': return clearinghouseState(accounts, key, market.now());
    case 'spotClearinghouseState': return ok({ balances: [] });
    // A JSON string on the wire ("default"); a bare string body would be sent as plain text.
    case 'userAbstraction': return ok(JSON.stringify('default'));
    case 'openOrders':
    case 'frontendOpenOrders': {
      const open = key === undefined ? [] : accounts.openOrders(VENUE, key);
      return ok(open.map((o) => (type === 'openOrders' ? pickOpenOrder(frontendOrder(o)) : frontendOrder(o))));
    }
    case 'orderStatus': return orderStatus(accounts, key, request.oid, market.now());
    case 'historicalOrders': return historicalOrders(accounts, key, market.now());
    case 'userFills':
    case 'userFillsByTime': return userFills(accounts, key, request);
    case 'userFunding': return userFunding(accounts, key, request);
    default: return undefined;
  }
}

/** `openOrders` answers a shorter record than `frontendOpenOrders`. */
function pickOpenOrder(order: Record<string, unknown>): Record<string, unknown> {
  const { coin, limitPx, oid, side, sz, timestamp, origSz, cloid } = order;
  return { coin, limitPx, oid, side, sz, timestamp, origSz, cloid };
}

export function handleInfo(request: InfoRequest, context: SimContext): SimResponse {
  const { market } = context;
  const type = typeof request.type === 'string' ? request.type : '';
  switch (type) {
    case 'meta': return ok(meta(market));
    case 'metaAndAssetCtxs': return ok([meta(market), perps(market).map((i) => assetContext(market, i))]);
    case 'spotMeta': return ok({ tokens: [USDC_TOKEN], universe: [] });
    case 'spotMetaAndAssetCtxs': return ok([{ tokens: [USDC_TOKEN], universe: [] }, []]);
    case 'perpDexs': return ok([null]);
    case 'exchangeStatus': return ok({ time: market.now(), specialStatuses: null });
    case 'allMids': return allMids(market);
    case 'fundingHistory': return fundingHistory(market, request);
    case 'l2Book': return l2Book(market, request);
    case 'candleSnapshot': return candleSnapshot(market, request);
    default: return userRead(type, request, context) ?? unreadable();
  }
}
