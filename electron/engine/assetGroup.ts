import type { FundingQuote } from '../../shared/domain/quotes.ts';
import type { Leg } from '../../shared/domain/signals.ts';
import { compareLegs, legOf, staleDeadline } from './legs.ts';
import { RateHistory } from './rateHistory.ts';
import { BasisHistory } from './basisHistory.ts';
import { CarryMemo } from './rowCarry.ts';
import { PairsMemo, VENUE_INDEX, VenueExtremes } from './venuePairs.ts';
import type { SectorSample } from './sectorTracker.ts';

/** One venue/symbol's slot in its asset group; the engine's quote index points at it, so an update is in place. */
export interface QuoteEntry {
  quote: FundingQuote;
  /** Built once per quote; only its staleness is refreshed afterwards. Null when the quote has no rate. */
  leg: Leg | null;
  staleAfter: number;
  /** The group holding it and its position there (leg order), so an update writes the group's columns in place. */
  group: AssetGroup | null;
  slot: number;
}

/** The best pair as `bestSpread` and `extremeLeg` choose it, by the slots of its two legs (see `AssetGroup.bestPair`). */
export interface PairSlots {
  longAt: number;
  shortAt: number;
  spreadPer8h: number;
}

/** A pair's open interest and 24 h volume, USD: its smaller leg's, the one a trader runs into first. */
export interface PairSize {
  openInterestUsd: number | null;
  volume24hUsd: number | null;
}

/** Two quotes of one venue and symbol say the same to the engine: everything it reads but the time they were observed. */
function sameReading(a: FundingQuote, b: FundingQuote): boolean {
  return a.base === b.base && a.rate === b.rate && a.lastSettledRate === b.lastSettledRate && a.rateKind === b.rateKind && a.intervalHours === b.intervalHours
    && a.nextFundingTime === b.nextFundingTime && a.markPrice === b.markPrice && a.multiplier === b.multiplier && (a.bid ?? null) === (b.bid ?? null)
    && (a.ask ?? null) === (b.ask ?? null) && a.openInterestUsd === b.openInterestUsd && a.volume24hUsd === b.volume24hUsd;
}

const smaller = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : Math.min(a, b));

/** One base asset's quotes across venues (one per venue and symbol), in leg order, and its rate history. */
export class AssetGroup {
  readonly base: string;
  readonly history: RateHistory;
  /** The row's last carry and its inputs, reused while its best pair's legs do not change. */
  readonly carry = new CarryMemo();
  readonly basis = new BasisHistory();
  readonly otherPairs = new PairsMemo();
  /** Earliest time one of the fresh legs turns stale, as of the last `legsAt`; +Infinity when none is fresh. */
  deadline = Number.POSITIVE_INFINITY;
  /** As of the last `legsAt`: how many legs are fresh, their per-8 h rates summed in leg order, the earliest next settlement over every leg. */
  freshLegs = 0;
  freshRateSum = 0;
  earliestFunding: number | null = null;
  private readonly entries: QuoteEntry[] = [];
  /**
   * Per slot (the entries' leg order), what the row's hot path reads of each leg, so gathering
   * the legs and choosing the pairs read these arrays and never a leg object: the leg itself (null
   * without a rate), its per-8 h rate, stale deadline, next settlement (NaN for none), venue index
   * (`VENUE_IDS`) and staleness as last seen. Written by `update` and `legsAt`, rebuilt on add/remove.
   */
  private legRefs: (Leg | null)[] = [];
  private rates = new Float64Array(4);
  private staleAts = new Float64Array(4);
  private nextFundings = new Float64Array(4);
  private venues = new Uint8Array(4);
  private stales = new Uint8Array(4);
  /** Fresh legs whose per-8 h rate is not finite, as of the last `legsAt` (then `bestPair` defers to `bestSpread`). */
  private nonFinite = 0;
  /** The last `pairSize` and the two legs it was read for. */
  private sizeLong: Leg | null = null;
  private sizeShort: Leg | null = null;
  private lastSize: PairSize = { openInterestUsd: null, volume24hUsd: null };

  /** `history`: what a seed rebuilt for this asset before its first live quote. */
  constructor(base: string, history: RateHistory = new RateHistory()) {
    this.base = base;
    this.history = history;
  }

  get size(): number {
    return this.entries.length;
  }

