import { describe, expect, it } from 'vitest';
import { heatLevel, heldLegs, isHeld } from '../../../renderer/features/monitor/rowMarks.ts';
import type { Pair } from '../../../shared/domain/orders.ts';

const pair = (status: Pair['status'], legs: Array<[Pair['legs'][number]['venue'], string, number]>) =>
  ({ status, legs: legs.map(([venue, symbol, size]) => ({ venue, symbol, size })) }) as unknown as Pair;

describe('monitor marks', () => {
  it('tints a rate by its size per 8 h, either sign: the 0.01 % baseline not at all, 0.1 % (over 100 % APR) fully', () => {
    expect([0.0001, -0.0001, 0.0002, -0.0004, 0.0005, 0.00099, -0.001, 0.005].map(heatLevel)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('marks an asset held when one of its listings is a leg of a live pair; a closed pair, a flat leg or another venue does not count', () => {
    const held = heldLegs([
      pair('open', [['binanceusdm', 'BTC/USDT:USDT', 0.05], ['bybit', 'BTC/USDT:USDT', -0.05]]),
      pair('closed', [['okx', 'ETH/USDT:USDT', 1], ['gate', 'ETH/USDT:USDT', -1]]),
      pair('unhedged', [['hyperliquid', 'SOL/USDC:USDC', 2], ['aster', 'SOL/USDT:USDT', 0]]),
    ]);
    const row = (legs: Array<[string, string]>) => ({ legs: legs.map(([venue, symbol]) => ({ venue, symbol })) }) as never;
    expect(isHeld(row([['okx', 'BTC/USDT:USDT'], ['bybit', 'BTC/USDT:USDT']]), held)).toBe(true);
    expect(isHeld(row([['okx', 'ETH/USDT:USDT'], ['gate', 'ETH/USDT:USDT']]), held)).toBe(false);
    expect(isHeld(row([['hyperliquid', 'SOL/USDC:USDC']]), held)).toBe(true);
    expect(isHeld(row([['aster', 'SOL/USDT:USDT']]), held)).toBe(false);
    expect(isHeld(row([['okx', 'BTC/USDT:USDT']]), new Set())).toBe(false);
  });
});
