/**
 * Per asset and venue pair, how the spread between the two venues' funding decays, fitted on
 * the settled history known at `asOf` (docs/domain.md §1 "Expected carry under decay"). Pure: the
 * backend builds the table from the store, the backtest from its files, the engine and the
 * ticket read it.
 */
import type { FundingPoint } from '../../shared/domain/quotes.ts';
import { DEFAULT_DECAY_PARAMS, defaultDecay, fitSpreadDecay, reversed, type DecayParams, type SpreadDecay } from '../../shared/funding/decay.ts';
import { canonicalBase } from '../../shared/sectors/sectorOf.ts';
import type { Ticket } from '../../shared/domain/ticket.ts';
import { venueGrid } from './analytics.ts';

/** Fits keyed `base|venueA|venueB` with venueA < venueB, the spread oriented as A's rate minus B's. */
export type DecayTable = ReadonlyMap<string, SpreadDecay>;

/** How much history a fit looks back over: long enough for 270 8-h points, short enough to follow a change of regime. */
export const DECAY_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

const keyOf = (base: string, a: string, b: string) => `${canonicalBase(base)}|${a}|${b}`;

/** Every venue pair of every base in `funding`, fitted on the settlements at or before `asOf` within the window. */
export function pairDecays(funding: readonly FundingPoint[], asOf: number, params: DecayParams = DEFAULT_DECAY_PARAMS, windowDays = DECAY_WINDOW_DAYS): Map<string, SpreadDecay> {
  const from = asOf - windowDays * DAY_MS;
  const known = funding.filter((p) => p.time <= asOf && p.time > from);
  const table = new Map<string, SpreadDecay>();
  for (const base of new Set(known.map((p) => canonicalBase(p.symbol)))) {
    const { venues, columns } = venueGrid(base, known);
    for (let a = 0; a < venues.length; a++) {
      for (let b = a + 1; b < venues.length; b++) {
        const spread = columns[a].map((rate, g) => rate - columns[b][g]);
        table.set(keyOf(base, venues[a], venues[b]), fitSpreadDecay(spread, params));
      }
    }
  }
  return table;
}

/**
 * The decay of what a pair short on `shortVenue` and long on `longVenue` receives; the
 * conservative default, saying so, when the table has no history of the pair.
 */
export function decayFor(table: DecayTable, base: string, shortVenue: string, longVenue: string, params: DecayParams = DEFAULT_DECAY_PARAMS): SpreadDecay {
  if (shortVenue === longVenue) return defaultDecay('both legs on one venue', params);
  const forward = shortVenue < longVenue;
  const fit = table.get(forward ? keyOf(base, shortVenue, longVenue) : keyOf(base, longVenue, shortVenue));
  if (!fit) return defaultDecay(`no stored history of ${canonicalBase(base)} on both ${shortVenue} and ${longVenue}`, params);
  return forward ? fit : reversed(fit);
}

/** A ticket's decay: its perp/perp pair's fit; a perp/spot carry has no pair history here and takes the default. */
export function ticketDecay(table: DecayTable, ticket: Pick<Ticket, 'base' | 'legs'>, params: DecayParams = DEFAULT_DECAY_PARAMS): SpreadDecay {
  const short = ticket.legs.find((leg) => leg.side === 'sell');
  const long = ticket.legs.find((leg) => leg.side === 'buy');
  if (!short || !long || short.instrument !== 'perp' || long.instrument !== 'perp') return defaultDecay('a perp/spot carry: no venue-pair history', params);
  return decayFor(table, ticket.base, short.venue, long.venue, params);
}
