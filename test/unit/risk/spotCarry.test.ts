import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../../../shared/domain/ticket.ts';
import { buildPreview, type BorrowRate } from '../../../shared/risk/preview.ts';
import { inputs, market, quote, ticket } from './ticketFixture.ts';

/** 1 BTC at 40,000 (spot priced at the book's mid), held 72 h; $200,000 on each venue. */
function carry(spot: { venue: 'gate' | 'binanceusdm' | 'hyperliquid'; side: 'buy' | 'sell' }, apr = DEFAULT_RISK_SETTINGS.spotBorrowApr, borrow: BorrowRate | null = null) {
  const perpSide = spot.side === 'sell' ? 'buy' : 'sell';
  return buildPreview(inputs({
    ticket: ticket({
      kind: 'perp-spot',
      legs: [
        { venue: 'bybit', symbol: 'BTC/USDT:USDT', side: perpSide, instrument: 'perp' },
        { venue: spot.venue, symbol: 'BTC/USDT', side: spot.side, instrument: 'spot' },
      ],
    }),
    risk: { ...DEFAULT_RISK_SETTINGS, spotBorrowApr: apr },
    markets: [market(quote('bybit', -0.0005)), { ...market(null), borrow }],
    balances: new Map([['bybit', { equity: 200_000, free: 200_000 }], [spot.venue, { equity: 200_000, free: 200_000 }]]),
  }));
}

describe('perp/spot carry costs', () => {
  it('the spot leg pays the venue\'s spot taker fee on open and close: Gate 0.2 % of $40,000 twice is $160', () => {
    const preview = carry({ venue: 'gate', side: 'sell' });
    expect(preview.legs[1].feesUsd).toBeCloseTo(160, 9);
    // The perp leg keeps Bybit's derivatives taker fee: 0.055 % twice is $44.
    expect(preview.legs[0].feesUsd).toBeCloseTo(44, 9);
    expect(preview.costs.feesUsd).toBeCloseTo(204, 9);
  });

  it('Binance spot at 0.1 % costs $80 round trip and Hyperliquid spot at 0.07 % costs $56', () => {
    expect(carry({ venue: 'binanceusdm', side: 'buy' }).legs[1].feesUsd).toBeCloseTo(80, 9);
    expect(carry({ venue: 'hyperliquid', side: 'buy' }).legs[1].feesUsd).toBeCloseTo(56, 9);
  });

  it('a spot sell pays borrow interest to the planned exit: 10 % APR on $40,000 for 72 h is $32.88', () => {
    const preview = carry({ venue: 'gate', side: 'sell' });
    expect(preview.legs[1].borrowUsd).toBeCloseTo((40_000 * 0.1 * 72) / 8760, 9);
    expect(preview.costs.borrowUsd).toBeCloseTo(32.876712, 5);
    expect(preview.costs.totalUsd).toBeCloseTo(204 + 32.876712 + preview.costs.slippageUsd + preview.costs.exitSlippageUsd + preview.costs.crossingUsd + preview.costs.basisUsd + preview.costs.transferUsd, 5);
    expect(preview.checklist.find((item) => item.id === 'costs')!.detail).toContain('borrow interest $32.88 for BTC/USDT on gate (0.0274 %/day, Settings APR)');
    expect([preview.legs[1].borrowDailyRate, preview.legs[1].borrowRateSource]).toEqual([0.1 / 365, 'settings']);
  });

  it('the venue\'s own daily rate comes first: Binance\'s 0.01 %/day on $40,000 for 72 h is $12, shown per leg with when it was read', () => {
    const readAt = Date.UTC(2026, 11, 3, 6, 5);
    const preview = carry({ venue: 'binanceusdm', side: 'sell' }, 0.25, { dailyRate: 0.0001, readAt });
    expect(preview.legs[1].borrowUsd).toBeCloseTo(12, 9);
    expect([preview.legs[1].borrowDailyRate, preview.legs[1].borrowRateSource, preview.legs[1].borrowRateReadAt]).toEqual([0.0001, 'venue', readAt]);
    expect(preview.costs.borrowUsd).toBeCloseTo(12, 9);
    expect(preview.checklist.find((item) => item.id === 'costs')!.detail).toContain('borrow interest $12.00 for BTC/USDT on binanceusdm (0.0100 %/day, venue (read 06:05 UTC))');
    // A borrowed short holds half its notional as collateral (Cross Margin Classic, 3×).
    expect(preview.legs[1].marginNeeded).toBeCloseTo(preview.legs[1].quantity * preview.legs[1].markPrice * 0.5, 6);
  });

  it('the borrow rate is the risk setting\'s: 25 % APR for 72 h on $40,000 is $82.19', () => {
    expect(carry({ venue: 'gate', side: 'sell' }, 0.25).costs.borrowUsd).toBeCloseTo(82.191781, 5);
  });

  it('a spot buy borrows nothing, and perp legs never pay borrow', () => {
    const preview = carry({ venue: 'gate', side: 'buy' });
    expect(preview.legs.map((leg) => leg.borrowUsd)).toEqual([0, 0]);
    expect(preview.legs.map((leg) => leg.borrowDailyRate)).toEqual([null, null]);
    expect(preview.costs.borrowUsd).toBe(0);
  });
});
