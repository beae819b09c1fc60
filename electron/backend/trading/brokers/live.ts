/**
 * The live broker: a venue account through ccxt with the caller's credentials (the vault
 * hands them over; this module never reads keys itself). Against the simulator it is the
 * Demo broker: same code, loopback base URL. Venue quirks handled here: where each venue
 * takes our client order id, coins vs venue amounts (venueAmounts.ts), Hyperliquid's 128-bit `cloid`
 * and its price on market orders, Bybit/OKX/KuCoin answering a create with the ids only, and
 * the fees Hyperliquid's and KuCoin's order answers leave out (read from the order's fills).
 */
import type { Exchange, FundingHistory, MarketInterface, Order as CcxtOrder, Position as CcxtPosition } from 'ccxt';
import type { FundingPayment, Order, OrderStatus } from '../../../../shared/domain/orders.ts';
import type { VenueId } from '../../../../shared/domain/venues.ts';
import { dexesOf } from '../../markets/hip3.ts';
import { createExchange, type Connection } from '../../markets/exchanges.ts';
import { ccxtCredentials, optionsFor } from '../../markets/accountOptions.ts';
import { toVenueError, VenueError } from '../../markets/venueErrors.ts';
import type { VenueCredentials } from '../../vault/vault.ts';
import type { Balance, Broker, OrderBook, OrderRequest, VenuePosition } from './broker.ts';
import { lotRulesOf, readMarketInfo, type MarketInfo } from '../venueMarket.ts';
import { readAccountFee } from '../accountFees.ts';
import type { LotRules } from '../../../../shared/risk/lots.ts';
import { hedgeModeMessage, inHedgeMode } from '../../markets/positionMode.ts';
import { ownClientId } from '../clientOrderIds.ts';
import { accountWideMode, heldMarginMode, namesLeveragePerOrder, namesModePerOrder, prepareMargin, type MarginMode } from './marginMode.ts';
import { amountToSend, unitsOf } from './venueAmounts.ts';
import { bookInCoins } from '../../markets/marketUnits.ts';
import { bookLimit } from '../../markets/bookDepth.ts';
import { coinPrice, coinsOf, venuePrice, type MarketUnits } from '../../../../shared/domain/units.ts';
import { isSpotSymbol, openOrdersParams } from '../../markets/spotExchange.ts';
import { buysByIocLimit, exchangeFor, iocBuyLimit, openSpot, spotShortRefusal, type SpotAccess } from './spotRoute.ts';
import { perpFillOfTrades } from './orderFills.ts';
import { isSpotDust, SEPARATE_SPOT_WALLETS, spotFill, spotFillOfTrades, spotHoldings, spotQuoteRows } from './spotHoldings.ts';
import { borrowRateOf, buyBackCoins, withInterestPaid } from './spotMargin.ts';
import { spotBorrowOf, type SpotBorrow } from './spotBorrow.ts';
import { assertWithinBand, slippageParams } from './marketBound.ts';
import { paradexAccountBalance, paradexValueAtMark } from './paradexAccount.ts';

/** The request parameter each venue reads our client order id from (docs/ccxt.md, "Private calls"). */
function clientIdParams(venue: VenueId, clientOrderId: string): Record<string, string> {
  switch (venue) {
    case 'binanceusdm': return { newClientOrderId: clientOrderId };
    case 'bybit': return { orderLinkId: clientOrderId };
    case 'okx': return { clOrdId: clientOrderId };
    default: return { clientOrderId };
  }
}

function lookupParams(venue: VenueId, clientOrderId: string): Record<string, unknown> {
  switch (venue) {
    case 'binanceusdm': return { origClientOrderId: clientOrderId };
    case 'bybit': return { orderLinkId: clientOrderId, acknowledged: true };
    case 'okx': return { clOrdId: clientOrderId };
    default: return { clientOrderId };
  }
}

/**
 * The fee the venue charged. Gate's futures orders carry no amount, only the account's rates
 * (`tkfr`/`mkfr`): the fill is charged at the taker rate, exact for the terminal's market and
 * IOC orders and an upper bound for a resting limit.
 */
