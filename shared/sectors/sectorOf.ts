import { normaliseBase, parseUnifiedSymbol } from '../domain/symbols.ts';
import { BASE_ALIASES } from './taxonomy.ts';

/** A user's or the default sector map: canonical base → sector name. */
export type SectorMap = ReadonlyMap<string, string>;

/** Quote currencies a venue-native id (`1000PEPEUSDT`, `BTC-USDT-SWAP`, `ETH-PERP`, KuCoin's `XBTUSDTM`) may end with. */
const NATIVE_SUFFIX = /[-_/]?((USDT|USDC)M?|USD|BUSD|FDUSD)?([-_](SWAP|PERP))?$/;

/**
 * The canonical base asset of anything a venue or a file calls a perp: a unified ccxt symbol
 * (`1000PEPE/USDT:USDT`), a venue id (`1000PEPEUSDT`, `kPEPE`) or a bare base. Multiplier prefixes
 * go through `normaliseBase`; renamed tickers through `BASE_ALIASES`.
 */
export function canonicalBase(symbolOrBase: string): string {
  const unified = parseUnifiedSymbol(symbolOrBase);
  const raw = unified ? null : symbolOrBase.trim().replace(NATIVE_SUFFIX, '');
  const base = unified ? unified.base : normaliseBase(raw === '' ? symbolOrBase.trim() : (raw as string)).base;
  return BASE_ALIASES.get(base) ?? base;
}

/** The sector of an asset, or null when the map does not place it (the UI lists it as unknown). */
export function sectorOf(symbolOrBase: string, map: SectorMap): string | null {
  return map.get(canonicalBase(symbolOrBase)) ?? null;
}

/** The assets the map does not place, sorted, each once: the "unknown" list shown in Settings. */
export function unknownBases(symbolsOrBases: Iterable<string>, map: SectorMap): string[] {
  const unknown = new Set<string>();
  for (const item of symbolsOrBases) {
    const base = canonicalBase(item);
    if (!map.has(base)) unknown.add(base);
  }
  return [...unknown].sort();
}
