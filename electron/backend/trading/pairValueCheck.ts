/**
 * The comparison across the two legs of a pair, in the venues' own USD values (docs/units.md,
 * "Across the two legs"). Each leg's own check compares the venue with the journal through the
 * terminal's conversion of that market; a base multiplier wrong the same way in the amount and
 * in the price per coin passes it (the leg's coins × mark equals the venue's value) while the
 * leg holds a multiple of the other leg's asset. The venues' stated values do not pass through
 * that conversion, so the two legs of one hedge must state values within one lot of each venue
 * plus the price gap the pair may carry between its venues.
 */
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { LotRules } from '../../../shared/risk/lots.ts';
import type { VenuePosition } from './brokers/broker.ts';
import type { ApprovedHolding } from './holdingCheck.ts';
import type { Ledger } from './ledger.ts';
import { legSizes, positionKey, type MismatchEntryData } from './ledgerFold.ts';

/** The gap between two venues' prices of one coin a ticket may open at: beyond it the legs are not one asset's hedge. */
export const ENTRY_GAP = 0.01;

export interface PairValueInput {
  ledger: Ledger;
  approved: ReadonlyMap<string, ApprovedHolding>;
  held: ReadonlyMap<string, VenuePosition>;
  /** Venue/symbols not to judge in this read (journal moving, venue not read). */
  skip: (key: string) => boolean;
  lot: (venue: VenueId, symbol: string) => LotRules | null;
}

export interface PairValueVerdicts {
  /** Keys judged in this read: a mismatch found across a pair earlier is resolved only on these. */
  judged: Set<string>;
  found: Map<string, MismatchEntryData>;
}

interface LegValue { key: string; venue: VenueId; symbol: string; coins: number; usd: number; lotUsd: number }

/** The pair's share of the venue's value at `key` (several pairs may hold one venue/symbol), or null when it cannot be told. */
function legValue(input: PairValueInput, venue: VenueId, symbol: string, coins: number): LegValue | null {
  const key = positionKey(venue, symbol);
  const held = input.held.get(key);
  const net = input.approved.get(key)?.size ?? 0;
  if (input.skip(key) || held === undefined || held.venueUsd === null || !symbol.includes(':')) return null;
  if (Math.abs(coins) < 1e-12 || Math.sign(net) !== Math.sign(coins) || Math.sign(held.size) !== Math.sign(coins)) return null;
  // One lot in USD is lot coins × mark per coin: a base multiplier wrong in both cancels out.
  const lotUsd = (input.lot(venue, symbol)?.step ?? 0) * held.markPrice;
  return { key, venue, symbol, coins, usd: Math.abs(held.venueUsd) * (coins / net), lotUsd };
}

/** The tolerance between the legs' values: one lot of each venue, and the price gap the pair may carry (its entry gap plus its basis stop). */
export function pairTolerance(a: { usd: number; lotUsd: number }, b: { usd: number; lotUsd: number }, basisStopPct: number | undefined): number {
  return a.lotUsd + b.lotUsd + (ENTRY_GAP + (basisStopPct ?? 0)) * Math.max(a.usd, b.usd);
}

const usd = (value: number) => `$${value.toFixed(2)}`;

function verdictOf(pairId: string, leg: LegValue, other: LegValue, tolerance: number): MismatchEntryData {
  return {
    venue: leg.venue, symbol: leg.symbol, approvedCoins: leg.coins, venueCoins: leg.coins, approvedUsd: null, venueUsd: leg.usd, lotCoins: null,
    reason: `${leg.venue} ${leg.symbol}: the venue values pair ${pairId}'s leg at ${usd(leg.usd)}, ${other.venue} ${other.symbol} values the other leg at ${usd(other.usd)} (more than ${usd(tolerance)} apart): one leg's conversion is wrong, the legs do not hold the same asset`,
    restore: null,
    restoreNote: 'no order is offered: the check cannot tell which leg is converted wrong; reduce at the venue by hand or use the kill switch',
    across: { pairId, venue: other.venue, symbol: other.symbol, venueUsd: other.usd },
  };
}

/** Every open two-leg perp pair whose legs were both read: its legs' venue values compared. */
export function judgePairValues(input: PairValueInput): PairValueVerdicts {
  const out: PairValueVerdicts = { judged: new Set(), found: new Map() };
  for (const record of input.ledger.pairs()) {
    if (record.legs.length !== 2 || record.closedAt !== null) continue;
    const sizes = legSizes(record);
    const [a, b] = record.legs.map((leg, i) => legValue(input, leg.venue, leg.symbol, sizes[i]));
    if (a === null || b === null) continue;
    out.judged.add(a.key).add(b.key);
    const tolerance = pairTolerance(a, b, record.exits.basisStopPct);
    if (Math.abs(a.usd - b.usd) <= tolerance) continue;
    out.found.set(a.key, verdictOf(record.pairId, a, b, tolerance));
    out.found.set(b.key, verdictOf(record.pairId, b, a, tolerance));
  }
  return out;
}
