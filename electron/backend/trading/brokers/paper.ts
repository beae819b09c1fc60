/**
 * The paper broker (default mode): orders fill against the venue's real public order book,
 * fetched through ccxt (the live venue, or the simulator in Demo), at the venue's taker fee
 * (maker for a resting limit). Limit orders that do not cross rest and fill when a later book
 * crosses them. It keeps its own positions, wallet and a funding ledger that settles each
 * symbol on its own schedule, read from the quotes it is given (`nextFundingTime`,
 * `intervalHours`), paying size × mark × rate. Its account counts coins at prices per coin
 * (docs/units.md), and an order is cut to the venue's lots as the venue would cut it.
 */
import type { Exchange } from 'ccxt';
import type { Fill, FundingPayment, JournalEntry, Order, PairIntent } from '../../../../shared/domain/orders.ts';
import { crossLiquidationPrice, liquidationPrice, maintenanceRateFor, type MarginTier } from '../../../../shared/risk/liquidation.ts';
import type { FundingQuote } from '../../../../shared/domain/quotes.ts';
import { SPOT_BORROW_COLLATERAL, VENUES, type VenueId } from '../../../../shared/domain/venues.ts';
import { DEFAULT_RISK_SETTINGS } from '../../../../shared/domain/ticket.ts';
import { createExchange, type Connection } from '../../markets/exchanges.ts';
import { toVenueError, VenueError } from '../../markets/venueErrors.ts';
import type { Balance, Broker, OrderBook, OrderRequest, VenuePosition } from './broker.ts';
import { ccxtCredentials, optionsFor } from '../../markets/accountOptions.ts';
import { lotRulesOf, readMarketInfo, type MarketInfo } from '../venueMarket.ts';
import { readAccountFee } from '../accountFees.ts';
import type { LotRules } from '../../../../shared/risk/lots.ts';
import { amountToSend, unitsOf } from './venueAmounts.ts';
import { bookInCoins } from '../../markets/marketUnits.ts';
import { bookLimit } from '../../markets/bookDepth.ts';
import { coinPrice, coinsOf, type MarketUnits } from '../../../../shared/domain/units.ts';
import { isSpotSymbol } from '../../markets/spotExchange.ts';
import { borrowsForSpotShort, exchangeFor, openSpot, spotShortRefusal, type SpotAccess } from './spotRoute.ts';
import { applyFill, fillFee, fundingAmount, takeFromBook, unrealisedPnl, type HeldPosition } from '../../../../shared/accounts/position.ts';

export interface PaperBrokerOptions {
  venue: VenueId;
  connection: Connection;
  quotes: () => readonly FundingQuote[];
  now: () => number;
  initialBalance?: number;
  /** Depth of the book walked by a market order. */
  bookDepth?: number;
  /**
   * A public exchange shared with the market data, so the venue's markets are loaded once; it
   * stays open when the broker closes (its owner closes it). Without one the broker opens its own.
   */
  exchange?: Exchange;
  /**
   * Demo only: the simulator's built-in account, for the read-only signed calls a venue
   * requires for its terms (Binance's leverage brackets). Never set against real venues.
   */
  readCredentials?: { apiKey: string; secret: string; password?: string };
  /**
   * The perp fee rates in force for this venue (the desk's fee schedule: the account's tier, what
   * Settings say, or the venue's default), so a paper fill costs what the preview counted. None:
   * the venue's defaults. Spot fills pay the venue's spot rate.
   */
  perpFees?: () => { taker: number; maker: number };
  /**
   * The annual rate a paper spot short pays on its borrowed coins (Settings; the default when
   * absent), charged as the buy-back's fee: the preview counts the same rate without a venue's own.
   */
  spotBorrowApr?: () => number;
}

export interface PaperBroker extends Broker {
  /** Books every settlement due by now on held positions; returns the new payments. */
  settleFunding(): FundingPayment[];
  /**
   * Rebuilds the account from the journal at start (before any order): positions and wallet
   * from this venue's fills (an order answer journalled without its fill counts at the order's
   * average price), its orders by client id, and the funding ledger from `funding` entries, so
   * settlements already booked are not booked again.
   */
  restore(entries: readonly JournalEntry[]): void;
  /**
   * After `restore`: reads the venue's tiers of every restored leveraged position, so its
   * liquidation price is the one shown before the restart. A venue that does not answer leaves
   * the conservative default (a nearer liquidation), never a failed start.
   */
  restoreTerms(): Promise<void>;
}

