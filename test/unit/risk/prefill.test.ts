import { describe, expect, it } from 'vitest';
import type { Leg, Opportunity } from '../../../shared/domain/signals.ts';
import { prefillFromOpportunity, PrefillError, spotSymbolOf } from '../../../shared/risk/prefill.ts';

const leg = (venue: Leg['venue'], ratePer8h: number, symbol = 'ETH/USDT:USDT', stale = false): Leg => ({
  venue, symbol, rate: ratePer8h, rateKind: 'predicted', intervalHours: 8, ratePer8h, apr: ratePer8h * 1095, nextFundingTime: null, markPrice: 3_000, stale, observedAt: 0,
});

const opportunity = (legs: Leg[], longVenue: Leg['venue'] | null, shortVenue: Leg['venue'] | null): Opportunity => ({
  base: 'ETH', legs, longVenue, shortVenue, spreadPer8h: 0.0007, spreadApr: 0.77, roundTripFees: 0.002, netCarryPerDay: 0.001, breakEvenHours: 20,
  meanPer8h: 0.0004, regime: 'mild-bull', velocity: { h1: null, h4: null, h24: null }, persistenceHours: 0, triggered: true, nextFundingTime: null, rank: 1, alignment: null,
});

describe('a ticket prefilled from an opportunity', () => {
  const row = opportunity([leg('okx', 0.0001), leg('bybit', 0.0008), leg('gate', -0.0003, 'ETH/USDT:USDT', true)], 'okx', 'bybit');

  it('perp/perp goes long the low-funding venue and short the high one, with size, stop and exits left to the trader', () => {
    const ticket = prefillFromOpportunity(row, 'perp-perp', 'p1');
    expect(ticket.legs).toEqual([
      { venue: 'okx', symbol: 'ETH/USDT:USDT', side: 'buy', instrument: 'perp' },
      { venue: 'bybit', symbol: 'ETH/USDT:USDT', side: 'sell', instrument: 'perp' },
    ]);
    expect([ticket.quantity, ticket.basisStopPct, ticket.maxHoldingHours, ticket.takeProfitSpreadPer8h]).toEqual([null, null, null, null]);
  });

  it('exits start at the trader\'s Settings: stop, USD max loss and holding as set, the take-profit a quarter of the 0.07 %/8 h the legs earn (0.0175 %)', () => {
    const exits = { basisStopPct: 0.015, maxLossUsd: 250, takeProfitOfSpread: 0.25, maxHoldingHours: 48 };
    const ticket = prefillFromOpportunity(row, 'perp-perp', 'p2', 3, exits);
    expect([ticket.basisStopPct, ticket.maxLoss, ticket.maxHoldingHours]).toEqual([0.015, { unit: 'usd', value: 250 }, 48]);
    expect(ticket.takeProfitSpreadPer8h).toBeCloseTo(0.000175, 12);
    // The carry earns the short perp's 0.08 %/8 h alone (spot pays none): a quarter is 0.02 %.
    expect(prefillFromOpportunity(row, 'perp-spot', 'c0', 3, exits).takeProfitSpreadPer8h).toBeCloseTo(0.0002, 12);
  });

  it('a take-profit default on legs that earn nothing now leaves the field empty rather than one met at entry', () => {
    const flat = opportunity([leg('okx', 0.0001), leg('bybit', 0.0001)], 'okx', 'bybit');
    const ticket = prefillFromOpportunity(flat, 'perp-perp', 'p3', 3, { basisStopPct: null, maxLossUsd: null, takeProfitOfSpread: 0.5, maxHoldingHours: null });
    expect([ticket.takeProfitSpreadPer8h, ticket.maxLoss]).toEqual([null, null]);
  });

  it('carry on a positive rate shorts the perp and buys spot on the venue with the largest fresh |rate|', () => {
    expect(prefillFromOpportunity(row, 'perp-spot', 'c1').legs).toEqual([
      { venue: 'bybit', symbol: 'ETH/USDT:USDT', side: 'sell', instrument: 'perp' },
      { venue: 'bybit', symbol: 'ETH/USDT', side: 'buy', instrument: 'spot' },
    ]);
  });

  it('carry on a negative rate longs the perp and sells spot', () => {
    const negative = opportunity([leg('binanceusdm', -0.0009), leg('bybit', 0.0001)], 'binanceusdm', 'bybit');
    expect(prefillFromOpportunity(negative, 'perp-spot', 'c2').legs.map((l) => [l.side, l.instrument])).toEqual([['buy', 'perp'], ['sell', 'spot']]);
  });

  it('a negative rate\'s carry sells spot where the terminal borrows (Binance) before a larger negative rate on a venue that lends nothing', () => {
    const row = opportunity([leg('hyperliquid', -0.0012), leg('binanceusdm', -0.0004), leg('okx', 0.0001)], 'hyperliquid', 'okx');
    expect(prefillFromOpportunity(row, 'perp-spot', 'c5').legs).toEqual([
      { venue: 'binanceusdm', symbol: 'ETH/USDT:USDT', side: 'buy', instrument: 'perp' },
      { venue: 'binanceusdm', symbol: 'ETH/USDT', side: 'sell', instrument: 'spot' },
    ]);
  });

  // Aster and KuCoin Futures have no spot leg in this terminal; Hyperliquid's spot is traded.
  it('carry goes to a venue whose spot is traded (Binance, Bybit, OKX, Bitget, Gate, Hyperliquid) before a larger rate elsewhere, and to the largest |rate| when none is', () => {
    const larger = opportunity([leg('aster', 0.0012), leg('kucoinfutures', 0.0011), leg('binanceusdm', 0.0004)], 'binanceusdm', 'aster');
    expect(prefillFromOpportunity(larger, 'perp-spot', 'c3').legs.map((l) => l.venue)).toEqual(['binanceusdm', 'binanceusdm']);
    const hyper = opportunity([leg('aster', 0.0012), leg('hyperliquid', 0.0011), leg('binanceusdm', 0.0004)], 'binanceusdm', 'aster');
    expect(prefillFromOpportunity(hyper, 'perp-spot', 'c6').legs.map((l) => l.venue)).toEqual(['hyperliquid', 'hyperliquid']);
    const none = opportunity([leg('aster', 0.0012), leg('kucoinfutures', 0.0011)], 'kucoinfutures', 'aster');
    expect(prefillFromOpportunity(none, 'perp-spot', 'c4').legs.map((l) => l.venue)).toEqual(['aster', 'aster']);
  });

  it('a venue whose leg is stale cannot be prefilled', () => {
    expect(() => prefillFromOpportunity(opportunity(row.legs, 'gate', 'bybit'), 'perp-perp', 'p2')).toThrow(PrefillError);
    expect(() => spotSymbolOf('ETHUSDT')).toThrow(/not a linear perp symbol/);
  });

  it('a best pair on a monitoring-only venue (Paradex) becomes the widest pair on traded venues; a carry never goes there', () => {
    const paradexShort = opportunity([leg('okx', 0.0001), leg('bybit', 0.0005), leg('gate', 0.0003), leg('paradex', 0.0012)], 'okx', 'paradex');
    expect(prefillFromOpportunity(paradexShort, 'perp-perp', 'k1').legs.map((l) => [l.venue, l.side])).toEqual([['okx', 'buy'], ['bybit', 'sell']]);
    expect(prefillFromOpportunity(paradexShort, 'perp-spot', 'k2').legs.map((l) => l.venue)).toEqual(['bybit', 'bybit']);
    const alone = opportunity([leg('okx', 0.0001), leg('paradex', 0.0012)], 'okx', 'paradex');
    expect(() => prefillFromOpportunity(alone, 'perp-perp', 'k3')).toThrow('ETH: the best pair needs Paradex, which the terminal only monitors, and no two traded venues quote it fresh');
  });
});
