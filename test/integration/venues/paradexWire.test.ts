/**
 * Paradex: every public read the terminal makes, the simulator's raw answer against the real
 * Paradex answers ccxt recorded; the market definitions against ccxt's recorded markets; and
 * what the adapter makes of the markets summary (continuous funding quoted per 8-h period, no
 * settlement time, open interest in coins) and of the funding data (one observation per period).
 */
import type { MarketInterface } from 'ccxt';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createParadexAdapter, paradexSpec } from '../../../electron/backend/markets/paradex.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { closeAfterAll, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USD:USDC';
const HOUR_MS = 3_600_000;
const P = '/paradex/v1';
let sim: Simulator;
let client: WireClient;
let adapter: VenueAdapter;
type Results = { results: Array<Record<string, unknown>> };
const only = (id: string) => (answer: unknown) => ({ ...(answer as Results), results: (answer as Results).results.filter((row) => row.symbol === id) });
const first = (answer: unknown) => ({ ...(answer as Results), results: (answer as Results).results.slice(0, 1) });

const CASES: WireCase[] = [
  {
    method: 'loadMarkets', fixture: 'fetchMarkets', route: `GET ${P}/markets`, pick: only('BTC-USD-PERP'),
    allowed: { 'extra $.results[].funding_period_hours': 'Paradex states each market\'s funding period on current answers (ccxt 4.5.84 reads it into the rate\'s interval); the 2024 recording predates it' },
  },
  // The recording is one market's summary; ccxt's fetchFundingRates asks for ALL, whose rows are the same object.
  { method: 'fetchFundingRates', fixture: 'fetchTickers', route: `GET ${P}/markets/summary`, pick: only('BTC-USD-PERP') },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: `GET ${P}/funding/data`, pick: first },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: `GET ${P}/markets/klines`, pick: first },
  {
    method: 'fetchOrderBook', fixture: 'fetchOrderBook', route: `GET ${P}/orderbook/BTC-USD-PERP`,
    pick: (answer) => { const book = answer as { asks: unknown[]; bids: unknown[] }; return { ...book, asks: book.asks.slice(0, 1), bids: book.bids.slice(0, 1) }; },
  },
  { method: 'fetchTime', fixture: 'fetchTime', route: `GET ${P}/system/time` },
];

