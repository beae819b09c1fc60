import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Opportunity, SignalsBatch } from '../../../shared/domain/signals.ts';
import { VENUE_IDS, type VenueId } from '../../../shared/domain/venues.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { staleDeadline } from '../../../electron/engine/legs.ts';
import { baseName, makeQuote, makeQuoteSet, repollVenue, seededRandom } from '../../fixtures/engine/quoteSet.ts';

/**
 * The engine as the venues drive it: each poll re-observes one venue's quotes (rates drift, marks
 * move), some answer late or partly, listings come and go, a venue goes quiet past its staleness
 * bound, minutes turn. After every update the rows a consumer holds from the batches equal a full
 * recompute of the same state (rows, order, summary, sector snapshot), and the update's counted
 * work is that of the assets its quotes touched.
 */
const START = Date.UTC(2026, 2, 2, 12, 0, 1);
const ASSETS = 80;
const SECTORS = new Map(Array.from({ length: ASSETS + 10 }, (_, i) => [baseName(i), `S${i % 6}`] as [string, string]));

function applyTo(view: Map<string, Opportunity>, batch: SignalsBatch): void {
  if (batch.full) view.clear();
  for (const base of batch.removed) view.delete(base);
  for (const row of batch.upserts) view.set(row.base, row);
}

const keyOf = (quote: FundingQuote) => `${quote.venue}|${quote.symbol}`;
const rated = (quote: FundingQuote) => quote.rate !== null || quote.lastSettledRate !== null;

/** One step of the venues: mostly a whole venue's poll, sometimes part of one, a listing, a delisting or a late answer. */
function nextBatch(random: () => number, held: ReadonlyMap<string, FundingQuote>, now: number, step: number): { batch: FundingQuote[]; venue: VenueId | null } {
  const venue = VENUE_IDS[Math.floor(random() * VENUE_IDS.length)];
  const roll = random();
  const current = [...held.values()];
  if (roll < 0.55) return { batch: repollVenue(current, venue, now, step), venue };
  // Observed again saying the same (a quiet venue): nothing to recompute unless a leg turns fresh.
  if (roll < 0.62) return { batch: current.filter((quote) => quote.venue === venue).map((quote) => ({ ...quote, observedAt: now })), venue: null };
  if (roll < 0.75) return { batch: repollVenue(current, venue, now, step).filter(() => random() < 0.3), venue: null };
  if (roll < 0.85) return { batch: [makeQuote(venue, ASSETS + Math.floor(random() * 10), now, random)], venue: null };
  if (roll < 0.92) {
    const gone = current[Math.floor(random() * current.length)];
    return { batch: [{ ...gone, rate: null, lastSettledRate: null, observedAt: now }], venue: null };
  }
  // A late answer (older than what is held: ignored) next to a fresh one.
  const late = current[Math.floor(random() * current.length)];
  return { batch: [{ ...late, observedAt: late.observedAt - 1 }, ...repollVenue(current, venue, now, step).slice(0, 5)], venue: null };
}

/** Everything the engine reads of a quote but when it was observed. */
const reading = ({ observedAt: _observedAt, indexPrice: _index, ...rest }: FundingQuote) => JSON.stringify({ ...rest, bid: rest.bid ?? null, ask: rest.ask ?? null });
/** Whether the quote's leg is stale at `now`; null when it has no rate (no leg). */
const staleAt = (quote: FundingQuote, now: number) => (rated(quote) ? now > staleDeadline(quote) : null);

/**
 * Bases whose held quotes the batch replaces with a different reading, or whose leg it turns
 * fresh or stale (a re-observation saying the same is not a change), and those with a fresh leg
 * the batch leaves alone that turned stale since `before`.
 */
function expectedRecomputes(held: ReadonlyMap<string, FundingQuote>, batch: readonly FundingQuote[], before: number, now: number): Set<string> {
  const bases = new Set<string>();
  const replaced = new Set<string>();
  for (const quote of batch) {
    const old = held.get(keyOf(quote));
    if (old && quote.observedAt < old.observedAt) continue;
    replaced.add(keyOf(quote));
    if (old && reading(old) === reading(quote) && staleAt(old, before) === staleAt(quote, now)) continue;
    bases.add(quote.base);
    if (old) bases.add(old.base);
  }
  for (const quote of held.values()) {
    const turns = staleDeadline(quote);
    if (!replaced.has(keyOf(quote)) && rated(quote) && turns >= before && turns < now) bases.add(quote.base);
  }
  return bases;
}

/**
 * What a fresh engine fed only the quotes held cannot know: the history behind velocity,
 * persistence and the basis z-score, and when a leg whose shown figures did not change was last
 * re-observed (`sameShownRow`: the consumer keeps the row it has).
 */
function withoutHistory(row: Opportunity): unknown {
  const { velocity: _velocity, persistenceHours: _persistence, basisZ: _z, legs, ...rest } = row;
  return { ...rest, legs: legs.map(({ observedAt: _observedAt, ...leg }) => leg) };
}