function orderFee(raw: CcxtOrder, filledUsd: number): number {
  if (raw.fee?.cost !== undefined) return raw.fee.cost;
  const listed = ((raw as { fees?: Array<{ cost?: number }> }).fees ?? []).map((f) => f.cost).filter((c): c is number => c !== undefined);
  if (listed.length > 0) return listed.reduce((sum, c) => sum + c, 0);
  const takerRate = Number((raw.info as { tkfr?: string } | undefined)?.tkfr);
  return Number.isFinite(takerRate) ? filledUsd * takerRate : 0;
}

/**
 * A funding payment as income (positive = received). ccxt passes Bybit's `execFee` through
 * as the amount, and Bybit states it as a fee (positive = paid): it is read from the venue's
 * own row and negated, so a later ccxt that corrects the sign changes nothing here
 * (docs/venues.md, "Bybit", "Funding sign").
 */
function fundingIncome(venue: VenueId, entry: FundingHistory): number {
  if (venue !== 'bybit') return entry.amount ?? 0;
  const fee = Number((entry.info as { execFee?: unknown } | undefined)?.execFee);
  return Number.isFinite(fee) && fee !== 0 ? -fee : 0;
}

/** ccxt's `notional`; Paradex's row states none (nor a mark), so there it is the value at the mark its row implies (paradexAccount.ts). */
function statedNotional(venue: VenueId, position: CcxtPosition): number | null | undefined {
  return venue === 'paradex' ? paradexValueAtMark(position) : position.notional;
}

/** Venues whose position value ccxt states at the entry price: Bybit's `positionValue`, KuCoin's `posCost`. */
const NOTIONAL_AT_ENTRY: ReadonlySet<VenueId> = new Set(['bybit', 'kucoinfutures']);

/**
 * The position's USD value from the venue's own figures, untouched by the terminal's coin
 * conversion: ccxt's `notional`, which is the venue's own field at the mark (Binance `notional`,
 * OKX `notionalUsd`, Gate `value`, Hyperliquid `positionValue`; Bitget's total × mark). Bybit's
 * `positionValue` and KuCoin's `posCost` are stated at the entry price (as the simulator states
 * them), so there, as wherever `notional` is missing, it is the venue's contracts × ccxt's
 * contract size × the venue's mark (docs/units.md).
 */
function venueValue(venue: VenueId, position: CcxtPosition, market: MarketInterface): number | null {
  const stated = statedNotional(venue, position);
  if (!NOTIONAL_AT_ENTRY.has(venue) && typeof stated === 'number' && Number.isFinite(stated)) return Math.abs(stated);
  const { contracts, markPrice } = position;
  if (contracts === undefined || markPrice === undefined) return null;
  return Math.abs(contracts * (market.contractSize ?? 1) * markPrice);
}

/**
 * The mark the venue's own value implies, where ccxt states no mark (Hyperliquid: ccxt leaves
 * `markPrice` empty and passes `positionValue`, valued at the mark, as `notional`). Without it
 * the entry price stood in, and a position whose fill was a spread away from the mark looked
 * mis-valued (docs/venues.md, Hyperliquid).
 */
function statedMark(venue: VenueId, position: CcxtPosition, market: MarketInterface): number | undefined {
  const notional = statedNotional(venue, position);
  const { contracts } = position;
  if (typeof notional !== 'number' || !Number.isFinite(notional) || !contracts) return undefined;
  return Math.abs(notional) / Math.abs(contracts * (market.contractSize ?? 1));
}

/**
 * A short by ccxt's side, or, where the venue names no side (`both`: a one-way position, which
 * BingX's position rows may state as `BOTH`), by a negative amount (docs/venues.md, "BingX").
 */
function isShort(position: CcxtPosition): boolean {
  if (position.side === 'short') return true;
  return position.side !== 'long' && (position.contracts ?? 0) < 0;
}

const STATUS: Record<string, OrderStatus> = { open: 'open', closed: 'filled', canceled: 'cancelled', cancelled: 'cancelled', rejected: 'rejected', expired: 'cancelled' };

export interface LiveBrokerOptions {
  venue: VenueId;
  credentials: VenueCredentials;
  connection: Connection;
}

export async function createLiveBroker(options: LiveBrokerOptions): Promise<Broker> {
  const { venue, credentials } = options;
  const exchange = createExchange(venue, optionsFor(venue, options.connection.baseUrl !== undefined), options.connection);
  Object.assign(exchange, ccxtCredentials(venue, credentials));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  await call(venue, '', () => exchange.loadMarkets());
  return new LiveBroker(venue, exchange, await openSpot(venue, options.connection, ccxtCredentials(venue, credentials)));
}

