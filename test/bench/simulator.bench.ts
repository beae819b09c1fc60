/**
 * Venue simulator: `fetchFundingRates` for 500 Binance symbols as ccxt sees it (requests/s,
 * p50/p95), the server's own throughput under 8 concurrent plain requests, and the heap held by
 * 4 venues × 500 symbols. Baseline: a bare `node:http` server answering the same two bodies from
 * a cached string (what serving costs with no market behind it), and, for memory, those cached
 * bodies held once per venue (UTF-16, 2 bytes a character): what a canned-response fake of four
 * venues would keep.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ccxt from 'ccxt';
import { startSimulator } from '../../electron/simulator/server.ts';
import { pointAtBaseUrl } from '../../electron/backend/markets/loopback.ts';
import { percentile } from './sampleStats.ts';
import type { BenchResult } from './types.ts';

const START = Date.UTC(2026, 2, 4, 10, 20);
const CALLS = 150;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

async function cachedServer(bodies: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const body = bodies[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Latencies (ms) of sequential ccxt fetchFundingRates calls, and calls per second. */
async function ccxtRates(url: string): Promise<{ p50: number; p95: number; perSecond: number; symbols: number }> {
  const ex = new ccxt.binanceusdm({ enableRateLimit: false, timeout: 10_000 });
  pointAtBaseUrl(ex, url);
  await ex.loadMarkets();
  const symbols = Object.keys(await ex.fetchFundingRates()).length;
  const samples: number[] = [];
  const began = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await ex.fetchFundingRates();
    samples.push(performance.now() - t);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), perSecond: CALLS / ((performance.now() - began) / 1000), symbols };
}

/** Plain GETs per second with 8 in flight (the server alone, no ccxt parsing). */
async function rawThroughput(url: string): Promise<number> {
  const total = 400;
  let next = 0;
  const began = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next++ < total) await (await fetch(`${url}/fapi/v1/premiumIndex`)).text();
  }));
  return total / ((performance.now() - began) / 1000);
}

export async function run(): Promise<BenchResult[]> {
  const before = heapMb();
  const sim = await startSimulator({ seed: 1, paused: true, startTime: START, universeSize: 500, venues: ['binanceusdm', 'bybit', 'okx', 'hyperliquid'] });
  for (const venue of sim.venues) for (const instrument of sim.market.instruments(venue)) sim.market.ticker(venue, instrument.id);
  const simHeap = heapMb() - before;
  const bodies: Record<string, string> = {};
  for (const path of ['/fapi/v1/exchangeInfo', '/fapi/v1/premiumIndex']) bodies[path] = await (await fetch(sim.url + path)).text();
  const cachedHeap = (Object.values(bodies).reduce((sum, body) => sum + body.length, 0) * 2 * sim.venues.length) / 1e6;

  const simulated = await ccxtRates(sim.url);
  const simRaw = await rawThroughput(sim.url);
  await sim.close();
  const bare = await cachedServer(bodies);
  const baseline = await ccxtRates(bare.url);
  const bareRaw = await rawThroughput(bare.url);
  await bare.close();

  const n = `${simulated.symbols} symbols`;
  return [
    { name: `simulator: ccxt fetchFundingRates p50 (${n})`, value: simulated.p50, unit: 'ms', baseline: baseline.p50 },
    { name: `simulator: ccxt fetchFundingRates p95 (${n})`, value: simulated.p95, unit: 'ms', baseline: baseline.p95 },
    { name: 'simulator: ccxt fetchFundingRates sequential', value: simulated.perSecond, unit: 'req/s', baseline: baseline.perSecond },
    { name: 'simulator: premiumIndex (all) served, 8 in flight', value: simRaw, unit: 'req/s', baseline: bareRaw },
    { name: 'simulator: heap for 4 venues × 500 symbols (30 d history)', value: simHeap, unit: 'MB', baseline: cachedHeap },
  ];
}
