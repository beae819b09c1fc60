/**
 * A symbol's whole margin-tier table, read where its venue states it (docs/venues.md,
 * "Margin tiers"): ccxt's per-market reader where it has one (Bybit's risk limit, OKX's
 * position tiers, Bitget's position levels, Gate's risk-limit tiers), its all-markets reader
 * otherwise (Binance's leverage brackets), and two tables ccxt does not read as tiers:
 * Hyperliquid's margin tables from `meta`, and Aster's leverage brackets (signed, Binance's
 * shape). Bands come back in the settle currency's notional.
 */
import type { Exchange, MarketInterface } from 'ccxt';
import { coinPrice, coinsOf } from '../../../shared/domain/units.ts';
import { unitsOfMarket } from '../markets/marketUnits.ts';

export interface RawTier { minNotional?: number; maxNotional?: number; maintenanceMarginRate?: number; maxLeverage?: number }

/** Hyperliquid: table ids under 50 are one tier at that leverage and are not listed in `meta`. */
const HYPERLIQUID_FLAT_BELOW = 50;

interface HyperliquidTable { marginTiers?: Array<{ lowerBound?: string; maxLeverage?: number }> }

/** Hyperliquid's maintenance margin is half the initial margin at the tier's maximum leverage. */
function hyperliquidTier(minNotional: number, maxNotional: number, maxLeverage: number): RawTier {
  return { minNotional, maxNotional, maxLeverage, maintenanceMarginRate: 1 / (2 * maxLeverage) };
}

async function hyperliquidTiers(exchange: Exchange, market: MarketInterface): Promise<RawTier[]> {
  const id = Number((market.info as { marginTableId?: unknown }).marginTableId);
  if (!Number.isFinite(id) || id <= 0) return [];
  if (id < HYPERLIQUID_FLAT_BELOW) return [hyperliquidTier(0, Infinity, id)];
  const meta = (await (exchange as unknown as { publicPostInfo(request: unknown): Promise<{ marginTables?: Array<[number, HyperliquidTable]> }> })
    .publicPostInfo({ type: 'meta' }));
  const table = meta.marginTables?.find(([tableId]) => tableId === id)?.[1];
  const rows = (table?.marginTiers ?? []).filter((t) => typeof t.maxLeverage === 'number' && t.maxLeverage > 0);
  return rows.map((row, i) => hyperliquidTier(Number(row.lowerBound ?? 0), i + 1 < rows.length ? Number(rows[i + 1].lowerBound) : Infinity, row.maxLeverage!));
}

/** OKX states a swap's bands in contracts (`minSz`/`maxSz`, passed through by ccxt): priced at the last trade. */
async function okxTiers(exchange: Exchange, market: MarketInterface): Promise<RawTier[]> {
  const tiers = await exchange.fetchMarketLeverageTiers(market.symbol);
  const ticker = await exchange.fetchTicker(market.symbol);
  const price = ticker.last ?? ticker.close;
  if (price === undefined || !(price > 0)) return [];
  const units = unitsOfMarket(market);
  const perContract = coinsOf(units, 1) * coinPrice(units, price);
  return tiers.map((t) => ({ ...t, minNotional: (t.minNotional ?? 0) * perContract, maxNotional: t.maxNotional === undefined ? undefined : t.maxNotional * perContract }));
}

interface Bracket { initialLeverage?: unknown; notionalCap?: unknown; notionalFloor?: unknown; maintMarginRatio?: unknown }

/** Aster: `/fapi/v3/leverageBracket` for the symbol, Binance's bracket rows. */
async function asterTiers(exchange: Exchange, market: MarketInterface): Promise<RawTier[]> {
  const answer = await (exchange as unknown as { fapiPrivateGetV3LeverageBracket(request: unknown): Promise<unknown> })
    .fapiPrivateGetV3LeverageBracket({ symbol: market.id });
  const rows = (Array.isArray(answer) ? answer : [answer]) as Array<{ symbol?: string; brackets?: Bracket[] }>;
  const brackets = rows.find((row) => row.symbol === market.id)?.brackets ?? [];
  return brackets.map((b) => ({
    minNotional: Number(b.notionalFloor), maxNotional: Number(b.notionalCap), maintenanceMarginRate: Number(b.maintMarginRatio), maxLeverage: Number(b.initialLeverage),
  }));
}

export async function readVenueTiers(exchange: Exchange, market: MarketInterface): Promise<RawTier[]> {
  if (exchange.id === 'hyperliquid') return hyperliquidTiers(exchange, market);
  if (exchange.id === 'okx') return okxTiers(exchange, market);
  if (exchange.id === 'aster') return asterTiers(exchange, market);
  if (exchange.has.fetchMarketLeverageTiers === true) return exchange.fetchMarketLeverageTiers(market.symbol);
  if (exchange.has.fetchLeverageTiers) return (await exchange.fetchLeverageTiers([market.symbol]))[market.symbol] ?? [];
  return [];
}
