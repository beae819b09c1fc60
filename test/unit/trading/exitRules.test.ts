import { describe, expect, it } from 'vitest';
import { exitsMet } from '../../../electron/backend/trading/exitMonitor.ts';
import type { Pair, PositionLeg } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

const H = 3_600_000;

function leg(venue: VenueId, size: number, entry: number, mark: number): PositionLeg {
  return {
    venue, symbol: 'BTC/USDT:USDT', size, entryPrice: entry, markPrice: mark, pricePnl: size * (mark - entry), fundingPnl: 0, fees: 0,
    net: 0, liquidationPrice: null, liquidationDistancePct: null, nextFundingTime: null, nextPayment: null,
  };
}

function quote(venue: VenueId, rate: number, intervalHours: number): FundingQuote {
  return {
    venue, symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: rate, intervalHours,
    nextFundingTime: 0, markPrice: 100, indexPrice: 100, volume24hUsd: null, openInterestUsd: null, observedAt: 0,
  };
}

const pair = (legs: PositionLeg[], exits: Pair['exits']): Pair => ({
  pairId: 'p', ticketId: 't', status: 'open', openedAt: 0, closedAt: null, alignment: 'confirmed', exits, legs, deltaDrift: 0, net: 0, unhedgedReason: null,
});

describe('exit rules', () => {
  const quotes = new Map([['okx BTC/USDT:USDT', quote('okx', 0.0001, 8)], ['hyperliquid BTC/USDT:USDT', quote('hyperliquid', 0.0000625, 1)]]);
  const legs = [leg('okx', 1, 100, 100), leg('hyperliquid', -1, 100, 100)];

  it('take-profit fires when the spread (per 8 h, each leg on its own interval) is at or below target', () => {
    // short 0.0000625/h = 0.05 % per 8 h, long 0.01 % per 8 h: spread 0.04 %.
    expect(exitsMet(pair(legs, { takeProfitSpreadPer8h: 0.0004 }), quotes, 0, false).map((s) => s.rule)).toEqual(['take-profit']);
    expect(exitsMet(pair(legs, { takeProfitSpreadPer8h: 0.0003 }), quotes, 0, false)).toEqual([]);
  });

  it('the basis stop fires when the legs lose that fraction of notional on price', () => {
    const widened = [leg('okx', 1, 100, 99), leg('hyperliquid', -1, 100, 101)];
    expect(exitsMet(pair(widened, { basisStopPct: 0.02 }), quotes, 0, false).map((s) => s.rule)).toEqual(['basis-stop']);
    expect(exitsMet(pair(widened, { basisStopPct: 0.021 }), quotes, 0, false)).toEqual([]);
  });

  it('the maximum holding period and a reversed sector signal each raise their exit', () => {
    expect(exitsMet(pair(legs, { maxHoldingHours: 24 }), quotes, 24 * H, true).map((s) => s.rule)).toEqual(['max-holding', 'sector-reversed']);
    expect(exitsMet(pair(legs, { maxHoldingHours: 24 }), quotes, 24 * H - 1, false)).toEqual([]);
  });
});
