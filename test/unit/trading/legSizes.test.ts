import { describe, expect, it } from 'vitest';
import { legSizes, type PairRecord } from '../../../electron/backend/trading/ledgerFold.ts';
import type { Order } from '../../../shared/domain/orders.ts';

const fill = (venue: Order['venue'], symbol: string, side: 'buy' | 'sell', filled: number) => ({ venue, symbol, side, filled }) as Order;

describe('legSizes: a leg\'s net coins from its fills', () => {
  it('a hedged pair whose fills came from contracts nets to exactly the coins, without float residue', () => {
    // OKX fills in contracts of 0.1 coin: seven fills of 1,443 contracts sum to 1010.0999999999999 coins.
    const okx = Array.from({ length: 7 }, () => fill('okx', 'HYPE/USDT:USDT', 'buy', 144.3));
    expect(okx.reduce((sum, o) => sum + o.filled, 0)).not.toBe(1010.1);
    const record = {
      legs: [{ venue: 'okx', symbol: 'HYPE/USDT:USDT' }, { venue: 'aster', symbol: 'HYPE/USDT:USDT' }],
      orders: [...okx, fill('aster', 'HYPE/USDT:USDT', 'sell', 1010.1)],
    } as unknown as PairRecord;
    const sizes = legSizes(record);
    expect(sizes).toEqual([1010.1, -1010.1]);
    expect(sizes[0] + sizes[1]).toBe(0);
  });

  it('keeps a real fraction: a partial fill of 0.001 BTC against 0.05 is drift the trader must see', () => {
    const record = {
      legs: [{ venue: 'binanceusdm', symbol: 'BTC/USDT:USDT' }, { venue: 'bybit', symbol: 'BTC/USDT:USDT' }],
      orders: [fill('binanceusdm', 'BTC/USDT:USDT', 'buy', 0.05), fill('bybit', 'BTC/USDT:USDT', 'sell', 0.049)],
    } as unknown as PairRecord;
    const [long, short] = legSizes(record);
    expect(long + short).toBeCloseTo(0.001, 12);
  });
});
