import type { MarketInterface } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { selectLinearPerps } from '../../../electron/backend/markets/perpMarkets.ts';
import { MAX_BACKOFF_MS, nextDelayMs } from '../../../electron/backend/markets/venuePoller.ts';

describe('backoff between polls', () => {
  it('a healthy venue is polled every poll period', () => {
    expect(nextDelayMs(5_000, 0)).toBe(5_000);
  });

  it('each consecutive failure doubles the pause, up to a cap', () => {
    expect([1, 2, 3].map((n) => nextDelayMs(5_000, n))).toEqual([10_000, 20_000, 40_000]);
    expect(nextDelayMs(5_000, 20)).toBe(MAX_BACKOFF_MS);
  });

  it("a venue's Retry-After is never undercut", () => {
    expect(nextDelayMs(5_000, 1, 90_000)).toBe(90_000);
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
