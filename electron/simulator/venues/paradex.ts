/**
 * Paradex perpetuals as ccxt `paradex` calls them (`/v1/…`, served under the `/paradex` loopback
 * prefix): the market list, the markets summary (rate, mark, index, touch, volume, open interest:
 * every market, or one), funding data, candles, the order book and the time, in the shapes and
 * field types of ccxt's recorded Paradex answers. Every list sits in `results`; numbers are
 * decimal strings, times JSON numbers; a refusal is `{"error": CODE, "message": …}`.
 *
 * Paradex funds continuously and publishes no settlement time; the simulator's model settles
 * the rate every 8 h, and its funding data lists those settlements as the observations of the
 * rate (the venue lists one about every second). The system config ccxt derives the StarkNet
 * account from is served here; the token and the private endpoints are in paradexAuth.ts and
 * paradexPrivate.ts (docs/venues.md, "Paradex").
 */
import { LOOPBACK_PATH_PREFIX } from '../../../shared/domain/venues.ts';
import type { SimContext, SimInstrument, SimMarket, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { optionalInt } from './queryParams.ts';
import { decimalString, fixedString } from './wireDecimal.ts';
import { authenticateParadex, bearerAccount, paradexError } from './paradexAuth.ts';
import { handleParadexPrivate, isParadexPrivate } from './paradexPrivate.ts';

const VENUE = 'paradex';
const LOOPBACK = LOOPBACK_PATH_PREFIX.paradex ?? '/paradex';
const PREFIX = `${LOOPBACK}/v1`;
const MINUTE_MS = 60_000;
/** Paradex's kline resolutions, in minutes (ccxt's paradex timeframes: 1m to 1h). */
const RESOLUTIONS = new Set([1, 3, 5, 15, 30, 60]);
/** Rows the simulator returns at most per kline and funding-data request (Paradex states 5,000 for funding data). */
const KLINE_LIMIT = 1000;
const FUNDING_PAGE_LIMIT = 5000;

type Handler = (market: SimMarket, query: URLSearchParams, path: string) => SimResponse;

const ok = (body: unknown): SimResponse => ({ status: 200, body });
const results = (rows: unknown[]): SimResponse => ok({ results: rows });

const price = (instrument: SimInstrument, value: number) => fixedString(value, instrument.pricePrecision);
const size = (instrument: SimInstrument, value: number) => fixedString(value, instrument.qtyPrecision);

/** One `GET /v1/markets` row: steps and minimums as strings, the funding period the rate is quoted for. */
function marketRow(instrument: SimInstrument): Record<string, unknown> {
  return {
    symbol: instrument.id, base_currency: instrument.base, quote_currency: instrument.quote, settlement_currency: instrument.settle,
    order_size_increment: decimalString(instrument.stepSize), price_tick_size: decimalString(instrument.tickSize),
    min_notional: decimalString(instrument.minNotional), open_at: instrument.listedAt, expiry_at: 0, asset_kind: 'PERP',
    position_limit: decimalString(instrument.minQty * 1e6), price_bands_width: '0.05', max_open_orders: 100,
    max_funding_rate: decimalString(instrument.fundingCap),
    // The initial margin floor is the leverage cap's inverse (Paradex states no cap as such).
    delta1_cross_margin_params: { imf_base: decimalString(1 / instrument.maxLeverage), imf_shift: '180000', imf_factor: '0.00007', mmf_factor: '0.5' },
    price_feed_id: `SIM${instrument.id}`, oracle_ewma_factor: '0.2', max_order_size: decimalString(instrument.minQty * 1e5),
    max_funding_rate_change: '0.0002', max_tob_spread: '0.1', funding_period_hours: String(instrument.intervalHours),
  };
}

function summaryRow(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const funding = market.funding(VENUE, instrument.id);
  const t = market.ticker(VENUE, instrument.id);
  return {
    symbol: instrument.id, oracle_price: price(instrument, t.index), mark_price: price(instrument, t.mark),
    last_traded_price: price(instrument, t.last), bid: price(instrument, t.bid), ask: price(instrument, t.ask),
    volume_24h: t.volume24hQuote.toFixed(6), total_volume: (t.volume24hQuote * 200).toFixed(6), created_at: t.time,
    underlying_price: price(instrument, t.index), open_interest: size(instrument, t.openInterestBase),
    // The running rate for a whole funding period, accruing each second.
    funding_rate: decimalString(funding.rate),
    price_change_rate_24h: t.open24h === 0 ? '0' : ((t.last - t.open24h) / t.open24h).toFixed(6),
  };
}

function withInstrument(market: SimMarket, id: string | null, answer: (instrument: SimInstrument) => SimResponse): SimResponse {
  const instrument = id === null ? undefined : market.instrument(VENUE, id);
  if (instrument === undefined) return paradexError(400, 'MARKET_NOT_FOUND', `market ${id ?? '(missing)'} not found`);
  return answer(instrument);
}

/** `market=ALL` (or none) answers for every market, else for the one named. */
const summary: Handler = (market, query) => {
  const id = query.get('market');
  if (id === null || id === '' || id === 'ALL') return results(market.instruments(VENUE).map((i) => summaryRow(market, i)));
  return withInstrument(market, id, (instrument) => results([summaryRow(market, instrument)]));
};

/**
 * Funding data in [start_at, end_at], newest first, at most `page_size` rows: each the rate
 * observed then (the model's settlements), with the funding index those observations accrue.
 */
const fundingData: Handler = (market, query) => withInstrument(market, query.get('market'), (instrument) => {
  const limit = Math.min(optionalInt(query, 'page_size') ?? 100, FUNDING_PAGE_LIMIT);
  const rows = market.fundingHistory(VENUE, instrument.id, { since: optionalInt(query, 'start_at'), until: optionalInt(query, 'end_at') });
  let index = 0;
  const observed = rows.map((s) => {
    index += s.rate * s.markPrice;
    return {
      market: instrument.id, funding_index: decimalString(index), funding_premium: decimalString(s.rate * s.markPrice),
      funding_rate: decimalString(s.rate), funding_rate_8h: decimalString((s.rate * 8) / s.intervalHours),
      funding_period_hours: s.intervalHours, created_at: s.time,
    };
  });
  return ok({ next: null, prev: null, results: observed.reverse().slice(0, limit) });
});

/** `markets/klines`: `[time, open, high, low, close, volume]` rows of `resolution` minutes, oldest first. */
const klines: Handler = (market, query) => withInstrument(market, query.get('symbol'), (instrument) => {
  const resolution = Number(query.get('resolution'));
  if (!RESOLUTIONS.has(resolution)) return paradexError(400, 'INVALID_REQUEST_PARAMETER', `resolution ${query.get('resolution') ?? '(missing)'} is not supported`);
  const candles = market.candles(VENUE, instrument.id, resolution * MINUTE_MS, { since: optionalInt(query, 'start_at'), until: optionalInt(query, 'end_at'), limit: KLINE_LIMIT });
  return results(candles.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume]));
});

