/**
 * Alerts on held pairs that are not exits (docs/exits.md, "Alerts on held pairs"): a stop
 * coming near (80 % of the way, re-armed below 60 %), and a settlement at which the pair paid
 * funding instead of earning it (once until it earns again). Figures as the exit watch and the
 * funding journal give them.
 */
import { describe, expect, it } from 'vitest';
import { FundingPaidWatch, NEAR_REARM_SHARE, NEAR_SHARE, StopProximity, type PairPayment } from '../../../electron/backend/trading/positionAlerts.ts';
import type { ExitWatch, Pair } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';

const quotes = new Map<string, FundingQuote>();

function pairWith(watch: ExitWatch[]): Pair {
  const leg = { symbol: 'PEPE/USDT:USDT', size: 1, entryPrice: 1, markPrice: 1, pricePnl: 0, fundingPnl: 0, fees: 0, net: 0,
    liquidationPrice: null, liquidationDistancePct: null, nextFundingTime: null, nextPayment: null, notionalUsd: 1, leverage: null };
  return {
    pairId: 'p7', ticketId: 't7', status: 'open', openedAt: 0, closedAt: null, alignment: null, exits: {}, deltaDrift: 0, net: 0,
    unhedgedReason: null, mismatches: [], exitWatch: watch,
    legs: [{ ...leg, venue: 'bybit' }, { ...leg, venue: 'okx', size: -1 }],
  };
}

const basis = (value: number, extra: Partial<ExitWatch> = {}): ExitWatch =>
  ({ rule: 'basis-stop', action: 'close', value, threshold: 0.01, metWhen: 'at-or-above', firedAt: null, ...extra });

describe('stop near', () => {
  it('alerts once when the basis passes 80 % of its stop, stays silent while it wobbles there, and again after it fell back below 60 %', () => {
    const proximity = new StopProximity();
    const path = [0.005, 0.0082, 0.0079, 0.0085, 0.0065, 0.0081, 0.0059, 0.0083];
    const alerts = path.map((value) => proximity.alerts([pairWith([basis(value)])], quotes));
    expect(alerts.map((a) => a.length)).toEqual([0, 1, 0, 0, 0, 0, 0, 1]);
    expect(alerts[1][0]).toEqual({
      severity: 'warn',
      message: 'pair p7 (PEPE): basis moved 0.82 % against the pair, 82 % of the way to its basis stop of 1.00 % (the pair is closed there)',
      about: { kind: 'position', base: 'PEPE', condition: 'near:basis-stop:p7' },
    });
    expect([NEAR_SHARE, NEAR_REARM_SHARE]).toEqual([0.8, 0.6]);
  });

  it('says nothing for a stop already met or fired (the exit says it), nor for the exits that are not stops', () => {
    const proximity = new StopProximity();
    expect(proximity.alerts([pairWith([basis(0.012)])], quotes)).toEqual([]);
    expect(new StopProximity().alerts([pairWith([basis(0.009, { firedAt: 5 })])], quotes)).toEqual([]);
    const holding: ExitWatch = { rule: 'max-holding', action: 'alert', value: 70, threshold: 72, metWhen: 'at-or-above', firedAt: null };
    expect(new StopProximity().alerts([pairWith([holding])], quotes)).toEqual([]);
  });

  it('watches the maximum-loss stop on the net PnL, in dollars, and says when the stop only alerts', () => {
    const loss: ExitWatch = { rule: 'max-loss', action: 'alert', value: -85.39, threshold: -100, metWhen: 'at-or-below', firedAt: null };
    const [near] = new StopProximity().alerts([pairWith([loss])], quotes);
    expect(near.message).toBe('pair p7 (PEPE): net −$85.39, 85 % of the way to its maximum-loss limit of −$100.00 (alert only there: nothing closes the pair)');
    expect(new StopProximity().alerts([pairWith([{ ...loss, value: 40 }])], quotes)).toEqual([]);
  });
});

describe('funding paid', () => {
  const H = 3_600_000;
  const T0 = Date.UTC(2026, 2, 1, 8);
  const pay = (time: number, venue: PairPayment['venue'], amount: number): PairPayment => ({ pairId: 'p7', venue, symbol: 'PEPE/USDT:USDT', time, amount });
  const baseOf = () => 'PEPE';

  it('alerts at the first settlement the pair paid net, once while it keeps paying, and again after it earned', () => {
    const watch = new FundingPaidWatch();
    const settlements = [
      [pay(T0, 'bybit', -2.1), pay(T0 + 3, 'okx', 3.4)], // earned 1.30
      [pay(T0 + 8 * H, 'bybit', -2.1), pay(T0 + 8 * H, 'okx', 0.87)], // paid 1.23
      [pay(T0 + 16 * H, 'bybit', -1.5), pay(T0 + 16 * H, 'okx', 0.2)], // paid again: not repeated
      [pay(T0 + 24 * H, 'bybit', 0.4), pay(T0 + 24 * H, 'okx', 0.1)], // earned: re-armed
      [pay(T0 + 32 * H, 'okx', -0.05)], // paid
    ];
    const alerts = settlements.map((payments) => watch.alerts(payments, baseOf));
    expect(alerts.map((a) => a.length)).toEqual([0, 1, 0, 0, 1]);
    expect(alerts[1][0].message).toBe('pair p7 (PEPE) paid funding at the 16:00 UTC settlement instead of earning it: net −$1.23 (Bybit PEPE/USDT:USDT −$2.10, OKX PEPE/USDT:USDT +$0.87); not repeated while it keeps paying');
    expect(alerts[1][0].about).toEqual({ kind: 'position', base: 'PEPE', condition: 'funding-paid:p7' });
  });

  it('judges a 1 h leg at its own settlements: the hours the 8 h leg does not settle are the 1 h leg alone', () => {
    const watch = new FundingPaidWatch();
    const hourly = [pay(T0, 'bybit', 0.3), pay(T0, 'okx', -0.1), pay(T0 + H, 'okx', -0.1)];
    const alerts = watch.alerts(hourly, baseOf);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toContain('at the 09:00 UTC settlement');
  });
});
