/**
 * Websocket streams through ccxt.pro, unchanged: Binance mark prices (`!markPrice@arr@1s`) and
 * OKX funding rates (`funding-rate` channel) carry the simulator's values, and an injected
 * disconnect reaches the client as a NetworkError it can recover from.
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { pointAtBaseUrl } from '../../../electron/backend/markets/loopback.ts';
import { START_TIME } from './simulatorClients.ts';

let sim: Simulator;
const clients: Array<{ close(): Promise<unknown> }> = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, paused: true, startTime: START_TIME, venues: ['binanceusdm', 'okx'], universeSize: 30, streamPushMs: 50 });
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await sim.close();
});

/** ccxt.pro refuses plain ws:// URLs until its HTTP agent is loaded (NotSupported otherwise). */
async function binancePro() {
  const ex = new ccxt.pro.binanceusdm({ enableRateLimit: false, timeout: 3000, options: { fetchCurrencies: false } });
  pointAtBaseUrl(ex, sim.url, sim.wsUrl);
  await ex.loadHttpProxyAgent();
  clients.push(ex);
  return ex;
}

describe('Binance mark price stream', () => {
  it('watchMarkPrices for all symbols delivers every symbol’s mark and funding rate', async () => {
    const ex = await binancePro();
    await ex.loadMarkets();
    const prices = await ex.watchMarkPrices();
    const btc = prices['BTC/USDT:USDT'] ?? (await ex.watchMarkPrices())['BTC/USDT:USDT'];
    expect(btc.markPrice).toBe(sim.market.markPrice('binanceusdm', 'BTCUSDT'));
    expect(Object.keys(ex.tickers ?? {}).length).toBe(sim.market.instruments('binanceusdm').length);
  });

  it('a single-symbol watch follows a price set through the control API', async () => {
    const ex = await binancePro();
    await ex.loadMarkets();
    await ex.watchMarkPrice('ETH/USDT:USDT');
    sim.market.setPrice('binanceusdm', 'ETHUSDT', 2500);
    const mark = sim.market.markPrice('binanceusdm', 'ETHUSDT');
    let seen = (await ex.watchMarkPrice('ETH/USDT:USDT')).markPrice;
    for (let i = 0; seen !== mark && i < 5; i++) seen = (await ex.watchMarkPrice('ETH/USDT:USDT')).markPrice;
    expect(seen).toBe(mark);
  });

  it('an injected disconnect rejects the pending watch with a NetworkError; the next watch reconnects', async () => {
    const ex = await binancePro();
    await ex.loadMarkets();
    await ex.watchMarkPrice('SOL/USDT:USDT');
    const pending = ex.watchMarkPrice('SOL/USDT:USDT').catch((error: unknown) => error);
    expect(sim.streams.disconnect('binanceusdm')).toBeGreaterThan(0);
    const outcome = await pending;
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(ccxt.NetworkError);
    const again = await ex.watchMarkPrice('SOL/USDT:USDT');
    expect(again.markPrice).toBe(sim.market.markPrice('binanceusdm', 'SOLUSDT'));
  });
});

describe('OKX funding-rate channel', () => {
  it('watchFundingRate delivers the running rate and the next settlement time', async () => {
    const ex = new ccxt.pro.okx({ enableRateLimit: false, timeout: 3000, options: { defaultType: 'swap', fetchMarkets: { types: ['swap'] } } });
    clients.push(ex);
    pointAtBaseUrl(ex, sim.url, sim.wsUrl);
    await ex.loadHttpProxyAgent();
    await ex.loadMarkets();
    const rate = await ex.watchFundingRate('BTC/USDT:USDT');
    const funding = sim.market.funding('okx', 'BTC-USDT-SWAP');
    expect(rate.fundingRate).toBe(funding.rate);
    expect(rate.fundingTimestamp).toBe(funding.nextFundingTime);
  });
});
