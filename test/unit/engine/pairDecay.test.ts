import { describe, expect, it } from 'vitest';
import type { FundingPoint } from '../../../shared/domain/quotes.ts';
import { decayFor, pairDecays, ticketDecay } from '../../../electron/engine/pairDecay.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const point = (venue: string, time: number, rate: number): FundingPoint => ({ venue, symbol: 'ABC/USDT:USDT', time, rate, intervalHours: 8, markPrice: null });

/** Bybit pays 0.01 % + an excess halving every 8 h over Binance's 0, 30 settlements; then a jump after `asOf`. */
function history(): FundingPoint[] {
  const out: FundingPoint[] = [];
  for (let k = 0; k < 30; k++) {
    out.push(point('bybit', T0 + k * 8 * H, 0.0001 + 0.002 * 0.5 ** k), point('binanceusdm', T0 + k * 8 * H, 0));
  }
  out.push(point('bybit', T0 + 30 * 8 * H, 0.01), point('binanceusdm', T0 + 30 * 8 * H, 0));
  return out;
}

describe('the venue-pair decay table', () => {
  const asOf = T0 + 29 * 8 * H;
  const table = pairDecays(history(), asOf);

  it('fits each pair once, oriented as the first venue minus the second, on what was known at asOf only', () => {
    const fit = table.get('ABC|binanceusdm|bybit')!;
    expect(table.size).toBe(1);
    expect(fit).toMatchObject({ source: 'fit', n: 29 });
    expect(fit.phi).toBeCloseTo(0.5, 9);
    expect(fit.levelPer8h).toBeCloseTo(-0.0001, 9); // binance − bybit; the 1 % settled after asOf is not in it
  });

  it('reads the fit from the side the position takes: short Bybit, long Binance receives +0.01 % in the long run', () => {
    expect(decayFor(table, 'ABC', 'bybit', 'binanceusdm').levelPer8h).toBeCloseTo(0.0001, 9);
    expect(decayFor(table, 'ABC', 'binanceusdm', 'bybit').levelPer8h).toBeCloseTo(-0.0001, 9);
  });

  it('a pair without history, and a perp/spot ticket, take the default and say why', () => {
    expect(decayFor(table, 'ABC', 'okx', 'bybit')).toMatchObject({ source: 'default', reason: 'no stored history of ABC on both okx and bybit' });
    const spot = ticketDecay(table, { base: 'ABC', legs: [
      { venue: 'bybit', symbol: 'ABC/USDT:USDT', side: 'sell', instrument: 'perp' },
      { venue: 'bybit', symbol: 'ABC/USDT', side: 'buy', instrument: 'spot' },
    ] });
    expect(spot).toMatchObject({ source: 'default', reason: 'a perp/spot carry: no venue-pair history' });
  });
});
