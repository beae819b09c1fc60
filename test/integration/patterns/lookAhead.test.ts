/**
 * No look-ahead on the Patterns path: a price jump inside a 4-h candle, backfilled from the
 * simulator through ccxt into the store, reaches no stored close, no trailing feature and no
 * outcome window dated before the jump. The study and the model read the same panel
 * (`studyPanelFor`), so what holds for the panel holds for both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { studyPanelFor, DEFAULT_STUDY_PARAMS } from '../../../electron/engine/study.ts';
import type { FundingPoint, PricePoint } from '../../../shared/domain/quotes.ts';
import { simIdOf, startPausedSimulator, type Simulator } from '../markets/simulatorHarness.ts';

const H = 3_600_000;
const CANDLE = 4 * H;
let sim: Simulator;
let adapter: VenueAdapter;

beforeAll(async () => {
  sim = await startPausedSimulator(['binanceusdm']);
  adapter = ADAPTERS.binanceusdm({ connection: { baseUrl: sim.url }, cadenceScale: 1, now: () => sim.clock.now() });
  await adapter.poll();
});
afterAll(async () => {
  await adapter?.close();
  await sim?.close();
});

/** Six plain-named perps, three to a sector, so both sectors and the market return are defined. */
function studied() {
  const markets = adapter.markets().filter((m) => m.settle === 'USDT' && !/^\d|^k[A-Z]/.test(m.base)).slice(0, 6);
  expect(markets).toHaveLength(6);
  return markets;
}

/** 3 days of 4-h closes for `markets`, fetched, stored and read back as the study reads them. */
async function storedCloses(markets: ReturnType<typeof studied>, since: number, until: number): Promise<PricePoint[]> {
  const store = await openStore(':memory:');
  try {
    for (const market of markets) await store.history.insertPrices(await adapter.priceHistory(market.symbol, since, '4h', until));
    const all: PricePoint[] = [];
    for (const market of markets) all.push(...await store.history.prices({ base: market.base, from: 0, to: until + CANDLE }));
    return all.sort((a, b) => a.symbol.localeCompare(b.symbol) || a.time - b.time);
  } finally {
    await store.close();
  }
}

describe('a price jump inside a candle, through backfill, store and the study panel', () => {
  it('changes nothing dated before the jump, and shows up after it', async () => {
    const markets = studied();
    const now = sim.clock.now();
    const since = now - 3 * 24 * H;
    const before = await storedCloses(markets, since, now);

    // Two hours into a candle that closed yesterday: the close that carries it is known at the candle's end.
    const jumpAt = Math.floor((now - 24 * H) / CANDLE) * CANDLE + 2 * H;
    const jumped = markets[0];
    const id = simIdOf(jumped);
    sim.market.setPrice('binanceusdm', id, sim.market.ticker('binanceusdm', id).mark * 1.5, jumpAt);
    const after = await storedCloses(markets, since, now);

    expect(after.map((p) => p.time)).toEqual(before.map((p) => p.time));
    const changed = after.filter((p, i) => p.close !== before[i].close);
    expect(changed.length).toBeGreaterThan(0);
    for (const point of changed) expect(point.time).toBeGreaterThanOrEqual(jumpAt);
    expect(after.some((p) => p.symbol === jumped.symbol && p.time === jumpAt - 2 * H + CANDLE && p.close !== before.find((q) => q.symbol === p.symbol && q.time === p.time)!.close)).toBe(true);

    // The study's panel over both stores, with the same funding: three assets per sector on the 8-h grid.
    const sectors = new Map(markets.map((m, i) => [m.base, i < 3 ? 'One' : 'Two']));
    const funding: FundingPoint[] = [];
    for (let t = Math.ceil(since / (8 * H)) * 8 * H; t <= now; t += 8 * H) {
      markets.forEach((m, i) => funding.push({ venue: 'binanceusdm', symbol: m.symbol, time: t, rate: 0.0001 * (i + 1), intervalHours: 8, markPrice: null }));
    }
    const params = { ...DEFAULT_STUDY_PARAMS, horizonsHours: [8, 24], trailingHours: 8 };
    const a = studyPanelFor(funding, before, sectors, params);
    const b = studyPanelFor(funding, after, sectors, params);
    expect(Array.from(b.grid)).toEqual(Array.from(a.grid));
    let sawJump = false;
    const G = a.grid.length;
    for (let g = 0; g < G; g++) {
      const t = a.grid[g];
      for (let s = 0; s < a.sectors.length; s++) {
        const i = s * G + g;
        // A feature at t looks back only; an outcome over (t, t + Z] that ends before the jump is unchanged.
        if (t < jumpAt) expect(Object.is(b.trailingRelativeReturn[i], a.trailingRelativeReturn[i])).toBe(true);
        params.horizonsHours.forEach((z, h) => {
          if (t + z * H < jumpAt) expect(Object.is(b.sectorReturn[h][i], a.sectorReturn[h][i])).toBe(true);
          else if (!Object.is(b.sectorReturn[h][i], a.sectorReturn[h][i])) sawJump = true;
        });
      }
    }
    expect(sawJump).toBe(true);
  });
});
