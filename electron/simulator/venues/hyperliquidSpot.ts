/**
 * Hyperliquid spot on its one `/info` and `/exchange` host, as ccxt `hyperliquid` loading spot
 * markets calls it (docs/venues.md, "Hyperliquid spot"): the pairs and tokens (`spotMeta`, and
 * `spotMetaAndAssetCtxs` with each pair's context at its index), a pair's book (`l2Book` for its
 * name `@<index>`), the spot wallet (`spotClearinghouseState`: each token's `total`, `hold` and
 * `entryNtl`), and orders whose asset is 10000 + the pair's index. The spot wallet holds its own
 * USDC, apart from the perp account. Hyperliquid has no market order: ccxt sends an IOC limit
 * at the price ± its slippage, and the book fills it up to that limit. Shapes follow ccxt's
 * recorded real answers and the documented ones ccxt quotes (test/fixtures/venues/hyperliquid-spot).
 */
import type { SimContext, SimResponse } from '../types.ts';
import type { SpotInstrument, SpotOrder } from '../spot.ts';
import { HYPERLIQUID_SPOT_QUOTE } from '../hyperliquidSpotNames.ts';
import { decimalString } from './wireDecimal.ts';

const VENUE = 'hyperliquid';
/** A spot pair's asset id in signed actions: 10000 + its index in `spotMeta.universe`. */
export const SPOT_ASSET_BASE = 10_000;
const BOOK_LEVELS = 20;

export const USDC_TOKEN = { name: HYPERLIQUID_SPOT_QUOTE, szDecimals: 8, weiDecimals: 8, index: 0, tokenId: '0x6d1e7cde53ba9467b783cb7c530ce054', isCanonical: true, evmContract: null, fullName: null };

const pairs = (context: SimContext): SpotInstrument[] => context.spot.instruments(VENUE);

/** The pair an order's or a cancel's asset names, if it is a spot asset. */
export function spotPairOfAsset(context: SimContext, asset: number): SpotInstrument | undefined {
  return asset >= SPOT_ASSET_BASE ? pairs(context).find((pair) => pair.index?.pair === asset - SPOT_ASSET_BASE) : undefined;
}

/** The pair a read names by its coin (`@0`), if it is a spot coin. */
export function spotPairNamed(context: SimContext, coin: unknown): SpotInstrument | undefined {
  return typeof coin === 'string' ? context.spot.instrument(VENUE, coin) : undefined;
}

function tokenJson(pair: SpotInstrument): Record<string, unknown> {
  const index = pair.index!.token;
  return { name: pair.base, szDecimals: pair.qtyPrecision, weiDecimals: pair.qtyPrecision + 3, index, tokenId: `0x${index.toString(16).padStart(32, '0')}`, isCanonical: false, evmContract: null, fullName: null };
}

/**
 * USDH, the collateral of a HIP-3 dex (docs/venues.md, "Hyperliquid HIP-3"): a token after the
 * pairs' own, unpaired here. Its full name must not read `Unit …`, which ccxt takes for a wrapped coin.
 */
function usdhToken(context: SimContext): Record<string, unknown> {
  const index = pairs(context).length + 1;
  return { name: 'USDH', szDecimals: 2, weiDecimals: 8, index, tokenId: `0x${index.toString(16).padStart(32, '0')}`, isCanonical: false, evmContract: null, fullName: null };
}

/** The spot token index a HIP-3 dex names as its `collateralToken`. */
export function collateralTokenIndex(context: SimContext, collateral: 'USDC' | 'USDH'): number {
  return collateral === 'USDC' ? USDC_TOKEN.index : pairs(context).length + 1;
}

function spotMeta(context: SimContext): Record<string, unknown> {
  return {
    tokens: [USDC_TOKEN, ...pairs(context).map(tokenJson), usdhToken(context)],
    universe: pairs(context).map((pair) => ({ name: pair.id, tokens: [pair.index!.token, USDC_TOKEN.index], index: pair.index!.pair, isCanonical: false })),
  };
}

/** A pair's context, at the pair's index in the list (ccxt reads it there). */
function assetContext(context: SimContext, pair: SpotInstrument): Record<string, unknown> {
  const book = context.spot.book(pair, 1);
  const perp = context.market.ticker(VENUE, pair.perpId);
  return {
    dayNtlVlm: decimalString(perp.volume24hQuote / 2),
    markPx: decimalString(context.spot.price(pair)),
    midPx: decimalString((book.bids[0][0] + book.asks[0][0]) / 2),
    prevDayPx: decimalString(perp.open24h / pair.priceScale),
  };
}

function l2Book(context: SimContext, pair: SpotInstrument): SimResponse {
  const book = context.spot.book(pair, BOOK_LEVELS);
  const levels = (side: Array<[number, number]>) => side.map(([px, sz]) => ({ px: decimalString(px), sz: decimalString(sz), n: 1 }));
  return { status: 200, body: { coin: pair.id, time: book.time, levels: [levels(book.bids), levels(book.asks)] } };
}

/** A spot market read, or undefined when the request is not one. */
export function handleSpotMarketInfo(type: string, request: Record<string, unknown>, context: SimContext): SimResponse | undefined {
  switch (type) {
    case 'spotMeta': return { status: 200, body: spotMeta(context) };
    case 'spotMetaAndAssetCtxs': return { status: 200, body: [spotMeta(context), pairs(context).map((pair) => assetContext(context, pair))] };
    case 'l2Book': {
      const pair = spotPairNamed(context, request.coin);
      return pair && l2Book(context, pair);
    }
    default: return undefined;
  }
}

/** `spotClearinghouseState`: the spot wallet's tokens, USDC first; a wallet the venue does not know holds none. */
export function spotClearinghouseState(context: SimContext, key: string | undefined): SimResponse {
  if (key === undefined) return { status: 200, body: { balances: [] } };
  const balances = context.spot.balances(VENUE, key).map((row) => {
    const pair = context.spot.pairOfCoin(VENUE, row.coin);
    return {
      coin: row.coin, token: pair?.index?.token ?? USDC_TOKEN.index, hold: decimalString(row.locked), total: decimalString(row.free + row.locked),
      entryNtl: decimalString(pair ? context.spot.entryCost(VENUE, key, pair) : 0),
    };
  });
  return { status: 200, body: { balances } };
}

/** A spot fill as `userFills` lists it (ccxt's recorded PURR/USDC fill: `dir` Buy or Sell, the fee in the coin received). */
export function spotFillRows(order: SpotOrder): Array<Record<string, unknown>> {
  return order.fills.map((fill) => ({
    coin: order.instrumentId, px: decimalString(fill.price), sz: decimalString(fill.quantity), side: order.side === 'buy' ? 'B' : 'A',
    time: order.updatedAt, startPosition: '0.0', dir: order.side === 'buy' ? 'Buy' : 'Sell', closedPnl: '0.0',
    hash: `0x${String(fill.tradeId).padStart(64, '0')}`, oid: Number(order.orderId), crossed: true, fee: decimalString(fill.fee), tid: fill.tradeId, feeToken: order.feeCurrency,
  }));
}

/** The wallet's spot fills between `since` and `until`, oldest first. */
export function spotFills(context: SimContext, key: string, since = 0, until = Number.POSITIVE_INFINITY): Array<Record<string, unknown>> {
  return context.spot.orders(VENUE, key).filter((o) => o.updatedAt >= since && o.updatedAt <= until).flatMap(spotFillRows);
}
