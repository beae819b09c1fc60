/**
 * The simulated universe: which base assets exist, their sector and rough price level, and
 * which venues list them under which native id and contract terms. Everything here is a pure
 * function of the asset table and the size asked for, so every run lists the same instruments.
 */
import type { SimInstrument, VenueId } from './types.ts';
import { ASSET_TABLE, SECTORS, type Sector } from './assets.ts';
import { hash32, stringId } from './random.ts';
import { realTerms, type RealTerms } from './realTerms.ts';
import { buildPerpDexes, type SimPerpDex } from './hyperliquidDexes.ts';

export interface Asset {
  base: string;
  /** Price of one base unit in USD. */
  price: number;
  /** Daily traded value on a large venue, USD. */
  volumeUsd: number;
  sector: Sector;
  /** How many base units the multiplier venues (1000PEPE, kPEPE) quote as one. */
  multiplier: number;
  /** 0 = most liquid. */
  rank: number;
}

/** One listed instrument with what the market model needs beyond the contract. */
export interface Listing {
  instrument: SimInstrument;
  asset: Asset;
  /** Venue price = base-unit price × priceScale (1000 for `1000PEPEUSDT`). */
  priceScale: number;
}

export const DEFAULT_UNIVERSE_SIZE = 150;
export const BENCH_UNIVERSE_SIZE = 500;

const LISTING_EPOCH = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;

export function parseAssets(table: string = ASSET_TABLE): Asset[] {
  const seen = new Set<string>();
  const assets: Asset[] = [];
  for (const [lineNo, line] of table.trim().split('\n').entries()) {
    const [base, price, volume, sector, multiplier] = line.trim().split(/\s+/);
    const sectorName = SECTORS[Number(sector)];
    if (!base || !(Number(price) > 0) || !sectorName) throw new Error(`assets.ts line ${lineNo + 1}: cannot read "${line}"`);
    if (seen.has(base)) continue;
    seen.add(base);
    assets.push({
      base,
      price: Number(price),
      volumeUsd: Number(volume) * 1e6,
      sector: sectorName,
      multiplier: multiplier ? Number(multiplier) : 1,
      rank: assets.length,
    });
  }
  return assets;
}

/** Share of assets beyond the top ranks each venue lists; the most liquid are listed everywhere. */
const COVERAGE: Record<VenueId, { top: number; rest: number }> = {
  binanceusdm: { top: 1000, rest: 1 },
  bybit: { top: 300, rest: 0.85 },
  bitget: { top: 200, rest: 0.8 },
  gate: { top: 300, rest: 0.95 },
  okx: { top: 120, rest: 0.45 },
  hyperliquid: { top: 80, rest: 0.4 },
  aster: { top: 60, rest: 0.5 },
  kucoinfutures: { top: 150, rest: 0.75 },
  bingx: { top: 150, rest: 0.8 },
  // A younger DEX: the majors and a share of the rest (about a hundred perps).
  paradex: { top: 50, rest: 0.4 },
  // Lighter lists the majors and a share of the rest, much as Hyperliquid does.
  lighter: { top: 70, rest: 0.35 },
};

export function isListed(venue: VenueId, asset: Asset): boolean {
  if ((venue === 'hyperliquid' || venue === 'paradex') && asset.multiplier > 1000) return false;
  const { top, rest } = COVERAGE[venue];
  if (asset.rank < top) return true;
  return hash32(stringId(venue), stringId(asset.base)) / 4294967296 < rest;
}

/** Venues that count orders in whole contracts of a fixed coin amount (OKX ctVal, Gate quanto_multiplier, KuCoin multiplier). */
const CONTRACT_VENUES: ReadonlySet<VenueId> = new Set<VenueId>(['okx', 'gate', 'kucoinfutures']);

function pow10(exponent: number): number {
  return Number(`1e${exponent}`);
}

function decimals(step: number): number {
  return step >= 1 ? 0 : Math.round(-Math.log10(step));
}

