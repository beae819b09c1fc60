/**
 * Simulated accounts (`SimAccounts`), one per (venue, API key): balances, leverage and margin
 * mode per instrument, orders that walk the simulated book, resting limit orders that fill when
 * the market crosses them (a book level at a time, so large orders fill partially), maker and
 * taker fees, margin and reduce-only checks, maintenance margin and liquidation, and funding
 * settlements credited or debited on open positions (size × contract size × mark × rate).
 * Fills, positions, funding and liquidation prices are the paper broker's model
 * (`shared/accounts/position.ts`, `shared/risk/liquidation.ts`); this file speaks the venues' terms.
 */
import type {
  SimAccounts, SimBalance, SimFeeRates, SimIncome, SimInstrument, SimOrder, SimOrderRequest, SimPosition, SimSettlement, SimTrade, VenueId,
} from './types.ts';
import { SimRejection } from './types.ts';
import { venueTakesClientId } from './clientIds.ts';
import type { Market } from './market.ts';
import { VENUES } from '../../shared/domain/venues.ts';
import { applyFill, fillFee, fundingAmount, liquidationBreached, takeFromBook, unrealisedPnl } from '../../shared/accounts/position.ts';
import { crossLiquidationPrice, liquidationPrice } from '../../shared/risk/liquidation.ts';

const BOOK_DEPTH = 200;
const MINUTE = 60_000;

interface PositionState {
  size: number;
  entryPrice: number;
  updatedAt: number;
}

interface Account {
  venue: VenueId;
  apiKey: string;
  currency: string;
  wallet: number;
  positions: Map<string, PositionState>;
  settings: Map<string, { leverage: number; marginMode: 'cross' | 'isolated' }>;
  orders: Map<string, SimOrder>;
  clientIds: Map<string, string>;
  lastFillMinute: Map<string, number>;
  trades: SimTrade[];
  income: SimIncome[];
  /** Hedge (dual-side) position mode, as the venue reports it; accounts start in one-way mode. */
  hedgeMode: boolean;
  /** The account's fee tier; a new account is at the venue's lowest tier. */
  fees: SimFeeRates;
}

export interface AccountsOptions {
  market: Market;
  /** Starting balance of every new account (USDT; USDC on hyperliquid). */
  initialBalance?: number;
  /** The fee tier new accounts start at, per venue; else the venue's lowest tier. */
  feeRates?: Partial<Record<VenueId, SimFeeRates>>;
}

function almostInteger(value: number): boolean {
  return Math.abs(value - Math.round(value)) < 1e-7;
}

export class Accounts implements SimAccounts {
  private readonly market: Market;
  private readonly initialBalance: number;
  private readonly feeRatesAtOpen: Partial<Record<VenueId, SimFeeRates>>;
  private readonly accounts = new Map<string, Account>();
  private nextOrderId = 1;
  private nextTradeId = 1;
  private nextIncomeId = 1;

  constructor(opts: AccountsOptions) {
    this.market = opts.market;
    this.initialBalance = opts.initialBalance ?? 100_000;
    this.feeRatesAtOpen = opts.feeRates ?? {};
    this.market.onSettlement((venue, id, settlement) => this.creditFunding(venue, id, settlement));
  }

  /** Brings every account up to the current time: settlements, resting fills, liquidations. */
  syncAll(): void {
    for (const account of this.accounts.values()) this.sync(account);
  }

  /** Sets an account's wallet balance (control API / tests). */
  setBalance(venue: VenueId, apiKey: string, amount: number): void {
    this.account(venue, apiKey).wallet = amount;
  }

  /**
   * Moves `amount` (USDT; negative to spend) into the account's wallet: a Bybit unified account's
   * spot trades settle in the same wallet as its derivatives (spot.ts).
   */
  creditWallet(venue: VenueId, apiKey: string, amount: number): void {
    this.synced(venue, apiKey).wallet += amount;
  }

  /** The account's position mode as its venue reports it (control API / tests); orders stay one-way. */
  setHedgeMode(venue: VenueId, apiKey: string, on: boolean): void {
    this.account(venue, apiKey).hedgeMode = on;
  }

  hedgeMode(venue: VenueId, apiKey: string): boolean {
    return this.account(venue, apiKey).hedgeMode;
  }

  /** Sets the account's fee tier (control API / tests: a VIP account). */
  setFeeRates(venue: VenueId, apiKey: string, rates: SimFeeRates): void {
    this.account(venue, apiKey).fees = { ...rates };
  }

