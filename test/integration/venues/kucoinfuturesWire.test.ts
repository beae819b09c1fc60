/**
 * KuCoin Futures: every public read the terminal makes, the simulator's raw answer against the
 * real KuCoin answers ccxt recorded; the market definitions against ccxt's recorded markets;
 * and what the adapter makes of the contract list (the countdown to the next settlement, the
 * interval per contract, lots of `multiplier` coins).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createKucoinfuturesAdapter, kucoinfuturesSpec } from '../../../electron/backend/markets/kucoinfutures.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { recorded } from './recordedFixtures.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { describeMarketDefinitions, describeWireCases, type WireCase } from './wireCases.ts';
import { closeAfterAll, startWireSimulator } from './wireHarness.ts';

const SYMBOL = 'BTC/USDT:USDT';
let sim: Simulator;
let client: WireClient;
let adapter: VenueAdapter;

const CASES: WireCase[] = [
  { method: 'fetchTickers', fixture: 'fetchTickers', route: 'GET /api/v1/contracts/active' },
  // The simulator's contract row for XBTUSDTM against the recorded one (ccxt's recorded markets keep it as `info`).
  {
    method: 'loadMarkets', fixture: 'fetchTickers', route: 'GET /api/v1/contracts/active',
    pick: (answer) => ({ ...(answer as { code: string }), data: (answer as { data: Array<{ symbol: string }> }).data.filter((row) => row.symbol === 'XBTUSDTM') }),
  },
  { method: 'fetchFundingRate', fixture: 'fetchFundingRate', route: 'GET /api/v1/funding-rate/XBTUSDTM/current' },
  { method: 'fetchFundingRateHistory', fixture: 'fetchFundingRateHistory', route: 'GET /api/v1/contract/funding-rates' },
  { method: 'fetchOHLCV', fixture: 'fetchOHLCV', route: 'GET /api/v1/kline/query' },
];

beforeAll(async () => {
  sim = await startWireSimulator(['kucoinfutures']);
  // Keyless, as the terminal reads KuCoin Futures (monitoring only): with a key ccxt would also ask for the margin symbols.
  const keyless = createExchange('kucoinfutures', kucoinfuturesSpec.exchangeOptions, { baseUrl: sim.url, timeoutMs: 3_000 });
  keyless.has = { ...keyless.has, fetchCurrencies: false };
  client = capturingClient(keyless, 'kucoinfutures');
  const ex = client.exchange;
  await ex.loadMarkets();
  await ex.fetchTickers();
  await ex.fetchFundingRate(SYMBOL);
  await ex.fetchFundingRateHistory(SYMBOL, sim.clock.now() - 3 * 86_400_000);
  await ex.fetchOHLCV(SYMBOL, '1h', sim.clock.now() - 86_400_000, 10);
  adapter = createKucoinfuturesAdapter({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
});

closeAfterAll(() => ({ exchanges: [client.exchange, adapter.exchange], sim }));

describeWireCases('kucoinfutures', CASES, () => ({ client }));

describeMarketDefinitions('kucoinfutures', () => client, ['BTC/USDT:USDT', 'ETH/USDT:USDT']);

describe('kucoinfutures: what the terminal reads from the wire', () => {
  it('the recorded contract row states the next settlement as a countdown in ms, not as a time', () => {
    const row = (recorded('kucoinfutures', 'fetchTickers').response as { data: Array<Record<string, number>> }).data[0];
    expect(row.nextFundingRateTime).toBeLessThan(row.fundingRateGranularity);
  });

  it('the next settlement is the countdown added to the poll time: the simulator\'s next settlement for every contract', async () => {
    const quotes = await adapter.poll();
    const ids = new Map(adapter.markets().map((market) => [market.symbol, market.id]));
    expect(quotes).toHaveLength(sim.market.instruments('kucoinfutures').length);
    for (const quote of quotes) {
      const funding = sim.market.funding('kucoinfutures', ids.get(quote.symbol)!);
      expect({ symbol: quote.symbol, next: quote.nextFundingTime, hours: quote.intervalHours })
        .toEqual({ symbol: quote.symbol, next: funding.nextFundingTime, hours: funding.intervalHours });
    }
  });

  it('the intervals mix 1 h, 4 h and 8 h, each read from its own contract row', async () => {
    const quotes = await adapter.poll();
    expect([...new Set(quotes.map((quote) => quote.intervalHours))].sort((a, b) => a - b)).toEqual([1, 4, 8]);
  });

  it('XBTUSDTM is BTC in lots of 0.001 BTC: open interest in USD is lots × 0.001 × mark', async () => {
    const quotes = await adapter.poll();
    const btc = quotes.find((quote) => quote.symbol === SYMBOL)!;
    const row = (client.answer('GET', '/api/v1/contracts/active') as { data: Array<Record<string, unknown>> }).data.find((r) => r.symbol === 'XBTUSDTM')!;
    expect(btc.base).toBe('BTC');
    expect(adapter.markets().find((market) => market.symbol === SYMBOL)?.units.coinsPerAmount).toBe(0.001);
    expect(btc.openInterestUsd).toBeCloseTo(Number(row.openInterest) * 0.001 * btc.markPrice!, 2);
    expect(btc.rateKind).toBe('predicted');
  });

  it('a poll asks for the contract list only (no unified-account funding call), and loading markets skips the spot currency list', async () => {
    // The adapter has loaded its markets in the tests above.
    expect(sim.log.list().filter((entry) => entry.path.startsWith('/api/v3/') || entry.path.startsWith('/api/ua/'))).toEqual([]);
    sim.log.clear();
    await adapter.poll();
    expect(sim.log.list().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /api/v1/contracts/active']);
  });
});
