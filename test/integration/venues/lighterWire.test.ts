/**
 * Lighter: every public read the terminal makes, the simulator's raw answer against the real
 * Lighter answers ccxt recorded (or, for candles, Lighter's documented answer as ccxt 4.5.84
 * quotes it); the market definitions against ccxt's recorded markets; what the adapter makes of
 * the funding rates (hourly, an eighth of the stated 8-h rate, Lighter's rows only) and of the
 * settled funding (`fundings`: percent per hour, signed by the side that paid); and why the
 * terminal cannot trade there (ccxt signs Lighter orders with a signer library it does not ship).
 */
import type { MarketInterface } from 'ccxt';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { LIGHTER_RATE_HOURS, createLighterAdapter, lighterSettledRate, lighterSpec } from '../../../electron/backend/markets/lighter.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { recorded, recordedMarkets } from './recordedFixtures.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, withAllowed, type WireCase } from './wireCases.ts';
import { closeAfterAll, startWireSimulator } from './wireHarness.ts';

const ETH = 'ETH/USDC:USDC';
const DETAILS = '/lighter/api/v1/orderBookDetails';
const RATES = '/lighter/api/v1/funding-rates';
const FUNDINGS = '/lighter/api/v1/fundings';
const DAY_MS = 86_400_000;
let sim: Simulator;
let client: WireClient;
let adapter: VenueAdapter;
const saved = new Map<string, unknown>();
type Details = { code: number; order_book_details: Array<Record<string, unknown>> };
type Fundings = { code: number; resolution: string; fundings: Array<{ timestamp: number; value: string; rate: string; direction: string }> };
type Rates = { code: number; funding_rates: Array<{ market_id: number; exchange: string; symbol: string; rate: number }> };
const ethRow = (answer: unknown) => ({ ...(answer as Details), order_book_details: (answer as Details).order_book_details.filter((row) => row.market_id === 0) });

/** Fields Lighter's rows gained after ccxt's answer recording @041bd89a; its markets recording @1d1fbe9f carries each. */
const NEWER_FIELDS = {
  'extra $.order_book_details[].market_type': 'perp or spot: ccxt 4.5.84 tells a perpetual by it (a row without it is not a swap)',
  'extra $.order_book_details[].base_asset_id': 'in ccxt\'s recorded markets @1d1fbe9f',
  'extra $.order_book_details[].quote_asset_id': 'in ccxt\'s recorded markets @1d1fbe9f',
  'extra $.order_book_details[].strategy_index': 'in ccxt\'s recorded markets @1d1fbe9f',
  'extra $.order_book_details[].market_config.funding_fee_discounts_enabled': 'in ccxt\'s recorded markets @1d1fbe9f',
  'extra $.order_book_details[].market_config.hidden': 'in ccxt\'s recorded markets @1d1fbe9f',
};

const CASES: WireCase[] = [
  { method: 'fetchFundingRates', fixture: 'fetchFundingRates', route: `GET ${RATES}` },
  ...withAllowed([{ method: 'fetchTickers', fixture: 'fetchTickers', route: `GET ${DETAILS}`, pick: ethRow }], NEWER_FIELDS),
  {
    // The market list is the same endpoint; its row is compared with the newer recorded markets' row.
    method: 'loadMarkets', fixture: 'markets', route: `GET ${DETAILS}`,
    pick: (answer) => ethRow(answer).order_book_details[0],
    real: () => recordedMarkets('lighter').markets[ETH].info,
  },
  {
    method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: 'GET /lighter/api/v1/candles',
    allowed: Object.fromEntries(['C', 'H', 'L', 'O'].map((field) => [`missing $.c[].${field}`, 'documented only as "string"; ccxt reads o, h, l, c'])),
  },
  // Read past ccxt (its lighter lists the endpoint but parses nothing): the adapter's own reader sends it.
  { method: 'readSettlements', fixture: 'fundings', route: `GET ${FUNDINGS}` },
];

