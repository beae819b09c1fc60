/**
 * Contract terms of real listings, as the venues' own market lists state them (ccxt's recorded
 * markets, see docs/venues.md "Market definitions"). Where the simulator lists one of these
 * instruments it uses the venue's terms instead of its generated ones, so that lot steps,
 * minimums, ticks, contract sizes and leverage caps are the ones a trader meets on the venue.
 */
import type { VenueId } from './types.ts';

export interface RealTerms {
  /** Base units per contract (OKX ctVal); 1 where orders are in coins. */
  contractSize: number;
  /** Absent where the venue states no tick (Hyperliquid: five significant figures). */
  tickSize?: number;
  /** Quantity step in contracts (OKX lotSz, Bybit qtyStep). */
  stepSize: number;
  minQty: number;
  /** Absent where the recording states none (Binance's leverage is per account bracket, Aster's exchange info has no cap). */
  maxLeverage?: number;
  /** Where the venue lists a settlement interval on the instrument. */
  intervalHours?: number;
}

type Table = Record<string, RealTerms>;

const BYBIT: Table = {
  BTCUSDT: { contractSize: 1, tickSize: 0.1, stepSize: 0.001, minQty: 0.001, maxLeverage: 100, intervalHours: 8 },
  ETHUSDT: { contractSize: 1, tickSize: 0.01, stepSize: 0.01, minQty: 0.01, maxLeverage: 100, intervalHours: 8 },
  LTCUSDT: { contractSize: 1, tickSize: 0.01, stepSize: 0.1, minQty: 0.1, maxLeverage: 50, intervalHours: 8 },
  ADAUSDT: { contractSize: 1, tickSize: 0.0001, stepSize: 1, minQty: 1, maxLeverage: 75, intervalHours: 8 },
};

const OKX: Table = {
  'BTC-USDT-SWAP': { contractSize: 0.01, tickSize: 0.1, stepSize: 0.1, minQty: 0.1, maxLeverage: 100 },
  'ETH-USDT-SWAP': { contractSize: 0.1, tickSize: 0.01, stepSize: 0.1, minQty: 0.1, maxLeverage: 100 },
  'LTC-USDT-SWAP': { contractSize: 1, tickSize: 0.01, stepSize: 0.1, minQty: 0.1, maxLeverage: 50 },
  'ADA-USDT-SWAP': { contractSize: 100, tickSize: 0.0001, stepSize: 0.1, minQty: 0.1, maxLeverage: 50 },
  'XRP-USDT-SWAP': { contractSize: 100, tickSize: 0.0001, stepSize: 0.1, minQty: 0.1, maxLeverage: 50 },
  'DOGE-USDT-SWAP': { contractSize: 1000, tickSize: 0.00001, stepSize: 0.1, minQty: 0.1, maxLeverage: 50 },
  'TRX-USDT-SWAP': { contractSize: 1000, tickSize: 0.00001, stepSize: 0.1, minQty: 0.1, maxLeverage: 50 },
  'SUSHI-USDT-SWAP': { contractSize: 1, tickSize: 0.0001, stepSize: 1, minQty: 1, maxLeverage: 50 },
  // Not in ccxt's recording: OKX's instrument row as public code quotes it (docs/venues.md).
  'PEPE-USDT-SWAP': { contractSize: 10_000_000, tickSize: 0.000000001, stepSize: 0.1, minQty: 0.1, maxLeverage: 50 },
};

/** Binance states the terms as the PRICE_FILTER tick and the LOT_SIZE step and minimum. */
const BINANCE: Table = {
  BTCUSDT: { contractSize: 1, tickSize: 0.1, stepSize: 0.001, minQty: 0.001 },
  ETHUSDT: { contractSize: 1, tickSize: 0.01, stepSize: 0.001, minQty: 0.001 },
  LTCUSDT: { contractSize: 1, tickSize: 0.01, stepSize: 0.001, minQty: 0.001 },
  ADAUSDT: { contractSize: 1, tickSize: 0.0001, stepSize: 1, minQty: 1 },
  XRPUSDT: { contractSize: 1, tickSize: 0.0001, stepSize: 0.1, minQty: 0.1 },
};

const BITGET: Table = {
  BTCUSDT: { contractSize: 1, tickSize: 0.1, stepSize: 0.001, minQty: 0.001, maxLeverage: 125, intervalHours: 8 },
  ETHUSDT: { contractSize: 1, tickSize: 0.01, stepSize: 0.01, minQty: 0.01, maxLeverage: 100, intervalHours: 8 },
  LTCUSDT: { contractSize: 1, tickSize: 0.01, stepSize: 0.1, minQty: 0.1, maxLeverage: 50, intervalHours: 8 },
  ADAUSDT: { contractSize: 1, tickSize: 0.0001, stepSize: 1, minQty: 1, maxLeverage: 75, intervalHours: 8 },
  XRPUSDT: { contractSize: 1, tickSize: 0.0001, stepSize: 1, minQty: 1, maxLeverage: 125, intervalHours: 8 },
  DOGEUSDT: { contractSize: 1, tickSize: 0.00001, stepSize: 1, minQty: 1, maxLeverage: 75, intervalHours: 8 },
  TRXUSDT: { contractSize: 1, tickSize: 0.00001, stepSize: 1, minQty: 1, maxLeverage: 30, intervalHours: 8 },
};

