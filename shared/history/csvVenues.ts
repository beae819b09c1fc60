import { nearNames } from '../domain/nearNames.ts';

/**
 * Venue names in a history CSV. A row's venue must be one the terminal knows (the caller passes
 * the ccxt exchange ids: a study may hold venues the terminal does not trade, such as dydx), so a
 * typo such as `binanceusd` is a bad line naming the venue instead of a series nobody can match.
 */
export function unknownVenueMessage(venue: string, known: ReadonlySet<string>): string {
  const near = nearNames(venue, known);
  const hint = near.length > 0 ? `; did you mean ${near.slice(0, 3).join(' or ')}?` : ' (use a ccxt exchange id, e.g. binanceusdm)';
  return `venue "${venue}" is not a venue the terminal knows${hint}`;
}