  feeRates(venue: VenueId, apiKey: string): SimFeeRates {
    return { ...this.account(venue, apiKey).fees };
  }

  balances(venue: VenueId, apiKey: string): SimBalance[] {
    const account = this.synced(venue, apiKey);
    const positions = this.positionList(account);
    const equity = account.wallet + positions.reduce((sum, p) => sum + p.unrealisedPnl, 0);
    const used = positions.reduce((sum, p) => sum + p.margin, 0) + this.openOrderMargin(account);
    return [{ currency: account.currency, total: equity, used, free: Math.max(0, equity - used) }];
  }

  positions(venue: VenueId, apiKey: string): SimPosition[] {
    return this.positionList(this.synced(venue, apiKey));
  }

  /** The instrument's position, a flat one at the current leverage when none is held (venues list those too). */
  position(venue: VenueId, apiKey: string, instrumentId: string): SimPosition {
    const held = this.positions(venue, apiKey).find((p) => p.instrumentId === instrumentId && p.size !== 0);
    if (held) return held;
    const setting = this.leverage(venue, apiKey, instrumentId);
    return {
      instrumentId, size: 0, entryPrice: 0, markPrice: this.market.ticker(venue, instrumentId).mark, leverage: setting.leverage,
      marginMode: setting.marginMode, unrealisedPnl: 0, liquidationPrice: null, margin: 0, updatedAt: this.market.now(),
    };
  }

  setLeverage(venue: VenueId, apiKey: string, instrumentId: string, leverage: number): void {
    const instrument = this.instrumentOf(venue, instrumentId);
    if (!(leverage >= 1 && leverage <= instrument.maxLeverage && Number.isInteger(leverage))) {
      throw new SimRejection('invalid-quantity', `${venue} ${instrumentId}: leverage must be an integer 1…${instrument.maxLeverage}, got ${leverage}`);
    }
    const account = this.synced(venue, apiKey);
    account.settings.set(instrumentId, { ...this.leverage(venue, apiKey, instrumentId), leverage });
  }

  setMarginMode(venue: VenueId, apiKey: string, instrumentId: string, mode: 'cross' | 'isolated'): void {
    this.instrumentOf(venue, instrumentId);
    const account = this.synced(venue, apiKey);
    account.settings.set(instrumentId, { ...this.leverage(venue, apiKey, instrumentId), marginMode: mode });
  }

  leverage(venue: VenueId, apiKey: string, instrumentId: string): { leverage: number; marginMode: 'cross' | 'isolated' } {
    const instrument = this.instrumentOf(venue, instrumentId);
    return this.account(venue, apiKey).settings.get(instrumentId) ?? { leverage: Math.min(20, instrument.maxLeverage), marginMode: 'cross' };
  }

  /** `fillFraction` (a `partial` fault) caps how much of the order may fill now; a market order's rest expires. */
  placeOrder(venue: VenueId, apiKey: string, request: SimOrderRequest, options: { fillFraction?: number } = {}): SimOrder {
    const instrument = this.instrumentOf(venue, request.instrumentId);
    this.market.settle(venue, instrument.id);
    const account = this.synced(venue, apiKey);
    this.validate(account, instrument, request);
    const now = this.market.now();
    const orderId = String(this.nextOrderId++);
    const order: SimOrder = {
      venue, orderId, clientOrderId: request.clientOrderId ?? `sim-${orderId}`, instrumentId: instrument.id, side: request.side,
      type: request.type, price: request.price ?? null, quantity: request.quantity, filled: 0,
      averagePrice: null, status: 'new', reduceOnly: request.reduceOnly ?? false, marginMode: this.orderMarginMode(account, instrument, request),
      fee: 0, createdAt: now, updatedAt: now,
    };
    const book = this.market.orderBook(venue, instrument.id, BOOK_DEPTH);
    const crosses = order.type === 'market' || (order.side === 'buy' ? (book.asks[0]?.[0] ?? Infinity) <= order.price! : (book.bids[0]?.[0] ?? 0) >= order.price!);
    if (crosses && request.postOnly) {
      order.status = 'cancelled';
    } else if (crosses) {
      const levels = order.side === 'buy' ? book.asks : book.bids;
      const cap = options.fillFraction === undefined ? order.quantity
        : Math.max(instrument.stepSize, Math.floor((order.quantity * options.fillFraction) / instrument.stepSize) * instrument.stepSize);
      for (const [price, quantity] of takeFromBook(levels, order.side, order.price, cap)) {
        this.fill(account, instrument, order, price, quantity, false);
      }
    }
    this.settleStatus(order);
    account.orders.set(orderId, order);
    account.clientIds.set(order.clientOrderId, orderId);
    account.lastFillMinute.set(orderId, Math.floor(now / MINUTE));
    return { ...order };
  }

