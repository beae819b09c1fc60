/**
 * Venue names in a history CSV. A row's venue must be one the terminal knows (the caller passes
 * the ccxt exchange ids: a study may hold venues the terminal does not trade, such as dydx), so a
 * typo such as `binanceusd` is a bad line naming the venue instead of a series nobody can match.
 */
export function unknownVenueMessage(venue: string, known: ReadonlySet<string>): string {
  // One slip per four letters: `binanceusd` finds binanceusdm, `ftx` does not find okx.
  const slips = Math.max(1, Math.floor(venue.length / 4));
  const near = [...known].filter((id) => editDistance(venue, id) <= slips);
  const hint = near.length > 0 ? `; did you mean ${near.slice(0, 3).join(' or ')}?` : ' (use a ccxt exchange id, e.g. binanceusdm)';
  return `venue "${venue}" is not a venue the terminal knows${hint}`;
}

/** Levenshtein distance, one row at a time: venue ids are short, and each distinct one is checked once. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length];
}
