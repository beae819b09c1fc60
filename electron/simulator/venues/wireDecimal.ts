/**
 * Number encoding shared by the venue wires. Venues send numbers as decimal strings without
 * exponent notation; rates must round-trip exactly so that the value ccxt parses equals the
 * simulator's own (conformance tests compare them for equality).
 */

/** Shortest decimal that parses back to `value`, never in exponent notation. */
export function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot encode ${value} as a venue decimal`);
  if (Object.is(value, -0)) return '0';
  const shortest = String(value);
  if (!shortest.includes('e')) return shortest;
  // 17 significant digits always round-trip a double; place them after the leading zeros.
  const decimals = Math.min(100, Math.max(0, 17 - Math.floor(Math.log10(Math.abs(value)))));
  return value.toFixed(decimals).replace(/\.?0+$/, '');
}

/** Fixed decimals as the venue prints prices and quantities (`"65000.10"`). */
export function fixedString(value: number, decimals: number): string {
  return value.toFixed(Math.max(0, decimals));
}
