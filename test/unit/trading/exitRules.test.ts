import { describe, expect, it } from 'vitest';
import { exitFigures, exitsMet, exitWatch } from '../../../electron/backend/trading/exitRules.ts';
import type { Pair, PositionLeg } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

const H = 3_600_000;

function leg(venue: VenueId, size: number, entry: number, mark: number): PositionLeg {
  return {
    venue, symbol: 'BTC/USDT:USDT', size, entryPrice: entry, markPrice: mark, pricePnl: size * (mark - entry), fundingPnl: 0, fees: 0,
    net: size * (mark - entry), liquidationPrice: null, liquidationDistancePct: null, nextFundingTime: null, nextPayment: null, notionalUsd: 0, leverage: null,
  };
}

function quote(venue: VenueId, rate: number, intervalHours: number): FundingQuote {
  return {
    venue, symbol: 'BTC/USDT:USDT', base: 'BTC', multiplier: 1, rate, rateKind: 'predicted', lastSettledRate: rate, intervalHours,
    nextFundingTime: 0, markPrice: 100, indexPrice: 100, volume24hUsd: null, openInterestUsd: null, observedAt: 0,
  };
}

const pair = (legs: PositionLeg[], exits: Pair['exits']): Pair => ({
  pairId: 'p', ticketId: 't', status: 'open', openedAt: 0, closedAt: null, alignment: 'confirmed', exits, legs, deltaDrift: 0, net: 0, unhedgedReason: null, exitWatch: [], mismatches: [],
});

describe('exit rules', () => {
  const quotes = new Map([['okx BTC/USDT:USDT', quote('okx', 0.0001, 8)], ['hyperliquid BTC/USDT:USDT', quote('hyperliquid', 0.0000625, 1)]]);
  const legs = [leg('okx', 1, 100, 100), leg('hyperliquid', -1, 100, 100)];
  const rules = (p: Pair) => exitsMet(p, quotes, 0, false).map((s) => s.rule);

  it('take-profit fires when the spread (per 8 h, each leg on its own interval) is at or below target', () => {
    // short 0.0000625/h = 0.05 % per 8 h, long 0.01 % per 8 h: spread 0.04 %.
    expect(rules(pair(legs, { takeProfitSpreadPer8h: 0.0004 }))).toEqual(['take-profit']);
    expect(exitsMet(pair(legs, { takeProfitSpreadPer8h: 0.0003 }), quotes, 0, false)).toEqual([]);
  });

  it('the basis stop fires when the legs lose that fraction of notional on price', () => {
    const widened = [leg('okx', 1, 100, 99), leg('hyperliquid', -1, 100, 101)];
    const [signal] = exitsMet(pair(widened, { basisStopPct: 0.02, actions: { 'basis-stop': 'close' } }), quotes, 2 * H, false);
    expect(signal).toMatchObject({ rule: 'basis-stop', action: 'close', threshold: 0.02 });
    expect(signal.figures).toMatchObject({ basisMovePct: 0.02, pricePnl: -2, hoursHeld: 2, notionalUsd: 100 });
    expect(signal.figures.spreadPer8h).toBeCloseTo(0.0004, 12);
    expect(signal.message).toBe('pair p: basis stop hit: the price gap moved 2.00 % of notional against the pair (stop 2.00 %)');
    expect(exitsMet(pair(widened, { basisStopPct: 0.021 }), quotes, 0, false)).toEqual([]);
  });

  it('the maximum-loss stop counts funding paid and fees with the price PnL', () => {
    const paying = [{ ...leg('okx', 1, 100, 100), fundingPnl: -3, fees: 1, net: -4 }, { ...leg('hyperliquid', -1, 100, 100), fees: 1, net: -1 }];
    expect(rules(pair(paying, { maxLossUsd: 5 }))).toEqual(['max-loss']);
    expect(rules(pair(paying, { maxLossUsd: 5.01 }))).toEqual([]);
  });

  it('the maximum holding period and a reversed sector signal each raise their exit', () => {
    expect(exitsMet(pair(legs, { maxHoldingHours: 24 }), quotes, 24 * H, true).map((s) => s.rule)).toEqual(['max-holding', 'sector-reversed']);
    expect(exitsMet(pair(legs, { maxHoldingHours: 24 }), quotes, 24 * H - 1, false)).toEqual([]);
  });

  it('a condition journalled without an action only alerts, and only open pairs are watched', () => {
    expect(exitsMet(pair(legs, { takeProfitSpreadPer8h: 1 }), quotes, 0, false)[0].action).toBe('alert');
    expect(exitsMet({ ...pair(legs, { takeProfitSpreadPer8h: 1 }), status: 'unhedged' }, quotes, 0, false)).toEqual([]);
    // A pair whose second leg is not filled yet is still being opened: its one leg's loss is no basis move.
    expect(exitsMet(pair([leg('okx', 1, 100, 90), leg('hyperliquid', 0, 100, 100)], { basisStopPct: 0.01 }), quotes, 0, false)).toEqual([]);
  });

  it('the watch lists every armed exit with its figure now, its threshold and when it fired', () => {
    const widened = [leg('okx', 1, 100, 99.5), leg('hyperliquid', -1, 100, 100)];
    const p = pair(widened, { basisStopPct: 0.01, maxLossUsd: 20, takeProfitSpreadPer8h: 0.0001, maxHoldingHours: 72, actions: { 'basis-stop': 'close', 'max-loss': 'close', 'take-profit': 'alert' } });
    const watch = exitWatch(p, exitFigures(p, quotes, 6 * H), { 'take-profit': 123 });
    expect(watch).toEqual([
      { rule: 'basis-stop', action: 'close', value: 0.005, threshold: 0.01, metWhen: 'at-or-above', firedAt: null },
      { rule: 'max-loss', action: 'close', value: -0.5, threshold: -20, metWhen: 'at-or-below', firedAt: null },
      { rule: 'take-profit', action: 'alert', value: expect.closeTo(0.0004, 12), threshold: 0.0001, metWhen: 'at-or-below', firedAt: 123 },
      { rule: 'max-holding', action: 'alert', value: 6, threshold: 72, metWhen: 'at-or-above', firedAt: null },
    ]);
  });
});
