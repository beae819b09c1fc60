import { describe, expect, it } from 'vitest';
import { fitSpreadDecay, meanDecayFactor, reversed, type SpreadDecay } from '../../../shared/funding/decay.ts';
import { nextSettlementAfter } from '../../../shared/funding/settlements.ts';
import { breakEvenTime, expectedCarry, receivedPer8h, type FundingLeg } from '../../../shared/risk/carry.ts';
import { CONSTANT_SPREAD } from '../../fixtures/spreadDecay.ts';
import { seededRandom } from '../../fixtures/engine/quoteSet.ts';

const HOUR = 3_600_000;
/** 00:00 UTC: 8-h settlements at 08:00 and 16:00, 1-h ones every hour. */
const NOW = Date.UTC(2026, 2, 4, 0, 0);
/** Half-life 8 h towards a level of zero. */
const HALVING: SpreadDecay = { ...CONSTANT_SPREAD, phi: 0.5, levelPer8h: 0, halfLifeHours: 8, source: 'fit', n: 30 };
const unit = (side: 'buy' | 'sell', rate: number, intervalHours: number): FundingLeg => ({ side, quantity: 1, price: 1, rate, intervalHours, nextFundingTime: null });

describe('fitting how a spread decays', () => {
  it('a spread whose excess over 0.01 % halves every 8 h: φ 0.5, half-life 8 h, level 0.01 %', () => {
    const series = Array.from({ length: 30 }, (_, k) => 0.0001 + 0.002 * 0.5 ** k);
    const fit = fitSpreadDecay(series);
    expect(fit.source).toBe('fit');
    expect(fit.n).toBe(29);
    expect(fit.phi).toBeCloseTo(0.5, 9);
    expect(fit.halfLifeHours).toBeCloseTo(8, 6);
    expect(fit.levelPer8h).toBeCloseTo(0.0001, 9);
  });

  it('realised means over the trailing 1, 3 and 7 days are the last 3, 9 and 21 points (gaps skipped)', () => {
    const series = Array.from({ length: 25 }, (_, k) => k * 1e-5);
    series[24] = Number.NaN;
    const fit = fitSpreadDecay(series);
    // Last 3: 22, 23 (24 is a gap) → 22.5e-5; last 9: 16…23 → 19.5e-5; last 21: 4…23 → 13.5e-5.
    expect(fit.realisedPer8h.d1).toBeCloseTo(22.5e-5, 12);
    expect(fit.realisedPer8h.d3).toBeCloseTo(19.5e-5, 12);
    expect(fit.realisedPer8h.d7).toBeCloseTo(13.5e-5, 12);
  });

  it('too little history falls back to the conservative default and says why, with n', () => {
    const fit = fitSpreadDecay([0.001, 0.0008, 0.0009, 0.0007, 0.0006, 0.0008, 0.0005, 0.0006, 0.0004, 0.0005]);
    expect(fit).toMatchObject({ source: 'default', n: 9, phi: 0.5 ** 4, levelPer8h: 0, halfLifeHours: 2 });
    expect(fit.reason).toBe('9 8-h pairs of history, fewer than 21');
  });

  it('a spread that does not revert (φ ≥ 1) takes the default, not a spread that never decays', () => {
    const growing = Array.from({ length: 30 }, (_, k) => 0.0001 * 1.05 ** k);
    expect(fitSpreadDecay(growing)).toMatchObject({ source: 'default', reason: 'no reversion in 29 8-h pairs' });
  });

  it('a sign-flipping spread keeps no excess after one step (φ taken as 0) around its mean', () => {
    const flipping = Array.from({ length: 30 }, (_, k) => (k % 2 ? 0.0003 : 0.0001));
    const fit = fitSpreadDecay(flipping);
    expect(fit).toMatchObject({ source: 'fit', phi: 0, halfLifeHours: 0 });
    expect(fit.levelPer8h).toBeCloseTo(0.0002, 9);
  });

  it('seen from the other side, the level and the realised means change sign', () => {
    const fit = fitSpreadDecay(Array.from({ length: 30 }, (_, k) => 0.0001 + 0.002 * 0.5 ** k));
    const other = reversed(fit);
    expect(other.levelPer8h).toBeCloseTo(-0.0001, 9);
    expect(other.realisedPer8h.d1).toBeCloseTo(-fit.realisedPer8h.d1!, 12);
    expect(other.phi).toBe(fit.phi);
  });
});

