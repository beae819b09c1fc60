import { describe, expect, it } from 'vitest';
import { breakEvenTime, expectedCarry, legPays, type FundingLeg } from '../../../shared/risk/carry.ts';
import { planTransfers, walkBook } from '../../../shared/risk/costs.ts';
import { liquidationDistance, liquidationPrice, maintenanceRateFor, DEFAULT_MMR_MAJOR, DEFAULT_MMR_OTHER } from '../../../shared/risk/liquidation.ts';
import { lossAtStop, riskSizedQuantity } from '../../../shared/risk/sizing.ts';
import { exposureAfter } from '../../../shared/risk/exposure.ts';
import { CONSTANT_SPREAD } from '../../fixtures/spreadDecay.ts';

const HOUR = 3_600_000;
/** 10:20 UTC: the next 8-h settlement is 16:00, the next 1-h one 11:00. */
const NOW = Date.UTC(2026, 2, 4, 10, 20);

const btcShort: FundingLeg = { side: 'sell', quantity: 10, price: 45_000, rate: 0.0005, intervalHours: 8, nextFundingTime: null };

describe('carry along each leg\'s own schedule', () => {
  it('short 10 BTC at 45,000 at +0.05 %/8 h receives $225 per settlement and $675 a day', () => {
    // 10:20 to 16:00: one settlement.
    expect(expectedCarry([btcShort], CONSTANT_SPREAD, NOW, Date.UTC(2026, 2, 4, 16, 0))[0]).toMatchObject({ settlements: 1, amount: expect.closeTo(225, 9) });
    const day = expectedCarry([btcShort], CONSTANT_SPREAD, Date.UTC(2026, 2, 4, 0, 0), Date.UTC(2026, 2, 5, 0, 0))[0];
    expect(day.settlements).toBe(3);
    expect(day.amount).toBeCloseTo(675, 9);
  });

  it('a long pays a positive rate and a short pays a negative one', () => {
    expect(expectedCarry([{ ...btcShort, side: 'buy' }], CONSTANT_SPREAD, NOW, Date.UTC(2026, 2, 4, 16, 0))[0].amount).toBeCloseTo(-225, 9);
    expect(legPays({ side: 'buy', rate: 0.0001 })).toBe(true);
    expect(legPays({ side: 'sell', rate: 0.0001 })).toBe(false);
    expect(legPays({ side: 'sell', rate: -0.0001 })).toBe(true);
  });

  it('to a 12 h exit a 1-h leg counts 12 settlements and an 8-h leg 1 or 2, depending on the entry time', () => {
    const exit = NOW + 12 * HOUR; // 22:20 UTC
    const hourly = { ...btcShort, intervalHours: 1 };
    expect(expectedCarry([hourly], CONSTANT_SPREAD, NOW, exit)[0].settlements).toBe(12);
    expect(expectedCarry([btcShort], CONSTANT_SPREAD, NOW, exit)[0].settlements).toBe(1);
    // From 07:50 the same 12 h catch 08:00 and 16:00: two.
    expect(expectedCarry([btcShort], CONSTANT_SPREAD, Date.UTC(2026, 2, 4, 7, 50), Date.UTC(2026, 2, 4, 19, 50))[0].settlements).toBe(2);
  });

  it('the venue\'s announced next settlement is followed even when off the UTC grid', () => {
    const announced = Date.UTC(2026, 2, 4, 12, 0);
    // 12:00 and 20:00 before 22:20, where the UTC grid would give 16:00 alone.
    expect(expectedCarry([{ ...btcShort, nextFundingTime: announced }], CONSTANT_SPREAD, NOW, NOW + 12 * HOUR)[0].settlements).toBe(2);
    expect(expectedCarry([btcShort], CONSTANT_SPREAD, NOW, NOW + 12 * HOUR)[0].settlements).toBe(1);
  });

  it('break-even is the first settlement at which the collected funding has paid the costs', () => {
    // $225 at 16:00, 00:00, 08:00: $500 of costs are paid at the third, 08:00 next day.
    expect(breakEvenTime([btcShort], NOW, 500, NOW + 48 * HOUR, CONSTANT_SPREAD)).toBe(Date.UTC(2026, 2, 5, 8, 0));
    expect(breakEvenTime([{ ...btcShort, side: 'buy' }], NOW, 500, NOW + 48 * HOUR, CONSTANT_SPREAD)).toBeNull();
  });

  it('a paying leg delays break-even: the hourly long at +0.01 % pays $45 an hour against the short\'s $225 per 8 h', () => {
    const hourlyLong: FundingLeg = { side: 'buy', quantity: 10, price: 45_000, rate: 0.0001, intervalHours: 1, nextFundingTime: null };
    // By 16:00: 6 hourly payments (11:00…16:00) = −270, +225 → −45; never positive before 16:00 next.
    expect(breakEvenTime([btcShort, hourlyLong], NOW, 1, NOW + 48 * HOUR, CONSTANT_SPREAD)).toBeNull();
  });
});

