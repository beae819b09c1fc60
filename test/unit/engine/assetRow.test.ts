import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { NOW, q } from './quotes.ts';
import { CONSTANT_SPREAD } from '../../fixtures/spreadDecay.ts';
import { DEFAULT_HALF_SPREAD } from '../../../shared/risk/roundTrip.ts';

/** A 2-bp touch around the quotes' mark of 100. */
const TOUCH_1BP = { bid: 99.99, ask: 100.01 };

function rowOf(quotes: FundingQuote[], base = quotes[0].base, settings = DEFAULT_SETTINGS): Opportunity {
  const engine = new SignalEngine(settings);
  const row = engine.apply(quotes, NOW).batch.upserts.find((r) => r.base === base);
  if (!row) throw new Error(`no row for ${base}`);
  return row;
}

describe('cross-venue spread per asset', () => {
  it('compares mixed intervals per 8 h: Binance 8 h 0.01 %, Bybit 4 h 0.015 %, Hyperliquid 1 h 0.005 % → long Binance, short Hyperliquid, 0.03 %', () => {
    const row = rowOf([q('binanceusdm', 'SOL', 0.0001, 8), q('bybit', 'SOL', 0.00015, 4), q('hyperliquid', 'SOL', 0.00005, 1)]);
    expect(row.longVenue).toBe('binanceusdm');
    expect(row.shortVenue).toBe('hyperliquid');
    expect(row.spreadPer8h).toBeCloseTo(0.0003, 12);
    expect(row.spreadApr).toBeCloseTo(0.0003 * 1095, 10);
    expect(row.meanPer8h).toBeCloseTo((0.0001 + 0.0003 + 0.0004) / 3, 12);
  });

  it('USDT and USDC perps of one venue never form a spread with each other', () => {
    const usdc = q('binanceusdm', 'BTC', 0.0009, 8, { symbol: 'BTC/USDC:USDC' });
    const row = rowOf([q('binanceusdm', 'BTC', 0.0001), usdc, q('bybit', 'BTC', 0.0003)]);
    expect(row.legs).toHaveLength(3);
    expect(row.longVenue).toBe('bybit');
    expect(row.shortVenue).toBe('binanceusdm');
    expect(row.spreadPer8h).toBeCloseTo(0.0006, 12);
    expect(rowOf([q('binanceusdm', 'BTC', 0.0001), usdc]).spreadPer8h).toBeNull();
  });

  it('a stale leg is shown but excluded from the spread, the mean and the trigger', () => {
    const stale = q('okx', 'DOGE', 0.003, 8, { observedAt: NOW - 46_000 });
    const row = rowOf([q('binanceusdm', 'DOGE', 0.0001), q('bybit', 'DOGE', 0.0002), stale]);
    expect(row.legs.find((l) => l.venue === 'okx')!.stale).toBe(true);
    expect(row.spreadPer8h).toBeCloseTo(0.0001, 12);
    expect(row.meanPer8h).toBeCloseTo(0.00015, 12);
    expect(row.triggered).toBe(false);
  });

  it.each([
    [0.0010001, 'extreme-bull'],
    [0.001, 'mild-bull'],
    [0, 'mild-bull'],
    [-0.0001, 'neutral-bear'],
    [-0.0005, 'neutral-bear'],
    [-0.0005001, 'extreme-bear'],
  ] as const)('a mean of %f per 8 h reads %s', (rate, regime) => {
    expect(rowOf([q('binanceusdm', 'ETH', rate), q('bybit', 'ETH', rate)]).regime).toBe(regime);
  });
});

