/**
 * What `scan` prints is the monitor's own answer: the quotes go through the signal engine the
 * live terminal's worker runs (`electron/engine/engine.ts`) — legs normalised per 8 h and APR,
 * the best cross-venue pair of the fresh legs, costs and expected edge, the monitor's order —
 * and its rows are printed as they come, so the CLI keeps no second model of any of it.
 */
import type { FundingPoint, FundingQuote } from '../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../shared/domain/settings.ts';
import type { Leg, Opportunity } from '../../shared/domain/signals.ts';
import { parseUnifiedSymbol } from '../../shared/domain/symbols.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { SignalEngine } from '../engine/engine.ts';

const HOUR_MS = 3_600_000;

/** One leg of a row (the `scan --json` quote). */
export interface ScanQuote {
  venue: string;
  symbol: string;
  rate: number;
  intervalHours: number;
  ratePer8h: number;
  apr: number;
  /** ISO-8601 UTC time of the settlement this rate is (or was) paid at. */
  fundingTime: string;
}

/** The row's best pair across different venues, as the monitor shows it. */
export interface ScanBest {
  longVenue: string;
  shortVenue: string;
  spreadPer8h: number;
  spreadApr: number;
}

export interface ScanAsset {
  base: string;
  quotes: ScanQuote[];
  best: ScanBest | null;
  /** At or above the trigger spread (the monitor puts these first). */
  triggered: boolean;
  /** The monitor's ranking figure: expected funding to the planned exit less costs, per day, as a decimal of one leg's notional (docs/domain.md §1). */
  expectedNetPerDay: number | null;
}

/** The `scan --json` object: the monitor's rows in the monitor's order. */
export interface ScanResult {
  at: string;
  assets: ScanAsset[];
}

/**
 * The monitor as of `now` over `quotes` (the engine's default settings: default fees, trigger
 * and holding period). `paidAt` says which settlement each leg's rate belongs to.
 */
export function monitorScan(quotes: readonly FundingQuote[], now: number, paidAt: (leg: Leg) => number, settings: EngineSettings = DEFAULT_SETTINGS): ScanResult {
  const engine = new SignalEngine(settings);
  engine.apply(quotes, now);
  return { at: new Date(now).toISOString(), assets: engine.snapshot().upserts.map((row) => assetOf(row, paidAt)) };
}

function assetOf(row: Opportunity, paidAt: (leg: Leg) => number): ScanAsset {
  const best = row.longVenue !== null && row.shortVenue !== null && row.spreadPer8h !== null && row.spreadApr !== null
    ? { longVenue: row.longVenue, shortVenue: row.shortVenue, spreadPer8h: row.spreadPer8h, spreadApr: row.spreadApr }
    : null;
  return {
    base: row.base,
    quotes: row.legs.map((leg) => ({
      venue: leg.venue, symbol: leg.symbol, rate: leg.rate, intervalHours: leg.intervalHours, ratePer8h: leg.ratePer8h, apr: leg.apr,
      fundingTime: new Date(paidAt(leg)).toISOString(),
    })),
    best,
    triggered: row.triggered,
    expectedNetPerDay: row.expectedNetPerDay ?? null,
  };
}

/**
 * A settlement of the past as the live terminal would have held it at `at`: the last settled
 * rate (labelled `settled`, as a venue that publishes no running figure), the next settlement
 * one interval later, observed at `at`. Null for a symbol that is not a unified perpetual
 * `BASE/QUOTE:SETTLE` (its base cannot be compared across venues).
 */
export function settledQuote(point: FundingPoint & { venue: VenueId }, at: number): FundingQuote | null {
  const parsed = parseUnifiedSymbol(point.symbol);
  if (!parsed) return null;
  return {
    venue: point.venue, symbol: point.symbol, base: parsed.base, multiplier: parsed.multiplier,
    rate: null, rateKind: 'settled', lastSettledRate: point.rate, intervalHours: point.intervalHours,
    nextFundingTime: point.time + point.intervalHours * HOUR_MS, markPrice: point.markPrice,
    indexPrice: null, volume24hUsd: null, openInterestUsd: null, observedAt: at,
  };
}
