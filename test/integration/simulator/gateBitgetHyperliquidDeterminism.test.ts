import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from './simulatorClients.ts';

const HOUR = 3_600_000;

/** Public requests of the three wires: the venue's own paths and bodies. */
const REQUESTS: Array<{ path: string; body?: unknown }> = [
  { path: '/info', body: { type: 'metaAndAssetCtxs' } },
  { path: '/info', body: { type: 'fundingHistory', coin: 'ETH', startTime: START_TIME - 48 * HOUR } },
  { path: '/info', body: { type: 'l2Book', coin: 'BTC' } },
  { path: '/info', body: { type: 'candleSnapshot', req: { coin: 'SOL', interval: '1h', startTime: START_TIME - 24 * HOUR, endTime: START_TIME + 6 * HOUR } } },
  { path: '/api/v2/mix/market/tickers?productType=USDT-FUTURES' },
  { path: '/api/v2/mix/market/current-fund-rate?productType=USDT-FUTURES' },
  { path: '/api/v2/mix/market/history-fund-rate?productType=USDT-FUTURES&symbol=ETHUSDT&pageSize=50' },
  { path: '/api/v2/mix/market/merge-depth?productType=USDT-FUTURES&symbol=BTCUSDT&limit=50' },
  { path: '/api/v2/mix/market/history-candles?productType=USDT-FUTURES&symbol=BTCUSDT&granularity=1H&limit=48' },
  { path: '/api/v4/futures/usdt/contracts' },
  { path: '/api/v4/futures/usdt/tickers' },
  { path: '/api/v4/futures/usdt/funding_rate?contract=ETH_USDT&limit=50' },
  { path: '/api/v4/futures/usdt/order_book?contract=BTC_USDT&limit=50' },
  { path: `/api/v4/futures/usdt/candlesticks?contract=BTC_USDT&interval=1h&from=${(START_TIME - 24 * HOUR) / 1000}&to=${START_TIME / 1000}` },
];

/** Every answer, read at the start and again after the same steps of simulated time. */
async function transcript(seed: number): Promise<string[]> {
  const sim = await startSimulator({ seed, paused: true, startTime: START_TIME, venues: ['hyperliquid', 'bitget', 'gate'], universeSize: 30 });
  const read = () => Promise.all(REQUESTS.map(async ({ path, body }) => {
    const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const response = await fetch(`${sim.url}${path}`, init);
    return `${response.status} ${path} ${await response.text()}`;
  }));
  try {
    const before = await read();
    sim.clock.step(9 * HOUR + 17 * 60_000);
    return [...before, ...(await read())];
  } finally {
    await sim.close();
  }
}

describe('hyperliquid, bitget and gate wires are deterministic', () => {
  it('the same seed and the same steps give byte-identical answers', async () => {
    const [first, second] = [await transcript(11), await transcript(11)];
    expect(first.every((line) => line.startsWith('200 '))).toBe(true);
    expect(second).toEqual(first);
  });

  it('another seed gives another market', async () => {
    const [first, other] = [await transcript(11), await transcript(12)];
    const differing = first.filter((line, i) => line !== other[i]);
    expect(differing.length).toBeGreaterThan(first.length / 2);
  });
});