/** A funding entry's payload: the venue's payment and, when pairs share the symbol, this pair's share. */
export interface FundingEntryData extends FundingPayment {
  /** The whole payment at the venue; `amount` is the pair's share of it. */
  paymentAmount: number;
}

const EPSILON = 1e-12;
const YEAR_MS = 365 * 24 * 3_600_000;

/** Sizes in coins, prices per coin (docs/units.md). */
type Held = HeldPosition;

export async function createPaperBroker(options: PaperBrokerOptions): Promise<PaperBroker> {
  const exchange = options.exchange ?? createExchange(options.venue, optionsFor(options.venue, options.connection.baseUrl !== undefined), options.connection);
  try {
    // A shared exchange whose owner has loaded markets is ready as it is: ccxt keeps the promise
    // of the owner's last reload, and a failed one must not keep the paper account closed.
    if (exchange.markets === undefined) await exchange.loadMarkets();
  } catch (error) {
    throw toVenueError(options.venue, error);
  }
  return new Paper(options, exchange, options.exchange === undefined, await openSpot(options.venue, options.connection));
}

class Paper implements PaperBroker {
  readonly venue: VenueId;
  readonly mode = 'paper' as const;
  readonly #options: PaperBrokerOptions;
  readonly #exchange: Exchange;
  readonly #held = new Map<string, Held>();
  readonly #orders = new Map<string, Order>();
  readonly #ledger: FundingPayment[] = [];
  /** Next settlement to book per symbol, learnt from the quotes. */
  readonly #due = new Map<string, number>();
  /** When each held position opened (or its funding was last journalled): its settlements count from there. */
  readonly #since = new Map<string, number>();
  #restoring = false;
  /** Leverage set per symbol: the paper account liquidates as the venue would. */
  readonly #leverage = new Map<string, number>();
  /** Margin mode per symbol as the ticket approved it: a cross leg liquidates on the account's equity. */
  readonly #marginModes = new Map<string, 'cross' | 'isolated'>();
  /** The venue's maintenance tiers per symbol, read when leverage is set (null: the conservative default). */
  readonly #tiers = new Map<string, MarginTier[] | null>();
  /** Latest settlement per symbol already in the journal when the account was restored. */
  readonly #restoredThrough = new Map<string, number>();
  #wallet: number;
  /** False when the exchange is shared: closing it is its owner's job. */
  readonly #ownsExchange: boolean;
  /** Demo's signed reader of the venue's terms, made on first use. */
  #signed: Exchange | null = null;
  /** The venue's public spot markets, for spot legs (spotRoute.ts). */
  readonly #spot: SpotAccess;

  constructor(options: PaperBrokerOptions, exchange: Exchange, ownsExchange: boolean, spot: SpotAccess) {
    this.venue = options.venue;
    this.#options = options;
    this.#exchange = exchange;
    this.#ownsExchange = ownsExchange;
    this.#spot = spot;
    this.#wallet = options.initialBalance ?? 100_000;
  }

  async setLeverage(symbol: string, leverage: number, marginMode: 'cross' | 'isolated' = 'isolated'): Promise<void> {
    this.#exchange.market(symbol); // an unknown symbol throws, as a venue would refuse it
    this.#leverage.set(symbol, leverage);
    this.#marginModes.set(symbol, marginMode);
    this.#tiers.set(symbol, (await this.marketInfo(symbol)).tiers);
  }

  /** A paper account sets the margin mode per symbol, as the ticket asks. */
  async accountMarginMode(): Promise<null> {
    return null;
  }

  /** The exchange serving `symbol`: spot symbols never reach the perp exchange. */
  #ex(symbol: string): Exchange {
    return exchangeFor(this.venue, this.#exchange, this.#spot, symbol);
  }

