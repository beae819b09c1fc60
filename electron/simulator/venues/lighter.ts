/**
 * Lighter's public REST API as ccxt `lighter` 4.5.84 calls it (`/api/v1/…`): the market details
 * (`orderBookDetails`, ccxt's markets and tickers), the funding rates of every market
 * (`funding-rates`, beside the rates Lighter lists for other exchanges), candles (`candles`), the
 * settled funding (`fundings`, which the terminal reads past ccxt) and the status at the root, in the field types of ccxt's recorded Lighter answers. Markets are
 * named by index (`market_id`), the coin is the row's `symbol`. Lighter states `rate` per 8 hours
 * and settles an eighth of it every hour (docs/venues.md, "Lighter"). Its paths would meet
 * KuCoin's on the one loopback server, so they are served under `/lighter`.
 */
import { LOOPBACK_PATH_PREFIX } from '../../../shared/domain/venues.ts';
import type { SimContext, SimInstrument, SimMarket, SimRequest, SimResponse, VenueId, VenueWire } from '../types.ts';
import { TIMEFRAMES } from './binanceShaped.ts';
import { optionalInt } from './queryParams.ts';
import { decimalString, fixedString } from './wireDecimal.ts';

const VENUE = 'lighter';
const PREFIX = LOOPBACK_PATH_PREFIX.lighter ?? '/lighter';
const API = '/api/v1';
/** Lighter's `rate` is per 8 hours; an eighth of it is paid at each hourly settlement. */
const RATE_HOURS = 8;
/** Candles the simulator answers at most per request (ccxt states no page size for Lighter). */
const CANDLE_LIMIT = 500;
/** The other exchanges whose rates Lighter's `funding-rates` lists, by the names it gives them. */
const OTHER_EXCHANGES: ReadonlyArray<[string, VenueId]> = [['binance', 'binanceusdm'], ['bybit', 'bybit'], ['hyperliquid', 'hyperliquid']];
/** Lighter's "no account" index, which its market rows name as the insurance fund of most markets. */
const NO_ACCOUNT = 281474976710655;
/** Margin fractions are stated in hundredths of a percent. */
const FRACTION_UNITS = 10_000;

/**
 * Settlements the simulator answers at most per `fundings` request (Lighter caps its answer at
 * about 750, third-party readers say; which end it keeps is not stated, the simulator keeps the
 * newest, as a `count_back` from the end would).
 */
const FUNDINGS_LIMIT = 750;

type Handler = (market: SimMarket, query: URLSearchParams) => SimResponse;

const ok = (body: Record<string, unknown>): SimResponse => ({ status: 200, body: { code: 200, ...body } });
/** A refused request in Lighter's `{code, message}` shape (a code outside ccxt's table: a bare ExchangeError). */
const refused = (message: string): SimResponse => ({ status: 400, body: { code: 20001, message } });

/** One `order_book_details` row: decimals as numbers, minimums as fixed strings, the day's figures as numbers. */
function detailsRow(market: SimMarket, instrument: SimInstrument): Record<string, unknown> {
  const t = market.ticker(VENUE, instrument.id);
  const initial = Math.round(FRACTION_UNITS / instrument.maxLeverage);
  const maintenance = Math.round(instrument.maintenanceMarginRate * FRACTION_UNITS);
  return {
    symbol: instrument.base, market_id: Number(instrument.id), market_type: 'perp', base_asset_id: 0, quote_asset_id: 0, status: 'active',
    taker_fee: '0.0000', maker_fee: '0.0000', liquidation_fee: '1.0000',
    min_base_amount: fixedString(instrument.minQty, instrument.qtyPrecision), min_quote_amount: fixedString(instrument.minNotional, 6), order_quote_limit: '',
    supported_size_decimals: instrument.qtyPrecision, supported_price_decimals: instrument.pricePrecision, supported_quote_decimals: 6,
    size_decimals: instrument.qtyPrecision, price_decimals: instrument.pricePrecision, quote_multiplier: 1,
    default_initial_margin_fraction: initial, min_initial_margin_fraction: initial,
    maintenance_margin_fraction: maintenance, closeout_margin_fraction: Math.round(maintenance * 2 / 3),
    last_trade_price: Number(fixedString(t.last, instrument.pricePrecision)),
    daily_trades_count: Math.round(t.volume24hQuote / 2_000),
    daily_base_token_volume: Number(fixedString(t.volume24hBase, instrument.qtyPrecision)),
    daily_quote_token_volume: Number(t.volume24hQuote.toFixed(6)),
    daily_price_low: Number(fixedString(t.low24h, instrument.pricePrecision)),
    daily_price_high: Number(fixedString(t.high24h, instrument.pricePrecision)),
    daily_price_change: t.open24h === 0 ? 0 : ((t.last - t.open24h) / t.open24h) * 100,
    open_interest: Number(fixedString(t.openInterestBase, instrument.qtyPrecision)),
    daily_chart: {},
    market_config: {
      market_margin_mode: 0, insurance_fund_account_index: NO_ACCOUNT, liquidation_mode: 0, force_reduce_only: false, trading_hours: '',
      funding_fee_discounts_enabled: true, hidden: false,
    },
    strategy_index: 0,
  };
}

/** Every market's row, or one market's when `market_id` names it (ccxt's fetchTicker). */
function orderBookDetails(market: SimMarket, query: URLSearchParams): SimResponse {
  const id = query.get('market_id');
  if (id === null || id === '') return ok({ order_book_details: market.instruments(VENUE).map((i) => detailsRow(market, i)) });
  const instrument = market.instrument(VENUE, id);
  return instrument === undefined ? refused(`invalid market index ${id}`) : ok({ order_book_details: [detailsRow(market, instrument)] });
}

