/**
 * Cost of one steady-state funding poll per venue through its adapter (ccxt HTTP + parse +
 * mapping to FundingQuote) against the simulator with the benchmark universe, next to the
 * baseline: a bare fetch + JSON.parse of the same venue's main funding endpoint.
 */
import { ADAPTERS } from '../../electron/backend/markets/adapters.ts';
import { startSimulator } from '../../electron/simulator/server.ts';
import { BENCH_UNIVERSE_SIZE } from '../../electron/simulator/universe.ts';
import { VENUE_IDS } from '../../shared/domain/venues.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { percentile } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

const RUNS = 7;

/** The one request each venue's funding snapshot rests on. */
const MAIN_ENDPOINT: Record<VenueId, { path: string; body?: string }> = {
  binanceusdm: { path: '/fapi/v1/premiumIndex' },
  bybit: { path: '/v5/market/tickers?category=linear' },
  okx: { path: '/api/v5/public/funding-rate?instId=ANY' },
  bitget: { path: '/api/v2/mix/market/tickers?productType=USDT-FUTURES' },
  gate: { path: '/api/v4/futures/usdt/contracts' },
  hyperliquid: { path: '/info', body: JSON.stringify({ type: 'metaAndAssetCtxs' }) },
  aster: { path: '/aster/fapi/v3/premiumIndex' },
  kucoinfutures: { path: '/api/v1/contracts/active' },
  bingx: { path: '/openApi/swap/v2/quote/premiumIndex' },
  paradex: { path: '/paradex/v1/markets/summary?market=ALL' },
  lighter: { path: '/lighter/api/v1/funding-rates' },
};

async function medianMs(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}

export async function run(): Promise<BenchResult[]> {
  const sim = await startSimulator({ port: 0, seed: 5, paused: true, universeSize: BENCH_UNIVERSE_SIZE });
  const results: BenchResult[] = [];
  try {
    for (const venue of VENUE_IDS) {
      const adapter = ADAPTERS[venue]({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
      const symbols = (await adapter.poll()).length;
      const { path, body } = MAIN_ENDPOINT[venue];
      const raw = () => fetch(sim.url + path, body ? { method: 'POST', body, headers: { 'content-type': 'application/json' } } : {}).then((r) => r.json());
      const baseline = await medianMs(raw);
      const value = await medianMs(() => adapter.poll());
      results.push({ name: `market poll ${venue} (${symbols} perps)`, value, unit: 'ms', baseline, target: '< venue poll period' });
      await adapter.close();
    }
  } finally {
    await sim.close();
  }
  return results;
}