  async marketInfo(symbol: string): Promise<MarketInfo> {
    try {
      return await readMarketInfo(isSpotSymbol(symbol) ? this.#ex(symbol) : this.#termsExchange(), symbol);
    } catch (error) {
      throw toVenueError(this.venue, error);
    }
  }

  /** Demo reads the simulator account's tier; a Paper account has no key to ask with. */
  async accountFee(): Promise<{ taker: number; maker: number } | null> {
    return this.#options.readCredentials ? readAccountFee(this.venue, this.#termsExchange()) : null;
  }

  /**
   * The exchange that reads the venue's terms: the public one, or in Demo a signed twin that
   * shares its loaded markets (no second market load), so the shared public one never holds a key.
   */
  #termsExchange(): Exchange {
    const credentials = this.#options.readCredentials;
    if (!credentials) return this.#exchange;
    if (!this.#signed) {
      const signed = createExchange(this.venue, optionsFor(this.venue, this.#options.connection.baseUrl !== undefined), this.#options.connection);
      signed.setMarkets(this.#exchange.markets);
      Object.assign(signed, ccxtCredentials(this.venue, credentials));
      this.#signed = signed;
    }
    return this.#signed;
  }

  /**
   * Liquidation price of a held position at the venue's tier for its notional: isolated on its
   * leverage (1× when none was set), cross on the account's equity (account-wide).
   */
  #liquidation(symbol: string, held: Held, equity: number): number | null {
    // Coins held outright cannot be liquidated.
    if (isSpotSymbol(symbol)) return null;
    const mmr = maintenanceRateFor(this.#tiers.get(symbol) ?? null, Math.abs(held.size) * held.entry, this.units(symbol).asset);
    const side = held.size > 0 ? 'buy' : 'sell';
    if (this.#marginModes.get(symbol) === 'cross') return crossLiquidationPrice(side, held.entry, Math.abs(held.size), equity, mmr);
    return liquidationPrice(side, held.entry, this.#leverage.get(symbol) ?? 1, mmr);
  }

  units(symbol: string): MarketUnits {
    return unitsOf(this.#ex(symbol), symbol);
  }

  lot(symbol: string): LotRules {
    return lotRulesOf(this.#ex(symbol).market(symbol));
  }

  /** The mark per coin from the venue's quote. */
  #mark(symbol: string): number | null {
    const mark = this.#quote(symbol)?.markPrice;
    return mark ? coinPrice(this.units(symbol), mark) : null;
  }

  async orderBook(symbol: string, depth: number): Promise<OrderBook> {
    try {
      return bookInCoins(this.units(symbol), await this.#ex(symbol).fetchOrderBook(symbol, bookLimit(this.#ex(symbol).id, depth)));
    } catch (error) {
      const mapped = toVenueError(this.venue, error);
      throw new VenueError(mapped.kind, this.venue, `${symbol}: ${mapped.message}`, mapped.retryAfterMs);
    }
  }

  async createOrder(request: OrderRequest): Promise<Order> {
    const known = this.#orders.get(request.clientOrderId);
    if (known) return { ...known }; // the same client id is the same order, never a second one
    const spot = isSpotSymbol(request.symbol);
    // An opening spot sell is a short on borrowed coins: only where the terminal borrows (docs/orders.md, "Spot shorts").
    if (spot && !request.reduceOnly && request.side === 'sell' && !borrowsForSpotShort(this.venue)) throw new VenueError('rejected', this.venue, spotShortRefusal(this.venue, request.symbol));
    const asked = request.reduceOnly ? this.#reducible(request) : request.quantity;
    const quantity = coinsOf(this.units(request.symbol), amountToSend(this.venue, this.#ex(request.symbol), request.symbol, asked, request.reduceOnly));
    const order: Order = {
      venue: this.venue, symbol: request.symbol, clientOrderId: request.clientOrderId, venueOrderId: `paper-${this.#orders.size + 1}`,
      side: request.side, type: request.type, price: request.price ?? null, quantity, filled: 0, averagePrice: null, status: 'open',
      reduceOnly: request.reduceOnly, fee: 0, time: this.#options.now(),
    };
    const book = await this.orderBook(request.symbol, this.#options.bookDepth ?? 100);
    const interest = spot && request.reduceOnly && request.side === 'buy' ? this.#borrowInterestPerCoin(request.symbol) : 0;
    this.#walk(order, request.side === 'buy' ? book.asks : book.bids, { rate: spot ? VENUES[this.venue].spotTakerFee : this.#perpFees().taker, maker: false });
    // The buy-back repays the borrow's interest on the coins it buys back (docs/orders.md, "Spot shorts").
    order.fee += interest * order.filled;
    this.#wallet -= interest * order.filled;
    // A market order's unfilled rest (book too thin) is cancelled, as an IOC remainder is at a venue.
    if (order.type === 'market' && order.status !== 'filled') order.status = order.filled > 0 ? 'cancelled' : 'rejected';
    this.#orders.set(order.clientOrderId, order);
    return { ...order };
  }

  /** A reduce-only order may only shrink the position; with nothing to reduce, the venue refuses. */
  #reducible(request: OrderRequest): number {
    const size = this.#held.get(request.symbol)?.size ?? 0;
    const reducible = request.side === 'buy' ? Math.max(0, -size) : Math.max(0, size);
    if (reducible <= 0) throw new VenueError('rejected', this.venue, `${request.symbol}: reduce-only ${request.side} refused: no position to reduce (paper)`);
    return Math.min(reducible, request.quantity);
  }

  /** USD of interest per coin of a spot short, at the Settings rate from its opening to now (simple, as the preview counts it). */
  #borrowInterestPerCoin(symbol: string): number {
    const held = this.#held.get(symbol);
    const since = this.#since.get(symbol);
    if (!held || held.size >= 0 || since === undefined) return 0;
    const apr = this.#options.spotBorrowApr?.() ?? DEFAULT_RISK_SETTINGS.spotBorrowApr;
    return (held.entry * apr * Math.max(0, this.#options.now() - since)) / YEAR_MS;
  }

  #perpFees(): { taker: number; maker: number } {
    return this.#options.perpFees?.() ?? { taker: VENUES[this.venue].takerFee, maker: VENUES[this.venue].makerFee };
  }

  /**
   * Fills `order` level by level, up to its limit price, at `fee.rate` (shared/accounts/position.ts
   * walks the book); a resting limit (`fee.maker`) fills at its own price.
   */
  #walk(order: Order, levels: ReadonlyArray<[number, number]>, fee: { rate: number; maker: boolean }): void {
    let cost = order.averagePrice === null ? 0 : order.averagePrice * order.filled;
    const maker = order.type === 'limit' && fee.maker;
    const feeRate = fee.rate;
    for (const [price, take] of takeFromBook(levels, order.side, order.price, order.quantity - order.filled)) {
      const fillPrice = maker ? order.price! : price;
      const fee = fillFee(fillPrice, take, feeRate);
      cost += take * fillPrice;
      order.filled += take;
      order.fee += fee;
      this.#wallet -= fee;
      this.#apply(order.symbol, order.side === 'buy' ? take : -take, fillPrice);
    }
    if (order.filled > 0) order.averagePrice = cost / order.filled;
    order.status = order.filled >= order.quantity - 1e-12 ? 'filled' : order.filled > 0 ? 'partially-filled' : 'open';
  }

  /** Adds a signed fill to the position, realising PnL on the part that reduces it. */
  #apply(symbol: string, delta: number, price: number, at = this.#options.now()): void {
    // Settlements before this fill are owed at the size held until now.
    if (this.#held.has(symbol) && !this.#restoring) this.settleFunding();
    const opening = !this.#held.has(symbol);
    const { position, realisedPnl } = applyFill(this.#held.get(symbol), delta, price);
    this.#wallet += realisedPnl;
    if (position === null) {
      this.#held.delete(symbol);
      this.#since.delete(symbol);
      this.#due.delete(symbol);
    } else {
      this.#held.set(symbol, position);
      if (opening) this.#since.set(symbol, at);
    }
  }

  /**
   * The first settlement a position owes: the one after it opened, found on the quote's own
   * schedule, so settlements missed while nobody asked (a sleeping laptop, a stepped clock, a
   * restart) are still booked.
   */
  #firstDue(symbol: string, quote: FundingQuote & { nextFundingTime: number }): number {
    const since = this.#since.get(symbol);
    const step = quote.intervalHours * 3_600_000;
    let due = quote.nextFundingTime;
    if (since !== undefined) while (due - step > since) due -= step;
    return due;
  }

  /** Resting limits fill when a later book crosses them (at their own price, maker fee). */
  async #matchResting(): Promise<void> {
    for (const order of this.#orders.values()) {
      if (order.status !== 'open' && order.status !== 'partially-filled') continue;
      const book = await this.orderBook(order.symbol, this.#options.bookDepth ?? 100);
      this.#walk(order, order.side === 'buy' ? book.asks : book.bids, { rate: isSpotSymbol(order.symbol) ? VENUES[this.venue].makerFee : this.#perpFees().maker, maker: true });
    }
  }

  async cancelOrder(symbol: string, clientOrderId: string): Promise<void> {
    const order = this.#orders.get(clientOrderId);
    if (!order || (order.status !== 'open' && order.status !== 'partially-filled')) {
      throw new VenueError('rejected', this.venue, `${symbol}: no open paper order ${clientOrderId} to cancel`);
    }
    order.status = 'cancelled';
  }

  async restoreTerms(): Promise<void> {
    for (const symbol of this.#leverage.keys()) {
      if (this.#tiers.has(symbol)) continue;
      try {
        this.#tiers.set(symbol, (await this.marketInfo(symbol)).tiers);
      } catch (error) {
        if (!(error instanceof VenueError)) throw error;
      }
    }
  }

  restore(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      if (entry.kind !== 'intent') continue;
      const legs = (entry.data as { intent?: PairIntent }).intent?.legs ?? [];
      for (const leg of legs) {
        if (leg.venue !== this.venue || !leg.leverage) continue;
        this.#leverage.set(leg.symbol, leg.leverage);
        this.#marginModes.set(leg.symbol, leg.marginMode ?? 'isolated');
      }
    }
    this.#restoring = true;
    try {
      this.#replay(entries.filter((entry) => entry.venue === this.venue));
    } finally {
      this.#restoring = false;
    }
    for (const [symbol, through] of this.#restoredThrough) {
      if (this.#held.has(symbol)) this.#since.set(symbol, Math.max(this.#since.get(symbol) ?? through, through));
    }
  }

  #replay(mine: readonly JournalEntry[]): void {
    const filled = new Map<string, number>();
    for (const entry of mine) {
      if (entry.kind !== 'fill') continue;
      const fill = entry.data as Fill;
      this.#book(fill.symbol, fill.side, fill.quantity, fill.price, fill.fee, entry.time);
      filled.set(fill.clientOrderId, (filled.get(fill.clientOrderId) ?? 0) + fill.quantity);
    }
    for (const order of latestOrders(mine)) {
      this.#orders.set(order.clientOrderId, { ...order });
      const gap = order.filled - (filled.get(order.clientOrderId) ?? 0);
      // A crash between the order's answer and its fill entry: the answer is the record.
      if (gap > EPSILON && order.averagePrice !== null) this.#book(order.symbol, order.side, gap, order.averagePrice, order.filled > 0 ? order.fee * gap / order.filled : 0);
    }
    this.#restoreLedger(mine);
  }

  #book(symbol: string, side: Order['side'], quantity: number, price: number, fee: number, at?: number): void {
    this.#wallet -= fee;
    this.#apply(symbol, side === 'buy' ? quantity : -quantity, price, at);
  }

  /** One ledger payment per venue payment id (pairs sharing a symbol journal one entry each). */
  #restoreLedger(entries: readonly JournalEntry[]): void {
    const seen = new Set(this.#ledger.map((payment) => payment.id));
    for (const entry of entries) {
      if (entry.kind !== 'funding') continue;
      const data = entry.data as FundingEntryData;
      if (seen.has(data.id)) continue;
      seen.add(data.id);
      const payment: FundingPayment = { venue: this.venue, symbol: data.symbol, time: data.time, amount: data.paymentAmount, rate: data.rate, id: data.id };
      this.#ledger.push(payment);
      this.#wallet += payment.amount;
      this.#restoredThrough.set(data.symbol, Math.max(this.#restoredThrough.get(data.symbol) ?? -Infinity, data.time));
    }
  }

  async fetchOrderByClientId(_symbol: string, clientOrderId: string): Promise<Order | null> {
    const order = this.#orders.get(clientOrderId);
    return order ? { ...order } : null;
  }

  async openOrders(): Promise<Order[]> {
    await this.#matchResting();
    return [...this.#orders.values()].filter((o) => o.status === 'open' || o.status === 'partially-filled').map((o) => ({ ...o }));
  }

  #quote(symbol: string): FundingQuote | undefined {
    return this.#options.quotes().find((q) => q.venue === this.venue && q.symbol === symbol);
  }

  settleFunding(): FundingPayment[] {
    const now = this.#options.now();
    const booked: FundingPayment[] = [];
    for (const [symbol, held] of this.#held) {
      const quote = this.#quote(symbol);
      if (!quote || quote.nextFundingTime === null) continue;
      let due = this.#due.get(symbol) ?? this.#firstDue(symbol, { ...quote, nextFundingTime: quote.nextFundingTime });
      while (due <= now) {
        // The quote's running rate is the one paid at its nextFundingTime; once the quote has
        // moved on, the period just settled is its last settled rate.
        const rate = quote.nextFundingTime === due ? quote.rate ?? quote.lastSettledRate : quote.lastSettledRate ?? quote.rate;
        const mark = this.#mark(symbol) ?? held.entry;
        const journalled = due <= (this.#restoredThrough.get(symbol) ?? -Infinity);
        if (rate !== null && !journalled) {
          const payment = { venue: this.venue, symbol, time: due, amount: fundingAmount(held.size, mark, rate), rate, id: `${this.venue} ${symbol} ${due}` };
          this.#wallet += payment.amount;
          this.#ledger.push(payment);
          booked.push(payment);
        }
        due += quote.intervalHours * 3_600_000;
      }
      this.#due.set(symbol, Math.max(due, quote.nextFundingTime));
    }
    return booked;
  }

  async positions(): Promise<VenuePosition[]> {
    this.settleFunding();
    const spotMarks = await this.#spotMarks();
    // A cross leg liquidates on the wallet, as if it were the account's only position.
    // The paper account is its own venue: its value is its own coins at the mark per coin.
    return [...this.#held].map(([symbol, held]) => {
      const mark = spotMarks.get(symbol) ?? this.#mark(symbol) ?? held.entry;
      return {
        venue: this.venue, symbol, size: held.size, entryPrice: held.entry, markPrice: mark,
        liquidationPrice: this.#liquidation(symbol, held, this.#wallet), venueUsd: Math.abs(held.size) * mark,
      };
    });
  }

  /** Last prices of the spot pairs held (spot legs have no funding quote to take a mark from). */
  async #spotMarks(): Promise<Map<string, number>> {
    const symbols = [...this.#held.keys()].filter(isSpotSymbol);
    if (symbols.length === 0 || !('exchange' in this.#spot)) return new Map();
    try {
      const tickers = await this.#spot.exchange.fetchTickers(symbols);
      return new Map(symbols.flatMap((symbol) => (tickers[symbol]?.last ? [[symbol, tickers[symbol].last]] : [])));
    } catch (error) {
      throw toVenueError(this.venue, error);
    }
  }

  /**
   * The paper wallet counts coins bought at their price (equity), but what spot legs paid for
   * them is not free to back other orders, nor the collateral a borrowed short holds (Binance's
   * Cross Margin Classic). Fees come out of the wallet in USD (a venue takes a spot buy's fee in
   * the coin bought); a short's borrow interest comes out with its buy-back's fee.
   */
  async balances(): Promise<Balance[]> {
    this.settleFunding();
    const currency = this.venue === 'hyperliquid' ? 'USDC' : 'USDT';
    const unrealised = [...this.#held].reduce((sum, [symbol, h]) => sum + unrealisedPnl(h, this.#mark(symbol) ?? h.entry), 0);
    const paidForCoins = [...this.#held].filter(([symbol]) => isSpotSymbol(symbol))
      .reduce((sum, [, h]) => sum + (h.size > 0 ? h.size * h.entry : -h.size * h.entry * SPOT_BORROW_COLLATERAL), 0);
    // As a venue reports it: free is what the perps' initial margin (notional at entry / leverage) does not hold.
    const initialMargin = [...this.#held].filter(([symbol]) => !isSpotSymbol(symbol))
      .reduce((sum, [symbol, h]) => sum + Math.abs(h.size * h.entry) / (this.#leverage.get(symbol) ?? 1), 0);
    return [{ currency, total: this.#wallet + unrealised, free: this.#wallet + unrealised - paidForCoins - initialMargin }];
  }

  async fundingPayments(symbol?: string, since?: number): Promise<FundingPayment[]> {
    this.settleFunding();
    return this.#ledger.filter((p) => (symbol === undefined || p.symbol === symbol) && (since === undefined || p.time >= since));
  }

  async close(): Promise<void> {
    if (this.#ownsExchange) await this.#exchange.close();
    if ('exchange' in this.#spot) await this.#spot.exchange.close();
    await this.#signed?.close();
  }
}

/** The last answer journalled per client id, in journal order. */
function latestOrders(entries: readonly JournalEntry[]): Order[] {
  const latest = new Map<string, Order>();
  for (const entry of entries) {
    if (entry.kind === 'order' || entry.kind === 'cancel') latest.set((entry.data as Order).clientOrderId, entry.data as Order);
  }
  return [...latest.values()];
}
