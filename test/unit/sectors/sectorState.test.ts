import { describe, expect, it } from 'vitest';
import { computeSectorState, type AssetHistory } from '../../../electron/engine/sectors.ts';
import { alignOpportunity } from '../../../electron/engine/alignment.ts';

const H = 3_600_000;
const NOW = Date.UTC(2026, 2, 1);
const HOURS = 8 * 24;

/** Hourly history over 8 days; `funding(h)` and `price(h)` get the hours before now (0 = now). */
function asset(base: string, funding: (hoursAgo: number) => number, price: (hoursAgo: number) => number = () => 100, oi: (hoursAgo: number) => number = () => 1e6): AssetHistory {
  const ago = Array.from({ length: HOURS + 1 }, (_, i) => HOURS - i);
  return {
    base, times: Float64Array.from(ago, (h) => NOW - h * H), fundingPer8h: Float64Array.from(ago, funding),
    price: Float64Array.from(ago, price), openInterestUsd: Float64Array.from(ago, oi),
  };
}
const MAP = new Map([['D1', 'DeFi'], ['D2', 'DeFi'], ['D3', 'DeFi'], ['L1', 'Layer 1'], ['L2', 'Layer 1'], ['L3', 'Layer 1'], ['M1', 'Meme'], ['M2', 'Meme'], ['M3', 'Meme'], ['BTC', 'Layer 1'], ['ETH', 'Layer 1']]);
/** DeFi jumps from 0.03 % to ≈0.12 % in the last 8 h and falls 8 % in price; Layer 1 flat at 0.03 %; Meme at −0.03 %. */
function market(): AssetHistory[] {
  const defi = (level: number) => (h: number) => (h < 8 ? level : 0.0003);
  return [
    asset('D1', defi(0.001), (h) => (h < 24 ? 92 : 100), () => 1e6), asset('D2', defi(0.0012), (h) => (h < 24 ? 92 : 100), () => 1e6),
    asset('D3', defi(0.0016), (h) => (h < 24 ? 92 : 100), () => 2e6),
    asset('L1', () => 0.0003), asset('L2', () => 0.0003), asset('L3', () => 0.0003),
    asset('M1', () => -0.0003), asset('M2', () => -0.0003), asset('M3', () => -0.0003),
  ];
}
const sectorIn = (snapshot: ReturnType<typeof computeSectorState>, name: string) => snapshot.sectors.find((s) => s.sector === name)!;

