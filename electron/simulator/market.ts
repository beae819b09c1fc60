/**
 * The simulated market (`SimMarket`): per venue and instrument, index and mark prices from a
 * correlated stochastic process, a premium index whose sector regimes and per-venue deviations
 * produce cross-venue funding spreads, funding from the venue formula settled on each
 * symbol's interval, order books, candles, open interest and volume. State is created lazily
 * per instrument, so six venues of 500 symbols cost only what is asked for.
 */
import type { SimBook, SimCandle, SimDex, SimFunding, SimInstrument, SimMarket, SimSettlement, SimTicker, VenueId } from './types.ts';
import type { Listing, Universe } from './universe.ts';
import { HOUR, HourlySeries, PricePath, SharedShocks, ouStep } from './paths.ts';
import { FundingSchedule, roundRate } from './fundingSchedule.ts';
import { buildBook, buildCandles } from './book.ts';
import { stringId, uniformAt } from './random.ts';

const DAY = 24 * HOUR;
/** Interest component per 8 h (0.01 %) and the ±0.05 % band of the standard formula. */
const INTEREST_8H = 0.0001;
const BAND_8H = 0.0005;

/** Share of an asset's volume each venue carries, and a small standing premium bias per venue. */
const VENUE_TRAITS: Record<VenueId, { share: number; bias: number }> = {
  binanceusdm: { share: 1, bias: 0 },
  bybit: { share: 0.5, bias: 0.00002 },
  okx: { share: 0.35, bias: -0.00001 },
  bitget: { share: 0.3, bias: 0.00001 },
  gate: { share: 0.25, bias: -0.00002 },
  hyperliquid: { share: 0.3, bias: 0.00004 },
  // A perp DEX: thinner books, and a standing long premium from its retail flow.
  aster: { share: 0.15, bias: 0.00005 },
  kucoinfutures: { share: 0.12, bias: 0.00002 },
  // A retail-heavy centralised venue: a mid-sized book and a mild long premium.
  bingx: { share: 0.15, bias: 0.00003 },
  // A perp DEX of mostly API market makers and retail: thin books, a mild long premium.
  paradex: { share: 0.08, bias: 0.00003 },
  // A zero-fee perp DEX: a book near Hyperliquid's on the majors, thinner beyond, a long premium from its retail flow.
  lighter: { share: 0.2, bias: 0.00004 },
};

/** Thrown when a caller names an instrument the venue does not list. */
export class UnknownInstrumentError extends Error {
  constructor(venue: VenueId, id: string) {
    super(`simulator: ${venue} lists no instrument "${id}"`);
    this.name = 'UnknownInstrumentError';
  }
}

/** An alternative source of settlements (replay) that replaces the model for one instrument. */
export interface FundingSource {
  intervalHours: number;
  nextFundingTime: number;
  advance(now: number): void;
  currentRate(now: number): number;
  lastSettledRate(): number;
  setRate(rate: number | null): void;
  setInterval(now: number, hours: number): void;
  onSettle(listener: (settlement: SimSettlement) => void): void;
  history(opts?: { since?: number; until?: number; limit?: number }): SimSettlement[];
}

export type SettlementListener = (venue: VenueId, instrumentId: string, settlement: SimSettlement) => void;

interface InstrumentState {
  listing: Listing;
  venuePremium: HourlySeries;
  funding: FundingSource;
  /** Recorded mark prices (replay) that replace the model's. */
  markOverride?: (time: number) => number | undefined;
  /** Premium held on top of the model's from a time on (`setPremium`), latest last. */
  premiumSteps?: PremiumStep[];
  range?: { hour: number; high: number; low: number };
}

interface PremiumStep {
  from: number;
  premium: number;
}

function stepAt(steps: readonly PremiumStep[] | undefined, time: number): number {
  if (!steps) return 0;
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].from <= time) return steps[i].premium;
  return 0;
}

/** Time-weighted mean of the held premium over [from, to]. */
function stepMean(steps: readonly PremiumStep[] | undefined, from: number, to: number): number {
  if (!steps || !(to > from)) return stepAt(steps, from);
  let sum = 0;
  for (const [i, step] of steps.entries()) {
    const end = Math.min(to, steps[i + 1]?.from ?? Infinity);
    const start = Math.max(from, step.from);
    if (end > start) sum += step.premium * (end - start);
  }
  return sum / (to - from);
}

export interface MarketOptions {
  seed: number;
  now: () => number;
  universe: Universe;
  /** The time the market is anchored at (prices equal the asset table's levels). */
  startTime: number;
  /** Days of settled funding history generated before startTime. */
  historyDays?: number;
}

function annualVol(rank: number): number {
  return rank < 2 ? 0.5 : rank < 20 ? 0.7 : rank < 100 ? 0.9 : 1.1;
}

