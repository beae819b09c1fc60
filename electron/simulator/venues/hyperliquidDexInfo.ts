/**
 * Hyperliquid's HIP-3 reads on `POST /info` (docs/venues.md, "Hyperliquid HIP-3"): `perpDexs`
 * lists the builder-deployed dexes after the main dex's `null`, and `meta` / `metaAndAssetCtxs`
 * with `dex` answer one dex's universe as the main dex's are answered, plus the spot token the
 * dex settles in (`collateralToken`). A coin is named `<dex>:<coin>`; its asset id in signed
 * actions is 100000 + the dex's place in `perpDexs` × 10000 + its index in the dex's universe.
 */
import type { SimContext, SimDex, SimInstrument, SimResponse } from '../types.ts';
import { assetContext, marginTables, ok, perps, universeEntry, type InfoRequest } from './hyperliquidInfo.ts';
import { collateralTokenIndex } from './hyperliquidSpot.ts';

const DEX_ASSET_BASE = 100_000;
const DEX_ASSET_STRIDE = 10_000;

/** The open-interest cap each listing states in `assetToStreamingOiCap`, USD (ccxt's quoted answer: 100,000,000). */
const STREAMING_OI_CAP = '100000000.0';

/** A `perpDexs` row as ccxt 4.5.84 quotes Hyperliquid's answer above `fetchHip3Markets`. */
function dexRow(dex: SimDex): Record<string, unknown> {
  return {
    name: dex.name,
    fullName: dex.fullName,
    deployer: dex.deployer,
    oracleUpdater: dex.deployer,
    feeRecipient: dex.deployer,
    assetToStreamingOiCap: dex.instruments.map((instrument) => [instrument.id, STREAMING_OI_CAP]),
  };
}

function dexNamed(context: SimContext, name: string): SimDex | undefined {
  return context.market.perpDexs().find((dex) => dex.name === name);
}

function dexMeta(context: SimContext, dex: SimDex): Record<string, unknown> {
  return { universe: dex.instruments.map(universeEntry), marginTables: marginTables(dex.instruments), collateralToken: collateralTokenIndex(context, dex.collateral) };
}

/** The perp an order's, cancel's or leverage update's asset names: the main dex's by index, a HIP-3 dex's by 100000 + 10000 × its place + index. */
export function perpOfAsset(context: SimContext, asset: number): SimInstrument | undefined {
  if (asset < DEX_ASSET_BASE) return perps(context.market)[asset];
  const place = Math.floor((asset - DEX_ASSET_BASE) / DEX_ASSET_STRIDE);
  return place >= 1 ? context.market.perpDexs()[place - 1]?.instruments[(asset - DEX_ASSET_BASE) % DEX_ASSET_STRIDE] : undefined;
}

/** True when a coin is on the dex a per-wallet read names: the main dex's have no `<dex>:` prefix. */
export function onDex(coin: string, dex: unknown): boolean {
  return typeof dex === 'string' && dex !== '' ? coin.startsWith(`${dex}:`) : !coin.includes(':');
}

/**
 * A HIP-3 read, or undefined when the request is not one: `perpDexs`, or a `meta` /
 * `metaAndAssetCtxs` naming a dex (an empty `dex` is the main dex). A dex the venue does not
 * list is answered with `null`.
 */
export function handleDexInfo(type: string, request: InfoRequest, context: SimContext): SimResponse | undefined {
  if (type === 'perpDexs') return ok([null, ...context.market.perpDexs().map(dexRow)]);
  if ((type !== 'meta' && type !== 'metaAndAssetCtxs') || typeof request.dex !== 'string' || request.dex === '') return undefined;
  const dex = dexNamed(context, request.dex);
  if (dex === undefined) return ok(null);
  const meta = dexMeta(context, dex);
  return ok(type === 'meta' ? meta : [meta, dex.instruments.map((instrument) => assetContext(context.market, instrument))]);
}
