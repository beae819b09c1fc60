import { describe, expect, it } from 'vitest';
import type { Leg } from '../../../shared/domain/signals.ts';
import { legOf } from '../../../electron/engine/legs.ts';
import { CarryMemo, rowCarry } from '../../../electron/engine/rowCarry.ts';
import { pairDecays } from '../../../electron/engine/pairDecay.ts';
import { makeQuote, seededRandom } from '../../fixtures/engine/quoteSet.ts';

const NOW = Date.UTC(2026, 2, 2, 12, 0, 1);
const FEES = { long: 0.0005, short: 0.00045 };
const HOLDING_DAYS = 7;

function pairOf(seed: number): { long: Leg; short: Leg } {
  const random = seededRandom(seed);
  const long = legOf({ ...makeQuote('okx', 3, NOW, random, 8), rate: -0.0002 }, NOW)!;
  const short = legOf({ ...makeQuote('hyperliquid', 3, NOW, random, 1), rate: 0.0001 }, NOW)!;
  return { long, short };
}

describe('carry memo', () => {
  it('re-observed legs (new objects, same rates, marks and schedule) reuse the carry; it equals a fresh one', () => {
    const memo = new CarryMemo();
    const { long, short } = pairOf(1);
    const first = memo.carry('A003', long, short, FEES, HOLDING_DAYS, null, NOW);
    expect(first).toEqual(rowCarry('A003', long, short, FEES, HOLDING_DAYS, null, NOW));
    const again = memo.carry('A003', { ...long, stale: true }, { ...short }, FEES, HOLDING_DAYS, null, NOW + 30_000);
    expect(again).toBe(first);
    expect(memo.computed).toBe(1);
  });

  it.each([
    ['the long leg’s rate', (p: { long: Leg; short: Leg }) => ({ ...p, long: { ...p.long, rate: p.long.rate * 1.01 } }), FEES, null, NOW],
    ['the short leg’s mark', (p: { long: Leg; short: Leg }) => ({ ...p, short: { ...p.short, markPrice: p.short.markPrice! * 1.001 } }), FEES, null, NOW],
    ['the next settlement', (p: { long: Leg; short: Leg }) => ({ ...p, long: { ...p.long, nextFundingTime: p.long.nextFundingTime! + 3_600_000 } }), FEES, null, NOW],
    ['the long leg’s fee', (p: { long: Leg; short: Leg }) => p, { ...FEES, long: FEES.long * 2 }, null, NOW],
    ['the short leg’s fee', (p: { long: Leg; short: Leg }) => p, { ...FEES, short: FEES.short * 2 }, null, NOW],
    ['the long leg’s bid', (p: { long: Leg; short: Leg }) => ({ ...p, long: { ...p.long, bid: p.long.bid! * 0.9999 } }), FEES, null, NOW],
    ['the short leg’s ask', (p: { long: Leg; short: Leg }) => ({ ...p, short: { ...p.short, ask: p.short.ask! * 1.0001 } }), FEES, null, NOW],
    ['the decay fits', (p: { long: Leg; short: Leg }) => p, FEES, pairDecays([], NOW), NOW],
    ['the minute', (p: { long: Leg; short: Leg }) => p, FEES, null, NOW + 60_000],
  ])('a change of %s computes the carry again, as rowCarry gives it', (_what, change, fees, decays, now) => {
    const memo = new CarryMemo();
    const pair = pairOf(2);
    memo.carry('A003', pair.long, pair.short, FEES, HOLDING_DAYS, null, NOW);
    const { long, short } = change(pair);
    const next = memo.carry('A003', long, short, fees, HOLDING_DAYS, decays, now);
    expect(memo.computed).toBe(2);
    expect(next).toEqual(rowCarry('A003', long, short, fees, HOLDING_DAYS, decays, now));
  });
});
