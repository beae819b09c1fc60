/**
 * The three units an order passes through, and the only place that converts between them
 * (docs/units.md):
 * - **coins**: units of the underlying asset, `PEPE` whether the venue lists `1000PEPE`,
 *   `kPEPE` or contracts of 10,000,000 PEPE. Both legs of a pair hold the same number of coins;
 *   tickets, the journal, positions and every broker answer count in coins.
 * - **venue amount**: what ccxt's createOrder, fetchPositions and order books count for the
 *   market: contracts (OKX `ctVal`, Gate `quanto_multiplier` coins of the ccxt base each) of
 *   the ccxt base, which is itself `1000PEPE` where the venue names it so.
 * - **USD** (the settle stablecoin): coins × the price of one coin.
 * ccxt prices one unit of its base (one `1000PEPE`), whatever the contract size, so a price
 * converts by the base-name multiplier alone.
 */
import { normaliseBase } from './symbols.ts';

export interface MarketUnits {
  /** The asset both legs of a pair count (`PEPE`). */
  asset: string;
  /** Coins per unit of the venue amount: contract size × base-name multiplier. */
  coinsPerAmount: number;
  /** Coins the venue's price is quoted for: the base-name multiplier (1000 for `1000PEPE`). */
  coinsPerPriceUnit: number;
}

/** 12 significant digits: products such as 123 × 0.0001 come back as 0.0123, not 0.012300000000000002. */
function clean(value: number): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(12));
}

/**
 * The units of a market named by its venue base (`1000PEPE`, `kPEPE`) with `contractSize`
 * ccxt base units per contract (1 where the venue counts in its base).
 */
export function marketUnits(venueBase: string, contractSize = 1): MarketUnits {
  const { base, multiplier } = normaliseBase(venueBase);
  if (!(contractSize > 0)) throw new Error(`${venueBase}: contract size ${contractSize} is not a positive number`);
  return { asset: base, coinsPerAmount: clean(contractSize * multiplier), coinsPerPriceUnit: multiplier };
}

export function coinsOf(units: MarketUnits, amount: number): number {
  return clean(amount * units.coinsPerAmount);
}

export function amountOf(units: MarketUnits, coins: number): number {
  return clean(coins / units.coinsPerAmount);
}

/** The price of one coin from the venue's price. */
export function coinPrice(units: MarketUnits, venuePrice: number): number {
  return venuePrice / units.coinsPerPriceUnit;
}

/** The venue's price from the price of one coin. */
export function venuePrice(units: MarketUnits, pricePerCoin: number): number {
  return pricePerCoin * units.coinsPerPriceUnit;
}

/** Order-book levels `[venue price, venue amount]` as `[price per coin, coins]`. */
export function levelsInCoins(units: MarketUnits, levels: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  return levels.map(([price, amount]) => [coinPrice(units, Number(price)), coinsOf(units, Number(amount))]);
}

/**
 * A funding quote's mark per coin. Quotes keep the venue's own price (the monitor shows it as
 * the venue does) with the base-name multiplier beside it, which is the price unit's coins.
 */
export function quoteMarkPerCoin(quote: { markPrice: number | null; multiplier: number }): number | null {
  return quote.markPrice === null ? null : quote.markPrice / quote.multiplier;
}