describe('the decayed path', () => {
  it('over the first 8 h a halving spread earns 0.5 / ln 2 ≈ 72.1 % of its excess on average, 36.1 % over the next 8 h', () => {
    expect(meanDecayFactor(0.5, 0, 8)).toBeCloseTo(0.5 / Math.LN2, 12);
    expect(meanDecayFactor(0.5, 8, 16)).toBeCloseTo(0.25 / Math.LN2, 12);
    expect(meanDecayFactor(1, 0, 100)).toBe(1);
  });
});

describe('expected carry under decay along each leg\'s own schedule', () => {
  // Short an 8-h leg at 0.1 %/8 h, long a 1-h leg at 0, 16 h from 00:00; the spread halves every 8 h.
  const short8h = unit('sell', 0.001, 8);
  const long1h = unit('buy', 0, 1);

  it('held constant, the 8-h short collects 2 × 0.1 % and the 1-h long pays nothing', () => {
    const [s, l] = expectedCarry([short8h, long1h], CONSTANT_SPREAD, NOW, NOW + 16 * HOUR);
    expect(s).toEqual({ settlements: 2, amount: 0.002 });
    expect(l.settlements).toBe(16);
    expect(l.amount).toBeCloseTo(0, 15);
  });

  it('decayed, each leg carries half the fall: the 8-h leg paid at 08:00 and 16:00, the 1-h leg every hour', () => {
    const [s, l] = expectedCarry([short8h, long1h], HALVING, NOW, NOW + 16 * HOUR);
    // 8-h leg: 0.1 % − half the fall averaged over its interval: (1 − 0.7213)/2 and (1 − 0.3607)/2 of 0.1 %.
    const first = 0.001 - (0.001 * (1 - 0.5 / Math.LN2)) / 2;
    const second = 0.001 - (0.001 * (1 - 0.25 / Math.LN2)) / 2;
    expect(s.settlements).toBe(2);
    expect(s.amount).toBeCloseTo(first + second, 12);
    // 1-h leg: its rate falls by half the spread's fall, per hour; over 16 h the factors sum to (1 − 0.25) / (ln 2 / 8).
    const sumOfFactors = 0.75 / (Math.LN2 / 8);
    expect(l.settlements).toBe(16);
    expect(l.amount).toBeCloseTo(-(0.001 / 16) * (16 - sumOfFactors), 12);
    // Together: the integral of the decayed spread, 0.1 % × (1 − 0.25) / ln 2 per 8 h … = 0.1082 %.
    expect(s.amount + l.amount).toBeCloseTo((0.001 * 0.75) / Math.LN2, 12);
  });

  it('break-even under decay comes later than at a constant spread, and never when the decay cannot pay the cost', () => {
    const leg = [short8h];
    // Constant: 0.1 % per settlement, 0.12 % paid at the second (16:00). Decayed: 0.0721 %, 0.1082 %, 0.1262 % → third (24:00).
    expect(breakEvenTime(leg, NOW, 0.0012, NOW + 30 * 24 * HOUR, CONSTANT_SPREAD)).toBe(NOW + 16 * HOUR);
    expect(breakEvenTime(leg, NOW, 0.0012, NOW + 30 * 24 * HOUR, HALVING)).toBe(NOW + 24 * HOUR);
    // All it will ever pay is 0.1 % × 1 / ln 2 ≈ 0.1443 %.
    expect(breakEvenTime(leg, NOW, 0.0015, NOW + 30 * 24 * HOUR, HALVING)).toBeNull();
  });

  it.each([1, 2, 3])('summed to the exit as a geometric series, the carry equals settlement-by-settlement payments (seed %i)', (seed) => {
    const random = seededRandom(seed);
    for (let k = 0; k < 40; k++) {
      const { legs, decay, now } = randomPair(random, k);
      const exit = now + Math.floor(random() * 30 * 24) * HOUR;
      const carried = expectedCarry(legs, decay, now, exit);
      legs.forEach((leg, i) => {
        const payments = walkedPayments(legs, decay, now, exit).filter((p) => p.leg === i);
        const walked = payments.reduce((sum, p) => sum + p.amount, 0);
        expect(carried[i].settlements).toBe(payments.length);
        expect(Math.abs(carried[i].amount - walked)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(walked)));
      });
    }
  });

  it.each([1, 2, 3])('break-even, with the settlements that cannot reach the cost summed at once, is the first settlement of a plain walk that pays the cost (seed %i)', (seed) => {
    const random = seededRandom(seed);
    let reached = 0;
    for (let k = 0; k < 60; k++) {
      const { legs, decay, now } = randomPair(random, k);
      const horizon = now + 30 * 24 * HOUR;
      const walk = walkedPayments(legs, decay, now, horizon);
      const most = Math.max(0, ...walk.map((_, j) => walk.slice(0, j + 1).reduce((sum, p) => sum + p.amount, 0)));
      // Up to the most the walk ever holds, and sometimes beyond it (never reached).
      const cost = (0.1 + 1.1 * random()) * (most || 0.001);
      let collected = 0;
      const first = walk.find((p) => (collected += p.amount) >= cost);
      if (first) reached++;
      expect(breakEvenTime(legs, now, cost, horizon, decay)).toBe(first?.time ?? null);
    }
    expect(reached).toBeGreaterThan(20);
  });
});

