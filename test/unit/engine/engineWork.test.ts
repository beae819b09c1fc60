import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Opportunity, SignalsBatch } from '../../../shared/domain/signals.ts';
import { VENUES, VENUE_IDS } from '../../../shared/domain/venues.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { baseName, makeQuote, makeQuoteSet, seededRandom } from '../../fixtures/engine/quoteSet.ts';

/** A minute start plus one second: every call below stays inside one sampling minute (no full recompute). */
const START = Date.UTC(2026, 2, 2, 12, 0, 1);

/** Work one update of `changed` quotes costs an engine holding `assets` assets on six venues. */
function workOfUpdate(assets: number, changed: number): { work: number; batch: SignalsBatch } {
  const quotes = makeQuoteSet(assets, START);
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  engine.apply(quotes, START);
  const at = START + 1_000;
  // Re-observed with a rate moved by less than any gap between rows: the order stays put, so
  // what is counted is the engine's own work, not rows re-sent because their rank moved.
  const update = quotes.filter((q) => q.venue === 'okx').slice(0, changed).map((q) => ({ ...q, rate: q.rate! + 1e-15, observedAt: at }));
  const before = engine.work;
  const batch = engine.apply(update, at).batch;
  expect(batch.full).toBe(false);
  expect(batch.upserts.map((row) => row.base).sort()).toEqual(update.map((q) => q.base).sort());
  return { work: engine.work - before, batch };
}

function applyTo(view: Map<string, Opportunity>, batch: SignalsBatch): void {
  if (batch.full) view.clear();
  for (const base of batch.removed) view.delete(base);
  for (const row of batch.upserts) view.set(row.base, row);
}

/** A few quotes of a large market: rates moved (rows change rank), rates gone (rows leave), new listings. */
function smallBatch(random: () => number, assets: number, now: number): FundingQuote[] {
  const batch: FundingQuote[] = [];
  const size = 1 + Math.floor(random() * 12);
  for (let k = 0; k < size; k++) {
    const venue = VENUE_IDS[Math.floor(random() * VENUE_IDS.length)];
    const quote = makeQuote(venue, Math.floor(random() * (assets + 10)), now, random, 8);
    batch.push(random() < 0.05 ? { ...quote, rate: null, lastSettledRate: null } : { ...quote, observedAt: now });
  }
  return batch;
}

describe('engine work', () => {
  it('an update costs work in proportion to the quotes that changed, not to the quotes held', () => {
    const small = workOfUpdate(200, 4).work;
    const large = workOfUpdate(2_000, 4).work;
    // Ten times the market: only the binary searches of the ranking grow (log n).
    expect(large).toBeLessThan(small * 1.5);
    expect(large).toBeLessThan(200);
    // Ten times the changed quotes: about ten times the work.
    const more = workOfUpdate(2_000, 40).work;
    expect(more).toBeGreaterThan(large * 6);
    expect(more).toBeLessThan(large * 14);
  });

  it('one venue\'s 10 quotes in a 3,000-quote market cost what they cost in a 30,000-quote one (the rows of those assets, their carries, log n ranking)', () => {
    const perVenue = (quotes: number) => Math.round(quotes / VENUE_IDS.length);
    const small = workOfUpdate(perVenue(3_000), 10).work;
    const large = workOfUpdate(perVenue(30_000), 10).work;
    expect(large).toBeLessThan(small * 1.5);
    // 10 quotes in, 10 rows of seven legs gathered, at most 10 carries, about 2 × log2(n) comparisons each.
    expect(small).toBeLessThan(10 * (1 + 8 + 1 + 2 * 13 + 10));
  });

  it('a venue observed again saying the same recomputes nothing, and its legs turn stale only from their new time', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const quotes = makeQuoteSet(300, START).map((q) => ({ ...q, observedAt: START }));
    engine.apply(quotes, START);
    const before = engine.counts;
    const work = engine.work;
    const at = START + 20_000;
    const again = engine.apply(quotes.filter((q) => q.venue === 'okx').map((q) => ({ ...q, observedAt: at })), at).batch;
    expect(again.full).toBe(false);
    expect(again.upserts).toEqual([]);
    expect(engine.counts.assetsRecomputed).toBe(before.assetsRecomputed);
    // The work counter says the same: the 300 quotes taken in, and not a leg gathered or a row compared after them.
    expect(engine.work - work).toBe(300);
    // Past the other venues' bound but not OKX's: every asset loses those legs, OKX's stay fresh.
    const later = START + VENUES.okx.staleAfterMs + 1;
    const rows = engine.apply([], later).batch.upserts;
    expect(engine.counts.assetsRecomputed - before.assetsRecomputed).toBe(300);
    for (const row of rows) for (const leg of row.legs) expect(leg.stale).toBe(leg.venue !== 'okx' && later > START + VENUES[leg.venue].staleAfterMs);
    expect(rows.every((row) => row.legs.some((leg) => leg.venue === 'okx' && !leg.stale))).toBe(true);
  });

  it('staleness is found when it is due, without visiting the assets whose legs are still fresh', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const quotes = makeQuoteSet(1_000, START).map((q) => ({ ...q, observedAt: START }));
    engine.apply(quotes, START);
    const before = engine.work;
    engine.apply([], START + 10_000);
    expect(engine.work - before).toBe(0);
    // One asset's Binance leg observed earlier than every other quote turns stale first.
    const early = { ...quotes.find((q) => q.venue === 'binanceusdm' && q.base === baseName(7))!, observedAt: START - 20_000 };
    const engine2 = new SignalEngine(DEFAULT_SETTINGS);
    engine2.apply([...quotes.filter((q) => q !== quotes.find((x) => x.venue === early.venue && x.base === early.base)), early], START);
    const from = engine2.work;
    const out = engine2.apply([], START + 15_000).batch;
    expect(out.upserts.find((row) => row.base === early.base)?.legs.find((leg) => leg.venue === 'binanceusdm')?.stale).toBe(true);
    expect(engine2.work - from).toBeLessThan(100);
  });

  it.each([1, 2, 3])('small updates of a large market (seed %i), maintained in place, equal a full recompute', (seed) => {
    const assets = 300;
    const random = seededRandom(seed);
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const view = new Map<string, Opportunity>();
    let now = START;
    applyTo(view, engine.apply(makeQuoteSet(assets, now, seed), now).batch);
    let moved = 0;
    for (let step = 0; step < 40; step++) {
      now += Math.floor(random() * 1_200);
      const batch = engine.apply(smallBatch(random, assets, now), now).batch;
      expect(batch.full).toBe(false);
      moved += batch.upserts.length;
      applyTo(view, batch);
      expect([...view.values()].sort((a, b) => a.rank - b.rank)).toEqual(engine.recomputeAll(now).batch.upserts);
    }
    expect(moved).toBeGreaterThan(40);
  });
});