const orderBook: Handler = (market, query, path) => withInstrument(market, path.slice(`${PREFIX}/orderbook/`.length), (instrument) => {
  const book = market.orderBook(VENUE, instrument.id, Math.min(optionalInt(query, 'depth') ?? 20, 100));
  const levels = (side: Array<[number, number]>) => side.map(([p, q]) => [price(instrument, p), size(instrument, q)]);
  return ok({ market: instrument.id, seq_no: book.time, last_updated_at: book.time, asks: levels(book.asks), bids: levels(book.bids) });
});

/**
 * `GET /v1/system/config`: what ccxt derives the StarkNet account and signs with (the chain ids,
 * the account contract's class and proxy hashes), the values of ccxt's recorded testnet config.
 */
const SYSTEM_CONFIG = {
  starknet_gateway_url: 'https://potc-testnet-sepolia.starknet.io', starknet_fullnode_rpc_url: 'https://pathfinder.api.testnet.paradex.trade/rpc/v0_7',
  starknet_chain_id: 'PRIVATE_SN_POTC_SEPOLIA', block_explorer_url: 'https://voyager.testnet.paradex.trade/',
  paraclear_address: '0x286003f7c7bfc3f94e8f0af48b48302e7aee2fb13c23b141479ba00832ef2c6', paraclear_decimals: 8,
  paraclear_account_proxy_hash: '0x3530cc4759d78042f1b543bf797f5f3d647cde0388c33734cf91b7f7b9314a9',
  paraclear_account_hash: '0x41cb0280ebadaa75f996d8d92c6f265f6d040bb3ba442e5f86a554f1765244e',
  oracle_address: '0x2c6a867917ef858d6b193a0ff9e62b46d0dc760366920d631715d58baeaca1f',
  bridged_tokens: [{
    name: 'TEST USDC', symbol: 'USDC', decimals: 6, l1_token_address: '0x29A873159D5e14AcBd63913D4A7E2df04570c666', l1_bridge_address: '0x8586e05adc0C35aa11609023d4Ae6075Cb813b4C',
    l2_token_address: '0x6f373b346561036d98ea10fb3e60d2f459c872b1933b50b21fe6ef4fda3b75e', l2_bridge_address: '0x46e9237f5408b5f899e72125dd69bd55485a287aaf24663d3ebe00d237fc7ef',
  }],
  l1_core_contract_address: '0x582CC5d9b509391232cd544cDF9da036e55833Af', l1_operator_address: '0x11bACdFbBcd3Febe5e8CEAa75E0Ef6444d9B45FB',
  l1_chain_id: '11155111', liquidation_fee: '0.2',
};