  cancelOrder(venue: VenueId, apiKey: string, ref: { orderId?: string; clientOrderId?: string }): SimOrder {
    const account = this.synced(venue, apiKey);
    const order = this.find(account, ref);
    if (!order || (order.status !== 'new' && order.status !== 'partially-filled')) {
      throw new SimRejection('unknown-order', `${venue}: no open order ${ref.orderId ?? ref.clientOrderId}`);
    }
    order.status = 'cancelled';
    order.updatedAt = this.market.now();
    return { ...order };
  }

  cancelAll(venue: VenueId, apiKey: string, instrumentId?: string): SimOrder[] {
    return this.openOrders(venue, apiKey, instrumentId).map((order) => this.cancelOrder(venue, apiKey, { orderId: order.orderId }));
  }

  order(venue: VenueId, apiKey: string, ref: { orderId?: string; clientOrderId?: string }): SimOrder | undefined {
    const order = this.find(this.synced(venue, apiKey), ref);
    return order ? { ...order } : undefined;
  }

  openOrders(venue: VenueId, apiKey: string, instrumentId?: string): SimOrder[] {
    return this.orders(venue, apiKey, instrumentId).filter((order) => order.status === 'new' || order.status === 'partially-filled');
  }

  orders(venue: VenueId, apiKey: string, instrumentId?: string): SimOrder[] {
    const account = this.synced(venue, apiKey);
    return [...account.orders.values()].filter((order) => !instrumentId || order.instrumentId === instrumentId).map((order) => ({ ...order }));
  }

  trades(venue: VenueId, apiKey: string, opts: { instrumentId?: string; since?: number; limit?: number } = {}): SimTrade[] {
    const account = this.synced(venue, apiKey);
    return pageOf(account.trades.filter((trade) => !opts.instrumentId || trade.instrumentId === opts.instrumentId), opts);
  }

  income(venue: VenueId, apiKey: string, opts: { instrumentId?: string; since?: number; limit?: number } = {}): SimIncome[] {
    const account = this.synced(venue, apiKey);
    return pageOf(account.income.filter((entry) => !opts.instrumentId || entry.instrumentId === opts.instrumentId), opts);
  }

  private account(venue: VenueId, apiKey: string): Account {
    const key = `${venue}:${apiKey}`;
    let account = this.accounts.get(key);
    if (!account) {
      account = {
        venue, apiKey, currency: venue === 'hyperliquid' || venue === 'paradex' ? 'USDC' : 'USDT', wallet: this.initialBalance, positions: new Map(), settings: new Map(),
        orders: new Map(), clientIds: new Map(), lastFillMinute: new Map(), trades: [], income: [], hedgeMode: false,
        fees: { ...(this.feeRatesAtOpen[venue] ?? { taker: VENUES[venue].takerFee, maker: VENUES[venue].makerFee }) },
      };
      this.accounts.set(key, account);
    }
    return account;
  }

  private synced(venue: VenueId, apiKey: string): Account {
    const account = this.account(venue, apiKey);
    this.sync(account);
    return account;
  }

  private sync(account: Account): void {
    for (const id of account.positions.keys()) this.market.settle(account.venue, id);
    this.fillResting(account);
    this.liquidate(account);
  }

  private instrumentOf(venue: VenueId, instrumentId: string): SimInstrument {
    const instrument = this.market.instrument(venue, instrumentId);
    if (!instrument) throw new SimRejection('unknown-instrument', `${venue} lists no instrument "${instrumentId}"`);
    return instrument;
  }

  /**
   * An order naming a margin mode opens the symbol's position in that mode. The simulator holds
   * one position per symbol, so an order in the other mode than the held position's is refused
   * (OKX would hold a second position, Bitget refuses it): it never silently changes the mode.
   */
  private orderMarginMode(account: Account, instrument: SimInstrument, request: SimOrderRequest): 'cross' | 'isolated' {
    const setting = this.leverage(account.venue, account.apiKey, instrument.id);
    if (request.marginMode === undefined || request.marginMode === setting.marginMode) return setting.marginMode;
    account.settings.set(instrument.id, { ...setting, marginMode: request.marginMode });
    return request.marginMode;
  }

