import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { canonicalBase, type SectorMap } from '../../../shared/sectors/sectorOf.ts';

/**
 * The event study written the obvious way, straight from the definition, sharing no code
 * with the engine: for every grid point and asset, scan the asset's whole history for the latest
 * row at or before the time. O(grid × rows). The fast engine must give the same numbers.
 */
const H = 3_600_000;
const GRID = 8 * H;

export interface NaiveEvent { sector: string; time: number; divergence: number; hit: boolean | null; sectorReturn: number | null; marketReturn: number | null }
export interface NaiveTotals { n: number; hits: number; excluded: number; basePoints: number; baseHits: number }

export function naiveEventStudy(funding: readonly FundingPoint[], prices: readonly PricePoint[], map: SectorMap, X: number, Z: number, k: number, maxPriceAgeHours = 8, minAssets = 3) {
  const fundingBy = new Map<string, FundingPoint[]>();
  for (const p of funding) {
    const base = canonicalBase(p.symbol);
    if (!map.has(base)) continue;
    if (!fundingBy.has(base)) fundingBy.set(base, []);
    fundingBy.get(base)!.push({ ...p, time: Math.round(p.time / 60_000) * 60_000 });
  }
  const priceBy = new Map<string, Map<string, PricePoint[]>>();
  for (const p of prices) {
    const base = canonicalBase(p.symbol);
    if (!map.has(base)) continue;
    if (!priceBy.has(base)) priceBy.set(base, new Map());
    const bySeries = priceBy.get(base)!;
    if (!bySeries.has(`${p.venue}|${p.symbol}`)) bySeries.set(`${p.venue}|${p.symbol}`, []);
    bySeries.get(`${p.venue}|${p.symbol}`)!.push(p);
  }
  const assets = [...new Set([...fundingBy.keys(), ...priceBy.keys()])];
  const sectors = [...new Set(assets.map((a) => map.get(a) as string))].sort();
  let firstTime = Infinity;
  let lastTime = -Infinity;
  for (const p of [...fundingBy.values()].flat()) { firstTime = Math.min(firstTime, p.time); lastTime = Math.max(lastTime, p.time); }
  const grid: number[] = [];
  for (let t = Math.ceil(firstTime / GRID) * GRID; t <= lastTime; t += GRID) grid.push(t);

  const fundingAt = (asset: string, t: number): number | null => {
    const perVenue = new Map<string, FundingPoint>();
    for (const p of fundingBy.get(asset) ?? []) {
      const key = `${p.venue}|${p.symbol}`;
      const best = perVenue.get(key);
      if (p.time <= t && (!best || p.time >= best.time)) perVenue.set(key, p);
    }
    const fresh = [...perVenue.values()].filter((p) => t - p.time <= p.intervalHours * H).map((p) => (p.rate * 8) / p.intervalHours);
    return fresh.length ? fresh.reduce((a, b) => a + b, 0) / fresh.length : null;
  };
  const closeAt = (series: PricePoint[], t: number): number | null => {
    let best: PricePoint | null = null;
    for (const p of series) if (p.time <= t && (!best || p.time >= best.time)) best = p;
    return best && t - best.time <= maxPriceAgeHours * H ? best.close : null;
  };
  const assetReturn = (asset: string, t: number): number | null => {
    const returns: number[] = [];
    for (const series of priceBy.get(asset)?.values() ?? []) {
      const start = closeAt(series, t);
      const end = closeAt(series, t + Z * H);
      if (start !== null && end !== null) returns.push(end / start - 1);
    }
    return returns.length ? returns.reduce((a, b) => a + b, 0) / returns.length : null;
  };
  const median = (values: number[]) => {
    const s = [...values].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };

  const D = new Map<string, (number | null)[]>(sectors.map((s) => [s, []]));
  const RS = new Map<string, (number | null)[]>(sectors.map((s) => [s, []]));
  const RM: (number | null)[] = [];
  for (const t of grid) {
    const F = new Map<string, number>();
    for (const s of sectors) {
      const values = assets.filter((a) => map.get(a) === s).map((a) => fundingAt(a, t)).filter((v): v is number => v !== null);
      if (values.length >= minAssets) F.set(s, median(values));
    }
    const crossMedian = F.size ? median([...F.values()]) : null;
    const returns = new Map(assets.map((a) => [a, assetReturn(a, t)]));
    const all = [...returns.values()].filter((v): v is number => v !== null);
    RM.push(all.length ? median(all) : null);
    for (const s of sectors) {
      D.get(s)!.push(F.has(s) && crossMedian !== null ? F.get(s)! - crossMedian : null);
      const own = assets.filter((a) => map.get(a) === s).map((a) => returns.get(a)).filter((v): v is number => v !== null && v !== undefined);
      RS.get(s)!.push(own.length ? median(own) : null);
    }
  }

  const events: NaiveEvent[] = [];
  const totals: NaiveTotals = { n: 0, hits: 0, excluded: 0, basePoints: 0, baseHits: 0 };
  grid.forEach((t, g) => {
    for (const s of sectors) {
      const d = D.get(s)![g];
      if (d === null) continue;
      const rs = RS.get(s)![g];
      const hit = rs !== null && RM[g] !== null ? rs - RM[g]! <= -k : null;
      if (hit !== null) { totals.basePoints++; if (hit) totals.baseHits++; }
      const before = g > 0 ? D.get(s)![g - 1] : null;
      if (before === null || !(d >= X && before < X)) continue;
      if (hit === null) totals.excluded++; else { totals.n++; if (hit) totals.hits++; }
      events.push({ sector: s, time: t, divergence: d, hit, sectorReturn: hit === null ? null : rs, marketReturn: hit === null ? null : RM[g] });
    }
  });
  events.sort((a, b) => a.time - b.time || a.sector.localeCompare(b.sector));
  return { grid, events, totals };
}
