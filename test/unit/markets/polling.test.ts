import type { MarketInterface } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { selectLinearPerps } from '../../../electron/backend/markets/perpMarkets.ts';
import { healthBounds } from '../../../electron/backend/markets/health.ts';
import { MAX_BACKOFF_MS, nextDelayMs } from '../../../electron/backend/markets/venuePoller.ts';

describe('pause before the next poll', () => {
  const bounds = healthBounds({ pollMs: 5_000, scale: 1 });
  const bad = (consecutiveErrors: number, rateLimited = false, retryAfterMs = 0) => ({ consecutiveErrors, rateLimited, retryAfterMs });

  it('a healthy venue is polled every period in force', () => {
    expect(nextDelayMs(bounds, 5_000, bad(0))).toBe(5_000);
    expect(nextDelayMs(bounds, 20_000, bad(0))).toBe(20_000);
  });

  it('after a failed or late poll the next comes after the short retry until down, then at the cadence', () => {
    expect([1, 2].map((n) => nextDelayMs(bounds, 5_000, bad(n)))).toEqual([bounds.retryMs, bounds.retryMs]);
    expect([3, 4, 50].map((n) => nextDelayMs(bounds, 20_000, bad(n)))).toEqual([5_000, 5_000, 5_000]);
  });

  it('once down, polls start one cadence apart: a poll that hung until its timeout is followed at once', () => {
    expect(nextDelayMs(bounds, 5_000, { ...bad(3), tookMs: 1_500 })).toBe(3_500);
    expect(nextDelayMs(bounds, 5_000, { ...bad(3), tookMs: 5_000 })).toBe(0);
  });

  it('a rate-limited venue is never polled sooner than its cadence, and backs off doubling once down, up to a cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => nextDelayMs(bounds, 5_000, bad(n, true)))).toEqual([5_000, 5_000, 5_000, 10_000, 20_000]);
    expect(nextDelayMs(bounds, 5_000, bad(30, true))).toBe(MAX_BACKOFF_MS);
  });

  it("a venue's Retry-After is never undercut", () => {
    expect(nextDelayMs(bounds, 5_000, bad(1, true, 90_000))).toBe(90_000);
  });
});

function market(patch: Partial<MarketInterface>): MarketInterface {
  return { id: 'BTCUSDT', symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', settle: 'USDT', active: true, swap: true, linear: true, contractSize: 1, info: {}, ...patch } as MarketInterface;
}

describe('which markets are quoted', () => {
  it('active linear perpetuals settled in USDT or USDC, with the multiplier taken off the base', () => {
    const perps = selectLinearPerps({
      'BTC/USDT:USDT': market({}),
      'BTC/USDC:USDC': market({ id: 'BTCPERP', symbol: 'BTC/USDC:USDC', settle: 'USDC', quote: 'USDC' }),
      '1000PEPE/USDT:USDT': market({ id: '1000PEPEUSDT', symbol: '1000PEPE/USDT:USDT', base: '1000PEPE' }),
      'BTC/USD:BTC': market({ id: 'BTCUSD', symbol: 'BTC/USD:BTC', settle: 'BTC', linear: false }),
      'BTC/USDT:USDT-260327': market({ id: 'BTCUSDT_260327', symbol: 'BTC/USDT:USDT-260327', swap: false }),
      'OLD/USDT:USDT': market({ id: 'OLDUSDT', symbol: 'OLD/USDT:USDT', active: false }),
      'BTC/USDT': market({ id: 'BTCUSDT-spot', symbol: 'BTC/USDT', swap: false, linear: undefined }),
    });
    expect([...perps.keys()].sort()).toEqual(['1000PEPE/USDT:USDT', 'BTC/USDC:USDC', 'BTC/USDT:USDT']);
    expect(perps.get('1000PEPE/USDT:USDT')).toMatchObject({ base: 'PEPE', multiplier: 1000, id: '1000PEPEUSDT' });
  });

  it('a market whose activity the venue does not state is kept', () => {
    expect(selectLinearPerps({ 'X/USDT:USDT': market({ id: 'XUSDT', symbol: 'X/USDT:USDT', active: undefined }) }).size).toBe(1);
  });
});