beforeAll(async () => {
  sim = await startWireSimulator(['paradex']);
  const keyless = createExchange('paradex', paradexSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  client = capturingClient(keyless, 'paradex');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRates();
  await ex.fetchFundingRateHistory(SYMBOL, sim.clock.now() - 3 * 86_400_000);
  await ex.fetchOHLCV(SYMBOL, '1h', sim.clock.now() - 86_400_000, 10);
  await ex.fetchOrderBook(SYMBOL);
  await ex.fetchTime();
  adapter = createParadexAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
});

closeAfterAll(() => ({ exchanges: [client.exchange, adapter.exchange], sim }));

describeWireCases('paradex', CASES, () => ({ client }));

describeMarketDefinitions('paradex', () => client, [SYMBOL], {
  // The recorded ccxt stated no unified precision or limits: the step, tick and margin floor are compared with the recorded row.
  extra: (real: MarketInterface, simulated: MarketInterface) => {
    expect([simulated.precision.amount, simulated.precision.price]).toEqual([Number(real.info.order_size_increment), Number(real.info.price_tick_size)]);
    expect(simulated.info.delta1_cross_margin_params.imf_base).toBe(real.info.delta1_cross_margin_params.imf_base);
    expect([simulated.info.asset_kind, simulated.info.settlement_currency, simulated.linear]).toEqual(['PERP', 'USDC', true]);
  },
});

describe('paradex: what the terminal reads from the wire', () => {
  it('every quote carries the simulator\'s running rate for an 8-h period, no settlement time (funding is continuous), and its mark', async () => {
    const quotes = await adapter.poll();
    const ids = new Map(adapter.markets().map((market) => [market.symbol, market.id]));
    expect(quotes).toHaveLength(sim.market.instruments('paradex').length);
    for (const quote of quotes) {
      const funding = sim.market.funding('paradex', ids.get(quote.symbol)!);
      expect({ symbol: quote.symbol, next: quote.nextFundingTime, hours: quote.intervalHours, rate: quote.rate, kind: quote.rateKind })
        .toEqual({ symbol: quote.symbol, next: null, hours: 8, rate: funding.rate, kind: 'predicted' });
    }
  });

  it('BTC-USD-PERP is BTC in coins settled in USDC; open interest is its coins at the mark, volume the USD turnover, the touch the book\'s', async () => {
    const quotes = await adapter.poll();
    const btc = quotes.find((quote) => quote.symbol === SYMBOL)!;
    const market = adapter.markets().find((m) => m.symbol === SYMBOL)!;
    const ticker = sim.market.ticker('paradex', 'BTC-USD-PERP');
    expect([btc.base, market.id, market.settle, market.units.coinsPerAmount]).toEqual(['BTC', 'BTC-USD-PERP', 'USDC', 1]);
    expect(btc.openInterestUsd! / (ticker.openInterestBase * ticker.mark)).toBeCloseTo(1, 3);
    expect(btc.volume24hUsd).toBeCloseTo(ticker.volume24hQuote, 0);
    expect([btc.bid, btc.ask]).toEqual([ticker.bid, ticker.ask].map((p) => Number(p.toFixed(1))));
  });

  it('kPEPE-USD-PERP is a thousand PEPE per price unit (ccxt upper-cases the base; the row keeps `kPEPE`)', async () => {
    await adapter.poll();
    const pepe = adapter.markets().find((m) => m.id === 'kPEPE-USD-PERP');
    expect(pepe && [pepe.base, pepe.multiplier]).toEqual(['PEPE', 1000]);
  });

  it('a poll is one markets-summary call for every market', async () => {
    await adapter.poll();
    sim.log.clear();
    await adapter.poll();
    expect(sim.log.list().map((entry) => `${entry.method} ${entry.path}`)).toEqual([`GET ${P}/markets/summary`]);
  });

  it('funding history is one observation of the rate at each 8-h boundary (not every row Paradex lists), each for an 8-h period', async () => {
    const now = sim.clock.now();
    const since = now - 2 * 86_400_000;
    sim.log.clear();
    const points = await adapter.fundingHistory(SYMBOL, since, now);
    const expected = sim.market.fundingHistory('paradex', 'BTC-USD-PERP', { since, until: now });
    expect(points.map((p) => [p.time, p.rate, p.intervalHours])).toEqual(expected.map((s) => [s.time, s.rate, 8]));
    expect(points.every((p) => p.time % (8 * HOUR_MS) === 0)).toBe(true);
    expect(sim.log.list().filter((entry) => entry.path === `${P}/funding/data`).length).toBe(Math.floor(now / (8 * HOUR_MS)) - Math.ceil(since / (8 * HOUR_MS)) + 1);
  });

  it('4-h closes are read from Paradex\'s hourly candles (it serves none longer), one per 4-h boundary and the running one', async () => {
    const now = sim.clock.now();
    const since = Math.floor((now - 86_400_000) / (4 * HOUR_MS)) * 4 * HOUR_MS;
    const points = await adapter.priceHistory(SYMBOL, since, '4h', now);
    const hourly = sim.market.candles('paradex', 'BTC-USD-PERP', HOUR_MS, { since, until: now });
    const closeAt = new Map(hourly.map((c) => [Math.min(c.time + HOUR_MS, now), c.close]));
    expect(points.length).toBeGreaterThanOrEqual(6);
    for (const point of points) {
      expect(point.time === now || point.time % (4 * HOUR_MS) === 0).toBe(true);
      expect(point.close).toBeCloseTo(closeAt.get(point.time)!, 6);
    }
  });
});