const PUBLIC: Record<string, Handler> = {
  [`${PREFIX}/system/time`]: (market) => ok({ server_time: String(market.now()) }),
  [`${PREFIX}/system/config`]: () => ok(SYSTEM_CONFIG),
  [`${PREFIX}/markets`]: (market) => results(market.instruments(VENUE).map(marketRow)),
  [`${PREFIX}/markets/summary`]: summary,
  [`${PREFIX}/funding/data`]: fundingData,
  [`${PREFIX}/markets/klines`]: klines,
};

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  const path = request.path.slice(LOOPBACK.length);
  // The wall clock: signatures and tokens are timed in real seconds whatever speed the market runs at.
  if (request.method === 'POST' && path === '/v1/auth') return authenticateParadex(request, context, Date.now());
  if (isParadexPrivate(request.method, path)) {
    const bearer = bearerAccount(request, Date.now());
    return 'refused' in bearer ? bearer.refused : handleParadexPrivate(request, path, context, bearer.account, Date.now());
  }
  if (request.method !== 'GET') return undefined;
  const handler = PUBLIC[request.path] ?? (request.path.startsWith(`${PREFIX}/orderbook/`) ? orderBook : undefined);
  return handler?.(context.market, request.query, request.path);
}

/**
 * Paradex's bodies for injected HTTP errors. Its 429 body was found neither documented nor
 * recorded: the simulator sends a message without an `error` code, which ccxt maps by the status
 * (DDoSProtection). A 5xx carries Paradex's `SERVICE_UNAVAILABLE` or `INTERNAL_ERROR`, codes of
 * ccxt's paradex table.
 */
function errorBody(status: number): unknown {
  if (status === 429) return { message: 'rate limit exceeded' };
  if (status === 503) return { error: 'SERVICE_UNAVAILABLE', message: 'service unavailable' };
  if (status >= 500) return { error: 'INTERNAL_ERROR', message: 'internal error' };
  return { error: 'NOT_FOUND', message: `HTTP ${status}` };
}

export const paradexWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: [`${PREFIX}/`],
  handle,
  errorBody,
};
