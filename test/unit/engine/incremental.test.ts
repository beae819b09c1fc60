import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Opportunity, SignalsBatch } from '../../../shared/domain/signals.ts';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { baseName, makeQuote, seededRandom } from '../../fixtures/engine/quoteSet.ts';

const START = Date.UTC(2026, 2, 1, 12, 0, 0);
const ASSETS = 40;

/** What a consumer holds after applying batches: full replaces, otherwise upsert and remove. */
function applyTo(view: Map<string, Opportunity>, batch: SignalsBatch): void {
  if (batch.full) view.clear();
  for (const base of batch.removed) view.delete(base);
  for (const row of batch.upserts) view.set(row.base, row);
}

const byRank = (rows: Iterable<Opportunity>) => [...rows].sort((a, b) => a.rank - b.rank);
/** Fields that do not depend on the sample history: equal for any engine holding the same quotes. */
const stateless = ({ velocity: _v, persistenceHours: _p, basisZ: _z, ...rest }: Opportunity) => rest;

/** A random batch: re-polls, rates without a value, base renames, old (ignored) quotes, new listings. */
function randomBatch(random: () => number, now: number): FundingQuote[] {
  const batch: FundingQuote[] = [];
  const size = 1 + Math.floor(random() * 30);
  for (let k = 0; k < size; k++) {
    const venue = VENUE_IDS[Math.floor(random() * VENUE_IDS.length)];
    const i = Math.floor(random() * (ASSETS + 5));
    const quote = makeQuote(venue, i, now, random, random() < 0.5 ? 8 : 1);
    const roll = random();
    if (roll < 0.05) batch.push({ ...quote, rate: null, lastSettledRate: null });
    else if (roll < 0.08) batch.push({ ...quote, base: 'RENAMED' });
    else if (roll < 0.15) batch.push({ ...quote, observedAt: now - 40_000 });
    else batch.push(quote);
  }
  return batch;
}

/** Five sectors over the fixture's bases; the first one's rates are lifted so it runs overheated. */
const SECTOR_MAP = new Map(Array.from({ length: ASSETS + 5 }, (_, i) => [baseName(i), `S${i % 5}`] as [string, string]));
const liftHotSector = (quote: FundingQuote): FundingQuote =>
  SECTOR_MAP.get(quote.base) === 'S0' && quote.rate !== null ? { ...quote, rate: quote.rate + 0.002 } : quote;

/** Applies random batches; after each, the consumer's view must equal a full recompute. */
function checkIncrementalEqualsFull(seed: number, sectorMap: Map<string, string> | null): Map<string, Opportunity> {
  const random = seededRandom(seed);
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  const all = new Map<string, FundingQuote>();
  const view = new Map<string, Opportunity>();
  let now = START;
  let incrementalBatches = 0;
  if (sectorMap) applyTo(view, engine.setSectorMap(sectorMap, now).batch);
  for (let step = 0; step < 60; step++) {
    now += Math.floor(random() * 20_000);
    const batch = randomBatch(random, now).map(sectorMap ? liftHotSector : (quote) => quote);
    for (const quote of batch) {
      const key = `${quote.venue}|${quote.symbol}`;
      const before = all.get(key);
      if (!before || quote.observedAt >= before.observedAt) all.set(key, quote);
    }
    const out = engine.apply(batch, now).batch;
    if (!out.full) incrementalBatches++;
    applyTo(view, out);
    const full = engine.recomputeAll(now).batch;
    expect(byRank(view.values())).toEqual(full.upserts);
    const freshEngine = new SignalEngine(DEFAULT_SETTINGS);
    if (sectorMap) freshEngine.setSectorMap(sectorMap, now);
    const fresh = freshEngine.apply([...all.values()], now).batch;
    // Alignment reads the sector history (8-h change, z-score) as velocity reads the rate history.
    if (!sectorMap) {
      expect(fresh.upserts.map(stateless)).toEqual(full.upserts.map(stateless));
      expect(fresh.summary).toEqual(full.summary);
    }
  }
  expect(incrementalBatches).toBeGreaterThan(30);
  return view;
}

describe('incremental recompute', () => {
  it.each([1, 2, 3, 4, 5])('after every random batch (seed %i) the incremental view equals a full recompute, and a fresh engine agrees on everything but history', (seed) => {
    checkIncrementalEqualsFull(seed, null);
  });

  it.each([1, 2, 3])('with a sector map (seed %i) the incremental view, alignment included, equals a full recompute', (seed) => {
    const view = checkIncrementalEqualsFull(seed, SECTOR_MAP);
    const tags = new Set([...view.values()].map((row) => row.alignment?.tag));
    expect(tags.has('confirmed')).toBe(true);
    expect(tags.has(undefined)).toBe(false);
  });

  it('an update of one venue for one asset re-sends that row and only the rows whose rank moved', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const random = seededRandom(9);
    const quotes: FundingQuote[] = [];
    for (const venue of VENUE_IDS) for (let i = 0; i < 200; i++) quotes.push(makeQuote(venue, i, START, random));
    engine.apply(quotes, START);
    const t = START + 1_000;
    const before = quotes.find((x) => x.venue === 'okx' && x.base === 'A150')!;
    const update = { ...before, rate: before.rate! + 1e-9, observedAt: t };
    const out = engine.apply([update], t).batch;
    expect(out.full).toBe(false);
    expect(out.upserts.map((r) => r.base)).toEqual(['A150']);
  });

  it('a venue re-confirming unchanged rates keeps them fresh and sends no row', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const random = seededRandom(9);
    const quotes: FundingQuote[] = [];
    for (const venue of VENUE_IDS) for (let i = 0; i < 50; i++) quotes.push(makeQuote(venue, i, START, random));
    engine.apply(quotes, START);
    // 40 s later, past every venue's staleness bound, each venue answers again with the same values.
    const t = START + 40_000;
    const out = engine.apply(quotes.map((q) => ({ ...q, observedAt: t })), t).batch;
    expect(out.upserts).toEqual([]);
    expect(engine.snapshot().upserts.every((row) => row.legs.every((leg) => !leg.stale))).toBe(true);
  });
});