describe('liquidation of an isolated linear leg', () => {
  it('at 10× with 0.5 % maintenance a long at 45,000 liquidates at 40,703.52 (9.55 % away)', () => {
    const price = liquidationPrice('buy', 45_000, 10, 0.005);
    expect(price).toBeCloseTo((45_000 * 0.9) / 0.995, 6);
    expect(price).toBeCloseTo(40_703.52, 2);
    expect(liquidationDistance(45_000, price)).toBeCloseTo(0.09548, 4);
  });

  it('at 10× with 0.5 % maintenance a short at 45,000 liquidates at 49,253.73 (9.45 % away)', () => {
    const price = liquidationPrice('sell', 45_000, 10, 0.005);
    expect(price).toBeCloseTo((45_000 * 1.1) / 1.005, 6);
    expect(liquidationDistance(45_000, price)).toBeCloseTo(0.09453, 4);
  });

  it('the tier a notional falls in sets the maintenance rate; without tiers the conservative default applies', () => {
    const tiers = [
      { floor: 0, cap: 50_000, maintenanceMarginRate: 0.004, maxLeverage: 125 },
      { floor: 50_000, cap: 250_000, maintenanceMarginRate: 0.005, maxLeverage: 100 },
    ];
    expect(maintenanceRateFor(tiers, 10_000, 'BTC')).toBe(0.004);
    expect(maintenanceRateFor(tiers, 50_000, 'BTC')).toBe(0.005);
    expect(maintenanceRateFor(tiers, 9e9, 'BTC')).toBe(0.005);
    expect(maintenanceRateFor(null, 10_000, 'BTC')).toBe(DEFAULT_MMR_MAJOR);
    expect(maintenanceRateFor([], 10_000, 'DOGE')).toBe(DEFAULT_MMR_OTHER);
  });
});

describe('costs', () => {
  const asks = [[100, 1], [101, 2], [103, 5]] as const;

  it('buying 2.5 from asks 1@100, 2@101 fills at 100.6 with $1.50 of slippage against the best ask', () => {
    const walk = walkBook(asks, 2.5);
    // 1 @ 100 + 1.5 @ 101 = 251.5; at the best price 250 → slippage 1.5.
    expect(walk.averagePrice).toBeCloseTo(251.5 / 2.5, 12);
    expect(walk.slippageQuote).toBeCloseTo(1.5, 12);
    expect(walk.complete).toBe(true);
    expect(walk.levelsUsed).toBe(2);
  });

  it('a book too thin for the size is reported incomplete with what it could fill', () => {
    const walk = walkBook(asks, 10);
    expect(walk.complete).toBe(false);
    expect(walk.filled).toBe(8);
  });

  it('a venue short of margin is topped up from the other venue, paying that venue\'s withdrawal fee', () => {
    const plan = planTransfers(
      [{ venue: 'binanceusdm', needed: 500, free: 200 }, { venue: 'bybit', needed: 500, free: 2_000 }],
      { binanceusdm: 1, bybit: 2, okx: 1, bitget: 1, gate: 1, hyperliquid: 1, aster: 1, kucoinfutures: 1, bingx: 1, paradex: 1, lighter: 1 },
    );
    expect(plan.moves).toEqual([{ from: 'bybit', to: 'binanceusdm', amount: 300, feeUsd: 2 }]);
    expect(plan.feeUsd).toBe(2);
    expect(plan.uncovered).toBe(0);
  });

  it('a shortfall no surplus covers is reported as uncovered', () => {
    const plan = planTransfers([{ venue: 'okx', needed: 500, free: 100 }, { venue: 'gate', needed: 100, free: 150 }], { binanceusdm: 1, bybit: 1, okx: 1, bitget: 1, gate: 1, hyperliquid: 1, aster: 1, kucoinfutures: 1, bingx: 1, paradex: 1, lighter: 1 });
    expect(plan.moves).toEqual([{ from: 'gate', to: 'okx', amount: 49, feeUsd: 1 }]);
    expect(plan.uncovered).toBeCloseTo(351, 9);
  });
});

describe('sizing and exposure', () => {
  it('the 2 % rule on $100,000 with a 1 % stop and 0.25 % costs allows $160,000 of notional', () => {
    const quantity = riskSizedQuantity({ equity: 100_000, maxRiskPct: 0.02, price: 40_000, basisStopPct: 0.01, costFraction: 0.0025, fixedCostUsd: 0 });
    expect(quantity * 40_000).toBeCloseTo(160_000, 6);
    expect(lossAtStop({ notional: 160_000, basisStopPct: 0.01, costsUsd: 400 })).toBeCloseTo(2_000, 9);
  });

  it('fixed costs come out of the risk budget first; a budget they exhaust allows nothing', () => {
    expect(riskSizedQuantity({ equity: 1_000, maxRiskPct: 0.02, price: 100, basisStopPct: 0.01, costFraction: 0, fixedCostUsd: 10 })).toBeCloseTo(10, 9);
    expect(riskSizedQuantity({ equity: 1_000, maxRiskPct: 0.02, price: 100, basisStopPct: 0.01, costFraction: 0, fixedCostUsd: 20 })).toBe(0);
  });

  it('exposure after the trade adds one leg\'s notional to the current arbitrage notional', () => {
    const check = exposureAfter(10_000, 15_000, 100_000, 0.2);
    expect(check.afterUsd).toBe(25_000);
    expect(check.afterPct).toBeCloseTo(0.25, 12);
    expect(check.roomUsd).toBe(10_000);
  });
});
