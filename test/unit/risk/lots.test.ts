import { describe, expect, it } from 'vitest';
import { buildPreview } from '../../../shared/risk/preview.ts';
import { commonStep, onStep, roundDownToStep } from '../../../shared/risk/lots.ts';
import { inputs, market, quote, ticket } from './ticketFixture.ts';

/** Binance BTC in 0.001 steps with a $100 minimum order; Bybit in 0.01 steps, 0.01 minimum. */
function lotted(quantity: number | null) {
  return buildPreview(inputs({
    ticket: ticket({ quantity }),
    markets: [
      market(quote('binanceusdm', 0.0001), { lot: { step: 0.001, minQuantity: 0.001, minNotional: 100 } }),
      market(quote('bybit', 0.0005), { lot: { step: 0.01, minQuantity: 0.01, minNotional: null } }),
    ],
  }));
}

const lotItem = (quantity: number | null) => lotted(quantity).checklist.find((item) => item.id === 'lot-size')!;

describe('lot steps', () => {
  it('rounds down, never up, and survives binary fractions: 0.3 in 0.1 steps is 0.3, 0.0537 in 0.01 steps is 0.05', () => {
    expect(roundDownToStep(0.3, 0.1)).toBe(0.3);
    expect(roundDownToStep(0.0537, 0.01)).toBe(0.05);
    expect(roundDownToStep(0.0599999, 0.01)).toBe(0.05);
    expect(roundDownToStep(7, 5)).toBe(5);
    expect(roundDownToStep(1.2345, null)).toBe(1.2345);
  });

  it('a step both venues can send: the coarser where it divides, the least common multiple where it does not', () => {
    const lot = (step: number | null) => ({ step, minQuantity: null, minNotional: null });
    expect(commonStep([lot(0.001), lot(0.01), null])).toBe(0.01);
    expect(commonStep([null, null])).toBeNull();
    // 0.3 coins is 1.5 lots of 0.2: 0.6 is 2 lots of 0.3 and 3 lots of 0.2.
    expect(commonStep([lot(0.3), lot(0.2)])).toBe(0.6);
    expect(commonStep([lot(0.25), lot(0.1)])).toBe(0.5);
    expect(commonStep([lot(0.04), lot(0.06)])).toBe(0.12);
    // OKX PEPE (10,000,000 coins a contract, in 0.1 contracts) against Hyperliquid kPEPE (1 kPEPE = 1,000 coins).
    expect(commonStep([lot(1_000_000), lot(1_000)])).toBe(1_000_000);
    expect(commonStep([lot(1_500), lot(1_000)])).toBe(3_000);
    expect(commonStep([lot(0.00001), lot(0.001)])).toBe(0.001);
    expect(onStep(1.23, 0.001)).toBe(true);
    expect(onStep(1.2345, 0.01)).toBe(false);
  });

  it('1.0 coin asked on a 0.3 and a 0.2 venue trades 0.6 on both: whole lots on each', () => {
    const preview = buildPreview(inputs({
      ticket: ticket({ quantity: 1 }),
      markets: [
        market(quote('binanceusdm', 0.0001), { lot: { step: 0.3, minQuantity: 0.3, minNotional: null } }),
        market(quote('bybit', 0.0005), { lot: { step: 0.2, minQuantity: 0.2, minNotional: null } }),
      ],
    }));
    expect(preview.quantity).toBe(0.6);
    expect(onStep(preview.quantity, 0.3) && onStep(preview.quantity, 0.2)).toBe(true);
    expect(preview.checklist.find((item) => item.id === 'lot-size')!.status).toBe('pass');
  });

  it('both legs trade 1.23 BTC when 1.2345 is asked on a 0.001 and a 0.01 venue', () => {
    const preview = lotted(1.2345);
    expect(preview.quantity).toBe(1.23);
    expect(preview.requestedQuantity).toBe(1.2345);
    expect(preview.legs.map((leg) => leg.quantity)).toEqual([1.23, 1.23]);
    expect(preview.notionalUsd).toBeCloseTo(1.23 * 40_000, 9);
    expect(lotItem(1.2345).status).toBe('pass');
  });

  it('the risk-sized quantity is whole lots too', () => {
    const preview = lotted(null);
    expect(onStep(preview.suggestedQuantity, 0.01)).toBe(true);
    expect(preview.quantity).toBe(preview.suggestedQuantity);
  });

  it('0.0025 BTC rounds to nothing on Bybit\'s 0.01 step and fails naming Bybit', () => {
    const item = lotItem(0.0025);
    expect(item.status).toBe('fail');
    expect(item.detail).toContain('BTC/USDT:USDT on bybit: quantity rounds down to nothing on its lot step 0.01');
  });

  it('below a venue\'s minimum order value fails naming the venue: 0.002 BTC is $80 against Binance\'s $100', () => {
    const preview = buildPreview(inputs({
      ticket: ticket({ quantity: 0.002 }),
      markets: [
        market(quote('binanceusdm', 0.0001), { lot: { step: 0.001, minQuantity: 0.001, minNotional: 100 } }),
        market(quote('bybit', 0.0005), { lot: { step: 0.001, minQuantity: 0.003, minNotional: null } }),
      ],
    }));
    const item = preview.checklist.find((i) => i.id === 'lot-size')!;
    expect(item.status).toBe('fail');
    expect(item.detail).toContain('BTC/USDT:USDT on binanceusdm: $80.00 is below its minimum order value $100.00');
    expect(item.detail).toContain('BTC/USDT:USDT on bybit: 0.002 is below its minimum quantity 0.003');
    expect(preview.passed).toBe(false);
  });
});