describe('costs and net carry', () => {
  it('a 0.06 % spread Binance/Bybit pays 0.21 % round trip: held, it would net 0.11 % a day; without history the default decay says it never pays', () => {
    const row = rowOf([q('binanceusdm', 'XRP', 0.0001, 8, TOUCH_1BP), q('bybit', 'XRP', 0.0007, 8, TOUCH_1BP)]);
    expect(row.triggered).toBe(true);
    expect(row.roundTripFees).toBeCloseTo(2 * (0.0005 + 0.00055), 12);
    expect(row.netCarryPerDay).toBeCloseTo(0.0018 - 0.0021 / 3, 12);
    // Default: the excess halves every 2 h towards 0. The first settlement (16:00, 4 h away) pays the
    // mean of 0.5^(u/2) over [0, 4] h of 0.06 %, the next eight the means over [4, 12], … [60, 68]: a telescoping sum.
    const first = 0.75 / (2 * Math.LN2);
    const rest = (0.5 ** 2 - 0.5 ** 34) / (4 * Math.LN2);
    expect(row.carry!.decay).toMatchObject({ source: 'default', n: 0, halfLifeHours: 2 });
    expect(row.carry!.expectedFunding).toBeCloseTo(0.0006 * (first + rest), 12);
    // Half of a 2-bp spread on each leg, crossed in and out: 4 × 0.01 %.
    expect(row.carry!.crossing).toBeCloseTo(0.0004, 12);
    expect(row.carry!.defaultSpreadLegs).toEqual([]);
    expect(row.carry!.net).toBeCloseTo(row.carry!.expectedFunding - 0.0021 - 0.0004, 12);
    expect(row.expectedNetPerDay).toBeCloseTo(row.carry!.net / 3, 12);
    expect(row.breakEvenHours).toBeNull();
  });

  it('with the pair\'s fit held (φ = 1), break-even is the first settlement after the fees are paid: 28 h along the 8-h schedule', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.setDecays(new Map([['XRP|binanceusdm|bybit', { ...CONSTANT_SPREAD, source: 'fit' as const, n: 90 }]]), NOW);
    // A touch of no width: the fees alone are the cost.
    const flat = { bid: 100, ask: 100 };
    const row = engine.apply([q('binanceusdm', 'XRP', 0.0001, 8, flat), q('bybit', 'XRP', 0.0007, 8, flat)], NOW).batch.upserts.find((r) => r.base === 'XRP')!;
    // bybit − binance oriented: the table's A−B is binance − bybit, so the fit is read reversed (level 0 either way).
    expect(row.carry!.expectedFunding).toBeCloseTo(0.0006 * 9, 12);
    // 0.06 % per settlement at 16:00, 00:00, 08:00, 16:00: the 4th (0.24 % ≥ 0.21 %) is 28 h after 12:00 (the minute of now).
    expect(row.breakEvenHours).toBeCloseTo(28, 9);
  });

  it('without a stated touch the entry basis is the marks\', counted when the long is dearer than the short, not the other way, and each leg crosses the default half-spread', () => {
    const dear = rowOf([q('binanceusdm', 'XRP', 0.0001, 8, { markPrice: 100.2 }), q('bybit', 'XRP', 0.0007)]);
    expect(dear.carry!.entryBasis).toBeCloseTo(0.002, 12);
    expect(dear.carry!.defaultSpreadLegs).toEqual(['long', 'short']);
    expect(dear.carry!.crossing).toBeCloseTo(4 * DEFAULT_HALF_SPREAD, 12);
    expect(dear.carry!.net).toBeCloseTo(dear.carry!.expectedFunding - 0.0021 - 0.002 - 4 * DEFAULT_HALF_SPREAD, 12);
    const cheap = rowOf([q('binanceusdm', 'XRP', 0.0001, 8, { markPrice: 99.8 }), q('bybit', 'XRP', 0.0007)]);
    expect(cheap.carry!.entryBasis).toBe(0);
  });

  it('a user fee tier replaces the venue default for that venue only', () => {
    const settings = { ...DEFAULT_SETTINGS, fees: [{ venue: 'bybit' as const, taker: 0.0002, maker: 0 }] };
    const row = rowOf([q('binanceusdm', 'XRP', 0.0001), q('bybit', 'XRP', 0.0007)], 'XRP', settings);
    expect(row.roundTripFees).toBeCloseTo(2 * (0.0005 + 0.0002), 12);
  });

  it('a spread that earns nothing has no break-even time', () => {
    const row = rowOf([q('binanceusdm', 'ADA', 0.0001), q('bybit', 'ADA', 0.0001)]);
    expect(row.spreadPer8h).toBe(0);
    expect(row.breakEvenHours).toBeNull();
    expect(row.netCarryPerDay).toBeLessThan(0);
  });
});
