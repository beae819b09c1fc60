/**
 * Hyperliquid's builder-deployed perp dexes (HIP-3) the simulator lists (docs/venues.md,
 * "Hyperliquid HIP-3"): two demo dexes, each a universe of its own named `<dex>:<coin>`, in
 * `perpDexs` order (the main dex is entry 0, `null`; these are 1 and 2). A crypto coin on a dex
 * follows the same asset's price as the main dex and the other venues (the same asset, its own
 * premium and funding); an equity or index is an asset of its own. `xyz:C` is Citigroup, not the
 * crypto C the other venues list: a name that matches while the asset does not.
 */
import type { Asset, Listing } from './universe.ts';

/** The collateral a dex settles in: USDC (spot token 0) or USDH (a spot token the simulator adds after its pairs' tokens). */
export type DexCollateral = 'USDC' | 'USDH';

interface DexCoin {
  coin: string;
  /** An asset of the universe's table, or a price level of its own (equities, indices). */
  crypto?: true;
  price?: number;
  volumeUsdMillions?: number;
  maxLeverage: number;
}

export interface DexDefinition {
  name: string;
  fullName: string;
  collateral: DexCollateral;
  deployer: string;
  coins: readonly DexCoin[];
}

export const HIP3_DEXES: readonly DexDefinition[] = [
  {
    name: 'xyz', fullName: 'XYZ', collateral: 'USDC', deployer: '0x88806a71d74ad0a510b350545c9ae490912f0888',
    coins: [
      { coin: 'XYZ100', price: 25_000, volumeUsdMillions: 120, maxLeverage: 20 },
      { coin: 'NVDA', price: 180, volumeUsdMillions: 60, maxLeverage: 10 },
      { coin: 'BTC', crypto: true, maxLeverage: 20 },
      { coin: 'TSLA', price: 430, volumeUsdMillions: 40, maxLeverage: 10 },
      { coin: 'C', price: 100, volumeUsdMillions: 5, maxLeverage: 10 },
    ],
  },
  {
    name: 'flx', fullName: 'Felix Exchange', collateral: 'USDH', deployer: '0x2fab552502a6d45920d5741a2f3ebf4c35536352',
    coins: [
      { coin: 'CRCL', price: 80, volumeUsdMillions: 10, maxLeverage: 10 },
      { coin: 'ETH', crypto: true, maxLeverage: 20 },
      { coin: 'GOLD', price: 4_000, volumeUsdMillions: 8, maxLeverage: 10 },
    ],
  },
];

/** Where equities rank for the price model: beyond the crypto table, so their volatility and premium are a small cap's. */
const EQUITY_RANK = 400;

/** A dex's listings, in its universe order (an asset's index in it is its place in the order's asset id). */
export interface SimPerpDex {
  name: string;
  fullName: string;
  collateral: DexCollateral;
  deployer: string;
  listings: Listing[];
}

/**
 * The dexes' listings from the main dex's: a crypto coin copies its main-dex listing's terms under
 * the dex's name (`xyz:BTC`), and is left out where the universe does not hold the asset; an
 * equity gets terms from `listingOf` for an asset of its own, named like its listing.
 */
export function buildPerpDexes(assets: readonly Asset[], listingOf: (asset: Asset) => Listing): SimPerpDex[] {
  const byBase = new Map(assets.map((asset) => [asset.base, asset]));
  return HIP3_DEXES.map((dex) => ({
    name: dex.name, fullName: dex.fullName, collateral: dex.collateral, deployer: dex.deployer,
    listings: dex.coins.flatMap((entry) => {
      const id = `${dex.name}:${entry.coin}`;
      const asset: Asset | undefined = entry.crypto
        ? byBase.get(entry.coin)
        : { base: id, price: entry.price!, volumeUsd: entry.volumeUsdMillions! * 1e6, sector: 'RWA', multiplier: 1, rank: EQUITY_RANK };
      if (asset === undefined) return [];
      const listing = listingOf(asset);
      return [{ ...listing, instrument: { ...listing.instrument, id, base: id, quote: dex.collateral, settle: dex.collateral, maxLeverage: entry.maxLeverage } }];
    }),
  }));
}