function premiumSd(rank: number): number {
  return rank < 10 ? 0.00012 : rank < 50 ? 0.0002 : rank < 200 ? 0.0003 : 0.0004;
}

export class Market implements SimMarket {
  readonly seed: number;
  readonly universe: Universe;
  readonly historyStart: number;
  private readonly clockNow: () => number;
  private readonly originHour: number;
  private readonly startTime: number;
  private readonly prices = new Map<string, PricePath>();
  private readonly assetPremia = new Map<string, HourlySeries>();
  private readonly sectorRegimes = new Map<string, HourlySeries>();
  private readonly shocks = new Map<string, SharedShocks>();
  private readonly states = new Map<string, InstrumentState>();
  private readonly settlementListeners: SettlementListener[] = [];

  constructor(opts: MarketOptions) {
    this.seed = opts.seed;
    this.universe = opts.universe;
    this.clockNow = opts.now;
    this.startTime = opts.startTime;
    this.historyStart = opts.startTime - (opts.historyDays ?? 30) * DAY;
    this.originHour = Math.floor(this.historyStart / HOUR) - 48;
  }

  now(): number {
    return this.clockNow();
  }

  instruments(venue: VenueId): SimInstrument[] {
    return this.universe.listings(venue).map((listing) => listing.instrument);
  }

  perpDexs(): SimDex[] {
    return this.universe.perpDexs.map(({ listings, ...dex }) => ({ ...dex, instruments: listings.map((listing) => listing.instrument) }));
  }

  instrument(venue: VenueId, id: string): SimInstrument | undefined {
    return this.universe.listing(venue, id)?.instrument;
  }

  funding(venue: VenueId, id: string): SimFunding {
    const now = this.now();
    const state = this.state(venue, id);
    state.funding.advance(now);
    const hours = state.funding.intervalHours;
    return {
      rate: state.funding.currentRate(now),
      lastSettledRate: state.funding.lastSettledRate(),
      nextFundingTime: state.funding.nextFundingTime,
      intervalHours: hours,
      premiumIndex: roundRate(this.premium(state, now)),
      interestRate: roundRate((INTEREST_8H * hours) / 8),
    };
  }

  ticker(venue: VenueId, id: string): SimTicker {
    const now = this.now();
    const state = this.state(venue, id);
    const mark = this.markOf(state, now);
    const book = this.orderBook(venue, id, 1);
    const range = this.hourlyRange(state, now);
    const high = Math.max(range.high, mark);
    const low = Math.min(range.low, mark);
    const day = Math.floor(now / DAY);
    const volumeQuote = this.venueVolume(state) * (0.7 + 0.6 * uniformAt(this.seed, stringId(`volume:${venue}:${id}`), day));
    return {
      mark,
      index: this.indexOf(state, now),
      last: this.round(state, mark),
      bid: book.bids[0]?.[0] ?? mark,
      ask: book.asks[0]?.[0] ?? mark,
      open24h: this.markOf(state, now - DAY),
      high24h: high,
      low24h: low,
      volume24hBase: volumeQuote / mark,
      volume24hQuote: volumeQuote,
      openInterestBase: (this.venueVolume(state) * 0.4) / mark,
      time: now,
    };
  }

  fundingHistory(venue: VenueId, id: string, opts: { since?: number; until?: number; limit?: number } = {}): SimSettlement[] {
    const state = this.state(venue, id);
    state.funding.advance(this.now());
    return state.funding.history(opts);
  }

  orderBook(venue: VenueId, id: string, depth: number): SimBook {
    const now = this.now();
    const state = this.state(venue, id);
    return buildBook(state.listing.instrument, this.markOf(state, now), now, depth, {
      volumeUsd: this.venueVolume(state),
      seed: this.seed,
      stream: stringId(`book:${venue}:${id}`),
    });
  }

  candles(venue: VenueId, id: string, timeframeMs: number, opts: { since?: number; until?: number; limit?: number } = {}): SimCandle[] {
    const state = this.state(venue, id);
    return buildCandles((t) => this.markOf(state, t), {
      ...opts,
      timeframeMs,
      now: this.now(),
      volumeUsd: this.venueVolume(state),
      seed: this.seed,
      stream: stringId(`candle:${venue}:${id}`),
    });
  }

  /** Mark price in the venue's price units (per `1000PEPE` where the venue quotes that). */
  markPrice(venue: VenueId, id: string, time: number = this.now()): number {
    return this.markOf(this.state(venue, id), time);
  }

  indexPrice(venue: VenueId, id: string, time: number = this.now()): number {
    return this.indexOf(this.state(venue, id), time);
  }

  listing(venue: VenueId, id: string): Listing {
    return this.state(venue, id).listing;
  }