/**
 * `sectors`: with the sector map (rows compared with a full recompute of the same engine, which
 * shares the sector history), or without (rows also compared with an engine built from scratch
 * on the quotes held, history aside).
 */
function runPolls(seed: number, steps: number, sectors = true): { incremental: number; polls: number } {
  const random = seededRandom(seed);
  const engine = new SignalEngine(DEFAULT_SETTINGS);
  const held = new Map<string, FundingQuote>();
  const view = new Map<string, Opportunity>();
  let now = START;
  if (sectors) applyTo(view, engine.setSectorMap(SECTORS, now).batch);
  const first = makeQuoteSet(ASSETS, now, seed).map((quote) => (SECTORS.get(quote.base) === 'S0' && quote.rate !== null ? { ...quote, rate: quote.rate + 0.002 } : quote));
  for (const quote of first) held.set(keyOf(quote), quote);
  applyTo(view, engine.apply(first, now).batch);
  let incremental = 0, polls = 0;
  for (let step = 1; step <= steps; step++) {
    const before = now;
    // Mostly a poll interval; now and then a venue goes quiet past its bound, or the minute turns.
    now += random() < 0.1 ? 25_000 + Math.floor(random() * 20_000) : 200 + Math.floor(random() * 2_000);
    const { batch, venue } = nextBatch(random, held, now, step);
    const expected = expectedRecomputes(held, batch, before, now);
    const previous = new Map(view);
    const counted = engine.counts;
    const out = engine.apply(batch, now);
    for (const quote of batch) {
      const old = held.get(keyOf(quote));
      if (!old || quote.observedAt >= old.observedAt) held.set(keyOf(quote), quote);
    }
    applyTo(view, out.batch);
    const after = engine.counts;
    const ranked = [...view.values()].sort((a, b) => a.rank - b.rank);
    const full = engine.recomputeAll(now);
    expect(ranked).toEqual(full.batch.upserts);
    expect(out.batch.summary).toEqual(full.batch.summary);
    // The snapshot is refreshed once a minute: a recompute within the minute keeps it.
    expect(full.sectors).toBeNull();
    if (!sectors) {
      const scratch = new SignalEngine(DEFAULT_SETTINGS).apply([...held.values()], now).batch;
      expect(ranked.map(withoutHistory)).toEqual(scratch.upserts.map(withoutHistory));
      expect(out.batch.summary).toEqual(scratch.summary);
    }
    if (out.batch.full) continue;
    incremental++;
    expect(after.assetsRecomputed - counted.assetsRecomputed).toBe(expected.size);
    // Ranks are kept, not re-sorted: exactly the rows whose rank moved (or that are new) were re-ranked.
    const moved = ranked.filter((row) => previous.get(row.base)?.rank !== row.rank);
    expect(after.rowsReranked - counted.rowsReranked).toBe(moved.length);
    if (venue === null) continue;
    polls++;
    // Every quote of the venue moved: a row's carry is computed again exactly where its best pair uses the venue or changed.
    const carried = [...view.values()].filter((row) => {
      const was = previous.get(row.base);
      return row.expectedNetPerDay !== null && (row.longVenue === venue || row.shortVenue === venue || was?.longVenue !== row.longVenue || was?.shortVenue !== row.shortVenue);
    });
    expect(after.carriesComputed - counted.carriesComputed).toBe(carried.length);
  }
  return { incremental, polls };
}

describe('incremental updates driven by venue polls', () => {
  it.each([1, 2, 3, 4])('after every poll (seed %i) the consumer\'s rows equal a full recompute, and only the touched assets were recomputed', (seed) => {
    const { incremental, polls } = runPolls(seed, 70);
    expect(incremental).toBeGreaterThan(40);
    expect(polls).toBeGreaterThan(20);
  });

  it.each([5, 6])('after every poll (seed %i, no sector map) the rows equal those of an engine built from scratch on the quotes held, history aside', (seed) => {
    const { incremental, polls } = runPolls(seed, 50, false);
    expect(incremental).toBeGreaterThan(25);
    expect(polls).toBeGreaterThan(15);
  });

  it('a one-venue poll recomputes the assets listed there and re-ranks no more rows than there are', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const quotes = makeQuoteSet(300, START);
    engine.apply(quotes, START);
    const held = engine.counts;
    const others = quotes.filter((quote) => quote.venue !== 'okx');
    // A venue listing a third of the assets: its poll recomputes those, whatever the market holds.
    const okx = quotes.filter((quote) => quote.venue === 'okx').slice(0, 100);
    const engine2 = new SignalEngine(DEFAULT_SETTINGS);
    engine2.apply([...others, ...okx], START);
    const from = engine2.counts;
    const out = engine2.apply(repollVenue(okx, 'okx', START + 1_000, 5), START + 1_000);
    expect(out.batch.full).toBe(false);
    const to = engine2.counts;
    expect(to.assetsRecomputed - from.assetsRecomputed).toBe(100);
    expect(to.rowsReranked - from.rowsReranked).toBeLessThanOrEqual(300);
    expect(to.carriesComputed - from.carriesComputed).toBeLessThanOrEqual(100);
    expect(held.assetsRecomputed).toBe(300);
  });
});
