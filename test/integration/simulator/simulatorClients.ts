/** Real ccxt clients pointed at a running simulator, as Demo mode does (urls.api rewritten). */
import ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { pointAtBaseUrl } from '../../../electron/backend/markets/loopback.ts';
import type { Simulator } from '../../../electron/simulator/server.ts';

/** 2026-03-04 10:20 UTC: a fixed start keeps settlement times and histories reproducible. */
export const START_TIME = Date.UTC(2026, 2, 4, 10, 20, 0);

export function binanceClient(sim: Simulator, keys: { apiKey?: string; secret?: string } = {}, timeout = 3_000): InstanceType<typeof ccxt.binanceusdm> {
  const exchange = new ccxt.binanceusdm({ enableRateLimit: false, timeout, ...keys, options: { fetchCurrencies: false } });
  pointAtBaseUrl(exchange, sim.url);
  return exchange;
}

/** `pointedAt(new ccxt.okx(…))` for a simulator started later (`sim` is read at each call). */
export function pointerAt(simulator: () => Simulator): <T extends Exchange>(exchange: T) => T {
  return (exchange) => {
    pointAtBaseUrl(exchange, simulator().url);
    return exchange;
  };
}