describe('sector state', () => {
  it('median and OI-weighted funding per 8 h (DeFi 0.10/0.12/0.16 % with OI 1:1:2 → median 0.12 %, weighted 0.135 %)', () => {
    const defi = sectorIn(computeSectorState(NOW, market(), MAP), 'DeFi');
    expect(defi.medianPer8h).toBe(0.0012);
    expect(defi.oiWeightedPer8h).toBeCloseTo(0.00135, 12);
    expect(defi.assets).toBe(3);
  });

  it('funding change over 1 h, 8 h and 24 h of the sector median', () => {
    const defi = sectorIn(computeSectorState(NOW, market(), MAP), 'DeFi');
    expect(defi.change1h).toBe(0);
    expect(defi.change8h).toBeCloseTo(0.0009, 12);
    expect(defi.change24h).toBeCloseTo(0.0009, 12);
  });

  it('price returns and relative strength: DeFi −8 % over 24 h while the market median is flat', () => {
    const defi = sectorIn(computeSectorState(NOW, market(), MAP), 'DeFi');
    expect(defi.return4h).toBe(0);
    expect(defi.return24h).toBeCloseTo(-0.08, 12);
    expect(defi.return48h).toBeCloseTo(-0.08, 12);
    expect(defi.relativeStrength24h).toBeCloseTo(-0.08, 12);
  });

  it('divergence from the cross-sector median as a level and a z-score, and the rotation label', () => {
    const snapshot = computeSectorState(NOW, market(), MAP);
    const defi = sectorIn(snapshot, 'DeFi');
    expect(snapshot.crossSectorMedianPer8h).toBe(0.0003);
    expect(defi.divergence).toBeCloseTo(0.0009, 12);
    expect(defi.divergenceZ!).toBeGreaterThan(2);
    expect(sectorIn(snapshot, 'Meme').divergence).toBeCloseTo(-0.0006, 12);
    expect(snapshot.rotation).toEqual({ outOf: ['DeFi'], into: ['Meme'], label: 'rotation out of DeFi / into Meme' });
  });

  it('open-interest change over 24 h', () => {
    const rising = [...market().slice(3), ...['D1', 'D2', 'D3'].map((b) => asset(b, () => 0.0003, () => 100, (h) => (h < 24 ? 1.5e6 : 1e6)))];
    expect(sectorIn(computeSectorState(NOW, rising, MAP), 'DeFi').oiChange24h).toBeCloseTo(0.5, 12);
  });

  it('BTC/ETH divergence above 0.05 % per 8 h is flagged, at 0.05 % it is not', () => {
    const flagged = computeSectorState(NOW, [...market(), asset('BTC', () => 0.0001), asset('ETH', () => 0.0007)], MAP);
    expect(flagged.btcEth.divergencePer8h).toBeCloseTo(-0.0006, 12);
    expect(flagged.btcEth.flagged).toBe(true);
    const quiet = computeSectorState(NOW, [...market(), asset('BTC', () => 0.00015), asset('ETH', () => 0.00015 + 0.0005)], MAP);
    expect(quiet.btcEth.flagged).toBe(false);
  });

  it('stale data is not used: an asset whose last value is 3 h old drops out of the median', () => {
    const stale = market().map((a) => (a.base === 'D3' ? { ...a, times: a.times.map((t) => t - 3 * H) } : a));
    const defi = sectorIn(computeSectorState(NOW, stale, MAP), 'DeFi');
    expect(defi.assets).toBe(2);
    expect(defi.medianPer8h).toBeNull();
  });
});

describe('alignment', () => {
  const snapshot = computeSectorState(NOW, market(), MAP);
  it('confirmed: longs pay on a DeFi asset while DeFi is overheated and not reversing', () => {
    const a = alignOpportunity({ base: 'D1', meanPer8h: 0.001 }, snapshot, MAP);
    expect(a.tag).toBe('confirmed');
    expect(a.reason).toMatch(/DeFi is overheated.*D1 funding agrees/);
  });
  it('contradicted: shorts pay on a DeFi asset while the sector crowd is long', () => {
    const a = alignOpportunity({ base: 'D2', meanPer8h: -0.0004 }, snapshot, MAP);
    expect(a.tag).toBe('contradicted');
    expect(a.reason).toContain('likely to revert');
  });
  it('contradicted: the overheated sector funding fell by ≥ 0.02 % in 8 h (rotation under way)', () => {
    const cooling = market().map((a) => (a.base.startsWith('D') ? { ...a, fundingPer8h: a.fundingPer8h.map((v, i, all) => (i === all.length - 1 ? v - 0.0003 : i >= all.length - 8 ? v : 0.0003 + 0.0015)) } : a));
    const a = alignOpportunity({ base: 'D1', meanPer8h: 0.0008 }, computeSectorState(NOW, cooling, MAP), MAP);
    expect(a.tag).toBe('contradicted');
    expect(a.reason).toContain('reversing');
  });
  it('neutral: no signal in Layer 1, and an asset without a sector', () => {
    expect(alignOpportunity({ base: 'L1', meanPer8h: 0.0003 }, snapshot, MAP)).toMatchObject({ tag: 'neutral', sector: 'Layer 1' });
    expect(alignOpportunity({ base: 'ZZZ', meanPer8h: 0.0003 }, snapshot, MAP)).toMatchObject({ tag: 'neutral', sector: null, reason: expect.stringContaining('no sector') });
  });
});
