/**
 * BingX: every public read the terminal makes, the simulator's raw answer against the real
 * BingX answers ccxt recorded; the market definitions against ccxt's recorded markets; and what
 * the adapter makes of the premium index (each contract's own interval, next settlement, rate).
 */
import type { MarketInterface } from 'ccxt';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { bingxSpec, createBingxAdapter } from '../../../electron/backend/markets/bingx.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { closeAfterAll, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;
let adapter: VenueAdapter;
const saved = new Map<string, unknown>();
type Rows = { code: number; data: Array<Record<string, unknown>> };
const first = (answer: unknown) => ({ ...(answer as Rows), data: (answer as Rows).data[0] });

const CASES: WireCase[] = [
  { method: 'fetchFundingRates', fixture: 'fetchFundingRates', route: 'GET /openApi/swap/v2/quote/premiumIndex' },
  { method: 'fetchFundingRate', fixture: 'fetchFundingRate', route: 'GET /openApi/swap/v2/quote/premiumIndex' },
  // The recording is one symbol's ticker; the terminal reads the list, whose rows are the same object.
  { method: 'fetchTickers', fixture: 'fetchTicker', route: 'GET /openApi/swap/v2/quote/ticker', pick: first },
  {
    method: 'loadMarkets', fixture: 'contracts', route: 'GET /openApi/swap/v2/quote/contracts',
    pick: (answer) => ({ ...(answer as Rows), data: (answer as Rows).data.filter((row) => row.symbol === 'BTC-USDT') }),
  },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /openApi/swap/v2/quote/fundingRate' },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: 'GET /openApi/swap/v3/quote/klines' },
];

beforeAll(async () => {
  sim = await startWireSimulator(['bingx']);
  const keyless = createExchange('bingx', bingxSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  client = capturingClient(keyless, 'bingx');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchFundingRate(SYMBOL);
  saved.set('fetchFundingRate', client.answer('GET', '/openApi/swap/v2/quote/premiumIndex'));
  await ex.fetchFundingRates();
  saved.set('fetchFundingRates', client.answer('GET', '/openApi/swap/v2/quote/premiumIndex'));
  await ex.fetchTickers();
  await ex.fetchFundingRateHistory(SYMBOL, sim.clock.now() - 3 * 86_400_000);
  await ex.fetchOHLCV(SYMBOL, '1h', sim.clock.now() - 86_400_000, 10);
  adapter = createBingxAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
});

closeAfterAll(() => ({ exchanges: [client.exchange, adapter.exchange], sim }));

describeWireCases('bingx', CASES, () => ({ client, saved }));

/** A precision the recording states in decimal places (ccxt of that day), as a tick or step. */
const step = (decimals: number | undefined) => Number(`1e-${decimals ?? 0}`);

describeMarketDefinitions('bingx', () => client, ['BTC/USDT:USDT', 'LTC/USDT:USDT'], {
  // ccxt 4.5.84 reads no leverage cap from BingX's contract rows; the recording's ccxt did.
  skip: ['precision.amount', 'precision.price', 'limits.leverage.max'],
  extra: (real: MarketInterface, simulated: MarketInterface) => {
    expect([simulated.precision.amount, simulated.precision.price]).toEqual([step(real.precision.amount), step(real.precision.price)]);
    expect(simulated.info.maxLongLeverage).toBe(real.info.maxLongLeverage);
  },
});

describe('bingx: what the terminal reads from the wire', () => {
  it('every quote carries its contract\'s own interval and next settlement, and the rate the simulator runs', async () => {
    const quotes = await adapter.poll();
    const ids = new Map(adapter.markets().map((market) => [market.symbol, market.id]));
    expect(quotes).toHaveLength(sim.market.instruments('bingx').length);
    for (const quote of quotes) {
      const funding = sim.market.funding('bingx', ids.get(quote.symbol)!);
      expect({ symbol: quote.symbol, next: quote.nextFundingTime, hours: quote.intervalHours, rate: quote.rate })
        .toEqual({ symbol: quote.symbol, next: funding.nextFundingTime, hours: funding.intervalHours, rate: funding.rate });
    }
  });

  it('the intervals mix 1 h, 4 h and 8 h', async () => {
    const quotes = await adapter.poll();
    expect([...new Set(quotes.map((quote) => quote.intervalHours))].sort((a, b) => a - b)).toEqual([1, 4, 8]);
  });

  it('BTC-USDT is BTC in coins, its rate the running period\'s (predicted), its volume the tickers\' USDT turnover', async () => {
    const quotes = await adapter.poll();
    const btc = quotes.find((quote) => quote.symbol === SYMBOL)!;
    const market = adapter.markets().find((m) => m.symbol === SYMBOL)!;
    expect([btc.base, market.id, market.units.coinsPerAmount, btc.rateKind]).toEqual(['BTC', 'BTC-USDT', 1, 'predicted']);
    expect(btc.volume24hUsd).toBeCloseTo(sim.market.ticker('bingx', 'BTC-USDT').volume24hQuote, 0);
  });

  it('a poll asks for the premium index only once the tickers are cached, and loading markets reads the three lists', async () => {
    await adapter.poll();
    sim.log.clear();
    await adapter.poll();
    expect(sim.log.list().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /openApi/swap/v2/quote/premiumIndex']);
    expect(client.answer('GET', '/openApi/cswap/v1/market/contracts')).toMatchObject({ code: 0, data: [] });
    expect(client.answer('GET', '/openApi/spot/v1/common/symbols')).toMatchObject({ code: 0, data: { symbols: [] } });
  });
});