  private validate(account: Account, instrument: SimInstrument, request: SimOrderRequest): void {
    const where = `${account.venue} ${instrument.id}`;
    if (request.clientOrderId !== undefined && !venueTakesClientId(account.venue, request.clientOrderId)) {
      throw new SimRejection('invalid-client-id', `${where}: client order id "${request.clientOrderId}" does not fit ${account.venue}'s rule`);
    }
    if (request.clientOrderId && account.clientIds.has(request.clientOrderId)) {
      throw new SimRejection('duplicate-client-id', `${where}: client order id "${request.clientOrderId}" already used`);
    }
    if (!(request.quantity > 0) || !almostInteger(request.quantity / instrument.stepSize)) {
      throw new SimRejection('invalid-quantity', `${where}: quantity ${request.quantity} is not a positive multiple of ${instrument.stepSize}`);
    }
    if (request.type === 'limit' && (!(Number(request.price) > 0) || !almostInteger(request.price! / instrument.tickSize))) {
      throw new SimRejection('invalid-price', `${where}: price ${request.price} is not a positive multiple of ${instrument.tickSize}`);
    }
    const position = account.positions.get(instrument.id)?.size ?? 0;
    const held = this.leverage(account.venue, account.apiKey, instrument.id).marginMode;
    if (request.marginMode !== undefined && request.marginMode !== held && position !== 0) {
      throw new SimRejection('margin-mode', `${where}: the order is ${request.marginMode} margin but the position held is ${held}`);
    }
    const signed = request.side === 'buy' ? request.quantity : -request.quantity;
    if (request.reduceOnly && !(position * signed < 0 && Math.abs(signed) <= Math.abs(position) + 1e-12)) {
      throw new SimRejection('reduce-only', `${where}: reduce-only ${request.side} of ${request.quantity} would not reduce the position of ${position}`);
    }
    const mark = this.market.markPrice(account.venue, instrument.id);
    const price = request.type === 'limit' ? request.price! : mark;
    const notional = request.quantity * instrument.contractSize * price;
    if (!request.reduceOnly && notional < instrument.minNotional) {
      throw new SimRejection('min-notional', `${where}: order value ${notional.toFixed(2)} is below the minimum ${instrument.minNotional}`);
    }
    const opening = Math.max(0, Math.abs(position + signed) - Math.abs(position));
    const required = (opening * instrument.contractSize * price) / this.leverage(account.venue, account.apiKey, instrument.id).leverage;
    const [balance] = this.balances(account.venue, account.apiKey);
    if (required > balance.free) {
      throw new SimRejection('insufficient-margin', `${where}: margin ${required.toFixed(2)} ${account.currency} needed, ${balance.free.toFixed(2)} available`);
    }
  }

  private fill(account: Account, instrument: SimInstrument, order: SimOrder, price: number, quantity: number, maker: boolean): void {
    const now = this.market.now();
    const feeRate = maker ? account.fees.maker : account.fees.taker;
    const fee = fillFee(price, quantity, feeRate, instrument.contractSize);
    order.averagePrice = ((order.averagePrice ?? 0) * order.filled + price * quantity) / (order.filled + quantity);
    order.filled = Number((order.filled + quantity).toPrecision(12));
    order.fee += fee;
    order.updatedAt = now;
    account.wallet -= fee;
    this.applyToPosition(account, instrument, order.side === 'buy' ? quantity : -quantity, price, now);
    account.trades.push({
      tradeId: String(this.nextTradeId++), orderId: order.orderId, clientOrderId: order.clientOrderId, instrumentId: instrument.id,
      side: order.side, price, quantity, fee, feeCurrency: account.currency, maker, time: now,
    });
  }

  private applyToPosition(account: Account, instrument: SimInstrument, signed: number, price: number, now: number): void {
    const held = account.positions.get(instrument.id);
    const { position, realisedPnl } = applyFill(held && { size: held.size, entry: held.entryPrice }, signed, price, instrument.contractSize);
    account.wallet += realisedPnl;
    if (position === null) account.positions.delete(instrument.id);
    else account.positions.set(instrument.id, { size: position.size, entryPrice: position.entry, updatedAt: now });
  }

  /** Resting limit orders take the crossing book levels, at most once per simulated minute. */
  private fillResting(account: Account): void {
    const minute = Math.floor(this.market.now() / MINUTE);
    for (const order of account.orders.values()) {
      if ((order.status !== 'new' && order.status !== 'partially-filled') || account.lastFillMinute.get(order.orderId) === minute) continue;
      account.lastFillMinute.set(order.orderId, minute);
      const instrument = this.instrumentOf(account.venue, order.instrumentId);
      const book = this.market.orderBook(account.venue, order.instrumentId, BOOK_DEPTH);
      const levels = order.side === 'buy' ? book.asks : book.bids;
      for (const [, take] of takeFromBook(levels, order.side, order.price, order.quantity - order.filled)) {
        this.fill(account, instrument, order, order.price!, take, true);
      }
      this.settleStatus(order);
    }
  }

