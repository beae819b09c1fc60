/**
 * The venue simulator's internal contract. The market model and the accounts (market.ts,
 * accounts.ts) implement `SimMarket` and `SimAccounts`; each venue's wire format
 * (venues/<venue>.ts) is a `VenueWire` that reads them and answers HTTP requests in that
 * venue's real shapes. The server (server.ts) routes a request to the venue owning its path.
 */
import type { VenueId } from '../../shared/domain/venues.ts';
import type { SpotMarkets } from './spot.ts';

export type { VenueId };

export interface SimInstrument {
  venue: VenueId;
  /** The venue's native id: `BTCUSDT` (binance, bybit, bitget), `BTC-USDT-SWAP` (okx), `BTC_USDT` (gate), `BTC` (hyperliquid). */
  id: string;
  /** Raw base as the venue names it (`1000PEPE`, `kPEPE`). */
  base: string;
  quote: string;
  settle: string;
  /** Base units per contract (okx ctVal, gate quanto_multiplier); 1 where orders are in coins. */
  contractSize: number;
  tickSize: number;
  /** Quantity step, in contracts. */
  stepSize: number;
  minQty: number;
  /** Minimum order value in the settle currency. */
  minNotional: number;
  maxLeverage: number;
  intervalHours: number;
  /** Per-symbol clamp of the rate per interval (decimal), e.g. 0.003 for ±0.3 %. */
  fundingCap: number;
  fundingFloor: number;
  /** Maintenance margin rate of the first tier. */
  maintenanceMarginRate: number;
  listedAt: number;
  /** Price decimals used when the venue string-encodes prices. */
  pricePrecision: number;
  qtyPrecision: number;
}

export interface SimFunding {
  /** Rate for the running period (paid at nextFundingTime), decimal per interval. */
  rate: number;
  lastSettledRate: number;
  nextFundingTime: number;
  intervalHours: number;
  premiumIndex: number;
  /** Interest component per interval. */
  interestRate: number;
}

export interface SimTicker {
  mark: number;
  index: number;
  last: number;
  bid: number;
  ask: number;
  open24h: number;
  high24h: number;
  low24h: number;
  volume24hBase: number;
  volume24hQuote: number;
  openInterestBase: number;
  time: number;
}

export interface SimSettlement {
  time: number;
  rate: number;
  intervalHours: number;
  markPrice: number;
}

export interface SimBook {
  /** [price, quantity in contracts], best first. */
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
  time: number;
}

export interface SimCandle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A Hyperliquid HIP-3 dex (docs/venues.md, "Hyperliquid HIP-3"): its instruments in universe order. */
export interface SimDex {
  name: string;
  fullName: string;
  /** The spot token the dex settles in. */
  collateral: 'USDC' | 'USDH';
  deployer: string;
  instruments: SimInstrument[];
}

export interface SimMarket {
  now(): number;
  /** The main dex's instruments (Hyperliquid's HIP-3 ones are in `perpDexs`). */
  instruments(venue: VenueId): SimInstrument[];
  /** Hyperliquid's HIP-3 dexes, in `perpDexs` order after the main dex. */
  perpDexs(): SimDex[];
  instrument(venue: VenueId, id: string): SimInstrument | undefined;
  funding(venue: VenueId, id: string): SimFunding;
  ticker(venue: VenueId, id: string): SimTicker;
  /** Settled funding, oldest first, time in [since, until], at most `limit` (the newest when no since). */
  fundingHistory(venue: VenueId, id: string, opts?: { since?: number; until?: number; limit?: number }): SimSettlement[];
  orderBook(venue: VenueId, id: string, depth: number): SimBook;
  candles(venue: VenueId, id: string, timeframeMs: number, opts?: { since?: number; until?: number; limit?: number }): SimCandle[];
}

export type OrderSide = 'buy' | 'sell';
export type OrderStatus = 'new' | 'partially-filled' | 'filled' | 'cancelled' | 'rejected';

export interface SimOrderRequest {
  instrumentId: string;
  side: OrderSide;
  type: 'market' | 'limit';
  /** In contracts (coins where contractSize is 1). */
  quantity: number;
  /** A limit's price; on a market order its worst fill (Hyperliquid's IOC limit), the rest cancelled. */
  price?: number;
  reduceOnly?: boolean;
  postOnly?: boolean;
  clientOrderId?: string;
  /**
   * The margin mode the order itself names, on venues that take one per order (OKX `tdMode`,
   * Bitget `marginMode`); elsewhere the symbol's setting applies.
   */
  marginMode?: 'cross' | 'isolated';
}

export interface SimOrder {
  venue: VenueId;
  orderId: string;
  clientOrderId: string;
  instrumentId: string;
  side: OrderSide;
  type: 'market' | 'limit';
  price: number | null;
  quantity: number;
  filled: number;
  averagePrice: number | null;
  status: OrderStatus;
  reduceOnly: boolean;
  /** The margin mode the order went out in: its own, or the symbol's setting when it named none. */
  marginMode: 'cross' | 'isolated';
  fee: number;
  createdAt: number;
  updatedAt: number;
}

