/**
 * Hyperliquid's spot pairs and tokens as its `spotMeta` names them (docs/venues.md, "Hyperliquid
 * spot"): a pair is named `@<index>` (the venue's first, PURR/USDC, by its tokens), its quote is
 * USDC (token 0), and its base is the venue's own token: bitcoin trades as the wrapped `UBTC`,
 * ether as `UETH`, solana as `USOL` (ccxt's recorded spot balance holds UETH and USOL; its
 * recorded UBTC/USDC candles are of `@142`). The lot steps are the recorded `szDecimals`
 * (UBTC 5, UETH 4, HYPE 2, in public clients' recorded `spotMeta`). The simulator numbers its
 * pairs and tokens in listing order from 0 and 1: ccxt reads each pair's context at the pair's
 * index in the contexts list, which the venue keeps without gaps, so the simulator's pair ids
 * are `@0`, `@1`, … where the venue's BTC pair is `@142`.
 */
const WRAPPED: Readonly<Record<string, string>> = { BTC: 'UBTC', ETH: 'UETH', SOL: 'USOL' };

const SZ_DECIMALS: Readonly<Record<string, number>> = { BTC: 5, ETH: 4, HYPE: 2 };

export const HYPERLIQUID_SPOT_QUOTE = 'USDC';

/** The pair of `asset`, the `ordinal`-th listed: its name, the venue's token and their numbers (USDC is token 0). */
export function hyperliquidSpotPair(asset: string, ordinal: number): { id: string; coin: string; index: { pair: number; token: number } } {
  return { id: `@${ordinal}`, coin: WRAPPED[asset] ?? asset, index: { pair: ordinal, token: ordinal + 1 } };
}

/** The recorded `szDecimals` of the asset's token, if any. */
export function recordedSzDecimals(asset: string): number | undefined {
  return SZ_DECIMALS[asset];
}

/**
 * Hyperliquid's rule for a spot price: at most five significant figures and at most 8 −
 * szDecimals decimals; an integer price is always taken.
 */
export function hyperliquidSpotPriceOk(price: number, szDecimals: number): boolean {
  if (!(price > 0)) return false;
  if (Number.isInteger(price)) return true;
  const text = price.toFixed(12).replace(/0+$/, '');
  const decimals = text.length - text.indexOf('.') - 1;
  const significant = text.replace('.', '').replace(/^0+/, '').length;
  return decimals <= 8 - szDecimals && significant <= 5;
}

/** The book's tick at `pricePerCoin`: the fifth significant figure, not finer than the decimals allowed. */
export function hyperliquidSpotTick(pricePerCoin: number, szDecimals: number): number {
  return Math.max(10 ** (Math.floor(Math.log10(pricePerCoin)) - 4), 10 ** -(8 - szDecimals));
}
