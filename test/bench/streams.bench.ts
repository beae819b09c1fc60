/**
 * Quote age with and without websocket streams, per venue, against the simulator in real time
 * (pushes every second, REST at the venue's own cadence, slower while streaming). Every 100 ms
 * the age (simulator now − observedAt) of the 50 most traded quotes (what a per-symbol stream
 * watches; Binance streams all) is sampled; p50/p95 over all samples. The baseline is the same
 * figure with streams off. REST requests to the venue's quote endpoint over the window are
 * reported for both.
 */
import { DEFAULT_STREAM_SYMBOLS, createMarketData } from '../../electron/backend/markets/marketData.ts';
import { mostTraded } from '../../electron/backend/markets/streams.ts';
import { startSimulator } from '../../electron/simulator/server.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { percentile } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

/** Each venue's REST request for its quotes (the poll the stream slows down). */
const QUOTE_PATHS: Partial<Record<VenueId, string>> = {
  binanceusdm: '/fapi/v1/premiumIndex',
  bitget: '/api/v2/mix/market/tickers',
  gate: '/api/v4/futures/usdt/contracts',
  hyperliquid: '/info',
};

const WINDOW_MS = 10_000;
const SAMPLE_MS = 100;

interface AgeRun {
  ages: number[];
  restPolls: number;
}

async function measure(venue: VenueId, path: string, streams: boolean): Promise<AgeRun> {
  const sim = await startSimulator({ port: 0, seed: 5, speed: 1, venues: [venue], streamPushMs: 1_000 });
  const market = createMarketData({
    venues: [venue],
    baseUrl: sim.url,
    wsBaseUrl: sim.wsUrl,
    streams: { enabled: streams },
    now: () => sim.clock.now(),
    onQuotes: () => undefined,
    onHealth: () => undefined,
    onAlert: () => undefined,
  });
  market.start();
  try {
    while (market.quotes().length === 0 || (streams && market.health()[0].stream?.status !== 'live')) await new Promise((r) => setTimeout(r, 20));
    const polledBefore = sim.log.list({ path }).length;
    const watched = new Set(mostTraded(market.quotes(), DEFAULT_STREAM_SYMBOLS));
    const ages: number[] = [];
    for (let at = 0; at < WINDOW_MS; at += SAMPLE_MS) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      const now = sim.clock.now();
      for (const quote of market.quotes()) if (watched.has(quote.symbol)) ages.push(now - quote.observedAt);
    }
    return { ages, restPolls: sim.log.list({ path }).length - polledBefore };
  } finally {
    await market.stop();
    await sim.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const [venue, path] of Object.entries(QUOTE_PATHS) as Array<[VenueId, string]>) {
    const polled = await measure(venue, path, false);
    const streamed = await measure(venue, path, true);
    results.push(
      { name: `${venue} quote age p50 (50 most traded), stream vs polling only`, value: percentile(streamed.ages, 50), unit: 'ms', baseline: percentile(polled.ages, 50) },
      { name: `${venue} quote age p95 (50 most traded), stream vs polling only`, value: percentile(streamed.ages, 95), unit: 'ms', baseline: percentile(polled.ages, 95) },
      { name: `${venue} REST quote polls in ${WINDOW_MS / 1000} s, streaming vs polling only`, value: streamed.restPolls, unit: 'requests', baseline: polled.restPolls },
    );
  }
  return results;
}