  /**
   * Holds the running and following rates of one instrument at `rate` from `time` (default now);
   * null returns it to the model.
   */
  setRate(venue: VenueId, id: string, rate: number | null, time: number = this.now()): void {
    const state = this.state(venue, id);
    state.funding.advance(time);
    state.funding.setRate(rate);
  }

  /** Moves the asset's index (on every venue) so that this instrument's index is `price` at `time`. */
  setPrice(venue: VenueId, id: string, price: number, time: number = this.now()): void {
    if (!(price > 0)) throw new RangeError(`simulator: ${venue} ${id}: price must be > 0, got ${price}`);
    const state = this.state(venue, id);
    this.pricePath(state.listing).setPrice(time, price / state.listing.priceScale);
  }

  /**
   * From `time` (default now) holds `premium` (decimal, mark over index) on top of the model's
   * premium of this one instrument: its mark and book move away from the other venues (a basis
   * move), and its funding follows the premium as the venue's formula would; 0 ends it.
   */
  setPremium(venue: VenueId, id: string, premium: number, time: number = this.now()): void {
    if (!Number.isFinite(premium) || Math.abs(premium) >= 0.5) throw new RangeError(`simulator: ${venue} ${id}: premium must be a decimal within ±0.5, got ${premium}`);
    const state = this.state(venue, id);
    state.funding.advance(time);
    (state.premiumSteps ??= []).push({ from: time, premium });
  }

  /** From `time` (default now) the instrument settles every `hours` hours on UTC boundaries. */
  setInterval(venue: VenueId, id: string, hours: number, time: number = this.now()): void {
    if (![1, 2, 4, 8].includes(hours)) throw new RangeError(`simulator: ${venue} ${id}: interval must be 1, 2, 4 or 8 h, got ${hours}`);
    const state = this.state(venue, id);
    state.funding.advance(time);
    state.funding.setInterval(time, hours);
  }

  /** Replaces the model's settlements (and optionally marks) of one instrument, e.g. by a recording. */
  useFundingSource(venue: VenueId, id: string, source: FundingSource, markOverride?: (time: number) => number | undefined): void {
    const state = this.state(venue, id);
    state.funding = source;
    state.markOverride = markOverride;
    this.wireSettlements(venue, id, source);
  }

  /** Hears every settlement of every instrument whose funding has been advanced past it. */
  onSettlement(listener: SettlementListener): void {
    this.settlementListeners.push(listener);
  }

  /**
   * Builds every instrument's funding state and history now, so that the first request for all
   * funding rates does not pay for 30 days of settlements inside a client's timeout.
   */
  warm(): void {
    const now = this.now();
    for (const venue of this.universe.venues) {
      for (const listing of this.universe.listings(venue)) this.state(venue, listing.instrument.id).funding.advance(now);
    }
    for (const listing of this.universe.perpDexs.flatMap((dex) => dex.listings)) this.state('hyperliquid', listing.instrument.id).funding.advance(now);
  }

  /** Settles every period that ended by now for one instrument. */
  settle(venue: VenueId, id: string): void {
    this.state(venue, id).funding.advance(this.now());
  }

  private state(venue: VenueId, id: string): InstrumentState {
    const key = `${venue}:${id}`;
    const existing = this.states.get(key);
    if (existing) return existing;
    const listing = this.universe.listing(venue, id);
    if (!listing) throw new UnknownInstrumentError(venue, id);
    const rank = listing.asset.rank;
    const venuePremium = new HourlySeries(this.originHour, VENUE_TRAITS[venue].bias, ouStep({
      seed: this.seed, stream: stringId(`premium:${key}`), mean: VENUE_TRAITS[venue].bias, halfLifeHours: 6, sd: 0.00008 + premiumSd(rank) * 0.3,
    }));
    const state: InstrumentState = { listing, venuePremium, funding: undefined as unknown as FundingSource };
    const instrument = listing.instrument;
    const schedule = new FundingSchedule({
      rules: { baseIntervalHours: instrument.intervalHours, cap: instrument.fundingCap, floor: instrument.fundingFloor, switchesOnCap: venue === 'binanceusdm' || venue === 'bybit' },
      historyStart: this.historyStart,
      rate: (start, end, asOf, hours) => this.formulaRate(state, start, Math.min(end, asOf), hours),
      markAt: (time) => this.markOf(state, time),
    });
    state.funding = schedule;
    this.wireSettlements(venue, id, schedule);
    this.states.set(key, state);
    return state;
  }

