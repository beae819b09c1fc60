import { describe, expect, it } from 'vitest';
import { bestSpread } from '../../../shared/funding/spread.ts';
import { ratePer8h } from '../../../shared/funding/normalise.ts';
import { normaliseBase, parseUnifiedSymbol } from '../../../shared/domain/symbols.ts';
import { regimeOf } from '../../../shared/funding/regime.ts';

describe('cross-venue spread', () => {
  it('goes long where funding is lowest and short where it is highest, after normalising intervals', () => {
    const best = bestSpread([
      { venue: 'hyperliquid', ratePer8h: ratePer8h(0.0000125, 1) }, // 0.01 % per 8 h
      { venue: 'binanceusdm', ratePer8h: ratePer8h(0.0004, 4) }, // 0.08 % per 8 h
      { venue: 'okx', ratePer8h: ratePer8h(0.0002, 8) },
    ]);
    expect(best?.longVenue).toBe('hyperliquid');
    expect(best?.shortVenue).toBe('binanceusdm');
    expect(best?.spreadPer8h).toBeCloseTo(0.0007, 12);
    expect(best?.spreadApr).toBeCloseTo(0.0007 * 1095, 10);
  });
  it('needs two different venues: USDT and USDC perps on one venue make no spread', () => {
    expect(bestSpread([{ venue: 'bybit', ratePer8h: 0.001 }, { venue: 'bybit', ratePer8h: -0.001 }])).toBeNull();
  });
  it('when both extremes sit on one venue, it uses that venue on the side that pays more', () => {
    const best = bestSpread([
      { venue: 'bybit', ratePer8h: 0.002 },
      { venue: 'bybit', ratePer8h: -0.0001 },
      { venue: 'okx', ratePer8h: 0.0001 },
    ]);
    expect(best).toMatchObject({ longVenue: 'okx', shortVenue: 'bybit' });
    expect(best?.spreadPer8h).toBeCloseTo(0.0019, 12);
  });
});

describe('symbols', () => {
  it('strips multiplier prefixes so 1000PEPE, kPEPE and PEPE are one asset', () => {
    expect(parseUnifiedSymbol('1000PEPE/USDT:USDT')).toEqual({ base: 'PEPE', multiplier: 1000, quote: 'USDT', settle: 'USDT' });
    expect(normaliseBase('kPEPE')).toEqual({ base: 'PEPE', multiplier: 1000 });
    expect(normaliseBase('1000000MOG')).toEqual({ base: 'MOG', multiplier: 1_000_000 });
    expect(normaliseBase('1INCH')).toEqual({ base: '1INCH', multiplier: 1 });
  });
  it('refuses what is not a linear perp symbol', () => {
    expect(parseUnifiedSymbol('BTC/USDT')).toBeNull();
    expect(parseUnifiedSymbol('BTC/USD:BTC-260327')).toBeNull();
  });
});

describe('regime table of the domain doc (per 8 h)', () => {
  it('labels the four bands at their edges', () => {
    expect(regimeOf(0.0011)).toBe('extreme-bull');
    expect(regimeOf(0.001)).toBe('mild-bull');
    expect(regimeOf(0)).toBe('mild-bull');
    expect(regimeOf(-0.0005)).toBe('neutral-bear');
    expect(regimeOf(-0.00051)).toBe('extreme-bear');
  });
});