  private settleStatus(order: SimOrder): void {
    if (order.status === 'cancelled') return;
    if (order.filled >= order.quantity - 1e-12) order.status = 'filled';
    else if (order.type === 'market') order.status = order.filled > 0 ? 'cancelled' : 'rejected';
    else order.status = order.filled > 0 ? 'partially-filled' : 'new';
  }

  /** A position whose mark crosses its liquidation price is closed at that price. */
  private liquidate(account: Account): void {
    for (const position of this.positionList(account)) {
      if (!liquidationBreached(position.size, position.markPrice, position.liquidationPrice)) continue;
      const instrument = this.instrumentOf(account.venue, position.instrumentId);
      this.applyToPosition(account, instrument, -position.size, position.liquidationPrice!, this.market.now());
      account.wallet = Math.max(0, account.wallet);
    }
  }

  private positionList(account: Account): SimPosition[] {
    const list: SimPosition[] = [];
    for (const [id, state] of account.positions) {
      const instrument = this.instrumentOf(account.venue, id);
      const { leverage, marginMode } = this.leverage(account.venue, account.apiKey, id);
      const mark = this.market.markPrice(account.venue, id);
      const quantity = Math.abs(state.size) * instrument.contractSize;
      const margin = (quantity * mark) / leverage;
      const side = state.size > 0 ? 'buy' : 'sell';
      const mmr = instrument.maintenanceMarginRate;
      // Isolated: the position's own margin backs it; cross: the whole wallet does.
      const liquidation = marginMode === 'isolated'
        ? liquidationPrice(side, state.entryPrice, leverage, mmr)
        : crossLiquidationPrice(side, state.entryPrice, quantity, account.wallet, mmr);
      list.push({
        instrumentId: id, size: state.size, entryPrice: state.entryPrice, markPrice: mark, leverage, marginMode,
        unrealisedPnl: unrealisedPnl({ size: state.size, entry: state.entryPrice }, mark, instrument.contractSize),
        liquidationPrice: liquidation > 0 ? liquidation : null, margin, updatedAt: state.updatedAt,
      });
    }
    return list;
  }

  private openOrderMargin(account: Account): number {
    let total = 0;
    for (const order of account.orders.values()) {
      if (order.status !== 'new' && order.status !== 'partially-filled') continue;
      const instrument = this.instrumentOf(account.venue, order.instrumentId);
      const { leverage } = this.leverage(account.venue, account.apiKey, order.instrumentId);
      total += ((order.quantity - order.filled) * instrument.contractSize * order.price!) / leverage;
    }
    return total;
  }

  private find(account: Account, ref: { orderId?: string; clientOrderId?: string }): SimOrder | undefined {
    const orderId = ref.orderId ?? (ref.clientOrderId !== undefined ? account.clientIds.get(ref.clientOrderId) : undefined);
    return orderId === undefined ? undefined : account.orders.get(orderId);
  }

  /** Long pays short when the rate is positive (`fundingAmount`). */
  private creditFunding(venue: VenueId, instrumentId: string, settlement: SimSettlement): void {
    for (const account of this.accounts.values()) {
      if (account.venue !== venue) continue;
      const position = account.positions.get(instrumentId);
      if (!position) continue;
      const instrument = this.instrumentOf(venue, instrumentId);
      const amount = fundingAmount(position.size, settlement.markPrice, settlement.rate, instrument.contractSize);
      account.wallet += amount;
      account.income.push({
        id: String(this.nextIncomeId++), instrumentId, time: settlement.time, amount, currency: account.currency,
        rate: settlement.rate, positionSize: position.size, markPrice: settlement.markPrice,
      });
    }
  }
}

/** Oldest first from `since`, or the newest `limit` when no `since` is given. */
function pageOf<T extends { time: number }>(items: T[], opts: { since?: number; limit?: number }): T[] {
  const from = opts.since === undefined ? items : items.filter((item) => item.time >= opts.since!);
  if (opts.limit === undefined || from.length <= opts.limit) return from.map((item) => ({ ...item }));
  return (opts.since === undefined ? from.slice(-opts.limit) : from.slice(0, opts.limit)).map((item) => ({ ...item }));
}