  /** A quote for a venue/symbol the group does not hold yet, inserted in leg order. */
  add(quote: FundingQuote, now: number): QuoteEntry {
    const entry: QuoteEntry = { quote, leg: null, staleAfter: 0, group: null, slot: -1 };
    AssetGroup.update(entry, quote, now);
    let i = this.entries.length;
    while (i > 0 && compareLegs(this.entries[i - 1].quote, quote) > 0) i--;
    this.entries.splice(i, 0, entry);
    entry.group = this;
    this.reslot();
    return entry;
  }

  /** Slots follow the entries' order again (after an add or a remove): every column rewritten. */
  private reslot(): void {
    const n = this.entries.length;
    if (this.rates.length < n) {
      const size = Math.max(n, 2 * this.rates.length);
      this.rates = new Float64Array(size);
      this.staleAts = new Float64Array(size);
      this.nextFundings = new Float64Array(size);
      this.venues = new Uint8Array(size);
      this.stales = new Uint8Array(size);
    }
    this.legRefs.length = n;
    for (let i = 0; i < n; i++) {
      this.entries[i].slot = i;
      this.write(this.entries[i]);
    }
  }

  /** The entry's columns from its leg. */
  private write(entry: QuoteEntry): void {
    const at = entry.slot, leg = entry.leg;
    this.legRefs[at] = leg;
    this.staleAts[at] = entry.staleAfter;
    this.venues[at] = VENUE_INDEX.get(entry.quote.venue)!;
    if (!leg) return;
    this.rates[at] = leg.ratePer8h;
    this.nextFundings[at] = leg.nextFundingTime ?? Number.NaN;
    this.stales[at] = leg.stale ? 1 : 0;
  }

  /**
   * A newer quote for the same venue and symbol: same place in the order. True when the row
   * can change with it: anything the engine reads of a quote (the leg's figures, the touch, OI,
   * volume) differs, or its leg turns fresh or stale; false for a re-observation that says
   * again what the row shows (the leg is still rebuilt, with its new time).
   */
  static update(entry: QuoteEntry, quote: FundingQuote, now: number): boolean {
    const was = entry.quote, wasLeg = entry.leg;
    entry.quote = quote;
    entry.leg = legOf(quote, now);
    entry.staleAfter = staleDeadline(quote);
    entry.group?.write(entry);
    return !sameReading(was, quote) || (wasLeg?.stale ?? null) !== (entry.leg?.stale ?? null);
  }

  /**
   * Whether a fresh leg turns stale (or a stale one fresh) at `now`; when none does, `deadline`
   * is brought up to date (a re-observed leg moves it on without a recompute). Counts the
   * entries it visits into `work`.
   */
  staleFlips(now: number, work: { visited: number }): boolean {
    let deadline = Number.POSITIVE_INFINITY;
    const n = this.entries.length;
    work.visited += n;
    for (let i = 0; i < n; i++) {
      if (this.legRefs[i] === null) continue;
      const staleAt = this.staleAts[i];
      const stale = now > staleAt;
      if (stale !== (this.stales[i] === 1)) return true;
      if (!stale && staleAt < deadline) deadline = staleAt;
    }
    this.deadline = deadline;
    return false;
  }

  remove(entry: QuoteEntry): void {
    const at = this.entries.indexOf(entry);
    if (at < 0) return;
    this.entries.splice(at, 1);
    entry.group = null;
    this.reslot();
  }

  /**
   * The legs as seen at `now` (staleness refreshed); also updates `deadline` and, in the same
   * pass, `freshLegs`, `freshRateSum` and `earliestFunding`.
   */
  legsAt(now: number): Leg[] {
    const legs: Leg[] = [];
    let deadline = Number.POSITIVE_INFINITY;
    let fresh = 0, sum = 0;
    let earliest: number | null = null;
    let nonFinite = 0;
    const n = this.entries.length;
    for (let i = 0; i < n; i++) {
      let leg = this.legRefs[i];
      if (leg === null) continue;
      const staleAt = this.staleAts[i];
      const stale = now > staleAt;
      if (stale !== (this.stales[i] === 1)) {
        this.entries[i].leg = this.legRefs[i] = leg = { ...leg, stale };
        this.stales[i] = stale ? 1 : 0;
      }
      legs.push(leg);
      const next = this.nextFundings[i];
      if (!Number.isNaN(next) && (earliest === null || next < earliest)) earliest = next;
      if (stale) continue;
      fresh++;
      const rate = this.rates[i];
      sum += rate;
      if (!Number.isFinite(rate)) nonFinite++;
      if (staleAt < deadline) deadline = staleAt;
    }
    this.nonFinite = nonFinite;
    this.deadline = deadline;
    this.freshLegs = fresh;
    this.freshRateSum = sum;
    this.earliestFunding = earliest;
    return legs;
  }