  /** High and low of the hourly marks of the last 24 h, cached per instrument until the hour turns. */
  private hourlyRange(state: InstrumentState, now: number): { high: number; low: number } {
    const hour = Math.floor(now / HOUR);
    if (state.range?.hour === hour) return state.range;
    let high = -Infinity;
    let low = Infinity;
    for (let t = Math.ceil((now - DAY) / HOUR) * HOUR; t < now; t += HOUR) {
      const price = this.markOf(state, t);
      high = Math.max(high, price);
      low = Math.min(low, price);
    }
    state.range = { hour, high, low };
    return state.range;
  }

  private wireSettlements(venue: VenueId, id: string, source: FundingSource): void {
    source.onSettle((settlement) => {
      for (const listener of this.settlementListeners) listener(venue, id, settlement);
    });
  }

  /**
   * F = P̄ + clamp(I − P̄, ±0.05 %) per 8 h over the period's mean premium P̄, scaled to the
   * interval (caps applied by the schedule). OKX has no band: its rate is the clamped moving
   * average of premium plus interest, so it rarely sits exactly on the interest rate.
   */
  private formulaRate(state: InstrumentState, start: number, asOf: number, hours: number): number {
    const meanPremium = this.meanPremium(state, start, asOf);
    const band = state.listing.instrument.venue === 'okx' ? 0 : BAND_8H;
    const f8 = meanPremium + Math.min(band, Math.max(-band, INTEREST_8H - meanPremium)) + (band === 0 ? INTEREST_8H : 0);
    return (f8 * hours) / 8;
  }

  private meanPremium(state: InstrumentState, from: number, to: number): number {
    const { asset } = state.listing;
    return this.sectorRegime(asset.sector).mean(from, to) + this.assetPremium(state.listing).mean(from, to) + state.venuePremium.mean(from, to)
      + stepMean(state.premiumSteps, from, to);
  }

  private premium(state: InstrumentState, time: number): number {
    const { asset } = state.listing;
    return this.sectorRegime(asset.sector).at(time) + this.assetPremium(state.listing).at(time) + state.venuePremium.at(time) + stepAt(state.premiumSteps, time);
  }

  private indexOf(state: InstrumentState, time: number): number {
    return this.round(state, this.pricePath(state.listing).price(time) * state.listing.priceScale);
  }

  private markOf(state: InstrumentState, time: number): number {
    const recorded = state.markOverride?.(time);
    if (recorded !== undefined) return recorded;
    const index = this.pricePath(state.listing).price(time) * state.listing.priceScale;
    return this.round(state, index * (1 + this.premium(state, time)));
  }

  private round(state: InstrumentState, price: number): number {
    const tick = state.listing.instrument.tickSize;
    return Number((Math.round(price / tick) * tick).toFixed(state.listing.instrument.pricePrecision));
  }

  private venueVolume(state: InstrumentState): number {
    return state.listing.asset.volumeUsd * VENUE_TRAITS[state.listing.instrument.venue].share;
  }

  private pricePath(listing: Listing): PricePath {
    const { asset } = listing;
    let path = this.prices.get(asset.base);
    if (!path) {
      let shocks = this.shocks.get(asset.sector);
      if (!shocks) {
        shocks = new SharedShocks(this.seed, asset.sector);
        this.shocks.set(asset.sector, shocks);
      }
      const sectorShocks = shocks;
      path = new PricePath({
        seed: this.seed, base: asset.base, shocks: (i) => sectorShocks.at(i), originHour: this.originHour,
        hourlySd: annualVol(asset.rank) / Math.sqrt(8760), anchorTime: this.startTime, anchorPrice: asset.price,
      });
      this.prices.set(asset.base, path);
    }
    return path;
  }

  private assetPremium(listing: Listing): HourlySeries {
    const { asset } = listing;
    let series = this.assetPremia.get(asset.base);
    if (!series) {
      const sd = premiumSd(asset.rank);
      series = new HourlySeries(this.originHour, 0, ouStep({
        seed: this.seed, stream: stringId(`premium:asset:${asset.base}`), mean: 0, halfLifeHours: 12, sd, jumpPerHour: 1 / 150, jumpSize: sd * 12,
        ...(asset.rank >= 100 ? { squeezePerHour: 1 / 6000, squeeze: [0.015, 0.04] as [number, number] } : {}),
      }));
      this.assetPremia.set(asset.base, series);
    }
    return series;
  }

  /** Sector funding regimes: slow, with occasional jumps, shared by every asset of the sector. */
  private sectorRegime(sector: string): HourlySeries {
    let series = this.sectorRegimes.get(sector);
    if (!series) {
      series = new HourlySeries(this.originHour, 0.00005, ouStep({
        seed: this.seed, stream: stringId(`premium:sector:${sector}`), mean: 0.00005, halfLifeHours: 72, sd: 0.00015, jumpPerHour: 1 / 240, jumpSize: 0.0006,
      }));
      this.sectorRegimes.set(sector, series);
    }
    return series;
  }
}
