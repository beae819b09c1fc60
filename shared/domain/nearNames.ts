/**
 * Names close to a word that names nothing known: a venue id misspelt in a history CSV, a sector
 * name typed with a slip. One slip per four letters (`binanceusd` finds binanceusdm, `Gamng`
 * finds Gaming, `ftx` does not find okx); letter case counts as no slip.
 */
export function nearNames(word: string, known: Iterable<string>): string[] {
  const slips = Math.max(1, Math.floor(word.length / 4));
  return [...known].filter((name) => editDistance(word.toLowerCase(), name.toLowerCase()) <= slips);
}

/** Levenshtein distance, one row at a time: the names compared are short. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length];
}