export interface SimTrade {
  tradeId: string;
  orderId: string;
  clientOrderId: string;
  instrumentId: string;
  side: OrderSide;
  price: number;
  quantity: number;
  fee: number;
  feeCurrency: string;
  maker: boolean;
  time: number;
}

export interface SimPosition {
  instrumentId: string;
  /** Signed size in contracts: > 0 long, < 0 short. */
  size: number;
  entryPrice: number;
  markPrice: number;
  leverage: number;
  marginMode: 'cross' | 'isolated';
  unrealisedPnl: number;
  liquidationPrice: number | null;
  margin: number;
  updatedAt: number;
}

export interface SimBalance {
  currency: string;
  total: number;
  free: number;
  used: number;
}

/** A funding payment credited (> 0) or debited (< 0) to an account at a settlement. */
export interface SimIncome {
  id: string;
  instrumentId: string;
  time: number;
  amount: number;
  currency: string;
  rate: number;
  positionSize: number;
  markPrice: number;
}

export type RejectionReason =
  | 'insufficient-margin'
  | 'min-notional'
  | 'reduce-only'
  | 'unknown-order'
  | 'unknown-instrument'
  | 'invalid-quantity'
  | 'invalid-price'
  | 'duplicate-client-id'
  | 'margin-mode'
  | 'invalid-client-id';

/** Thrown by SimAccounts; each venue maps the reason to its own real error code and body. */
export class SimRejection extends Error {
  readonly reason: RejectionReason;
  constructor(reason: RejectionReason, message: string) {
    super(message);
    this.name = 'SimRejection';
    this.reason = reason;
  }
}

/** `work`'s answer, or the venue's refusal (`refuse`) for a rejection it throws; any other error is thrown on. */
export function answerRejections(work: () => SimResponse, refuse: (reason: RejectionReason) => SimResponse): SimResponse {
  try {
    return work();
  } catch (error) {
    if (error instanceof SimRejection) return refuse(error.reason);
    throw error;
  }
}

export interface SimFeeRates {
  taker: number;
  maker: number;
}

/** Every private call is scoped to an account: one per (venue, API key). */
export interface SimAccounts {
  balances(venue: VenueId, apiKey: string): SimBalance[];
  positions(venue: VenueId, apiKey: string): SimPosition[];
  hedgeMode(venue: VenueId, apiKey: string): boolean;
  /** The account's fee tier (decimals per fill): what its fills are charged and what the fee endpoints state. */
  feeRates(venue: VenueId, apiKey: string): SimFeeRates;
  position(venue: VenueId, apiKey: string, instrumentId: string): SimPosition;
  setLeverage(venue: VenueId, apiKey: string, instrumentId: string, leverage: number): void;
  setMarginMode(venue: VenueId, apiKey: string, instrumentId: string, mode: 'cross' | 'isolated'): void;
  leverage(venue: VenueId, apiKey: string, instrumentId: string): { leverage: number; marginMode: 'cross' | 'isolated' };
  placeOrder(venue: VenueId, apiKey: string, request: SimOrderRequest): SimOrder;
  cancelOrder(venue: VenueId, apiKey: string, ref: { orderId?: string; clientOrderId?: string }): SimOrder;
  cancelAll(venue: VenueId, apiKey: string, instrumentId?: string): SimOrder[];
  order(venue: VenueId, apiKey: string, ref: { orderId?: string; clientOrderId?: string }): SimOrder | undefined;
  openOrders(venue: VenueId, apiKey: string, instrumentId?: string): SimOrder[];
  orders(venue: VenueId, apiKey: string, instrumentId?: string): SimOrder[];
  trades(venue: VenueId, apiKey: string, opts?: { instrumentId?: string; since?: number; limit?: number }): SimTrade[];
  income(venue: VenueId, apiKey: string, opts?: { instrumentId?: string; since?: number; limit?: number }): SimIncome[];
}

/** API credentials the simulator accepts, per venue. Hyperliquid's key is a wallet address. */
export interface SimCredential {
  venue: VenueId;
  apiKey: string;
  secret: string;
  password?: string;
}

export interface SimCredentials {
  find(venue: VenueId, apiKey: string): SimCredential | undefined;
}

export interface SimRequest {
  method: string;
  /** Path without the query string, e.g. `/fapi/v1/premiumIndex`. */
  path: string;
  query: URLSearchParams;
  /** The query string exactly as received, without `?` (venues sign the raw string, not a re-encoding). */
  rawQuery?: string;
  headers: Record<string, string | undefined>;
  body: string;
}

export interface SimResponse {
  status: number;
  /** Serialised as JSON unless it is already a string. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface SimContext {
  market: SimMarket;
  accounts: SimAccounts;
  credentials: SimCredentials;
  /** Spot pairs and wallets of the venues whose spot is served (spot.ts). */
  spot: SpotMarkets;
}

/** One venue's wire format. `handle` returns undefined for a path it does not serve. */
export interface VenueWire {
  venue: VenueId;
  /** Path prefixes this venue owns on the shared loopback server. */
  pathPrefixes: string[];
  handle(request: SimRequest, context: SimContext): SimResponse | undefined | Promise<SimResponse | undefined>;
  /** The venue's own body for an injected HTTP error status (429, 418, 5xx). */
  errorBody(status: number): unknown;
}