/** Gate counts whole contracts of `quanto_multiplier` coins. */
const GATE: Table = {
  BTC_USDT: { contractSize: 0.0001, tickSize: 0.1, stepSize: 1, minQty: 1, maxLeverage: 200, intervalHours: 8 },
  LTC_USDT: { contractSize: 0.1, tickSize: 0.01, stepSize: 1, minQty: 1, maxLeverage: 75, intervalHours: 8 },
  ADA_USDT: { contractSize: 10, tickSize: 0.0001, stepSize: 1, minQty: 1, maxLeverage: 75, intervalHours: 8 },
};

/** Hyperliquid states a step as `szDecimals` and prices by significant figures. */
const HYPERLIQUID: Table = {
  BTC: { contractSize: 1, stepSize: 0.00001, minQty: 0.00001, maxLeverage: 50 },
  ETH: { contractSize: 1, stepSize: 0.0001, minQty: 0.0001, maxLeverage: 50 },
  SOL: { contractSize: 1, stepSize: 0.01, minQty: 0.01, maxLeverage: 20 },
  ADA: { contractSize: 1, stepSize: 1, minQty: 1, maxLeverage: 20 },
};

const ASTER: Table = {
  BTCUSDT: { contractSize: 1, tickSize: 0.1, stepSize: 0.001, minQty: 0.001 },
  ASTERUSDT: { contractSize: 1, tickSize: 0.0001, stepSize: 0.01, minQty: 0.01 },
};

/** KuCoin counts whole lots of `multiplier` coins (0.001 BTC per XBTUSDTM lot). */
const KUCOIN_FUTURES: Table = {
  XBTUSDTM: { contractSize: 0.001, tickSize: 0.1, stepSize: 1, minQty: 1, maxLeverage: 125, intervalHours: 8 },
  ETHUSDTM: { contractSize: 0.01, tickSize: 0.01, stepSize: 1, minQty: 1, maxLeverage: 100, intervalHours: 8 },
  ADAUSDTM: { contractSize: 10, tickSize: 0.00001, stepSize: 1, minQty: 1, maxLeverage: 50, intervalHours: 8 },
  XRPUSDTM: { contractSize: 10, tickSize: 0.0001, stepSize: 1, minQty: 1, maxLeverage: 75, intervalHours: 8 },
  DOGEUSDTM: { contractSize: 100, tickSize: 0.00001, stepSize: 1, minQty: 1, maxLeverage: 75, intervalHours: 8 },
};

/** BingX counts coins; its contract rows state the precision in decimals (ccxt's recorded BingX markets). */
const BINGX: Table = {
  'BTC-USDT': { contractSize: 1, tickSize: 0.1, stepSize: 0.0001, minQty: 0.0001, maxLeverage: 125 },
  'LTC-USDT': { contractSize: 1, tickSize: 0.01, stepSize: 0.1, minQty: 0.1, maxLeverage: 100 },
  'ADA-USDT': { contractSize: 1, tickSize: 0.00001, stepSize: 1, minQty: 1, maxLeverage: 5 },
  'SOL-USDT': { contractSize: 1, tickSize: 0.001, stepSize: 1, minQty: 1, maxLeverage: 5 },
};

/**
 * Paradex counts coins (`order_size_increment`, `price_tick_size`) and states no leverage cap:
 * its initial margin floor `imf_base` 0.02 is 50× (ccxt's recorded Paradex markets).
 */
const PARADEX: Table = {
  'BTC-USD-PERP': { contractSize: 1, tickSize: 0.1, stepSize: 0.001, minQty: 0.001, maxLeverage: 50, intervalHours: 8 },
};

/**
 * Lighter counts coins; its `orderBookDetails` rows state size and price decimals and the least
 * base amount, and the leverage cap as the least initial margin fraction in hundredths of a
 * percent (ETH 200: 2 %, 50×; LTC 1000: 10 %, 10×), by market index (ccxt's recorded Lighter markets).
 */
const LIGHTER: Table = {
  0: { contractSize: 1, tickSize: 0.01, stepSize: 0.0001, minQty: 0.005, maxLeverage: 50, intervalHours: 1 },
  35: { contractSize: 1, tickSize: 0.001, stepSize: 0.001, minQty: 0.1, maxLeverage: 10, intervalHours: 1 },
};

const TABLES: Partial<Record<VenueId, Table>> = {
  binanceusdm: BINANCE, bybit: BYBIT, okx: OKX, bitget: BITGET, gate: GATE, hyperliquid: HYPERLIQUID, aster: ASTER, kucoinfutures: KUCOIN_FUTURES, bingx: BINGX,
  paradex: PARADEX, lighter: LIGHTER,
};

export function realTerms(venue: VenueId, instrumentId: string): RealTerms | undefined {
  return TABLES[venue]?.[instrumentId];
}