/** Funding interval: majors settle every 8 h; a share of the rest every 4 h, a few 2 h or 1 h. */
function intervalFor(venue: VenueId, asset: Asset): number {
  // Hyperliquid and Lighter settle every contract every hour.
  if (venue === 'hyperliquid' || venue === 'lighter') return 1;
  // Paradex quotes every perp's continuous rate for an 8-h funding period (`funding_period_hours`).
  if (venue === 'paradex') return 8;
  if (asset.rank < 20) return 8;
  const u = hash32(stringId(`interval:${venue}`), stringId(asset.base)) / 4294967296;
  if (venue === 'okx') return u < 0.8 ? 8 : 4;
  // Aster mixes 8 h, 4 h and 1 h per symbol (its fundingInfo lists each).
  if (venue === 'aster') return u < 0.35 ? 8 : u < 0.8 ? 4 : 1;
  // KuCoin Futures mixes 8 h, 4 h and 1 h per contract (each row's fundingRateGranularity).
  if (venue === 'kucoinfutures') return u < 0.5 ? 8 : u < 0.9 ? 4 : 1;
  // BingX mixes 8 h, 4 h and 1 h per contract (each premium-index row's fundingIntervalHours).
  if (venue === 'bingx') return u < 0.55 ? 8 : u < 0.9 ? 4 : 1;
  if (u < 0.45) return 8;
  if (u < 0.95) return 4;
  return u < 0.97 ? 2 : 1;
}

function capFor(venue: VenueId, asset: Asset): number {
  if (venue === 'hyperliquid') return 0.04;
  // Lighter's hourly rate taken as clamped to ±0.5 % (docs/venues.md, "Lighter").
  if (venue === 'lighter') return 0.005;
  if (venue === 'okx') return asset.rank < 10 ? 0.0075 : 0.015;
  if (asset.rank < 2) return 0.003;
  return asset.rank < 50 ? 0.0075 : 0.02;
}

/** Lighter's market indices as ccxt's recorded Lighter markets state them; other assets get made-up ones from 100 up. */
const LIGHTER_MARKET_IDS: Readonly<Record<string, number>> = { ETH: 0, LTC: 35 };

function nativeId(venue: VenueId, rawBase: string, asset: Asset): string {
  switch (venue) {
    // Lighter names a market by its index (`market_id`); the coin is the row's `symbol`.
    case 'lighter': return String(LIGHTER_MARKET_IDS[rawBase] ?? 100 + asset.rank);
    case 'okx': return `${rawBase}-USDT-SWAP`;
    case 'gate': return `${rawBase}_USDT`;
    case 'hyperliquid': return rawBase;
    // KuCoin names bitcoin XBT and suffixes its USDT-margined perpetuals with M.
    case 'kucoinfutures': return `${rawBase === 'BTC' ? 'XBT' : rawBase}USDTM`;
    case 'bingx': return `${rawBase}-USDT`;
    case 'paradex': return `${rawBase}-USD-PERP`;
    default: return `${rawBase}USDT`;
  }
}

/** Terms the simulator makes up from the price level where it has no real listing to copy. */
function generatedTerms(venue: VenueId, asset: Asset, price: number, tier: number): Required<RealTerms> {
  const contractVenue = CONTRACT_VENUES.has(venue);
  const stepSize = contractVenue ? 1 : Math.min(1, pow10(Math.floor(Math.log10(10 / price))));
  return {
    contractSize: venue === 'okx' ? pow10(Math.floor(Math.log10(1000 / asset.price)))
      : venue === 'gate' || venue === 'kucoinfutures' ? pow10(Math.floor(Math.log10(10 / asset.price))) : 1,
    tickSize: pow10(Math.floor(Math.log10(price)) - 4),
    stepSize,
    minQty: stepSize,
    maxLeverage: venue === 'hyperliquid' ? [40, 20, 10, 5][tier] : venue === 'paradex' ? [50, 20, 10, 5][tier] : [125, 50, 25, 10][tier],
    intervalHours: intervalFor(venue, asset),
  };
}

