/**
 * The units of a ccxt market (docs/units.md): the venue's own base name carries the multiplier
 * (`1000PEPE`; Hyperliquid's `kPEPE`, which ccxt upper-cases into a `KPEPE` base that `K`
 * alone cannot tell from KAVA, survives in `baseName`), and `contractSize` says how many of
 * those one contract holds (OKX `ctVal`, Gate `quanto_multiplier`; 1 on Binance, Bybit, Bitget
 * and Hyperliquid, whose `szDecimals` is only the amount's precision). A spot pair counts coins
 * of ccxt's base: Hyperliquid's spot `baseName` is the venue's token (`UBTC`, the wrapped coin),
 * which ccxt maps to the asset (`BTC/USDC`), so there the base is the asset, not the token.
 * Paradex names its thousand-coin markets as Hyperliquid does (`kPEPE-USD-PERP`), and ccxt
 * upper-cases that base too without a `baseName`: the row's own `base_currency` keeps it.
 */
import type { MarketInterface, OrderBook as CcxtOrderBook } from 'ccxt';
import { levelsInCoins, marketUnits, type MarketUnits } from '../../../shared/domain/units.ts';

/** The venue's own spelling of the base where ccxt kept one: its `baseName`, or the raw row's `base_currency` (Paradex). */
function venueBaseName(market: MarketInterface): unknown {
  const baseName = (market as { baseName?: unknown }).baseName;
  if (baseName !== undefined) return baseName;
  const raw = (market.info as Record<string, unknown> | undefined)?.base_currency;
  return typeof raw === 'string' && raw.toUpperCase() === market.base ? raw : undefined;
}

export function unitsOfMarket(market: MarketInterface): MarketUnits {
  const baseName = venueBaseName(market);
  const venueBase = market.spot !== true && typeof baseName === 'string' && baseName.length > 0 ? baseName : market.base;
  return marketUnits(venueBase, market.contractSize ?? 1);
}

/** [price per coin, coins], best first. */
export interface CoinBook {
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
}

/** A venue's book as ccxt parsed it, in coins at prices per coin (the brokers' reads and the capacity reads). */
export function bookInCoins(units: MarketUnits, book: Pick<CcxtOrderBook, 'bids' | 'asks'>): CoinBook {
  return { bids: levelsInCoins(units, book.bids as Array<[number, number]>), asks: levelsInCoins(units, book.asks as Array<[number, number]>) };
}