  /** The leg in `slot` (see `PairSlots`). */
  legAt(slot: number): Leg {
    return this.legRefs[slot]!;
  }

  /**
   * The best pair of the fresh legs as of the last `legsAt`, from the columns: what `bestSpread`
   * chooses (the lowest rate long and the highest short, the first in leg order on a tie; one
   * side moved off the venue when both extremes are on one) with the legs `extremeLeg` takes on
   * its two venues; null when there is none. Fills `extremes` with each venue's lowest and
   * highest fresh leg on the way (the other pairs are chosen from them). Undefined when a fresh
   * rate is not finite: `bestSpread` skips those and `extremeLeg` does not, so the caller takes
   * the legs' path.
   */
  bestPair(extremes: VenueExtremes): PairSlots | null | undefined {
    if (this.nonFinite > 0) return undefined;
    extremes.clear();
    const n = this.entries.length;
    for (let i = 0; i < n; i++) {
      const leg = this.legRefs[i];
      if (leg !== null && this.stales[i] === 0) extremes.meet(leg, this.venues[i], this.rates[i], i);
    }
    const { lowRates, highRates, lowAt, highAt } = extremes;
    const low = extremes.lowest(-1), high = extremes.highest(-1);
    if (low < 0) return null;
    let long = low, short = high;
    if (low === high) {
      const otherLow = extremes.lowest(low), otherHigh = extremes.highest(low);
      if (otherLow < 0) return null;
      if (highRates[low] - lowRates[otherLow] >= highRates[otherHigh] - lowRates[low]) long = otherLow;
      else short = otherHigh;
    }
    this.slots.longAt = lowAt[long];
    this.slots.shortAt = highAt[short];
    this.slots.spreadPer8h = highRates[short] - lowRates[long];
    return this.slots;
  }

  private readonly slots: PairSlots = { longAt: -1, shortAt: -1, spreadPer8h: 0 };

  /**
   * The pair's size from its two legs' quotes: the smaller of each figure; null where a leg does
   * not report it. Kept while the two legs are the same objects (a leg is rebuilt whenever its
   * quote is), as they are for most rows of a venue poll.
   */
  pairSize(long: Leg, short: Leg, slots?: PairSlots): PairSize {
    if (long === this.sizeLong && short === this.sizeShort) return this.lastSize;
    let longQuote: FundingQuote | null = null, shortQuote: FundingQuote | null = null;
    if (slots) {
      longQuote = this.entries[slots.longAt].quote;
      shortQuote = this.entries[slots.shortAt].quote;
    } else for (const { quote } of this.entries) {
      if (quote.venue === long.venue && quote.symbol === long.symbol) longQuote = quote;
      if (quote.venue === short.venue && quote.symbol === short.symbol) shortQuote = quote;
    }
    this.sizeLong = long;
    this.sizeShort = short;
    if (!longQuote || !shortQuote) return (this.lastSize = { openInterestUsd: null, volume24hUsd: null });
    return (this.lastSize = { openInterestUsd: smaller(longQuote.openInterestUsd, shortQuote.openInterestUsd), volume24hUsd: smaller(longQuote.volume24hUsd, shortQuote.volume24hUsd) });
  }

  /**
   * The sector overlay's reading of this asset at `now` from its fresh quotes: mean per-8 h rate
   * (as the row's `meanPer8h`), mean mark price per unit of the base (multipliers divided out,
   * so venues listing `1000PEPE` and `PEPE` agree) and open interest summed over venues.
   */
  sectorSample(now: number): SectorSample {
    let rates = 0, rateSum = 0, prices = 0, priceSum = 0, oiCount = 0, oiSum = 0;
    for (const entry of this.entries) {
      if (!entry.leg || now > entry.staleAfter) continue;
      rates++;
      rateSum += entry.leg.ratePer8h;
      const { markPrice, multiplier, openInterestUsd } = entry.quote;
      if (markPrice !== null && markPrice > 0) { prices++; priceSum += markPrice / multiplier; }
      if (openInterestUsd !== null) { oiCount++; oiSum += openInterestUsd; }
    }
    return {
      fundingPer8h: rates > 0 ? rateSum / rates : Number.NaN,
      price: prices > 0 ? priceSum / prices : Number.NaN,
      openInterestUsd: oiCount > 0 ? oiSum : Number.NaN,
    };
  }
}