export function listingFor(venue: VenueId, asset: Asset): Listing {
  const contractVenue = CONTRACT_VENUES.has(venue);
  const priceScale = contractVenue ? 1 : asset.multiplier;
  // Hyperliquid and Paradex name a thousand coins `k…` (kPEPE); the others prefix the count (1000PEPE).
  const rawBase = priceScale === 1 ? asset.base : venue === 'hyperliquid' || venue === 'paradex' ? `k${asset.base}` : `${priceScale}${asset.base}`;
  const id = nativeId(venue, rawBase, asset);
  const cap = capFor(venue, asset);
  const tier = asset.rank < 10 ? 0 : asset.rank < 50 ? 1 : asset.rank < 200 ? 2 : 3;
  const terms = { ...generatedTerms(venue, asset, asset.price * priceScale, tier), ...realTerms(venue, id) };
  const settle = venue === 'hyperliquid' || venue === 'paradex' || venue === 'lighter' ? 'USDC' : 'USDT';
  const instrument: SimInstrument = {
    venue,
    id,
    base: rawBase,
    // Paradex prices in USD and settles in USDC (`BTC-USD-PERP`, ccxt `BTC/USD:USDC`).
    quote: venue === 'paradex' ? 'USD' : settle,
    settle,
    contractSize: terms.contractSize,
    tickSize: terms.tickSize,
    stepSize: terms.stepSize,
    minQty: terms.minQty,
    minNotional: venue === 'hyperliquid' || venue === 'paradex' || venue === 'lighter' ? 10 : contractVenue ? 0 : venue === 'bingx' ? 2 : venue === 'binanceusdm' && asset.rank < 2 ? 100 : 5,
    maxLeverage: terms.maxLeverage,
    intervalHours: terms.intervalHours ?? intervalFor(venue, asset),
    fundingCap: cap,
    fundingFloor: -cap,
    maintenanceMarginRate: [0.004, 0.01, 0.02, 0.025][tier],
    listedAt: LISTING_EPOCH + asset.rank * DAY,
    pricePrecision: decimals(terms.tickSize),
    qtyPrecision: decimals(terms.stepSize),
  };
  return { instrument, asset, priceScale };
}

export interface Universe {
  assets: Asset[];
  venues: VenueId[];
  /** The main dex's listings (Hyperliquid's HIP-3 dexes are in `perpDexs`). */
  listings(venue: VenueId): Listing[];
  /** A listing by its id, a Hyperliquid HIP-3 one (`xyz:BTC`) included. */
  listing(venue: VenueId, id: string): Listing | undefined;
  /** Hyperliquid's HIP-3 dexes, in `perpDexs` order after the main dex (empty without Hyperliquid). */
  perpDexs: SimPerpDex[];
}

/** The `size` most liquid assets, listed on the given venues. */
export function buildUniverse(venues: readonly VenueId[], size: number = DEFAULT_UNIVERSE_SIZE): Universe {
  const assets = parseAssets().slice(0, size);
  const byVenue = new Map<VenueId, Listing[]>();
  const byId = new Map<string, Listing>();
  for (const venue of venues) {
    const listings = assets.filter((asset) => isListed(venue, asset)).map((asset) => listingFor(venue, asset));
    byVenue.set(venue, listings);
    for (const listing of listings) byId.set(`${venue}:${listing.instrument.id}`, listing);
  }
  const perpDexs = venues.includes('hyperliquid') ? buildPerpDexes(assets, (asset) => listingFor('hyperliquid', asset)) : [];
  for (const listing of perpDexs.flatMap((dex) => dex.listings)) byId.set(`hyperliquid:${listing.instrument.id}`, listing);
  return {
    assets,
    venues: [...venues],
    perpDexs,
    listings: (venue) => byVenue.get(venue) ?? [],
    listing: (venue, id) => byId.get(`${venue}:${id}`),
  };
}
