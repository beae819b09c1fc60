/**
 * Hyperliquid's builder-deployed perp dexes (HIP-3) inside the `hyperliquid` venue
 * (docs/venues.md, "Hyperliquid HIP-3"). ccxt names such a perp by its dex and coin
 * (`XYZ-BTC/USDC:USDC`, `baseName` `xyz:BTC`, `info.hip3` true, `info.dex` `xyz`) and settles it
 * in the dex's collateral token, which may be another dollar token than USDC. A dex's coin is the
 * asset of the same name only where it really is that asset: the main dex lists a perp of that
 * name and both oracle prices agree within `SAME_ASSET_TOLERANCE`. Otherwise (an equity, an
 * index, `xyz:C` the bank against C the token) the asset keeps its dex in its name (`XYZ:C`), so
 * the engine pairs it with nothing of another name.
 */
import type { MarketInterface } from 'ccxt';
import { numberOrNull } from './fundingQuote.ts';

/** Dollar tokens a HIP-3 dex may settle in (ccxt's codes): counted at par like USDT and USDC. */
const HIP3_SETTLES: ReadonlySet<string> = new Set(['USDC', 'USDT', 'USDH', 'USDE', 'USDe', 'USDT0']);

/** Oracles of one asset agree far closer than this; an equity that shares a token's ticker is off by orders of magnitude. */
export const SAME_ASSET_TOLERANCE = 0.01;

type Info = { hip3?: unknown; dex?: unknown; oraclePx?: unknown };
const infoOf = (market: MarketInterface): Info => (market.info ?? {}) as Info;

export function isHip3Market(market: MarketInterface): boolean {
  return infoOf(market).hip3 === true;
}

/** The HIP-3 dex of a market ccxt loaded, or undefined for the main dex. */
export function dexOfMarket(market: { info: Record<string, unknown> }): string | undefined {
  const info = market.info as Info;
  return info.hip3 === true && typeof info.dex === 'string' ? info.dex : undefined;
}

/** The HIP-3 dexes among loaded markets, in the order ccxt listed them. */
export function dexesOf(markets: Iterable<{ info: Record<string, unknown> }>): string[] {
  return [...new Set([...markets].flatMap((market) => dexOfMarket(market) ?? []))];
}

export function isHip3Settle(settle: string): boolean {
  return HIP3_SETTLES.has(settle);
}

/** The main dex's perps by their coin (`BTC`, `kPEPE`), what a HIP-3 coin is compared with. */
function mainDexByCoin(markets: Record<string, MarketInterface>): Map<string, MarketInterface> {
  const out = new Map<string, MarketInterface>();
  for (const market of Object.values(markets)) {
    const coin = (market as { baseName?: unknown }).baseName;
    if (market.swap === true && !isHip3Market(market) && typeof coin === 'string') out.set(coin, market);
  }
  return out;
}

/**
 * The main-dex perp a HIP-3 perp trades the same asset as, or undefined: the same coin name after
 * the dex's prefix, and oracle prices within the tolerance of each other.
 */
function sameAssetOnMainDex(market: MarketInterface, mainByCoin: Map<string, MarketInterface>): MarketInterface | undefined {
  const baseName = (market as { baseName?: unknown }).baseName;
  if (typeof baseName !== 'string' || !baseName.includes(':')) return undefined;
  const main = mainByCoin.get(baseName.slice(baseName.indexOf(':') + 1));
  if (main === undefined) return undefined;
  const own = numberOrNull(infoOf(market).oraclePx);
  const theirs = numberOrNull(infoOf(main).oraclePx);
  if (own === null || theirs === null || !(theirs > 0)) return undefined;
  return Math.abs(own / theirs - 1) <= SAME_ASSET_TOLERANCE ? main : undefined;
}

const mainDexOf = new WeakMap<object, Map<string, MarketInterface>>();

/**
 * The market whose units a perp counts in: a HIP-3 perp's main-dex twin where it is the same
 * asset (so `XYZ-BTC/USDC:USDC` counts BTC, as the catalog, the brokers and the ticket's
 * same-asset check all read it), the market itself otherwise.
 */
export function assetMarketOf(market: MarketInterface, markets: Record<string, MarketInterface>): MarketInterface {
  if (!isHip3Market(market)) return market;
  let main = mainDexOf.get(markets);
  if (main === undefined) mainDexOf.set(markets, (main = mainDexByCoin(markets)));
  return sameAssetOnMainDex(market, main) ?? market;
}