beforeAll(async () => {
  // Binance and Bybit run beside Lighter so that its funding-rates answer lists their rows too, as Lighter's does.
  sim = await startWireSimulator(['lighter', 'binanceusdm', 'bybit']);
  const keyless = createExchange('lighter', lighterSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  keyless.has = { ...keyless.has, fetchCurrencies: false };
  client = capturingClient(keyless, 'lighter');
  const ex = client.exchange;
  await ex.loadMarkets();
  saved.set('loadMarkets', client.answer('GET', DETAILS));
  await ex.fetchTickers();
  saved.set('fetchTickers', client.answer('GET', DETAILS));
  await ex.fetchFundingRates();
  await ex.fetchOHLCV(ETH, '1h', sim.clock.now() - 86_400_000, 10);
  await lighterSpec.readSettlements!(ex, ETH, sim.clock.now() - DAY_MS, sim.clock.now());
  adapter = createLighterAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
});

closeAfterAll(() => ({ exchanges: [client.exchange, adapter.exchange], sim }));

describeWireCases('lighter', CASES, () => ({ client, saved }));

describeMarketDefinitions('lighter', () => client, [ETH, 'LTC/USDC:USDC'], {
  // The leverage cap is the least initial margin fraction (hundredths of a percent), which ccxt 4.5.84 does not read.
  extra: (real: MarketInterface, simulated: MarketInterface) => {
    expect([simulated.id, Number(simulated.info.min_initial_margin_fraction)]).toEqual([real.id, Number(real.info.min_initial_margin_fraction)]);
  },
});

describe('lighter: what the terminal reads from the wire', () => {
  it('every quote settles hourly at the simulator\'s next settlement, at an eighth of the 8-h rate Lighter states', async () => {
    const quotes = await adapter.poll();
    const ids = new Map(adapter.markets().map((market) => [market.symbol, market.id]));
    expect(quotes).toHaveLength(sim.market.instruments('lighter').length);
    const stated = new Map((client.answer('GET', RATES) as Rates).funding_rates.filter((row) => row.exchange === 'lighter').map((row) => [String(row.market_id), row.rate]));
    for (const quote of quotes) {
      const id = ids.get(quote.symbol)!;
      const funding = sim.market.funding('lighter', id);
      expect({ symbol: quote.symbol, next: quote.nextFundingTime, hours: quote.intervalHours, rate: quote.rate, stated: stated.get(id) })
        .toEqual({ symbol: quote.symbol, next: funding.nextFundingTime, hours: 1, rate: funding.rate, stated: funding.rate * LIGHTER_RATE_HOURS });
    }
  });

  it('the funding-rates answer lists other exchanges\' rows for the same markets; only Lighter\'s are read', async () => {
    await adapter.poll();
    const rows = (client.answer('GET', RATES) as Rates).funding_rates;
    expect(new Set(rows.map((row) => row.exchange))).toEqual(new Set(['lighter', 'binance', 'bybit']));
    const own = new Map(rows.filter((row) => row.exchange === 'lighter').map((row) => [row.market_id, row.rate]));
    // Markets where Binance's row states another rate than Lighter's: a quote taking it would show.
    const differing = rows.filter((row) => row.exchange === 'binance' && row.rate !== own.get(row.market_id)).map((row) => String(row.market_id));
    expect(differing.length).toBeGreaterThan(10);
    const quotes = new Map((await adapter.poll()).map((quote) => [adapter.markets().find((m) => m.symbol === quote.symbol)!.id, quote.rate]));
    for (const id of differing) expect({ id, rate: quotes.get(id) }).toEqual({ id, rate: sim.market.funding('lighter', id).rate });
  });

  it('ETH is market 0, in coins, its rate the running hour\'s (predicted); mark the last trade, volume the day\'s USDC, OI the coins open at that price', async () => {
    const quotes = await adapter.poll();
    const eth = quotes.find((quote) => quote.symbol === ETH)!;
    const market = adapter.markets().find((m) => m.symbol === ETH)!;
    const row = (client.answer('GET', DETAILS) as Details).order_book_details.find((r) => r.market_id === 0)!;
    expect([eth.base, market.id, market.units.coinsPerAmount, eth.rateKind, eth.indexPrice, eth.bid, eth.ask]).toEqual(['ETH', '0', 1, 'predicted', null, null, null]);
    const ticker = sim.market.ticker('lighter', '0');
    expect(eth.markPrice).toBeCloseTo(ticker.last, 2);
    expect(eth.volume24hUsd).toBeCloseTo(ticker.volume24hQuote, 0);
    expect(eth.openInterestUsd).toBeCloseTo(Number(row.open_interest) * Number(row.last_trade_price), 0);
  });

  it('a poll asks for the funding rates and the market details, nothing else', async () => {
    await adapter.poll();
    sim.log.clear();
    await adapter.poll();
    expect(sim.log.list().map((entry) => `${entry.method} ${entry.path}`).sort()).toEqual([`GET ${RATES}`, `GET ${DETAILS}`]);
  });

  it('ccxt cannot sign a Lighter order here: it asks for Lighter\'s signer library before anything is sent', async () => {
    const keyed = createExchange('lighter', { ...lighterSpec.exchangeOptions, accountIndex: 1, apiKeyIndex: 0 }, { baseUrl: sim.url, timeoutMs: 3_000 });
    // A throwaway test key: no account anywhere holds it.
    keyed.privateKey = `0x${'11'.repeat(32)}`;
    keyed.has = { ...keyed.has, fetchCurrencies: false };
    await keyed.loadMarkets();
    sim.log.clear();
    await expect(keyed.createOrder(ETH, 'limit', 'buy', 0.01, 2_000)).rejects.toThrow(/libraryPath/);
    expect(sim.log.list()).toEqual([]);
    await keyed.close();
  });
});

describe('lighter: settled funding (fundings)', () => {
  it('the recorded rows read as an hour\'s rate, signed by the side that paid: 0.0012 % longs paid is +0.000012, 0.0002 % shorts paid is -0.000002', () => {
    const rows = (recorded('lighter', 'fundings').response as Fundings).fundings;
    expect(rows.map((row) => [row.direction, lighterSettledRate(row)])).toEqual([['long', expect.closeTo(0.000012, 12)], ['short', expect.closeTo(-0.000002, 12)]]);
    // Hour marks, in seconds.
    expect(rows.map((row) => (row.timestamp * 1_000) % 3_600_000)).toEqual([0, 0]);
  });

  it('units agree with the 8-h figure: the recorded settled hour at the interest baseline (0.0012 %) is an eighth of the 0.000096 the recorded funding-rates answer states for ETH', () => {
    const settled = lighterSettledRate((recorded('lighter', 'fundings').response as Fundings).fundings[0])!;
    const stated = (recorded('lighter', 'fetchFundingRates').response as Rates).funding_rates.find((row) => row.exchange === 'lighter' && row.market_id === 0)!.rate;
    expect([stated, settled * LIGHTER_RATE_HOURS]).toEqual([expect.closeTo(0.000096, 12), expect.closeTo(0.000096, 12)]);
  });

  it('a row naming neither side, or no rate, is unreadable', () => {
    expect([lighterSettledRate({ rate: '0.0012', direction: 'both' }), lighterSettledRate({ direction: 'long' })]).toEqual([null, null]);
  });

  it('25 days of ETH settlements: every hour once with its sign, in requests of at most 500 hours, in seconds, back to back', async () => {
    const urls: URL[] = [];
    const fetch = adapter.exchange.fetch.bind(adapter.exchange);
    adapter.exchange.fetch = (async (url: string, ...rest: unknown[]) => {
      urls.push(new URL(url));
      return (fetch as (...args: unknown[]) => Promise<unknown>)(url, ...rest);
    }) as typeof adapter.exchange.fetch;
    try {
      const until = sim.clock.now();
      const since = until - 25 * DAY_MS;
      const points = await adapter.fundingHistory(ETH, since, until);
      const expected = sim.market.fundingHistory('lighter', '0', { since, until });
      expect(expected.length).toBeGreaterThan(500);
      expect(expected.some((s) => s.rate < 0) && expected.some((s) => s.rate > 0)).toBe(true);
      expect(points.map((p) => [p.time, p.intervalHours])).toEqual(expected.map((s) => [s.time, 1]));
      points.forEach((point, i) => expect({ time: point.time, rate: point.rate }).toEqual({ time: point.time, rate: expect.closeTo(expected[i].rate, 12) }));
      const asked = urls.filter((url) => url.pathname === FUNDINGS).map((url) => Object.fromEntries(url.searchParams));
      expect(asked.map((q) => [q.market_id, q.resolution])).toEqual([['0', '1h'], ['0', '1h']]);
      const spans = asked.map((q) => [Number(q.start_timestamp), Number(q.end_timestamp)]);
      expect(spans[0][0]).toBe(Math.ceil(since / 1_000));
      expect(spans[1]).toEqual([spans[0][1] + 1, Math.floor(until / 1_000)]);
      for (const [start, end] of spans) expect(end - start).toBeLessThanOrEqual(500 * 3_600);
    } finally {
      adapter.exchange.fetch = fetch;
    }
  });
});
