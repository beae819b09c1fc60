import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/domain/orders.ts';
import { buildPreview } from '../../../shared/risk/preview.ts';
import { fillReport } from '../../../shared/risk/fillReport.ts';
import { NOW, inputs } from './ticketFixture.ts';

const order = (venue: Order['venue'], side: Order['side'], filled: number, averagePrice: number | null, fee: number, reduceOnly = false): Order => ({
  venue, symbol: 'BTC/USDT:USDT', clientOrderId: `c-${venue}-${filled}`, venueOrderId: null, side, type: 'market', price: null,
  quantity: filled, filled, averagePrice, status: 'filled', reduceOnly, fee, time: NOW,
});

/** The fixture's preview: 1 BTC, buy Binance expected at 40,000.5 (fee $20), sell Bybit at 39,999.5 (fee $22). */
function receipt(orders: Order[]) {
  const { checklist: items, passed: _passed, ...preview } = buildPreview(inputs());
  return {
    checklist: { evaluatedAt: NOW, items, alignment: preview.alignment, override: null, preview },
    execution: { pairId: 't-1', status: 'hedged' as const, orders, alerts: [], message: 'hedged' },
  };
}

describe('the fill report against the preview, on hand-checked fills', () => {
  it('a buy filled 0.6 @ 40,001 + 0.4 @ 40,002 (avg 40,001.4) and a sell 1 @ 39,999: each leg\'s slippage, fees, and the basis the fills realised', () => {
    const report = fillReport(receipt([
      order('binanceusdm', 'buy', 0.6, 40_001, 12), order('binanceusdm', 'buy', 0.4, 40_002, 8.5), order('bybit', 'sell', 1, 39_999, 22),
    ]));
    const [buy, sell] = report.legs;
    expect(buy.fillPrice).toBeCloseTo(40_001.4, 9);
    expect(buy.expectedPrice).toBe(40_000.5);
    expect(buy.slippageUsd).toBeCloseTo(0.9, 9);
    expect(buy.slippageBps).toBeCloseTo((0.9 / 40_000.5) * 10_000, 9);
    expect([buy.feesUsd, buy.expectedFeesUsd]).toEqual([20.5, 20]);
    // A sell 0.5 below what was expected costs the pair 0.5 USD, 0.125 bps.
    expect(sell.slippageUsd).toBeCloseTo(0.5, 9);
    expect(sell.slippageBps).toBeCloseTo((0.5 / 39_999.5) * 10_000, 9);
    expect([sell.feesUsd, sell.expectedFeesUsd]).toEqual([22, 22]);
    expect(report.entryBasisUsd).toBeCloseTo(2.4, 9);
    expect(report.entryBasisPct).toBeCloseTo(2.4 / 39_999, 12);
    expect(report.expectedBasisUsd).toBeCloseTo(1, 9);
  });

  it('a fill better than the preview is negative slippage; a reduce-only unwind is not part of the entry', () => {
    const report = fillReport(receipt([order('binanceusdm', 'buy', 1, 40_000, 20), order('bybit', 'sell', 1, 40_000.5, 22), order('bybit', 'buy', 1, 40_010, 22, true)]));
    expect(report.legs.map((l) => l.slippageUsd)).toEqual([-0.5, -1]);
    expect(report.legs[1].feesUsd).toBe(22);
    expect(report.entryBasisUsd).toBeCloseTo(-0.5, 9);
  });

  it('a leg that filled nothing has no fill price, slippage or entry basis', () => {
    const report = fillReport(receipt([order('binanceusdm', 'buy', 1, 40_000.5, 20), order('bybit', 'sell', 0, null, 0)]));
    expect(report.legs[1]).toMatchObject({ filled: 0, fillPrice: null, slippageBps: null, slippageUsd: null });
    expect(report.legs[0].slippageUsd).toBe(0);
    expect([report.entryBasisPct, report.entryBasisUsd]).toEqual([null, null]);
  });
});
