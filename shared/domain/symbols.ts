/**
 * Venues name the same asset differently: `1000PEPE/USDT:USDT` on Binance, `kPEPE/USDC:USDC`
 * on Hyperliquid. Cross-venue comparison needs one base asset name and the contract multiplier.
 */
export interface ParsedSymbol {
  /** Base asset with any multiplier prefix removed (`PEPE`). */
  base: string;
  /** How many base units one quoted unit stands for (1000 for `1000PEPE`). */
  multiplier: number;
  quote: string;
  settle: string;
}

const MULTIPLIER_PREFIXES: ReadonlyArray<[RegExp, number]> = [
  [/^1000000(?=[A-Z])/, 1_000_000],
  [/^1M(?=[A-Z]{2,})/, 1_000_000],
  [/^100000(?=[A-Z])/, 100_000],
  [/^10000(?=[A-Z])/, 10_000],
  [/^1000(?=[A-Z])/, 1_000],
  [/^k(?=[A-Z]{2,})/, 1_000],
];

/** Splits a raw venue base (`1000PEPE`, `kBONK`) into the asset and its multiplier. */
export function normaliseBase(rawBase: string): { base: string; multiplier: number } {
  for (const [pattern, multiplier] of MULTIPLIER_PREFIXES) {
    if (pattern.test(rawBase)) return { base: rawBase.replace(pattern, '').toUpperCase(), multiplier };
  }
  return { base: rawBase.toUpperCase(), multiplier: 1 };
}

/** Parses a ccxt unified linear-perp symbol `BASE/QUOTE:SETTLE`; null when it is not one. */
export function parseUnifiedSymbol(symbol: string): ParsedSymbol | null {
  const match = /^([^/:]+)\/([^/:]+):([^/:-]+)$/.exec(symbol);
  if (!match) return null;
  const { base, multiplier } = normaliseBase(match[1]);
  return { base, multiplier, quote: match[2], settle: match[3] };
}
