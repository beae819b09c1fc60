/**
 * What the gateway needs from a venue account, whatever sits behind it: the paper broker
 * (simulated fills against real order books) or the live broker (ccxt with the user's keys).
 * Every quantity is coins of the underlying asset (PEPE, whether the venue lists `1000PEPE`,
 * `kPEPE` or contracts of 10,000,000 PEPE) and every price is USD per coin: a broker converts
 * to and from the venue's amounts and prices at the ccxt edge only (docs/units.md).
 */
import type { FundingPayment, Order, Side } from '../../../../shared/domain/orders.ts';
import type { VenueId } from '../../../../shared/domain/venues.ts';
import type { MarketInfo } from '../venueMarket.ts';
import type { MarketUnits } from '../../../../shared/domain/units.ts';
import type { LotRules } from '../../../../shared/risk/lots.ts';
import type { CoinBook } from '../../markets/marketUnits.ts';

export interface OrderRequest {
  symbol: string;
  side: Side;
  type: 'market' | 'limit';
  /** Coins of the asset. */
  quantity: number;
  /** Limit price per coin. */
  price?: number;
  reduceOnly: boolean;
  clientOrderId: string;
  /** The margin mode the ticket approved; a close without one goes out in the position's mode. */
  marginMode?: 'cross' | 'isolated';
  /**
   * A market order's maximum slippage beyond the best price (fraction), where the venue takes a
   * bound on it (docs/orders.md, "Maximum slippage"); without one it goes out as the venue
   * takes a market order (a close, an unwind, the kill switch: getting flat comes first).
   */
  maxSlippagePct?: number;
}

export interface VenuePosition {
  venue: VenueId;
  symbol: string;
  /** Signed coins of the asset: > 0 long, < 0 short. */
  size: number;
  /** Per coin. */
  entryPrice: number;
  markPrice: number;
  liquidationPrice: number | null;
  /**
   * The position's USD value as the venue itself states it (or as ccxt computes it from the
   * venue's contracts, its contract size and mark), never through the terminal's own coin
   * conversion: the run-time holdings check compares it with the approved coins × mark
   * (docs/units.md, "Checked at run time"). Null when the venue gives nothing to compute it from.
   */
  venueUsd: number | null;
}

export interface Balance {
  currency: string;
  total: number;
  free: number;
}

/** [price per coin, coins], best first. */
export type OrderBook = CoinBook;

export interface Broker {
  readonly venue: VenueId;
  readonly mode: 'paper' | 'live';
  setLeverage(symbol: string, leverage: number, marginMode?: 'cross' | 'isolated'): Promise<void>;
  /** The margin mode the account holds for every symbol (a Bybit unified account), null where each ticket sets its own. */
  accountMarginMode(symbol: string): Promise<'cross' | 'isolated' | null>;
  createOrder(request: OrderRequest): Promise<Order>;
  cancelOrder(symbol: string, clientOrderId: string): Promise<void>;
  /** The order with this client id, or null when the venue never received it. */
  fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<Order | null>;
  openOrders(): Promise<Order[]>;
  positions(): Promise<VenuePosition[]>;
  balances(): Promise<Balance[]>;
  fundingPayments(symbol?: string, since?: number): Promise<FundingPayment[]>;
  orderBook(symbol: string, depth: number): Promise<OrderBook>;
  /** The symbol's maintenance tiers and maximum leverage, as far as this account can read them. */
  marketInfo(symbol: string): Promise<MarketInfo>;
  /** The account's own derivatives fee tier as the venue states it; null where no key lets this broker ask (docs/domain.md §4 "Fees"). */
  accountFee(): Promise<{ taker: number; maker: number } | null>;
  /** How the symbol's venue amounts and prices convert to coins (markets are loaded). */
  units(symbol: string): MarketUnits;
  /** The symbol's lot step and minimums in coins (markets are loaded). */
  lot(symbol: string): LotRules;
  close(): Promise<void>;
}
