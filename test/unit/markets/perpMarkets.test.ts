import { describe, expect, it } from 'vitest';
import type { MarketInterface } from 'ccxt';
import { selectLinearPerps } from '../../../electron/backend/markets/perpMarkets.ts';

const perp = (symbol: string, extra: Record<string, unknown> = {}) =>
  ({ symbol, id: symbol.split('/')[0], base: symbol.split('/')[0], swap: true, linear: true, active: true, settle: symbol.split(':')[1], contractSize: 1, info: {}, ...extra }) as unknown as MarketInterface;

describe('selecting linear perps and naming their base asset', () => {
  it("Hyperliquid's kPEPE, which ccxt upper-cases to KPEPE, is PEPE × 1000 like Binance's 1000PEPE", () => {
    const perps = selectLinearPerps({
      'KPEPE/USDC:USDC': perp('KPEPE/USDC:USDC', { baseName: 'kPEPE' }),
      '1000PEPE/USDT:USDT': perp('1000PEPE/USDT:USDT'),
    });
    expect(perps.get('KPEPE/USDC:USDC')).toMatchObject({ base: 'PEPE', multiplier: 1000 });
    expect(perps.get('1000PEPE/USDT:USDT')).toMatchObject({ base: 'PEPE', multiplier: 1000 });
  });

  it('a real asset starting with K keeps its name', () => {
    const perps = selectLinearPerps({ 'KAVA/USDC:USDC': perp('KAVA/USDC:USDC', { baseName: 'KAVA' }), 'KSM/USDT:USDT': perp('KSM/USDT:USDT') });
    expect(perps.get('KAVA/USDC:USDC')).toMatchObject({ base: 'KAVA', multiplier: 1 });
    expect(perps.get('KSM/USDT:USDT')).toMatchObject({ base: 'KSM', multiplier: 1 });
  });

  it('leaves out spot, inverse, inactive and non-USD-stable perps', () => {
    const perps = selectLinearPerps({
      'BTC/USDT': perp('BTC/USDT', { swap: false, settle: undefined }),
      'BTC/USD:BTC': perp('BTC/USD:BTC', { linear: false }),
      'ETH/USDT:USDT': perp('ETH/USDT:USDT', { active: false }),
      'SOL/EUR:EUR': perp('SOL/EUR:EUR'),
      'SOL/USDT:USDT': perp('SOL/USDT:USDT'),
    });
    expect([...perps.keys()]).toEqual(['SOL/USDT:USDT']);
  });
});