/** A rate per interval as Lighter states it: per 8 hours. */
const per8h = (rate: number, intervalHours: number) => decimalString((rate * RATE_HOURS) / intervalHours);

/** Lighter's own rows, then the rows it lists for the other exchanges that trade the same coin (ccxt keeps Lighter's). */
function fundingRates(market: SimMarket): SimResponse {
  const instruments = market.instruments(VENUE);
  const own = instruments.map((instrument) => {
    const funding = market.funding(VENUE, instrument.id);
    return { market_id: Number(instrument.id), exchange: 'lighter', symbol: instrument.base, rate: Number(per8h(funding.rate, funding.intervalHours)) };
  });
  const others = OTHER_EXCHANGES.flatMap(([name, venue]) => {
    const byBase = new Map(market.instruments(venue).map((other) => [other.base, other]));
    return instruments.flatMap((instrument) => {
      const other = byBase.get(instrument.base);
      if (other === undefined) return [];
      const funding = market.funding(venue, other.id);
      return [{ market_id: Number(instrument.id), exchange: name, symbol: instrument.base, rate: Number(per8h(funding.rate, funding.intervalHours)) }];
    });
  });
  return ok({ funding_rates: [...own, ...others] });
}

/** `candles`: `{t, o, h, l, c, v, V, i}` rows from `start_timestamp` (ms) to `end_timestamp`, oldest first. */
function candles(market: SimMarket, query: URLSearchParams): SimResponse {
  const instrument = market.instrument(VENUE, query.get('market_id') ?? '');
  if (instrument === undefined) return refused(`invalid market index ${query.get('market_id') ?? '(missing)'}`);
  const resolution = query.get('resolution') ?? '';
  const timeframe = TIMEFRAMES[resolution];
  if (timeframe === undefined) return refused(`invalid resolution ${resolution}`);
  const rows = market.candles(VENUE, instrument.id, timeframe, { since: optionalInt(query, 'start_timestamp'), until: optionalInt(query, 'end_timestamp'), limit: CANDLE_LIMIT });
  const px = (value: number) => Number(fixedString(value, instrument.pricePrecision));
  return ok({
    r: resolution,
    c: rows.map((c, i) => ({
      t: c.time, o: px(c.open), h: px(c.high), l: px(c.low), c: px(c.close),
      v: Number(fixedString(c.volume, instrument.qtyPrecision)), V: Number((c.volume * c.close).toFixed(6)), i: c.time / 1_000 + i,
    })),
  });
}

/**
 * `fundings`: the hourly settlements from `start_timestamp` to `end_timestamp` (seconds, both
 * ends included), oldest first, the newest `count_back` of them; each row's `rate` unsigned in
 * percent of the notional for the hour, `direction` the side that paid, `value` what one coin
 * of position paid in USDC (rate × the settlement's mark).
 */
function fundings(market: SimMarket, query: URLSearchParams): SimResponse {
  const instrument = market.instrument(VENUE, query.get('market_id') ?? '');
  if (instrument === undefined) return refused(`invalid market index ${query.get('market_id') ?? '(missing)'}`);
  const resolution = query.get('resolution') ?? '';
  // Lighter also serves `1d`; the terminal asks for hours only, and the simulator serves those.
  if (resolution !== '1h') return refused(`invalid resolution ${resolution}`);
  const seconds = (name: string) => {
    const value = optionalInt(query, name);
    return value === undefined ? undefined : value * 1_000;
  };
  const rows = market.fundingHistory(VENUE, instrument.id, { since: seconds('start_timestamp'), until: seconds('end_timestamp') });
  const limit = Math.min(optionalInt(query, 'count_back') || FUNDINGS_LIMIT, FUNDINGS_LIMIT);
  return ok({
    resolution,
    fundings: rows.slice(-limit).map((s) => ({
      timestamp: s.time / 1_000,
      value: fixedString(Math.abs(s.rate) * s.markPrice, 8),
      rate: decimalString(Math.abs(s.rate) * 100),
      direction: s.rate < 0 ? 'short' : 'long',
    })),
  });
}

const PUBLIC: Record<string, Handler> = {
  [`${API}/orderBookDetails`]: orderBookDetails,
  [`${API}/funding-rates`]: fundingRates,
  [`${API}/candles`]: candles,
  [`${API}/fundings`]: fundings,
  // The status (ccxt's fetchStatus and fetchTime): Lighter answers at the root, the time in seconds.
  '': (market) => ({ status: 200, body: { status: 200, network_id: 1, timestamp: Math.floor(market.now() / 1_000) } }),
};

function handle(request: SimRequest, context: SimContext): SimResponse | undefined {
  if (request.method !== 'GET') return undefined;
  const path = request.path.slice(PREFIX.length).replace(/\/$/, '');
  return PUBLIC[path]?.(context.market, request.query);
}

/**
 * Lighter's bodies for injected HTTP errors: a 429 carries its documented code 23000 ("Too Many
 * Requests!", RateLimitExceeded in ccxt's table); other statuses a bare message, which leaves
 * ccxt to judge by the HTTP status.
 */
function errorBody(status: number): unknown {
  if (status === 429) return { code: 23000, message: 'Too Many Requests!' };
  return { message: `HTTP ${status}` };
}

export const lighterWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: [PREFIX],
  handle,
  errorBody,
};