/** Runs a ccxt call, mapping what it throws to a VenueError naming venue and symbol. */
async function call<T>(venue: VenueId, symbol: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const mapped = toVenueError(venue, error);
    throw symbol === '' ? mapped : new VenueError(mapped.kind, venue, `${symbol}: ${mapped.message}`, mapped.retryAfterMs);
  }
}

const ONE_WAY_TRUST_MS = 60_000;
/** Venues whose order states no fee: it is read from the order's fills (orderFills.ts). */
const FEE_FROM_FILLS: ReadonlySet<VenueId> = new Set(['hyperliquid', 'kucoinfutures', 'paradex']);
/** ccxt's `fetchOrder` refuses an undefined id on these venues even when a client id names the order. */
const EMPTY_ID_LOOKUP: ReadonlySet<VenueId> = new Set(['bybit', 'kucoinfutures']);
/** Pauses before each read of an order whose create answer was not final. */
const READ_BACK_DELAYS_MS = [0, 250, 1_000] as const;

/** What a spot order sends, and how its answer is journalled (`asJournalled`). */
interface SpotOrderPlan {
  quantity: number;
  params: Readonly<Record<string, string | number | boolean>>;
  /** Coins of interest a buy-back pays before the principal (spotMargin.ts `withInterestPaid`). */
  interest?: number;
}

/**
 * A spot order as the journal keeps it: with the request's reduce-only flag (a spot order read
 * back states none) and the interest a buy-back paid taken off its coins.
 */
function asJournalled(order: Order, request: OrderRequest, plan: SpotOrderPlan): Order {
  return withInterestPaid({ ...order, reduceOnly: request.reduceOnly }, plan.interest ?? 0);
}

const isOpen = (order: Order): boolean => order.status === 'open' || order.status === 'partially-filled';

class LiveBroker implements Broker {
  readonly venue: VenueId;
  readonly mode = 'live' as const;
  readonly #exchange: Exchange;
  /** The venue's spot account, for spot legs (spotRoute.ts). */
  readonly #spot: SpotAccess;
  /** When each symbol's account was last seen in one-way mode (a hedge-mode verdict is never cached). */
  readonly #oneWaySeenAt = new Map<string, number>();
  /** The margin mode set per symbol through this broker. */
  readonly #marginModes = new Map<string, MarginMode>();
  /** The leverage set per symbol through this broker, for venues whose orders state it (KuCoin). */
  readonly #leverages = new Map<string, number>();
  /** How a spot short borrows on this venue (spotBorrow.ts); undefined where the terminal arranges none. */
  readonly #borrow: SpotBorrow | undefined;
  /** The taker rate the venue charged this account's last spot sell per pair (in USDT, so it reads exactly). */
  readonly #spotSellFeeRates = new Map<string, number>();

  constructor(venue: VenueId, exchange: Exchange, spot: SpotAccess) {
    this.venue = venue;
    this.#exchange = exchange;
    this.#spot = spot;
    this.#borrow = spotBorrowOf(venue);
  }

  /** The exchange serving `symbol`: spot symbols never reach the perp exchange. */
  #ex(symbol: string): Exchange {
    return exchangeFor(this.venue, this.#exchange, this.#spot, symbol);
  }

