/**
 * Quote age with and without websocket streams: Binance USDⓈ-M against the simulator in real
 * time (mark price pushed every second, REST at the venue's own cadence: 5 s polled, 15 s while
 * streaming). Every 100 ms the age (simulator now − observedAt) of every held quote is sampled;
 * p50/p95 over all samples. The baseline is the same figure with streams off. REST requests to
 * the funding endpoint over the window are reported for both.
 */
import { createMarketData } from '../../electron/backend/markets/marketData.ts';
import { startSimulator } from '../../electron/simulator/server.ts';
import { percentile } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

const WINDOW_MS = 10_000;
const SAMPLE_MS = 100;

interface AgeRun {
  ages: number[];
  restPolls: number;
}

async function measure(streams: boolean): Promise<AgeRun> {
  const sim = await startSimulator({ port: 0, seed: 5, speed: 1, venues: ['binanceusdm'], streamPushMs: 1_000 });
  const market = createMarketData({
    venues: ['binanceusdm'],
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
    const polledBefore = sim.log.list({ path: '/fapi/v1/premiumIndex' }).length;
    const ages: number[] = [];
    for (let at = 0; at < WINDOW_MS; at += SAMPLE_MS) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      const now = sim.clock.now();
      for (const quote of market.quotes()) ages.push(now - quote.observedAt);
    }
    return { ages, restPolls: sim.log.list({ path: '/fapi/v1/premiumIndex' }).length - polledBefore };
  } finally {
    await market.stop();
    await sim.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const polled = await measure(false);
  const streamed = await measure(true);
  return [
    { name: 'binanceusdm quote age p50, mark price stream vs polling only', value: percentile(streamed.ages, 50), unit: 'ms', baseline: percentile(polled.ages, 50) },
    { name: 'binanceusdm quote age p95, mark price stream vs polling only', value: percentile(streamed.ages, 95), unit: 'ms', baseline: percentile(polled.ages, 95) },
    { name: `binanceusdm REST funding polls in ${WINDOW_MS / 1000} s, streaming vs polling only`, value: streamed.restPolls, unit: 'requests', baseline: polled.restPolls },
  ];
}