/** Two unit-less legs (short, long) of random intervals, rates and schedules, under one of five decays. */
function randomPair(random: () => number, k: number): { legs: FundingLeg[]; decay: SpreadDecay; now: number } {
  const decays: SpreadDecay[] = [CONSTANT_SPREAD, HALVING, { ...HALVING, phi: 0 }, { ...HALVING, phi: 0.95, levelPer8h: 0.00005 }, { ...HALVING, phi: 0.0625 }];
  const now = NOW + Math.floor(random() * 8 * HOUR);
  const legOf = (side: 'buy' | 'sell'): FundingLeg => {
    const intervalHours = [1, 2, 4, 8][Math.floor(random() * 4)];
    const announced = random() < 0.5 ? Math.ceil((now + 1) / (intervalHours * HOUR)) * intervalHours * HOUR : null;
    return { side, quantity: 1 + random(), price: 10 + random() * 100, rate: ((random() - 0.4) * 0.001 * intervalHours) / 8, intervalHours, nextFundingTime: announced };
  };
  return { legs: [legOf('sell'), legOf('buy')], decay: decays[k % decays.length], now };
}

/** Settlement times of a leg in (now, until]: the announced next one, then every interval. */
function legSettlements(leg: FundingLeg, now: number, until: number): number[] {
  const announced = leg.nextFundingTime !== null && leg.nextFundingTime > now ? leg.nextFundingTime : null;
  const first = announced ?? nextSettlementAfter(now, leg.intervalHours);
  const out: number[] = [];
  for (let t = first; t <= until; t += leg.intervalHours * HOUR) out.push(t);
  return out;
}

/** Expected spread per 8 h averaged over [fromHours, toHours] after now, from today's `nowPer8h`. */
function decayedSpreadPer8h(decay: SpreadDecay, nowPer8h: number, fromHours: number, toHours: number): number {
  return decay.levelPer8h + (nowPer8h - decay.levelPer8h) * meanDecayFactor(decay.phi, fromHours, toHours);
}

/**
 * Every settlement of the legs to `until` in time order (the first leg first on a tie), each
 * paying its leg's rate averaged over its interval (clipped at now), moved by half the spread's
 * expected change (docs/domain.md §1).
 */
function walkedPayments(legs: readonly FundingLeg[], decay: SpreadDecay, now: number, until: number): Array<{ leg: number; time: number; amount: number }> {
  const spreadNow = receivedPer8h(legs);
  const out = legs.flatMap((leg, i) => {
    const side = leg.side === 'sell' ? 1 : -1;
    return legSettlements(leg, now, until).map((time) => {
      const to = (time - now) / HOUR;
      const averaged = decayedSpreadPer8h(decay, spreadNow, Math.max(0, to - leg.intervalHours), to);
      return { leg: i, time, amount: side * leg.quantity * leg.price * (leg.rate + (side * (averaged - spreadNow) * leg.intervalHours) / 16) };
    });
  });
  return out.sort((a, b) => a.time - b.time || a.leg - b.leg);
}
