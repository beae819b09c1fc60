import { aprFromPer8h } from './normalise.ts';
import { legVenueLabel, type VenueId } from '../domain/venues.ts';

export interface VenueRate<V extends string = string> {
  venue: V;
  ratePer8h: number;
}

export interface BestSpread<V extends string = string> {
  longVenue: V;
  shortVenue: V;
  spreadPer8h: number;
  spreadApr: number;
}

/**
 * The trade collects the spread by going long where funding is lowest and short where it is
 * highest. Needs two different venues; several symbols on one venue (USDT and USDC perps) do
 * not make a cross-venue spread, so each venue contributes its extremes only once.
 */
export function bestSpread<V extends string>(rates: ReadonlyArray<VenueRate<V>>): BestSpread<V> | null {
  let low: VenueRate<V> | undefined;
  let high: VenueRate<V> | undefined;
  for (const r of rates) {
    if (!Number.isFinite(r.ratePer8h)) continue;
    if (!low || r.ratePer8h < low.ratePer8h) low = r;
    if (!high || r.ratePer8h > high.ratePer8h) high = r;
  }
  if (!low || !high) return null;
  if (low.venue === high.venue) {
    // Extremes on one venue: the best cross-venue pair uses that venue on one side only.
    const others = rates.filter((r) => r.venue !== low!.venue && Number.isFinite(r.ratePer8h));
    if (others.length === 0) return null;
    const otherLow = others.reduce((a, b) => (b.ratePer8h < a.ratePer8h ? b : a));
    const otherHigh = others.reduce((a, b) => (b.ratePer8h > a.ratePer8h ? b : a));
    const shortHere = high.ratePer8h - otherLow.ratePer8h;
    const longHere = otherHigh.ratePer8h - low.ratePer8h;
    return shortHere >= longHere ? pack(otherLow, high) : pack(low, otherHigh);
  }
  return pack(low, high);
}

function pack<V extends string>(low: VenueRate<V>, high: VenueRate<V>): BestSpread<V> {
  const spreadPer8h = high.ratePer8h - low.ratePer8h;
  return { longVenue: low.venue, shortVenue: high.venue, spreadPer8h, spreadApr: aprFromPer8h(spreadPer8h) };
}

/** The leg of `venue` with the lowest (long) or highest (short) rate: the one the best spread used; null when the venue has none. */
export function extremeLeg<L extends VenueRate>(legs: readonly L[], venue: string, side: 'buy' | 'sell'): L | null {
  let best: L | null = null;
  for (const leg of legs) {
    if (leg.venue !== venue) continue;
    if (!best || (side === 'buy' ? leg.ratePer8h < best.ratePer8h : leg.ratePer8h > best.ratePer8h)) best = leg;
  }
  return best;
}

/**
 * A pair side's venue as the pair's labels name it: the fresh leg the pair takes there (as
 * `extremeLeg`), so a Hyperliquid HIP-3 dex's perp reads `Hyperliquid xyz` (docs/venues.md, "Hyperliquid HIP-3").
 */
export function pairSideLabel(legs: ReadonlyArray<VenueRate<VenueId> & { symbol: string; stale: boolean }>, venue: VenueId, side: 'buy' | 'sell', form: 'full' | 'short' = 'full'): string {
  return legVenueLabel(venue, extremeLeg(legs.filter((leg) => !leg.stale), venue, side)?.symbol, form);
}
