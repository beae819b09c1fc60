/**
 * A buy-back of a borrowed spot short (docs/orders.md, "Spot shorts"): sized to repay the whole
 * debt after its fee, on the pair's step; journalled net of the interest AUTO_REPAY took in coins.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import type { Order } from '../../../shared/domain/orders.ts';
import { buyBackCoins, withInterestPaid } from '../../../electron/backend/trading/brokers/spotMargin.ts';

/** Binance's BTC/USDT spot terms (ccxt's recorded market: step 0.00001, taker 0.1 %). */
const binanceSpot = { market: () => ({ taker: 0.001, precision: { amount: 0.00001 } }) } as unknown as Exchange;

const buyBack: Order = {
  venue: 'binanceusdm', symbol: 'BTC/USDT', clientOrderId: 'c1', venueOrderId: '1', side: 'buy', type: 'market', price: null,
  quantity: 0.05006, filled: 0.05000994, averagePrice: 90_000, status: 'filled', reduceOnly: true, fee: 4.5054, time: 0,
};

describe('a borrowed short\'s buy-back', () => {
  it('buys what repays 0.05000021 BTC owed after its 0.1 % fee in BTC, rounded up to the step: 0.05006', () => {
    const coins = buyBackCoins(binanceSpot, 'BTC/USDT', 0.05000021);
    expect(coins).toBe(0.05006);
    expect(coins * (1 - 0.001)).toBeGreaterThanOrEqual(0.05000021);
    expect((coins - 0.00001) * (1 - 0.001)).toBeLessThan(0.05000021);
  });

  it('an exact number of steps stays as it is', () => {
    expect(buyBackCoins(binanceSpot, 'BTC/USDT', 0.04995)).toBe(0.05);
  });

  it('is journalled net of the interest it paid in coins, the interest a cost at its price', () => {
    const paid = withInterestPaid(buyBack, 0.00000021);
    expect(paid.filled).toBe(0.05000973);
    expect(paid.fee).toBeCloseTo(4.5054 + 0.00000021 * 90_000, 9);
    expect(withInterestPaid(buyBack, 0)).toBe(buyBack);
  });
});