  /**
   * The symbol's terms; a spot pair where spot shorts borrow adds its coin's borrow rate
   * (spotMargin.ts) and why this account could not borrow it, if it could not (spotBorrow.ts).
   */
  async marketInfo(symbol: string): Promise<MarketInfo> {
    const info = await readMarketInfo(this.#ex(symbol), symbol);
    if (!isSpotSymbol(symbol) || this.#borrow === undefined) return info;
    const [borrow, borrowRefusal] = await Promise.all([borrowRateOf(this.#ex(symbol), symbol, this.#borrow.dailyRate), this.#borrowRefusal(symbol)]);
    return { ...info, borrow, borrowRefusal };
  }

  /** Why this account cannot borrow for a spot short of `symbol`, read from the venue; an unreadable account cannot either. */
  async #borrowRefusal(symbol: string): Promise<string | null> {
    const borrow = this.#borrow;
    if (borrow === undefined) return spotShortRefusal(this.venue, symbol);
    try {
      return await call(this.venue, symbol, () => borrow.refusal(this.#ex(symbol), symbol));
    } catch (error) {
      if (!(error instanceof VenueError)) throw error;
      return `the ${this.venue} account's borrow settings could not be read (${error.message})`;
    }
  }

  accountFee(): Promise<{ taker: number; maker: number }> {
    return readAccountFee(this.venue, this.#exchange);
  }

  units(symbol: string): MarketUnits {
    return unitsOf(this.#ex(symbol), symbol);
  }

  lot(symbol: string): LotRules {
    return lotRulesOf(this.#ex(symbol).market(symbol));
  }

  #toOrder(symbol: string, raw: CcxtOrder, request?: Pick<OrderRequest, 'clientOrderId'> & Partial<OrderRequest>): Order {
    const units = this.units(symbol);
    const status = STATUS[raw.status ?? ''] ?? 'open';
    const averagePrice = raw.average ? coinPrice(units, raw.average) : null;
    const spotFilled = isSpotSymbol(symbol) ? spotFill(this.#ex(symbol), symbol, raw) : null;
    const filled = spotFilled?.held ?? coinsOf(units, raw.filled ?? 0);
    const fee = spotFilled?.feeUsd ?? orderFee(raw, filled * (averagePrice ?? 0));
    return {
      venue: this.venue, symbol, clientOrderId: request?.clientOrderId ?? ownClientId(this.venue, raw.clientOrderId), venueOrderId: raw.id ? String(raw.id) : null,
      side: (raw.side ?? request?.side) as Order['side'], type: (raw.type === 'limit' ? 'limit' : request?.type ?? 'market'),
      price: raw.price ? coinPrice(units, raw.price) : request?.price ?? null, quantity: raw.amount !== undefined ? coinsOf(units, raw.amount) : request?.quantity ?? 0,
      filled, averagePrice,
      status: status === 'open' && filled > 0 ? 'partially-filled' : status,
      // Spot venues state no such flag: a read order counts as reducing when it sells (most spot
      // legs hold coins); the journal keeps what the request said.
      reduceOnly: isSpotSymbol(symbol) ? request?.reduceOnly ?? raw.side === 'sell' : raw.reduceOnly ?? request?.reduceOnly ?? false, fee, time: raw.timestamp ?? Date.now(),
    };
  }

  /** Read before leverage is set and before an opening order: once per ticket, not per request. */
  async #assertOneWay(symbol: string): Promise<void> {
    if (performance.now() - (this.#oneWaySeenAt.get(symbol) ?? Number.NEGATIVE_INFINITY) < ONE_WAY_TRUST_MS) return;
    if (await call(this.venue, symbol, () => inHedgeMode(this.venue, this.#exchange, symbol))) {
      throw new VenueError('rejected', this.venue, `${symbol}: ${hedgeModeMessage(this.venue)}`);
    }
    this.#oneWaySeenAt.set(symbol, performance.now());
  }

  async setLeverage(symbol: string, leverage: number, marginMode?: MarginMode): Promise<void> {
    await this.#assertOneWay(symbol);
    await call(this.venue, symbol, () => prepareMargin(this.venue, this.#exchange, symbol, leverage, marginMode));
    if (marginMode !== undefined) this.#marginModes.set(symbol, marginMode);
    this.#leverages.set(symbol, leverage);
  }

  accountMarginMode(symbol: string): Promise<MarginMode | null> {
    return call(this.venue, symbol, () => accountWideMode(this.venue, this.#exchange, symbol));
  }

  /**
   * The margin mode an order names on OKX, Bitget and KuCoin: the approved one, else the one this
   * broker set for the symbol, else the held position's (a close or the kill switch after a
   * restart). A KuCoin order states its leverage too: the one this broker set (an isolated
   * position takes the opening order's; a close after a restart needs none, ccxt sends 1).
   */
  async #orderMarginMode(request: OrderRequest): Promise<Record<string, MarginMode | number>> {
    const leverage = namesLeveragePerOrder(this.venue) ? this.#leverages.get(request.symbol) : undefined;
    const withLeverage: Record<string, number> = leverage === undefined ? {} : { leverage };
    if (!namesModePerOrder(this.venue)) return withLeverage;
    const mode = request.marginMode ?? this.#marginModes.get(request.symbol)
      ?? (request.reduceOnly ? await call(this.venue, request.symbol, () => heldMarginMode(this.#exchange, request.symbol)) : null);
    return mode === null ? withLeverage : { marginMode: mode, ...withLeverage };
  }

  async createOrder(request: OrderRequest): Promise<Order> {
    const { symbol } = request;
    const spot = isSpotSymbol(symbol);
    // Closing orders go out whatever the mode: an unwind or the kill switch must at least try.
    if (!request.reduceOnly && !spot) await this.#assertOneWay(symbol);
    const spotOrder = spot ? await this.#spotOrder(request) : null;
    const quantity = spotOrder?.quantity ?? request.quantity;
    const amount = amountToSend(this.venue, this.#ex(symbol), symbol, quantity, request.reduceOnly);
    assertWithinBand(this.venue, request);
    const byLimit = buysByIocLimit(this.venue, request);
    const perCoin = request.price ?? (byLimit ? iocBuyLimit(await this.#marketPrice(symbol, 'buy'), request.maxSlippagePct)
      : this.venue === 'hyperliquid' ? await this.#marketPrice(symbol, request.side) : undefined);
    const price = perCoin === undefined ? undefined : venuePrice(this.units(symbol), perCoin);
    // A spot order has no reduce-only flag or margin mode (a short's names the margin account);
    // Binance's spot and margin answer a market order in full with its fills (ccxt asks FULL),
    // which carry the fee that a read-back would lose.
    const params = spotOrder ? { ...clientIdParams(this.venue, request.clientOrderId), ...spotOrder.params, ...(byLimit ? { timeInForce: 'IOC' } : {}) } : {
      ...clientIdParams(this.venue, request.clientOrderId), ...(request.reduceOnly ? { reduceOnly: true } : {}), ...(await this.#orderMarginMode(request)),
      // Binance's default answer (ACK) shows a market order NEW with nothing filled, whatever it became.
      ...(this.venue === 'binanceusdm' ? { newOrderRespType: 'RESULT' } : {}),
    };
    const raw = await call(this.venue, symbol, () => this.#ex(symbol).createOrder(symbol, byLimit ? 'limit' : request.type, request.side, amount, price, { ...params, ...slippageParams(this.venue, request) }));
    const answered = this.#toOrder(symbol, raw, request);
    // Bybit, OKX and KuCoin answer a create with the ids only, Hyperliquid without the final status, and
    // Binance may answer before matching: whatever is not final is read back until it is.
    const read = this.venue === 'binanceusdm' && !(request.type === 'market' && isOpen(answered)) ? answered : (await this.#finalState(request)) ?? answered;
    // A read-back row that states no reduce-only flag (BingX's) keeps the request's.
    const final = await this.#withFillFees({ ...read, reduceOnly: read.reduceOnly || request.reduceOnly }, spotOrder !== null);
    if (spotOrder && request.side === 'sell' && final.filled > 0 && final.averagePrice) this.#spotSellFeeRates.set(symbol, final.fee / (final.filled * final.averagePrice));
    return spotOrder ? asJournalled(final, request, spotOrder) : final;
  }

  /**
   * Hyperliquid's order answer and status state no fee and its status no average price, KuCoin's
   * order no fee: they come from the order's fills (orderFills.ts); a spot order's fee in the coin
   * off what it holds.
   */
  async #withFillFees(order: Order, spot: boolean): Promise<Order> {
    if (!FEE_FROM_FILLS.has(this.venue) || order.filled === 0) return order;
    if (spot) {
      const read = await call(this.venue, order.symbol, () => spotFillOfTrades(this.#ex(order.symbol), order.symbol, order));
      return read === null ? order : { ...order, filled: read.held, fee: read.feeUsd, averagePrice: order.averagePrice ?? read.average };
    }
    const read = await call(this.venue, order.symbol, () => perpFillOfTrades(this.#exchange, order.symbol, order));
    return read === null ? order : { ...order, fee: read.feeUsd, averagePrice: order.averagePrice ?? read.average };
  }

  /**
   * What a spot order sends (docs/orders.md, "Spot shorts"): a buy of coins, or a closing sell of
   * at most the coins held, from the spot wallet; where the terminal borrows (Binance, OKX, Bitget), an
   * opening sell on a borrow and a closing buy that buys back the debt and its interest, grossed
   * up for the fee taken in the coin. Elsewhere, or on an account that cannot borrow, an opening
   * sell is refused before it is sent.
   */
  async #spotOrder(request: OrderRequest): Promise<SpotOrderPlan> {
    const { symbol, side } = request;
    const borrow = this.#borrow;
    if (!request.reduceOnly && side === 'sell') {
      const refusal = borrow === undefined ? spotShortRefusal(this.venue, symbol) : await this.#borrowRefusal(symbol);
      if (refusal !== null) throw new VenueError('rejected', this.venue, borrow === undefined ? refusal : `${symbol}: ${refusal}; nothing was sent`);
      return { quantity: request.quantity, params: borrow!.shortParams };
    }
    if (!request.reduceOnly) return { quantity: request.quantity, params: {} };
    const coin = symbol.split('/')[0];
    const spot = this.#ex(symbol);
    // Each account closes its own leg: a long's coins are in the spot wallet, a short's debt on
    // the cross margin (a long and a short of one coin net out in the position, not here).
    if (side === 'sell') {
      const held = (await call(this.venue, symbol, () => spotHoldings(this.venue, spot))).find((p) => p.symbol === symbol)?.size ?? 0;
      if (!(held > 0)) throw new VenueError('rejected', this.venue, `${symbol}: no ${coin} held to sell; nothing was sent`);
      return { quantity: Math.min(held, request.quantity), params: {} };
    }
    const margin = borrow ? (await call(this.venue, symbol, () => borrow.coins(spot))).get(coin) : undefined;
    if (borrow === undefined || margin === undefined || !(margin.held < 0) || !(margin.owed > 0)) {
      throw new VenueError('rejected', this.venue, `${symbol}: no ${coin} owed on the cross margin, there is nothing to buy back; nothing was sent`);
    }
    // Buying back the whole short repays the whole debt, interest included, not only what the
    // pairs sold; what would stay short after the order, under one lot or under the pair's
    // minimum order value (a closed pair's rest on a unified wallet), is bought back too: no
    // order could later. The whole short is the margin account's, or the position's where the
    // spot wallet's coins (a long's, or a closed leg's rest) net against it.
    const position = (await this.#spotPositions()).find((p) => p.symbol === symbol);
    const rest = Math.min(-margin.held, Math.max(0, -(position?.size ?? 0))) - request.quantity;
    const whole = rest < (this.lot(symbol).step ?? 0) || isSpotDust(this, symbol, rest, position?.markPrice ?? 0);
    const wanted = whole ? margin.owed : Math.min(margin.owed, request.quantity);
    // Grossed up at the rate the short's sell paid where this broker sent it, else ccxt's listed one.
    return { quantity: buyBackCoins(spot, symbol, wanted, this.#spotSellFeeRates.get(symbol)), params: borrow.repayParams, interest: margin.interest };
  }

  /**
   * A read of the borrowing account, where spot shorts borrow; `none` elsewhere, and where the
   * venue refuses it (Binance -3003: the account has no cross margin; a key without margin
   * permission). No short can have been opened through such an account, and a short the journal
   * approved that this read cannot see still raises a MISMATCH (holdingCheck.ts).
   */
  async #marginRead<T>(read: (borrow: SpotBorrow) => Promise<T>, none: T): Promise<T> {
    if (this.#borrow === undefined) return none;
    try {
      return await read(this.#borrow);
    } catch (error) {
      const kind = toVenueError(this.venue, error).kind;
      if (kind === 'rejected' || kind === 'auth') return none;
      throw toVenueError(this.venue, error);
    }
  }

  /** The spot wallet's coins and, where spot shorts borrow, what the borrowing account adds to them (a short below zero). */
  async #spotPositions(): Promise<VenuePosition[]> {
    if (!('exchange' in this.#spot)) return [];
    const spot = this.#spot.exchange;
    return call(this.venue, '', async () => {
      const balance = await spot.fetchBalance();
      const held = async (borrow: SpotBorrow) => new Map([...await borrow.coins(spot, balance)].map(([coin, read]) => [coin, borrow.holdingAdjustment(read)]));
      return spotHoldings(this.venue, spot, await this.#marginRead(held, new Map<string, number>()), balance);
    });
  }

  /**
   * The order as the venue holds it once a market order has finished. A market order still
   * open after the look-ups is cancelled, so what it filled is final and no leg is left to fill
   * later without the journal knowing.
   */
  async #finalState(request: OrderRequest): Promise<Order | null> {
    for (const delay of READ_BACK_DELAYS_MS) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const order = await this.fetchOrderByClientId(request.symbol, request.clientOrderId);
      if (order === null || request.type !== 'market' || !isOpen(order)) return order;
    }
    await this.cancelOrder(request.symbol, request.clientOrderId).catch((error: unknown) => {
      // It finished between the read and the cancel: the read below says how.
      if (!(error instanceof VenueError && error.kind === 'rejected')) throw error;
    });
    return this.fetchOrderByClientId(request.symbol, request.clientOrderId);
  }

  /** The best price a market order meets: Hyperliquid's IOC limit (ccxt adds the max slippage, marketBound.ts), Bitget's and Gate's spot buy (spotRoute.ts). */
  async #marketPrice(symbol: string, side: 'buy' | 'sell'): Promise<number> {
    const book = await this.orderBook(symbol, 5);
    const best = side === 'buy' ? book.asks[0]?.[0] : book.bids[0]?.[0];
    if (best === undefined) throw new VenueError('bad-response', this.venue, `${symbol}: empty order book, no price for a market order`);
    return best;
  }

  async cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    const found = await this.#findOrder(symbol, clientOrderId);
    if (found === null || found.raw.id === undefined) throw new VenueError('rejected', this.venue, `${symbol}: no order with client id ${clientOrderId} to cancel`);
    await call(this.venue, symbol, () => this.#ex(symbol).cancelOrder(String(found.raw.id), symbol, found.params));
  }

  async fetchOrderByClientId(symbol: string, clientOrderId: string): Promise<Order | null> {
    const found = await this.#findOrder(symbol, clientOrderId);
    return found === null ? null : this.#toOrder(symbol, found.raw, { clientOrderId });
  }

  /**
   * The order as the venue holds it, and the parameters that name its account: a spot symbol's
   * order is on the spot wallet or, where spot shorts borrow on an account of its own, there (spotBorrow.ts).
   */
  async #findOrder(symbol: string, clientOrderId: string): Promise<{ raw: CcxtOrder; params: Readonly<Record<string, string>> } | null> {
    const account = this.#borrow?.orderAccount;
    const accounts: Array<Readonly<Record<string, string>>> = isSpotSymbol(symbol) && account ? [{}, account] : [{}];
    for (const params of accounts) {
      try {
        const raw = await this.#readOrder(symbol, clientOrderId, params);
        if (raw !== null) return { raw, params };
      } catch (error) {
        const mapped = toVenueError(this.venue, error);
        // "No such order" is an answer: that account never received it. Anything else is not.
        if (mapped.kind !== 'rejected') throw mapped;
      }
    }
    return null;
  }

  /** One account's order: ccxt's `fetchOrder`, or on a borrowing account it cannot reach, that account's own read (spotBorrow.ts `readOrder`). */
  async #readOrder(symbol: string, clientOrderId: string, params: Readonly<Record<string, string>>): Promise<CcxtOrder | null> {
    const exchange = this.#ex(symbol);
    const own = this.#borrow?.readOrder;
    if (own !== undefined && params === this.#borrow?.orderAccount) return own(exchange, symbol, clientOrderId);
    return exchange.fetchOrder(EMPTY_ID_LOOKUP.has(this.venue) ? '' : (undefined as unknown as string), symbol, { ...lookupParams(this.venue, clientOrderId), ...params });
  }

  async openOrders(): Promise<Order[]> {
    const lists: Array<[Exchange, Record<string, string>]> = this.#dexReads().map((dex) => [this.#exchange, { ...openOrdersParams(this.venue, false), ...dex }]);
    if ('exchange' in this.#spot) {
      lists.push([this.#spot.exchange, openOrdersParams(this.venue, true)]);
    }
    const spot = 'exchange' in this.#spot ? this.#spot.exchange : null;
    const account = this.#borrow?.orderAccount;
    const margin = spot && account ? await this.#marginRead(() => spot.fetchOpenOrders(undefined, undefined, undefined, account), []) : [];
    const raw = [...(await Promise.all(lists.map(([exchange, params]) => call(this.venue, '', () => exchange.fetchOpenOrders(undefined, undefined, undefined, params))))).flat(), ...margin];
    return raw.map((order) => this.#toOrder(String(order.symbol), order));
  }

  /**
   * The per-account reads of the perps: one, and on Hyperliquid one more per HIP-3 dex loaded,
   * whose positions and open orders the venue lists only when the read names the dex (docs/venues.md, "Hyperliquid HIP-3").
   */
  #dexReads(): Array<Record<string, string>> {
    return [{}, ...(this.venue === 'hyperliquid' ? dexesOf(Object.values(this.#exchange.markets ?? {})).map((dex) => ({ dex })) : [])];
  }

  /** Perp positions, and each spot leg as the coins held of its pair (docs/orders.md). */
  async positions(): Promise<VenuePosition[]> {
    const [perps, spot] = await Promise.all([this.#perpPositions(), this.#spotPositions()]);
    return [...perps, ...spot];
  }

  async #perpPositions(): Promise<VenuePosition[]> {
    const raw = (await Promise.all(this.#dexReads().map((params) => call(this.venue, '', () => this.#exchange.fetchPositions(undefined, params))))).flat();
    return raw.filter((p) => (p.contracts ?? 0) !== 0).map((p) => {
      const symbol = String(p.symbol);
      const units = this.units(symbol);
      const size = Math.abs(coinsOf(units, p.contracts ?? 0));
      const perCoin = (price: number | undefined) => (price === undefined ? undefined : coinPrice(units, price));
      return {
        venue: this.venue, symbol, size: isShort(p) ? -size : size,
        entryPrice: perCoin(p.entryPrice) ?? 0, markPrice: perCoin(p.markPrice ?? statedMark(this.venue, p, this.#exchange.market(symbol)) ?? p.entryPrice) ?? 0, liquidationPrice: perCoin(p.liquidationPrice) ?? null,
        venueUsd: venueValue(this.venue, p, this.#exchange.market(symbol)),
      };
    });
  }

  /** The derivatives account's balances, and the spot wallet's stablecoins where that is a wallet of its own (Binance, Bitget). */
  async balances(): Promise<Balance[]> {
    if (this.venue === 'paradex') return call(this.venue, '', () => paradexAccountBalance(this.#exchange));
    const raw = await call(this.venue, '', () => this.#exchange.fetchBalance());
    const totals = raw.total as unknown as Record<string, number>;
    const free = raw.free as unknown as Record<string, number>;
    const perp = Object.keys(totals).map((currency) => ({ currency, total: totals[currency] ?? 0, free: free[currency] ?? 0 }));
    if (!SEPARATE_SPOT_WALLETS.has(this.venue) || !('exchange' in this.#spot)) return perp;
    const spot = this.#spot.exchange;
    // The cross-margin account's stablecoins are the collateral of a spot short (spotBorrow.ts).
    const collateral = this.#borrow?.separate ? this.#borrow.collateral : undefined;
    const margin = collateral ? await this.#marginRead(() => collateral(spot), []) : [];
    return [...perp, ...await call(this.venue, '', () => spotQuoteRows(spot)), ...margin];
  }

  async fundingPayments(symbol?: string, since?: number): Promise<FundingPayment[]> {
    const raw = await call(this.venue, symbol ?? '', () => this.#exchange.fetchFundingHistory(symbol, since));
    return raw.map((entry) => ({
      venue: this.venue, symbol: entry.symbol ?? symbol ?? '', time: entry.timestamp ?? 0, amount: fundingIncome(this.venue, entry),
      rate: (entry as { rate?: number }).rate ?? null,
      ...(entry.id ? { id: `${this.venue} ${String(entry.id)}` } : {}),
    }));
  }

  async orderBook(symbol: string, depth: number): Promise<OrderBook> {
    const book = await call(this.venue, symbol, () => this.#ex(symbol).fetchOrderBook(symbol, bookLimit(this.#ex(symbol).id, depth)));
    return bookInCoins(this.units(symbol), book);
  }

  async close(): Promise<void> {
    await this.#exchange.close();
    if ('exchange' in this.#spot) await this.#spot.exchange.close();
  }
}
