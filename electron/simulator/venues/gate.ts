/**
 * Gate futures (APIv4, USDT settle) wire format: the public endpoints ccxt's `gate` calls for
 * markets, funding (current, indicative, interval, history), order book, candles and time.
 * Gate answers bare JSON (no envelope), sizes in contracts (`quanto_multiplier` base units
 * each), times in seconds, and errors as `{"label": …, "message": …}`. Signed account and order
 * endpoints are in gatePrivate.ts, the spot pairs' in gateSpot.ts.
 */
import type { SimContext, SimInstrument, SimMarket, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { decimalString } from './wireDecimal.ts';
import { optionalInt } from './queryParams.ts';
import { marginTiers, TIER_COUNT, tierStep } from '../marginTiers.ts';
import { authenticateGate } from './gateAuth.ts';
import { handleGatePrivate, isGatePrivate } from './gatePrivate.ts';
import { gateSpotPublic, handleGateSpotPrivate, isGateSpotPrivate } from './gateSpot.ts';
import { handleGateUnified, isGateUnified } from './gateUnified.ts';

const VENUE = 'gate';
const BASE = '/api/v4';
/** Listings ccxt loads beside the spot pairs and perps: no margin pairs (the simulator lends nothing), currencies, options. */
const EMPTY_LISTS = new Set([
  `${BASE}/margin/currency_pairs`,
  `${BASE}/spot/currencies`,
  `${BASE}/options/underlyings`,
]);
const INTERVAL_SECONDS: Record<string, number> = {
  '10s': 10, '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '2h': 7200, '4h': 14_400,
  '8h': 28_800, '1d': 86_400, '7d': 604_800,
};

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

function gateError(status: number, label: string, message: string): SimResponse {
  return { status, body: { label, message } };
}


function contracts(instrument: SimInstrument, baseQuantity: number): number {
  return Math.round(baseQuantity / instrument.contractSize);
}

function contractBody(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  const ticker = market.ticker(VENUE, instrument.id);
  const tick = decimalString(instrument.tickSize);
  return {
    name: instrument.id,
    type: 'direct',
    quanto_multiplier: decimalString(instrument.contractSize),
    ref_discount_rate: '0',
    order_price_deviate: '0.5',
    maintenance_rate: decimalString(instrument.maintenanceMarginRate),
    // Gate's tiers are linear: each adds risk_limit_step of limit and one maintenance_rate.
    risk_limit_base: String(tierStep(instrument)),
    risk_limit_step: String(tierStep(instrument)),
    risk_limit_max: String(tierStep(instrument) * TIER_COUNT),
    mark_type: 'index',
    last_price: decimalString(ticker.last),
    mark_price: decimalString(ticker.mark),
    index_price: decimalString(ticker.index),
    // Gate: "current funding rate", the one applied at funding_next_apply; the indicative
    // field is deprecated ("use funding_rate") and carries the same figure.
    funding_rate: decimalString(funding.rate),
    funding_rate_indicative: decimalString(funding.rate),
    funding_interval: funding.intervalHours * 3600,
    funding_next_apply: Math.floor(funding.nextFundingTime / 1000),
    funding_offset: 0,
    funding_cap_ratio: decimalString(instrument.fundingCap),
    interest_rate: decimalString(funding.interestRate),
    mark_price_round: tick,
    order_price_round: tick,
    order_size_min: Math.max(1, Math.round(instrument.minQty)),
    order_size_max: 1_000_000,
    leverage_min: '1',
    leverage_max: String(instrument.maxLeverage),
    maker_fee_rate: '-0.0001',
    taker_fee_rate: '0.00075',
    position_size: contracts(instrument, ticker.openInterestBase),
    trade_size: contracts(instrument, ticker.volume24hBase),
    in_delisting: false,
    ref_rebate_rate: '0.2',
    funding_impact_value: '60000',
    orders_limit: 50,
    trade_id: Math.floor(ticker.time / 1000),
    orderbook_id: Math.floor(ticker.time / 1000),
    long_users: 0,
    short_users: 0,
    config_change_time: Math.floor(instrument.listedAt / 1000),
    status: 'trading',
    create_time: Math.floor(instrument.listedAt / 1000),
    launch_time: Math.floor(instrument.listedAt / 1000),
  };
}

/** A contract ticker row, as `/futures/{settle}/tickers` lists it; the `futures.tickers` stream pushes most of its fields. */
export function tickerBody(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  const ticker = market.ticker(VENUE, instrument.id);
  const change = ticker.open24h === 0 ? 0 : ((ticker.last - ticker.open24h) / ticker.open24h) * 100;
  return {
    contract: instrument.id,
    last: decimalString(ticker.last),
    change_percentage: change.toFixed(2),
    total_size: String(contracts(instrument, ticker.openInterestBase)),
    low_24h: decimalString(ticker.low24h),
    high_24h: decimalString(ticker.high24h),
    volume_24h: String(contracts(instrument, ticker.volume24hBase)),
    volume_24h_base: decimalString(ticker.volume24hBase),
    volume_24h_quote: decimalString(ticker.volume24hQuote),
    volume_24h_settle: decimalString(ticker.volume24hQuote),
    mark_price: decimalString(ticker.mark),
    funding_rate: decimalString(funding.rate),
    funding_rate_indicative: decimalString(funding.rate),
    index_price: decimalString(ticker.index),
    highest_bid: decimalString(ticker.bid),
    lowest_ask: decimalString(ticker.ask),
  };
}

/** GET /futures/{settle}/risk_limit_tiers?contract=: the contract's margin tiers, `risk_limit` the band's cap. */
function riskLimitTiers(instrument: SimInstrument): SimResponse {
  return ok(marginTiers(instrument).map((tier) => ({
    tier: tier.tier,
    risk_limit: String(tier.cap),
    initial_rate: decimalString(1 / tier.maxLeverage),
    maintenance_rate: decimalString(tier.maintenanceMarginRate),
    leverage_max: String(tier.maxLeverage),
  })));
}

function fundingHistory(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): SimResponse {
  const from = optionalInt(query, 'from');
  const to = optionalInt(query, 'to');
  const limit = Math.min(optionalInt(query, 'limit') ?? 100, 1000);
  const settlements = market.fundingHistory(VENUE, instrument.id, {
    since: from === undefined ? undefined : from * 1000,
    until: to === undefined ? undefined : to * 1000,
    limit,
  });
  // Gate lists the newest settlement first.
  const rows = settlements.map((s) => ({ t: Math.floor(s.time / 1000), r: decimalString(s.rate) }));
  return ok(rows.reverse());
}

function orderBook(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): SimResponse {
  const depth = Math.min(optionalInt(query, 'limit') ?? 10, 300);
  const book = market.orderBook(VENUE, instrument.id, depth);
  const side = (levels: Array<[number, number]>) => levels.map(([p, s]) => ({ p: decimalString(p), s: Math.round(s) }));
  return ok({
    id: Math.floor(book.time),
    current: book.time / 1000,
    update: book.time / 1000,
    asks: side(book.asks),
    bids: side(book.bids),
  });
}

function candles(market: SimMarket, instrument: SimInstrument, query: URLSearchParams): SimResponse {
  const interval = query.get('interval') ?? '5m';
  const seconds = INTERVAL_SECONDS[interval];
  if (seconds === undefined) return gateError(400, 'INVALID_PARAM_VALUE', `invalid argument: interval ${interval}`);
  const from = optionalInt(query, 'from');
  const to = optionalInt(query, 'to');
  const limit = Math.min(optionalInt(query, 'limit') ?? 100, 2000);
  const rows = market.candles(VENUE, instrument.id, seconds * 1000, {
    since: from === undefined ? undefined : from * 1000,
    until: to === undefined ? undefined : to * 1000,
    limit: from === undefined ? limit : undefined,
  });
  return ok(rows.map((c) => ({
    t: Math.floor(c.time / 1000),
    v: contracts(instrument, c.volume),
    c: decimalString(c.close),
    h: decimalString(c.high),
    l: decimalString(c.low),
    o: decimalString(c.open),
    sum: decimalString(c.volume * c.close),
  })));
}

/** Routes `/api/v4/futures/{settle}/…`; the contract comes from the path or `?contract=`. */
function futures(request: SimRequest, market: SimMarket, settle: string, rest: string): SimResponse | undefined {
  const listed = market.instruments(VENUE).filter((i) => i.settle.toLowerCase() === settle);
  if (rest === 'contracts') return ok(listed.map((i) => contractBody(market, i)));
  if (rest === 'tickers') {
    const only = request.query.get('contract');
    return ok(listed.filter((i) => only === null || i.id === only).map((i) => tickerBody(market, i)));
  }
  const named = rest.startsWith('contracts/') ? rest.slice('contracts/'.length) : request.query.get('contract');
  const routes: Record<string, (i: SimInstrument) => SimResponse> = {
    funding_rate: (i) => fundingHistory(market, i, request.query),
    order_book: (i) => orderBook(market, i, request.query),
    candlesticks: (i) => candles(market, i, request.query),
    risk_limit_tiers: riskLimitTiers,
  };
  const route = rest.startsWith('contracts/') ? (i: SimInstrument) => ok(contractBody(market, i)) : routes[rest];
  if (route === undefined) return undefined;
  const instrument = listed.find((i) => i.id === named);
  if (instrument === undefined) return gateError(400, 'CONTRACT_NOT_FOUND', `contract ${named ?? '(missing)'} not found`);
  return route(instrument);
}

/** The signed endpoints' handler for `request`, if it is one: spot orders and wallet, the unified account, the futures account. */
function privateHandler(request: SimRequest): ((request: SimRequest, context: SimContext, apiKey: string) => SimResponse) | undefined {
  if (isGateSpotPrivate(request)) return handleGateSpotPrivate;
  if (isGateUnified(request)) return handleGateUnified;
  return isGatePrivate(request) ? handleGatePrivate : undefined;
}

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  const signed = privateHandler(request);
  if (signed !== undefined) {
    const auth = authenticateGate(request, context, Date.now());
    if ('refused' in auth) return auth.refused;
    return signed(request, context, auth.apiKey);
  }
  const spotAnswer = gateSpotPublic(request, context);
  if (spotAnswer !== undefined) return spotAnswer;
  if (request.method !== 'GET') return undefined;
  const { path } = request;
  if (path === `${BASE}/spot/time`) return ok({ server_time: context.market.now() });
  if (EMPTY_LISTS.has(path)) return ok([]);
  const delivery = /^\/api\/v4\/delivery\/[a-z]+\/contracts$/.test(path);
  if (delivery) return ok([]);
  const match = /^\/api\/v4\/futures\/([a-z]+)\/(.+)$/.exec(path);
  if (match === null) return undefined;
  return futures(request, context.market, match[1], match[2]);
}

/** Gate's bodies for injected HTTP errors; ccxt maps the labels (TOO_MANY_REQUESTS, SERVER_ERROR). */
function errorBody(status: number): unknown {
  if (status === 429 || status === 418) return { label: 'TOO_MANY_REQUESTS', message: 'Request Rate limit Exceeded' };
  if (status === 503) return { label: 'TOO_BUSY', message: 'System busy, please try again later' };
  if (status >= 500) return { label: 'SERVER_ERROR', message: 'Internal server error' };
  if (status === 404) return { label: 'NOT_FOUND', message: 'Not found' };
  return { label: 'INVALID_PARAM_VALUE', message: `HTTP ${status}` };
}

export const gateWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: [`${BASE}/`],
  handle,
  errorBody,
};
